"""A photo's ink less what the paper and the camera put there: printed lines, specks, and slivers cut by the frame.

A digit photographed on ruled or squared paper came out as "not a digit": the lines were ink too, so the digit was cut
out together with the whole page and shrank to a dot. MNIST's digits were written in boxes on forms and scanned, then
cut out by their own ink alone; these steps give a photo's digit the same chance. They run on photos and image files
(never on the app's canvas) large enough to hold a page's lines.
"""

from __future__ import annotations

import cv2
import numpy as np

PHOTO_MIN_SIDE = 200  # smaller images (a scan of one digit, an MNIST-format file) are taken as they are
LINE_THIN = 0.005  # a printed line is at most this thick (share of the photo's longer side, at least 2 px); a pen's
#                    stroke across it is thicker along the line's normal, and stays
LINE_TILT_MAX, TILT_STEP, TILT_SIDE = 8.0, 0.25, 256  # a page askew by up to 8° is turned level first (tried every
#                                                        0.25°, on the page shrunk to 256 px)
LINE_TILT_PX = 3  # how far a line may still drift across its own direction (a page not quite level) within ...
LINE_RUN = 1 / 6  # ... a run of this share of the photo's width (or height), after ...
LINE_GAP = 0.01  # ... closing gaps this long (noise, a faint stretch; shorter than a squared page's squares)
LINE_ACROSS = 0.85  # a printed line runs across this share of the photo at least, or ...
LINE_ACROSS_AT_EDGE = 0.3  # ... this share where it leaves through the frame's edge (tilted, or cut by it), if ...
LINE_THIN_SHARE = 0.6  # ... thin along this share of its ink at least (not a bold digit's stroke along the frame)
LINE_REPEATS = 2  # a ruling repeats: fewer such runs one way are a digit's strokes (a fine pen's 7, its bar across)
SPECK, SPECK_PX = 0.02, 12  # a mark smaller than this share of the largest one, or than so many pixels, is noise
SLIVER = 0.25  # a thin mark touching the frame's edge and smaller than this share of the largest is a leftover line


