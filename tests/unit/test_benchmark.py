"""The benchmark gives every contender the same work, and each answers an empty canvas without crashing."""

import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier
from mnist_knn.lab import benchmark
from tests.drawing import stroke_image
from tests.unit.synthetic import shapes


@pytest.fixture(scope="module")
def contenders():
    X, y = shapes(30, seed=0)
    model = NearestDigitClassifier(n_neighbors=3, n_components=20, calibration_size=60).fit(X, y)
    return [benchmark.ours(model), benchmark.first_look(model), benchmark.scikit_learn_same_features(model),
            benchmark.textbook_knn(X, y)]


def test_every_contender_answers_an_empty_canvas_with_none(contenders):
    empty = np.zeros((280, 280, 4), np.uint8)
    assert [contender.one_drawing(empty) for contender in contenders] == [None] * 4


def test_every_contender_reads_a_drawn_bar(contenders):
    bar = stroke_image([(140, 30), (142, 250)])  # a vertical bar: class 0 of the synthetic shapes
    answers = [contender.one_drawing(bar) for contender in contenders]
    assert answers[0].digit == 0
    assert all(int(np.argmax(shares[0])) == 0 for shares in answers[1:])
