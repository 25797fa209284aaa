"""Paths and defaults in one place; environment variables override them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_NAME = "default"
SEARCH_RECORD_NAME = "search.json"
FRONTIER_REPORT_NAME = "ablation.json"
CANVAS_SIDE = 280  # the draw page's canvas, in its own pixels (a projector shows it larger: the same pixels)
NEIGHBORS_SHOWN = 15  # neighbours the draw page fetches per drawing (the k slider goes up to this)


def data_dir() -> Path:
    """Folder that holds the four MNIST IDX files (`MNIST_KNN_DATA`, default data/mnist)."""
    return Path(os.environ.get("MNIST_KNN_DATA", PROJECT_ROOT / "data" / "mnist"))


def models_dir() -> Path:
    """Folder with saved models and their sidecars (`MNIST_KNN_MODELS`, default models/)."""
    return Path(os.environ.get("MNIST_KNN_MODELS", PROJECT_ROOT / "models"))


def signing_key_path() -> Path:
    """The key this server signs its model cards with (`MNIST_KNN_SIGNING_KEY`; default data/model-signing.key).

    It lives outside the models folder on purpose: whoever can only write models/ cannot sign a card.
    """
    return Path(os.environ.get("MNIST_KNN_SIGNING_KEY", PROJECT_ROOT / "data" / "model-signing.key"))


def wall_database_url() -> str:
    """Database of the class wall (`MNIST_KNN_DB`, a SQLAlchemy URL; default an SQLite file under data/)."""
    return os.environ.get("MNIST_KNN_DB") or f"sqlite:///{PROJECT_ROOT / 'data' / 'class-wall.sqlite3'}"


def wall_database_path(url: str) -> Path:
    """The file of an SQLite URL (`sqlite:///relative` or `sqlite:////absolute`)."""
    return Path(url.removeprefix("sqlite:///"))
