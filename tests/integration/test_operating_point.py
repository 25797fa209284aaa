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


def test_the_ink_coverage_limit_is_what_its_recorded_rule_gives_on_validation():
    from mnist_knn.lab.beyond_mnist import COVERAGE_RULE, coverage_limit
    from mnist_knn.reading.diagnostics import MAX_COVERAGE

    most, limit = coverage_limit("validation")
    assert 0.3 < most < MAX_COVERAGE  # box-filling digits ink about half the canvas; none is refused by the limit
    assert limit == MAX_COVERAGE, f"the rule ({COVERAGE_RULE}) gives {limit:.0%}: set diagnostics.MAX_COVERAGE to it"
