"""The first look's space: features, then PCA, a learned metric and a turn onto the principal axes, as one affine map."""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from mnist_knn.model.features import SIDE, DigitFeatures

METRIC_SEED = 1  # the learned metric's sample has a seed stream of its own, apart from the calibration's
METRIC_ITERATIONS = 50  # NCA's optimiser steps (measured: it stops on its own after about 15 from the identity)


class WithinClassWhitening(TransformerMixin, BaseEstimator):
    """A learned metric: rescale so the spread of digits around their own class mean is even in every direction.

    Directions in which same-class digits vary a lot (stroke width, slant left after deskewing) count less in
    the distance; `regularisation` (a share of the mean eigenvalue) keeps rare directions from being blown up.
    """

    def __init__(self, regularisation: float = 1.0) -> None:
        self.regularisation = regularisation

    def fit(self, X: np.ndarray, y: np.ndarray) -> WithinClassWhitening:
        """Learn the transform from the pooled within-class covariance of the training features."""
        X = np.asarray(X, dtype=np.float64)
        labels = np.asarray(y)
        centred = X.copy()
        for label in np.unique(labels):
            centred[labels == label] -= X[labels == label].mean(axis=0)
        eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred / len(X))
        scale = (eigenvalues + self.regularisation * eigenvalues.mean()) ** -0.5
        self.transform_ = (eigenvectors * scale).astype(np.float32)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Features in the whitened space (float32)."""
        return np.asarray(X, dtype=np.float32) @ self.transform_


def principal_axes(points: np.ndarray) -> np.ndarray:
    """The rotation (d, d) onto the points' principal axes, widest spread first: the exact search of one drawing
    compares the leading coordinates first (neighbors.HEAD), and rules out the most when they spread the most."""
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(points, rowvar=False))
    return eigenvectors[:, np.argsort(eigenvalues)[::-1]]


class FirstLookSpace(TransformerMixin, BaseEstimator):
    """Straightened digits -> points of the first look's space: features, then PCA, whitening, a learned metric and a
    turn onto the points' principal axes, as one affine map (applied as one product: no per-call input checks on the
    drawing path).

    Parameters
    ----------
    kind : {"gradients", "pixels"}, default="gradients"
        The features (see DigitFeatures).
    n_components : int or None, default=100
        PCA dimensions (None: no PCA).
    whitening : float or None, default=None
        Regularisation of the within-class whitening (None: none).
    metric_sample : int, default=0
        How many training digits scikit-learn's NeighborhoodComponentsAnalysis learns a metric from, after the
        whitening, with a tenth as many drawings that are not digits as an eleventh class (0: no learned metric).
    random_state : int, default=0
        Seed of that sample and of the PCA.
    """

    def __init__(self, kind: str = "gradients", n_components: int | None = 100, whitening: float | None = None,
                 metric_sample: int = 0, random_state: int = 0) -> None:
        self.kind = kind
        self.n_components = n_components
        self.whitening = whitening
        self.metric_sample = metric_sample
        self.random_state = random_state

    def fit(self, X: np.ndarray, y: np.ndarray, others: np.ndarray | None = None) -> FirstLookSpace:
        """Learn PCA (and the whitening and metric, from the labels) on straightened training digits; `others`,
        straightened drawings that are not digits, are only an eleventh class for the learned metric."""
        from sklearn.decomposition import PCA

        self.features_ = DigitFeatures(kind=self.kind, deskew=False).fit(X)
        features = self.features_.transform(X).astype(np.float64)
        projection, offset = np.eye(features.shape[1]), np.zeros(features.shape[1])
        if self.n_components:
            pca = PCA(n_components=self.n_components, random_state=self.random_state).fit(features)
            projection, offset = pca.components_.T.astype(np.float64), pca.mean_ @ pca.components_.T
        if self.whitening is not None:
            whitening = WithinClassWhitening(self.whitening).fit(features @ projection - offset, y)
            projection, offset = projection @ whitening.transform_, offset @ whitening.transform_
        if self.metric_sample:
            metric = self._learned_metric(features @ projection - offset, np.asarray(y), others, (projection, offset))
            projection, offset = projection @ metric, offset @ metric
        axes = principal_axes(features @ projection - offset)  # a rotation: distances stay, the widest come first
        projection, offset = projection @ axes, offset @ axes
        self.projection_, self.offset_ = projection.astype(np.float32), offset.astype(np.float32)
        self.n_features_in_ = SIDE * SIDE
        return self

    def _learned_metric(self, points: np.ndarray, labels: np.ndarray, others: np.ndarray | None,
                        mapping: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """The linear map (d, d) NeighborhoodComponentsAnalysis learns on a sample of the digits' points (starting from
        the space as it is) and of the other drawings, labelled -1 (only the sampled ones are mapped by `mapping`, the
        space's (projection, offset) so far)."""
        from sklearn.neighbors import NeighborhoodComponentsAnalysis

        random = np.random.default_rng([self.random_state, METRIC_SEED])  # not the calibration's sample of the digits
        rows = random.choice(len(points), min(self.metric_sample, len(points)), replace=False)
        sample, sample_labels = points[rows], labels[rows]
        if others is not None and len(others):
            chosen = random.choice(len(others), min(self.metric_sample // 10, len(others)), replace=False)
            projection, offset = mapping
            sample = np.concatenate([sample, self.features_.transform(others[chosen]) @ projection - offset])
            sample_labels = np.concatenate([sample_labels, np.full(len(chosen), -1)])
        nca = NeighborhoodComponentsAnalysis(init="identity", max_iter=METRIC_ITERATIONS, random_state=self.random_state)
        return nca.fit(sample, sample_labels).components_.T.astype(np.float64)

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Points of the first look's space (float32, C-contiguous)."""
        return np.ascontiguousarray(self.features_.transform(X) @ self.projection_ - self.offset_, dtype=np.float32)
