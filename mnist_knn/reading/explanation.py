"""What the pages show of how one drawing was read, so that no page reaches into the model's fitted insides."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.model.second_look import warped_onto
from mnist_knn.reading.drawing import DrawingReading


@dataclass(frozen=True)
class SecondLook:
    """The second look of a model that takes one: when it runs, and what it did for this drawing."""

    agreement: int  # it runs when this many nearest candidates do not all agree
    candidates: int  # ... and re-ranks this many
    window: int  # each pixel may move up to this many pixels
    looked: bool  # whether it ran for this drawing
    images: tuple[np.ndarray, np.ndarray, np.ndarray] | None  # the drawing, its nearest, that nearest moved onto it


@dataclass(frozen=True)
class Explanation:
    """One reading's evidence in the terms the pages use (distances in units of a typical digit's nearest, 1.0)."""

    far_quantiles: np.ndarray  # held-out real digits' nearest distances, at 1001 quantiles
    far_limit: float  # past this distance a drawing is not a digit
    non_digit_count: int  # how many examples of things that are not digits the model remembers (0: none)
    non_digit_neighbors: int  # how many nearest examples judge whether it is a digit
    non_digit_vote: float  # from this share of their vote on, it is not a digit
    nearest_non_digits: list[np.ndarray]  # the nearest non-digit examples (28 x 28) ...
    non_digit_distances: np.ndarray  # ... and their distances
    second_look: SecondLook | None  # None: the model reads with one look


def explain(reading: DrawingReading, shown: int = 5) -> Explanation:
    """The evidence behind one reading: the far limit, the nearest non-digits, and the second look if the model has one."""
    model, calibration = reading.model, reading.model.calibration_
    evidence = reading.non_digits
    nearest = [] if evidence is None else [model.non_digit_images_[index] for index in evidence.indices[0, :shown]]
    distances = np.zeros(0) if evidence is None else evidence.distances[0, :shown] / calibration.first_look_scale
    second = None
    if model.candidates:
        looked = bool(reading.neighbors.looked_twice[0])
        images = None
        if looked and not reading.neighbors.from_extra[0, 0]:  # the nearest is a training digit (not a remembered one)
            straight = reading.model_input  # the drawing as the model compared it
            neighbour = model.straight_memory_[reading.neighbors.indices[0, 0]]
            images = (straight, neighbour, warped_onto(straight, neighbour, model.warp_window, model.warp_context,
                                                      model.local_features))
        second = SecondLook(model.agreement, model.candidates, model.warp_window, looked, images)
    return Explanation(calibration.first_look_quantiles, calibration.limits[0],
                       0 if model.non_digit_images_ is None else len(model.non_digit_images_), model.non_digit_neighbors,
                       model.non_digit_vote, nearest, distances, second)


def neighbour_images(model: NearestDigitClassifier, indices: np.ndarray, X_train: np.ndarray,
                     from_extra: np.ndarray | None = None, memory: ExtraExamples | None = None) -> list[np.ndarray]:
    """The neighbours at `indices` as drawn: a remembered example's own where `from_extra`, else a training digit:
    MNIST's from `X_train`, and past them the other writers' digits the model was also given."""
    first_other = len(model.training_labels_) - len(model.more_digit_images_)
    from_extra = np.zeros(len(indices), bool) if from_extra is None else from_extra
    return [memory.images[index] if extra else X_train[index] if index < first_other
            else model.more_digit_images_[index - first_other] for index, extra in zip(indices, from_extra)]
