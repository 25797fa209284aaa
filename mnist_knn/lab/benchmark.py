"""Timing what the app does, for our engine, scikit-learn on the same features, and the textbook raw-pixel KNN."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.lab.canvases import as_rgba, redrawn
from mnist_knn.model.augment import with_pen_copies
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.model.neighbors import vote
from mnist_knn.model.parameters import TEXTBOOK_KNN
from mnist_knn.reading.drawing import read_drawing
from mnist_knn.reading.preprocess import canvas_to_mnist_stages

# One drawing: canvas -> MNIST digit -> (neighbours, probabilities), None for an empty canvas. Batch: (n, 28, 28) -> labels.
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


def resident_memory_mb() -> float:
    """This process's resident memory (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def canvas_from_digit(digit: np.ndarray, seed: int) -> np.ndarray:
    """A 280 x 280 RGBA canvas holding a re-drawn copy of a digit, like a person's drawing."""
    return as_rgba(redrawn(digit, np.random.default_rng(seed)))


def drawn_digit(canvas: np.ndarray) -> np.ndarray | None:
    """The canvas as an MNIST digit, as every contender gets it (None for an empty canvas, which no contender reads)."""
    stages = canvas_to_mnist_stages(canvas, "light-on-dark")
    return None if stages is None else stages.centred


def first_look(model: NearestDigitClassifier) -> Contender:
    """Our first look alone: the NumPy engine over the model's features, 15 neighbours, the vote (no second look)."""
    classes = model.classes_

    def one_drawing(canvas: np.ndarray) -> object:
        digit = drawn_digit(canvas)
        if digit is None:
            return None
        distances, rows = model.neighbors_.kneighbors(model.embed(digit), NEIGHBORS_SHOWN)
        return vote(distances, model.neighbors_.labels_[rows], model.n_neighbors, model.weights, len(classes))

    def batch(X: np.ndarray) -> np.ndarray:
        distances, rows = model.neighbors_.kneighbors(model.embed(X), model.n_neighbors)
        shares = vote(distances, model.neighbors_.labels_[rows], model.n_neighbors, model.weights, len(classes))
        return classes[np.argmax(shares, axis=1)]

    return Contender("ours, first look only (NumPy engine)", one_drawing, batch)


def scikit_learn_same_features(model: NearestDigitClassifier) -> Contender:
    """scikit-learn's brute-force KNN over exactly the examples our engine stores: the same work as `first_look`."""
    engine = model.neighbors_
    reference = KNeighborsClassifier(n_neighbors=model.n_neighbors, weights=model.weights, algorithm="brute")
    reference.fit(engine.stored_examples(), engine.labels_)

    def one_drawing(canvas: np.ndarray) -> object:
        digit = drawn_digit(canvas)
        if digit is None:
            return None
        distances, rows = reference.kneighbors(model.embed(digit), NEIGHBORS_SHOWN)
        return vote(distances, engine.labels_[rows], model.n_neighbors, model.weights, len(engine.classes_))

    return Contender("scikit-learn brute force, same first look", one_drawing,
                     lambda X: engine.classes_[reference.predict(model.embed(X))])


def ours(model: NearestDigitClassifier, memory: ExtraExamples | None = None) -> Contender:
    """The app's path: `read_drawing` for a drawing (the judgement, 15 neighbours shown, a student's `memory` searched
    beside MNIST); the model's predict for the batch."""

    def one_drawing(canvas: np.ndarray) -> object:
        return read_drawing(canvas, model=model, polarity="light-on-dark", extra=memory)

    taught = f", {len(memory.labels)} taught examples" if memory is not None else ""
    return Contender(f"ours, as the app reads{taught}", one_drawing, lambda X: model.read(X, extra=memory, judge=False).predicted)


def textbook_knn(X_train: np.ndarray, y_train: np.ndarray) -> Contender:
    """The textbook KNN of the notebooks we learned from: KNeighborsClassifier(k=4, distance) on raw pixels in [0, 1].

    One drawing gets one search, as ours does: the 15 neighbours shown, and the vote of the nearest 4 among them.
    """

    def pixels(X: np.ndarray) -> np.ndarray:
        return np.asarray(X).reshape(-1, 784) / 255.0  # float64, as the notebooks had it

    k, weights = TEXTBOOK_KNN["n_neighbors"], TEXTBOOK_KNN["weights"]
    reference = KNeighborsClassifier(n_neighbors=k, weights=weights).fit(pixels(X_train), y_train)

    def one_drawing(canvas: np.ndarray) -> object:
        digit = drawn_digit(canvas)
        if digit is None:
            return None
        distances, rows = reference.kneighbors(pixels(digit), NEIGHBORS_SHOWN)
        return vote(distances, y_train[rows], k, weights)

    return Contender("the textbook KNN: raw pixels, scikit-learn k=4", one_drawing, lambda X: reference.predict(pixels(X)))


