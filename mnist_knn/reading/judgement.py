"""How far to trust a reading: "not a digit" limits and a calibrated chance of being right, from held-out training digits.

Both come from leave-one-out readings of training digits (each read against all the others, as a new drawing is read
against all of them), so they describe digits the model has not stored.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.isotonic import IsotonicRegression

QUANTILES = np.linspace(0, 1, 1001)  # the held-out distances are kept as these quantiles


@dataclass(frozen=True)
class Novelty:
    """How far each drawing is from the training digits it resembles most, against what real digits show.

    `first_look` and `second_look` are the distances to the nearest training digit in each look, in units of a
    typical held-out digit's nearest distance (1.0); `*_farther_than` is the share of held-out real digits whose
    nearest was nearer. A drawing is `flagged` when either distance passes its limit.
    """

    first_look: np.ndarray
    second_look: np.ndarray
    first_farther_than: np.ndarray
    second_farther_than: np.ndarray
    flagged: np.ndarray
    limits: tuple[float, float]

    def row(self, row: int) -> Novelty:
        """The judgement of one drawing, as a one-row Novelty."""
        pick = slice(row, row + 1)
        return Novelty(self.first_look[pick], self.second_look[pick], self.first_farther_than[pick],
                       self.second_farther_than[pick], self.flagged[pick], self.limits)

    def reason(self, row: int) -> str | None:
        """Plain words for why drawing `row` was flagged (None when it was not)."""
        if not self.flagged[row]:
            return None
        if self.first_look[row] > self.limits[0]:
            return (f"its nearest training digit is farther away than for {_share(self.first_farther_than[row])} of real digits "
                    f"({self.first_look[row]:.1f} times a typical digit's distance)")
        return (f"even when every pixel may move a little, its nearest training digit is farther away than for "
                f"{_share(self.second_farther_than[row])} of real digits")


def _share(fraction: float) -> str:
    """A share of real digits in words: '99.8 %', never a rounded-up '100 %'."""
    return "99.9 %" if fraction >= 0.9995 else f"{fraction:.1%}".replace("%", " %")


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
        share_points, chance_points = self.chance_right_curves[(n_neighbors, weights)]
        return np.interp(top_share, share_points, chance_points)  # as the isotonic curve's predict(), without checks

    def novelty(self, first_look: np.ndarray, second_look: np.ndarray) -> Novelty:
        """Judge drawings by their scaled nearest distances in both looks."""
        flagged = (first_look > self.limits[0]) | (second_look > self.limits[1])
        return Novelty(first_look, second_look, np.interp(first_look, self.first_look_quantiles, QUANTILES),
                       np.interp(second_look, self.second_look_quantiles, QUANTILES), flagged, self.limits)


def scales(first_nearest: np.ndarray, second_nearest: np.ndarray | None) -> tuple[float, float]:
    """A held-out digit's typical distance to its nearest training digit in each look: the units distances are given in."""
    return float(np.median(first_nearest)), 1.0 if second_nearest is None else float(np.median(second_nearest))


def chance_right_curve(top_share: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The isotonic chance-right curve of one vote: where it bends, and its values there."""
    curve = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(top_share, right.astype(float))
    return curve.X_thresholds_, curve.y_thresholds_


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
