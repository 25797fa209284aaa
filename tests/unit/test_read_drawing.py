"""read_drawing: one drawing in, everything a person is told out, as the page and `predict` read it."""

import copy
import dataclasses

import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier, read_drawing
from mnist_knn.lab.summary import reading_lines
from mnist_knn.model import classifier, looks
from mnist_knn.model.features import grey_levels
from mnist_knn.model.neighbors import vote
from mnist_knn.reading.drawing import search_drawings
from tests.drawing import stroke_image
from tests.unit.synthetic import shapes


@pytest.fixture(scope="module")
def model():
    X, y = shapes(40, seed=0)
    return NearestDigitClassifier(n_neighbors=3, n_components=20, calibration_size=100).fit(X, y)


def test_an_empty_canvas_has_no_reading(model):
    assert read_drawing(np.zeros((280, 280, 4), np.uint8), model=model) is None


def test_a_drawing_reads_as_the_model_predicts_with_its_chance_for_that_vote(model):
    bar = stroke_image([(140, 30), (142, 250)])  # a vertical bar: class 0 of the synthetic shapes
    reading = read_drawing(bar, model=model, polarity="light-on-dark")
    assert reading.digit == model.predict(reading.stages.centred[None])[0] == 0 and not reading.not_a_digit
    assert reading.chance_right == pytest.approx(model.calibration_.chance_right(reading.shares.max(), 3, "distance"))
    assert len(reading.neighbors.labels[0]) == 15 and reading.reasons == []


def test_voting_again_uses_the_same_neighbours_and_the_chance_of_the_new_vote(model):
    reading = read_drawing(stroke_image([(60, 140), (230, 150), (150, 60)]), model=model, polarity="light-on-dark")
    other = reading.vote(1, "uniform")
    assert other.neighbors is reading.neighbors
    assert np.allclose(other.shares, vote(reading.neighbors.distances, reading.neighbors.labels, 1, "uniform", 3)[0])
    assert other.digit in (None, int(reading.neighbors.labels[0, 0]))
    if other.digit is not None:
        assert other.chance_right == pytest.approx(model.calibration_.chance_right(1.0, 1, "uniform"))


def test_a_drawing_unlike_the_digits_it_learned_from_is_read_with_a_warning_and_no_how_sure(model):
    search = search_drawings([stroke_image([(140, 30), (142, 250)])], model=model, polarity="light-on-dark")[0]
    near = search.vote()
    assert near.novelty.unlike(0) is None and near.chance_right is not None and near.warnings == []
    # the same drawing, judged farther from the digits than 99.5 % of held-out ones, yet not refused
    far = dataclasses.replace(search.novelty, first_farther_than=np.array([0.995]), flagged=np.array([False]))
    reading = dataclasses.replace(search, novelty=far).vote()
    assert reading.digit == near.digit and not reading.not_a_digit
    assert reading.chance_right is None  # "how sure" was measured on digits like MNIST's: it overstated such ones
    assert reading.warnings == [f"Reads as {near.digit}, though it looks unlike the digits I learned from (farther from "
                                "them than 99.5\u00a0% of real digits)."]
    assert reading_lines("far.png", reading, 2.0)[0] == f"far.png: {near.digit} (chance right not known, 2.0 ms)"  # `predict`
    # a model whose held-out digits, read like this, were right half the time: unsure, and said without that share
    doubtful = copy.copy(model)
    doubtful.calibration_ = dataclasses.replace(model.calibration_, chance_right_curves={
        vote: (shares, np.full_like(chance, 0.5)) for vote, (shares, chance) in model.calibration_.chance_right_curves.items()})
    unsure = dataclasses.replace(search, novelty=far, model=doubtful).vote()
    assert unsure.chance_right is None
    assert unsure.warnings[1:] == ["The model is unsure: digits it reads like this are often wrong."]
    assert "right only about 50" in dataclasses.replace(search, model=doubtful).vote().warnings[0]  # near: with the share


def _counted(monkeypatch, module, name: str) -> list:
    """Count the calls of `module.name` while it keeps doing its real work."""
    calls, real = [], getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args, **kwargs: calls.append(1) or real(*args, **kwargs))
    return calls


def test_a_drawing_is_deskewed_once_and_voted_once(model, monkeypatch):
    votes = _counted(monkeypatch, looks, "vote")  # every vote is Neighbors.shares's
    deskews = _counted(monkeypatch, classifier, "deskew")  # what model.straighten calls
    reading = read_drawing(stroke_image([(140, 30), (142, 250)]), model=model, polarity="light-on-dark")
    assert reading.digit == 0
    assert len(votes) == 1  # one vote, in the reading; the model's own vote is not taken
    assert len(deskews) == 1
    reading.vote(1, "uniform")
    assert len(votes) == 2 and len(deskews) == 1  # another k votes again without a new search


def test_a_vote_needs_as_many_neighbours_as_the_search_kept(model):
    found = search_drawings([stroke_image([(140, 30), (142, 250)])], model=model, polarity="light-on-dark", n_shown=4)[0]
    assert found.vote(4).n_neighbors == 4
    with pytest.raises(ValueError, match="k = 5 needs 5 neighbours"):
        found.vote(5)


def test_the_model_input_is_what_the_model_compared(model):
    found = search_drawings([stroke_image([(60, 40), (200, 250)])], model=model, polarity="light-on-dark")[0]
    compared = grey_levels(model.straighten(found.stages.centred[None])[0])
    assert np.array_equal(found.model_input, compared) and not np.array_equal(found.model_input, found.stages.centred)
    plain = NearestDigitClassifier(n_neighbors=3, n_components=20, calibration_size=100, deskew=False).fit(*shapes(40, seed=0))
    unskewed = search_drawings([stroke_image([(60, 40), (200, 250)])], model=plain, polarity="light-on-dark")[0]
    assert np.array_equal(unskewed.model_input, unskewed.stages.centred)  # a model that keeps the slant compares it as is


def test_a_kept_drawing_refused_on_its_canvas_stays_not_a_digit_for_every_vote(model):
    bar = read_drawing(stroke_image([(140, 30), (142, 250)]), model=model, polarity="light-on-dark").stages.centred
    kept = read_drawing(bar, model=model, mnist_format=True, refused_when_drawn=True)
    assert kept.not_a_digit and kept.digit is None and kept.chance_right is None and kept.closest_digit == 0
    assert "When it was drawn" in kept.reasons[-1] and kept.vote(1, "uniform").not_a_digit
    assert read_drawing(bar, model=model, mnist_format=True).digit == 0


def test_the_second_look_picture_warps_by_the_local_features_the_model_compares():
    from mnist_knn.model.second_look import warped_onto
    from mnist_knn.reading.explanation import explain

    X, y = shapes(40, seed=1)
    model = NearestDigitClassifier(n_neighbors=3, n_components=20, calibration_size=60, candidates=30, agreement=30,
                                   local_features="pixels").fit(X, y)
    X_new, _ = shapes(10, seed=2)
    readings = [reading for reading in (read_drawing(image, model=model, mnist_format=True) for image in X_new)
                if reading.neighbors.looked_twice[0] and not reading.neighbors.from_extra[0, 0]]
    assert readings  # drawings that took a second look at a training digit
    differ = 0
    for reading in readings:
        straight, neighbour, warped = explain(reading).second_look.images
        assert np.array_equal(warped, warped_onto(straight, neighbour, model.warp_window, model.warp_context, "pixels"))
        differ += not np.array_equal(warped, warped_onto(straight, neighbour, model.warp_window, model.warp_context))
    assert differ  # the gradients would have moved some pixels elsewhere: the picture shows the pixels' own warp
