"""The draw page's answer: the prediction box, the vote's settings, the classroom buttons, and what the model saw.

Imported by the page only after the canvas is on screen, so a person can draw while scikit-learn and the model load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.language import _, names_now, ngettext, number
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.model.neighbors import WEIGHTINGS
from mnist_knn.reading.diagnostics import chance_in_words
from mnist_knn.reading.drawing import DrawingReading, DrawingSearch, search_drawings
from mnist_knn.reading.explanation import explain
from mnist_knn.ui import classroom, loaders, state, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.views.pictures import stages_picture, vote_bars
from mnist_knn.views.words import vote_in_words, weighting

# a remembered example this near (in a typical held-out digit's nearest distance) is the very drawing, taught and drawn again
SAME_DRAWING = 0.01


def show(image: np.ndarray | None, polarity: str, origin: str, answer_column: DeltaGenerator, hint: str,
         blank: str | None = None) -> None:
    """Read the drawing (or upload) and show the answer beside it and the explanation below; `hint` says how to give
    it a digit while there is none, and `blank` what is wrong with an image without ink (None: the hint again)."""
    with answer_column:
        shown = answer(image, polarity, origin, hint, blank)
    if shown is not None:
        explanation(*shown)


def _search_once(image: np.ndarray, digest: str, polarity: str, memory: ExtraExamples | None,
                 memory_key: tuple) -> DrawingSearch | None:
    """The drawing's search (before any vote), made once per drawing and state of the memory: moving the k slider only
    votes again."""
    searched = (digest, polarity, memory_key)
    if st.session_state.get("draw_search_of") != searched:
        st.session_state.draw_search = search_drawings([image], model=loaders.model(), extra=memory, polarity=polarity)[0]
        st.session_state.draw_search_of = searched
    return st.session_state.draw_search


def answer(image: np.ndarray | None, polarity: str, origin: str, hint: str, blank: str | None = None) -> tuple | None:
    """The prediction box, the vote's settings and the classroom buttons; returns what the page explains below."""
    __, card = widgets.require_model("draw")
    settings = card.hyperparameters
    heading = st.empty()  # the answer's heading, once there is an answer: a screen reader jumps to it (drawn for it only)
    box = st.container(key="draw_prediction")
    if image is None:
        box.info(hint)
        announce(None)  # nothing to say yet; from now on, focus is kept where the person is
        return None
    k, weights, memory, memory_key = _vote_settings(settings)
    digest = hashlib.sha256(image.tobytes()).hexdigest()  # names this drawing for the search, the announcer and the wall
    found = _search_once(image, digest, polarity, memory, memory_key)
    if found is None:  # no ink: a canvas whose strokes were all undone, or a blank photo (an alert says so: said once)
        if blank is None:
            box.info(hint)
        else:
            box.warning(blank, icon=":material/hide_image:")
        announce(None)
        return None
    reading = found.vote(k, weights)
    default_vote = (k, weights) == (settings["n_neighbors"], settings["weights"])
    with heading.container(key="draw_answer_heading"):
        st.header(_("The answer"), anchor=False)
    with box:
        not_known = _verdict(reading, default_vote, memory)
    taught = _taught_itself(reading, memory)
    _keep_in_my_drawings(reading, origin, digest)
    plain = found if memory is None else None  # the search without anyone's examples, made only if the drawing is sent

    def read_for_everyone() -> DrawingReading:
        """This drawing as the model reads it for everyone: no one's examples, its own k and weighting."""
        search = plain if plain is not None else search_drawings([image], model=loaders.model(), polarity=polarity)[0]
        return search.vote(settings["n_neighbors"], settings["weights"])

    drawing = f"{origin}-{digest}"
    sent = classroom.meant_and_send(reading.stages.centred, drawing, origin, read_for_everyone, taught, reading.digit)
    # said again when the drawing, the vote or the words change (sent to the wall too, as the box under Send says: a
    # box drawn anew may go unread by a screen reader); focus back on the digits when their undo is gone
    announce(spoken(reading, None if default_vote else (k, weights), why=[not_known, taught, sent]),
             f"{drawing}-{k}-{weights}", instead=classroom.meant_key(drawing))
    return reading, memory


