"""The two looks of the digit reader: the first look's candidates, the second look where they disagree, and the one
ranking of both looks' distances into the nearest neighbours (the CV search ranks cached distances with it too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from mnist_knn.model.features import grey_levels
from mnist_knn.model.neighbors import NumpyKNeighborsClassifier, vote
from mnist_knn.model.second_look import distortion_distances


class FittedReader(Protocol):
    """What the looks use of a fitted NearestDigitClassifier (its parameters and its documented fitted attributes): named
    here, so that the looks never import the estimator that imports them."""

    n_neighbors: int
    candidates: int
    agreement: int
    warp_window: int
    warp_context: int
    local_features: str
    non_digit_neighbors: int
    neighbors_: NumpyKNeighborsClassifier
    source_index_: np.ndarray
    training_labels_: np.ndarray
    straight_memory_: np.ndarray | None
    non_digits_: NumpyKNeighborsClassifier | None
    non_digit_source_: np.ndarray | None

    def straighten(self, images: np.ndarray) -> np.ndarray:
        """What both looks compare: the digits as float32, straightened."""

    def embed_straightened(self, straight: np.ndarray) -> np.ndarray:
        """Straightened digits -> points in the first look's space."""


@dataclass(frozen=True)
class Neighbors:
    """The nearest digits of each query: (n, k) arrays, nearest first.

    `indices` point into the training set (or into the extra examples where `from_extra`); `distances` are in units of
    a typical held-out digit's nearest distance (1.0); `first_rank` is each one's place in the first look (0 = nearest);
    `looked_twice` (n,) says whose order the second look set; `vote_weights` how many times each one's vote counts (a
    remembered example's own weight; None: once each).
    """

    indices: np.ndarray
    distances: np.ndarray
    labels: np.ndarray
    from_extra: np.ndarray
    first_rank: np.ndarray
    looked_twice: np.ndarray
    vote_weights: np.ndarray | None = None

    def row(self, row: int) -> Neighbors:
        """The neighbours of one query, as (1, k) arrays."""
        return Neighbors(*(None if value is None else value[row : row + 1] for value in vars(self).values()))

    def first(self, count: int) -> Neighbors:
        """The `count` nearest of each query."""
        return Neighbors(*(value[:, :count] if value is not None and value.ndim == 2 else value for value in vars(self).values()))

    def shares(self, classes: np.ndarray, n_neighbors: int, weights: str) -> np.ndarray:
        """The vote (n, n_classes): the `n_neighbors` nearest, each counting once or 1 / distance, times its vote weight."""
        return vote(self.distances, np.searchsorted(classes, self.labels), n_neighbors, weights, len(classes), self.vote_weights)


@dataclass(frozen=True)
class ExtraExamples:
    """Labelled digits remembered beside the training set (a student's own, the class's), searchable in the model's space.

    They join the training digits at their distance times `nearness` (1: as they are; below 1: a little nearer), and when
    one is among the nearest its vote counts `vote_weights` times: a few close examples of one's own win over many
    training digits, and far ones change nothing. `mine` marks a student's own examples.
    """

    images: np.ndarray
    labels: np.ndarray
    neighbors: NumpyKNeighborsClassifier | None  # None when there are none
    vote_weights: np.ndarray
    mine: np.ndarray
    nearness: np.ndarray

    @classmethod
    def of(cls, images: np.ndarray, labels: np.ndarray, points: np.ndarray | None, vote_weights: np.ndarray | float,
           mine: np.ndarray | bool, nearness: np.ndarray | float) -> ExtraExamples:
        """Digits and labels with their `points` in the model's space (None: none remembered); each weight one value per
        digit or one for all."""
        neighbors = NumpyKNeighborsClassifier().fit(points, labels) if points is not None else None
        each = lambda value, kind: np.broadcast_to(np.asarray(value, kind), labels.shape).copy()  # noqa: E731
        return cls(images, labels, neighbors, each(vote_weights, np.float32), each(mine, bool), each(nearness, np.float32))


