"""The open-set evaluation: drawings that are not digits, and real digits re-drawn on the canvas.

Nothing here is learned from: the "not a digit" threshold is calibrated on held-out training digits only
(`NearestDigitClassifier.fit`), and this set only measures how often each kind of drawing is flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from mnist_knn.config import CANVAS_SIDE
from mnist_knn.lab.canvases import redrawn
from mnist_knn.lab.writers import LETTERS
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.reading.drawing import read_drawings

HERSHEY_FONTS = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX, cv2.FONT_HERSHEY_COMPLEX, cv2.FONT_HERSHEY_TRIPLEX,
                 cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_PLAIN)
FAMILIES = ("letter", "smiley", "star", "hatching", "frame", "scribble")
PEN = (12, 34)  # stroke widths in canvas pixels, as the draw page's brush slider allows (8-40)


@dataclass(frozen=True)
class Drawing:
    """One open-set drawing: its family ('digit' for real ones) and its white-on-black 280 x 280 ink."""

    family: str
    name: str
    ink: np.ndarray


def _pen(rng: np.random.Generator) -> int:
    return int(rng.integers(*PEN))


def letter(rng: np.random.Generator) -> Drawing:
    """A letter in one of OpenCV's Hershey fonts, sometimes slanted, large and anywhere on the canvas."""
    text = str(rng.choice(list(LETTERS)))
    font = int(rng.choice(HERSHEY_FONTS)) | (cv2.FONT_ITALIC if rng.random() < 0.3 else 0)
    thickness = max(2, _pen(rng) // 2)
    (width, height), _ = cv2.getTextSize(text, font, 1.0, thickness)
    scale = float(rng.uniform(120, 220)) / max(width, height)
    (width, height), baseline = cv2.getTextSize(text, font, scale, thickness)
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    left = int(rng.integers(0, max(1, CANVAS_SIDE - width)))
    bottom = int(rng.integers(min(height + 1, CANVAS_SIDE - 1), CANVAS_SIDE - baseline // 2))
    cv2.putText(ink, text, (left, bottom), font, scale, 255, thickness, cv2.LINE_AA)
    return Drawing("letter", text, ink)


def smiley(rng: np.random.Generator) -> Drawing:
    """A face: a round head, two eyes, a smile."""
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    radius = int(rng.integers(70, 125))
    cx, cy = (int(value) for value in rng.integers(radius, CANVAS_SIDE - radius + 1, 2))
    pen = _pen(rng)
    cv2.circle(ink, (cx, cy), radius, 255, pen, cv2.LINE_AA)
    for side in (-1, 1):
        cv2.circle(ink, (cx + side * radius // 3, cy - radius // 3), max(3, radius // 10), 255, -1, cv2.LINE_AA)
    cv2.ellipse(ink, (cx, cy + radius // 8), (radius // 2, radius // 3), 0, 20, 160, 255, pen, cv2.LINE_AA)
    return Drawing("smiley", "smiley", ink)


def star(rng: np.random.Generator) -> Drawing:
    """A five-pointed star in one stroke."""
    radius = float(rng.uniform(80, 135))
    cx, cy = rng.uniform(radius, CANVAS_SIDE - radius, 2)
    turn = rng.uniform(0, 2 * np.pi)
    angles = turn + np.arange(6) * 4 * np.pi / 5  # every second point of a pentagon: the star's one stroke
    points = np.stack([cx + radius * np.sin(angles), cy - radius * np.cos(angles)], axis=1).round().astype(np.int32)
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    cv2.polylines(ink, [points], False, 255, _pen(rng), cv2.LINE_AA)
    return Drawing("star", "star", ink)


def hatching(rng: np.random.Generator) -> Drawing:
    """Parallel lines across a square patch (crossed by a second set half the time)."""
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    size = float(rng.integers(140, 250))
    centre = rng.uniform(size / 2, CANVAS_SIDE - size / 2, 2)
    lines, pen = int(rng.integers(4, 8)), max(8, _pen(rng) // 2)
    for angle in [rng.uniform(0, np.pi)] + ([rng.uniform(0, np.pi)] if rng.random() < 0.5 else []):
        along = np.array([np.cos(angle), np.sin(angle)])
        across = np.array([-along[1], along[0]])
        for offset in np.linspace(-size / 2.5, size / 2.5, lines):
            start, stop = (np.clip(centre + across * offset + along * end * size / 2, 0, CANVAS_SIDE - 1) for end in (-1, 1))
            cv2.line(ink, tuple(int(v) for v in start), tuple(int(v) for v in stop), 255, pen, cv2.LINE_AA)
    return Drawing("hatching", "hatching", ink)


def frame(rng: np.random.Generator) -> Drawing:
    """A rectangle or square outline, often along the canvas's edges."""
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    margin = int(rng.integers(4, 60))
    width, height = int(rng.integers(150, CANVAS_SIDE - 2 * margin + 1)), int(rng.integers(150, CANVAS_SIDE - 2 * margin + 1))
    left = int(rng.integers(margin, CANVAS_SIDE - width - margin + 1))
    top = int(rng.integers(margin, CANVAS_SIDE - height - margin + 1))
    cv2.rectangle(ink, (left, top), (left + width, top + height), 255, _pen(rng), cv2.LINE_AA)
    return Drawing("frame", "frame", ink)


def scribble(rng: np.random.Generator) -> Drawing:
    """A random scribble: one stroke wandering through 6-14 points."""
    points = rng.integers(20, CANVAS_SIDE - 20, (int(rng.integers(6, 15)), 2)).astype(np.int32)
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    cv2.polylines(ink, [points], False, 255, _pen(rng), cv2.LINE_AA)
    return Drawing("scribble", "scribble", ink)


MAKERS = {"letter": letter, "smiley": smiley, "star": star, "hatching": hatching, "frame": frame, "scribble": scribble}


def non_digits(per_family: int = 100, seed: int = 0) -> Iterator[Drawing]:
    """`per_family` drawings of every family that is not a digit (letters get three times as many: 25 shapes)."""
    rng = np.random.default_rng(seed)
    for family in FAMILIES:
        for _ in range(per_family * (3 if family == "letter" else 1)):
            yield MAKERS[family](rng)


def real_digits(X: np.ndarray, y: np.ndarray, count: int = 1000, seed: int = 0) -> Iterator[Drawing]:
    """`count` of the given digits (the official test split), re-drawn large, off-centre and with varied strokes."""
    rng = np.random.default_rng(seed)
    for index in rng.choice(len(y), count, replace=False):
        yield Drawing("digit", str(int(y[index])), redrawn(X[index], rng))


def flagged(model: NearestDigitClassifier, drawings: list[Drawing]) -> np.ndarray:
    """Whether each canvas drawing is called "not a digit", exactly as the draw page calls it (`read_drawings`)."""
    readings = read_drawings([drawing.ink for drawing in drawings], model=model, polarity="light-on-dark")
    return np.array([reading is None or reading.not_a_digit for reading in readings])  # no ink: nothing to call a digit


def open_set_report(model: NearestDigitClassifier, X_test: np.ndarray, y_test: np.ndarray, per_family: int = 100,
                    real: int = 1000, seed: int = 0) -> dict[str, Any]:
    """The two open-set figures: how many non-digit drawings are flagged, and how many re-drawn real test digits are."""
    others, digits = list(non_digits(per_family, seed)), list(real_digits(X_test, y_test, real, seed))
    flagged_others, flagged_digits = flagged(model, others), flagged(model, digits)
    families = np.array([drawing.family for drawing in others])
    return {
        "false_alarm_rate": model.false_alarm_rate,
        "non_digits": {"count": len(others), "flagged": float(flagged_others.mean()),
                       "by_family": {family: float(flagged_others[families == family].mean()) for family in FAMILIES}},
        "real_digits": {"count": len(digits), "flagged": float(flagged_digits.mean())},
    }
