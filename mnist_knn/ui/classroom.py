"""Classroom widgets: send a drawing to the class wall, learn from the class, the teacher's unlock."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable

import numpy as np
import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.wall import NICKNAME_MAX, ClassWall
from mnist_knn.reading.classifier import ExtraExamples
from mnist_knn.ui import loaders, state

TEACHER_KEY_VARIABLE = "MNIST_KNN_TEACHER_KEY"


def open_wall() -> ClassWall | None:
    """The class wall, or None after an error message saying why it cannot be reached."""
    try:
        return loaders.class_wall()
    except ClassroomError as error:
        st.error(str(error))
        return None


def send_to_wall(digit: np.ndarray, predicted: int, chance_right: float, not_a_digit: bool, drawing: str) -> None:
    """Nickname (kept for the session), the digit meant (one tap, or none), and a button that says what it will send."""
    st.markdown("**Send it to the class wall**")
    st.text_input("Your nickname (optional)", max_chars=NICKNAME_MAX, key=state.NICKNAME, persist_state="session",
                  placeholder="e.g. Sam")
    meant = st.pills("The digit you meant", list(range(10)), key=f"draw_wall_meant_{drawing}",
                     help="Say it, and the wall can tell whether the model read you right.")
    label = "Send without saying which digit" if meant is None else f"Send: I meant {meant}"
    if not st.button(label, key="draw_wall_send", icon=":material/send:"):
        return
    wall = open_wall()
    if wall is None:
        return
    session = state.wall_session_id()
    try:
        wall.submit(digit, predicted, chance_right, session_id=session, submission_id=f"{session}-{drawing[:24]}",
                    nickname=st.session_state.get(state.NICKNAME, ""), intended=meant, not_a_digit=not_a_digit)
    except ClassroomError as error:
        st.warning(str(error))
        return
    st.success("On the class wall. Draw another one!", icon=":material/check:")


def shown_if_it_fails(action: Callable[..., object], *args: object) -> None:
    """Run a wall action from a button; if the database cannot do it, say so on the page instead of a traceback."""
    try:
        action(*args)
    except ClassroomError as error:
        st.error(str(error))


def class_memory(enabled: bool) -> ExtraExamples | None:
    """The wall's labelled drawings as extra neighbours when the student turned learning on (None otherwise)."""
    if not enabled or open_wall() is None:
        return None
    try:
        examples = loaders.class_examples()
    except ClassroomError as error:
        st.warning(str(error))
        return None
    st.caption(f"Learning from the class: {len(examples.labels)} drawing(s) with the digit their author meant join the "
               "neighbours. The Metrics page never includes them.")
    return examples


def teacher_unlocked() -> bool:
    """The teacher's key box until the key matches MNIST_KNN_TEACHER_KEY; then nothing of it stays on the page."""
    secret = os.environ.get(TEACHER_KEY_VARIABLE, "")
    if not secret:
        st.info(f"Teacher controls are off: this server was started without {TEACHER_KEY_VARIABLE}.")
        return False
    if state.teacher_unlocked():
        return True
    with st.form("teacher_unlock", clear_on_submit=True, border=False):
        typed = st.text_input("Teacher key", type="password", key="teacher_key")
        if not st.form_submit_button("Unlock", icon=":material/lock_open:"):
            return False
    if hmac.compare_digest(typed.encode(), secret.encode()):
        state.set_teacher_unlocked(True)
        st.rerun()  # drawn again without the key box
    st.error("That is not the teacher key.")
    return False
