"""Dataset: browse the official MNIST split, its class balance, mean digits and the model's 2-D map."""

import numpy as np
import streamlit as st

from mnist_knn.language import N_, _, names_now, number, pgettext
from mnist_knn.storage.persistence import ModelError
from mnist_knn.ui import loaders, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views import chart_tables
from mnist_knn.views.pictures import digit_strip
from mnist_knn.views.plots import class_distribution, projection_scatter
from mnist_knn.views.projection import closest_clouds, place, sample_indices
from mnist_knn.views.words import counted_digits

run_through_app()  # a page URL opened first on a fresh server

PAGE_SIZE = 100
SPLITS = [N_("train"), N_("test")]

st.session_state.setdefault("dataset_seed", 0)
st.title(_("Dataset"), anchor=False)
announce(None)  # nothing to read out here: the live region's last words were the Draw page's answer
X_train, y_train, X_test, y_test = widgets.require_mnist()
st.caption(_("The official MNIST split: {train} training and {test} test digits, 28 × 28 grey levels, white on "
             "black.").format(train=number(len(y_train)), test=number(len(y_test))))
try:  # the model remembers more than MNIST: How KNN works counts it all, so this page says what it leaves out
    others = loaders.card().training.n_other_writers_digits
except ModelError:  # no model yet: MNIST is all there is
    others = 0
if others:
    st.caption(_("Beside them the model remembers {others} digits by other writers (UCI's pen-tablet digits) and drawings "
                 "that are not digits; this page shows MNIST's alone (the pages How KNN works and Metrics say more).").format(
        others=number(others)))

filters = st.columns([1, 3])
split = filters[0].radio(_("Split"), SPLITS, key="dataset_split", horizontal=True,
                         format_func=names_now(SPLITS))
classes = filters[1].multiselect(_("Digits"), list(range(10)), key="dataset_classes", placeholder=_("all digits"))
SPLIT_DIGITS = {"train": _("{count} train digits"), "test": _("{count} test digits")}
images, labels = (X_train, y_train) if split == "train" else (X_test, y_test)
selected = np.flatnonzero(np.isin(labels, classes)) if classes else np.arange(len(labels))

browse, sample, overview, projection = st.tabs([_("Browse"), _("Random sample"), _("Classes"), _("2-D map")])
with browse:
    pages = max(1, -(-len(selected) // PAGE_SIZE))
    page = st.number_input(_("Page (of {pages})").format(pages=number(pages)), 1, pages, 1, key="dataset_page")
    shown = selected[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    widgets.picture(digit_strip(list(images[shown]), [str(label) for label in labels[shown]],
                                SPLIT_DIGITS[split].format(count=len(shown)) + ": " + counted_digits(labels[shown]),
                                side=56))
    st.caption(_("{count} digits match; showing indices {first} to {last} of the {split} split.").format(
        count=number(len(selected)), first=number(shown[0]), last=number(shown[-1]), split=_(split))
               if len(shown) else _("No digits match."))
with sample:
    if st.button(_("Draw another sample"), key="dataset_shuffle", icon=":material/casino:"):
        st.session_state.dataset_seed += 1
    chosen = sample_indices(labels, 40, st.session_state.dataset_seed, classes)
    widgets.picture(digit_strip(list(images[chosen]), [f"{label}\n#{index}" for index, label in zip(chosen, labels[chosen])],
                                _("{digits} drawn at random: {counted}").format(
                                    digits=SPLIT_DIGITS[split].format(count=len(chosen)),
                                    counted=counted_digits(labels[chosen])), side=56))
with overview:
    counts = np.bincount(y_train, minlength=10), np.bincount(y_test, minlength=10)
    widgets.chart(class_distribution(*counts), key="dataset_distribution", numbers=chart_tables.class_counts(*counts))
    widgets.picture(digit_strip(list(loaders.mean_digits(split)), [str(digit) for digit in range(10)],
                                _("The mean image of each digit from 0 to 9, {split} split: blurred, typical "
                                  "shapes").format(split=_(split)), side=64))
    st.caption(_("Mean digit per class ({split} split)").format(split=_(split)))
with projection:
    try:
        flat_map = loaders.model_feature_map()
    except ModelError:
        st.info(_("The map shows the model's own space: it appears once the model is built (Draw & Predict offers the "
                  "build)."))
    else:
        if split == "train":
            keep = np.isin(flat_map.labels, classes) if classes else np.ones(len(flat_map.labels), bool)
            points, shown_labels, indices = flat_map.points[keep], flat_map.labels[keep], flat_map.indices[keep]
        else:
            indices = sample_indices(labels, len(flat_map.labels), 0, classes)
            points, shown_labels = place(loaders.model(), flat_map, images[indices]), labels[indices]
        widgets.chart(projection_scatter(points, shown_labels, indices, _("{digits} on the model's map").format(
            digits=SPLIT_DIGITS[split].format(count=number(len(indices))))), key="dataset_projection")
        st.caption(_("The model's space (stroke directions, 100 numbers per digit) flattened onto its two main directions: "
                     "the same map, colours and orientation as on How KNN works."))
        close = closest_clouds(points, shown_labels)  # what the map shows, for every reader
        if close:  # (French writes a space before the semicolon)
            pairs = pgettext("between items of a list", "; ").join(_("{one} and {other}").format(one=one, other=other)
                                                                   for one, other in close)
            st.caption(_("In words: the digits whose dots lie closest together on the map (the middles of their clouds) "
                         "are {pairs}.").format(pairs=pairs))
