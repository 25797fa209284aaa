"""Any drawing or photo -> a 28 x 28 uint8 digit made the way MNIST was made, with its stages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from mnist_knn.model.features import CENTRE, DIGIT_BOX, SIDE, grey_levels
from mnist_knn.reading.photo_marks import without_paper_marks

MAX_WORKING_SIDE = 1024  # larger photos are reduced first, bounding time and memory
MIN_CONTRAST = 0.08  # ink weaker than this (fraction of full scale) counts as no ink
NOISE_FLOOR = 0.10  # after normalising, ink below this is background noise
POLARITIES = ("auto", "light-on-dark", "dark-on-light")
# a photo's paper is fitted on a grid of so many cells a side, so many times, to the share of them lying lowest (percent)
PAPER_GRID, PAPER_FITS, PAPER_SHARE = 64, 4, 70
# past this share of the image inked at PAPER_INK of the darkest ink's strength above the median, the paper is one level
PAPER_INK, PAPER_INKED = 0.8, 0.1
PAPER_TERMS = [(a, b) for a in range(4) for b in range(4 - a)]  # x^a y^b up to the third degree


@dataclass(frozen=True)
class PreprocessStages:
    """Every intermediate image from the input to the MNIST-format digit, uint8, white ink on black (the model's own
    steps come after: `DrawingSearch.model_input` is what it compared)."""

    ink: np.ndarray  # the whole input as an ink map
    crop: np.ndarray  # cropped to the ink's bounding box
    fitted: np.ndarray  # longer side scaled to 20 px, aspect ratio kept
    centred: np.ndarray  # 28 x 28, centre of mass at the centre: the MNIST-format digit


def _unit_scale(array: np.ndarray) -> np.ndarray:
    """Any numeric array -> float32 in [0, 1]: 8-bit and 16-bit ranges recognised, floats taken as 0-1 or 0-255."""
    values = np.nan_to_num(array.astype(np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    top = float(values.max(initial=0.0))
    scale = 1.0 if top <= 1.0 else 255.0 if top <= 255.0 else 65535.0 if top <= 65535.0 else top
    return np.clip(values / scale, 0.0, 1.0).astype(np.float32)


def to_grey(image: np.ndarray) -> np.ndarray:
    """Reduce grey, RGB or RGBA (opaque or transparent) to one float channel in [0, 1] of ink-or-paper."""
    array = np.asarray(image)
    if array.size == 0 or array.ndim not in (2, 3):
        raise ValueError(f"expected an H x W, H x W x 3 or H x W x 4 image, got shape {array.shape}")
    if array.ndim == 3 and array.shape[2] not in (1, 3, 4):
        raise ValueError(f"expected 1, 3 or 4 channels, got {array.shape[2]}")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"expected a numeric image, got dtype {array.dtype}")
    if array.dtype != np.uint8:
        array = np.rint(_unit_scale(array) * 255.0).astype(np.uint8)
    if array.ndim == 3 and array.shape[2] == 4:
        alpha = array[:, :, 3]
        low, high = int(alpha.min()), int(alpha.max())
        if high - low > MIN_CONTRAST * 255:
            return alpha.astype(np.float32) / 255.0  # a transparent canvas: whatever was painted is ink
        if high <= MIN_CONTRAST * 255:
            return np.zeros(alpha.shape, np.float32)
        grey = cv2.cvtColor(np.ascontiguousarray(array), cv2.COLOR_RGBA2GRAY)
    elif array.ndim == 3 and array.shape[2] == 3:
        grey = cv2.cvtColor(np.ascontiguousarray(array), cv2.COLOR_RGB2GRAY)
    else:
        grey = array.reshape(array.shape[0], array.shape[1])
    return grey.astype(np.float32) / 255.0


def _darkest_level(grey: np.ndarray) -> float:
    """The 1st percentile of the grey levels; on a canvas mostly of bare paper, simply its lowest level (the same value,
    without sorting: the levels at and next to the 1st percentile's place are all that lowest one)."""
    lowest = grey.min()
    if np.count_nonzero(grey == lowest) > 0.01 * (grey.size - 1) + 1:
        return float(lowest)
    return float(np.percentile(grey, 1))


def _surface(weights: np.ndarray, height: int, width: int) -> np.ndarray:
    """The polynomial sum of weights[i] x^a y^b, for the i-th (a, b) of PAPER_TERMS, over a height x width grid (x and y
    from 0 to 1)."""
    y, x = np.linspace(0, 1, height, dtype=weights.dtype)[:, None], np.linspace(0, 1, width, dtype=weights.dtype)[None, :]
    return sum(weight * x**a * y**b for weight, (a, b) in zip(weights, PAPER_TERMS))


@cache
def _paper_terms() -> np.ndarray:
    """The paper fit's design matrix, built once: each term of PAPER_TERMS over the PAPER_GRID x PAPER_GRID grid, a column."""
    terms = np.stack([_surface(one, PAPER_GRID, PAPER_GRID).ravel() for one in np.eye(len(PAPER_TERMS))], axis=-1)
    terms.setflags(write=False)  # shared by every photo
    return terms


def _paper_under(grey: np.ndarray) -> np.ndarray | float:
    """The paper's level under each pixel of a photo (ink bright by now). Where the light fades gradually across the
    page (darker corners, a soft shadow; a sharp-edged shadow stays ink): a smooth surface, cubic in x and y, fitted to
    the image less what lies farthest above it (the ink), within the levels the paper itself has. An image too small to
    be a photo of a page, or so inked that the ink would bend the surface (a bold digit filling the frame), has one
    level: its median."""
    level = float(np.median(grey))
    if min(grey.shape) < PAPER_GRID or np.mean(grey - level > PAPER_INK * (grey.max() - level)) > PAPER_INKED:
        return level
    small = cv2.resize(grey, (PAPER_GRID, PAPER_GRID), interpolation=cv2.INTER_AREA).ravel().astype(np.float64)
    terms = _paper_terms()
    paper = np.ones(small.shape, bool)  # at first the whole image; then all but what lies farthest above the fit (ink)
    for _ in range(PAPER_FITS):
        weights = np.linalg.lstsq(terms[paper], small[paper], rcond=None)[0]
        above = small - terms @ weights
        paper = above <= np.percentile(above, PAPER_SHARE)
    return np.clip(_surface(weights.astype(np.float32), *grey.shape), small[paper].min(), small[paper].max())


def ink_map(image: np.ndarray, polarity: str = "auto") -> np.ndarray | None:
    """Ink strength in [0, 1], white on black whatever the input's polarity; None when there is no ink."""
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {POLARITIES}, got {polarity!r}")
    grey = to_grey(image)
    if max(grey.shape) > MAX_WORKING_SIDE:
        factor = MAX_WORKING_SIDE / max(grey.shape)
        size = (max(1, round(grey.shape[1] * factor)), max(1, round(grey.shape[0] * factor)))
        grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    detected = polarity == "auto"
    if detected:  # paper is what most of the image shows: a digit covers far less than half
        polarity = "dark-on-light" if np.median(grey) > 0.5 else "light-on-dark"
    if polarity == "dark-on-light":
        grey = 1.0 - grey
    # Detected (a photo or a file): the paper's level under each pixel, as its light fades. Known (the app's canvas):
    # the darkest level, which stays right even when most of the canvas is inked.
    paper = _paper_under(grey) if detected else _darkest_level(grey)
    ink = np.clip(grey - paper, 0.0, None)
    if ink.max(initial=0.0) < MIN_CONTRAST:
        return None
    ink /= ink.max()
    ink[ink < NOISE_FLOOR] = 0.0
    if detected:  # a photo: less the lines printed on its paper and the camera's specks
        ink = without_paper_marks(ink)
        if not ink.any():
            return None
        ink /= ink.max()  # (a printed line may have been the darkest)
    return ink


def _bounding_box(ink: np.ndarray) -> tuple[slice, slice]:
    """Rows and columns that hold ink."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def fit_to_box(crop: np.ndarray, box: int = DIGIT_BOX) -> np.ndarray:
    """Scale so the longer side is `box` px, keeping the aspect ratio, with anti-aliasing."""
    height, width = crop.shape
    factor = box / max(height, width)
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
    return np.clip(cv2.resize(crop, size, interpolation=interpolation), 0.0, 1.0)


def centre_by_mass(fitted: np.ndarray) -> np.ndarray:
    """Place the fitted digit in a 28 x 28 field with its centre of mass at the centre."""
    height, width = fitted.shape
    rows, cols = np.indices(fitted.shape)
    mass = fitted.sum()
    centre_row = (rows * fitted).sum() / mass
    centre_col = (cols * fitted).sum() / mass
    top = int(round(CENTRE - centre_row))
    left = int(round(CENTRE - centre_col))
    top = min(max(top, 0), SIDE - height)
    left = min(max(left, 0), SIDE - width)
    field = np.zeros((SIDE, SIDE), dtype=np.float32)
    field[top : top + height, left : left + width] = fitted
    return field


def _to_uint8(image: np.ndarray) -> np.ndarray:
    """Float [0, 1] -> uint8 [0, 255]."""
    return grey_levels(image * 255.0)


def canvas_to_mnist_stages(image: np.ndarray, polarity: str = "auto") -> PreprocessStages | None:
    """All stages from a drawing or photo to the MNIST-format digit; None when there is no ink."""
    ink = ink_map(image, polarity)
    if ink is None:
        return None
    rows, cols = _bounding_box(ink)
    crop = ink[rows, cols]
    fitted = fit_to_box(crop)
    centred = _to_uint8(centre_by_mass(fitted))
    if not centred.any():
        return None
    return PreprocessStages(ink=_to_uint8(ink), crop=_to_uint8(crop), fitted=_to_uint8(fitted), centred=centred)


def mnist_digit_stages(digit: np.ndarray) -> PreprocessStages | None:
    """The stages of a digit already in MNIST's format (28 x 28, white on black): it is its own ink, crop and input."""
    digit = np.asarray(digit, dtype=np.uint8)
    if not digit.any():
        return None
    rows, cols = _bounding_box(digit)
    return PreprocessStages(ink=digit, crop=digit[rows, cols], fitted=digit[rows, cols], centred=digit)


def canvas_to_mnist(image: np.ndarray, polarity: str = "auto") -> np.ndarray | None:
    """A drawing or photo -> 28 x 28 uint8 MNIST-format digit (white on black), or None without ink.

    polarity: 'auto' detects dark ink on light paper; the app's canvas says 'light-on-dark'.
    """
    stages = canvas_to_mnist_stages(image, polarity)
    return None if stages is None else stages.centred
