"""Load the model, its report, MNIST and the class wall once per server, and reload when they change."""

from __future__ import annotations

from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

import numpy as np
import streamlit as st
from sklearn.base import BaseEstimator

from mnist_knn import config
from mnist_knn.classroom.drawings import DrawingStore
from mnist_knn.classroom.wall import ClassWall, Submission
from mnist_knn.lab.records import frontier_report_path, read_frontier_report, read_search_record, search_record_path
from mnist_knn.reading import data
from mnist_knn.reading.card import ModelCard
from mnist_knn.reading.classifier import TEXTBOOK_KNN, ExtraExamples, NearestDigitClassifier
from mnist_knn.reading.neighbors import one_blas_thread
from mnist_knn.reading.persistence import default_model_path, load_model, load_predictions, read_card
from mnist_knn.views.explain import flip_examples
from mnist_knn.views.projection import FeatureMap, feature_map


def _modified(path: Path) -> float:
    """A file's modification time (0 when absent): a changed file gets new cache entries."""
    return path.stat().st_mtime if path.is_file() else 0.0


def _model_version(path: Path) -> float:
    """Modification time of the card (written last when saving): a new model gets new cache entries."""
    return _modified(path.with_suffix(".json"))


def read_only(value: Any) -> Any:
    """Mark every NumPy array inside `value` (dicts, lists, dataclasses, estimators) read-only: caches share them."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, dict):
        for item in value.values():
            read_only(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            read_only(item)
    elif isinstance(value, BaseEstimator) or is_dataclass(value):
        for item in vars(value).values():
            read_only(item)
    return value


@st.cache_resource(show_spinner="Loading the model ...", max_entries=2)
def _model(path: str, version: float) -> NearestDigitClassifier:
    one_blas_thread()  # this server answers drawings one small search at a time: spare BLAS threads would only spin
    return read_only(load_model())  # the default model, from the models folder only; `path` and `version` key the cache


@st.cache_data(show_spinner=False, max_entries=2)
def _card(path: str, version: float) -> ModelCard:
    return read_card(Path(path))


@st.cache_resource(show_spinner="Loading stored predictions ...", max_entries=2)
def _predictions(path: str, version: float) -> dict[str, np.ndarray]:
    return read_only(load_predictions(Path(path)))


def model() -> NearestDigitClassifier:
    """The verified default model, shared by all sessions (raises ModelError)."""
    path = default_model_path()
    return _model(str(path), _model_version(path))


def card() -> ModelCard:
    """The default model's card: settings, provenance and evaluation report (raises ModelError)."""
    path = default_model_path()
    return _card(str(path), _model_version(path))


def predictions() -> dict[str, np.ndarray]:
    """The stored test-set predictions and neighbours of the default model (raises ModelError)."""
    path = default_model_path()
    return _predictions(str(path), _model_version(path))


@st.cache_resource(show_spinner="Loading MNIST ...", max_entries=1)
def _mnist(directory: str) -> data.MnistArrays:
    return read_only(data.load_mnist(Path(directory)))


def mnist() -> data.MnistArrays:
    """(X_train, y_train, X_test, y_test) from MNIST_KNN_DATA, shared read-only by all sessions (raises DataUnavailableError)."""
    return _mnist(str(config.data_dir()))


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


@st.cache_data(show_spinner=False)
def mean_digits(split: str) -> np.ndarray:
    """The average image of each digit class."""
    images, labels = split_arrays(split)
    return np.stack([images[labels == digit].mean(axis=0) for digit in range(10)]).round().astype(np.uint8)


@st.cache_data(show_spinner=False, max_entries=2)
def _search_record(path: str, version: float) -> dict[str, Any] | None:
    try:
        return read_search_record(Path(path))
    except FileNotFoundError:
        return None


def search_record() -> dict[str, Any] | None:
    """The hyperparameter-search record in the models folder, or None when there is none."""
    path = search_record_path()
    return _search_record(str(path), _modified(path))


@st.cache_data(show_spinner=False, max_entries=2)
def _ablation_report(path: str, version: float) -> dict[str, Any] | None:
    return read_frontier_report(Path(path))


def ablation_report() -> dict[str, Any] | None:
    """The accuracy / speed frontier report in the models folder, or None."""
    path = frontier_report_path()
    return _ablation_report(str(path), _modified(path))


@st.cache_resource(show_spinner=False)
def _class_wall(url: str) -> ClassWall:
    return ClassWall(url)


def class_wall() -> ClassWall:
    """The class wall, one connection pool per server (raises ClassroomError)."""
    return _class_wall(config.wall_database_url())


@st.cache_resource(show_spinner=False)
def _drawing_store(url: str) -> DrawingStore:
    return DrawingStore(url)


def drawing_store() -> DrawingStore:
    """Every student's drawings, in the classroom's database (raises ClassroomError)."""
    return _drawing_store(config.wall_database_url())


@st.cache_data(show_spinner=False, max_entries=4)
def _wall_submissions(url: str, version: tuple[int, int, int, float], waiting: bool) -> list[Submission]:
    return _class_wall(url).submissions(waiting)


def wall_submissions(waiting: bool = False) -> list[Submission]:
    """The drawings on the wall (or, with `waiting`, those waiting for the teacher), read again only when it changed."""
    return _wall_submissions(config.wall_database_url(), class_wall().version(), waiting)


@st.cache_resource(show_spinner=False, max_entries=4)
def _class_examples(url: str, version: tuple[int, int, int, float], model_version: float) -> ExtraExamples:
    stated = [submission for submission in _wall_submissions(url, version, False) if submission.matched is not None]
    images = np.array([submission.digit for submission in stated], dtype=np.uint8).reshape(-1, 28, 28)
    return read_only(model().remember(images, np.array([submission.intended for submission in stated], dtype=np.int64)))


def class_examples() -> ExtraExamples:
    """The wall's approved drawings that carry the digit their author meant (and are digits), as examples to remember."""
    return _class_examples(config.wall_database_url(), class_wall().version(), _model_version(default_model_path()))


@st.cache_resource(show_spinner="Building the textbook raw-pixel KNN ...", max_entries=1)
def _textbook(directory: str) -> NearestDigitClassifier:
    X_train, y_train, _, _ = _mnist(directory)
    return read_only(NearestDigitClassifier(**TEXTBOOK_KNN, calibration_size=0).fit(X_train, y_train))


def textbook_knn() -> NearestDigitClassifier:
    """The textbook KNN on raw pixels (60,000 x 784 grey levels, 188 MB), built once per server and shared."""
    return _textbook(str(config.data_dir()))


@st.cache_resource(show_spinner="Mapping the model's space ...", max_entries=2)
def _feature_map(path: str, version: float) -> FeatureMap:
    X_train, y_train, _, _ = mnist()
    return read_only(feature_map(_model(path, version), X_train, y_train))


def model_feature_map() -> FeatureMap:
    """A sample of training digits placed on the 2-D map of the default model's search space."""
    path = default_model_path()
    return _feature_map(str(path), _model_version(path))


@st.cache_data(show_spinner=False, max_entries=4)
def _flip_examples(path: str, version: float, weights: str) -> np.ndarray:
    stored = _predictions(path, version)
    return flip_examples(stored["neighbor_distances"], stored["neighbor_labels"], weights)


def test_digits_where_k_matters(weights: str) -> np.ndarray:
    """Test digits whose prediction changes with k (from the stored neighbours of the default model)."""
    path = default_model_path()
    return _flip_examples(str(path), _model_version(path), weights)
