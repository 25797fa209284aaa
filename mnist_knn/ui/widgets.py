"""Widgets shared by several pages: model/data guards with a build button, the neighbour strip, charts, local times."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import streamlit as st
from babel.dates import format_datetime, format_skeleton
from streamlit.delta_generator import DeltaGenerator

from mnist_knn import config, language
from mnist_knn.classroom.memory import pen_of_own_copy
from mnist_knn.language import N_, _, number
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.reading.explanation import neighbour_images
from mnist_knn.storage import data
from mnist_knn.storage.card import ModelCard
from mnist_knn.storage.persistence import ModelError
from mnist_knn.ui import loaders
from mnist_knn.views.pictures import Picture, digit_strip
from mnist_knn.views.words import neighbors_in_words, voters_in_words

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from mnist_knn.views.chart_tables import Rows


def build_model_button(key: str) -> None:
    """Offer to build the default model: `python -m mnist_knn train`, in a process of its own (the app runs the lab's build
    as the command line does, and never imports the lab)."""
    if not st.button(_("Build the model now (about three minutes)"), key=key, type="primary"):
        return
    with st.spinner(_("Building the model: fitting {train} digits, then evaluating it once on the {test} test digits ...").format(
            train=number(data.N_TRAIN), test=number(data.N_TEST))):
        built = subprocess.run([sys.executable, "-m", "mnist_knn", "train"], capture_output=True, text=True,
                               cwd=config.PROJECT_ROOT)
    if built.returncode != 0:
        said = (built.stderr.strip() or built.stdout.strip()
                or _("exit status {status}").format(status=built.returncode)).splitlines()[-1]
        st.error(_("The build failed: {reason}").format(reason=said))
        st.stop()
    loaders.clear_after_build()
    st.rerun()


def _offer_build(page: str, error: ModelError) -> NoReturn:
    """Say why there is no usable model, offer to build it, and stop the page here."""
    st.warning(_("There is no usable model yet. {reason}").format(reason=error))
    build_model_button(f"{page}_build")
    st.stop()


def require_model(page: str) -> tuple[NearestDigitClassifier, ModelCard]:
    """The model and its card, or a message with a build button and the page stops here."""
    try:
        return loaders.model(), loaders.card()
    except ModelError as error:
        _offer_build(page, error)


def require_card(page: str) -> ModelCard:
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


DISTANCE_IN_WORDS = N_("Distance says how different a training digit is from the digit being read, after the model's steps: "
                       "smaller is more alike, and 1.0 is how far a typical digit's nearest training digit is.")


def neighbor_strip(model: NearestDigitClassifier, indices: np.ndarray, distances: np.ndarray, labels: np.ndarray, shown: int,
                   voted: int, remembered: np.ndarray | None = None, memory: ExtraExamples | None = None) -> None:
    """The `shown` nearest digits as one picture, each with its digit and distance ("yours" or "class" for remembered
    examples); the `voted` nearest framed."""
    remembered = np.zeros(len(indices), bool) if remembered is None else remembered
    images = neighbour_images(model, indices[:shown], require_mnist()[0], remembered[:shown], memory)
    pens = [pen_of_own_copy(memory, index) if extra and memory.mine[index] else None
            for index, extra in zip(indices[:shown], remembered[:shown])]  # a taught drawing's copies named so
    whose = ["{digit}" if not extra else _("{digit} (class)") if pen is None else _("{digit} (yours)") if pen == 0 else
             _("{digit} (yours, bolder pen)") if pen > 0 else _("{digit} (yours, finer pen)")
             for extra, pen in zip(remembered[:shown], pens)]
    captions = [owner.format(digit=label) + "\n" + _("distance {distance}").format(distance=number(distance, 2))
                for label, distance, owner in zip(labels[:shown], distances[:shown], whose)]
    picture(digit_strip(images, captions, neighbors_in_words(labels[:shown], voted), highlighted=voted))
    said = [_("Thick frames: {voters}.").format(voters=voters_in_words(voted))]
    own = own_voters(indices, remembered, voted, memory)
    times = round(float(memory.vote_weights[own].max())) if len(own) else 1
    if times > 1:  # the vote's shares would not add up from the frames alone
        said.append(_("Each of yours counts {times} times in the vote.").format(times=number(times)))
    st.caption(" ".join([*said, _(DISTANCE_IN_WORDS)]))


def own_voters(indices: np.ndarray, remembered: np.ndarray, voted: int, memory: ExtraExamples | None) -> np.ndarray:
    """The student's own drawings among the `voted` nearest (`remembered` marks those that are `memory`'s, the class's
    among them), as their places in `memory`."""
    theirs = indices[:voted][remembered[:voted]]
    return theirs[memory.mine[theirs]] if memory is not None else theirs[:0]


def picture(made: Picture, where: DeltaGenerator | None = None) -> None:
    """Show a picture from mnist_knn.views.pictures: the one kind of HTML the app renders, built there from escaped text
    and PNG data URLs only."""
    (where or st).html(made.html)


def chart(figure: go.Figure, key: str, where: DeltaGenerator | None = None, numbers: Rows | None = None) -> None:
    """A plotly figure under its title, written as page text: it wraps on a phone (plotly cuts a long title short) and a
    screen reader reads it. The title names the chart too (not its tick labels), and there is no mode bar: its eight
    buttons were eight Tab stops a chart, while the mouse still zooms (drag) and resets (double-click) without them.
    `numbers` (rows from mnist_knn.views.chart_tables) are the chart's figures as a table, in an expander below it."""
    title = figure.layout.title.text
    figure.update_layout(title_text=None, margin_t=28)  # room above the plot for what is written there ("limit", a 9's label)
    with (where or st).container():
        if title:
            st.markdown(f"**{title}**")
        st.plotly_chart(figure, key=key, config={"displayModeBar": False}, alt=title or None)
        if numbers:
            named = _("The numbers in this chart: {title}").format(title=title) if title else _("The numbers in this chart")
            with st.expander(named, icon=":material/table:"):  # each its own name, in a screen reader's list
                st.table(numbers, hide_index=True)  # an HTML table: a screen reader goes through it cell by cell


def local_time(seconds: float, to_the_second: bool = False) -> str:
    """A moment as the reader's own clock shows it (their browser's time zone; UTC when it is not known)."""
    try:
        zone = ZoneInfo(st.context.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    moment = datetime.fromtimestamp(seconds, tz=zone)
    today = datetime.now(tz=zone).date()
    speaks = language.current()
    time = format_datetime(moment, "HH:mm:ss" if to_the_second else "HH:mm", tzinfo=zone, locale=speaks)
    if moment.date() == today:
        return time
    day = (format_datetime(moment, "dd MMM", tzinfo=zone, locale=speaks) if speaks == language.SOURCE  # the house's "05 Mar"
           else format_skeleton("MMMd", moment, tzinfo=zone, locale=speaks))  # the language's own: "5. März", "5 mars"
    return f"{day}, {time}"


def as_plain_text(text: str) -> str:
    """User text (a nickname) for a Markdown element, shown as typed: every punctuation mark escaped."""
    return re.sub(r"([^\w\s])", r"\\\1", text)


def places_before_and_after(labels: np.ndarray, first_rank: np.ndarray, voted: int) -> None:
    """The neighbours that voted after the second look, each with its place in the first look and its place now."""
    st.table([{_("digit"): int(label), _("place in the first look"): int(rank) + 1, _("place now"): place + 1}
              for place, (label, rank) in enumerate(zip(labels[:voted], first_rank[:voted]))], hide_index=True)
