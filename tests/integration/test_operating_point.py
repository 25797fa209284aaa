""""Not a digit" is an operating point on a curve measured on validation data, and the model sits where its rule put it."""

import numpy as np

from mnist_knn.lab.beyond_mnist import NON_DIGIT_VOTES
from mnist_knn.storage.persistence import default_model_path, read_card


def test_the_card_records_the_validation_curve_and_the_models_own_point(default_model):
    curve = read_card(default_model_path()).evaluation.operating_curve
    assert [point["non_digit_vote"] for point in curve] == [float(vote) for vote in NON_DIGIT_VOTES]
    [chosen] = [point for point in curve if point["chosen"]]
    assert np.isclose(chosen["non_digit_vote"], default_model.non_digit_vote)
    refused, caught = (np.array([point[key] for point in curve]) for key in ("digits_refused", "non_digits_caught"))
    assert refused[0] > refused[-1] and caught[0] > caught[-1]  # the line trades refused digits for caught non-digits
    assert 0 <= chosen["digits_refused"] <= 0.05 and chosen["non_digits_caught"] >= 0.5
