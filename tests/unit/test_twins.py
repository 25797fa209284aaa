"""Near twins: a drawing and a slightly changed copy of it are twins; different shapes are not."""

import cv2
import numpy as np

from mnist_knn.lab.twins import NEAR_TWIN, has_near_twin, nearest_similarity
from tests.unit.synthetic import shapes


def test_a_copy_moved_or_inked_a_little_differently_is_a_near_twin_and_another_shape_is_not():
    X, y = shapes(5, seed=1)
    bars, rings = X[y == 0], X[y == 2]
    moved = np.roll(bars[:1], 1, axis=2)
    faint = (bars[:1] * 0.7).astype(np.uint8)  # the same drawing, lighter ink: the same shape
    assert has_near_twin(np.concatenate([bars[:1], faint]), bars).all()
    assert nearest_similarity(moved, bars[:1])[0] < 1.0
    assert not has_near_twin(rings[:1], bars).any() and nearest_similarity(rings[:1], bars)[0] < NEAR_TWIN


def test_an_empty_reference_set_has_no_twins():
    ring = cv2.circle(np.zeros((1, 28, 28), np.uint8)[0], (14, 14), 8, 255, 2)[None]
    assert not has_near_twin(ring, np.zeros((0, 28, 28), np.uint8)).any()
