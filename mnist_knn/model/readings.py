"""What the estimator hands back: the evidence a search finds before any vote, and the model's own reading of it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mnist_knn.model.judgement import Novelty
from mnist_knn.model.looks import Neighbors, NonDigitEvidence


@dataclass(frozen=True)
class Evidence:
    """What a search finds for each digit before any vote."""

    neighbors: Neighbors  # the nearest after both looks
    novelty: Novelty | None  # whether each looks like a digit at all (None when not judged)
    non_digits: NonDigitEvidence | None  # the nearest examples of things that are not digits
    compared: np.ndarray  # (n, 28, 28) float32: each digit as the model compared it (deskewed where the model deskews)


@dataclass(frozen=True)
class Reading:
    """What the model makes of each digit: neighbours, vote, answer, how sure, and whether it looks like a digit at all."""

    neighbors: Neighbors
    shares: np.ndarray  # (n, 10) vote shares of the model's own k nearest, with its own weighting
    predicted: np.ndarray  # (n,)
    chance_right: np.ndarray  # (n,) calibrated on held-out training digits
    novelty: Novelty | None  # None when not judged
    non_digits: NonDigitEvidence | None = None  # the nearest examples of things that are not digits
