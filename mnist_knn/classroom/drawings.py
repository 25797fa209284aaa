"""A session's drawings and how they leave the app: Kaggle digit-recognizer CSV and a zip of PNGs."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import cv2
import numpy as np

PIXEL_COLUMNS = [f"pixel{index}" for index in range(28 * 28)]


@dataclass(frozen=True)
class Drawing:
    """One drawing as the model saw it: the 28 x 28 MNIST-format digit, what was read, and the label the student gives."""

    source: str  # one canvas or one upload: later strokes on the same canvas replace its drawing
    digit: np.ndarray
    predicted: int
    confidence: float
    label: int
    created_at: float


def record(history: list[Drawing], source: str, digit: np.ndarray, predicted: int, confidence: float) -> list[Drawing]:
    """The history with this drawing added, or replacing the earlier state of the same canvas (the label follows the reading)."""
    drawing = Drawing(source, digit.copy(), int(predicted), float(confidence), int(predicted), time.time())
    if history and history[-1].source == source:
        return [*history[:-1], drawing]
    return [*history, drawing]


def relabel(history: list[Drawing], labels: Sequence[int]) -> list[Drawing]:
    """The history with the student's corrected labels (one per drawing, in order)."""
    if len(labels) != len(history) or any(int(label) not in range(10) for label in labels):
        raise ValueError("Give one label from 0 to 9 for every drawing.")
    return [replace(drawing, label=int(label)) for drawing, label in zip(history, labels)]


def kaggle_csv(digits: Sequence[np.ndarray], labels: Sequence[int | None], extra: dict[str, Sequence] | None = None) -> str:
    """Kaggle digit-recognizer layout: `label,pixel0..pixel783` (+ extra columns), one row per digit; an unknown label is empty."""
    extra = extra or {}
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["label", *PIXEL_COLUMNS, *extra])
    for row, (digit, label) in enumerate(zip(digits, labels)):
        writer.writerow(["" if label is None else int(label), *np.asarray(digit, np.uint8).ravel().tolist(),
                         *(values[row] for values in extra.values())])
    return output.getvalue()


def png_zip(history: Sequence[Drawing]) -> bytes:
    """A zip with one 28 x 28 greyscale PNG per drawing, named by order and label."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, drawing in enumerate(history, start=1):
            ok, png = cv2.imencode(".png", drawing.digit)
            archive.writestr(f"{number:03d}_label-{drawing.label}.png", png.tobytes())
    return buffer.getvalue()


def iso_time(seconds: float) -> str:
    """UTC time of day and date, to the second, as ISO 8601."""
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")
