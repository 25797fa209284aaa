"""A second simulator of writers, for the test splits of the simulated digit sets only (strokes.py makes validation).

It shares no generator with the first, only the idea of each digit: shapes built from arcs and lines (not traced through
control points), a smooth elastic warp of the whole drawing (not control points jittered one by one), a slant, turn and
squeeze drawn from other ranges, and pens of its own: a tablet samples the pen unevenly in time (sparse where it moves
fast), a mouse wanders (a smoothed random walk, not independent wobble), a marker and a tablet press harder mid-stroke.
"""

from __future__ import annotations

import cv2
import numpy as np

from mnist_knn.config import CANVAS_SIDE

Path = np.ndarray  # (n, 2) points, x to the right and y down, in a unit box
PENS = {"tablet": (7, 20), "mouse": (3, 8), "marker": (26, 40)}  # base widths on the 280-px canvas
PRESSED = {"tablet", "marker"}  # pens whose width follows the pressure


def _arc(centre: tuple[float, float], radii: tuple[float, float], start: float, end: float, count: int = 28) -> Path:
    """Points along an ellipse from angle `start` to `end` (degrees; 0 is right, 90 is down)."""
    angles = np.radians(np.linspace(start, end, count))
    return np.stack([centre[0] + radii[0] * np.cos(angles), centre[1] + radii[1] * np.sin(angles)], axis=1)


def _line(*points: tuple[float, float]) -> Path:
    """A polyline through `points`, each segment cut into 8 so the warp can bend it."""
    corners = np.asarray(points, dtype=float)
    steps = [corners[index] + np.linspace(0, 1, 8, endpoint=False)[:, None] * (corners[index + 1] - corners[index])
             for index in range(len(corners) - 1)]
    return np.vstack([*steps, corners[-1:]])


SHAPES: dict[int, list[list[Path]]] = {
    0: [[_arc((0.5, 0.5), (0.36, 0.5), -90, 275)], [_arc((0.5, 0.5), (0.28, 0.5), -60, 300)]],
    1: [[_line((0.5, 0.0), (0.5, 1.0))], [_line((0.2, 0.3), (0.55, 0.0), (0.55, 1.0))],
        [_line((0.12, 0.45), (0.6, 0.0), (0.58, 1.0))],
        [_line((0.3, 0.18), (0.55, 0.0), (0.55, 1.0)), _line((0.2, 1.0), (0.9, 1.0))]],
    2: [[np.vstack([_arc((0.5, 0.28), (0.36, 0.28), 190, 400), _line((0.72, 0.47), (0.05, 1.0), (0.95, 1.0))])]],
    3: [[np.vstack([_arc((0.48, 0.25), (0.34, 0.25), 200, 450), _arc((0.48, 0.74), (0.4, 0.26), 270, 520)])],
        [np.vstack([_line((0.1, 0.0), (0.85, 0.0), (0.4, 0.42)), _arc((0.48, 0.7), (0.4, 0.3), 250, 510)])]],
    4: [[_line((0.62, 0.0), (0.05, 0.66), (0.95, 0.66)), _line((0.7, 0.28), (0.7, 1.0))],
        [_line((0.18, 0.0), (0.12, 0.56), (0.9, 0.56)), _line((0.74, 0.0), (0.74, 1.0))]],
    5: [[_line((0.88, 0.0), (0.22, 0.0), (0.18, 0.45)), _arc((0.48, 0.68), (0.38, 0.32), 215, 520)]],
    6: [[np.vstack([_line((0.75, 0.0), (0.4, 0.25), (0.18, 0.6)), _arc((0.5, 0.7), (0.33, 0.3), 180, -180)])]],
    7: [[_line((0.05, 0.0), (0.95, 0.0), (0.42, 1.0))],
        [_line((0.05, 0.0), (0.95, 0.0), (0.42, 1.0)), _line((0.3, 0.5), (0.85, 0.5))],
        [_line((0.05, 0.12), (0.1, 0.0), (0.95, 0.0), (0.6, 0.5), (0.48, 1.0))]],
    8: [[np.vstack([_arc((0.5, 0.25), (0.3, 0.25), 90, 450), _arc((0.5, 0.73), (0.38, 0.27), -90, 270)])]],
    9: [[np.vstack([_arc((0.45, 0.28), (0.34, 0.28), 0, 360), _line((0.79, 0.28), (0.74, 1.0))])],
        [np.vstack([_arc((0.45, 0.28), (0.34, 0.28), 0, 360), _arc((0.2, 0.3), (0.59, 0.7), 0, 100)])]],
}


