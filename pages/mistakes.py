"""Mistakes: every misclassified test digit, filterable, and the neighbours that out-voted the truth."""

import numpy as np
import streamlit as st

from mnist_knn.reading.diagnostics import percent
from mnist_knn.ui import widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.pictures import digit_strip, vote_bars
from mnist_knn.views.words import vote_in_words

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
y_true, y_pred, proba, chance = stored["y_true"], stored["y_pred"], stored["proba"], stored["chance_right"]
wrong = np.flatnonzero(y_true != y_pred)
st.caption(f"{len(wrong)} of {len(y_true):,} test digits are read wrong ({len(wrong) / len(y_true):.2%}). Under each: "
           "the digit it is, then what the model read.")

filters = st.columns(3)
true_digit = filters[0].selectbox("True digit", CHOICES, key="mistakes_true")
predicted_digit = filters[1].selectbox("Predicted digit", CHOICES, key="mistakes_predicted")
order = filters[2].radio("Order", ["surest first", "least sure first"], key="mistakes_order",
                         help="How sure the model was of its (wrong) reading.")
shown = wrong
if true_digit != ANY:
    shown = shown[y_true[shown] == true_digit]
if predicted_digit != ANY:
    shown = shown[y_pred[shown] == predicted_digit]
shown = shown[np.argsort(-chance[shown] if order == "surest first" else chance[shown], kind="stable")]

if len(shown) == 0:
    st.info("No mistakes match these filters.")
    st.stop()
gallery = shown[:GALLERY_LIMIT]
with st.container(key="mistakes_gallery"):
    widgets.picture(digit_strip(list(X_test[gallery]), [f"{y_true[i]}, read {y_pred[i]}" for i in gallery],
                                f"{len(gallery)} test digits read wrong, each captioned with the digit it is and what "
                                "the model read", side=64))
    more = f"; the first {GALLERY_LIMIT} are shown." if len(shown) > GALLERY_LIMIT else "."
    st.caption(f"{len(shown)} mistakes match{more}")

st.subheader("Why did the model vote that way?")
selected = st.selectbox("Choose a mistake", gallery, key="mistakes_selected",
                        format_func=lambda i: f"test digit #{i}: a {y_true[i]}, read as {y_pred[i]} (sure: {percent(chance[i])})")
digit_column, vote_column = st.columns([1, 2])
widgets.picture(digit_strip([X_test[selected]], [f"a {y_true[selected]}"], f"Test digit #{selected}: a {y_true[selected]}",
                            side=168), digit_column)
widgets.picture(vote_bars(proba[selected], int(y_pred[selected]), f"The vote: {vote_in_words(proba[selected])}"), vote_column)
k = int(card.hyperparameters["n_neighbors"])
looked = bool(stored["looked_twice"][selected])
st.markdown(f"The model votes with its **{k} nearest** training digits ({card.hyperparameters['weights']} weighting); "
            "the next ones are shown for context. "
            + ("Its first look disagreed, so these are the nearest after the second look, where pixels may move a little."
               if looked else "Its first look's nearest all agreed, so it took no second look."))
widgets.neighbor_strip(stored["neighbor_indices"][selected], stored["neighbor_distances"][selected],
                       stored["neighbor_labels"][selected], len(stored["neighbor_indices"][selected]), k)
if looked:
    widgets.places_before_and_after(stored["neighbor_labels"][selected], stored["neighbor_first_rank"][selected], k,
                                    key="mistakes_ranks")
