"""Warnings for inputs that are not one digit, and for unsure answers."""

import numpy as np

from mnist_knn import canvas_to_mnist_stages
from mnist_knn.model.judgement import Novelty, chance_right_curve
from mnist_knn.reading.diagnostics import chance_in_words, input_warnings, unsure_warning, verdict
from tests.drawing import stroke_image


def _ink(*strokes):
    canvas = np.maximum.reduce([stroke_image(points)[:, :, 0] for points in strokes])
    return canvas_to_mnist_stages(canvas).ink


def test_one_digit_draws_no_warning():
    assert input_warnings(_ink([(60, 40), (200, 40), (120, 240)])) == []


def test_a_four_drawn_in_two_strokes_draws_no_warning():
    assert input_warnings(_ink([(80, 30), (60, 150), (200, 150)], [(160, 60), (160, 260)])) == []


def test_two_digits_side_by_side_are_flagged():
    warnings = input_warnings(_ink([(40, 40), (40, 240)], [(160, 40), (240, 40), (200, 240)]))
    assert any("more than one digit" in warning for warning in warnings)


def test_a_canvas_almost_all_inked_is_flagged():
    ink = np.full((280, 280), 255, np.uint8)
    ink[:20] = 0
    assert "does not look like a single digit" in input_warnings(ink)[0]


def test_many_specks_are_flagged():
    strokes = [[(x, y), (x + 15, y + 15)] for x in (30, 130, 230) for y in (30, 130, 230)]
    assert any("separate marks" in warning for warning in input_warnings(_ink(*strokes)))


def test_unsure_only_below_the_calibrated_line():
    assert unsure_warning(0.95) is None
    assert "right only about 55\u00a0% of the time" in unsure_warning(0.55)
    # a drawing unlike the digits that share was measured on: read right less often still, so said without it
    assert unsure_warning(0.55, measured=False) == "The model is unsure: digits it reads like this are often wrong."
    assert unsure_warning(0.95, measured=False) is None


def test_a_chance_never_reads_as_certain():
    written = (chance_in_words(0.9996), chance_in_words(0.991), chance_in_words(0.99), chance_in_words(0.987),
               chance_in_words(0.5))
    assert written == ("more than 99\u00a0%", "more than 99\u00a0%", "99\u00a0%", "98\u00a0%", "50\u00a0%")  # (no-break space)


def _novelty(first: float, second: float) -> Novelty:
    farther = lambda distance: np.array([min(0.998, distance / 3)])  # noqa: E731 - a stand-in for the held-out ranks
    return Novelty(np.array([first]), np.array([second]), farther(first), farther(second), np.zeros(1),
                   np.array([first > 2 or second > 2]), (2.0, 2.0), 0.5)


def test_a_drawing_far_from_every_training_digit_is_not_a_digit_and_says_why():
    ink = _ink([(60, 40), (200, 40), (120, 240)])  # clean ink: only the distances speak
    far = verdict(ink, _novelty(3.1, 1.0), 0, 0.99)
    assert far.not_a_digit and "nearest training digit is farther away than for 99.8\u00a0% of real digits" in far.reasons[0]
    assert "3.1 times a typical digit's distance" in far.reasons[0] and far.warnings == []
    bent = verdict(ink, _novelty(1.0, 2.6), 0, 0.99)
    assert bent.not_a_digit and "even when every pixel may move a little" in bent.reasons[0]
    near = verdict(ink, _novelty(1.0, 1.0), 0, 0.99)
    assert not near.not_a_digit and near.reasons == [] and near.warnings == []


def test_ink_warnings_make_it_not_a_digit_and_no_unsure_warning_is_added():
    dot = verdict(_ink([(140, 140), (142, 141)]), _novelty(1.0, 1.0), 0, 0.3)
    assert dot.not_a_digit and "tiny" in dot.reasons[0] and dot.warnings == []
    unsure = verdict(_ink([(60, 40), (200, 40), (120, 240)]), _novelty(1.0, 1.0), 0, 0.5)
    assert not unsure.not_a_digit and "unsure" in unsure.warnings[0]


def test_a_single_dot_is_flagged():
    assert any("tiny" in warning for warning in input_warnings(_ink([(140, 140), (142, 141)])))


def test_one_line_across_the_canvas_is_flagged():
    assert any("wider than tall" in warning for warning in input_warnings(_ink([(10, 140), (270, 150)])))


def test_a_one_is_not_flagged_for_its_shape():
    assert input_warnings(_ink([(140, 20), (135, 260)])) == []


def test_how_sure_never_says_0_or_100_percent_from_a_handful_and_keeps_the_rate_of_thousands():
    low_shares, high_shares = np.array([0.3, 0.35, 0.4]), np.full(4_000, 1.0)
    right = np.concatenate([np.zeros(3, bool), np.arange(4_000) % 100 != 0])  # 3 low votes wrong; 99 % of the rest right
    shares, chance = chance_right_curve(np.concatenate([low_shares, high_shares]), right)
    assert np.allclose(chance[:3], 1 / 5)  # 0 of 3 right: 20 % (Laplace), not 0 %
    assert abs(chance[-1] - 0.99) < 0.001 and np.all(np.diff(chance) >= 0)  # thousands keep their rate; never decreasing
    assert chance_right_curve(np.full(4, 0.5), np.ones(4, bool))[1][0] == 5 / 6  # 4 of 4 right: not 100 %


def test_each_flagged_drawing_is_told_the_first_limit_of_the_rule_it_crossed():
    from mnist_knn.model.judgement import Novelty, beyond_limits

    rng = np.random.default_rng(0)
    first, second, share = rng.uniform(0, 3, 500), rng.uniform(0, 3, 500), rng.uniform(0, 1, 500)
    limits, line = (1.8, 2.1), 0.55
    flagged = beyond_limits(first, second, share, limits, line)
    assert np.array_equal(flagged, (share >= line) | (first > limits[0]) | (second > limits[1]))
    novelty = Novelty(first, second, first / 3, second / 3, share, flagged, limits, line)
    told = [novelty.reason(row) for row in range(500)]
    for row, reason in enumerate(told):
        expected = (None if not flagged[row] else "not digits" if share[row] >= line else
                    "typical digit's distance" if first[row] > limits[0] else "every pixel may move")
        assert reason is None if expected is None else expected in reason
    assert len({reason.split(" ")[1] for reason in told if reason}) == 3  # all three reasons were told
