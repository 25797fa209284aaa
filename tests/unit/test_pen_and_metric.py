"""The representations tried beside the chosen model: an even pen (morphology) and a learned metric (NCA)."""

import cv2
import numpy as np

from mnist_knn import NearestDigitClassifier
from mnist_knn.model.pen import MAX_CHANGE, pen_widths, with_even_pen
from mnist_knn.model.space import FirstLookSpace
from tests.unit.synthetic import shapes


def _ring(pen: int) -> np.ndarray:
    image = np.zeros((28, 28), np.uint8)
    cv2.circle(image, (14, 14), 8, 255, pen)
    return image


def test_pen_width_grows_with_the_pen_and_an_empty_canvas_has_none():
    widths = pen_widths(np.stack([_ring(2), _ring(4), _ring(6), np.zeros((28, 28), np.uint8)]))
    assert widths[0] < widths[1] < widths[2]
    assert 2 < widths[0] < widths[2] < 9 and widths[3] == 0


def test_an_even_pen_brings_thin_and_thick_rings_to_the_same_width():
    thin, thick = _ring(2), _ring(6)
    before = pen_widths(np.stack([thin, thick]))
    after = pen_widths(with_even_pen(np.stack([thin, thick]), 4.0))
    assert abs(after[1] - after[0]) < abs(before[1] - before[0]) / 2
    ring = _ring(4)[None]
    assert (with_even_pen(ring, float(pen_widths(ring)[0])) == ring).all()  # already that wide: unchanged


def test_an_even_pen_changes_at_most_max_change_pixels_and_keeps_blank_canvases_blank():
    blank = np.zeros((1, 28, 28), np.uint8)
    assert not with_even_pen(blank, 4.0).any()
    hair = np.zeros((28, 28), np.uint8)
    cv2.line(hair, (14, 4), (14, 23), 255, 1)
    hair_width, bolder_width = pen_widths(np.stack([hair, with_even_pen(hair[None], 20.0)[0]]))
    assert hair_width + 1 <= bolder_width <= hair_width + MAX_CHANGE + 1


def test_a_model_with_an_even_pen_compares_a_thick_ring_drawn_with_its_training_pen_and_reads_its_own_digits():
    images, labels = shapes(30)
    model = NearestDigitClassifier(n_neighbors=3, n_components=20, even_pen=True, calibration_size=0).fit(images, labels)
    assert min(pen_widths(images)) <= model.pen_width_ <= max(pen_widths(images))
    thick = _ring(6)[None]
    compared = model.straighten(thick)
    assert abs(pen_widths(compared)[0] - model.pen_width_) < abs(pen_widths(thick)[0] - model.pen_width_)
    assert (model.predict(images) == labels).mean() > 0.95


def _bars_beside_a_blob(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A short bar whose place (2 px apart) is the class (0, 1; -1 for a horizontal bar: not a digit), beside a blob
    anywhere below it that says nothing: it spreads the points more than the class does."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for index in range(count):
        label = index % 3 - 1
        image = np.zeros((28, 28), np.uint8)
        if label < 0:
            cv2.line(image, (11, 8), (16, 8), 255, 1)
        else:
            cv2.line(image, (13 + 2 * label, 5), (13 + 2 * label, 10), 255, 1)
        cv2.circle(image, (int(rng.integers(6, 22)), int(rng.integers(18, 23))), 5, 255, -1)
        images.append(image)
        labels.append(label)
    return np.stack(images), np.array(labels)


def _leave_one_out_accuracy(points: np.ndarray, labels: np.ndarray) -> float:
    """How often a point's nearest other point has its class."""
    squared = ((points[:, None] - points[None]) ** 2).sum(axis=2)
    np.fill_diagonal(squared, np.inf)
    return float((labels[squared.argmin(axis=1)] == labels).mean())


def test_a_learned_metric_looks_past_what_says_nothing_with_non_digits_as_an_eleventh_class():
    images, labels = _bars_beside_a_blob(240, seed=0)
    digits = labels >= 0
    plain = FirstLookSpace(kind="pixels", n_components=30).fit(images[digits], labels[digits])
    learned = FirstLookSpace(kind="pixels", n_components=30, metric_sample=160).fit(images[digits], labels[digits],
                                                                                    images[~digits])
    fresh, fresh_labels = _bars_beside_a_blob(240, seed=1)
    assert _leave_one_out_accuracy(learned.transform(fresh), fresh_labels) > \
        _leave_one_out_accuracy(plain.transform(fresh), fresh_labels) + 0.05


def test_a_learned_metric_with_no_non_digits_learns_from_the_digits_alone():
    images, labels = shapes(20)
    model = NearestDigitClassifier(n_neighbors=3, n_components=20, metric_sample=40, calibration_size=0)
    model.fit(images, labels, non_digits=np.zeros((0, 28, 28), np.uint8))
    assert model.non_digits_ is None and (model.predict(images) == labels).mean() > 0.95
