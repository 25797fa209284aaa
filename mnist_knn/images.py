"""Decoding uploaded or on-disk image files into arrays, with clear messages for bad files."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

MAX_FILE_BYTES = 20 * 1024 * 1024
SUPPORTED = "PNG, JPEG, BMP or WebP"


def decode_image(data: bytes, name: str = "the file") -> np.ndarray:
    """Bytes of an image file -> H x W (x 3 or 4) array; ValueError with a message a person can act on."""
    if len(data) == 0:
        raise ValueError(f"{name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"{name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_UNCHANGED)
    if image is None or image.size == 0:
        raise ValueError(f"{name} is not a readable image; use a {SUPPORTED} file.")
    if image.ndim == 3 and image.shape[2] == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    elif image.ndim == 3 and image.shape[2] == 4:
        image = cv2.cvtColor(image, cv2.COLOR_BGRA2RGBA)
    return image


def read_image(path: Path) -> np.ndarray:
    """Read and decode an image file from disk."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: cannot read ({error.strerror or error}).") from None
    return decode_image(data, str(path))
