"""Reading beyond MNIST: how a model does on digits by other writers and on drawings that are not digits.

Every drawing is read through `read_drawings`, exactly as the draw page and `predict` read it. `report` gives the
figures of one split; `choose_judgement` picks the "not a digit" settings on the validation split by JUDGEMENT_RULE.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mnist_knn.lab import writers
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.judgement import beyond_limits
from mnist_knn.reading.diagnostics import INKED, input_warnings
from mnist_knn.reading.drawing import read_drawings
from mnist_knn.reading.preprocess import canvas_to_mnist_stages

NON_DIGIT_VOTES = tuple(np.round(np.arange(0.2, 1.0, 0.05), 2))  # the non-digits' share of the nearest examples' vote
# quantiles of held-out MNIST digits' distance for "far from every digit" (1.0: farther than every one of them)
FAR_LIMITS = (0.99, 0.995, 0.998, 0.999, 0.9995, 0.9999, 1.0)
# At most this share of the validation digits (averaged over the sets) may be called not a digit: the 3 % a person may
# meet at most, less one point for the gap between the validation's writers and everyone else's
MAX_REFUSED = 0.02
JUDGEMENT_RULE = (f"on the validation splits: the non-digit vote and far limit that catch the most non-digits (mean over "
                  f"the non-digit sets) while calling at most {MAX_REFUSED:.0%} of digits 'not a digit' (mean over the "
                  "other-writer digit sets); ties go to the lower vote, then the farther limit")

COVERAGE_MARGIN = 0.1
COVERAGE_RULE = (f"a canvas is too inked to be one digit above the largest share of it that any validation digit inks (every "
                 f"digit set beyond MNIST), plus {COVERAGE_MARGIN:.0%} of the canvas, rounded up to a tenth")


def coverage_limit(split: str = "validation") -> tuple[float, float]:
    """COVERAGE_RULE on one split: the largest share of the canvas a digit inks, and the limit the rule gives."""
    most = max(float((canvas_to_mnist_stages(canvas, "light-on-dark").ink > INKED).mean())  # as input_warnings sees it
               for drawing_set in writers.DIGIT_SETS for canvas in drawing_set.make(split)[0])
    return most, float(np.ceil(10 * (most + COVERAGE_MARGIN)) / 10)


@dataclass(frozen=True)
class SetReadings:
    """One split of one set, read: true labels, the vote's digit, and what each part of the judgement said."""

    name: str
    digits: bool
    labels: np.ndarray
    closest: np.ndarray  # the vote's digit (even for drawings called not a digit)
    not_a_digit: np.ndarray  # as the page says it
    ink_refused: np.ndarray  # an ink check (a dot, a scribble of many marks, ...) refused it
    non_digit_share: np.ndarray
    farther_than: np.ndarray  # share of held-out MNIST digits nearer to a training digit (first look)
    first_look: np.ndarray  # distance to the nearest training digit in each look (units of a typical digit's)
    second_look: np.ndarray


def read_set(model: NearestDigitClassifier, drawing_set: writers.DrawingSet, split: str) -> SetReadings:
    """Read every drawing of one split of a set as the page does."""
    canvases, labels = drawing_set.make(split)
    readings = read_drawings(canvases, model=model, polarity="light-on-dark") if canvases else []
    if any(reading is None for reading in readings):
        raise ValueError(f"{drawing_set.name} ({split}) holds a drawing without ink")
    column = lambda get: np.array([get(reading) for reading in readings])  # noqa: E731
    return SetReadings(drawing_set.name, drawing_set.digits, labels, column(lambda r: r.closest_digit),
                       column(lambda r: r.not_a_digit), column(lambda r: bool(input_warnings(r.stages.ink))),
                       column(lambda r: float(r.novelty.non_digit_share[0])),
                       column(lambda r: float(r.novelty.first_farther_than[0])),
                       column(lambda r: float(r.novelty.first_look[0])), column(lambda r: float(r.novelty.second_look[0])))


def read_validation(model: NearestDigitClassifier) -> list[SetReadings]:
    """Every set's validation split, read as the page reads it (sets without one left out)."""
    return [read for read in (read_set(model, drawing_set, "validation") for drawing_set in writers.SETS) if len(read.labels)]


