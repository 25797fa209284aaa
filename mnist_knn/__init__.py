"""Digit Lab core: MNIST data, MNIST-faithful preprocessing, a k-nearest-neighbour model and its evaluation."""

__version__ = "0.3.0"