def _warp(points: Path, rng: np.random.Generator) -> Path:
    """The whole drawing bent by a smooth random field (three low-frequency waves), then slanted, turned and squeezed."""
    bent = points.copy()
    for _ in range(3):
        frequency, phase, size = rng.uniform(0.5, 1.5, 2), rng.uniform(0, 2 * np.pi), rng.uniform(0.02, 0.05, 2)
        bent += size * np.sin(2 * np.pi * (points - 0.5) @ frequency + phase)[:, None]
    slant, turn, squeeze = rng.uniform(-0.45, 0.3), np.radians(rng.uniform(-12, 12)), rng.uniform(0.5, 1.15)
    shape = np.array([[squeeze * np.cos(turn), -np.sin(turn) + slant], [squeeze * np.sin(turn), np.cos(turn)]])
    return (bent - 0.5) @ shape.T


def _as_drawn(path: Path, style: str, rng: np.random.Generator) -> Path:
    """The path as the pen records it: a tablet's few samples (5 to 9 a unit of length), sparse where the pen is fast
    (mid-stroke); a mouse's wandering hand."""
    if style == "tablet":
        lengths = np.r_[0, np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))]
        moments = np.linspace(0, 1, max(3, int(lengths[-1] * rng.uniform(5, 9))))  # samples evenly spaced in time
        along = 0.5 - 0.5 * np.cos(np.pi * moments)  # slow at both ends, fast between
        return np.stack([np.interp(along * lengths[-1], lengths, path[:, axis]) for axis in (0, 1)], axis=1)
    if style == "mouse":
        walk = np.cumsum(rng.normal(0, 0.004, path.shape), axis=0)
        return path + cv2.GaussianBlur(walk, (1, 9), 0) - walk.mean(axis=0)
    return path


def stroke_digit(digit: int, rng: np.random.Generator, style: str) -> np.ndarray:
    """A new writer's `digit`, in one of its shapes, drawn in `style` on an empty canvas (white on black, uint8)."""
    shapes = SHAPES[digit]
    strokes = shapes[int(rng.integers(len(shapes)))]
    joined = _warp(np.vstack(strokes), rng)
    paths = np.split(joined, np.cumsum([len(stroke) for stroke in strokes])[:-1])
    paths = [_as_drawn(path, style, rng) for path in paths]
    every = np.vstack(paths)
    low, high = every.min(axis=0), every.max(axis=0)
    scale = min(float(rng.uniform(130, 235)) / max(high[1] - low[1], 1e-6), 250 / max(high[0] - low[0], 1e-6))
    size = (high - low) * scale
    corner = np.array([rng.uniform(10, max(11, CANVAS_SIDE - 10 - size[0])),
                       rng.uniform(10, max(11, CANVAS_SIDE - 10 - size[1]))])
    base = float(rng.uniform(*PENS[style]))
    ink = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.uint8)
    for path in paths:
        pixels = np.rint((path - low) * scale + corner).astype(np.int32)
        pressure = np.sin(np.pi * np.linspace(0.1, 0.9, max(len(pixels) - 1, 1))) if style in PRESSED else np.ones(len(pixels))
        for start, end, press in zip(pixels[:-1], pixels[1:], pressure):
            cv2.line(ink, tuple(map(int, start)), tuple(map(int, end)), 255, max(1, int(round(base * (0.6 + 0.5 * press)))),
                     cv2.LINE_AA)
    return ink
