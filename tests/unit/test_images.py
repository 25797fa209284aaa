"""Image files: decoded to arrays, or refused with a message a person can act on."""

import cv2
import numpy as np
import pytest

from mnist_knn.gallery import compose_grid, enlarge
from mnist_knn.images import decode_image


def test_png_with_alpha_decodes_to_rgba():
    rgba = np.zeros((10, 12, 4), np.uint8)
    rgba[..., 0] = 200
    rgba[..., 3] = 255
    ok, encoded = cv2.imencode(".png", cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
    decoded = decode_image(encoded.tobytes())
    assert decoded.shape == (10, 12, 4) and decoded[0, 0, 0] == 200


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"hello, I am text", "not a readable image"),
                                              (b"\x89PNG\r\n\x1a\n\x00\x00", "not a readable image")])
def test_bad_files_are_refused_with_a_message(content, message):
    with pytest.raises(ValueError, match=message):
        decode_image(content, "upload.png")


def test_compose_grid_and_enlarge_sizes():
    grid = compose_grid(np.zeros((7, 28, 28), np.uint8), columns=5, scale=2, captions=list("abcdefg"))
    assert grid.shape == (2 * 58 + 2, 5 * 58 + 2, 3)
    assert enlarge(np.zeros((260, 130), np.uint8), 112).shape == (112, 56)
    assert enlarge(np.zeros((28, 28), np.uint8), 112).shape == (112, 112)
