"""Warnings for inputs that are not one digit, and for unsure answers."""

import numpy as np

from mnist_knn.diagnostics import confidence_warning, input_warnings
from mnist_knn.preprocess import canvas_to_mnist_stages
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


def test_confidence_warning_only_when_unsure():
    assert confidence_warning(np.array([0.9, 0.1] + [0] * 8)) is None
    assert "unsure" in confidence_warning(np.array([0.4, 0.35, 0.25] + [0] * 7))


def test_a_single_dot_is_flagged():
    assert any("tiny" in warning for warning in input_warnings(_ink([(140, 140), (142, 141)])))


def test_one_line_across_the_canvas_is_flagged():
    assert any("wider than tall" in warning for warning in input_warnings(_ink([(10, 140), (270, 150)])))


def test_a_one_is_not_flagged_for_its_shape():
    assert input_warnings(_ink([(140, 20), (135, 260)])) == []
