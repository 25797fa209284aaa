"""Decoding uploaded or on-disk image files into arrays, with clear messages for bad files."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from mnist_knn.language import N_, _, number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 25_000_000  # e.g. 5000 x 5000; checked from the header, before anything is decoded
SUPPORTED = N_("PNG, JPEG, BMP, GIF or WebP")
HIGH_DEPTH_MODES = ("I;16", "I;16B", "I;16L", "I", "F")
TRANSPARENT_MODES = ("RGBA", "LA", "PA", "RGBa", "La")


def _pixels(image: Image.Image) -> np.ndarray:
    """A decoded Pillow image -> H x W (grey, 8/16/32-bit) or H x W x 3 / 4 array, keeping depth and transparency."""
    if image.mode in HIGH_DEPTH_MODES or image.mode == "L":
        return np.asarray(image)
    if image.mode in TRANSPARENT_MODES or (image.mode == "P" and "transparency" in image.info):
        return np.asarray(image.convert("RGBA"))
    if image.mode == "1":
        return np.asarray(image.convert("L"))
    return np.asarray(image.convert("RGB"))  # RGB, CMYK, YCbCr, palette, ...


def decode_image(data: bytes, name: str | None = None) -> np.ndarray:
    """Bytes of an image file -> array (EXIF rotation applied, first frame of an animation); ValueError if unusable, its
    message starting with `name` (default "the file"), in the reader's language."""
    name = _("the file") if name is None else name
    megapixels = number(MAX_PIXELS // 1_000_000)
    if len(data) == 0:
        raise ValueError(_("{name} is empty.").format(name=name))
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(_("{name} is larger than {megabytes} MB.").format(name=name, megabytes=number(MAX_FILE_BYTES // 2**20)))
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValueError(_("{name} is {width} x {height} pixels; images up to {megapixels} megapixels are read.").format(
                    name=name, width=number(width), height=number(height), megapixels=megapixels))
            image.seek(0)
            return _pixels(ImageOps.exif_transpose(image))
    except UnidentifiedImageError:
        raise ValueError(_("{name} is not a readable image; use a {formats} file.").format(
            name=name, formats=_(SUPPORTED))) from None
    except Image.DecompressionBombError:
        raise ValueError(_("{name} claims to be far too many pixels; images up to {megapixels} megapixels are read.").format(
            name=name, megapixels=megapixels)) from None
    except (OSError, SyntaxError, EOFError) as error:
        raise ValueError(_("{name} could not be decoded ({error}); is it complete?").format(name=name, error=error)) from None


def read_image(path: Path) -> np.ndarray:
    """Read and decode an image file from disk."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: cannot read ({error.strerror or error}).") from None
    return decode_image(data, str(path))
