"""read_drawing: one drawing in, everything a person is told out, as the page and `predict` read it."""

import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier, read_drawing
from mnist_knn.reading.neighbors import vote
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


def test_revoting_uses_the_same_neighbours_and_the_chance_of_the_new_vote(model):
    reading = read_drawing(stroke_image([(60, 140), (230, 150), (150, 60)]), model=model, polarity="light-on-dark")
    other = reading.revote(1, "uniform")
    assert other.neighbors is reading.neighbors
    assert np.allclose(other.shares, vote(reading.neighbors.distances, reading.neighbors.labels, 1, "uniform", 3)[0])
    assert other.digit in (None, int(reading.neighbors.labels[0, 0]))
    if other.digit is not None:
        assert other.chance_right == pytest.approx(model.calibration_.chance_right(1.0, 1, "uniform"))
