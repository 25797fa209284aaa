"""How drawings leave the app: Kaggle's digit-recognizer CSV and a zip of PNGs."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime

import cv2
import numpy as np

PIXEL_COLUMNS = [f"pixel{index}" for index in range(28 * 28)]


def kaggle_csv(digits: Sequence[np.ndarray], labels: Sequence[int | None], extra: dict[str, Sequence] | None = None) -> str:
    """Kaggle digit-recognizer layout: `label,pixel0..pixel783` (+ extra columns), one row per digit; no label: empty."""
    extra = extra or {}
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(["label", *PIXEL_COLUMNS, *extra])
    for row, (digit, label) in enumerate(zip(digits, labels)):
        writer.writerow(["" if label is None else int(label), *np.asarray(digit, np.uint8).ravel().tolist(),
                         *(values[row] for values in extra.values())])
    return output.getvalue()


def png_zip(digits: Sequence[np.ndarray], labels: Sequence[int | None]) -> bytes:
    """A zip with one 28 x 28 greyscale PNG per digit, named by order and label ("not-a-digit" without one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (digit, label) in enumerate(zip(digits, labels), start=1):
            png = cv2.imencode(".png", np.asarray(digit, np.uint8))[1]
            archive.writestr(f"{number:03d}_{'not-a-digit' if label is None else f'label-{label}'}.png", png.tobytes())
    return buffer.getvalue()


def iso_time(seconds: float) -> str:
    """UTC time of day and date, to the second, as ISO 8601."""
    return datetime.fromtimestamp(seconds, tz=UTC).isoformat(timespec="seconds")


def wall_csv(url: str | None = None) -> tuple[str, int]:
    """The class wall as Kaggle's CSV (label = the digit meant) plus nickname, time and prediction; and how many rows."""
    from mnist_knn.classroom.wall import ClassWall

    wall = ClassWall(url).submissions()
    return kaggle_csv([s.digit for s in wall], [s.intended for s in wall], {
        "nickname": [s.nickname for s in wall], "time": [iso_time(s.created_at) for s in wall],
        "prediction": [s.predicted for s in wall]}), len(wall)
