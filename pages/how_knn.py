"""How KNN works: a digit (your drawing or a test digit) among the training digits, its neighbours, the second look, the
vote, and why features matter."""

import numpy as np
import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.language import N_, _, a_digit, names_now, ngettext, number, percent
from mnist_knn.model.neighbors import WEIGHTINGS
from mnist_knn.reading.diagnostics import chance_in_words
from mnist_knn.reading.drawing import read_drawing
from mnist_knn.reading.explanation import explain, neighbour_images
from mnist_knn.ui import classroom, loaders, state, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.ui.reading_view import not_known_unlike, spoken
from mnist_knn.views.explain import flip_name, predictions_by_k, predictions_in_words
from mnist_knn.views.pictures import digit_strip, vote_bars
from mnist_knn.views.plots import among_real_digits, neighbor_map, prediction_by_k
from mnist_knn.views.projection import labels_around, place
from mnist_knn.views.words import counted_digits, vote_in_words, weighting, whose_drawing

run_through_app()  # a page URL opened first on a fresh server

LATEST = N_("my latest drawing")
MAP_CROWD = 20  # the dots nearest the star that its caption counts

st.title(_("How KNN works"), anchor=False)
model, card = widgets.require_model("how")
stored = widgets.require_predictions("how")  # its examples come from the stored readings of the test digits
X_train, __, X_test, y_test = widgets.require_mnist()
try:
    drawings = loaders.drawing_store().drawings(state.student_token())
except ClassroomError as error:
    drawings = []
    st.warning(_("Your own drawings cannot be shown now. {error}").format(error=error))
try:  # a class's drawing to talk about, on the projector: newest first, by its id (two may share a name)
    on_the_wall = {f"wall-{sent.submission_id}": sent for sent in loaders.wall_submissions()[::-1]}
except ClassroomError:
    on_the_wall = {}  # the Class wall page says why it cannot be reached
if st.session_state.get("how_digit", "").startswith("wall-") and st.session_state["how_digit"] not in on_the_wall:
    st.info(_("The drawing shown before is no longer on the class wall."))  # (the box would show another one, unsaid)

settings = card.hyperparameters
controls = st.columns([2, 2, 2])
k = controls[0].slider(_("k: how many neighbours vote"), 1, NEIGHBORS_SHOWN, int(settings["n_neighbors"]), key="how_k")
weights = controls[1].radio(_("Voting"), WEIGHTINGS, index=WEIGHTINGS.index(settings["weights"]), key="how_weights",
                            horizontal=True, format_func=names_now(WEIGHTINGS, weighting))
examples = {flip_name(stored["neighbor_distances"][index], stored["neighbor_labels"][index], int(y_test[index]), weights): index
            for index in loaders.test_digits_where_k_matters(weights)}
choices = [LATEST] * bool(drawings) + list(on_the_wall) + list(examples)
named = names_now(choices, lambda choice: _(LATEST) if choice == LATEST else _("{drawing} ({time}), on the class wall").format(
    drawing=whose_drawing(on_the_wall[choice]), time=widgets.local_time(on_the_wall[choice].created_at, to_the_second=True))
    if choice in on_the_wall else choice)  # (a test digit's name is in the reader's language already)
chosen = controls[2].selectbox(_("Digit"), choices, key="how_digit", format_func=named,
                               help=_("Your latest drawing from Draw & Predict, a drawing on the class wall, or test digits "
                                      "whose answer changes with k."))
if chosen == LATEST:
    digit, shown_as, refused = drawings[-1].digit, _("your latest drawing"), drawings[-1].refused_on_canvas
elif chosen in on_the_wall:  # called not a digit on its canvas and not said to be one, it stays so (as My drawings')
    sent = on_the_wall[chosen]
    digit, shown_as, refused = sent.digit, named(chosen), sent.not_a_digit and sent.intended is None
else:
    digit, shown_as, refused = X_test[examples[chosen]], _("test digit #{index}").format(index=examples[chosen]), False

memory, __ = classroom.memory(learn=False)  # what this student taught it is searched here too
reading = read_drawing(digit, model=model, n_neighbors=k, weights=weights, mnist_format=True, extra=memory,
                       refused_when_drawn=refused)
