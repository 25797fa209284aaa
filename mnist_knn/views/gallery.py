"""Composing many digits into one image, so a page of thumbnails renders as a single picture."""

from __future__ import annotations

import base64

import cv2
import numpy as np


def compose_grid(images: np.ndarray, columns: int, scale: int = 2, gap: int = 2, captions: list[str] | None = None) -> np.ndarray:
    """Tile (n, 28, 28) uint8 digits into one RGB image, optionally with a short caption in each tile."""
    images = np.asarray(images, dtype=np.uint8)
    count = len(images)
    rows = max(1, -(-count // columns))
    side = images.shape[1] * scale if count else 28 * scale
    grid = np.full((rows * (side + gap) + gap, columns * (side + gap) + gap, 3), 40, dtype=np.uint8)
    for index in range(count):
        row, column = divmod(index, columns)
        top, left = gap + row * (side + gap), gap + column * (side + gap)
        tile = cv2.resize(images[index], (side, side), interpolation=cv2.INTER_NEAREST)
        grid[top : top + side, left : left + side] = tile[:, :, None]
        if captions:
            cv2.putText(grid, captions[index], (left + 2, top + 11), cv2.FONT_HERSHEY_SIMPLEX, 0.35, (255, 200, 0), 1,
                        cv2.LINE_AA)
    return grid


def enlarge(image: np.ndarray, size: int = 140) -> np.ndarray:
    """Scale an image so its longer side is `size` px: hard pixel edges up, smooth averaging down."""
    image = np.asarray(image, dtype=np.uint8)
    factor = size / max(image.shape[:2])
    width, height = max(1, round(image.shape[1] * factor)), max(1, round(image.shape[0] * factor))
    interpolation = cv2.INTER_NEAREST if factor >= 1 else cv2.INTER_AREA
    return cv2.resize(image, (width, height), interpolation=interpolation)


def png_data_url(image: np.ndarray) -> str:
    """An image as a `data:image/png;base64,...` URL (for image columns in tables)."""
    ok, png = cv2.imencode(".png", np.asarray(image, dtype=np.uint8))
    return "data:image/png;base64," + base64.b64encode(png.tobytes()).decode("ascii")