def _vote_settings(settings: dict) -> tuple[int, str, ExtraExamples | None, tuple]:
    """"Change the vote": k, the weighting, and the examples searched beside MNIST (with the key of their state)."""
    with st.expander(_("Change the vote"), icon=":material/tune:"):
        k = st.slider(_("k: how many neighbours vote"), 1, NEIGHBORS_SHOWN, int(settings["n_neighbors"]), key="draw_k")
        weights = st.radio(_("Voting"), WEIGHTINGS, index=WEIGHTINGS.index(settings["weights"]), key="draw_weights",
                           format_func=names_now(WEIGHTINGS, weighting), horizontal=True,
                           help=_("uniform: one neighbour, one vote. distance: closer neighbours count more."))
        learn = st.toggle(_("Learn from the class"), key="draw_learn",
                          help=_("A KNN learns by remembering: drawings on the class wall that carry the digit their author "
                                 "meant join the neighbours searched here."))
        return k, weights, *classroom.memory(learn)


def _verdict(reading: DrawingReading, default_vote: bool, memory: ExtraExamples | None) -> str | None:
    """Reads as a digit and how sure (with the vote's k and weighting when they are not the model's own), or not a digit
    and why; then what else to know: unsure, or unlike the digits it learned from. Returns why how sure is not known
    ("How sure: not known, as ..."; None when it is known, or not a digit)."""
    k, weights, neighbors = reading.n_neighbors, reading.weights, reading.neighbors
    if reading.not_a_digit:
        st.metric(_("Reads as"), _("Not a digit"))
        if reading.reasons:  # one alert for them all: two interrupted each other, and "Not a digit" (said politely)
            st.warning("\n\n".join(reading.reasons), icon=":material/help:")
        st.caption(_("Were it a digit, the vote would say {digit}.").format(digit=reading.closest_digit))
        return None
    st.metric(_("Reads as"), str(reading.digit), help=_("How sure: of held-out digits that the model read like this "
              "one (with the same k and voting), that share was read right. It is not known while your own drawings, "
              "or the class's, take part in the vote (it was measured without them), nor for a drawing unlike the "
              "digits the model learned from: such drawings are read right less often than that share."))
    yours = widgets.own_voters(neighbors.indices[0], neighbors.from_extra[0], k, memory)
    sure = chance_in_words(reading.chance_right) if reading.chance_right is not None else (
        _("not known, as your own drawings vote too") if len(yours) else
        _("not known, as the class's drawings vote too") if neighbors.from_extra[0, :k].any() else
        not_known_unlike())
    how_sure = _("How sure: {chance}").format(chance=sure)
    st.caption(how_sure if default_vote else
               _("How sure: {chance} (k = {k}, {weighting})").format(chance=sure, k=k, weighting=weighting(weights)))
    for warning in reading.warnings:
        st.warning(warning)
    return None if reading.chance_right is not None else how_sure


def not_known_unlike() -> str:
    """How sure, for a drawing unlike the digits the model learned from, in the words of the warning beside it."""
    return _("not known for a drawing this unlike the digits I learned from")


def _taught_itself(reading: DrawingReading, memory: ExtraExamples | None) -> str | None:
    """Why a drawing taught and drawn again reads as taught: it is its own nearest neighbour (None when it is not)."""
    neighbors = reading.neighbors
    if reading.not_a_digit or not (neighbors.from_extra[0, 0] and neighbors.distances[0, 0] < SAME_DRAWING
                                   and memory.mine[neighbors.indices[0, 0]]):
        return None
    return (_("You taught it this very drawing, so its nearest neighbour is now itself.") if reading.weights == "uniform"
            else _("You taught it this very drawing, so its nearest neighbour is now itself: at a distance of 0 it "
                   "outweighs every other vote."))


def _keep_in_my_drawings(reading: DrawingReading, origin: str, digest: str) -> None:
    """Write the drawing and its reading to My drawings, once (a rerun changes nothing); say so if it cannot be kept."""
    kept = (origin, digest, reading.closest_digit, reading.chance_right, reading.not_a_digit)
    if st.session_state.get("draw_kept") == kept:
        return
    try:
        loaders.drawing_store().record(state.student_token(), origin, reading.stages.centred, reading.closest_digit,
                                       reading.chance_right, reading.not_a_digit)
        st.session_state.draw_kept = kept
    except ClassroomError as error:
        st.caption(_("Not kept in My drawings: {error}").format(error=error))


