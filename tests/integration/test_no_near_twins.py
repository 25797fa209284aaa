"""No evaluation item has a near twin (not only no equal code point) in what the model searches or in what chose it."""

import numpy as np
import pytest

from mnist_knn.lab import bank, writers
from mnist_knn.lab.twins import NEAR_TWIN, nearest_similarity


@pytest.fixture(scope="module")
def evaluation():
    return bank.evaluation_drawings()  # every validation and test split, and the open set


@pytest.mark.parametrize("remembered", ["non_digit_images_", "more_digit_images_"])
def test_no_evaluation_drawing_has_a_near_twin_among_what_the_model_searches_beside_mnist(default_model, evaluation, remembered):
    searched = getattr(default_model, remembered)  # what it remembers is not a digit; the other writers' digits
    similarity = nearest_similarity(evaluation, searched)
    assert len(searched) > 5_000 and len(evaluation) > 5_000
    assert similarity.max() < NEAR_TWIN, f"{int((similarity >= NEAR_TWIN).sum())} evaluation drawings have a near twin"


def test_no_test_drawing_that_is_not_a_digit_has_a_near_twin_in_the_validation_that_chose_the_model():
    validation = writers.as_digits([canvas for drawing_set in writers.SETS for canvas in drawing_set.make("validation")[0]])
    test = writers.as_digits([canvas for drawing_set in writers.NON_DIGIT_SETS for canvas in drawing_set.make("test")[0]])
    similarity = nearest_similarity(test, validation)
    assert similarity.max() < NEAR_TWIN, f"{int((similarity >= NEAR_TWIN).sum())} test drawings have a near twin"
    assert np.median(similarity) > 0.5  # the measure sees likeness: most drawings have something alike, short of a twin


def test_no_drawing_that_is_not_a_digit_and_chooses_or_measures_the_model_is_a_near_twin_of_a_training_digit(mnist):
    """Such a drawing passes for a digit the model searches (Tifinagh's ring ⴰ for an MNIST 0): it measured it on a digit."""
    drawings = writers.as_digits([canvas for drawing_set in writers.NON_DIGIT_SETS for split in ("validation", "test")
                                  for canvas in drawing_set.make(split)[0]])
    similarity = nearest_similarity(drawings, mnist[0])  # the training digits
    assert similarity.max() < NEAR_TWIN, f"{int((similarity >= NEAR_TWIN).sum())} drawings have a near twin among MNIST's"
