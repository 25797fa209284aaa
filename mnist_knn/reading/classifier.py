"""The digit reader: a fast first look, a second look that lets pixels move, a vote, and how far to trust it.

1. First look: deskew -> gradient-orientation features -> PCA -> within-class whitening -> the `candidates` nearest
   stored training digits, by our exact k-NN engine.
2. Second look (only when the `agreement` nearest candidates do not all agree): re-rank the candidates by the image
   distortion distance (each pixel may move up to `warp_window` pixels), blended with a share of the first look's.
3. The `n_neighbors` nearest vote. Held-out training digits (leave-one-out, in `fit`) calibrate the chance that the
   vote is right and the distances beyond which a drawing is "not a digit".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.decomposition import PCA
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.reading.augment import augment_training
from mnist_knn.reading.features import SIDE, DigitFeatures, WithinClassWhitening, as_images, deskew, finite_digits
from mnist_knn.reading.judgement import Calibration, Novelty, calibrate, chance_right_curve, scales
from mnist_knn.reading.neighbors import WEIGHTINGS, NumpyKNeighborsClassifier, vote
from mnist_knn.reading.second_look import distortion_distances

TEXTBOOK_KNN = {"feature_kind": "pixels", "deskew": False, "n_components": None, "n_neighbors": 4, "weights": "distance"}
# ... every textbook's KNN: the 784 raw grey levels compared as they are, the 4 nearest voting (97.1 % on MNIST)


@dataclass(frozen=True)
class Neighbors:
    """The nearest digits of each query: (n, k) arrays, nearest first.

    `indices` point into the training set (or into the extra examples where `from_extra`); `distances` are in units of
    a typical held-out digit's nearest distance (1.0); `first_rank` is each one's place in the first look (0 = nearest);
    `looked_twice` (n,) says whose order the second look set.
    """

    indices: np.ndarray
    distances: np.ndarray
    labels: np.ndarray
    from_extra: np.ndarray
    first_rank: np.ndarray
    looked_twice: np.ndarray

    def row(self, row: int) -> Neighbors:
        """The neighbours of one query, as (1, k) arrays."""
        return Neighbors(*(value[row : row + 1] for value in vars(self).values()))


@dataclass(frozen=True)
class ExtraExamples:
    """Labelled digits remembered beside the training set, searchable in the model's space (None when there are none)."""

    images: np.ndarray
    labels: np.ndarray
    neighbors: NumpyKNeighborsClassifier | None


@dataclass(frozen=True)
class Reading:
    """What the model makes of each digit: neighbours, vote, answer, how sure, and whether it looks like a digit at all."""

    neighbors: Neighbors
    shares: np.ndarray  # (n, 10) vote shares of the model's own k nearest, with its own weighting
    predicted: np.ndarray  # (n,)
    chance_right: np.ndarray  # (n,) calibrated on held-out training digits
    novelty: Novelty


