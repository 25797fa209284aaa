"""Near twins: a drawing and a slightly changed copy of it are twins; different shapes are not."""

import cv2
import numpy as np

from mnist_knn.lab.twins import NEAR_TWIN, has_near_twin, nearest_similarity


def test_a_copy_moved_or_inked_a_little_differently_is_a_near_twin_and_another_shape_is_not():
    bar = np.zeros((1, 28, 28), np.uint8)
    bar[0, 4:24, 8:20] = 255  # a thick upright bar
    thicker = bar.copy()
    thicker[0, 4:24, 20] = 255  # the same bar, a pixel thicker: a near twin
    faint = (thicker * 0.7).astype(np.uint8)  # lighter ink does not change the shape
    far = np.roll(bar, 14, axis=2)  # the same bar, elsewhere: no overlap, so no twin
    ring = cv2.circle(np.zeros((28, 28), np.uint8), (14, 14), 8, 255, 2)[None]
    similarity = nearest_similarity(np.concatenate([thicker, faint, far, ring]), bar)
    assert (similarity[:2] >= NEAR_TWIN).all() and (similarity[:2] < 1.0).all()
    assert (similarity[2:] < NEAR_TWIN).all()
    assert has_near_twin(thicker, bar).all() and not has_near_twin(ring, bar).any()


def test_an_empty_reference_set_has_no_twins():
    ring = cv2.circle(np.zeros((1, 28, 28), np.uint8)[0], (14, 14), 8, 255, 2)[None]
    assert not has_near_twin(ring, np.zeros((0, 28, 28), np.uint8)).any()
