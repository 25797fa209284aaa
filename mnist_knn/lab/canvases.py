"""Drawings made the way people draw on the app's 280 x 280 canvas: MNIST digits re-drawn large and off-centre."""

from __future__ import annotations

import cv2
import numpy as np

from mnist_knn.config import CANVAS_SIDE

STROKE_CHANGES = (-3, 0, 0, 5)  # thinner, as drawn (twice as likely), bolder: how much the strokes are eroded or dilated


def place_on_canvas(digit: np.ndarray, height: int, top: int, left: int, thickness: int = 0) -> np.ndarray:
    """A 28 x 28 digit scaled to `height` px at (top, left) on an empty canvas: white ink on black, uint8.

    thickness > 0 dilates the strokes by that many pixels, < 0 erodes them: a bolder or finer pen.
    """
    big = cv2.resize(np.asarray(digit, np.float32), (height, height), interpolation=cv2.INTER_CUBIC)
    if thickness:
        kernel = np.ones((abs(thickness), abs(thickness)), np.uint8)
        big = cv2.dilate(big, kernel) if thickness > 0 else cv2.erode(big, kernel)
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.float32)
    ink[top : top + height, left : left + height] = np.clip(big, 0, 255)
    return ink.astype(np.uint8)


def placed(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A square image (grey levels, smaller than the canvas) at a random place on an empty canvas: white ink on black,
    uint8."""
    size = len(image)
    top, left = (int(value) for value in rng.integers(0, CANVAS_SIDE - size, 2))
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.float32)
    ink[top : top + size, left : left + size] = image
    return np.clip(ink, 0, 255).astype(np.uint8)


def redrawn(digit: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A digit as a person might draw it on the canvas: 120-240 px tall, anywhere, with a finer or bolder pen."""
    height = int(rng.integers(120, 240))
    top, left = (int(value) for value in rng.integers(0, CANVAS_SIDE - height, 2))
    return place_on_canvas(digit, height, top, left, int(rng.choice(STROKE_CHANGES)))


def as_rgba(ink: np.ndarray) -> np.ndarray:
    """White ink on an opaque black canvas, as the canvas component returns it (RGBA)."""
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])
