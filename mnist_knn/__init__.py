"""Digit Lab: MNIST data, MNIST-faithful preprocessing and a nearest-neighbour digit reader.

The public API, importable from here:

    from mnist_knn import read_drawing, load_mnist, canvas_to_mnist, canvas_to_mnist_stages, load_model, NearestDigitClassifier

    reading = read_drawing(image)                             # what the page and `predict` tell a person about a drawing
    reading.digit, reading.not_a_digit, reading.reasons       # 7, or None and why it is not a digit
    X_train, y_train, X_test, y_test = load_mnist()          # the official split, verified by SHA-256
    digit = canvas_to_mnist(rgba_pixels)                      # any drawing or photo -> 28 x 28 uint8, or None
    model = load_model()                                      # the saved default model, verified
    model.predict(digit[None])                                # -> array([7])

Names are imported on first use, so `import mnist_knn` stays cheap (the app shows its canvas before scikit-learn loads).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.4.0"

_PUBLIC = {
    "read_drawing": "mnist_knn.reading.drawing",
    "load_mnist": "mnist_knn.storage.data",
    "canvas_to_mnist": "mnist_knn.reading.preprocess",
    "canvas_to_mnist_stages": "mnist_knn.reading.preprocess",
    "load_model": "mnist_knn.storage.persistence",
    "NearestDigitClassifier": "mnist_knn.model.classifier",
}
__all__ = ["read_drawing", "load_mnist", "canvas_to_mnist", "canvas_to_mnist_stages", "load_model", "NearestDigitClassifier",
           "__version__"]

if TYPE_CHECKING:
    from mnist_knn.model.classifier import NearestDigitClassifier
    from mnist_knn.reading.drawing import read_drawing
    from mnist_knn.reading.preprocess import canvas_to_mnist, canvas_to_mnist_stages
    from mnist_knn.storage.data import load_mnist
    from mnist_knn.storage.persistence import load_model


def __getattr__(name: str) -> Any:
    """Import a public name from the module that defines it, the first time it is asked for."""
    if name not in _PUBLIC:
        raise AttributeError(f"module 'mnist_knn' has no attribute {name!r}")
    value = getattr(import_module(_PUBLIC[name]), name)
    globals()[name] = value
    return value
