"""Digit Lab: draw a digit and see how a k-nearest-neighbour model reads it."""

from pathlib import Path

import streamlit as st

from mnist_knn.language import _
from mnist_knn.ui import language, style
from mnist_knn.ui.navigation import follow_the_page_chosen, mark_app_navigation, note_the_page_shown
from mnist_knn.ui.state import student_token

# The icon is a file served by the app itself: a material-symbol icon is fetched from an outside font server, which a
# school without internet cannot reach.
st.set_page_config(page_title="Digit Lab", page_icon=Path(__file__).parent / "mnist_knn" / "ui" / "icon.png", layout="wide")
style.apply()
language.choose_for_tab()  # the browser's language on a first visit, the one picked in the sidebar after, kept in the address
mark_app_navigation()
student_token()  # this tab's token stays in the address on every page: a reload finds the same drawings
CLASS_WALL = st.Page("pages/class_wall.py", title=_("Class wall"), icon=":material/groups:")
PAGES = {
    _("Draw"): [
        st.Page("pages/draw.py", title=_("Draw & Predict"), icon=":material/draw:", default=True),
        st.Page("pages/how_knn.py", title=_("How KNN works"), icon=":material/hub:"),
        st.Page("pages/my_drawings.py", title=_("My drawings"), icon=":material/history:"),
    ],
    _("Classroom"): [
        CLASS_WALL,
        st.Page("pages/teacher.py", title=_("Teacher"), icon=":material/admin_panel_settings:"),
    ],
    _("Model"): [
        st.Page("pages/dataset.py", title=_("Dataset"), icon=":material/grid_view:"),
        st.Page("pages/metrics.py", title=_("Metrics"), icon=":material/monitoring:"),
        st.Page("pages/mistakes.py", title=_("Mistakes"), icon=":material/search:"),
    ],
}
# Streamlit's own page list puts its links in a <ul> without <li> items (a WCAG 1.3.1 failure axe reports on every
# page); the same links made with st.page_link, under a heading per section, are plain, valid HTML.
navigation = st.navigation(PAGES, position="hidden")
note_the_page_shown(navigation)  # a page can tell a new visit from a rerun on it (navigation.arrived)
# Each page's own tab title, which a screen reader says. The sidebar is closed on the projected Class wall (the whole
# width for it; ">>" brings the pages back) and opens again on the next page ("auto": open on a wide screen, closed on
# a phone). Said once a run: Streamlit compares each sidebar state a run sends with the one before the run, so a wall
# rerun that sent "auto", then "collapsed", kept "auto" and opened the sidebar on the projector.
st.set_page_config(page_title=f"{navigation.title} · Digit Lab",
                   initial_sidebar_state="collapsed" if navigation is CLASS_WALL else "auto")
with st.sidebar, st.container(key="pages"):
    for section, pages in PAGES.items():
        st.markdown(f"#### {section}")
        for page in pages:
            st.page_link(page)
    follow_the_page_chosen(navigation)
    language.picker()
    language.mark_page()
navigation.run()
