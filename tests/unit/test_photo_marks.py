"""A photo's ink less its paper's printed lines, the camera's specks and slivers at the frame's edge; the digit kept."""

import cv2
import numpy as np
import pytest

from mnist_knn.reading.photo_marks import without_paper_marks
from mnist_knn.reading.preprocess import canvas_to_mnist_stages, ink_map
from tests.drawing import on_printed_paper


def _seven() -> np.ndarray:
    """A 28 x 28 seven, drawn with lines."""
    digit = np.zeros((28, 28), np.uint8)
    cv2.polylines(digit, [np.array([(6, 6), (22, 6), (12, 24)], np.int32)], False, 255, 2, cv2.LINE_AA)
    return digit


@pytest.mark.parametrize("paper", ["ruled", "squared"])
@pytest.mark.parametrize("tilt", [0.0, 2.0, -6.0])  # (a page askew by 4° or more lost nothing of its lines)
def test_a_digit_on_printed_paper_is_cut_out_by_its_own_ink(paper, tilt):
    photo, plain = on_printed_paper(_seven(), paper, tilt), on_printed_paper(_seven(), "plain", tilt)
    stages, expected = canvas_to_mnist_stages(photo), canvas_to_mnist_stages(plain)
    assert stages.crop.shape == pytest.approx(expected.crop.shape, rel=0.1)  # it was the whole page, the digit a dot in it
    digit = ink_map(plain) > 0
    kept = ink_map(photo) > 0
    assert (kept & digit).sum() >= 0.9 * digit.sum()  # the digit's strokes stay, where lines crossed them too
    assert (kept & ~cv2.dilate(digit.astype(np.uint8), np.ones((9, 9), np.uint8)).astype(bool)).sum() < 0.02 * digit.sum()


def test_a_photo_on_plain_paper_keeps_a_bar_across_it_and_every_stroke():
    photo = np.full((300, 300), 0.0, np.float32)  # ink map of a tight photo: a seven whose bar runs across the frame
    cv2.line(photo, (5, 30), (295, 30), 1.0, 14)
    cv2.line(photo, (290, 30), (150, 290), 1.0, 14)
    cv2.line(photo, (120, 160), (200, 160), 1.0, 10)  # its crossbar, a separate stroke
    assert np.array_equal(without_paper_marks(photo), photo)


def test_a_fine_pens_stroke_from_edge_to_edge_is_no_printed_line():
    ink = np.zeros((400, 600), np.float32)  # a tight photo of a 7 in pencil, 2 px wide: its bar was erased as a line
    cv2.line(ink, (5, 40), (594, 40), 1.0, 2)
    cv2.line(ink, (594, 40), (300, 390), 1.0, 2)
    assert np.array_equal(without_paper_marks(ink), ink)


def test_specks_go_and_a_digit_of_two_strokes_stays_whole():
    ink = np.zeros((400, 400), np.float32)
    cv2.line(ink, (100, 80), (90, 220), 1.0, 8)  # a 4 of two strokes that do not touch
    cv2.line(ink, (90, 220), (220, 220), 1.0, 8)
    cv2.line(ink, (190, 60), (195, 330), 1.0, 8)
    specks = np.zeros_like(ink)
    for row, col in [(20, 350), (380, 30), (300, 300), (50, 250)]:
        specks[row : row + 2, col : col + 3] = 0.4
    assert np.array_equal(without_paper_marks(ink + specks), ink)


def test_a_small_image_is_left_as_it_is():
    digit = np.zeros((28, 28), np.float32)
    digit[4, 2:26] = 1.0  # one pixel thick, right across: a printed line in a photo, a 7's bar in a small scan
    digit[5:24, 20] = 1.0
    digit[0, 0] = 0.3
    assert np.array_equal(without_paper_marks(digit), digit)


def test_the_labs_photographed_pages_lose_their_lines_and_keep_the_digit():
    from mnist_knn.lab.photographed import photograph

    canvas = np.zeros((280, 280), np.uint8)
    cv2.polylines(canvas, [np.array([(60, 60), (220, 60), (120, 240)], np.int32)], False, 255, 18)
    pages = [photograph(canvas, paper, np.random.default_rng(1)) for paper in ("plain", "ruled", "squared")]
    crops = [canvas_to_mnist_stages(page).crop.shape for page in pages]  # the same rng: the same place, tilt and light
    assert crops[1] == pytest.approx(crops[0], abs=8) and crops[2] == pytest.approx(crops[0], abs=8), crops
