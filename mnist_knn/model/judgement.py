"""How far to trust a reading: "not a digit" limits and a calibrated chance of being right, from held-out training digits.

Both come from leave-one-out readings of training digits (each read against all the others, as a new drawing is read
against all of them), so they describe digits the model has not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from sklearn.isotonic import isotonic_regression

from mnist_knn import language
from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.language import _
from mnist_knn.model.looks import FittedReader, Looks
from mnist_knn.model.neighbors import WEIGHTINGS

QUANTILES = np.linspace(0, 1, 1001)  # the held-out distances are kept as these quantiles


UNLIKE = 0.99  # a digit farther from the training digits than this share of real digits "looks unlike" them


@dataclass(frozen=True)
class Novelty:
    """Whether each drawing looks like a digit: how far it is from the training digits, and what lies nearest to it.

    `first_look` and `second_look` are the distances to the nearest training digit in each look, in units of a
    typical held-out digit's nearest distance (1.0); `*_farther_than` is the share of held-out real digits whose
    nearest was nearer; `non_digit_share` is the share of its nearest examples that are not digits (0 for a model that
    knows none). A drawing is `flagged` when that share reaches `non_digit_limit` or either distance passes its limit.
    """

    first_look: np.ndarray
    second_look: np.ndarray
    first_farther_than: np.ndarray
    second_farther_than: np.ndarray
    non_digit_share: np.ndarray
    flagged: np.ndarray
    limits: tuple[float, float]
    non_digit_limit: float

    def row(self, row: int) -> Novelty:
        """The judgement of one drawing, as a one-row Novelty."""
        pick = slice(row, row + 1)
        return Novelty(self.first_look[pick], self.second_look[pick], self.first_farther_than[pick],
                       self.second_farther_than[pick], self.non_digit_share[pick], self.flagged[pick], self.limits,
                       self.non_digit_limit)

    def reason(self, row: int) -> str | None:
        """Plain words for why drawing `row` was flagged (None when it was not)."""
        if not self.flagged[row]:
            return None
        mostly_non_digits, far_at_first, __ = limits_crossed(self.first_look[row], self.second_look[row],
                                                            self.non_digit_share[row], self.limits, self.non_digit_limit)
        if mostly_non_digits:
            return _("what lies nearest to it is mostly things that are not digits, such as letters, symbols and doodles "
                     "({share} of the vote of its nearest examples)").format(share=language.percent(self.non_digit_share[row]))
        if far_at_first:
            return _("its nearest training digit is farther away than for {share} of real digits "
                     "({times} times a typical digit's distance)").format(share=_share(self.first_farther_than[row]),
                                                                           times=language.number(self.first_look[row], 1))
        return _("even when every pixel may move a little, its nearest training digit is farther away than for "
                 "{share} of real digits").format(share=_share(self.second_farther_than[row]))

    def unlike(self, row: int) -> str | None:
        """For a digit far from those it learned from (but not flagged), how far, in words (None when it is near)."""
        if self.flagged[row] or self.first_farther_than[row] < UNLIKE:
            return None
        return _("farther from them than {share} of real digits").format(share=_share(self.first_farther_than[row]))


def _share(fraction: float) -> str:
    """A share of real digits in words: '99.8 %', never a rounded-up '100 %'."""
    return language.percent(min(fraction, 0.999), 1)


@dataclass(frozen=True)
class Calibration:
    """What held-out training digits taught the model about its own distances and votes."""

    first_look_scale: float  # a held-out digit's typical (median) distance to its nearest training digit, first look
    second_look_scale: float  # the same for the second look
    first_look_quantiles: np.ndarray  # held-out digits' nearest distances (scaled), at QUANTILES
    second_look_quantiles: np.ndarray
    limits: tuple[float, float]  # novelty limits on both (in those units): each passed by false_alarm_rate / 2 of them
    false_alarm_rate: float
    # For each vote (k, weighting): the top vote shares where its chance-right curve (isotonic, on held-out digits)
    # bends, and how often held-out digits with those shares were read right.
    chance_right_curves: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]]

    def chance_right(self, top_share: np.ndarray, n_neighbors: int, weights: str) -> np.ndarray:
        """How often held-out digits whose (k, weighting) vote gave this top share were read right (interpolated)."""
        if (n_neighbors, weights) not in self.chance_right_curves:
            raise ValueError(f"'how sure' is calibrated for k up to {max(k for k, __ in self.chance_right_curves)}, "
                             f"not k = {n_neighbors}")
        share_points, chance_points = self.chance_right_curves[(n_neighbors, weights)]
        return np.interp(top_share, share_points, chance_points)  # as the isotonic curve's predict(), without checks

    def novelty(self, first_look: np.ndarray, second_look: np.ndarray, non_digit_share: np.ndarray,
                non_digit_limit: float) -> Novelty:
        """Judge drawings by their scaled nearest distances in both looks and the share of non-digits nearest to them."""
        flagged = beyond_limits(first_look, second_look, non_digit_share, self.limits, non_digit_limit)
        return Novelty(first_look, second_look, np.interp(first_look, self.first_look_quantiles, QUANTILES),
                       np.interp(second_look, self.second_look_quantiles, QUANTILES), non_digit_share, flagged, self.limits,
                       non_digit_limit)


def limits_crossed(first_look: np.ndarray, second_look: np.ndarray, non_digit_share: np.ndarray,
                   limits: tuple[float, float], non_digit_limit: float) -> np.ndarray:
    """The model's one rule for "not a digit" (the ink checks of diagnostics come on top), test by test: (..., 3)
    booleans, true where from `non_digit_limit` of the nearest examples' vote on goes to things that are not digits,
    where the first look's nearest digit is past its limit, and where the second look's is."""
    return np.stack([non_digit_share >= non_digit_limit, first_look > limits[0], second_look > limits[1]], axis=-1)


def beyond_limits(first_look: np.ndarray, second_look: np.ndarray, non_digit_share: np.ndarray,
                  limits: tuple[float, float], non_digit_limit: float) -> np.ndarray:
    """Whether each drawing crosses any limit of the rule (`limits_crossed`): "not a digit"."""
    return limits_crossed(first_look, second_look, non_digit_share, limits, non_digit_limit).any(axis=-1)


def scales(first_nearest: np.ndarray, second_nearest: np.ndarray | None) -> tuple[float, float]:
    """A held-out digit's typical distance to its nearest training digit in each look: the units distances are given in."""
    return float(np.median(first_nearest)), 1.0 if second_nearest is None else float(np.median(second_nearest))


