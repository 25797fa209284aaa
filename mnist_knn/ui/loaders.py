"""Load the model, its report and MNIST once per server, and reload when a new model is saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from mnist_knn import data
from mnist_knn.model import NearestDigitClassifier, default_model_path, load_model
from mnist_knn.persistence import load_predictions, read_card
from mnist_knn.projection import project_2d, sample_indices
from mnist_knn.records import read_frontier_report, read_search_record


def _model_version(path: Path) -> float:
    """Modification time of the card (written last when saving): a new model gets new cache entries."""
    card = path.with_suffix(".json")
    return card.stat().st_mtime if card.is_file() else 0.0


@st.cache_resource(show_spinner="Loading the model ...", max_entries=2)
def _model(path: str, version: float) -> NearestDigitClassifier:
    return load_model(path)


@st.cache_data(show_spinner=False, max_entries=2)
def _card(path: str, version: float) -> dict[str, Any]:
    return read_card(Path(path))


@st.cache_resource(show_spinner="Loading stored predictions ...", max_entries=2)
def _predictions(path: str, version: float) -> dict[str, np.ndarray]:
    return load_predictions(Path(path))


def model() -> NearestDigitClassifier:
    """The verified default model, shared by all sessions (raises ModelError)."""
    path = default_model_path()
    return _model(str(path), _model_version(path))


def card() -> dict[str, Any]:
    """The default model's card: settings, provenance and evaluation report (raises ModelError)."""
    path = default_model_path()
    return _card(str(path), _model_version(path))


def predictions() -> dict[str, np.ndarray]:
    """The stored test-set predictions and neighbours of the default model (raises ModelError)."""
    path = default_model_path()
    return _predictions(str(path), _model_version(path))


@st.cache_resource(show_spinner="Loading MNIST ...")
def mnist() -> data.MnistArrays:
    """(X_train, y_train, X_test, y_test), shared read-only by all sessions (raises DataUnavailableError)."""
    arrays = data.load_mnist()
    for array in arrays:
        array.setflags(write=False)
    return arrays


def clear_after_build() -> None:
    """Forget cached models and reports after a new model is saved."""
    _model.clear()
    _card.clear()
    _predictions.clear()


def split_arrays(split: str) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels of the 'train' or 'test' split."""
    X_train, y_train, X_test, y_test = mnist()
    return (X_train, y_train) if split == "train" else (X_test, y_test)


@st.cache_data(show_spinner="Projecting digits ...", max_entries=16)
def projection(split: str, classes: tuple[int, ...], space: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """A seeded sample of the split and its 2-D PCA coordinates."""
    images, labels = split_arrays(split)
    chosen = sample_indices(labels, size, seed=0, classes=list(classes))
    return project_2d(images[chosen], space), chosen


@st.cache_data(show_spinner=False)
def mean_digits(split: str) -> np.ndarray:
    """The average image of each digit class."""
    images, labels = split_arrays(split)
    return np.stack([images[labels == digit].mean(axis=0) for digit in range(10)]).round().astype(np.uint8)


@st.cache_data(show_spinner=False)
def search_record() -> dict[str, Any] | None:
    """The committed hyperparameter-search record, or None when there is none."""
    try:
        return read_search_record()
    except FileNotFoundError:
        return None


@st.cache_data(show_spinner=False)
def ablation_report() -> dict[str, Any] | None:
    """The committed accuracy / speed frontier report, or None."""
    return read_frontier_report()