evidence = explain(reading)
default_vote = (k, weights) == (settings["n_neighbors"], settings["weights"])  # said on arrival, and again at each k or voting
announce(spoken(reading, None if default_vote else (k, weights)), f"how-{chosen}-{k}-{weights}")
neighbors, novelty, shares, predicted = reading.neighbors, reading.novelty, reading.shares, reading.closest_digit
distances, labels, indices = neighbors.distances[0], neighbors.labels[0], neighbors.indices[0]
nearest_images = np.stack(neighbour_images(model, indices, X_train, neighbors.from_extra[0], memory))  # a taught one: yours

flat_map = loaders.model_feature_map()
digit_column, map_column = st.columns([1, 3], gap="large")
with digit_column:
    widgets.picture(digit_strip([digit], [shown_as], _("{digit}, 28 by 28 pixels, as the model reads it").format(
        digit=shown_as), side=168))
    st.metric(_("Reads as"), _("Not a digit") if reading.not_a_digit else str(reading.digit))
    # in sight of k and the voting, which change it (on a phone the vote's own section is thousands of pixels below)
    if reading.not_a_digit:  # never explained as a digit: the vote it would have
        said = (_("Were it a digit, its nearest would vote: {vote}") if k == 1 else
                _("Were it a digit, its {k} nearest would vote: {vote}"))
    else:
        said = _("The vote of its nearest: {vote}") if k == 1 else _("The vote of its {k} nearest: {vote}")
    st.caption(said.format(k=k, vote=vote_in_words(shares)))
    st.header(_("1. A digit becomes a point"), anchor=False)  # headings: a screen reader lists the steps
    others = len(model.more_digit_images_)  # real digits by other writers, stored after MNIST's
    st.markdown((_("The model turns the 28 × 28 picture into a list of numbers: which way the strokes run, and where. Every "
                   "training digit got the same treatment, so all {count} (MNIST's {mnist} and {others} by other writers) "
                   "are points in one space, and a new digit is read by the points nearest to it.") if others else
                 _("The model turns the 28 × 28 picture into a list of numbers: which way "
                   "the strokes run, and where. Every training digit got the same treatment, so all {count} are points in "
                   "one space, and a new digit is read by the points nearest to it.")).format(
        count=number(len(model.training_labels_)), mnist=number(len(model.training_labels_) - others), others=number(others)))
with map_column:
    star = place(model, flat_map, digit[None])[0]
    widgets.chart(neighbor_map(flat_map.points, flat_map.labels, star, place(model, flat_map, nearest_images), k,
                               a_digit=not reading.not_a_digit), key="how_map")
    st.caption(_("{count} training digits as dots, the star's {k} nearest ringed in black. The map squeezes 100 "
                 "directions into 2, so it can mislead: a star may sit among another digit's dots, and a neighbour can look "
                 "far away. The neighbours are found in the full space.").format(count=number(len(flat_map.labels)), k=k))
    around = labels_around(flat_map, star, MAP_CROWD)  # what the map shows, for every reader
    st.caption(_("In words: the {count} dots nearest the star on the map are {counted}.").format(
        count=number(MAP_CROWD), counted=counted_digits(around)))

st.header(_("2. Distance"), anchor=False)
st.markdown(_("How different two digits are after the model's steps. The nearest training digits:"))
widgets.neighbor_strip(model, indices, distances, labels, NEIGHBORS_SHOWN, k, neighbors.from_extra[0], memory)
yours = len(widgets.own_voters(indices, neighbors.from_extra[0], k, memory))  # the class's are marked 'class'
if yours:
    st.info(ngettext("{yours} of the {k} that vote is your own, marked 'yours': a drawing you taught it, or its copy with a "
                     "bolder or a finer pen. A KNN learns by remembering: your examples are searched beside MNIST's, and a "
                     "close one of yours outweighs many farther ones.",
                     "{yours} of the {k} that vote are your own, marked 'yours': what you taught it, each drawing also "
                     "remembered with a bolder and a finer pen. A KNN learns by remembering: your examples are searched "
                     "beside MNIST's, and a close one of yours outweighs many farther ones.", yours).format(yours=yours, k=k))