def _touches_edge(stats: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Whether each connected component (cv2's stats rows) touches the image's edge."""
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    return (left == 0) | (top == 0) | (right >= shape[1]) | (bottom >= shape[0])


def _thick(marked: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """The marked pixels inside a block of `shape` (rows, columns) all marked: nothing beyond the image's edge counts
    as marked (cv2's default would take a thin line along the edge for a thick one)."""
    kernel = np.ones(shape, np.uint8)
    return cv2.morphologyEx(marked, cv2.MORPH_OPEN, kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0) > 0


def _tilt(marked: np.ndarray) -> float:
    """The turn (degrees, up to LINE_TILT_MAX either way) that brings a page's printed lines level: the one whose rows
    of ink are most uneven (a ruled page's rows alternate between line and paper)."""
    scale = TILT_SIDE / max(marked.shape)
    small = cv2.resize(marked.astype(np.float32), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    centre = (small.shape[1] / 2, small.shape[0] / 2)

    def unevenness(angle: float) -> float:
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), small.shape[::-1])
        return float(np.var(turned.sum(axis=1)))

    return float(max(np.arange(-LINE_TILT_MAX, LINE_TILT_MAX + TILT_STEP / 2, TILT_STEP), key=unevenness))


def _level_lines(level: np.ndarray, outside: np.ndarray, thin_px: int) -> np.ndarray:
    """On a page turned level, the pixels of printed lines running left to right across it: runs across most of it
    (or out through its edge, into `outside`, where the turned photo left no page), thin along their normal, and at
    least LINE_REPEATS of them (a ruling repeats; a lone straight stroke is a digit's)."""
    width = level.shape[1]
    band = cv2.dilate(level, np.ones((2 * LINE_TILT_PX + 1, 1), np.uint8))
    band = cv2.morphologyEx(band, cv2.MORPH_CLOSE, np.ones((1, max(3, int(LINE_GAP * width))), np.uint8))
    runs = cv2.morphologyEx(band, cv2.MORPH_OPEN, np.ones((1, max(3, int(LINE_RUN * width))), np.uint8))
    count, labels, stats, __ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    spans = stats[:, cv2.CC_STAT_WIDTH]
    thin = (level > 0) & ~_thick(level, (thin_px + 1, 1))
    inked, thinly = (np.bincount(labels[where], minlength=count) for where in (level > 0, thin))
    leaves = np.bincount(labels[outside], minlength=count) > 0
    at_edge = (_touches_edge(stats, level.shape) | leaves) & (spans >= LINE_ACROSS_AT_EDGE * width)
    across = (spans >= LINE_ACROSS * width) | (at_edge & (thinly >= LINE_THIN_SHARE * inked))
    across[0] = False  # the background
    if across.sum() < LINE_REPEATS:
        return np.zeros(level.shape, bool)
    return across[labels] & thin


def _printed_lines(marked: np.ndarray, thin_px: int) -> np.ndarray:
    """The pixels of a page's printed lines, both ways (ruled, squared), found on the page turned level."""
    height, width = marked.shape
    angle = _tilt(marked)
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(np.cos(np.radians(angle))), abs(np.sin(np.radians(angle)))
    size = (int(np.ceil(width * cos + height * sin)), int(np.ceil(width * sin + height * cos)))  # the whole photo, turned
    turn[:, 2] += (size[0] - width) / 2, (size[1] - height) / 2
    level = cv2.warpAffine(marked, turn, size, flags=cv2.INTER_NEAREST)
    page = cv2.warpAffine(np.ones_like(marked), turn, size, flags=cv2.INTER_NEAREST)
    outside = cv2.dilate(1 - page, np.ones((3, 3), np.uint8)) > 0  # the corners a turn leaves empty, and their rim
    lines = np.zeros(marked.shape, bool)
    for across, along in ((False, (thin_px + 1, 1)), (True, (1, thin_px + 1))):  # left to right, then top to bottom
        found = (_level_lines(np.ascontiguousarray(level.T), np.ascontiguousarray(outside.T), thin_px).T if across
                 else _level_lines(level, outside, thin_px))
        if not found.any():
            continue
        back = cv2.warpAffine(found.astype(np.uint8), cv2.invertAffineTransform(turn), (width, height),
                              flags=cv2.INTER_NEAREST)
        near = cv2.dilate(back, np.ones((3, 3), np.uint8)) > 0  # (turned twice, a pixel may land one over)
        lines |= near & (marked > 0) & ~_thick(marked, along)  # a pen's stroke across the line stays
    return lines


def _small_marks(ink: np.ndarray, thin_px: int) -> np.ndarray:
    """The pixels of specks, and of thin slivers at the frame's edge, much smaller than the largest mark."""
    marked = (ink > 0).astype(np.uint8)
    count, labels, stats, __ = cv2.connectedComponentsWithStats(marked, connectivity=8)
    if count <= 2:  # no mark, or one
        return np.zeros(ink.shape, bool)
    areas = stats[:, cv2.CC_STAT_AREA].astype(float)
    largest = areas[1:].max()
    has_thick = np.bincount(labels[_thick(marked, (thin_px + 1, thin_px + 1))], minlength=count) > 0
    small = (areas < max(SPECK_PX, SPECK * largest)) | (_touches_edge(stats, ink.shape) & ~has_thick & (areas < SLIVER * largest))
    small[0] = False
    return small[labels]


def without_paper_marks(ink: np.ndarray) -> np.ndarray:
    """A photo's ink map (white on black, in [0, 1]) less its printed lines (ruled, squared), its specks of noise and
    the slivers of line left at its edge; smaller images come back as they are."""
    if min(ink.shape) < PHOTO_MIN_SIDE:
        return ink
    thin_px = max(2, 2 * round(LINE_THIN * max(ink.shape) / 2))  # even: the blocks that test thickness are odd, centred
    marked = (ink > 0).astype(np.uint8)
    kept = np.where(_printed_lines(marked, thin_px), 0.0, ink).astype(np.float32)
    kept[_small_marks(kept, thin_px)] = 0.0
    return kept
