"""Keep every visit inside app.py's navigation (even a fresh server's first visitor who opens a page's URL directly),
and close the list of pages on a phone once a page is chosen from it."""

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


# app.py lists the pages as st.page_link (Streamlit's own list is not valid HTML), and those links do not close the
# sidebar that covers a phone's screen when a page is chosen, as Streamlit's own list does; this does.
CLOSE_AFTER_CHOOSING = """
export default function () {
  if (window.__digitLabPagesList) return;
  window.__digitLabPagesList = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]');
    if (!link || !window.matchMedia('(max-width: 767px)').matches) return;  // only where the sidebar covers the page
    setTimeout(() => document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click(), 0);
  }, true);
}
"""


@st.cache_resource
def _pages_list_closer():
    """The component, registered once per server."""
    return st.components.v2.component("digit-lab.pages-list", js=CLOSE_AFTER_CHOOSING, html="<span></span>")


def close_pages_list_after_choosing() -> None:
    """On a phone, the sidebar closes once a page is chosen from it."""
    _pages_list_closer()(key="pages_list_closer")