st.header(_("3. Is it a digit at all?"), anchor=False)
st.markdown(_("A nearest-neighbour model knows when a drawing is far from everything it "
              "remembers. Here is how far real digits (held out from training) are from their nearest training digit, "
              "and how far this one is."))
widgets.chart(among_real_digits(evidence.far_quantiles, float(novelty.first_look[0]), evidence.far_limit,
                                _("This drawing among real digits") if reading.not_a_digit
                                else _("This digit among real digits")), key="how_novelty")
st.caption(_("This one is farther away than {share} of real digits. Past the dotted line a drawing is called not a digit: "
             "far from every digit it learned from.").format(share=percent(novelty.first_farther_than[0], 1)))
if evidence.non_digit_count:
    share = float(novelty.non_digit_share[0])
    st.markdown(_("The model also remembers {count} drawings that are **not** digits (letters, other alphabets, symbols, "
                  "doodles) and searches them beside the digits. They never vote for a digit; they only say what lies "
                  "nearest. Of the vote of the {neighbors} examples nearest to this one, **{share} goes to things that are not "
                  "digits**; from {line} on, a drawing is called not a digit.").format(
        count=number(evidence.non_digit_count), neighbors=evidence.non_digit_neighbors, share=percent(share),
        line=percent(evidence.non_digit_vote)))
    digits_column, others_column = st.columns(2, gap="large")
    shown = len(evidence.nearest_non_digits)
    with digits_column:
        pairs = list(zip(labels[:shown], distances[:shown]))
        widgets.picture(digit_strip(list(nearest_images[:shown]),
                                    [f"{label}\n{number(distance, 2)}" for label, distance in pairs],
                                    _("Its nearest digits: {digits}").format(digits=", ".join(
                                        _("{a_digit} at {distance}").format(a_digit=a_digit(label), distance=number(distance, 2))
                                        for label, distance in pairs)), side=64))
        st.caption(_("Its nearest digits, with their distance."))
    with others_column:
        far = [number(distance, 2) for distance in evidence.non_digit_distances]
        widgets.picture(digit_strip(evidence.nearest_non_digits, [_("not a digit") + f"\n{distance}" for distance in far],
                                    _("Its nearest things that are not digits, at {distances}").format(
                                        distances=", ".join(far)), side=64))
        st.caption(_("Its nearest things that are not digits, with their distance (the same units)."))

second = evidence.second_look
if second:
    st.header(_("4. A second look"), anchor=False)
    st.markdown(_("The first look is fast and usually enough. When its {agreement} nearest "
                  "candidates disagree, the model looks again at its {candidates} nearest, and this time each pixel may "
                  "move up to {window} pixels to find its match: a stroke drawn a little higher, wider or bent still "
                  "fits.").format(agreement=second.agreement, candidates=second.candidates, window=second.window))
    if second.looked:
        if second.images is None:  # its nearest is a drawing the student taught: no training digit to move onto it
            rank_column = st.container()
        else:
            warp_column, rank_column = st.columns([2, 3], gap="large")
            with warp_column:
                shown_one = _("this drawing") if reading.not_a_digit else _("this digit")
                captions = [shown_one, _("nearest: {a_digit}").format(a_digit=a_digit(labels[0])), _("it, moved\nonto this one")]
                alt = (_("This drawing, the nearest training digit ({a_digit}), and that digit with each pixel moved onto "
                         "this one") if reading.not_a_digit else _("This digit, the nearest training digit ({a_digit}), and "
                                                                   "that digit with each pixel moved onto this one"))
                widgets.picture(digit_strip(list(second.images), captions, alt.format(a_digit=a_digit(labels[0])), side=112))
                st.caption(_("The last picture: the nearest training digit, rebuilt from the best match for each pixel of "
                             "this one."))  # last, not "right": on a narrow column it wraps below the first
        with rank_column:
            widgets.places_before_and_after(labels, neighbors.first_rank[0], k)
            st.caption(_("The nearest after the second look, and where each one stood in the first."))
    else:
        st.info(_("Here the first look's {agreement} nearest all agreed ({digit}), so no second look was needed.").format(
            agreement=second.agreement, digit=labels[0]))
else:
    st.header(_("4. One look"), anchor=False)
    st.markdown(_("This model was built without a second look, in which every pixel may move a little "
                  "to find its match: the first look's nearest vote as they are (Metrics shows how the default model was "
                  "chosen)."))

