"""Test helpers that re-draw MNIST digits the way a person draws on the app's canvas or on paper."""

from __future__ import annotations

import cv2
import numpy as np

from mnist_knn.config import CANVAS_SIDE
from mnist_knn.lab.canvases import as_rgba, place_on_canvas


def redraw(digit: np.ndarray, mode: str, height: int = 200, top: int = 30, left: int = 20, thickness: int = 0) -> np.ndarray:
    """Scale a 28 x 28 digit up to `height` px and place it off-centre on a 280 x 280 canvas, in `mode` (see in_mode)."""
    return in_mode(place_on_canvas(digit, height, top, left, thickness), mode)


def in_mode(ink: np.ndarray, mode: str) -> np.ndarray:
    """White-on-black ink as 'opaque' (RGBA, white on black), 'transparent' (RGBA, white ink in alpha),
    'paper' (RGB, dark ink on light paper) or 'grey' (H x W, white on black)."""
    if mode == "grey":
        return ink
    if mode == "opaque":
        return as_rgba(ink)
    if mode == "transparent":
        return np.dstack([np.full_like(ink, 255)] * 3 + [ink])
    if mode == "paper":
        paper = 235 - (ink.astype(np.int32) * 215 // 255)
        return np.dstack([paper] * 3).astype(np.uint8)
    raise ValueError(mode)


def stroke_image(points: list[tuple[int, int]], width: int = 18, size: int = CANVAS_SIDE) -> np.ndarray:
    """An opaque RGBA canvas with one white polyline stroke, as the canvas component returns it."""
    ink = np.zeros((size, size), np.uint8)
    cv2.polylines(ink, [np.array(points, np.int32)], False, 255, width, cv2.LINE_AA)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])



def on_printed_paper(digit: np.ndarray, paper: str, tilt: float = 1.5, seed: int = 0) -> np.ndarray:
    """A 28 x 28 digit written on a photographed page of `paper` ('plain', 'ruled', 'squared'), turned by `tilt`
    degrees: the lab's `photograph`, with its pen, light and noise drawn from `seed`."""
    from mnist_knn.lab.photographed import photograph

    return photograph(place_on_canvas(digit, 200, 40, 40), paper, np.random.default_rng(seed), tilt=tilt)
