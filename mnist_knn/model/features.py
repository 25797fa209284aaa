"""Feature steps applied identically to training and query digits: deskewing and gradient-orientation maps."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import column_or_1d

SIDE = 28  # MNIST's 28 x 28 field ...
DIGIT_BOX = 20  # ... in which it scaled each digit's longer side to 20 px ...
CENTRE = SIDE / 2  # ... and put its centre of mass here (measured on MNIST: the mean is (14.0, 14.0))
FEATURE_KINDS = ("pixels", "gradients")
CHUNK = 2048  # digits per chunk: about 80 MB of intermediate maps
BLOCK = 32  # digits whose orientation maps are made at once (measured: 3x faster for one drawing, as fast in bulk)
WORKERS = 2


def as_images(X: np.ndarray) -> np.ndarray:
    """Accept (n, 28, 28) or (n, 784) digits (or one 28 x 28 digit) and return (n, 28, 28)."""
    array = np.asarray(X)
    if array.shape == (SIDE, SIDE):
        array = array[None]
    if array.ndim == 2 and array.shape[1] == SIDE * SIDE:
        array = array.reshape(-1, SIDE, SIDE)
    if array.ndim == 2:
        raise ValueError(f"expected 784 pixel columns (28 x 28 digits) per row, got {array.shape[1]} feature(s)")
    if array.ndim != 3 or array.shape[1:] != (SIDE, SIDE):
        raise ValueError(f"expected digits of shape (n, 28, 28) or (n, 784), got {array.shape}")
    return array


def finite_digits(X: np.ndarray) -> np.ndarray:
    """`as_images`, refusing sparse, complex, non-finite, negative and empty input with a clear message."""
    if hasattr(X, "toarray"):
        raise TypeError("sparse input is not supported: pass digits as a dense (n, 28, 28) or (n, 784) array")
    array = np.asarray(X)
    if np.iscomplexobj(array):
        raise ValueError("Complex data not supported: digits are real grey levels")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == bool):
        raise ValueError(f"digits must be numeric grey levels, got dtype {array.dtype}")
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ValueError("Input contains NaN or infinity: digits are finite grey levels")
    if array.size and array.min() < 0:
        raise ValueError("Negative values in data passed to NearestDigitClassifier: grey levels are 0 or more")
    for axis, what in ((0, "sample"), (1, "feature")):
        if array.ndim > axis and array.shape[axis] == 0:
            raise ValueError(f"Found array with 0 {what}(s) (shape={array.shape}) while a minimum of 1 is required.")
    return as_images(array)


def labelled_digits(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Training digits checked as `finite_digits` does, and their labels as int64 (one per digit, classes only)."""
    y = column_or_1d(y, warn=True)
    check_classification_targets(y)
    images = finite_digits(X)
    if len(y) != len(images):
        raise ValueError(f"X has {len(images)} digits but y has {len(y)} labels")
    return images, np.asarray(y).astype(np.int64)


def training_digits(X: np.ndarray, y: np.ndarray, more_digits: tuple[np.ndarray, np.ndarray] | None
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X's digits checked as `labelled_digits` does with `more_digits` (other writers' digits and labels) after them,
    all the labels, and the other writers' digits alone as uint8."""
    images, labels = labelled_digits(X, y)
    if more_digits is None:
        return images, labels, np.zeros((0, SIDE, SIDE), np.uint8)
    more_images, more_labels = labelled_digits(*more_digits)
    return np.concatenate([images, more_images]), np.concatenate([labels, more_labels]), grey_levels(more_images)


def grey_levels(images: np.ndarray) -> np.ndarray:
    """Float grey levels on the 0-255 scale, rounded and clipped to uint8."""
    return np.clip(np.rint(images), 0, 255).astype(np.uint8)


def pixel_vectors(X: np.ndarray) -> np.ndarray:
    """Raw pixels scaled to [0, 1], float32, one row of 784 per digit."""
    images = as_images(X)
    return (images.reshape(len(images), -1) / np.float32(255.0)).astype(np.float32)


def straighten(image: np.ndarray) -> np.ndarray:
    """Shear one float digit so its second-order moment mu11 becomes zero (the slant is removed)."""
    moments = cv2.moments(image)
    if abs(moments["mu02"]) < 1e-2:
        return image
    skew = moments["mu11"] / moments["mu02"]
    shear = np.float32([[1, skew, -0.5 * SIDE * skew], [0, 1, 0]])
    return cv2.warpAffine(image, shear, (SIDE, SIDE), flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR)


def deskew(X: np.ndarray) -> np.ndarray:
    """Deskew every digit of a stack: (n, 28, 28) float32 on the 0-255 scale."""
    images = as_images(X).astype(np.float32)
    return np.stack([straighten(image) for image in images]) if len(images) else images


