"""Digits written by real people MNIST never saw, drawn onto the 280 x 280 canvas as the draw page sends a drawing.

- UCI digits: scikit-learn's bundled copy of UCI's optical digits (8 x 8 scans, 16 grey levels, 13 writers).
- Semeion digits: 1,593 digits by about 80 people in Italy, scanned, stretched to fill a 16 x 16 box and made binary
  (UCI's Semeion Handwritten Digit set; a public copy with whole-number pixels, in handwriting_data/).
- Pen-tablet digits: UCI's Pen-Based Recognition of Handwritten Digits, 44 writers on a tablet, each digit's pen path
  resampled to 8 points (pen lifts dropped), here joined straight with a pen (in handwriting_data/).

Each loader verifies the file's SHA-256 before it reads it. No split of these sets is ever learned from.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import cv2
import numpy as np

from mnist_knn.lab.strokes import CANVAS, PENS

HERE = Path(__file__).resolve().parent / "handwriting_data"
SHA256 = {  # of each file's uncompressed bytes
    "semeion.data": "7c74222dd9beb6a5b30c7b41104e7486cabc274e013689db1cd62b1ca56d0dd4",
    "pendigits.tra": "e2b9eb9f0d0467e2b64a4816a3420edf2b8043447576f4b84337aba44a9f97d3",
    "pendigits.tes": "8bd03229c5c5291fefe43e45465dd948d2645bf23328b9d993e0b777666b2015",
}
# UCI's bundled rows carry no writer but come in writer order (a digit's nearest same-class digit lies within 50 rows
# 7 times as often as chance); row 906 is the boundary near the middle that the fewest such links cross (test_writers)
UCI_CUT, UCI_GAP = 906, 20
# Pen-tablet digits come split by writer: pendigits.tra by 30 writers validates (every PEN_STEP-th row), pendigits.tes
# by 14 others tests (every row).
PEN_FILES, PEN_STEP = {"validation": "pendigits.tra", "test": "pendigits.tes"}, 5


def verified_text(name: str) -> str:
    """One of handwriting_data/'s files, uncompressed, after checking its SHA-256."""
    raw = gzip.decompress((HERE / f"{name}.gz").read_bytes())
    if hashlib.sha256(raw).hexdigest() != SHA256[name]:
        raise ValueError(f"{name} does not match its recorded SHA-256: the file was changed or damaged")
    return raw.decode("ascii")


def _placed(image: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`image` (square grey levels, smaller than the canvas) on a black canvas at a random place."""
    canvas = np.zeros((CANVAS, CANVAS), np.float32)
    size = len(image)
    top, left = (int(value) for value in rng.integers(0, CANVAS - size, 2))
    canvas[top : top + size, left : left + size] = image
    return np.clip(canvas, 0, 255).astype(np.uint8)


def uci(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """scikit-learn's UCI digits scaled up onto the canvas; the rows before the writer boundary UCI_CUT validate, those
    after it test, UCI_GAP rows either side left out."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    rows = np.arange(len(bunch.target))
    rows = rows[rows < UCI_CUT - UCI_GAP] if split == "validation" else rows[rows >= UCI_CUT + UCI_GAP]
    canvases = []
    for row in rows:
        size = int(rng.integers(120, 240))
        interpolation = cv2.INTER_CUBIC if rng.random() < 0.5 else cv2.INTER_NEAREST
        canvases.append(_placed(cv2.resize((bunch.images[row] * (255 / 16)).astype(np.float32), (size, size),
                                           interpolation=interpolation), rng))
    return canvases, bunch.target[rows].astype(np.int64)


def semeion(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """Semeion's 16 x 16 binary scans shown large on the canvas. The file names no writer and its rows follow no
    writer order (a scan's nearest look-alike is no likelier in its own part of the file), so it cannot be split by
    writer: all of it validates, and none of it tests."""
    if split != "validation":
        return [], np.zeros(0, dtype=np.int64)
    table = np.array(verified_text("semeion.data").split(), dtype=np.float32).reshape(-1, 266)
    canvases = []
    for pixels in table[:, :256]:
        size = int(rng.integers(150, 240))
        canvases.append(_placed(cv2.resize(255 * pixels.reshape(16, 16), (size, size), interpolation=cv2.INTER_NEAREST),
                                rng))
    return canvases, table[:, 256:].argmax(axis=1).astype(np.int64)


def pen_tablet(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """UCI's pen-tablet digits: each path's 8 points (0-100, y up, the longer side spanning it) joined straight with a
    tablet pen's width, at a random size and place."""
    table = np.array(verified_text(PEN_FILES[split]).replace(",", " ").split(), dtype=np.float32).reshape(-1, 17)
    table = table[::PEN_STEP] if split == "validation" else table
    canvases = []
    for row in table:
        size, pen = int(rng.integers(120, 240)), int(rng.integers(*PENS["tablet"]))
        points = row[:16].reshape(8, 2) * [1, -1] + [0, 100]  # y down, as on a screen
        points = pen / 2 + points / 100 * (size - pen)
        image = np.zeros((size, size), np.uint8)
        cv2.polylines(image, [np.round(points * 16).astype(np.int32)], False, 255, pen, cv2.LINE_AA, shift=4)
        canvases.append(_placed(image.astype(np.float32), rng))
    return canvases, table[:, 16].astype(np.int64)
