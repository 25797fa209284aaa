"""Near twins: two drawings that look almost the same once they are MNIST digits, whatever their code point or source.

An evaluation item must have no near twin in what the model searches or in what chose the model; this is the measure.
"""

from __future__ import annotations

import numpy as np

NEAR_TWIN = 0.95  # cosine similarity of two drawings' 28 x 28 grey levels from which they are near twins
BLOCK = 4096  # candidates compared at once (bounds memory)


def unit_vectors(digits: np.ndarray) -> np.ndarray:
    """(n, 28, 28) digits -> (n, 784) float32 rows of length 1 (an empty digit stays all zero)."""
    rows = np.asarray(digits, dtype=np.float32).reshape(len(digits), -1)
    return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)


def nearest_similarity(candidates: np.ndarray, references: np.ndarray) -> np.ndarray:
    """For each candidate digit, its largest cosine similarity to any reference digit (-inf without references)."""
    if len(references) == 0:
        return np.full(len(candidates), -np.inf, dtype=np.float32)
    others = unit_vectors(references)
    found = [(unit_vectors(candidates[start : start + BLOCK]) @ others.T).max(axis=1)
             for start in range(0, len(candidates), BLOCK)]
    return np.concatenate(found) if found else np.zeros(0, dtype=np.float32)


def has_near_twin(candidates: np.ndarray, references: np.ndarray) -> np.ndarray:
    """Which candidate digits have a near twin among the reference digits."""
    return nearest_similarity(candidates, references) >= NEAR_TWIN
