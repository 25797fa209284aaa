"""What the How-KNN page shows: a 2-D map of the model's search space and how the vote moves with k."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import PCA

from mnist_knn.reading.classifier import NearestDigitClassifier
from mnist_knn.reading.neighbors import vote
from mnist_knn.views.projection import sample_indices


@dataclass(frozen=True)
class FeatureMap:
    """A sample of training digits flattened from the model's search space onto its two main directions."""

    pca: PCA
    points: np.ndarray
    labels: np.ndarray
    indices: np.ndarray


def feature_map(model: NearestDigitClassifier, images: np.ndarray, labels: np.ndarray, size: int = 1500, seed: int = 0) -> FeatureMap:
    """Embed a seeded sample of training digits as the model does and fit the 2-D PCA that places everything else."""
    chosen = sample_indices(labels, size, seed)
    points = model.embed(images[chosen])
    pca = PCA(n_components=2, random_state=0).fit(points)
    return FeatureMap(pca=pca, points=pca.transform(points), labels=labels[chosen], indices=chosen)


def place(model: NearestDigitClassifier, flat_map: FeatureMap, digits: np.ndarray) -> np.ndarray:
    """Where raw digits land on the map: (n, 2)."""
    return flat_map.pca.transform(model.embed(digits))


def predictions_by_k(distances: np.ndarray, labels: np.ndarray, weights: str) -> np.ndarray:
    """The predicted digit for k = 1, 2, ... len(distances), for one query's sorted neighbours."""
    return np.array([int(np.argmax(vote(distances, labels, k, weights)[0])) for k in range(1, len(distances) + 1)])


def flip_examples(neighbor_distances: np.ndarray, neighbor_labels: np.ndarray, weights: str, limit: int = 12) -> np.ndarray:
    """Test digits whose prediction changes as k grows: the best examples of why k matters."""
    flips = []
    for row in np.flatnonzero((neighbor_labels != neighbor_labels[:, :1]).any(axis=1)):  # neighbours that disagree
        if len(set(predictions_by_k(neighbor_distances[row], neighbor_labels[row], weights).tolist())) > 1:
            flips.append(row)
            if len(flips) == limit:
                break
    return np.array(flips, dtype=np.int64)
