"""Class wall: the drawings a class sends, live and large enough to read from the back of a room. Project this page."""

from contextlib import suppress

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.wall import Submission, class_accuracy
from mnist_knn.language import _, percent
from mnist_knn.ui import classroom, language, loaders, style, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import enlarge
from mnist_knn.views.words import tile_in_words, wall_footer

run_through_app()  # a page URL opened first on a fresh server

REFRESH_SECONDS = 3


with suppress(ClassroomError):  # (open_wall below says why; meanwhile the page speaks its reader's language)
    language.speak_on_this_page(loaders.class_wall().language())  # the language the Teacher chose for the projector
st.title(_("Class wall"), anchor=False)
announce(None)  # nothing to read out here: the live region's last words were the Draw page's answer
wall = classroom.open_wall()
if wall is None:
    st.stop()


@st.fragment(run_every=REFRESH_SECONDS)
def live_wall() -> None:
    """Everything on the wall, newest first; Streamlit reruns just this part every few seconds."""
    try:
        submissions, is_open, chosen = loaders.wall_submissions(), wall.is_open(), wall.language()
        waits = is_open and wall.needs_approval()
    except ClassroomError as error:
        st.error(str(error))
        return
    if language.would_speak(chosen) != language.spoken_on_this_page():  # the Teacher chose another: the whole page changes
        st.rerun(scope="app")
    accuracy, judged = class_accuracy(submissions)
    with st.container(horizontal=True, gap="large", key="wall_counts"):
        st.metric(_("Class accuracy"), "–" if accuracy is None else percent(accuracy), width="content",
                  help=_("Among drawings sent with the digit their author meant (and not called 'not a digit'): how often "
                         "the model read that digit."))
        drawn_all = len(submissions) <= style.WALL_TILES_SHOWN  # else said where the room looks, not only under the tiles
        st.metric(_("Drawings") if drawn_all else _("Drawings (the newest {shown} shown)").format(shown=style.WALL_TILES_SHOWN),
                  len(submissions), width="content")
        st.metric(_("Wall"), _("open") if is_open else _("closed"), width="content")
    if not submissions:  # (while sending is paused, the line under it says so)
        st.info(_("Nothing on the wall yet. Draw a digit on the Draw & Predict page and press 'Send'.") if is_open else
                _("Nothing on the wall yet."))
    else:
        tiles(submissions)
    st.caption(wall_footer(len(submissions), style.WALL_TILES_SHOWN, judged, is_open, waits))


def tiles(submissions: list[Submission]) -> None:
    """The newest drawings, newest first, as large as their number allows."""
    newest = submissions[::-1][:style.WALL_TILES_SHOWN]
    width = next(width for count, width in style.WALL_TILE_WIDTHS if len(newest) <= count)
    with st.container(key="wall_newest"):  # a heading for screen readers only (the tiles' names are the headings under
        st.header(_("Newest first"), anchor=False)  # it): its room on the projector goes to the tiles
    with st.container(horizontal=True, wrap=True, gap="small", key=f"wall_tiles_{width}"):  # (its grid: ui/style.py)
        for submission in newest:
            with st.container(border=True, width=width, gap="xsmall", key=f"wall_tile_{submission.id}"):
                # the picture as wide as the tile, the tile's largest part (drawn at 10x, the browser scales it down)
                st.image(enlarge(submission.digit, 280), width="stretch", alt=tile_in_words(submission))
                # the tile's one heading (no "link to heading" Tab stop), so a screen reader goes from tile to tile
                st.subheader(widgets.as_plain_text(submission.nickname) or _("someone"), anchor=False)
                headline, detail = classroom.tile_verdict(submission)
                with st.container(key=f"wall_verdict_{submission.id}"):  # as large as the heading (ui/style.py)
                    st.markdown(headline)
                if detail:
                    st.markdown(f"**{detail}**")


with st.container(key="wall_page"):  # its text is made large on a projector (mnist_knn/ui/style.py)
    live_wall()
