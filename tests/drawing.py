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


def on_printed_paper(digit: np.ndarray, paper: str, tilt: float = 1.5, size: tuple[int, int] = (600, 800),
                     digit_height: int = 220, seed: int = 0) -> np.ndarray:
    """A 28 x 28 digit in dark ink on a photo of white paper ('plain', 'ruled' or 'squared': grey lines 24 px apart),
    tilted by `tilt` degrees, with the camera's noise: RGB, as a phone's photo of homework."""
    height, width = size
    page = np.full((height + 200, width + 200), 232.0, np.float32)
    for at in range(7, max(height, width) + 200, 24):
        if paper in ("ruled", "squared"):
            cv2.line(page, (0, at), (width + 200, at), 180.0, 2)
        if paper == "squared":
            cv2.line(page, (at, 0), (at, height + 200), 180.0, 2)
    ink = cv2.resize(np.asarray(digit, np.float32) / 255.0, (digit_height, digit_height), interpolation=cv2.INTER_CUBIC)
    top, left = 100 + (height - digit_height) // 2, 100 + (width - digit_height) // 3
    spot = page[top : top + digit_height, left : left + digit_height]
    page[top : top + digit_height, left : left + digit_height] = spot * (1 - np.clip(ink, 0, 1)) + 40.0 * np.clip(ink, 0, 1)
    turned = cv2.getRotationMatrix2D(((width + 200) / 2, (height + 200) / 2), tilt, 1.0)
    page = cv2.warpAffine(page, turned, (width + 200, height + 200), borderMode=cv2.BORDER_REPLICATE)[100:-100, 100:-100]
    page += np.random.default_rng(seed).normal(0.0, 4.0, page.shape)
    grey = np.clip(page, 0, 255).astype(np.uint8)
    return np.dstack([grey] * 3)
