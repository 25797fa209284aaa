"""Load the model, its report, MNIST and the class wall once per server, and reload when they change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import streamlit as st
from sklearn.base import BaseEstimator

from mnist_knn import config
from mnist_knn.classroom.drawings import DrawingStore
from mnist_knn.classroom.memory import student_memory
from mnist_knn.classroom.wall import ClassWall, Submission
from mnist_knn.language import N_, _
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.model.neighbors import one_blas_thread
from mnist_knn.model.parameters import TEXTBOOK_KNN
from mnist_knn.storage import data
from mnist_knn.storage.card import ModelCard
from mnist_knn.storage.persistence import default_model_path, load_model, load_predictions, read_card
from mnist_knn.storage.records import (
    frontier_report_path,
    own_example_rule,
    read_frontier_report,
    read_search_record,
    search_record_path,
)
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


_LOADED: set[tuple] = set()  # what this server has loaded (each loader's name and key; a new file, a new key): no spinner


def _loading(spinner: str | None, key: tuple, load: Callable[[], Any]) -> Any:
    """`load()`, under a spinner saying `spinner` in the reader's language the first time this server loads `key` (the
    caches' own spinners speak the one language they were given when the module was imported)."""
    if spinner is None or key in _LOADED:
        return load()
    with st.spinner(_(spinner)):
        loaded = load()
    _LOADED.add(key)
    return loaded


def on_file(cache: Callable, path_of: Callable[[], Path], version_of: Callable[[Path], float] = _modified,
            spinner: str | None = None) -> Callable:
    """Decorate `load(path)` so that calling it with no arguments loads the file `path_of()` names once per server, through
    Streamlit's `cache` (st.cache_resource or st.cache_data, with its options), again only when the file changes; a
    `spinner` (marked with N_) is shown, translated, while it loads.

    The one cached-loader pattern of this module; the loader's `clear()` forgets what it loaded.
    """

    def decorate(load: Callable[[Path], Any]) -> Callable[[], Any]:
        def cached(path: str, version: float) -> Any:
            return read_only(load(Path(path)))

        cached.__qualname__ = f"{load.__qualname__}_cached"  # each loader its own cache
        cached = cache(cached)

        def get() -> Any:
            path = path_of()
            version = version_of(path)
            return _loading(spinner, (load.__qualname__, str(path), version), lambda: cached(str(path), version))

        get.__doc__, get.__name__, get.clear = load.__doc__, load.__name__, cached.clear
        return get

    return decorate


@on_file(st.cache_resource(show_spinner=False, max_entries=2), default_model_path, _model_version,
         spinner=N_("Loading the model ..."))
def model(path: Path) -> NearestDigitClassifier:
    """The verified default model, shared by all sessions (raises ModelError)."""
    one_blas_thread()  # this server answers drawings one small search at a time: spare BLAS threads would only spin
    cv2.setNumThreads(1)  # so would OpenCV's (a drawing read: 2.2-2.6 ms of CPU, not 3.1-3.6, on a 2-core EPYC)
    return load_model()  # the default model, from the models folder only (`path` keys the cache)


@on_file(st.cache_data(show_spinner=False, max_entries=2), default_model_path, _model_version)
def card(path: Path) -> ModelCard:
    """The default model's card: settings, provenance and evaluation report (raises ModelError)."""
    return read_card(path)


@on_file(st.cache_resource(show_spinner=False, max_entries=2), default_model_path, _model_version,
         spinner=N_("Loading stored predictions ..."))
def predictions(path: Path) -> dict[str, np.ndarray]:
    """The stored test-set predictions and neighbours of the default model (raises ModelError)."""
    return load_predictions(path)


@st.cache_resource(show_spinner=False, max_entries=1)
def _mnist(directory: str) -> data.MnistArrays:
    return read_only(data.load_mnist(Path(directory)))


def mnist() -> data.MnistArrays:
    """(X_train, y_train, X_test, y_test) from MNIST_KNN_DATA, shared read-only by all sessions (raises DataUnavailableError)."""
    directory = str(config.data_dir())
    return _loading(N_("Loading MNIST ..."), ("mnist", directory), lambda: _mnist(directory))


