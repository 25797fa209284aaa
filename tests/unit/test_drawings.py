"""My drawings: the session history and its exports (Kaggle CSV, zip of PNGs)."""

import csv
import io
import zipfile

import cv2
import numpy as np
import pytest

from mnist_knn.classroom.drawings import PIXEL_COLUMNS, kaggle_csv, png_zip, record, relabel


def _digit(value: int) -> np.ndarray:
    digit = np.zeros((28, 28), np.uint8)
    digit[4:24, 12:16] = value
    return digit


def test_more_strokes_on_one_canvas_replace_its_drawing_and_a_new_canvas_adds_one():
    history = record([], "canvas-0", _digit(100), 1, 0.5)
    history = record(history, "canvas-0", _digit(200), 7, 0.75)
    history = record(history, "canvas-1", _digit(50), 4, 1.0)
    assert [(d.source, d.predicted, d.label) for d in history] == [("canvas-0", 7, 7), ("canvas-1", 4, 4)]
    assert history[0].digit.max() == 200


def test_relabel_keeps_the_drawings_and_refuses_bad_labels():
    history = record(record([], "a", _digit(1), 1, 0.5), "b", _digit(2), 2, 0.5)
    corrected = relabel(history, [7, 2])
    assert [d.label for d in corrected] == [7, 2] and [d.predicted for d in corrected] == [1, 2]
    with pytest.raises(ValueError, match="0 to 9"):
        relabel(history, [7, 10])
    with pytest.raises(ValueError):
        relabel(history, [7])


def test_kaggle_csv_reads_back_to_the_same_pixels_and_labels():
    digits = [_digit(255), _digit(17)]
    text = kaggle_csv(digits, [4, None])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["label", *PIXEL_COLUMNS] and len(rows[0]) == 785
    assert rows[1][0] == "4" and rows[2][0] == ""
    assert np.array_equal(np.array(rows[2][1:], dtype=np.uint8).reshape(28, 28), digits[1])


def test_png_zip_holds_one_greyscale_digit_per_drawing():
    history = relabel(record(record([], "a", _digit(255), 1, 0.5), "b", _digit(9), 2, 0.5), [1, 8])
    with zipfile.ZipFile(io.BytesIO(png_zip(history))) as archive:
        names = archive.namelist()
        image = cv2.imdecode(np.frombuffer(archive.read(names[1]), np.uint8), cv2.IMREAD_UNCHANGED)
    assert names == ["001_label-1.png", "002_label-8.png"]
    assert image.shape == (28, 28) and np.array_equal(image, _digit(9))