def measure(contender: Contender, canvases: list[np.ndarray], X_test: np.ndarray, y_test: np.ndarray) -> Result:
    """Time single drawings (after a warm-up) on one thread, as the app server reads them (OpenCV held to one thread, as
    BLAS is), and the whole test set with its peak traced memory, OpenCV on as many threads as it takes."""
    threads = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        for canvas in canvases[:5]:
            contender.one_drawing(canvas)
        timings = []
        for canvas in canvases:
            started = time.perf_counter()
            contender.one_drawing(canvas)
            timings.append(1000 * (time.perf_counter() - started))
    finally:
        cv2.setNumThreads(threads)
    timings.sort()
    started = time.perf_counter()
    predicted = contender.batch(X_test)
    seconds = time.perf_counter() - started  # timed untraced; memory is traced in a second run
    tracemalloc.start()
    contender.batch(X_test)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return Result(contender.name, statistics.median(timings), timings[int(0.95 * (len(timings) - 1))], seconds, peak,
                  float((predicted == y_test).mean()))


def table(results: list[Result]) -> str:
    """A Markdown table with each contender's time as a multiple of the app's path ("ours, both looks")."""
    base = results[0]  # the app's path
    lines = ["| engine | one drawing p50 | p95 | 10k batch | peak memory | accuracy | drawing ×ours | batch ×ours |",
             "|---|---|---|---|---|---|---|---|"]
    for result in results:
        lines.append(
            f"| {result.name} | {result.drawing_p50_ms:.1f} ms | {result.drawing_p95_ms:.1f} ms | {result.batch_seconds:.2f} s "
            f"| {result.peak_memory_mb:.0f} MB | {result.accuracy:.2%} | {result.drawing_p50_ms / base.drawing_p50_ms:.1f} "
            f"| {result.batch_seconds / base.batch_seconds:.1f} |"
        )
    return "\n".join(lines)


def run(path: Path, drawings: int, ours_only: bool, memory: int = 0) -> list[str]:
    """`python -m mnist_knn benchmark`: every contender timed like for like, then the model's size and this process's
    memory, as lines to print."""
    from mnist_knn.model.neighbors import one_blas_thread
    from mnist_knn.storage.data import load_mnist
    from mnist_knn.storage.persistence import load_model, predictions_path, sidecar_path
    from mnist_knn.storage.records import own_example_rule

    one_blas_thread()  # as the app server runs (ui/loaders.py), for every contender alike
    model = load_model(path)
    X_train, y_train, X_test, y_test = load_mnist()
    loaded_mb = resident_memory_mb()
    canvases = [canvas_from_digit(X_test[index], index) for index in range(drawings)]
    contenders = [ours(model)]
    if memory:  # a student's memory: drawings of other test digits they taught
        nearness, weight = own_example_rule()
        taught = model.remember(*with_pen_copies(X_test[-memory:], y_test[-memory:]), vote_weights=weight, mine=True,
                                nearness=nearness)  # remembered as the app remembers them, with pen copies
        contenders.append(ours(model, taught))
    if not ours_only:
        contenders += [first_look(model), scikit_learn_same_features(model), textbook_knn(X_train, y_train)]
    results = [measure(contender, canvases, X_test, y_test) for contender in contenders]
    started = time.perf_counter()
    model.read(X_test)
    judged = time.perf_counter() - started
    files = sum(file.stat().st_size for file in (path, sidecar_path(path), predictions_path(path)) if file.is_file())
    return [table(results),
            f"10k test digits read with the judgement (novelty, non-digit evidence, chance right): {judged:.2f} s",
            f"model files: {files / 2**20:.0f} MB; this process with the model and MNIST loaded: {loaded_mb:.0f} MB resident "
            f"(as a server holds them); {resident_memory_mb():.0f} MB now, with the other contenders' copies"]
