"""Mistakes: every misclassified test digit, filterable, and the neighbours that out-voted the truth."""

import numpy as np
import streamlit as st

from mnist_knn.language import N_, _, a_digit, names_now, ngettext, number, percent
from mnist_knn.reading.diagnostics import chance_in_words
from mnist_knn.ui import widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.ui.picture_chooser import picture_clicked
from mnist_knn.views.pictures import digit_strip, vote_bars
from mnist_knn.views.words import vote_in_words, weighting

run_through_app()  # a page URL opened first on a fresh server

ANY = N_("any")
ORDERS = [N_("surest first"), N_("least sure first")]
CHOICES = [ANY] + list(range(10))
GALLERY_LIMIT = 200


def _choice(choice: int | str) -> str:
    """A filter's choice as shown: a digit, or "any" in the reader's language."""
    return _(choice) if choice == ANY else str(choice)


def _mistake_name(index: int) -> str:
    """One mistake as the chooser names it."""
    return _("test digit #{index}: {a_digit}, read as {read} (how sure: {sure})").format(
        index=index, a_digit=a_digit(y_true[index]), read=y_pred[index], sure=chance_in_words(chance[index]))


def _query_digit(name: str) -> int | str:
    """A digit from the URL's query parameters (links from the Metrics page), or 'any'."""
    value = st.query_params.get(name, "")
    return int(value) if value.isdigit() and int(value) < 10 else ANY


if "mistakes_true" not in st.session_state:
    st.session_state.mistakes_true = _query_digit("true")
    st.session_state.mistakes_predicted = _query_digit("predicted")

st.title(_("Mistakes"), anchor=False)
card = widgets.require_card("mistakes")
stored = widgets.require_predictions("mistakes")
X_test = widgets.require_mnist()[2]
y_true, y_pred, proba, chance = stored["y_true"], stored["y_pred"], stored["proba"], stored["chance_right"]
wrong = np.flatnonzero(y_true != y_pred)
st.caption(_("{wrong} of {count} test digits are read wrong ({share}). Under each: the digit it is, then what the model "
             "read.").format(wrong=number(len(wrong)), count=number(len(y_true)), share=percent(len(wrong) / len(y_true), 2)))


def _choose_the_first() -> None:
    """Filters or order changed: the mistake chosen below becomes the first one shown (it kept the old one, even last),
    and how many match is said."""
    st.session_state.mistakes_choose_first = st.session_state.mistakes_filtered = True


filters = st.columns(3)
named = names_now(CHOICES, _choice)
# named as Metrics names a confusion's cell, whose links open this page
true_digit = filters[0].selectbox(_("The digit it is"), CHOICES, key="mistakes_true", format_func=named,
                                  on_change=_choose_the_first, filter_mode=None)
predicted_digit = filters[1].selectbox(_("Read as"), CHOICES, key="mistakes_predicted", format_func=named,
                                       on_change=_choose_the_first, filter_mode=None)
order = filters[2].radio(_("Order"), ORDERS, key="mistakes_order", format_func=names_now(ORDERS),
                         help=_("How sure the model was of its (wrong) reading."), on_change=_choose_the_first)
shown = wrong
if true_digit != ANY:
    shown = shown[y_true[shown] == true_digit]
if predicted_digit != ANY:
    shown = shown[y_pred[shown] == predicted_digit]
shown = shown[np.argsort(-chance[shown] if order == "surest first" else chance[shown], kind="stable")]

matching = (_("No mistakes match these filters.") if len(shown) == 0 else
            _("{count} mistakes match; the first {limit} are shown.").format(count=len(shown), limit=GALLERY_LIMIT)
            if len(shown) > GALLERY_LIMIT else
            ngettext("{count} mistake matches.", "{count} mistakes match.", len(shown)).format(count=len(shown)))
gallery = shown[:GALLERY_LIMIT]
clicked = picture_clicked("mistakes_gallery", "mistakes_selected")  # a test digit's index (the box: the keyboard's way)
clicked = clicked if clicked in gallery else None  # (one of a gallery drawn before, clicked while the page redrew: none)
# said when a filter or the order changes (the gallery changes silently for a screen reader), or a digit is opened from
# the gallery (what changes below); nothing on arrival: the live region's last words were the Draw page's answer
filtered = st.session_state.pop("mistakes_filtered", False)
announce(_mistake_name(clicked) if clicked is not None else matching if filtered else None,
         f"mistakes-{true_digit}-{predicted_digit}-{order}-{clicked}")
if len(shown) == 0:
    st.info(matching)
    st.stop()
with st.container(key="mistakes_gallery"):
    widgets.picture(digit_strip(list(X_test[gallery]), [_("{digit}, read {read}").format(digit=y_true[i], read=y_pred[i])
                                                        for i in gallery],
                                _("{count} test digits read wrong, each captioned with the digit it is and what the model "
                                  "read").format(count=len(gallery)), side=64, ids=list(gallery)))
    st.caption(matching + " " + _("Click or tap one, or choose it in the box below, to see why it was read so."))

st.header(_("Why did the model vote that way?"), anchor=False)
if clicked is not None:
    st.session_state.mistakes_selected = clicked
elif st.session_state.pop("mistakes_choose_first", False) or st.session_state.get("mistakes_selected") not in gallery:
    st.session_state.mistakes_selected = gallery[0]  # set, not dropped: a dropped value left the box naming the old one
selected = st.selectbox(_("Choose a mistake"), gallery, key="mistakes_selected", format_func=names_now(gallery, _mistake_name))
digit_column, vote_column = st.columns([1, 2])
chosen = a_digit(y_true[selected])
widgets.picture(digit_strip([X_test[selected]], [chosen],
                            _("Test digit #{index}: {a_digit}").format(index=selected, a_digit=chosen), side=168), digit_column)
widgets.picture(vote_bars(proba[selected], int(y_pred[selected]),
                          _("The vote: {vote}").format(vote=vote_in_words(proba[selected]))), vote_column)
vote_column.caption(_("How sure ({chance}) is not the vote's share for {read} ({share}): it is how often the model was "
                      "right on held-out digits whose vote looked like this one.").format(
    chance=chance_in_words(chance[selected]), read=y_pred[selected], share=percent(proba[selected][y_pred[selected]])))
k = int(card.hyperparameters["n_neighbors"])
looked = bool(stored["looked_twice"][selected])
st.markdown(_("The model votes with its **{k} nearest** training digits ({weights} weighting); the next ones are shown "
              "for context.").format(k=k, weights=weighting(card.hyperparameters["weights"])) + " "
            + (_("Its first look disagreed, so these are the nearest after the second look, where pixels may move a little.")
               if looked else _("Its first look's nearest all agreed, so it took no second look.")))
model = widgets.require_model("mistakes")[0]  # the other writers' digits it remembers are among the neighbours
widgets.neighbor_strip(model, stored["neighbor_indices"][selected], stored["neighbor_distances"][selected],
                       stored["neighbor_labels"][selected], len(stored["neighbor_indices"][selected]), k)
if looked:
    widgets.places_before_and_after(stored["neighbor_labels"][selected], stored["neighbor_first_rank"][selected], k)
