"""Digits and doodles drawn as pen strokes by simulated writers: each writer has a slant, a shape, a pen and a hand.

A digit is one of a few shapes people write it in (a 1 with or without a flag, a 7 with or without a bar, an open or
closed 4 ...), as strokes through control points in a unit box. A writer bends those points, slants and stretches
them, and draws them one of three ways: 'tablet' (the trajectory sampled at a few points and joined by straight
lines, so corners are sharp, as pen tablets record digits), 'mouse' (smooth, with the wobble of a hand on a mouse) or
'marker' (smooth, thick). Nothing here comes from MNIST.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from mnist_knn.config import CANVAS_SIDE
from mnist_knn.lab.canvases import placed

Stroke = list[tuple[float, float]]

# Each digit's shapes, as strokes through control points (x to the right, y down, both 0-1).
DIGIT_SHAPES: dict[int, list[list[Stroke]]] = {
    0: [[[(0.5, 0.0), (0.15, 0.2), (0.1, 0.6), (0.35, 1.0), (0.75, 0.95), (0.9, 0.5), (0.75, 0.1), (0.5, 0.0)]]],
    1: [[[(0.5, 0.0), (0.5, 1.0)]],
        [[(0.25, 0.25), (0.6, 0.0), (0.6, 1.0)]],
        [[(0.15, 0.4), (0.65, 0.0), (0.6, 1.0)]],  # the European 1: a long flag
        [[(0.3, 0.2), (0.55, 0.0), (0.55, 1.0)], [(0.25, 1.0), (0.85, 1.0)]]],
    2: [[[(0.1, 0.25), (0.35, 0.0), (0.75, 0.05), (0.85, 0.3), (0.55, 0.65), (0.05, 1.0), (0.95, 1.0)]],
        [[(0.15, 0.2), (0.5, 0.0), (0.85, 0.2), (0.7, 0.55), (0.1, 0.95), (0.35, 0.8), (0.5, 1.0), (0.95, 0.95)]]],
    3: [[[(0.1, 0.15), (0.5, 0.0), (0.85, 0.2), (0.45, 0.48), (0.9, 0.72), (0.55, 1.0), (0.05, 0.85)]],
        [[(0.1, 0.0), (0.9, 0.0), (0.4, 0.4), (0.85, 0.65), (0.55, 1.0), (0.1, 0.9)]]],
    4: [[[(0.6, 0.0), (0.05, 0.65), (0.95, 0.65)], [(0.7, 0.3), (0.7, 1.0)]],
        [[(0.15, 0.0), (0.1, 0.55), (0.9, 0.55)], [(0.75, 0.0), (0.75, 1.0)]]],
    5: [[[(0.85, 0.0), (0.2, 0.0), (0.15, 0.45), (0.6, 0.38), (0.9, 0.65), (0.6, 1.0), (0.1, 0.9)]],
        [[(0.2, 0.0), (0.15, 0.45), (0.6, 0.38), (0.9, 0.68), (0.6, 1.0), (0.1, 0.9)], [(0.2, 0.0), (0.85, 0.0)]]],
    6: [[[(0.75, 0.0), (0.3, 0.3), (0.1, 0.7), (0.3, 1.0), (0.75, 0.95), (0.85, 0.7), (0.5, 0.5), (0.15, 0.7)]]],
    7: [[[(0.05, 0.0), (0.95, 0.0), (0.4, 1.0)]],
        [[(0.05, 0.0), (0.95, 0.0), (0.4, 1.0)], [(0.3, 0.5), (0.8, 0.5)]],
        [[(0.05, 0.15), (0.1, 0.0), (0.95, 0.0), (0.55, 0.55), (0.45, 1.0)]]],
    8: [[[(0.55, 0.45), (0.15, 0.2), (0.5, 0.0), (0.85, 0.2), (0.5, 0.5), (0.1, 0.78), (0.5, 1.0), (0.9, 0.78), (0.55, 0.5)]]],
    9: [[[(0.85, 0.25), (0.5, 0.0), (0.15, 0.2), (0.3, 0.45), (0.8, 0.35), (0.85, 0.25), (0.75, 1.0)]],
        [[(0.85, 0.3), (0.5, 0.0), (0.15, 0.25), (0.45, 0.5), (0.85, 0.3), (0.8, 0.75), (0.4, 1.0)]]],
}

DOODLES: dict[str, list[Stroke]] = {  # things people draw that are not digits
    "heart": [[(0.5, 0.3), (0.3, 0.0), (0.0, 0.25), (0.5, 1.0), (1.0, 0.25), (0.7, 0.0), (0.5, 0.3)]],
    "house": [[(0.0, 1.0), (0.0, 0.4), (0.5, 0.0), (1.0, 0.4), (1.0, 1.0), (0.0, 1.0)], [(0.4, 1.0), (0.4, 0.7), (0.6, 0.7),
                                                                                      (0.6, 1.0)]],
    "arrow": [[(0.0, 0.5), (1.0, 0.5)], [(0.7, 0.2), (1.0, 0.5), (0.7, 0.8)]],
    "spiral": [[(0.5 + 0.09 * t * np.cos(t), 0.5 + 0.09 * t * np.sin(t)) for t in np.linspace(0, 5.2, 30)]],
    "zigzag": [[(0.0, 0.2), (0.25, 0.8), (0.5, 0.2), (0.75, 0.8), (1.0, 0.2)]],
    "cross": [[(0.0, 0.0), (1.0, 1.0)], [(1.0, 0.0), (0.0, 1.0)]],
    "plus": [[(0.5, 0.0), (0.5, 1.0)], [(0.0, 0.5), (1.0, 0.5)]],
    "triangle": [[(0.5, 0.0), (1.0, 1.0), (0.0, 1.0), (0.5, 0.0)]],
    "cloud": [[(0.2 + 0.6 * t + 0.1 * np.sin(9 * t), 0.5 - 0.35 * np.sin(np.pi * t) - 0.08 * abs(np.sin(9 * t)))
               for t in np.linspace(0, 1, 24)] + [(0.8, 0.7), (0.2, 0.7), (0.2, 0.5)]],
    "sun": [[(0.5 + 0.25 * np.cos(t), 0.5 + 0.25 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 20)]]
           + [[(0.5 + 0.35 * np.cos(t), 0.5 + 0.35 * np.sin(t)), (0.5 + 0.5 * np.cos(t), 0.5 + 0.5 * np.sin(t))]
              for t in np.linspace(0, 2 * np.pi, 8, endpoint=False)],
    "wave": [[(t, 0.5 + 0.3 * np.sin(4 * np.pi * t)) for t in np.linspace(0, 1, 30)]],
    "moon": [[(0.5 + 0.5 * np.cos(t), 0.5 + 0.5 * np.sin(t)) for t in np.linspace(0.6, 5.7, 20)]
             + [(0.6 + 0.3 * np.cos(t), 0.5 + 0.35 * np.sin(t)) for t in np.linspace(5.4, 0.9, 16)]],
    "flower": [[(0.5 + 0.45 * abs(np.cos(2.5 * t)) * np.cos(t), 0.5 + 0.45 * abs(np.cos(2.5 * t)) * np.sin(t))
                for t in np.linspace(0, 2 * np.pi, 60)]],
    "eye": [[(t, 0.5 - 0.3 * np.sin(np.pi * t)) for t in np.linspace(0, 1, 16)]
            + [(t, 0.5 + 0.3 * np.sin(np.pi * t)) for t in np.linspace(1, 0, 16)],
            [(0.5 + 0.12 * np.cos(t), 0.5 + 0.12 * np.sin(t)) for t in np.linspace(0, 2 * np.pi, 12)]],
    "fish": [[(0.0, 0.2), (0.25, 0.5), (0.6, 0.15), (1.0, 0.5), (0.6, 0.85), (0.25, 0.5), (0.0, 0.8), (0.0, 0.2)]],
    "hash": [[(0.3, 0.0), (0.25, 1.0)], [(0.75, 0.0), (0.7, 1.0)], [(0.0, 0.35), (1.0, 0.35)], [(0.0, 0.7), (1.0, 0.7)]],
}
_P = [(0.15, 1.0), (0.15, 0.0), (0.7, 0.02), (0.88, 0.25), (0.7, 0.48), (0.15, 0.5)]
LETTER_SHAPES: dict[str, list[Stroke]] = {  # handwritten letters that are not digit-like (learned from only: no split tests them)
    "A": [[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.6), (0.78, 0.6)]],
    "C": [[(0.88, 0.15), (0.5, 0.0), (0.12, 0.25), (0.1, 0.65), (0.4, 1.0), (0.88, 0.85)]],
    "E": [[(0.9, 0.0), (0.1, 0.0), (0.1, 1.0), (0.9, 1.0)], [(0.1, 0.5), (0.7, 0.5)]],
    "F": [[(0.9, 0.0), (0.1, 0.0), (0.1, 1.0)], [(0.1, 0.5), (0.7, 0.5)]],
    "H": [[(0.1, 0.0), (0.1, 1.0)], [(0.9, 0.0), (0.9, 1.0)], [(0.1, 0.5), (0.9, 0.5)]],
    "K": [[(0.15, 0.0), (0.15, 1.0)], [(0.85, 0.0), (0.15, 0.55), (0.85, 1.0)]],
    "M": [[(0.05, 1.0), (0.1, 0.0), (0.5, 0.6), (0.9, 0.0), (0.95, 1.0)]],
    "N": [[(0.1, 1.0), (0.1, 0.0), (0.9, 1.0), (0.9, 0.0)]],
    "P": [_P],
    "R": [_P, [(0.45, 0.5), (0.9, 1.0)]],
    "U": [[(0.1, 0.0), (0.1, 0.7), (0.3, 1.0), (0.7, 1.0), (0.9, 0.7), (0.9, 0.0)]],
    "V": [[(0.0, 0.0), (0.5, 1.0), (1.0, 0.0)]],
    "W": [[(0.0, 0.0), (0.25, 1.0), (0.5, 0.3), (0.75, 1.0), (1.0, 0.0)]],
    "X": [[(0.0, 0.0), (1.0, 1.0)], [(1.0, 0.0), (0.0, 1.0)]],
    "Y": [[(0.0, 0.0), (0.5, 0.5), (1.0, 0.0)], [(0.5, 0.5), (0.5, 1.0)]],
    "e": [[(0.15, 0.6), (0.85, 0.6), (0.7, 0.3), (0.4, 0.3), (0.15, 0.6), (0.3, 1.0), (0.85, 0.92)]],
    "h": [[(0.15, 0.0), (0.15, 1.0)], [(0.15, 0.6), (0.5, 0.4), (0.85, 0.6), (0.85, 1.0)]],
    "m": [[(0.05, 1.0), (0.05, 0.35)], [(0.05, 0.5), (0.27, 0.35), (0.5, 0.5), (0.5, 1.0)],
          [(0.5, 0.5), (0.73, 0.35), (0.95, 0.5), (0.95, 1.0)]],
    "n": [[(0.15, 1.0), (0.15, 0.35)], [(0.15, 0.5), (0.5, 0.35), (0.85, 0.5), (0.85, 1.0)]],
    "r": [[(0.2, 1.0), (0.2, 0.35)], [(0.2, 0.55), (0.5, 0.35), (0.85, 0.4)]],
    "w": [[(0.0, 0.35), (0.25, 1.0), (0.5, 0.5), (0.75, 1.0), (1.0, 0.35)]],
}
PENS = {"tablet": (6, 22), "mouse": (4, 9), "marker": (24, 42)}  # pen widths on the 280-px canvas, by style


def _smooth(points: np.ndarray, rounds: int = 3) -> np.ndarray:
    """Chaikin corner cutting: a smooth curve through (near) the control points, ends kept."""
    for _ in range(rounds):
        if len(points) < 3:
            return points
        quarter = 0.75 * points[:-1] + 0.25 * points[1:]
        three_quarters = 0.25 * points[:-1] + 0.75 * points[1:]
        points = np.vstack([points[:1], np.stack([quarter, three_quarters], axis=1).reshape(-1, 2), points[-1:]])
    return points


def _resample(points: np.ndarray, count: int) -> np.ndarray:
    """`count` points spaced evenly along the polyline (a pen tablet's sampled trajectory)."""
    lengths = np.r_[0, np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
    if lengths[-1] == 0:
        return points[:1]
    wanted = np.linspace(0, lengths[-1], count)
    return np.stack([np.interp(wanted, lengths, points[:, axis]) for axis in (0, 1)], axis=1)


@dataclass(frozen=True)
class Writer:
    """One hand: how it slants, stretches, turns and bends a shape, and how it draws (style)."""

    slant: float
    stretch: float
    turn: float
    bend: float
    style: str

    @classmethod
    def random(cls, rng: np.random.Generator, style: str) -> Writer:
        """A writer drawn at random in `style`."""
        slant, stretch, turn = rng.uniform(-0.35, 0.35), rng.uniform(0.55, 1.25), rng.uniform(-0.2, 0.2)
        return cls(float(slant), float(stretch), float(turn), float(rng.uniform(0.02, 0.06)), style)

    def draw(self, strokes: list[Stroke], rng: np.random.Generator, pen: int | None = None) -> np.ndarray:
        """This writer's drawing of these strokes on an empty 280 x 280 canvas, white ink on black (uint8): the same hand
        every time, each drawing bent, sized and placed a little differently (`pen`: width in canvas pixels)."""
        turn, stretch = self.turn, self.stretch
        shape = np.array([[stretch * np.cos(turn), -np.sin(turn) + self.slant], [stretch * np.sin(turn), np.cos(turn)]])
        paths = []
        for stroke in strokes:
            points = np.asarray(stroke, dtype=float) + rng.normal(0, self.bend, (len(stroke), 2))
            smooth = _smooth((points - 0.5) @ shape.T)
            if self.style == "tablet":
                smooth = _resample(smooth, int(rng.integers(6, 11)))
            elif self.style == "mouse":
                smooth = _resample(smooth, 60) + rng.normal(0, 0.006, (60, 2))
            paths.append(smooth)
        every = np.vstack(paths)
        low, high = every.min(axis=0), every.max(axis=0)
        height = float(rng.uniform(130, 240))
        scale = height / max(high[1] - low[1], 0.3 * (high[0] - low[0]), 1e-6)
        scale = min(scale, 250 / max(high[0] - low[0], 1e-6))
        size = (high - low) * scale
        corner = np.array([rng.uniform(10, max(11, CANVAS_SIDE - 10 - size[0])),
                           rng.uniform(10, max(11, CANVAS_SIDE - 10 - size[1]))])
        width = int(rng.integers(*PENS[self.style]))
        ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
        for path in paths:
            pixels = np.rint((path - low) * scale + corner).astype(np.int32)
            cv2.polylines(ink, [pixels], False, 255, pen or width, cv2.LINE_AA)
        return ink


def draw_strokes(strokes: list[Stroke], rng: np.random.Generator, style: str, pen: int | None = None) -> np.ndarray:
    """A new writer's drawing of these strokes (see Writer.draw)."""
    return Writer.random(rng, style).draw(strokes, rng, pen)


def stroke_digit(digit: int, rng: np.random.Generator, style: str) -> np.ndarray:
    """One writer's `digit`, in one of its shapes, drawn in `style`."""
    shapes = DIGIT_SHAPES[digit]
    return draw_strokes(shapes[int(rng.integers(len(shapes)))], rng, style)


def doodle(name: str, rng: np.random.Generator) -> np.ndarray:
    """One writer's doodle, smooth or tablet-sharp."""
    return draw_strokes(DOODLES[name], rng, str(rng.choice(["tablet", "mouse"])))


def stroke_letter(letter: str, rng: np.random.Generator) -> np.ndarray:
    """One writer's handwritten `letter`, on a tablet, with a mouse or with a marker."""
    return draw_strokes(LETTER_SHAPES[letter], rng, str(rng.choice(list(PENS))))


def box_filling(ink: np.ndarray, rng: np.random.Generator, side: int = 16) -> np.ndarray:
    """A drawing as a thick, box-filling scan: cut to its ink, stretched to fill a square, binarised at `side` pixels,
    then shown large again (as a 16 x 16 binary scan looks on a canvas)."""
    rows, columns = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
    small = cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA)
    binary = np.where(small > 60, 255, 0).astype(np.uint8)
    height = int(rng.integers(150, 240))
    return placed(cv2.resize(binary, (height, height), interpolation=cv2.INTER_NEAREST), rng)
