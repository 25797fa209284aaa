"""An even pen: every digit brought to the training digits' usual stroke width by morphology before it is compared."""

from __future__ import annotations

import cv2
import numpy as np

from mnist_knn.model.augment import thicker_or_thinner

INK = 127  # grey levels above this are ink when the pen is measured
MAX_CHANGE = 2  # whole pixels a pen may be made bolder or finer


def pen_widths(images: np.ndarray) -> np.ndarray:
    """Each digit's pen width in pixels, from the distance transform of its ink: 4 x the mean distance to the paper, less
    1. It grows with the pen (about w + 1.5 for a bar w >= 3 px wide); OpenCV's 3 x 3 mask gives 1- and 2-px pens the same
    2.8, so the thinnest pens are told apart from each other only by whether they need thickening at all."""
    widths = np.zeros(len(images), dtype=np.float32)
    for index, image in enumerate(images):
        ink = (image > INK).astype(np.uint8)
        if ink.any():
            widths[index] = 4 * cv2.distanceTransform(ink, cv2.DIST_L2, 3)[ink > 0].mean() - 1
    return widths


def with_even_pen(images: np.ndarray, width: float) -> np.ndarray:
    """Every digit redrawn with a pen about `width` pixels wide: dilated or eroded in whole-pixel steps (at most
    MAX_CHANGE), as the bolder and finer pen copies are made; digits without ink stay as they are."""
    images = np.asarray(images)
    change = np.clip(np.rint(width - pen_widths(images)), -MAX_CHANGE, MAX_CHANGE).astype(int)
    change[~(images > INK).any(axis=(1, 2))] = 0
    evened = images.copy()
    for step in np.unique(change[change != 0]):
        evened[change == step] = thicker_or_thinner(images[change == step], int(step))
    return evened
