"""Classroom widgets: send a drawing to the class wall, learn from the class, the teacher's unlock."""

from __future__ import annotations

import hmac
import os

import numpy as np
import streamlit as st

from mnist_knn.classroom.wall import NICKNAME_MAX, ClassWall, WallError
from mnist_knn.reading.classifier import ExtraExamples
from mnist_knn.ui import loaders, state

TEACHER_KEY_VARIABLE = "MNIST_KNN_TEACHER_KEY"
NOT_SAID = "not saying"


def session_id() -> str:
    """A random id for this browser session: the wall's rate limit counts per session."""
    return state.wall_session_id()


def open_wall() -> ClassWall | None:
    """The class wall, or None after an error message saying why it cannot be reached."""
    try:
        return loaders.class_wall()
    except WallError as error:
        st.error(str(error))
        return None


def send_to_wall_form(digit: np.ndarray, predicted: int, confidence: float, digest: str) -> None:
    """'Send to class wall' with an optional nickname and the digit the student meant; says what happened."""
    with st.form("draw_wall_form", border=True):
        st.markdown("**Send to the class wall**")
        name_column, meant_column = st.columns(2)
        nickname = name_column.text_input("Nickname (optional)", max_chars=NICKNAME_MAX, key="draw_wall_nickname")
        meant = meant_column.selectbox("The digit you meant", [NOT_SAID, *range(10)], key="draw_wall_meant",
                                       help="Say it, and the wall can tell whether the model read you right.")
        if not st.form_submit_button("Send to class wall", icon=":material/send:"):
            return
    wall = open_wall()
    if wall is None:
        return
    try:
        wall.submit(digit, predicted, confidence, session_id=session_id(), submission_id=f"{session_id()}-{digest[:24]}",
                    nickname=nickname, intended=None if meant == NOT_SAID else int(meant))
    except WallError as error:
        st.warning(str(error))
        return
    st.success("On the class wall. Draw another one!", icon=":material/check:")


def class_memory(enabled: bool) -> ExtraExamples | None:
    """The wall's labelled drawings as extra neighbours when the student turned learning on (None otherwise)."""
    if not enabled or open_wall() is None:
        return None
    examples = loaders.class_examples()
    st.caption(f"Learning from the class: {len(examples.labels)} drawing(s) with the digit their author meant join the "
               "neighbours. The Metrics page never includes them.")
    return examples


def teacher_unlocked() -> bool:
    """A password box for the teacher; True once the key matches MNIST_KNN_TEACHER_KEY (the key is never shown or logged)."""
    secret = os.environ.get(TEACHER_KEY_VARIABLE, "")
    if not secret:
        st.info(f"Teacher controls are off: this server was started without {TEACHER_KEY_VARIABLE}.")
        return False
    if state.teacher_unlocked():
        return True
    typed = st.text_input("Teacher key", type="password", key="wall_teacher_key")
    if typed and hmac.compare_digest(typed.encode(), secret.encode()):
        state.set_teacher_unlocked(True)
        return True
    if typed:
        st.error("That is not the teacher key.")
    return False
