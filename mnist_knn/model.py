"""The classifier: feature steps + PCA (+ a learned metric) + a k-nearest-neighbour vote over stored training digits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.decomposition import PCA

from mnist_knn import config
from mnist_knn.augment import augment_training
from mnist_knn.features import DigitFeatures, WithinClassWhitening, as_images
from mnist_knn.neighbors import NumpyKNeighborsClassifier
from mnist_knn.persistence import REBUILD_HINT, ModelError, load_verified


class NearestDigitClassifier(ClassifierMixin, BaseEstimator):
    """k-NN on MNIST digits; every feature step lives inside, so it takes raw uint8 digits."""

    def __init__(
        self,
        n_neighbors: int = 3,
        weights: str = "distance",
        feature_kind: str = "gradients",
        deskew: bool = True,
        n_components: int | None = 100,
        augmentation: str = "none",
        whitening: float | None = None,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.feature_kind = feature_kind
        self.deskew = deskew
        self.n_components = n_components
        self.augmentation = augmentation
        self.whitening = whitening

    def fit(self, X: np.ndarray, y: np.ndarray) -> "NearestDigitClassifier":
        """Augment the given training digits (if asked), learn PCA on the originals, store all as neighbours."""
        images = as_images(X)
        labels = np.asarray(y).astype(np.int64)
        memory_images, memory_labels, self.source_index_ = augment_training(images, labels, self.augmentation)
        self.features_ = DigitFeatures(kind=self.feature_kind, deskew=self.deskew).fit(images)
        features = self.features_.transform(memory_images)
        self.pca_ = None
        if self.n_components:
            self.pca_ = PCA(n_components=self.n_components, random_state=0).fit(features[: len(images)])
            features = self.pca_.transform(features)
        self.whitening_ = None
        if self.whitening is not None:
            self.whitening_ = WithinClassWhitening(self.whitening).fit(features[: len(images)], labels)
            features = self.whitening_.transform(features)
        self.neighbors_ = NumpyKNeighborsClassifier(n_neighbors=self.n_neighbors, weights=self.weights).fit(features, memory_labels)
        self.classes_ = self.neighbors_.classes_
        self.training_labels_ = labels
        return self

    def embed(self, X: np.ndarray) -> np.ndarray:
        """Raw digits -> points in the space where neighbours are searched (float32, C-contiguous)."""
        features = self.features_.transform(X)
        if self.pca_ is not None:
            features = self.pca_.transform(features)
        if self.whitening_ is not None:
            features = self.whitening_.transform(features)
        return np.ascontiguousarray(features, dtype=np.float32)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Share of the (weighted) neighbour vote for each class."""
        return self.neighbors_.predict_proba(self.embed(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class with the largest vote."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def nearest_training_digits(self, X: np.ndarray, n_neighbors: int | None = None,
                                extra: "ExtraExamples | None" = None) -> "Neighbours":
        """The nearest digits of each input among the training set (and `extra` remembered examples, when given)."""
        points = self.embed(X)
        k = n_neighbors or self.n_neighbors
        distances, rows = self.neighbors_.kneighbors(points, k)
        indices = self.source_index_[rows]
        labels = self.training_labels_[indices]
        from_extra = np.zeros(indices.shape, dtype=bool)
        if extra is not None and extra.neighbors is not None:  # the same exact search over the remembered examples
            extra_distances, extra_indices = extra.neighbors.kneighbors(points, k)
            distances = np.hstack([distances, extra_distances])
            indices = np.hstack([indices, extra_indices])
            labels = np.hstack([labels, extra.labels[extra_indices]])
            from_extra = np.hstack([from_extra, np.ones(extra_indices.shape, dtype=bool)])
            order = np.argsort(distances, axis=1, kind="stable")[:, :k]  # ties: training digits first
            distances, indices, labels, from_extra = (np.take_along_axis(a, order, axis=1) for a in (distances, indices, labels, from_extra))
        return Neighbours(indices=indices, distances=distances, labels=labels, from_extra=from_extra)

    def remember(self, images: np.ndarray, labels: np.ndarray) -> "ExtraExamples":
        """Examples to search beside the training set (a KNN learns by remembering): never part of the official evaluation."""
        images, labels = as_images(images), np.asarray(labels, dtype=np.int64)
        neighbors = NumpyKNeighborsClassifier().fit(self.embed(images), labels) if len(images) else None
        return ExtraExamples(images=images, labels=labels, neighbors=neighbors)


@dataclass(frozen=True)
class Neighbours:
    """The k nearest digits of each query: (n, k) arrays, nearest first; `indices` point into the training set,
    or into the extra examples where `from_extra` is True."""

    indices: np.ndarray
    distances: np.ndarray
    labels: np.ndarray
    from_extra: np.ndarray


@dataclass(frozen=True)
class ExtraExamples:
    """Labelled digits remembered beside the training set, searchable in the model's space (None when there are none)."""

    images: np.ndarray
    labels: np.ndarray
    neighbors: NumpyKNeighborsClassifier | None


def load_model(path: Path | str | None = None) -> NearestDigitClassifier:
    """The saved default model (or the one at `path`), after its hash and library versions are checked.

    Without `path` (the app's way) the file must really lie in the models folder: a link pointing elsewhere is refused,
    since loading a model runs its pickle.
    """
    if path is not None:
        return load_verified(Path(path))
    default = default_model_path()
    if not default.resolve().is_relative_to(config.models_dir().resolve()):
        raise ModelError(f"{default} points outside {config.models_dir()}; the app loads models only from there. {REBUILD_HINT}")
    return load_verified(default)


def default_model_path() -> Path:
    """Where the default model lives."""
    return config.models_dir() / f"{config.DEFAULT_MODEL_NAME}.joblib"
