"""Classroom widgets for students: send a drawing to the class wall, learn from the class, a wall tile's verdict."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import Drawing
from mnist_knn.classroom.wall import NICKNAME_MAX, ClassWall, Submission, clean_nickname
from mnist_knn.language import _, ngettext, number
from mnist_knn.model.looks import ExtraExamples
from mnist_knn.reading.drawing import DrawingReading
from mnist_knn.ui import loaders, state
from mnist_knn.ui.widgets import as_plain_text

TEACH_ERROR = "draw_teach_error"  # why the last digit picked could not be taught (the memory is full, ...)
SENT = "draw_sent"  # the drawing last sent to the wall: (its name, approved, the wall's reading of it)


def open_wall() -> ClassWall | None:
    """The class wall, or None after an error message saying why it cannot be reached."""
    try:
        return loaders.class_wall()
    except ClassroomError as error:
        st.error(str(error))
        return None


def _teach(key: str, source: str) -> None:
    """The digit meant was picked (or picked again, or cleared): label this drawing with it, which teaches the memory."""
    try:
        loaders.drawing_store().teach(state.student_token(), source, st.session_state.get(key))
        st.session_state.pop(TEACH_ERROR, None)
    except ClassroomError as error:
        st.session_state[key] = None
        st.session_state[TEACH_ERROR] = (key, str(error))  # said under this drawing's digits only


def _undo(key: str, source: str) -> None:
    """Undo the digit meant: the drawing's label follows the model's reading again, and the memory forgets it."""
    st.session_state[key] = None
    _teach(key, source)


def meant_key(drawing: str) -> str:
    """The key of a drawing's "digit you meant" buttons (where focus goes when their undo is gone)."""
    return f"draw_wall_meant_{drawing}"


def meant_and_send(digit: np.ndarray, drawing: str, source: str, read_for_everyone: Callable[[], DrawingReading],
                   taught: str | None, read_here: int | None) -> str | None:
    """The digit you meant (one tap: it labels this drawing, teaches your memory, and is what Send sends), an undo with
    what teaching did (`taught`: said under the digits, so that nothing above them moves under the finger that tapped),
    then the nickname and a button that says what it will send to the class wall, with the reading `read_for_everyone`
    gives: the model's own, without anyone's examples (the wall's ✓ and its class accuracy are the model's); sent, it
    says so where that reading differs from `read_here`, the page's (None: not a digit). Returns how sending this
    drawing went, in words (None: not sent), for the announcer to say too."""
    key = meant_key(drawing)
    try:
        kept = loaders.drawing_store().drawing(state.student_token(), source)  # its label (the digit meant) is what is sent
    except ClassroomError:
        kept = None
    if key not in st.session_state and kept is not None and kept.taught:
        st.session_state[key] = kept.label  # taught before (another page, a rerun): the digits show it
    # required: a digit chosen is never un-chosen by a second tap or Space (that sent "without saying which digit");
    # the Undo below is the one way back
    meant = st.pills(_("The digit you meant"), list(range(10)), key=key, on_change=_teach, args=(key, source), required=True,
                     help=_("Pick it, and the model learns it at once: this drawing and every later one of yours are read "
                            "with it. Nobody else's reading changes, unless you send it to the class wall and they turn on "
                            "Learn from the class."))
    if st.session_state.get(TEACH_ERROR, ("",))[0] == key:
        st.warning(st.session_state[TEACH_ERROR][1])
    if meant is not None:
        st.button(_("Undo: forget that I meant {digit}").format(digit=meant), key="draw_meant_undo", icon=":material/undo:",
                  on_click=_undo, args=(key, source))
    if taught:
        st.caption(taught)
    with st.container(key="draw_wall_send_heading"):  # a heading a screen reader jumps to, drawn as bold text
        st.subheader(_("Send it to the class wall"), anchor=False)
    typed = st.text_input(_("Your nickname (optional)"), max_chars=NICKNAME_MAX, key=state.NICKNAME, persist_state="session",
                          placeholder=_("e.g. Sam"))
    shown = clean_nickname(typed)
    if typed and shown != " ".join(typed.split()):  # characters the wall does not keep: said here, not found on the wall
        st.caption(_("Shown on the wall as: {nickname} (letters, digits, spaces and . _ ' - only)").format(
            nickname=as_plain_text(shown) or _("someone")))
    label = _("Send without saying which digit") if meant is None else _("Send: I meant {digit}").format(digit=meant)
    sent_now = st.button(label, key="draw_wall_send", icon=":material/send:")
    if sent_now:
        try:
            st.session_state[SENT] = (drawing, *_send(digit, drawing, kept, read_for_everyone))
        except ClassroomError as error:
            _say_how_sending_went(st.warning, str(error), ":material/warning:")
            return None
    words, icon = _sent_words(drawing, read_here)
    if words and sent_now:
        _say_how_sending_went(st.success, words, icon)
    elif words:  # sent before: still said under Send, as long as this drawing is shown
        st.success(words, icon=icon)
    return words


