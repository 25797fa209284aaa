"""Shared fixtures: the real MNIST split and the default model, as `make test` prepares them."""

from __future__ import annotations

import pytest

from mnist_knn import data
from mnist_knn.persistence import ModelError


@pytest.fixture(scope="session")
def mnist() -> data.MnistArrays:
    """The official split (the data step of `make test` fetches and verifies it)."""
    try:
        return data.load_mnist()
    except data.DataUnavailableError as error:
        pytest.fail(f"MNIST is needed for this test; run `make data`. {error}")


@pytest.fixture(scope="session")
def default_model():
    """The default model that `make run` / `make test` build."""
    from mnist_knn.model import load_model

    try:
        return load_model()
    except ModelError as error:
        pytest.fail(f"The default model is needed for this test; run `make model`. {error}")