def _smoothing_matrix(weights: tuple[float, ...]) -> np.ndarray:
    """A 28 x 28 matrix that convolves one axis with a short symmetric or antisymmetric kernel (zero padding)."""
    radius = len(weights) // 2
    matrix = np.zeros((SIDE, SIDE), dtype=np.float32)
    for offset, weight in zip(range(-radius, radius + 1), weights):
        matrix += weight * np.eye(SIDE, k=offset, dtype=np.float32)
    return matrix


# Sobel = smoothing across, central difference along (zero outside the image); the features take it after a 3 x 3
# blur (all linear, so pre-multiplied).
_ACROSS, _ALONG = _smoothing_matrix((1.0, 2.0, 1.0)), _smoothing_matrix((-1.0, 0.0, 1.0))
_BLUR = _smoothing_matrix((0.25, 0.5, 0.25))
_BLURRED = {False: (_ACROSS, _ALONG), True: (_ACROSS @ _BLUR, _ALONG @ _BLUR)}


def sobel(pixels: np.ndarray, blurred: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical Sobel gradients of a stack of 28 x 28 images (zero outside), after a 3 x 3 blur if
    `blurred`: the one gradient both looks use."""
    across, along = _BLURRED[blurred]
    pixels = np.asarray(pixels, dtype=np.float32)
    return across @ pixels @ along.T, along @ pixels @ across.T


def _pooling_matrix(sigma: float, stride: int) -> np.ndarray:
    """Gaussian weights that pool a 28-px axis into cells centred every `stride` px."""
    centres = np.arange(stride // 2, SIDE, stride, dtype=np.float32)
    positions = np.arange(SIDE, dtype=np.float32)
    weights = np.exp(-0.5 * ((positions[None, :] - centres[:, None]) / sigma) ** 2)
    return (weights / weights.sum(axis=1, keepdims=True)).astype(np.float32)


def gradient_histograms(
    images: np.ndarray, orientations: int = 12, pool_sigma: float = 2.0, stride: int = 4
) -> np.ndarray:
    """HOG-like features: gradient magnitude split into soft orientation bins, Gaussian-pooled on a grid, square-rooted."""
    grad_x, grad_y = sobel(np.asarray(images, dtype=np.float32) / 255.0, blurred=True)
    magnitude = np.hypot(grad_x, grad_y)
    angle = (np.arctan2(grad_y, grad_x) % (2 * np.pi)) * (orientations / (2 * np.pi))
    pool = _pooling_matrix(pool_sigma, stride)
    centres = np.arange(orientations, dtype=np.float32)[:, None, None]
    pooled = np.empty((len(grad_x), orientations, len(pool), len(pool)), dtype=np.float32)
    for start in range(0, len(grad_x), BLOCK):  # every orientation of a block at once, in cache
        distance = np.abs(angle[start : start + BLOCK, None] - centres)
        distance = np.minimum(distance, orientations - distance)
        share = np.clip(1.0 - distance, 0.0, None) * magnitude[start : start + BLOCK, None]
        pooled[start : start + BLOCK] = pool @ share @ pool.T
    return np.sqrt(pooled.reshape(len(grad_x), orientations * len(pool) ** 2))


class DigitFeatures(TransformerMixin, BaseEstimator):
    """Raw digits -> feature vectors: optional deskew, then pixels or gradient-orientation maps."""

    def __init__(
        self,
        kind: str = "gradients",
        deskew: bool = True,
        orientations: int = 12,
        pool_sigma: float = 2.0,
        stride: int = 4,
    ) -> None:
        self.kind = kind
        self.deskew = deskew
        self.orientations = orientations
        self.pool_sigma = pool_sigma
        self.stride = stride

    def fit(self, X: np.ndarray, y: np.ndarray | None = None) -> DigitFeatures:
        """Check the settings; the transform itself learns nothing."""
        if self.kind not in FEATURE_KINDS:
            raise ValueError(f"kind must be one of {FEATURE_KINDS}, got {self.kind!r}")
        self.n_features_in_ = SIDE * SIDE
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Feature vectors, float32, one row per digit; large batches in chunks on two threads (bounded memory)."""
        images = as_images(X)
        if len(images) <= CHUNK:
            return self._transform_chunk(images)
        chunks = [images[start : start + CHUNK] for start in range(0, len(images), CHUNK)]
        with ThreadPoolExecutor(WORKERS) as pool:
            return np.concatenate(list(pool.map(self._transform_chunk, chunks)))

    def _transform_chunk(self, images: np.ndarray) -> np.ndarray:
        """Features of one chunk of digits."""
        if self.deskew:
            images = deskew(images)
        if self.kind == "pixels":
            return pixel_vectors(images)
        return gradient_histograms(images, self.orientations, self.pool_sigma, self.stride)
