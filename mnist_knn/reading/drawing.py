"""One way to read a drawing: image in, everything a person is told out.

    from mnist_knn import read_drawing
    reading = read_drawing(image)     # the default model, exactly as the draw page and `predict` read it
    reading.digit                     # 7, or None when it is not a digit (reading.reasons says why)

The draw page, `python -m mnist_knn predict`, the open-set evaluation and the benchmark all read through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.reading.classifier import NearestDigitClassifier
from mnist_knn.reading.diagnostics import verdict
from mnist_knn.reading.judgement import Novelty
from mnist_knn.reading.looks import ExtraExamples, Neighbors, NonDigitEvidence
from mnist_knn.reading.neighbors import vote
from mnist_knn.reading.preprocess import PreprocessStages, canvas_to_mnist_stages, mnist_digit_stages


@dataclass(frozen=True)
class DrawingReading:
    """What a person is told about one drawing, and what the pages show of how the model got there."""

    digit: int | None  # the digit read, or None when it is not a digit
    closest_digit: int  # the vote's winner, even for a drawing that is not a digit
    not_a_digit: bool
    reasons: list[str]  # why it is not a digit, one sentence each (empty when it is one)
    warnings: list[str]  # other things to tell the person (unsure, unlike the digits it learned from)
    chance_right: float | None  # calibrated for this digit, k and weighting; None when it is not a digit, or when
    #                             remembered examples vote (the calibration knows MNIST's digits only)
    shares: np.ndarray  # (10,) the vote of the n_neighbors nearest
    n_neighbors: int
    weights: str
    neighbors: Neighbors  # the NEIGHBORS_SHOWN nearest, as (1, n) arrays
    novelty: Novelty  # how far it is from the digits the model learned from, as a one-row judgement
    non_digits: NonDigitEvidence | None  # its nearest examples of things that are not digits (None: the model knows none)
    stages: PreprocessStages
    model: NearestDigitClassifier

    def revote(self, n_neighbors: int, weights: str) -> DrawingReading:
        """The same neighbours voting with another k or weighting (no new search), judged and calibrated for it."""
        return _judged(self.model, self.stages, self.neighbors, self.novelty, self.non_digits, n_neighbors, weights)


@cache
def _default_model() -> NearestDigitClassifier:
    """The saved default model, loaded once per process."""
    from mnist_knn.reading.persistence import load_model

    return load_model()


def read_drawings(images: list[np.ndarray], *, model: NearestDigitClassifier | None = None, n_neighbors: int | None = None,
                  weights: str | None = None, extra: ExtraExamples | None = None, polarity: str = "auto",
                  n_shown: int = NEIGHBORS_SHOWN, mnist_format: bool = False) -> list[DrawingReading | None]:
    """`read_drawing` for many images at once (one batched search); None for each image without ink.

    `mnist_format`: the images are already 28 x 28 MNIST digits (a test digit, a stored drawing), read as they are.
    """
    model = model or _default_model()
    if model.calibration_ is None:
        raise ValueError("read_drawing needs a calibrated model (fitted with calibration_size > 0): it says how sure it is")
    n_shown = max(n_shown, n_neighbors or 0)
    stages = [mnist_digit_stages(image) if mnist_format else canvas_to_mnist_stages(image, polarity) for image in images]
    inked = [row for row, stage in enumerate(stages) if stage is not None]
    readings: list[DrawingReading | None] = [None] * len(images)
    if not inked:
        return readings
    found = model.read(np.stack([stages[row].centred for row in inked]), max(n_shown, model.n_neighbors), extra)
    for position, row in enumerate(inked):
        evidence = found.non_digits.row(position) if found.non_digits is not None else None
        readings[row] = _judged(model, stages[row], found.neighbors.row(position), found.novelty.row(position), evidence,
                                n_neighbors or model.n_neighbors, weights or model.weights)
    return readings


def read_drawing(image: np.ndarray, *, model: NearestDigitClassifier | None = None, n_neighbors: int | None = None,
                 weights: str | None = None, extra: ExtraExamples | None = None, polarity: str = "auto",
                 n_shown: int = NEIGHBORS_SHOWN, mnist_format: bool = False) -> DrawingReading | None:
    """Read one drawing or photo (any size; RGBA, RGB or grey): the digit or "not a digit", why, how sure, the
    neighbours and the stages. None when the image has no ink.

    `model` defaults to the saved default model; `n_neighbors` and `weights` to the model's own vote; `extra` adds
    remembered examples beside the training digits; `polarity` says which way the ink runs ('light-on-dark' for the
    app's canvas; 'auto' detects it); `mnist_format` reads a 28 x 28 MNIST digit as it is.
    """
    return read_drawings([image], model=model, n_neighbors=n_neighbors, weights=weights, extra=extra, polarity=polarity,
                         n_shown=n_shown, mnist_format=mnist_format)[0]


def _judged(model: NearestDigitClassifier, stages: PreprocessStages, neighbors: Neighbors, novelty: Novelty,
            non_digits: NonDigitEvidence | None, n_neighbors: int, weights: str) -> DrawingReading:
    """Vote with (k, weighting), then judge: "not a digit" and why, or the digit with its calibrated chance."""
    class_index = np.searchsorted(model.classes_, neighbors.labels)
    shares = vote(neighbors.distances, class_index, n_neighbors, weights, len(model.classes_), neighbors.vote_weights)[0]
    closest = int(model.classes_[int(np.argmax(shares))])
    remembered = neighbors.from_extra[0, :n_neighbors].any()  # "how sure" was learned without remembered examples voting
    chance = None if remembered else float(model.calibration_.chance_right(shares.max(), n_neighbors, weights))
    judged = verdict(stages.ink, novelty, 0, chance)
    unlike = novelty.unlike(0)
    warnings = judged.warnings if judged.not_a_digit or unlike is None else [
        f"Reads as {closest}, though it looks unlike the digits I learned from ({unlike}).", *judged.warnings]
    return DrawingReading(digit=None if judged.not_a_digit else closest, closest_digit=closest,
                          not_a_digit=judged.not_a_digit, reasons=judged.reasons, warnings=warnings,
                          chance_right=None if judged.not_a_digit else chance, shares=shares, n_neighbors=n_neighbors,
                          weights=weights, neighbors=neighbors, novelty=novelty, non_digits=non_digits, stages=stages,
                          model=model)
