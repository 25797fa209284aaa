"""Feature steps applied identically to training and query digits: deskewing and gradient-orientation maps."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

SIDE = 28
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


class WithinClassWhitening(TransformerMixin, BaseEstimator):
    """A learned metric: rescale so the spread of digits around their own class mean is even in every direction.

    Directions in which same-class digits vary a lot (stroke width, slant left after deskewing) count less in
    the distance; `regularisation` (a share of the mean eigenvalue) keeps rare directions from being blown up.
    """

    def __init__(self, regularisation: float = 1.0) -> None:
        self.regularisation = regularisation

    def fit(self, X: np.ndarray, y: np.ndarray) -> WithinClassWhitening:
        """Learn the transform from the pooled within-class covariance of the training features."""
        X = np.asarray(X, dtype=np.float64)
        labels = np.asarray(y)
        centred = X.copy()
        for label in np.unique(labels):
            centred[labels == label] -= X[labels == label].mean(axis=0)
        eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred / len(X))
        scale = (eigenvalues + self.regularisation * eigenvalues.mean()) ** -0.5
        self.transform_ = (eigenvectors * scale).astype(np.float32)
        self.n_features_in_ = X.shape[1]
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Features in the whitened space (float32)."""
        return np.asarray(X, dtype=np.float32) @ self.transform_


def principal_axes(points: np.ndarray) -> np.ndarray:
    """The rotation (d, d) onto the points' principal axes, widest spread first: the exact search of one drawing
    compares the leading coordinates first (neighbors.HEAD), and rules out the most when they spread the most."""
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(points, rowvar=False))
    return eigenvectors[:, np.argsort(eigenvalues)[::-1]]


class FirstLookSpace(TransformerMixin, BaseEstimator):
    """Straightened digits -> points of the first look's space: features, then PCA, whitening and a turn onto the points'
    principal axes, as one affine map (applied as one product: no per-call input checks on the drawing path).

    Parameters
    ----------
    kind : {"gradients", "pixels"}, default="gradients"
        The features (see DigitFeatures).
    n_components : int or None, default=100
        PCA dimensions (None: no PCA).
    whitening : float or None, default=None
        Regularisation of the within-class whitening (None: none).
    """

    def __init__(self, kind: str = "gradients", n_components: int | None = 100, whitening: float | None = None) -> None:
        self.kind = kind
        self.n_components = n_components
        self.whitening = whitening

    def fit(self, X: np.ndarray, y: np.ndarray) -> FirstLookSpace:
        """Learn PCA (and the whitening, from the labels) on straightened training digits."""
        from sklearn.decomposition import PCA

        self.features_ = DigitFeatures(kind=self.kind, deskew=False).fit(X)
        features = self.features_.transform(X).astype(np.float64)
        projection, offset = np.eye(features.shape[1]), np.zeros(features.shape[1])
        if self.n_components:
            pca = PCA(n_components=self.n_components, random_state=0).fit(features)
            projection, offset = pca.components_.T.astype(np.float64), pca.mean_ @ pca.components_.T
        if self.whitening is not None:
            whitening = WithinClassWhitening(self.whitening).fit(features @ projection - offset, y)
            projection, offset = projection @ whitening.transform_, offset @ whitening.transform_
        axes = principal_axes(features @ projection - offset)  # a rotation: distances stay, the widest come first
        projection, offset = projection @ axes, offset @ axes
        self.projection_, self.offset_ = projection.astype(np.float32), offset.astype(np.float32)
        self.n_features_in_ = SIDE * SIDE
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Points of the first look's space (float32, C-contiguous)."""
        return np.ascontiguousarray(self.features_.transform(X) @ self.projection_ - self.offset_, dtype=np.float32)