def spoken(reading: DrawingReading, vote: tuple[int, str] | None = None, why: Sequence[str | None] = ()) -> str:
    """The answer as one phrase for a screen reader: "Reads as 7, more than 99 % sure", with the vote's k and weighting
    when the person changed them (`vote`), as the page writes them, then the page's sentences `why` (how sure is not
    known, what teaching did, that it went to the class wall), as the page shows them. Not a digit's reason is not said
    again (its warning beside the answer is an alert, which a screen reader reads out as it appears); with the vote
    changed, what that vote would say is."""
    sentences = [sentence if sentence.endswith((".", "!")) else f"{sentence}." for sentence in why if sentence]
    if reading.not_a_digit:  # with the vote changed, what that vote would say (each change of k was said alike)
        were = None if vote is None else _("Were it a digit, the vote would say {digit} (k = {k}, {weighting}).").format(
            digit=reading.closest_digit, k=vote[0], weighting=weighting(vote[1]))
        return " ".join(sentence for sentence in [_("Reads as: not a digit."), were, *sentences] if sentence)
    if reading.chance_right is None:
        said = _("Reads as {digit}").format(digit=reading.digit)
    else:
        # Translators: said by a screen reader; {chance} is a percentage or "more than 99 %".
        said = _("Reads as {digit}, {chance} sure").format(digit=reading.digit, chance=chance_in_words(reading.chance_right))
    said = said if vote is None else _("{answer} (k = {k}, {weighting})").format(answer=said, k=vote[0],
                                                                                   weighting=weighting(vote[1]))
    return " ".join([said + "." if sentences else said, *sentences])


def explanation(reading: DrawingReading, memory: ExtraExamples | None) -> None:
    """What the model saw, the neighbours that voted and the vote: one picture each (quick to send and to draw)."""
    neighbors, stages, k = reading.neighbors, reading.stages, reading.n_neighbors
    seen_column, vote_column = st.columns([3, 2], gap="large")
    with seen_column:
        st.header(_("What the model saw"), anchor=False)  # anchors: Tab stops of no use here
        height, width = stages.crop.shape
        widgets.picture(stages_picture(
            [(stages.crop, _("1. the ink")), (stages.fitted, _("2. into 20 px")), (stages.centred, _("3. centred, 28 px")),
             (reading.model_input, _("4. slant removed"))],
            _("Your drawing in four steps: the ink, {width} by {height} pixels; scaled into 20 pixels; centred in 28 by 28; "
              "its slant removed").format(width=width, height=height)))
        st.caption(_("Your drawing becomes an MNIST digit the way MNIST's were made: cut to the ink ({width} × {height} "
                     "pixels), scaled to fit 20 pixels, centred by its weight in a 28 × 28 square. Then the model evens out "
                     "its slant: it shears the digit until its ink leans neither way on average, so a digit with one "
                     "slanted stroke may end up leaning the other way.").format(width=width, height=height))
    with vote_column:  # a drawing that is not a digit still has a digits' vote: said to be hypothetical
        st.header(_("The vote, were it a digit") if reading.not_a_digit else _("The vote"), anchor=False)
        said = (_("The vote, were it a digit: {vote}") if reading.not_a_digit else _("The vote: {vote}")).format(
            vote=vote_in_words(reading.shares))
        widgets.picture(vote_bars(reading.shares, reading.digit, said))
    st.header(ngettext("The {count} nearest training digit", "The {count} nearest training digits", NEIGHBORS_SHOWN).format(
        count=number(NEIGHBORS_SHOWN)), anchor=False)
    widgets.neighbor_strip(reading.model, neighbors.indices[0], neighbors.distances[0], neighbors.labels[0], NEIGHBORS_SHOWN, k,
                           neighbors.from_extra[0], memory)
    second = explain(reading).second_look
    if second and second.looked:
        moved = int(neighbors.first_rank[0, 0])
        looked = _("The first look's {agreement} nearest did not agree, so the model took a second look at its {candidates} "
                   "nearest: each pixel may move up to {window} pixels to find its match.").format(
            agreement=second.agreement, candidates=second.candidates, window=second.window)
        nearest = (_("The nearest now was also the nearest before.") if moved == 0 else  # ("was number 10 at first": unclear)
                   ngettext("In the first look, {count} other digit was nearer than the one nearest now.",
                            "In the first look, {count} other digits were nearer than the one nearest now.", moved).format(
                       count=number(moved)))
        st.caption(" ".join([looked, nearest, _("How KNN works shows it.")]))