def chance_right_curve(top_share: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The isotonic chance-right curve of one vote: each top share held-out digits had, and how often such digits were
    right (interpolated between, clipped beyond). Each run of shares the isotonic fit pools counts one reading right
    and one wrong more (Laplace's rule of succession), then the fit is made again: a run of 3 held-out digits, all
    read wrong, says 20 %, not 0 %; a run of thousands keeps its rate."""
    shares, position, counts = np.unique(top_share, return_inverse=True, return_counts=True)
    rights = np.bincount(position, weights=right.astype(float))
    pooled = isotonic_regression(rights / counts, sample_weight=counts, y_min=0.0, y_max=1.0)
    run = np.concatenate([[0], np.cumsum(np.diff(pooled) != 0)])  # each share's run of equal fitted chance
    shrunk = (np.bincount(run, weights=rights) + 1) / (np.bincount(run, weights=counts) + 2)
    return shares, isotonic_regression(shrunk[run], sample_weight=counts, y_min=0.0, y_max=1.0)


def calibrate(first_nearest: np.ndarray, second_nearest: np.ndarray | None,
              curves: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]], false_alarm_rate: float) -> Calibration:
    """Scales and novelty limits from held-out readings' raw nearest distances, with each vote's chance-right curve.

    Without a second look (`second_nearest` None) the first look's limit takes the whole false-alarm rate.
    """
    first_scale, second_scale = scales(first_nearest, second_nearest)
    first_quantiles = np.quantile(first_nearest / first_scale, QUANTILES)
    if second_nearest is None:
        second_quantiles = np.zeros_like(QUANTILES)
        limits = (float(np.quantile(first_nearest / first_scale, 1 - false_alarm_rate)), np.inf)
    else:
        second_quantiles = np.quantile(second_nearest / second_scale, QUANTILES)
        quantile = 1 - false_alarm_rate / 2  # two limits, each allowed half the false alarms
        limits = (float(np.quantile(first_nearest / first_scale, quantile)),
                  float(np.quantile(second_nearest / second_scale, quantile)))
    return Calibration(first_scale, second_scale, first_quantiles, second_quantiles, limits, false_alarm_rate, curves)


class CalibratingReader(FittedReader, Protocol):
    """What calibration uses of a NearestDigitClassifier being fitted, beyond what its looks use."""

    first_look_share: float
    false_alarm_rate: float
    calibration_size: int
    random_state: int
    classes_: np.ndarray


def calibrate_on_held_out(model: CalibratingReader, images: np.ndarray, labels: np.ndarray) -> Calibration:
    """Read a seeded sample of the model's training digits, each against all the others (it and its copies left out),
    and learn what trust to put in readings: for every vote a page offers (k up to NEIGHBORS_SHOWN, either weighting),
    how often each top share was right; and how far real digits lie from their nearest training digit."""
    size = min(model.calibration_size, len(images))
    held_out = np.sort(np.random.default_rng(model.random_state).choice(len(images), size, replace=False))
    most = max(NEIGHBORS_SHOWN, model.n_neighbors)
    looks = Looks.of(model, model.straighten(images[held_out]), None, wanted=most, exclude=held_out)
    second_nearest = looks.second_nearest if model.candidates else None
    neighbors = looks.ranked(*scales(looks.first_nearest, second_nearest), model.first_look_share, most)
    curves = {}
    for k in range(1, max(NEIGHBORS_SHOWN, model.n_neighbors) + 1):
        for weights in WEIGHTINGS:
            shares = neighbors.shares(model.classes_, k, weights)
            right = model.classes_[np.argmax(shares, axis=1)] == labels[held_out]
            curves[(k, weights)] = chance_right_curve(shares.max(axis=1), right)
    return calibrate(looks.first_nearest, second_nearest, curves, model.false_alarm_rate)