vote_column, flip_column = st.columns(2, gap="large")
with vote_column:
    st.header(_("5. The vote, were it a digit") if reading.not_a_digit else _("5. The vote"), anchor=False)
    st.markdown(_("The nearest alone decides (k = 1).") if k == 1 else
                _("The {k} nearest vote; each one counts the same.").format(k=k) if weights == "uniform"
                else _("The {k} nearest vote; a closer one counts more (weight 1 / distance).").format(k=k))
    widgets.picture(vote_bars(shares, predicted, _("The vote: {vote}").format(vote=vote_in_words(shares))))
    if reading.chance_right is not None:  # with k = 1 the vote is always whole: one chance for every reading
        said = (_("How sure: {sure} (with k = 1 the vote is always whole, so this is how often the nearest alone was right "
                  "on held-out digits: the same for every reading, right or wrong).") if k == 1 else
                _("How sure: {sure}: that share of the held-out digits read like this one, with this k and voting, "
                  "were read right."))
        st.caption(said.format(sure=chance_in_words(reading.chance_right)))
    elif not reading.not_a_digit and reading.novelty.unlike(0):  # measured on digits like those learned from: not this
        st.caption(_("How sure: {chance}").format(chance=not_known_unlike()))
with flip_column:
    st.header(_("6. Why k matters"), anchor=False)
    st.markdown(_("With k = 1 one odd neighbour decides alone; a larger k outvotes it, but too "
                  "large a k lets a crowd of another digit win. Where the line steps, the answer flips.") + (
        " " + _("This drawing is not read as a digit at any k: the line shows what the vote would say.")
        if reading.not_a_digit else ""))
    by_k = predictions_by_k(distances, labels, weights)
    widgets.chart(prediction_by_k(by_k, k), key="how_by_k")
    st.caption(_("In words: {runs}.").format(runs=predictions_in_words(by_k)))  # what the chart shows, for every reader

st.header(_("7. Why the features matter"), anchor=False)
st.markdown(_("The textbook KNN of the MNIST tutorials this project grew from compares raw pixels. This model compares "
              "stroke directions after straightening the slant. The same drawing, read both ways:") if reading.not_a_digit else
            _("The textbook KNN of the MNIST tutorials this project grew from compares raw pixels. This model compares "
              "stroke directions after straightening the slant. The same digit, read both ways:"))
textbook = loaders.textbook_knn()
plain = textbook.read(digit, judge=False)  # its own k nearest and their vote
ours_column, textbook_column = st.columns(2, gap="large")
textbook_answer = int(plain.predicted[0])
# each with its own k (the one chosen above; the tutorials' 4): said, as a class asks why one has 6 nearest and one 4
ours_compares = _("compares which way the strokes run, after the slant is removed, with the k chosen above ({k})")
textbook_compares = _("compares the 784 grey levels, pixel by pixel, as drawn, with the k of those tutorials ({k})")
for column, name, compares, answer, images, voted_labels in (
    (ours_column, _("This model"), ours_compares.format(k=k), predicted, nearest_images[:k], labels[:k]),
    (textbook_column, _("The textbook KNN"), textbook_compares.format(k=textbook.n_neighbors), textbook_answer,
     X_train[plain.neighbors.indices[0, : textbook.n_neighbors]], plain.neighbors.labels[0, : textbook.n_neighbors]),
):
    with column:
        refused = reading.not_a_digit and column is ours_column  # the textbook KNN never says "not a digit"
        its_vote = (_("**{name}** {compares}. Its {count} nearest vote **{answer}**, yet it answers: not a digit.") if refused
                    else _("**{name}** {compares}. Its {count} nearest vote: **{answer}**."))
        st.markdown(its_vote.format(name=name, compares=compares, count=len(voted_labels), answer=answer))
        widgets.picture(digit_strip(list(images), [str(label) for label in voted_labels],
                                    _("{name}'s {count} nearest: {counted}").format(
                                        name=name, count=len(voted_labels), counted=counted_digits(voted_labels)),
                                    highlighted=len(voted_labels), side=64))
st.caption(_("Draw a thick, small or slanted digit on Draw & Predict and come back: raw pixels often go wrong where "
             "stroke directions do not."))
