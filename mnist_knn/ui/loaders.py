"""Load the model, its report, MNIST and the class wall once per server, and reload when they change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st

from mnist_knn import config, data
from mnist_knn.explain import FeatureMap, feature_map, flip_examples
from mnist_knn.model import ExtraExamples, NearestDigitClassifier, default_model_path, load_model
from mnist_knn.persistence import load_predictions, read_card
from mnist_knn.projection import project_2d, sample_indices
from mnist_knn.records import read_frontier_report, read_search_record
from mnist_knn.wall import ClassWall, Submission


def _model_version(path: Path) -> float:
    """Modification time of the card (written last when saving): a new model gets new cache entries."""
    card = path.with_suffix(".json")
    return card.stat().st_mtime if card.is_file() else 0.0


@st.cache_resource(show_spinner="Loading the model ...", max_entries=2)
def _model(path: str, version: float) -> NearestDigitClassifier:
    return load_model()  # the default model, from the models folder only; `path` and `version` key the cache


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
    _feature_map.clear()


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


@st.cache_resource(show_spinner=False)
def _class_wall(url: str) -> ClassWall:
    return ClassWall(url)


def class_wall() -> ClassWall:
    """The class wall's database, one connection pool per server (raises WallError)."""
    return _class_wall(config.wall_database_url())


@st.cache_data(show_spinner=False, max_entries=4)
def _wall_submissions(url: str, version: tuple[int, int]) -> list[Submission]:
    return _class_wall(url).submissions()


def wall_submissions() -> list[Submission]:
    """Every submission on the wall, read again only when the wall has changed (raises WallError)."""
    return _wall_submissions(config.wall_database_url(), class_wall().version())


@st.cache_resource(show_spinner=False, max_entries=4)
def _class_examples(url: str, version: tuple[int, int], model_version: float) -> ExtraExamples:
    stated = [submission for submission in _wall_submissions(url, version) if submission.intended is not None]
    images = np.array([submission.digit for submission in stated], dtype=np.uint8).reshape(-1, 28, 28)
    return model().remember(images, np.array([submission.intended for submission in stated], dtype=np.int64))


def class_examples() -> ExtraExamples:
    """The wall's drawings that carry the digit their author meant, as examples the model can remember."""
    return _class_examples(config.wall_database_url(), class_wall().version(), _model_version(default_model_path()))


@st.cache_resource(show_spinner="Mapping the model's space ...", max_entries=2)
def _feature_map(path: str, version: float) -> FeatureMap:
    X_train, y_train, _, _ = mnist()
    return feature_map(_model(path, version), X_train, y_train)


def model_feature_map() -> FeatureMap:
    """A sample of training digits placed on the 2-D map of the default model's search space."""
    path = default_model_path()
    return _feature_map(str(path), _model_version(path))


@st.cache_data(show_spinner=False, max_entries=4)
def _flip_examples(path: str, version: float, weights: str) -> np.ndarray:
    stored = _predictions(path, version)
    return flip_examples(stored["neighbour_distances"], stored["neighbour_labels"], weights)


def test_digits_where_k_matters(weights: str) -> np.ndarray:
    """Test digits whose prediction changes with k (from the stored neighbours of the default model)."""
    path = default_model_path()
    return _flip_examples(str(path), _model_version(path), weights)