def report(model: NearestDigitClassifier, split: str = "test") -> list[dict[str, Any]]:
    """Each set's figures on one split (sets without that split left out): digits read right and refused, or
    non-digits caught."""
    rows = []
    for drawing_set in writers.SETS:
        read = read_set(model, drawing_set, split)
        if not len(read.labels):
            continue
        rows.append({"set": read.name, "digits": read.digits, "source": drawing_set.source, "split": split,
                     "count": int(len(read.labels)), **figures(read, read.not_a_digit)})
    return rows


def figures(read: SetReadings, called: np.ndarray) -> dict[str, float]:
    """A set's figures when `called` says which drawings are "not a digit": digits read right (and not refused), refused
    and read right by the vote alone; or, for drawings that are not digits, how many are caught."""
    if not read.digits:
        return {"caught": float(np.mean(called))}
    return {"read_right": float(np.mean(~called & (read.closest == read.labels))), "refused": float(np.mean(called)),
            "vote_right": float(np.mean(read.closest == read.labels))}


def refused(read: SetReadings, vote: float, far: float) -> np.ndarray:
    """Whether each drawing would be called not a digit with this non-digit vote and far limit: the model's own rule,
    with the first look measured as a share of held-out digits (the limit `far` of them) and the second left out."""
    limit = far if far < 1 else np.nextafter(1.0, 0.0)  # 1.0: the farthest held-out digit, past which farther_than is 1
    beyond = beyond_limits(read.farther_than, np.zeros_like(read.farther_than), read.non_digit_share, (limit, np.inf), vote)
    return read.ink_refused | beyond


def operating_curve(model: NearestDigitClassifier) -> list[dict[str, Any]]:
    """"Not a digit" as an operating point: the model's own rule (its ink checks and both looks' far limits) with every
    non-digit vote NON_DIGIT_VOTES tries, and the share of validation digits refused and of validation non-digits caught
    (means over the sets); `chosen` marks the model's own vote, which JUDGEMENT_RULE chose on the same validation splits."""
    readings = read_validation(model)
    limits = model.calibration_.limits
    points = []
    for vote in NON_DIGIT_VOTES:
        called = [(read.digits, (read.ink_refused | beyond_limits(read.first_look, read.second_look, read.non_digit_share,
                                                                  limits, vote)).mean()) for read in readings]
        points.append({"non_digit_vote": float(vote), "chosen": bool(np.isclose(vote, model.non_digit_vote)),
                       "digits_refused": float(np.mean([share for digits, share in called if digits])),
                       "non_digits_caught": float(np.mean([share for digits, share in called if not digits]))})
    return points


def _by_the_rule(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """JUDGEMENT_RULE's pick among scored settings (a far limit each, or one for all): the most non-digits caught while
    refusing at most MAX_REFUSED of digits (else the fewest refused); ties to the lower vote, then the farther limit."""
    allowed = [row for row in rows if row["digits_refused"] <= MAX_REFUSED] or [min(rows, key=lambda r: r["digits_refused"])]
    return max(allowed, key=lambda row: (round(row["non_digits_caught"], 4), -row["non_digit_vote"], row.get("far_limit", 1.0)))


def line_on_curve(curve: list[dict[str, Any]]) -> float:
    """JUDGEMENT_RULE on a built model's own operating curve (its far limit as chosen): the non-digit vote it reads with."""
    return _by_the_rule(curve)["non_digit_vote"]


def choose_judgement(readings: list[SetReadings]) -> dict[str, Any]:
    """JUDGEMENT_RULE over the validation readings: the chosen vote and limit, and the table of every pair."""
    table = []
    for vote in NON_DIGIT_VOTES:
        for far in FAR_LIMITS:
            digits_refused = np.mean([refused(read, vote, far).mean() for read in readings if read.digits])
            caught = np.mean([refused(read, vote, far).mean() for read in readings if not read.digits])
            table.append({"non_digit_vote": vote, "far_limit": far, "digits_refused": float(digits_refused),
                          "non_digits_caught": float(caught)})
    return {"rule": JUDGEMENT_RULE, "chosen": _by_the_rule(table), "table": table}
