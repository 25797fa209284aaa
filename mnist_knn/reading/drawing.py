"""One way to read a drawing: image in, everything a person is told out.

    from mnist_knn import read_drawing
    reading = read_drawing(image)     # the default model, exactly as the draw page and `predict` read it
    reading.digit                     # 7, or None when it is not a digit (reading.reasons says why)

The draw page, How KNN works, `python -m mnist_knn predict`, the evaluations of drawn sets and the benchmark's one
drawing read through here (MNIST's test set, already in MNIST's format, is read by the model itself: `model.read`).
A reading is made in two steps, so a page can search once and vote again when a person moves the k slider:
`search_drawings` (pixels -> MNIST digit -> its nearest examples, the costly part) and `DrawingSearch.vote` (the vote
and the judgement, voted once).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

import numpy as np

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.language import _
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.features import grey_levels
from mnist_knn.model.judgement import Novelty
from mnist_knn.model.looks import ExtraExamples, Neighbors, NonDigitEvidence
from mnist_knn.reading.diagnostics import verdict
from mnist_knn.reading.preprocess import PreprocessStages, canvas_to_mnist_stages, mnist_digit_stages


@dataclass(frozen=True, kw_only=True)
class DrawingSearch:
    """One drawing searched, before any vote: its stages, its nearest examples, and how far it lies from the digits."""

    stages: PreprocessStages
    model_input: np.ndarray  # 28 x 28 uint8: the digit as the model compared it (after its own steps: the slant removed)
    neighbors: Neighbors  # the nearest, as (1, n) arrays
    novelty: Novelty  # how far it is from the digits the model learned from, as a one-row judgement
    non_digits: NonDigitEvidence | None  # its nearest examples of things that are not digits (None: the model knows none)
    refused_when_drawn: bool  # a kept drawing that was called not a digit on its canvas (see `search_drawings`)
    model: NearestDigitClassifier

    def vote(self, n_neighbors: int | None = None, weights: str | None = None) -> DrawingReading:
        """The `n_neighbors` nearest vote (default: the model's own k and weighting), then the judgement: "not a digit"
        and why, or the digit with its chance of being right, calibrated for this vote."""
        model = self.model
        n_neighbors, weights = n_neighbors or model.n_neighbors, weights or model.weights
        if n_neighbors > self.neighbors.labels.shape[1]:
            raise ValueError(f"k = {n_neighbors} needs {n_neighbors} neighbours; this search kept "
                             f"{self.neighbors.labels.shape[1]} (search with a larger n_shown)")
        shares = self.neighbors.shares(model.classes_, n_neighbors, weights)[0]
        closest = int(model.classes_[int(np.argmax(shares))])
        remembered = self.neighbors.from_extra[0, :n_neighbors].any()  # "how sure" was learned without remembered examples
        chance = None if remembered else float(model.calibration_.chance_right(shares.max(), n_neighbors, weights))
        unlike = self.novelty.unlike(0)  # ... and on digits like MNIST's: unlike ones are read right less often than it says
        judged = verdict(self.stages.ink, self.novelty, 0, chance, self.refused_when_drawn, measured=unlike is None)
        warnings = judged.warnings if judged.not_a_digit or unlike is None else [
            _("Reads as {digit}, though it looks unlike the digits I learned from ({how_far}).").format(
                digit=closest, how_far=unlike), *judged.warnings]
        searched = {field.name: getattr(self, field.name) for field in fields(DrawingSearch)}
        return DrawingReading(**searched, digit=None if judged.not_a_digit else closest, closest_digit=closest,
                              not_a_digit=judged.not_a_digit, reasons=judged.reasons, warnings=warnings,
                              chance_right=None if judged.not_a_digit or unlike else chance, shares=shares,
                              n_neighbors=n_neighbors, weights=weights)


@dataclass(frozen=True, kw_only=True)
class DrawingReading(DrawingSearch):
    """What a person is told about one drawing, and what the pages show of how the model got there.

    `vote(k, weights)` gives the same drawing voted again with another k or weighting, without a new search.
    """

    digit: int | None  # the digit read, or None when it is not a digit
    closest_digit: int  # the vote's winner, even for a drawing that is not a digit
    not_a_digit: bool
    reasons: list[str]  # why it is not a digit, one sentence each (empty when it is one)
    warnings: list[str]  # other things to tell the person (unsure, unlike the digits it learned from)
    chance_right: float | None  # calibrated for this digit, k and weighting; None when it is not a digit, when
    #                             remembered examples vote, or when it looks unlike the digits it learned from (the
    #                             calibration knows held-out MNIST digits only: docs/model.md, "How sure")
    shares: np.ndarray  # (10,) the vote of the n_neighbors nearest
    n_neighbors: int
    weights: str


@cache
def _default_model() -> NearestDigitClassifier:
    """The saved default model, loaded once per process."""
    from mnist_knn.storage.persistence import load_model

    return load_model()


def search_drawings(images: list[np.ndarray], *, model: NearestDigitClassifier | None = None,
                    extra: ExtraExamples | None = None, polarity: str = "auto", n_shown: int = NEIGHBORS_SHOWN,
                    mnist_format: bool = False, refused_when_drawn: bool = False) -> list[DrawingSearch | None]:
    """Search many images at once (one batched search), before any vote; None for each image without ink.

    `mnist_format`: the images are already 28 x 28 MNIST digits (a test digit, a kept drawing), read as they are.
    `refused_when_drawn`: they are kept drawings that were called not a digit on their canvas, a verdict that stands
    (the ink checks, such as "several separate marks", need the whole canvas, which is not kept).
    """
    model = model or _default_model()
    if model.calibration_ is None:
        raise ValueError("read_drawing needs a calibrated model (fitted with calibration_size > 0): it says how sure it is")
    stages = [mnist_digit_stages(image) if mnist_format else canvas_to_mnist_stages(image, polarity) for image in images]
    inked = [row for row, stage in enumerate(stages) if stage is not None]
    searches: list[DrawingSearch | None] = [None] * len(images)
    if not inked:
        return searches
    found = model.search(np.stack([stages[row].centred for row in inked]), max(n_shown, model.n_neighbors), extra)
    compared = grey_levels(found.compared)
    for position, row in enumerate(inked):
        searches[row] = DrawingSearch(
            stages=stages[row], model_input=compared[position], neighbors=found.neighbors.row(position),
            novelty=found.novelty.row(position),
            non_digits=found.non_digits.row(position) if found.non_digits is not None else None,
            refused_when_drawn=refused_when_drawn, model=model)
    return searches


def read_drawings(images: list[np.ndarray], *, model: NearestDigitClassifier | None = None, n_neighbors: int | None = None,
                  weights: str | None = None, extra: ExtraExamples | None = None, polarity: str = "auto",
                  n_shown: int = NEIGHBORS_SHOWN, mnist_format: bool = False,
                  refused_when_drawn: bool = False) -> list[DrawingReading | None]:
    """`read_drawing` for many images at once (one batched search); None for each image without ink."""
    searches = search_drawings(images, model=model, extra=extra, polarity=polarity, n_shown=max(n_shown, n_neighbors or 0),
                               mnist_format=mnist_format, refused_when_drawn=refused_when_drawn)
    return [None if found is None else found.vote(n_neighbors, weights) for found in searches]


def read_drawing(image: np.ndarray, *, model: NearestDigitClassifier | None = None, n_neighbors: int | None = None,
                 weights: str | None = None, extra: ExtraExamples | None = None, polarity: str = "auto",
                 n_shown: int = NEIGHBORS_SHOWN, mnist_format: bool = False,
                 refused_when_drawn: bool = False) -> DrawingReading | None:
    """Read one drawing or photo (any size; RGBA, RGB or grey): the digit or "not a digit", why, how sure, the
    neighbours and the stages. None when the image has no ink.

    `model` defaults to the saved default model; `n_neighbors` and `weights` to the model's own vote; `extra` adds
    remembered examples beside the training digits; `polarity` says which way the ink runs ('light-on-dark' for the
    app's canvas; 'auto' detects it); `mnist_format` reads a 28 x 28 MNIST digit as it is; `refused_when_drawn` keeps
    the canvas's "not a digit" for a kept drawing.
    """
    return read_drawings([image], model=model, n_neighbors=n_neighbors, weights=weights, extra=extra, polarity=polarity,
                         n_shown=n_shown, mnist_format=mnist_format, refused_when_drawn=refused_when_drawn)[0]
