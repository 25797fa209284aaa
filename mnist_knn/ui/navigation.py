"""Keep every visit inside app.py's navigation, even a fresh server's first visitor who opens a page's URL directly."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

RAN_APP = "navigation_ran_app"  # session-state flag: this session has run app.py (and its st.navigation)


def mark_app_navigation() -> None:
    """Called by app.py: this session's pages are run through app.py's navigation."""
    st.session_state[RAN_APP] = True


def run_through_app() -> None:
    """Until some session has run app.py, Streamlit runs a requested page file on its own (its old pages/ folder mode:
    file names in the sidebar, no page config); then switch to app.py's navigation and run again."""
    if PagesManager.uses_pages_directory and not st.session_state.get(RAN_APP):
        PagesManager.uses_pages_directory = False
        st.rerun()