@dataclass(frozen=True)
class NonDigitEvidence:
    """The nearest examples of things that are not digits, searched beside the training digits in the first look's space.

    They never take part in the digit vote: they only say how much of what lies nearest is not a digit.
    """

    indices: np.ndarray  # (n, K) the model's non-digit examples (their pen copies point back to them), nearest first
    distances: np.ndarray  # (n, K) first-look distances (raw units)
    share: np.ndarray  # (n,) the non-digits' share of the K nearest examples' votes (1 / distance), digits and non-digits

    @classmethod
    def of(cls, model: FittedReader, points: np.ndarray, digit_distances: np.ndarray) -> NonDigitEvidence:
        """Search the non-digit examples and weigh them against the nearest training digits: the K nearest of both vote,
        each with weight 1 / distance (as the digits' own vote does, but for an exact match, which counts as 1e-6 away
        here instead of taking the whole vote)."""
        k = model.non_digit_neighbors
        distances, rows = model.non_digits_.search(points, k)
        both = np.hstack([digit_distances[:, :k], distances])
        nearest = np.argsort(both, axis=1, kind="stable")[:, :k]
        weight = 1.0 / np.maximum(np.take_along_axis(both, nearest, axis=1), 1e-6)
        share = (weight * (nearest >= k)).sum(axis=1) / weight.sum(axis=1)
        return cls(model.non_digit_source_[rows], distances, share)

    def row(self, row: int) -> NonDigitEvidence:
        """The evidence of one query, as (1, K) arrays."""
        return NonDigitEvidence(*(value[row : row + 1] for value in vars(self).values()))


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
    non_digits: NonDigitEvidence | None = None  # judged readings of a model that knows things that are not digits
    vote_weights: np.ndarray | None = None  # (n, K) how many times each candidate's vote counts (None: once each)

    @classmethod
    def of(cls, model: FittedReader, straight: np.ndarray, extra: ExtraExamples | None, wanted: int = 0,
           exclude: np.ndarray | None = None, judge: bool = True) -> Looks:
        """First look for every query; a second look where the nearest candidates disagree (and, to `judge` novelty,
        at the nearest training candidate elsewhere).

        The first look hands over `candidates` digits, or `wanted` when more are to be shown. `exclude` names each
        query's own training index: held-out readings skip the digit itself and its copies.
        """
        points = model.embed_straightened(straight)
        wanted = max(model.candidates, model.n_neighbors, model.non_digit_neighbors if judge else 0, wanted)
        copies = len(model.source_index_) // len(model.training_labels_)  # the digit itself and its augmented copies
        distances, rows = model.neighbors_.search(points, wanted + (copies if exclude is not None else 0))
        indices = model.source_index_[rows]
        if exclude is not None:
            keep = np.argsort(indices == exclude[:, None], axis=1, kind="stable")[:, :wanted]
            distances, rows, indices = (np.take_along_axis(a, keep, axis=1) for a in (distances, rows, indices))
        labels = model.training_labels_[indices]
        from_extra = np.zeros(indices.shape, dtype=bool)
        weights = np.ones(distances.shape, dtype=np.float32)
        if extra is not None and extra.neighbors is not None:  # remembered drawings join the candidates
            extra_distances, extra_rows = extra.neighbors.search(points, min(wanted, len(extra.labels)))
            extra_distances = extra_distances * extra.nearness[extra_rows]
            order = np.argsort(np.hstack([distances, extra_distances]), axis=1, kind="stable")[:, :wanted]

            def merged(training: np.ndarray, remembered: np.ndarray) -> np.ndarray:
                return np.take_along_axis(np.hstack([training, remembered]), order, axis=1)

            distances, indices, rows = merged(distances, extra_distances), merged(indices, extra_rows), merged(rows, extra_rows)
            labels = merged(labels, extra.labels[extra_rows])
            from_extra = merged(from_extra, np.ones(extra_rows.shape, dtype=bool))
            weights = merged(weights, extra.vote_weights[extra_rows])
        first_nearest = distances[:, 0].copy()  # a drawing near a remembered digit is near a digit
        non_digits = NonDigitEvidence.of(model, points, distances) if judge and model.non_digits_ is not None else None
        second = np.full(distances.shape, np.nan, dtype=np.float32)
        looked_twice = np.zeros(len(points), dtype=bool)
        second_nearest = np.zeros(len(points))
        if model.candidates:
            looked_twice = (labels[:, : model.agreement] != labels[:, :1]).any(axis=1)
            _second_look(model, straight, rows, from_extra, extra, second, looked_twice, judge)
            with np.errstate(invalid="ignore"):  # a row with no training candidate examined gives NaN: never flagged by it
                second_nearest = np.fmin.reduce(np.where(from_extra, np.nan, second), axis=1)
        return cls(indices, labels, from_extra, distances, second, looked_twice, first_nearest, second_nearest, non_digits,
                   weights if extra is not None and extra.neighbors is not None else None)

    def ranked(self, first_scale: float, second_scale: float, first_share: float, n_shown: int) -> Neighbors:
        """The `n_shown` nearest after the second look (where it looked), distances scaled so 1.0 is a typical nearest."""
        first = self.first / first_scale
        blended = (self.second / second_scale + first_share * first) / (1 + first_share)
        distance = np.where(self.looked_twice[:, None], blended, first)
        order = np.argsort(distance, axis=1, kind="stable")[:, :n_shown]
        pick = lambda a: np.take_along_axis(a, order, axis=1)  # noqa: E731
        return Neighbors(indices=pick(self.indices), distances=pick(distance).astype(np.float32), labels=pick(self.labels),
                         from_extra=pick(self.from_extra), first_rank=order, looked_twice=self.looked_twice,
                         vote_weights=None if self.vote_weights is None else pick(self.vote_weights))


def _second_look(model: FittedReader, straight: np.ndarray, rows: np.ndarray, from_extra: np.ndarray,
                 extra: ExtraExamples | None, second: np.ndarray, looked_twice: np.ndarray, judge: bool) -> None:
    """Fill `second` with distortion distances: every candidate where they disagree, the nearest training one elsewhere."""
    extra_straight = None if extra is None else grey_levels(model.straighten(extra.images))
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
