"""Preprocessing: any canvas or photo becomes a 28 x 28 digit made the way MNIST was made."""

import cv2
import numpy as np
import pytest

from mnist_knn import canvas_to_mnist, canvas_to_mnist_stages
from mnist_knn.lab.canvases import place_on_canvas
from tests.drawing import in_mode, stroke_image


def _centre_of_mass(digit):
    rows, cols = np.indices(digit.shape)
    mass = digit.astype(float).sum()
    return (rows * digit).sum() / mass, (cols * digit).sum() / mass


def _bounding_box_size(digit):
    rows, cols = np.flatnonzero(digit.any(1)), np.flatnonzero(digit.any(0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


@pytest.mark.parametrize("canvas", [
    np.zeros((280, 280, 4), np.uint8),
    np.dstack([np.zeros((280, 280, 3), np.uint8), np.full((280, 280), 255, np.uint8)]),
    np.full((100, 80, 3), 200, np.uint8),
    np.zeros((50, 50), np.float32),
])
def test_empty_or_uniform_canvas_gives_none(canvas):
    assert canvas_to_mnist(canvas) is None


def test_a_stroke_becomes_an_mnist_style_digit():
    digit = canvas_to_mnist(stroke_image([(200, 30), (120, 250)]))
    assert digit.shape == (28, 28) and digit.dtype == np.uint8
    height, width = _bounding_box_size(digit)
    assert height == 20 and width < 20  # longer side 20 px, aspect ratio kept
    assert np.allclose(_centre_of_mass(digit), (14, 14), atol=0.6)
    assert len(np.unique(digit)) > 10  # anti-aliased grey edges are kept, not re-binarised


def test_opaque_transparent_and_paper_versions_agree():
    opaque = stroke_image([(60, 40), (200, 40), (120, 240)])
    ink = opaque[:, :, 0]
    transparent = np.dstack([np.full_like(ink, 255)] * 3 + [ink])
    paper = np.dstack([255 - ink] * 3)
    reference = canvas_to_mnist(opaque).astype(int)
    for variant in (transparent, paper, ink):
        assert np.abs(canvas_to_mnist(variant).astype(int) - reference).max() <= 2


def test_position_on_the_canvas_does_not_matter():
    left = canvas_to_mnist(stroke_image([(30, 30), (30, 120), (90, 120)]))
    right = canvas_to_mnist(stroke_image([(180, 150), (180, 240), (240, 240)]))
    assert np.abs(left.astype(int) - right.astype(int)).max() <= 2


def test_stages_are_returned_for_display():
    stages = canvas_to_mnist_stages(stroke_image([(100, 40), (100, 240)]))
    assert stages.crop.shape[0] > 150 and max(stages.fitted.shape) == 20
    assert stages.centred.shape == (28, 28)
    assert all(stage.dtype == np.uint8 for stage in (stages.ink, stages.crop, stages.fitted, stages.centred))


@pytest.mark.parametrize("bad", [np.zeros((0, 5)), np.zeros((4, 4, 2)), np.zeros((2, 2, 2, 2)), np.array([["a"]])])
def test_malformed_arrays_raise_value_error(bad):
    with pytest.raises(ValueError):
        canvas_to_mnist(bad)


def test_large_photo_is_reduced_first():
    photo = np.full((3000, 2000, 3), 230, np.uint8)
    photo[500:2500, 900:1100] = 20
    digit = canvas_to_mnist(photo)
    assert digit is not None and _bounding_box_size(digit)[0] == 20


def test_strokes_along_every_edge_keep_their_polarity():
    frame = stroke_image([(4, 4), (276, 4), (276, 276), (4, 276), (4, 4)], width=30)
    for polarity in ("auto", "light-on-dark"):
        stages = canvas_to_mnist_stages(frame, polarity)
        assert stages.crop.shape == (280, 280), polarity
        assert stages.crop[0, 140] > 200 and stages.crop[140, 140] == 0, polarity


def test_a_canvas_almost_all_inked_is_still_ink_when_polarity_is_known():
    canvas = np.full((280, 280, 4), 255, np.uint8)
    canvas[:30, :, :3] = 0
    stages = canvas_to_mnist_stages(canvas, "light-on-dark")
    assert stages is not None and stages.crop.shape == (250, 280)


def test_a_photo_whose_light_falls_off_across_the_page_keeps_only_the_ink():
    """Shading that darkens a corner of the page gradually, nearly as dark as the pen, is paper, not ink."""
    rows, cols = np.mgrid[0:1:1600j, 0:1:1200j]
    paper = 0.92 - 0.4 * (rows * (1 - cols)) ** 1.5  # shaded towards the lower left, to 0.52
    seven = cv2.resize(stroke_image([(60, 60), (220, 60), (120, 230)], width=14)[:, :, 0], (600, 600)) / 255.0
    paper[300:900, 400:1000] -= 0.6 * seven  # a dark pen on the lit part of the page
    stages = canvas_to_mnist_stages(np.rint(np.clip(paper, 0, 1) * 255).astype(np.uint8))
    drawn = _bounding_box_size(seven)
    reduced = 1024 / 1600  # a photo is reduced to 1,024 px first
    assert stages.crop.shape == pytest.approx((reduced * drawn[0], reduced * drawn[1]), abs=12)


BOLD_EIGHT = cv2.circle(cv2.circle(np.zeros((280, 280), np.uint8), (140, 75), 55, 255, 50), (140, 200), 65, 255, 50)


@pytest.mark.parametrize("ink", [place_on_canvas(np.eye(28, dtype=np.uint8) * 255, 200, 30, 20), BOLD_EIGHT],
                         ids=["a thin stroke", "a bold 8 filling the frame"])
def test_a_digit_on_evenly_lit_paper_is_the_same_digit_as_in_white_ink_on_black(ink):
    on_paper, on_canvas = canvas_to_mnist_stages(in_mode(ink, "paper")), canvas_to_mnist_stages(ink, "light-on-dark")
    assert on_paper.crop.shape == on_canvas.crop.shape and np.abs(on_paper.crop.astype(int) - on_canvas.crop).max() <= 8
