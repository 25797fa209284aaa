"""Paths and defaults in one place; environment variables override them."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_NAME = "default"
SEARCH_RECORD_NAME = "search.json"
FRONTIER_REPORT_NAME = "ablation.json"
NEIGHBOURS_SHOWN = 15  # neighbours the draw page fetches per drawing (the k slider goes up to this)


def data_dir() -> Path:
    """Folder that holds the four MNIST IDX files (`MNIST_KNN_DATA`, default data/mnist)."""
    return Path(os.environ.get("MNIST_KNN_DATA", PROJECT_ROOT / "data" / "mnist"))


def models_dir() -> Path:
    """Folder with saved models and their sidecars (`MNIST_KNN_MODELS`, default models/)."""
    return Path(os.environ.get("MNIST_KNN_MODELS", PROJECT_ROOT / "models"))