def clear_after_build() -> None:
    """Forget cached models and reports after a new model is saved."""
    for loader in (model, card, predictions, model_feature_map):
        loader.clear()


def split_arrays(split: str) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels of the 'train' or 'test' split."""
    X_train, y_train, X_test, y_test = mnist()
    return (X_train, y_train) if split == "train" else (X_test, y_test)


@st.cache_data(show_spinner=False)
def mean_digits(split: str) -> np.ndarray:
    """The average image of each digit class."""
    images, labels = split_arrays(split)
    return np.stack([images[labels == digit].mean(axis=0) for digit in range(10)]).round().astype(np.uint8)


@on_file(st.cache_data(show_spinner=False, max_entries=2), search_record_path)
def search_record(path: Path) -> dict[str, Any] | None:
    """The hyperparameter-search record in the models folder, or None when there is none."""
    try:
        return read_search_record(path)
    except FileNotFoundError:
        return None


@on_file(st.cache_data(show_spinner=False, max_entries=2), frontier_report_path)
def ablation_report(path: Path) -> dict[str, Any] | None:
    """The accuracy / speed frontier report in the models folder, or None."""
    return read_frontier_report(path)


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
def _wall_submissions(url: str, version: tuple[int, int, int, float, int], waiting: bool) -> list[Submission]:
    return _class_wall(url).submissions(waiting)


def wall_submissions(waiting: bool = False) -> list[Submission]:
    """The drawings on the wall (or, with `waiting`, those waiting for the teacher), read again only when it changed."""
    return _wall_submissions(config.wall_database_url(), class_wall().version(), waiting)


@st.cache_resource(show_spinner=False, max_entries=64)
def _memory(url: str, token: str, own: tuple[int, int, int], wall: tuple | None, model_version: float,
            rule: tuple[float, float]) -> ExtraExamples | None:
    class_drawings = None if wall is None else _wall_submissions(url, wall, False)
    return read_only(student_memory(model(), _drawing_store(url).memory(token), class_drawings, rule))


def memory(token: str, with_class: bool) -> tuple[ExtraExamples | None, tuple]:
    """What this student taught (their own examples, counted by the chosen rule) and, `with_class`, the class wall's
    labelled drawings: the examples searched beside MNIST for them, and a key that changes whenever they change.
    Raises ClassroomError when the database cannot be reached."""
    url, rule = config.wall_database_url(), own_example_rule()
    own = drawing_store().memory_version(token)
    wall = class_wall().version() if with_class else None
    key = (own, wall, _model_version(default_model_path()), rule)
    return _memory(url, token, *key), key


@st.cache_resource(show_spinner=False, max_entries=1)
def _textbook(directory: str) -> NearestDigitClassifier:
    X_train, y_train, __, __ = _mnist(directory)
    return read_only(NearestDigitClassifier(**TEXTBOOK_KNN, calibration_size=0).fit(X_train, y_train))


def textbook_knn() -> NearestDigitClassifier:
    """The textbook KNN on raw pixels (60,000 x 784 grey levels, 188 MB), built once per server and shared."""
    directory = str(config.data_dir())
    return _loading(N_("Building the textbook raw-pixel KNN ..."), ("textbook", directory), lambda: _textbook(directory))


@on_file(st.cache_resource(show_spinner=False, max_entries=2), default_model_path, _model_version,
         spinner=N_("Mapping the model's space ..."))
def model_feature_map(path: Path) -> FeatureMap:
    """A sample of training digits placed on the 2-D map of the default model's search space."""
    X_train, y_train, __, __ = mnist()
    return feature_map(model(), X_train, y_train)


@st.cache_data(show_spinner=False, max_entries=4)
def _flip_examples(path: str, version: float, weights: str) -> np.ndarray:
    stored = predictions()
    return flip_examples(stored["neighbor_distances"], stored["neighbor_labels"], weights)


def test_digits_where_k_matters(weights: str) -> np.ndarray:
    """Test digits whose prediction changes with k (from the stored neighbours of the default model)."""
    path = default_model_path()
    return _flip_examples(str(path), _model_version(path), weights)
