"""Mistakes: every misclassified test digit, filterable, and the neighbours that out-voted the truth."""

import numpy as np
import streamlit as st

from mnist_knn.ui import widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import compose_grid, enlarge
from mnist_knn.views.plots import probability_bars

run_through_app()  # a page URL opened first on a fresh server

ANY = "any"
CHOICES = [ANY] + list(range(10))
GALLERY_LIMIT = 200


def _query_digit(name: str) -> int | str:
    """A digit from the URL's query parameters (links from the Metrics page), or 'any'."""
    value = st.query_params.get(name, "")
    return int(value) if value.isdigit() and int(value) < 10 else ANY


if "mistakes_true" not in st.session_state:
    st.session_state.mistakes_true = _query_digit("true")
    st.session_state.mistakes_predicted = _query_digit("predicted")

st.title("Mistakes")
card = widgets.require_card("mistakes")
stored = widgets.require_predictions("mistakes")
X_test = widgets.require_mnist()[2]
y_true, y_pred, proba = stored["y_true"], stored["y_pred"], stored["proba"]
confidence = proba.max(axis=1)
wrong = np.flatnonzero(y_true != y_pred)
st.caption(f"{len(wrong)} of {len(y_true):,} test digits are misclassified by `{card.name}` "
           f"({len(wrong) / len(y_true):.2%}). Captions read true → predicted, confidence.")

filters = st.columns(3)
true_digit = filters[0].selectbox("True digit", CHOICES, key="mistakes_true")
predicted_digit = filters[1].selectbox("Predicted digit", CHOICES, key="mistakes_predicted")
order = filters[2].radio("Sort by confidence", ["most confident first", "least confident first"], key="mistakes_order")
shown = wrong
if true_digit != ANY:
    shown = shown[y_true[shown] == true_digit]
if predicted_digit != ANY:
    shown = shown[y_pred[shown] == predicted_digit]
shown = shown[np.argsort(-confidence[shown] if order == "most confident first" else confidence[shown], kind="stable")]

if len(shown) == 0:
    st.info("No mistakes match these filters.")
    st.stop()
gallery = shown[:GALLERY_LIMIT]
captions = [f"{y_true[i]}>{y_pred[i]} {confidence[i]:.0%}" for i in gallery]
with st.container(key="mistakes_gallery"):
    st.image(compose_grid(X_test[gallery], min(10, len(gallery)), scale=3, captions=captions))
    st.caption(f"{len(shown)} mistakes match" + (f"; the first {GALLERY_LIMIT} are shown." if len(shown) > GALLERY_LIMIT else "."))

st.subheader("Why did the model vote that way?")
selected = st.selectbox("Choose a mistake (test index)", gallery, key="mistakes_selected",
                        format_func=lambda i: f"#{i}: true {y_true[i]} → predicted {y_pred[i]} ({confidence[i]:.0%})")
digit_column, chart_column = st.columns([1, 2])
digit_column.image(enlarge(X_test[selected], 196), caption=f"test digit #{selected}, labelled {y_true[selected]}")
chart_column.plotly_chart(probability_bars(proba[selected]), key="mistakes_probabilities")
k = int(card.hyperparameters["n_neighbors"])
st.markdown(f"The model votes with its **{k} nearest** training digits ({card.hyperparameters['weights']} weighting); "
            f"the next ones are shown for context.")
widgets.neighbor_strip(stored["neighbor_indices"][selected], stored["neighbor_distances"][selected],
                        stored["neighbor_labels"][selected], len(stored["neighbor_indices"][selected]))
