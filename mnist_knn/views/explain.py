"""What the How-KNN page shows of the vote: how it moves with k, and test digits where it does."""

from __future__ import annotations

import numpy as np

from mnist_knn.language import _, a_digit, pgettext
from mnist_knn.model.neighbors import vote


def predictions_by_k(distances: np.ndarray, labels: np.ndarray, weights: str) -> np.ndarray:
    """The predicted digit for k = 1, 2, ... len(distances), for one query's sorted neighbours."""
    return np.array([int(np.argmax(vote(distances, labels, k, weights)[0])) for k in range(1, len(distances) + 1)])


def flip_examples(neighbor_distances: np.ndarray, neighbor_labels: np.ndarray, weights: str, limit: int = 12) -> np.ndarray:
    """Test digits whose prediction changes as k grows: the best examples of why k matters."""
    flips = []
    for row in np.flatnonzero((neighbor_labels != neighbor_labels[:, :1]).any(axis=1)):  # neighbours that disagree
        if len(set(predictions_by_k(neighbor_distances[row], neighbor_labels[row], weights).tolist())) > 1:
            flips.append(row)
            if len(flips) == limit:
                break
    return np.array(flips, dtype=np.int64)


def flip_name(distances: np.ndarray, labels: np.ndarray, true_label: int, weights: str) -> str:
    """An example named after what it shows, e.g. "a 4 that k = 1 reads as 9"."""
    predictions = predictions_by_k(distances, labels, weights)
    wrong = np.flatnonzero(predictions != true_label)
    if len(wrong) == 0:
        return _("{a_digit} that every k reads right").format(a_digit=a_digit(true_label))
    k = int(wrong[0]) + 1
    return _("{a_digit} that k = {k} reads as {read}").format(a_digit=a_digit(true_label), k=k, read=predictions[wrong[0]])


def predictions_in_words(predictions: np.ndarray) -> str:
    """The predicted digit for each k as runs of k, in words (the chart's text version): "k = 1 to 3: 9; k = 4 to 16: 4"."""
    runs, first = [], 0
    for k in range(1, len(predictions) + 1):
        if k == len(predictions) or predictions[k] != predictions[first]:
            digit = int(predictions[first])
            runs.append(_("k = {k}: {digit}").format(k=k, digit=digit) if k == first + 1 else
                        _("k = {first} to {last}: {digit}").format(first=first + 1, last=k, digit=digit))
            first = k
    return pgettext("between runs of k", "; ").join(runs)  # (French writes a space before the semicolon)