class NearestDigitClassifier(ClassifierMixin, BaseEstimator):
    """k-NN on MNIST digits with an optional second look; every step lives inside, so it takes raw uint8 digits."""

    def __init__(
        self,
        n_neighbors: int = 3,
        weights: str = "distance",
        feature_kind: str = "gradients",
        deskew: bool = True,
        n_components: int | None = 100,
        augmentation: str = "none",
        whitening: float | None = None,
        candidates: int = 0,
        agreement: int = 10,
        warp_window: int = 2,
        warp_context: int = 1,
        local_features: str = "gradients",
        first_look_share: float = 0.0,
        false_alarm_rate: float = 0.01,
        calibration_size: int = 20_000,
        random_state: int = 0,
    ) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.feature_kind = feature_kind
        self.deskew = deskew
        self.n_components = n_components
        self.augmentation = augmentation
        self.whitening = whitening
        self.candidates = candidates
        self.agreement = agreement
        self.warp_window = warp_window
        self.warp_context = warp_context
        self.local_features = local_features
        self.first_look_share = first_look_share
        self.false_alarm_rate = false_alarm_rate
        self.calibration_size = calibration_size
        self.random_state = random_state

    def __sklearn_tags__(self):
        """Input: 28 x 28 digits, as (n, 28, 28) or (n, 784) arrays of non-negative grey levels."""
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.input_tags.positive_only = True
        tags.input_tags.sparse = False
        return tags

    def fit(self, X: np.ndarray, y: np.ndarray) -> NearestDigitClassifier:
        """Store the training digits (and augmented copies) in the first look's space, then calibrate on held-out ones."""
        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        images = finite_digits(X)
        if len(y) != len(images):
            raise ValueError(f"X has {len(images)} digits but y has {len(y)} labels")
        labels = np.asarray(y).astype(np.int64)
        self.n_features_in_ = SIDE * SIDE
        memory_images, memory_labels, self.source_index_ = augment_training(images, labels, self.augmentation)
        self.features_ = DigitFeatures(kind=self.feature_kind, deskew=False).fit(images)
        straight = self.straighten(memory_images)
        features = self.features_.transform(straight)
        width = features.shape[1]
        self.pca_ = None
        if self.n_components:
            self.pca_ = PCA(n_components=self.n_components, random_state=0).fit(features[: len(images)])
            features = self.pca_.transform(features)
        self.whitening_ = None
        if self.whitening is not None:
            self.whitening_ = WithinClassWhitening(self.whitening).fit(features[: len(images)], labels)
            features = self.whitening_.transform(features)
        self.projection_, self.offset_ = _fused_projection(self.pca_, self.whitening_, width)
        self.neighbors_ = NumpyKNeighborsClassifier(n_neighbors=self.n_neighbors, weights=self.weights)
        self.neighbors_.fit(np.ascontiguousarray(features, dtype=np.float32), memory_labels)
        self.classes_ = self.neighbors_.classes_
        self.training_labels_ = labels
        self.straight_memory_ = np.clip(np.rint(straight), 0, 255).astype(np.uint8) if self.candidates else None
        self.calibration_ = self._calibrate(images, labels) if self.calibration_size else None
        return self

    def straighten(self, images: np.ndarray) -> np.ndarray:
        """Deskewed (if the model deskews) float32 digits on the 0-255 scale: what both looks compare."""
        return deskew(images) if self.deskew else as_images(images).astype(np.float32)

    def _embed_straight(self, straight: np.ndarray) -> np.ndarray:
        """Straightened digits -> points in the first look's search space (float32, C-contiguous).

        PCA and whitening are one affine map, applied as one product (no per-call input checks on the drawing path).
        """
        features = self.features_.transform(straight)
        return np.ascontiguousarray(features @ self.projection_ - self.offset_, dtype=np.float32)

    def embed(self, X: np.ndarray) -> np.ndarray:
        """Raw digits -> points in the space where the first look searches (float32, C-contiguous)."""
        check_is_fitted(self)
        return self._embed_straight(self.straighten(finite_digits(X)))

    def read(self, X: np.ndarray, n_shown: int | None = None, extra: ExtraExamples | None = None,
             judge: bool = True) -> Reading:
        """Read raw digits: their `n_shown` nearest neighbours after both looks, the vote and the answer; with `judge`,
        also how sure to be and whether each looks like a digit at all (`predict` skips that)."""
        check_is_fitted(self)
        n_shown = n_shown or self.n_neighbors
        looks = Looks.of(self, self.straighten(finite_digits(X)), extra, wanted=n_shown, judge=judge)
        return self._reading(looks, n_shown, self.calibration_, judge)

    def _reading(self, looks: Looks, n_shown: int, calibration: Calibration | None, judge: bool = True) -> Reading:
        """Rank, vote and judge; without a calibration (while fitting) distances stay raw and nothing is judged."""
        first_scale, second_scale = (calibration.first_look_scale, calibration.second_look_scale) if calibration else (1.0, 1.0)
        neighbors = looks.ranked(first_scale, second_scale, self.first_look_share, max(n_shown, self.n_neighbors))
        class_index = np.searchsorted(self.classes_, neighbors.labels)
        shares = vote(neighbors.distances, class_index, self.n_neighbors, self.weights, len(self.classes_))
        predicted = self.classes_[np.argmax(shares, axis=1)]
        neighbors = Neighbors(*(value[:, :n_shown] if value.ndim == 2 else value for value in vars(neighbors).values()))
        if calibration is None or not judge:
            return Reading(neighbors, shares, predicted, np.full(len(predicted), np.nan), None)
        novelty = calibration.novelty(looks.first_nearest / first_scale, looks.second_nearest / second_scale)
        chance_right = calibration.chance_right(shares.max(axis=1), self.n_neighbors, self.weights)
        return Reading(neighbors, shares, predicted, chance_right, novelty)

    def _calibrate(self, images: np.ndarray, labels: np.ndarray) -> Calibration:
        """Read a seeded sample of training digits, each against all the others, and learn what trust to put in readings:
        for every vote a page offers (k up to NEIGHBORS_SHOWN, either weighting), how often each top share was right."""
        size = min(self.calibration_size, len(images))
        held_out = np.sort(np.random.default_rng(self.random_state).choice(len(images), size, replace=False))
        looks = Looks.of(self, self.straighten(images[held_out]), None, wanted=NEIGHBORS_SHOWN, exclude=held_out)
        second_nearest = looks.second_nearest if self.candidates else None
        neighbors = looks.ranked(*scales(looks.first_nearest, second_nearest), self.first_look_share, NEIGHBORS_SHOWN)
        class_index = np.searchsorted(self.classes_, neighbors.labels)
        curves = {}
        for k in range(1, NEIGHBORS_SHOWN + 1):
            for weights in WEIGHTINGS:
                shares = vote(neighbors.distances, class_index, k, weights, len(self.classes_))
                right = self.classes_[np.argmax(shares, axis=1)] == labels[held_out]
                curves[(k, weights)] = chance_right_curve(shares.max(axis=1), right)
        return calibrate(looks.first_nearest, second_nearest, curves, self.false_alarm_rate)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Share of the (weighted) vote of the n_neighbors nearest, for each class, after both looks."""
        return self.read(X, judge=False).shares

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class with the largest vote."""
        return self.read(X, judge=False).predicted

    def nearest_training_digits(self, X: np.ndarray, n_neighbors: int | None = None,
                                extra: ExtraExamples | None = None) -> Neighbors:
        """The nearest digits of each input after both looks (among the training set, and `extra` examples when given)."""
        return self.read(X, n_neighbors, extra, judge=False).neighbors

    def remember(self, images: np.ndarray, labels: np.ndarray) -> ExtraExamples:
        """Examples to search beside the training set (a KNN learns by remembering): never part of the official evaluation."""
        images, labels = as_images(images), np.asarray(labels, dtype=np.int64)
        neighbors = NumpyKNeighborsClassifier().fit(self.embed(images), labels) if len(images) else None
        return ExtraExamples(images=images, labels=labels, neighbors=neighbors)


