"""The classifier: fits on raw digits, votes like scikit-learn, maps neighbours back to training digits."""

import numpy as np
import pytest

from mnist_knn.model import NearestDigitClassifier
from tests.unit.synthetic import shapes


@pytest.fixture(scope="module")
def split():
    X, y = shapes(40, seed=0)
    X_new, y_new = shapes(15, seed=1)
    return X, y, X_new, y_new


@pytest.mark.parametrize("kind, n_components", [("gradients", 20), ("pixels", None)])
def test_learns_synthetic_shapes(split, kind, n_components):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=3, feature_kind=kind, n_components=n_components).fit(X, y)
    assert (model.predict(X_new) == y_new).mean() >= 0.95


def test_every_training_digit_is_its_own_nearest_neighbour(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_neighbors=1, n_components=20).fit(X, y)
    neighbours = model.nearest_training_digits(X[:10], 1)
    assert np.array_equal(X[neighbours.indices[:, 0]], X[:10])  # itself or an identical twin
    assert np.allclose(neighbours.distances[:, 0], 0, atol=1e-2)  # float32 rounding of ||a||² - 2ab + ||b||²
    assert np.array_equal(neighbours.labels[:, 0], y[:10])


def test_augmentation_adds_shifted_copies_that_point_back_to_their_original(split):
    X, y, X_new, _ = split
    model = NearestDigitClassifier(n_neighbors=5, n_components=20, augmentation="shift1").fit(X, y)
    assert len(model.source_index_) == 5 * len(X)
    neighbours = model.nearest_training_digits(X_new, 5)
    assert neighbours.indices.max() < len(X)
    assert np.array_equal(neighbours.labels, y[neighbours.indices])


def test_input_of_wrong_shape_is_refused(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_components=10).fit(X, y)
    with pytest.raises(ValueError, match="28, 28"):
        model.predict(np.zeros((2, 30, 30)))


def test_remembered_examples_join_the_neighbours_in_distance_order(split):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=3, n_components=20).fit(X, y)
    plain = model.nearest_training_digits(X_new, 5)
    assert not plain.from_extra.any()
    extra = model.remember(X_new[:4], (y_new[:4] + 1) % 10)  # deliberately relabelled: only memory can explain those labels
    merged = model.nearest_training_digits(X_new, 5, extra)
    itself = merged.from_extra[:4] & (merged.indices[:4] == np.arange(4)[:, None])  # each remembered digit finds itself
    assert itself.any(axis=1).all() and np.allclose(merged.distances[:4][itself], 0, atol=1e-2)
    assert np.array_equal(merged.labels[:4][itself], (y_new[:4] + 1) % 10)
    assert np.all(np.diff(merged.distances, axis=1) >= 0)
    rows = ~merged.from_extra
    training_distances = np.linalg.norm(model.embed(X_new)[:, None] - model.embed(X)[merged.indices], axis=2)
    assert np.allclose(merged.distances[rows], training_distances[rows], atol=1e-2)


def test_remembering_nothing_changes_nothing(split):
    X, y, X_new, _ = split
    model = NearestDigitClassifier(n_neighbors=3, n_components=20).fit(X, y)
    empty = model.remember(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64))
    assert np.array_equal(model.nearest_training_digits(X_new, 5, empty).indices, model.nearest_training_digits(X_new, 5).indices)
