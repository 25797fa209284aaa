"""Keep every visit inside app.py's navigation (even a fresh server's first visitor who opens a page's URL directly),
and, once a page is chosen from the list of pages, close the list on a phone and move focus to the new page's title; the
list's link to the page on screen is marked as the current page."""

import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.pages_manager import PagesManager

RAN_APP = "navigation_ran_app"  # session-state flag: this session has run app.py (and its st.navigation)
PAGE_SHOWN, PAGE_BEFORE = "navigation_page_shown", "navigation_page_before"  # the pages of this run and of the run before


def mark_app_navigation() -> None:
    """Called by app.py: this session's pages are run through app.py's navigation."""
    st.session_state[RAN_APP] = True


def note_the_page_shown(shown: StreamlitPage) -> None:
    """Called by app.py on every whole run: the page this run shows, and the one the run before showed."""
    st.session_state[PAGE_BEFORE] = st.session_state.get(PAGE_SHOWN)
    st.session_state[PAGE_SHOWN] = shown.url_path


def arrived() -> bool:
    """Whether this run opens its page anew: the session's first, or from another page (not a rerun on the page)."""
    return st.session_state.get(PAGE_BEFORE) != st.session_state.get(PAGE_SHOWN)


def run_through_app() -> None:
    """Until some session has run app.py, Streamlit runs a requested page file on its own (its old pages/ folder mode:
    file names in the sidebar, no page config); then switch to app.py's navigation and run again."""
    if PagesManager.uses_pages_directory and not st.session_state.get(RAN_APP):
        PagesManager.uses_pages_directory = False
        st.rerun()


# app.py lists the pages as st.page_link (Streamlit's own list is not valid HTML), and those links do not close the
# sidebar that covers a phone's screen when a page is chosen, as Streamlit's own list does; this does. Streamlit changes
# pages without loading a new document, so focus stayed on the link chosen: a screen reader said nothing of the new
# page, and Tab went on through the rest of the sidebar. Focus goes to the new page's title once it is drawn instead, as it
# does for a link on a page (Metrics' links to Mistakes left focus on the page's body). The link to the page on screen
# carries aria-current="page", which a screen reader says ("current page").
FOLLOW_THE_PAGE_CHOSEN = """
const TITLE_WAIT_MS = 15000;  // a busy server may take this long to draw the new page
function focusTitleAfter(link) {  // the new page's title, once drawn: a new heading, or the old one with the new words
  const before = document.querySelector('.stMain h1');
  const beforeWords = before && before.textContent;  // (React may keep the old page's h1 and write the new title in it)
  let moved = false;  // the person went on meanwhile (a key, a tap, a click): focus stays where they took it
  const goneOn = () => { moved = true; };
  const watched = ['keydown', 'pointerdown'];
  watched.forEach((type) => window.addEventListener(type, goneOn, true));
  const done = () => watched.forEach((type) => window.removeEventListener(type, goneOn, true));  // no listener left behind
  const started = Date.now();
  const look = () => {
    const title = document.querySelector('.stMain h1');
    const focusStayed = [link, document.body, null].includes(document.activeElement);
    if (moved || !focusStayed) return done();
    const drawn = title && (title !== before || title.textContent !== beforeWords);
    if (drawn && !title.closest('[data-stale="true"]')) {
      title.tabIndex = -1;  // focusable by script only: not one more Tab stop
      title.focus({preventScroll: true});
      done();
    } else if (Date.now() - started < TITLE_WAIT_MS) {
      setTimeout(look, 100);
    } else {
      done();
    }
  };
  setTimeout(look, 100);
}
const LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]';
function markCurrent() {  // the link to the page on screen says so (aria-current): Streamlit marks it by its colour only
  const here = window.__digitLabPageShown;  // the page's address as its link has it ("" for the default page)
  document.querySelectorAll(LINKS).forEach((link) => {
    const current = link.getAttribute('href') === here;
    if (current === (link.getAttribute('aria-current') === 'page')) return;
    if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  });
}
export default function (component) {
  window.__digitLabPageShown = (component.data || {}).shown;
  markCurrent();
  if (window.__digitLabPageFollower) return;
  window.__digitLabPageFollower = true;
  let queued = false;  // once a frame, however many changes a run makes: a new page redraws the main area
  new MutationObserver(() => {
    if (!queued) requestAnimationFrame(() => { queued = false; markCurrent(); });
    queued = true;
  }).observe(document.body, {childList: true, subtree: true});
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[data-testid="stPageLink-NavLink"]');  // sidebar or page
    if (!link) return;
    focusTitleAfter(link);
    const sidebarCovers = link.closest('[data-testid="stSidebar"]') && window.matchMedia('(max-width: 767px)').matches;
    if (!sidebarCovers) return;  // a phone's open sidebar covers the page: close it
    setTimeout(() => document.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click(), 0);
  }, true);
}
"""


@st.cache_resource
def _page_follower():
    """The component, registered once per server."""
    return st.components.v2.component("digit-lab.page-follower", js=FOLLOW_THE_PAGE_CHOSEN, html="<span></span>")


def follow_the_page_chosen(shown: StreamlitPage) -> None:
    """Once a page is chosen (from the sidebar, or by a link on a page), focus goes to its title; on a phone, a choice
    from the sidebar closes it too. The sidebar's link to `shown`, the page on screen, is marked as the current page."""
    _page_follower()(key="page_follower", data={"shown": shown.url_path})