@dataclass(frozen=True)
class Looks:
    """The candidates of each query and their distances in both looks (raw units), before ranking.

    `ranked` is the one place both looks' distances become an order; the CV search ranks cached distances with it too.
    """

    indices: np.ndarray  # (n, K) training indices (or extra-example indices where from_extra)
    labels: np.ndarray
    from_extra: np.ndarray
    first: np.ndarray  # first-look distances, ascending per row
    second: np.ndarray  # second-look distances; NaN where it did not look
    looked_twice: np.ndarray  # (n,)
    first_nearest: np.ndarray  # (n,) nearest training digit, first look
    second_nearest: np.ndarray  # (n,) nearest training digit among those the second look examined

    @classmethod
    def of(cls, model: NearestDigitClassifier, straight: np.ndarray, extra: ExtraExamples | None, wanted: int = 0,
           exclude: np.ndarray | None = None, judge: bool = True) -> Looks:
        """First look for every query; a second look where the nearest candidates disagree (and, to `judge` novelty,
        at the nearest training candidate elsewhere).

        The first look hands over `candidates` digits, or `wanted` when more are to be shown. `exclude` names each
        query's own training index: held-out readings skip the digit itself and its copies.
        """
        points = model._embed_straight(straight)
        wanted = max(model.candidates, model.n_neighbors, wanted)
        copies = len(model.source_index_) // len(model.training_labels_)  # the digit itself and its augmented copies
        distances, rows = model.neighbors_.search(points, wanted + (copies if exclude is not None else 0))
        indices = model.source_index_[rows]
        if exclude is not None:
            keep = np.argsort(indices == exclude[:, None], axis=1, kind="stable")[:, :wanted]
            distances, rows, indices = (np.take_along_axis(a, keep, axis=1) for a in (distances, rows, indices))
        labels = model.training_labels_[indices]
        from_extra = np.zeros(indices.shape, dtype=bool)
        first_nearest = distances[:, 0].copy()  # judged against training digits only, whatever the class remembers
        if extra is not None and extra.neighbors is not None:  # the class's drawings join the candidates
            extra_distances, extra_rows = extra.neighbors.search(points, min(wanted, len(extra.labels)))
            order = np.argsort(np.hstack([distances, extra_distances]), axis=1, kind="stable")[:, :wanted]

            def merged(training: np.ndarray, remembered: np.ndarray) -> np.ndarray:
                return np.take_along_axis(np.hstack([training, remembered]), order, axis=1)

            distances, indices, rows = merged(distances, extra_distances), merged(indices, extra_rows), merged(rows, extra_rows)
            labels = merged(labels, extra.labels[extra_rows])
            from_extra = merged(from_extra, np.ones(extra_rows.shape, dtype=bool))
        second = np.full(distances.shape, np.nan, dtype=np.float32)
        looked_twice = np.zeros(len(points), dtype=bool)
        second_nearest = np.zeros(len(points))
        if model.candidates:
            looked_twice = (labels[:, : model.agreement] != labels[:, :1]).any(axis=1)
            _second_look(model, straight, rows, from_extra, extra, second, looked_twice, judge)
            with np.errstate(invalid="ignore"):  # a row with no training candidate examined gives NaN: never flagged by it
                second_nearest = np.fmin.reduce(np.where(from_extra, np.nan, second), axis=1)
        return cls(indices, labels, from_extra, distances, second, looked_twice, first_nearest, second_nearest)

    def ranked(self, first_scale: float, second_scale: float, first_share: float, n_shown: int) -> Neighbors:
        """The `n_shown` nearest after the second look (where it looked), distances scaled so 1.0 is a typical nearest."""
        first = self.first / first_scale
        blended = (self.second / second_scale + first_share * first) / (1 + first_share)
        distance = np.where(self.looked_twice[:, None], blended, first)
        order = np.argsort(distance, axis=1, kind="stable")[:, :n_shown]
        pick = lambda a: np.take_along_axis(a, order, axis=1)  # noqa: E731
        return Neighbors(indices=pick(self.indices), distances=pick(distance).astype(np.float32), labels=pick(self.labels),
                         from_extra=pick(self.from_extra), first_rank=order, looked_twice=self.looked_twice)


