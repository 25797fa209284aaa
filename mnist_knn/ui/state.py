"""Session-state keys that several pages or modules share, and their accessors (a page's own widget keys stay there)."""

from __future__ import annotations

import uuid

import streamlit as st

from mnist_knn.classroom.drawings import Drawing

DRAWINGS = "drawings"  # this session's drawings (list of Drawing), oldest first: Draw & Predict, How KNN works, My drawings
WALL_SESSION_ID = "wall_session_id"  # a random id per browser session: the wall's rate limit counts per session
TEACHER_UNLOCKED = "wall_teacher"  # True once this session typed the teacher key


def drawings() -> list[Drawing]:
    """This session's drawings, oldest first."""
    return st.session_state.setdefault(DRAWINGS, [])


def set_drawings(history: list[Drawing]) -> None:
    """Replace this session's drawings."""
    st.session_state[DRAWINGS] = history


def wall_session_id() -> str:
    """This browser session's random id (made on first use)."""
    return st.session_state.setdefault(WALL_SESSION_ID, uuid.uuid4().hex)


def teacher_unlocked() -> bool:
    """Whether this session has typed the teacher key."""
    return bool(st.session_state.get(TEACHER_UNLOCKED))


def set_teacher_unlocked(unlocked: bool) -> None:
    """Unlock (or lock) the teacher controls for this session."""
    st.session_state[TEACHER_UNLOCKED] = unlocked
