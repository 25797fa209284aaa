"""Timing what the app does, for our engine, scikit-learn on the same features, and the seeds' raw-pixel KNN."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from dataclasses import dataclass
from typing import Callable

import cv2
import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from mnist_knn.config import NEIGHBOURS_SHOWN
from mnist_knn.model import NearestDigitClassifier
from mnist_knn.neighbors import vote
from mnist_knn.preprocess import canvas_to_mnist_stages

# One drawing: canvas pixels -> MNIST digit -> (neighbours, probabilities). Batch: (n, 28, 28) -> labels.
DrawingPath = Callable[[np.ndarray], object]
BatchPath = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Contender:
    """A way to answer a drawing and a batch, under a name for the table."""

    name: str
    one_drawing: DrawingPath
    batch: BatchPath


@dataclass(frozen=True)
class Result:
    """What one contender measured."""

    name: str
    drawing_p50_ms: float
    drawing_p95_ms: float
    batch_seconds: float
    peak_memory_mb: float
    accuracy: float


def canvas_from_digit(digit: np.ndarray, seed: int) -> np.ndarray:
    """A 280 x 280 RGBA canvas holding an enlarged, shifted copy of a digit, like a person's drawing."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(150, 230))
    top, left = (int(value) for value in rng.integers(0, 280 - size, 2))
    ink = np.zeros((280, 280), np.uint8)
    ink[top : top + size, left : left + size] = cv2.resize(digit, (size, size), interpolation=cv2.INTER_CUBIC)
    return np.dstack([ink, ink, ink, np.full_like(ink, 255)])


def ours(model: NearestDigitClassifier) -> Contender:
    """The app's path: our NumPy engine inside the saved model."""

    def one_drawing(canvas: np.ndarray) -> object:
        digit = canvas_to_mnist_stages(canvas, "light-on-dark").centred
        neighbours = model.nearest_training_digits(digit, NEIGHBOURS_SHOWN)
        return vote(neighbours.distances, neighbours.labels, model.n_neighbors, model.weights)

    return Contender("ours (NumPy engine, default model)", one_drawing, model.predict)


def scikit_learn_same_features(model: NearestDigitClassifier) -> Contender:
    """scikit-learn's brute-force KNN over exactly the examples our engine stores."""
    engine = model.neighbors_
    reference = KNeighborsClassifier(n_neighbors=model.n_neighbors, weights=model.weights, algorithm="brute")
    reference.fit(engine.examples_, engine.labels_)

    def one_drawing(canvas: np.ndarray) -> object:
        digit = canvas_to_mnist_stages(canvas, "light-on-dark").centred
        distances, rows = reference.kneighbors(model.embed(digit), NEIGHBOURS_SHOWN)
        return vote(distances, engine.labels_[rows], model.n_neighbors, model.weights)

    return Contender("scikit-learn brute force, same features", one_drawing, lambda X: reference.predict(model.embed(X)))


def seeds_raw_pixels(X_train: np.ndarray, y_train: np.ndarray) -> Contender:
    """The seeds' setup: KNeighborsClassifier(k=4, distance) on raw float64 pixels scaled to [0, 1]."""

    def pixels(X: np.ndarray) -> np.ndarray:
        return np.asarray(X).reshape(-1, 784) / 255.0

    reference = KNeighborsClassifier(n_neighbors=4, weights="distance").fit(pixels(X_train), y_train)

    def one_drawing(canvas: np.ndarray) -> object:
        digit = canvas_to_mnist_stages(canvas, "light-on-dark").centred
        reference.kneighbors(pixels(digit), NEIGHBOURS_SHOWN)
        return reference.predict_proba(pixels(digit))

    return Contender("seeds: raw pixels, scikit-learn k=4", one_drawing, lambda X: reference.predict(pixels(X)))


def measure(contender: Contender, canvases: list[np.ndarray], X_test: np.ndarray, y_test: np.ndarray) -> Result:
    """Time single drawings (after a warm-up) and the whole test set with its peak traced memory."""
    for canvas in canvases[:5]:
        contender.one_drawing(canvas)
    timings = []
    for canvas in canvases:
        started = time.perf_counter()
        contender.one_drawing(canvas)
        timings.append(1000 * (time.perf_counter() - started))
    timings.sort()
    tracemalloc.start()
    started = time.perf_counter()
    predicted = contender.batch(X_test)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return Result(contender.name, statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], seconds, peak,
                  float((predicted == y_test).mean()))


def table(results: list[Result]) -> str:
    """A Markdown table with each contender's ratio to ours (the first row)."""
    base = results[0]
    lines = ["| engine | one drawing p50 | p95 | 10k batch | peak memory | accuracy | drawing ×ours | batch ×ours |",
             "|---|---|---|---|---|---|---|---|"]
    for result in results:
        lines.append(
            f"| {result.name} | {result.drawing_p50_ms:.1f} ms | {result.drawing_p95_ms:.1f} ms | {result.batch_seconds:.2f} s "
            f"| {result.peak_memory_mb:.0f} MB | {result.accuracy:.2%} | {result.drawing_p50_ms / base.drawing_p50_ms:.1f} "
            f"| {result.batch_seconds / base.batch_seconds:.1f} |"
        )
    return "\n".join(lines)