def _second_look(model: NearestDigitClassifier, straight: np.ndarray, rows: np.ndarray, from_extra: np.ndarray,
                 extra: ExtraExamples | None, second: np.ndarray, looked_twice: np.ndarray, judge: bool) -> None:
    """Fill `second` with distortion distances: every candidate where they disagree, the nearest training one elsewhere."""
    extra_straight = None if extra is None else np.clip(np.rint(model.straighten(extra.images)), 0, 255).astype(np.uint8)
    agreed = np.flatnonzero(~looked_twice) if judge else np.zeros(0, dtype=np.int64)
    nearest_training = np.argmax(~from_extra[agreed], axis=1)[:, None]  # the column of each agreed row's nearest training digit
    for query_rows, columns in ((np.flatnonzero(looked_twice), np.arange(rows.shape[1])[None, :]), (agreed, nearest_training)):
        if len(query_rows) == 0:
            continue
        chosen, mine = rows[query_rows[:, None], columns], from_extra[query_rows[:, None], columns]
        images = model.straight_memory_[np.where(mine, 0, chosen)]
        if mine.any():
            images[mine] = extra_straight[chosen[mine]]
        second[query_rows[:, None], columns] = distortion_distances(straight[query_rows], images, model.warp_window,
                                                                   model.warp_context, model.local_features)


def _fused_projection(pca: PCA | None, whitening: WithinClassWhitening | None, width: int) -> tuple[np.ndarray, np.ndarray]:
    """PCA then whitening as one map: points = features @ projection - offset (float32)."""
    projection, offset = np.eye(width, dtype=np.float64), np.zeros(width)
    if pca is not None:
        projection, offset = pca.components_.T.astype(np.float64), pca.mean_ @ pca.components_.T
    if whitening is not None:
        projection, offset = projection @ whitening.transform_, offset @ whitening.transform_
    return projection.astype(np.float32), offset.astype(np.float32)
