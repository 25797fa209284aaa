"""Widgets shared by several pages: model/data guards with a build button, and neighbour thumbnails."""

from __future__ import annotations

from typing import Any, NoReturn

import numpy as np
import streamlit as st

from mnist_knn.reading import data
from mnist_knn.reading.classifier import NearestDigitClassifier
from mnist_knn.reading.persistence import ModelError
from mnist_knn.ui import loaders
from mnist_knn.views.gallery import enlarge


def build_model_button(key: str) -> None:
    """Offer to build the default model, with a progress bar (the same code as `python -m mnist_knn train`)."""
    from mnist_knn.lab.training import build_model

    if not st.button("Build the model now (under a minute)", key=key, type="primary"):
        return
    bar = st.progress(0.0, text="Starting ...")
    try:
        build_model(progress=lambda fraction, message: bar.progress(fraction, text=message))
    except (data.DataUnavailableError, ModelError, OSError) as error:
        st.error(f"The build failed: {error}")
        st.stop()
    loaders.clear_after_build()
    st.rerun()


def _offer_build(page: str, error: ModelError) -> NoReturn:
    """Say why there is no usable model, offer to build it, and stop the page here."""
    st.warning(f"There is no usable model yet. {error}")
    build_model_button(f"{page}_build")
    st.stop()


def require_model(page: str) -> tuple[NearestDigitClassifier, dict[str, Any]]:
    """The model and its card, or a message with a build button and the page stops here."""
    try:
        return loaders.model(), loaders.card()
    except ModelError as error:
        _offer_build(page, error)


def require_card(page: str) -> dict[str, Any]:
    """The model card alone (cheaper than loading the model), or a build offer."""
    try:
        return loaders.card()
    except ModelError as error:
        _offer_build(page, error)


def require_predictions(page: str) -> dict[str, np.ndarray]:
    """The default model's stored test-set predictions, or a build offer (they are rebuilt with the model)."""
    try:
        return loaders.predictions()
    except ModelError as error:
        _offer_build(page, error)


def require_mnist() -> data.MnistArrays:
    """MNIST, or a clear message and the page stops here."""
    try:
        return loaders.mnist()
    except data.DataUnavailableError as error:
        st.error(str(error))
        st.stop()


def neighbor_strip(indices: np.ndarray, distances: np.ndarray, labels: np.ndarray, k: int,
                    from_class: np.ndarray | None = None, class_images: np.ndarray | None = None) -> None:
    """The k nearest digits as thumbnails captioned with label, distance and training index (or 'class' for a wall drawing)."""
    X_train = require_mnist()[0]
    from_class = np.zeros(len(indices), bool) if from_class is None else from_class
    st.image(
        [enlarge(class_images[index] if mine else X_train[index], 84) for index, mine in zip(indices[:k], from_class[:k])],
        caption=[f"{label} · d={distance:.2f} · " + ("class" if mine else f"#{index}")
                 for index, label, distance, mine in zip(indices[:k], labels[:k], distances[:k], from_class[:k])],
    )
