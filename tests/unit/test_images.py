"""Image files: decoded to arrays (depth, transparency, EXIF rotation kept right), or refused with a message."""

import io
import struct
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image

from mnist_knn import canvas_to_mnist, canvas_to_mnist_stages
from mnist_knn.reading.images import MAX_FILE_BYTES, decode_image
from mnist_knn.views.gallery import enlarge

# A dark vertical bar on light paper: a "1".
PAPER = np.full((200, 150), 230, np.uint8)
PAPER[30:170, 60:90] = 20


def _encode(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header and holds almost nothing (a decompression bomb's shape)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


REFERENCE = canvas_to_mnist(PAPER)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"hello, I am text", "not a readable image"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>', "not a readable image"),
    (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "not a readable image"),
    (_encode(Image.fromarray(PAPER), "PNG")[:150], "could not be decoded"),
    (_png_header_only(20_000, 20_000), "far too many pixels"),
    (_png_header_only(6_000, 6_000), "up to 25 megapixels"),
])
def test_unusable_files_are_refused_with_a_message(content, message):
    with pytest.raises(ValueError, match=message):
        decode_image(content, "upload.png")


def test_a_12_megapixel_phone_photo_is_read():
    photo = cv2.resize(PAPER, (3000, 4000), interpolation=cv2.INTER_NEAREST)  # 4000 rows x 3000 columns, as a phone takes
    decoded = decode_image(_encode(Image.fromarray(photo).convert("RGB"), "JPEG", quality=90))
    assert decoded.shape == (4000, 3000, 3)
    read, reference = canvas_to_mnist_stages(decoded), canvas_to_mnist_stages(PAPER)
    assert read.fitted.shape == reference.fitted.shape == (20, 4)  # the same bar, scaled to MNIST's 20-pixel box
    assert np.abs(read.fitted.astype(int) - reference.fitted).mean() < 8


def test_a_file_over_the_size_limit_is_refused_before_decoding():
    oversized = _encode(Image.fromarray(PAPER), "PNG") + bytes(MAX_FILE_BYTES)
    with pytest.raises(ValueError, match="larger than 20 MB"):
        decode_image(oversized, "upload.png")


@pytest.mark.parametrize("image, format, options", [
    (Image.fromarray(PAPER), "PNG", {}),
    (Image.fromarray(PAPER.astype(np.uint16) * 257), "PNG", {}),  # 16-bit grey
    (Image.fromarray(PAPER).convert("P"), "PNG", {"transparency": 0}),  # palette with transparency
    (Image.fromarray(PAPER).convert("CMYK"), "JPEG", {"quality": 95}),
    (Image.fromarray(PAPER).convert("RGB"), "BMP", {}),
    (Image.fromarray(PAPER).convert("RGB"), "WEBP", {"lossless": True}),
])
def test_formats_depths_and_modes_give_the_same_digit(image, format, options):
    digit = canvas_to_mnist(decode_image(_encode(image, format, **options))).astype(float)
    # A wrong decode (inverted, sideways, blank) correlates near 0 or below; lossy JPEG can move an edge by a pixel.
    assert np.corrcoef(digit.ravel(), REFERENCE.astype(float).ravel())[0, 1] > 0.9


def test_exif_rotation_turns_the_photo_upright():
    upright = PAPER.copy()
    upright[150:170, 60:130] = 20  # a foot at the bottom, towards the right: an "L" that no wrong turn keeps
    sideways = Image.fromarray(np.ascontiguousarray(np.rot90(upright)))  # stored lying down (turned left) ...
    exif = sideways.getexif()
    exif[0x0112] = 6  # ... with the camera's note: turn it 90 degrees clockwise to view
    decoded = decode_image(_encode(sideways, "JPEG", exif=exif, quality=95))
    assert decoded.shape == upright.shape
    assert np.abs(decoded.astype(int) - upright).mean() < 3  # the same pixels, up to JPEG's rounding


def test_animated_gif_uses_its_first_frame():
    frames = [Image.fromarray(PAPER), Image.fromarray(255 - PAPER)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:])
    assert np.array_equal(decode_image(buffer.getvalue()), np.asarray(frames[0].convert("RGB")))


@pytest.mark.parametrize("pixels", [np.zeros((1, 1), np.uint8), np.full((50, 50), 255, np.uint8), np.zeros((50, 50), np.uint8)])
def test_blank_images_decode_and_hold_no_digit(pixels):
    assert canvas_to_mnist(decode_image(_encode(Image.fromarray(pixels), "PNG"))) is None


def test_enlarge_sizes():
    assert enlarge(np.zeros((260, 130), np.uint8), 112).shape == (112, 56)
    assert enlarge(np.zeros((28, 28), np.uint8), 112).shape == (112, 112)
