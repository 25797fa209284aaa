"""The 2-D map of the model's space that the Dataset page and How KNN works share: one projection, one orientation."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

from mnist_knn.model.classifier import NearestDigitClassifier

MAP_SIZE = 1500  # training digits on the map


@dataclass(frozen=True)
class FeatureMap:
    """A sample of training digits flattened from the model's search space onto its two main directions."""

    pca: PCA
    points: np.ndarray
    labels: np.ndarray
    indices: np.ndarray


def sample_indices(labels: np.ndarray, size: int, seed: int, classes: list[int] | None = None) -> np.ndarray:
    """Up to `size` random indices (sorted) of digits whose label is in `classes` (all when None or empty)."""
    candidates = np.flatnonzero(np.isin(labels, classes)) if classes else np.arange(len(labels))
    chosen = np.random.default_rng(seed).choice(candidates, size=min(size, len(candidates)), replace=False)
    return np.sort(chosen)


def feature_map(model: NearestDigitClassifier, images: np.ndarray, labels: np.ndarray, size: int = MAP_SIZE,
                seed: int = 0) -> FeatureMap:
    """Embed a seeded sample of training digits as the model does and fit the 2-D PCA that places everything else.

    Each direction's sign is fixed (the 1s lie on its positive side), so every page and every build draws it alike.
    """
    chosen = sample_indices(labels, size, seed)
    points = model.embed(images[chosen])
    pca = PCA(n_components=2, random_state=0).fit(points)
    ones = pca.transform(points[labels[chosen] == 1]).mean(axis=0)
    pca.components_ *= np.where(ones < 0, -1.0, 1.0)[:, None]
    return FeatureMap(pca=pca, points=pca.transform(points), labels=labels[chosen], indices=chosen)


def place(model: NearestDigitClassifier, flat_map: FeatureMap, digits: np.ndarray) -> np.ndarray:
    """Where raw digits land on the map: (n, 2)."""
    return flat_map.pca.transform(model.embed(digits))


def labels_around(flat_map: FeatureMap, point: np.ndarray, count: int = 20) -> np.ndarray:
    """The digits of the `count` map dots nearest to `point` on the map (2-D): the crowd a reader sees it in."""
    nearest = np.argsort(np.hypot(*(flat_map.points - point).T), kind="stable")[:count]
    return flat_map.labels[nearest]


def closest_clouds(points: np.ndarray, labels: np.ndarray, pairs: int = 3) -> list[tuple[int, int]]:
    """The `pairs` pairs of digits whose dots' middles (medians) lie closest on the map, closest first: what a reader
    sees overlap."""
    digits = sorted({int(label) for label in labels})
    middles = _cloud_middles(points, labels, digits)
    apart = sorted((float(np.hypot(*(middles[first] - middles[second]))), digits[first], digits[second])
                   for first in range(len(digits)) for second in range(first + 1, len(digits)))
    return [(one, other) for _, one, other in apart[:pairs]]


def _cloud_middles(points: np.ndarray, labels: np.ndarray, digits: list[int]) -> np.ndarray:
    """The middle (median) of each digit's dots on the map, one row per digit of `digits`."""
    return np.array([np.median(points[labels == digit], axis=0) for digit in digits], dtype=float).reshape(-1, 2)


def label_places(points: np.ndarray, labels: np.ndarray, digits: list[int], apart: float = 0.06) -> np.ndarray:
    """Where to write each digit's name on the map: the median of its dots, moved apart (at most 100 passes) until no two
    names are closer than `apart` of the map's larger span (two classes whose dots share a middle wrote "41")."""
    places = _cloud_middles(points, labels, digits)
    spans = np.ptp(points, axis=0) if len(points) else np.ones(2)
    gap = apart * max(float(spans.max()), 1e-9)
    for _ in range(100):
        moved = False
        for first in range(len(places)):
            for second in range(first + 1, len(places)):
                between = places[second] - places[first]
                distance = float(np.hypot(*between))
                if distance >= gap:
                    continue
                direction = between / distance if distance > 0 else np.array([1.0, 0.0])
                push = (gap - distance) / 2 + 1e-9
                places[first] -= direction * push
                places[second] += direction * push
                moved = True
        if not moved:
            break
    return places
