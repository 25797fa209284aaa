"""The judgement of one drawing, in plain words: is it a digit at all, and how far to trust the reading."""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

import cv2
import numpy as np

from mnist_knn import language
from mnist_knn.language import _
from mnist_knn.model.judgement import Novelty

INKED = 64  # ink map level (of 255) above which a pixel counts as inked
UNSURE = 0.8  # readings whose calibrated chance of being right is below this are called unsure
ALMOST_SURE = 0.99  # a chance above this is said as "more than 99 %", never "100 %"
MAX_COVERAGE = 0.6  # more of the canvas inked than this is not a digit: beyond_mnist.COVERAGE_RULE (a test checks)
MIN_BLOB_SHARE = 0.04  # marks smaller than this share of the ink are ignored (dots, specks)
MAX_MARKS = 3  # more separate marks than this is a scribble, not a digit
MIN_EXTENT = 0.1  # ink spanning less than this share of the canvas's longer side is a dot, not a digit
MAX_WIDTH_TO_HEIGHT = 2.5  # no digit is this much wider than tall


def _significant_blobs(inked: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Bounding boxes (x, y, w, h) of the connected ink marks that hold a real share of the ink."""
    mask = inked.astype(np.uint8)
    count, __, stats, __ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    total = mask.sum()
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count) if stats[i, 4] >= MIN_BLOB_SHARE * total]


def _side_by_side(blobs: list[tuple[int, int, int, int]], ink_height: int) -> bool:
    """True when two tall marks sit next to each other without overlapping horizontally (two digits)."""
    tall = sorted((x, x + w) for x, y, w, h in blobs if h >= 0.5 * ink_height)
    return any(right_start >= left_end for (__, left_end), (right_start, __) in zip(tall, tall[1:]))


def input_warnings(ink: np.ndarray) -> list[str]:
    """Plain-language warnings about the whole input's ink map (uint8, white on black)."""
    warnings = []
    inked = ink > INKED
    coverage = float(inked.mean())
    if coverage > MAX_COVERAGE:
        warnings.append(_("About {share} of the canvas is inked: that does not look like a single digit.").format(
            share=language.percent(coverage)))
        return warnings
    rows, columns = np.flatnonzero(inked.any(axis=1)), np.flatnonzero(inked.any(axis=0))
    if rows.size == 0:
        return warnings
    ink_height, ink_width = int(rows[-1] - rows[0] + 1), int(columns[-1] - columns[0] + 1)
    if max(ink_height, ink_width) < MIN_EXTENT * max(ink.shape):
        warnings.append(_("It is tiny (a dot?): draw the digit large."))
    elif ink_width > MAX_WIDTH_TO_HEIGHT * ink_height:
        warnings.append(_("It is much wider than tall, as no digit is: draw one, upright."))
    blobs = _significant_blobs(inked[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1])  # the inked box: same marks
    if len(blobs) > MAX_MARKS:
        warnings.append(_("The ink falls into {count} separate marks: draw one connected digit.").format(
            count=language.number(len(blobs))))
    elif len(blobs) >= 2 and _side_by_side(blobs, ink_height):
        warnings.append(_("This looks like more than one digit side by side: draw a single one."))
    return warnings


def chance_in_words(chance: float) -> str:
    """A chance in words a person reads right: never "100 %" (which reads as certain), rounded down otherwise."""
    if chance > ALMOST_SURE:
        return _("more than {percent}").format(percent=language.percent(ALMOST_SURE))
    return language.percent(floor(100 * chance) / 100)


def unsure_warning(chance_right: float, measured: bool = True) -> str | None:
    """A warning when held-out digits read like this one were right less than UNSURE of the time; said without that
    share where it does not hold (`measured` False: a drawing unlike those digits, read right less often still)."""
    if chance_right >= UNSURE:
        return None
    if not measured:
        return _("The model is unsure: digits it reads like this are often wrong.")
    return _("The model is unsure: digits it reads like this are right only about {chance} of the time.").format(
        chance=chance_in_words(chance_right))


@dataclass(frozen=True)
class Verdict:
    """What to tell a person about one drawing: whether it is not a digit (and why), and any other warning."""

    not_a_digit: bool
    reasons: list[str]  # why it is not a digit, one sentence each (empty when it is one)
    warnings: list[str]  # other things to say (an unsure reading)


def verdict(ink: np.ndarray, novelty: Novelty, row: int, chance_right: float | None,
            refused_when_drawn: bool = False, measured: bool = True) -> Verdict:
    """Judge drawing `row` of a reading from its whole-input ink map (uint8) and the model's novelty judgement (an unknown
    chance, None, warns of nothing; one not `measured` on such drawings warns without its share); a kept drawing
    `refused_when_drawn` on its canvas stays "not a digit"."""
    reasons = input_warnings(ink)
    if refused_when_drawn:
        reasons.append(_("When it was drawn, its whole canvas was judged not to be a digit."))
    novel = novelty.reason(row)
    if novel:
        reasons.append(_("This does not look like a digit I know: {reason}.").format(reason=novel))
    unsure = None if reasons or chance_right is None else unsure_warning(chance_right, measured)
    warnings = [unsure] if unsure else []
    return Verdict(bool(reasons), reasons, warnings)
