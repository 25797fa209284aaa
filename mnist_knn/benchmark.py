"""Timing what the app does: one drawing from canvas pixels to prediction and neighbours, and the 10k test set."""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from mnist_knn.config import NEIGHBOURS_SHOWN
from mnist_knn.preprocess import canvas_to_mnist_stages


def canvas_from_digit(digit: np.ndarray, seed: int) -> np.ndarray:
    """A 280 x 280 RGBA canvas holding an enlarged, shifted copy of a digit, like a person's drawing."""
    import cv2

    rng = np.random.default_rng(seed)
    size = int(rng.integers(150, 230))
    top, left = (int(value) for value in rng.integers(0, 280 - size, 2))
    ink = np.zeros((280, 280), np.uint8)
    ink[top : top + size, left : left + size] = cv2.resize(digit, (size, size), interpolation=cv2.INTER_CUBIC)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])


def time_one_drawing(model: Any, canvases: list[np.ndarray]) -> dict[str, float]:
    """p50 / p95 milliseconds of preprocessing + neighbour search + vote for single drawings, as the draw page does."""
    from mnist_knn.model import vote

    timings = []
    for canvas in canvases:
        started = time.perf_counter()
        stages = canvas_to_mnist_stages(canvas, "light-on-dark")
        neighbours = model.nearest_training_digits(stages.centred, NEIGHBOURS_SHOWN)
        vote(neighbours.distances, neighbours.labels, model.n_neighbors, model.weights)
        timings.append(1000 * (time.perf_counter() - started))
    timings.sort()
    return {"p50_ms": statistics.median(timings), "p95_ms": timings[int(0.95 * (len(timings) - 1))]}


def time_test_set(model: Any, X_test: np.ndarray, y_test: np.ndarray) -> dict[str, float]:
    """Seconds to predict the whole test set in one batch, and the accuracy it gives."""
    started = time.perf_counter()
    predicted = model.predict(X_test)
    return {"seconds": time.perf_counter() - started, "accuracy": float((predicted == y_test).mean())}
