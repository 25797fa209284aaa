"""Enlarging digits for display, and images as data URLs (for pictures and image columns in tables)."""

from __future__ import annotations

import base64

import cv2
import numpy as np


def enlarge(image: np.ndarray, size: int = 140) -> np.ndarray:
    """Scale an image so its longer side is `size` px: hard pixel edges up, smooth averaging down."""
    image = np.asarray(image, dtype=np.uint8)
    factor = size / max(image.shape[:2])
    width, height = max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor))
    interpolation = cv2.INTER_NEAREST if factor >= 1 else cv2.INTER_AREA
    return cv2.resize(image, (width, height), interpolation=interpolation)


def png_data_url(image: np.ndarray) -> str:
    """An image as a `data:image/png;base64,...` URL."""
    ok, png = cv2.imencode(".png", np.asarray(image, dtype=np.uint8))
    return "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii")
