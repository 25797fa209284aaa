"""Feature steps: deskewing straightens slanted digits; gradient maps are stable and shaped right."""

import cv2
import numpy as np
import pytest

from mnist_knn.model.features import DigitFeatures, as_images, deskew, gradient_histograms
from mnist_knn.model.space import WithinClassWhitening


def _slanted_bar():
    image = np.zeros((28, 28), np.uint8)
    cv2.line(image, (18, 4), (10, 23), 255, 3)
    return image


def test_deskew_removes_the_slant():
    before = cv2.moments(_slanted_bar().astype(np.float32))
    after = cv2.moments(deskew(_slanted_bar())[0])
    assert abs(before["mu11"] / before["mu02"]) > 0.3
    assert abs(after["mu11"] / after["mu02"]) < 0.05


def test_deskew_leaves_empty_images_alone():
    assert not deskew(np.zeros((2, 28, 28), np.uint8)).any()


def test_gradient_features_shape_and_single_vs_batch_agree():
    images = np.stack([_slanted_bar(), _slanted_bar().T])
    batch = gradient_histograms(images)
    assert batch.shape == (2, 12 * 7 * 7) and batch.dtype == np.float32
    assert np.allclose(gradient_histograms(images[:1]), batch[:1])


def test_gradient_features_see_orientation():
    vertical = np.zeros((28, 28), np.uint8)
    vertical[4:24, 13:15] = 255
    horizontal = vertical.T.copy()
    assert not np.allclose(gradient_histograms(vertical[None]), gradient_histograms(horizontal[None]), atol=0.05)


def test_digit_features_accept_flat_or_square_input():
    images = np.stack([_slanted_bar()] * 3)
    features = DigitFeatures(kind="pixels", deskew=False).fit(images)
    assert np.array_equal(features.transform(images), features.transform(images.reshape(3, -1)))


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="28, 28"):
        as_images(np.zeros((3, 27, 28)))
    with pytest.raises(ValueError, match="kind"):
        DigitFeatures(kind="hog").fit(np.zeros((1, 28, 28)))


def test_within_class_whitening_makes_the_class_spread_even():
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 3, 3000)
    centres = np.array([[0, 0, 0], [5, 0, 0], [0, 5, 0]], float)
    X = centres[labels] + rng.normal(size=(3000, 3)) * np.array([10.0, 1.0, 0.1])  # very uneven within-class spread
    whitened = WithinClassWhitening(regularisation=0.0).fit(X, labels).transform(X)
    spread = np.cov((whitened - np.stack([whitened[labels == c].mean(0) for c in range(3)])[labels]).T)
    assert np.allclose(spread, np.eye(3), atol=0.05)
    softened = WithinClassWhitening(regularisation=1.0).fit(X, labels).transform(X)
    assert np.linalg.norm(softened, axis=1).mean() < np.linalg.norm(whitened, axis=1).mean()
