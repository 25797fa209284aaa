"""2-D views of digits for plotting: a seeded class-filtered sample and its PCA projection."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA

from mnist_knn.reading.features import DigitFeatures, pixel_vectors

SPACES = ("gradient features", "raw pixels")


def sample_indices(labels: np.ndarray, size: int, seed: int, classes: list[int] | None = None) -> np.ndarray:
    """Up to `size` random indices (sorted) of digits whose label is in `classes` (all when None or empty)."""
    candidates = np.flatnonzero(np.isin(labels, classes)) if classes else np.arange(len(labels))
    chosen = np.random.default_rng(seed).choice(candidates, size=min(size, len(candidates)), replace=False)
    return np.sort(chosen)


def project_2d(images: np.ndarray, space: str = SPACES[0]) -> np.ndarray:
    """First two principal components of the digits, in the chosen space."""
    if space not in SPACES:
        raise ValueError(f"space must be one of {SPACES}, got {space!r}")
    vectors = pixel_vectors(images) if space == "raw pixels" else DigitFeatures().fit(images).transform(images)
    return PCA(n_components=2, random_state=0).fit_transform(vectors)
