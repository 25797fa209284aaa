"""Digits photographed on paper: the sets beyond MNIST's digits, drawn in a pen's ink on plain, ruled or squared paper,
tilted, unevenly lit and noisy, then read as an uploaded photo is read. A measurement of the photo's path: never used
to choose the model (reading/photo_marks.py's few settings were tried on its validation split).

    python -m mnist_knn.lab.photographed [validation|test] [digits per set]
"""

from __future__ import annotations

import sys

import cv2
import numpy as np

from mnist_knn.lab import writers
from mnist_knn.reading.drawing import read_drawings

PAPERS = ("plain", "ruled", "squared")
PHOTO = (900, 1200)  # height, width: a phone's photo, reduced
MARGIN = 100  # drawn beyond the frame, so that tilting leaves no empty corner
TILT = 6.0  # degrees either way: a page photographed askew


def photograph(canvas: np.ndarray, paper: str, rng: np.random.Generator, tilt: float | None = None) -> np.ndarray:
    """A canvas's digit (white on black) written in dark ink on a photographed page of `paper`, turned by `tilt`
    degrees (None: at random, up to TILT either way): RGB, grey."""
    height, width = PHOTO
    level = rng.uniform(200, 240)
    page = np.full((height + 2 * MARGIN, width + 2 * MARGIN), level, np.float32)
    spacing, depth, line = rng.uniform(28, 60), rng.uniform(25, 70), int(rng.integers(1, 4))
    for at in np.arange(rng.uniform(0, spacing), max(height, width) + 2 * MARGIN, spacing):
        if paper in ("ruled", "squared"):
            cv2.line(page, (0, int(at)), (width + 2 * MARGIN, int(at)), level - depth, line)
        if paper == "squared":
            cv2.line(page, (int(at), 0), (int(at), height + 2 * MARGIN), level - depth, line)
    side = int(rng.uniform(200, 500))
    ink = canvas[..., 0] if canvas.ndim == 3 else canvas
    digit = cv2.resize(ink, (side, side), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    if rng.random() < 0.5:  # a fine pen
        digit = cv2.erode(digit, np.ones((max(1, side // 60),) * 2, np.uint8))
    top, left = int(rng.uniform(MARGIN, MARGIN + height - side)), int(rng.uniform(MARGIN, MARGIN + width - side))
    spot = page[top : top + side, left : left + side]
    page[top : top + side, left : left + side] = spot * (1 - digit) + rng.uniform(30, 90) * digit
    drawn = rng.uniform(-TILT, TILT)  # (drawn even when given: the same pages otherwise)
    turn = cv2.getRotationMatrix2D(((width + 2 * MARGIN) / 2, (height + 2 * MARGIN) / 2), drawn if tilt is None else tilt, 1.0)
    page = cv2.warpAffine(page, turn, page.shape[::-1], borderMode=cv2.BORDER_REPLICATE)[MARGIN:-MARGIN, MARGIN:-MARGIN]
    rows, cols = np.mgrid[0:height, 0:width]
    page *= 1 - rng.uniform(0, 0.3) * (cols / width + rows / height) / 2  # light fading towards one corner
    page += rng.normal(0, rng.uniform(2, 6), page.shape)
    return np.dstack([np.clip(page, 0, 255).astype(np.uint8)] * 3)


def report(split: str, per_set: int, seed: int = 7) -> list[str]:
    """For each paper: how many of `per_set` digits of each digit set's `split` are read right from the photo, and how
    many are called not a digit (the same digits, each on its own page, for every paper)."""
    rng = np.random.default_rng(seed)
    canvases, labels = [], []
    for drawing_set in writers.DIGIT_SETS:
        drawn, truth = drawing_set.make(split)
        for row in rng.choice(len(truth), min(per_set, len(truth)), replace=False) if len(truth) else []:
            canvases.append(drawn[row])
            labels.append(truth[row])
    lines = []
    for paper in PAPERS:
        readings = read_drawings([photograph(canvas, paper, rng) for canvas in canvases])
        right = np.mean([reading is not None and reading.digit == label for reading, label in zip(readings, labels)])
        refused = np.mean([reading is None or reading.not_a_digit for reading in readings])
        lines.append(f"{split} {paper:8s} {len(labels)} digits: read right {right:.1%}, not a digit {refused:.1%}")
    return lines


if __name__ == "__main__":
    print("\n".join(report(sys.argv[1] if len(sys.argv) > 1 else "validation", int(sys.argv[2]) if len(sys.argv) > 2 else 25)))