def _send(digit: np.ndarray, drawing: str, kept: Drawing | None,
          read_for_everyone: Callable[[], DrawingReading]) -> tuple[bool, int | None]:
    """Send the drawing to the class wall, read as the model reads it for everyone: (approved, that reading's digit,
    None for not a digit). Raises ClassroomError when it cannot be sent."""
    wall = loaders.class_wall()
    session = state.wall_session_id()
    if kept is None:
        raise ClassroomError(_("This drawing is not kept yet; draw it again."))
    drawing_id = hashlib.sha256(drawing.encode()).hexdigest()[:24]  # of its canvas and its pixels: one per drawing
    reading = read_for_everyone()
    sent = wall.submit(digit, reading.closest_digit, reading.chance_right or 0.0, session_id=session,
                       submission_id=f"{session}-{drawing_id}", nickname=st.session_state.get(state.NICKNAME, ""),
                       intended=kept.label if kept.taught else None, not_a_digit=reading.not_a_digit)
    return sent.approved, None if reading.not_a_digit else reading.closest_digit


def _sent_words(drawing: str, read_here: int | None) -> tuple[str | None, str]:
    """How sending `drawing` to the class wall went, in the reader's language, with its icon ((None, "") when it was not
    sent), and how the wall reads it where that differs from `read_here`, the page's reading (None: not a digit)."""
    sent = st.session_state.get(SENT)
    if sent is None or sent[0] != drawing:
        return None, ""
    __, approved, read_there = sent
    if approved:
        words, icon = _("On the class wall. Draw another one!"), ":material/check:"
    else:  # the teacher shows drawings once approved: not on the wall yet, and not lost
        words, icon = _("Sent: it waits for your teacher, who puts it on the class wall. Draw another one!"), \
            ":material/schedule_send:"
    if read_there != read_here:  # the wall showed "✗ 7, meant 1" to a student whose page had just said "Reads as 1"
        words += " " + _("On the wall it reads as {answer}: the wall shows the model's own vote, without anyone's taught "
                         "drawings.").format(answer=_("not a digit") if read_there is None else read_there)
    return words, icon


def _say_how_sending_went(say: Callable[..., object], words: str, icon: str) -> None:
    """How sending went, under the Send button and in a toast: in sight on a phone, where Send sits at the foot of the
    screen and what appears under it does not (the toast is for the eye alone: ui/announce.py makes it inert)."""
    say(words, icon=icon)
    st.toast(words, icon=icon)


def memory(learn: bool) -> tuple[ExtraExamples | None, tuple]:
    """The examples searched beside MNIST for this student: what they taught, and the class's when `learn` is on."""
    with_class = learn and open_wall() is not None
    try:
        examples, key = loaders.memory(state.student_token(), with_class)
    except ClassroomError as error:
        st.warning(_("Your own examples cannot be used now. {reason}").format(reason=error))
        return None, ()
    if with_class:
        shared = 0 if examples is None else int((~examples.mine).sum())
        st.caption(ngettext("Learning from the class: {count} drawing with the digit its author meant joins the neighbours. "
                            "The Metrics page never includes it.",
                            "Learning from the class: {count} drawings with the digit their author meant join the neighbours. "
                            "The Metrics page never includes them.", shared).format(count=number(shared)))
    return examples, key


def tile_verdict(submission: Submission) -> tuple[str, str | None]:
    """Right or misread at a glance: a headline in colour with a symbol or words (never colour alone), and what was meant
    where the headline does not say it ("✓ 7" does: it was read as meant; "read 7" alone: nothing was meant)."""
    meant = None if submission.intended is None else _("meant {digit}").format(digit=submission.intended)
    if submission.not_a_digit:
        return ":orange[" + _("not a digit") + "]", meant  # its words alone: a "?" before them read as "digit not said"
    if submission.matched is None:
        return _("read {digit}").format(digit=submission.predicted), meant
    if submission.matched:
        return f":green[✓ {submission.predicted}]", None
    return f":red[✗ {submission.predicted}]", meant
