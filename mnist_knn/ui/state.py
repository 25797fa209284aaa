"""Session-state keys that several pages or modules share, and their accessors (a page's own widget keys stay there)."""

from __future__ import annotations

import re
import uuid

import streamlit as st

from mnist_knn.classroom.drawings import new_token

STUDENT = "student_token"  # this tab's random token: its drawings in the classroom database belong to it
TOKEN_PARAMETER = "me"  # ... kept in the page's address, so a reload (F5) finds the same drawings
WALL_SESSION_ID = "wall_session_id"  # a random id per browser session: the wall's rate limit counts per session
TEACHER_UNLOCKED = "teacher_unlocked"  # True once this session typed the teacher key
NICKNAME = "draw_wall_nickname"  # the nickname for the wall, kept for the whole session
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def student_token() -> str:
    """This tab's token, from the session or the address (made on first use), and put back into the address."""
    token = st.session_state.get(STUDENT) or st.query_params.get(TOKEN_PARAMETER, "")
    if not _TOKEN.fullmatch(token):
        token = new_token()
    st.session_state[STUDENT] = token
    if st.query_params.get(TOKEN_PARAMETER) != token:
        st.query_params[TOKEN_PARAMETER] = token
    return token


def wall_session_id() -> str:
    """This browser session's random id (made on first use)."""
    return st.session_state.setdefault(WALL_SESSION_ID, uuid.uuid4().hex)


def teacher_unlocked() -> bool:
    """Whether this session has typed the teacher key."""
    return bool(st.session_state.get(TEACHER_UNLOCKED))


def set_teacher_unlocked(unlocked: bool) -> None:
    """Unlock (or lock) the teacher controls for this session."""
    st.session_state[TEACHER_UNLOCKED] = unlocked
