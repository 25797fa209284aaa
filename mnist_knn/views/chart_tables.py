"""The numbers behind a chart, as the rows of a table: what a screen reader (or anyone who cannot make out a chart)
reads instead of the chart's marks. Data in, rows out, each value written the reader's way; no Streamlit."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from mnist_knn.language import _, number, percent, score

Rows = list[dict[str, str]]


def class_counts(train_counts: np.ndarray, test_counts: np.ndarray) -> Rows:
    """How many digits of each class the training and test splits hold."""
    return [{_("digit"): str(digit), _("train"): number(train), _("test"): number(test)}
            for digit, (train, test) in enumerate(zip(train_counts, test_counts))]


def confusion_cells(matrix: np.ndarray, normalise: bool) -> tuple[np.ndarray, list[list[str]]]:
    """A confusion matrix's cells as shown, on the chart and in its table: counts, or each row's shares; and in words."""
    matrix = np.asarray(matrix, dtype=float)
    values = matrix / matrix.sum(axis=1, keepdims=True) if normalise else matrix
    return values, [[percent(value, 1) if normalise else number(value) for value in row] for row in values]


def confusion(matrix: np.ndarray, normalise: bool) -> Rows:
    """One row per true digit, one column per digit read: counts, or each row's shares."""
    return [{_("true digit"): str(true), **{_("read as {digit}").format(digit=read): cell for read, cell in enumerate(row)}}
            for true, row in enumerate(confusion_cells(matrix, normalise)[1])]


def per_class(rows: list[dict[str, float]]) -> Rows:
    """Precision, recall and F1 of every digit."""
    return [{_("digit"): str(digit), _("precision"): number(row["precision"], 3), _("recall"): number(row["recall"], 3),
             "F1": number(row["f1"], 3)} for digit, row in enumerate(rows)]


def curve_areas(curves: list[dict[str, Any]], area: str, name: str) -> Rows:
    """Each digit's one number for its curve: the area under its ROC curve, or its average precision ("> 0.9999" written
    "\\> 0.9999": a table's cells are Markdown, where a line that starts with ">" is a grey quote that drops the sign)."""
    return [{_("digit"): str(curve["digit"]), name: re.sub(r"^>", r"\\>", score(curve[area]))} for curve in curves]


def calibration(bands: dict[str, Any]) -> Rows:
    """For each band of 'how sure': how sure the model said it was on average, how often it was right, of how many."""
    counts = [count for count in bands["bin_counts"] if count]
    return [{_("how sure it said (mean)"): percent(said, 1), _("how often it was right"): percent(right, 1),
             _("digits"): number(count)}
            for said, right, count in zip(bands["mean_confidence"], bands["fraction_correct"], counts)]


def operating_points(points: list[dict[str, Any]]) -> Rows:
    """Every line for 'not a digit': the digits it refuses and the non-digits it catches, this model's marked."""
    return [{_("line"): percent(point["non_digit_vote"]) + (" " + _("(this model)") if point["chosen"] else ""),
             _("digits refused"): percent(point["digits_refused"], 1),
             _("non-digits caught"): percent(point["non_digits_caught"], 1)} for point in points]
