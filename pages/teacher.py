"""Teacher: open or close the wall, approve what the class sends, remove one drawing, clear it all. Keep it off the projector."""

from collections import Counter

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from mnist_knn import language
from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.wall import Submission
from mnist_knn.language import _, ngettext
from mnist_knn.ui import classroom, loaders, style, teacher, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import enlarge
from mnist_knn.views.words import tile_in_words, whose_drawing

run_through_app()  # a page URL opened first on a fresh server

REFRESH_SECONDS = 3

st.title(_("Teacher"), anchor=False)
st.caption(_("Use this page on your own screen while the Class wall page is projected: drawings waiting for approval are "
             "shown here only."))
if not teacher.unlocked():
    st.stop()
wall = classroom.open_wall()
if wall is None:
    st.stop()


def names_at_the_minute(submissions: list[Submission]) -> Counter:
    """How many drawings share each name at the minute ("Sam's 7", "10:42"): those shared are told apart by the second."""
    return Counter((whose_drawing(submission), widgets.local_time(submission.created_at)) for submission in submissions)


def tiles(submissions: list[Submission], approve: bool, shared: Counter) -> None:
    """Each drawing with its nickname and reading, and a button that names it to remove it (and one to approve it, if
    waiting), told apart by the second where `shared` (names_at_the_minute of the page's every drawing) says so. In the
    order given: oldest first unless the teacher asks, so a new drawing joins at the end and no tile moves under the
    teacher's pointer."""
    named = {submission.id: whose_drawing(submission) for submission in submissions}
    with st.container(horizontal=True, wrap=True, gap="small"):
        for submission in submissions:
            with st.container(border=True, width=200, key=f"teacher_tile_{submission.id}"):
                when = widgets.local_time(submission.created_at)
                # two of "someone's 7 (10:42)": each picture, its Fullscreen and its buttons their own name
                told_apart = (widgets.local_time(submission.created_at, to_the_second=True)
                              if shared[named[submission.id], when] > 1 else when)
                st.image(enlarge(submission.digit, 140), alt=f"{tile_in_words(submission)} ({told_apart})")
                st.markdown(f"**{classroom.tile_verdict(submission)[0]}**")  # right or misread at a glance, as the wall marks it
                # Markdown from here on: a nickname is shown as typed
                st.caption(f"{widgets.as_plain_text(tile_in_words(submission))} · {when}")
                whose = f"{widgets.as_plain_text(named[submission.id])} ({told_apart})"
                if approve:
                    st.button(_("Show {drawing}").format(drawing=whose), key=f"teacher_approve_{submission.id}",
                              icon=":material/check:", on_click=teacher.shown_if_it_fails,
                              args=(wall.approve, submission.submission_id))
                st.button(_("Remove {drawing}").format(drawing=whose), key=f"teacher_remove_{submission.id}",
                          icon=":material/delete:", on_click=teacher.removed_with_undo, args=(wall, submission.submission_id))


EACH_SCREENS_OWN = "each"  # the option for no wall language (a select shows None as "Choose an option")


def wall_language(column: DeltaGenerator, chosen: str | None) -> None:
    """The projected wall's language: each screen's own, or one for the whole room."""
    st.session_state["teacher_wall_language"] = chosen or EACH_SCREENS_OWN  # as stored: another server may have changed it
    choices = [EACH_SCREENS_OWN, *language.available()]
    named = language.names_now(choices, lambda code: language.LANGUAGES.get(code) or _("Each screen's own language"))
    column.selectbox(_("Language on the class wall"), choices, key="teacher_wall_language", format_func=named, filter_mode=None,
                     on_change=lambda: teacher.shown_if_it_fails(wall.set_language, _wall_code()))


def _wall_code() -> str | None:
    """The language chosen for the wall, as stored (None: each screen's own)."""
    chosen = st.session_state["teacher_wall_language"]
    return None if chosen == EACH_SCREENS_OWN else chosen


@st.fragment(run_every=REFRESH_SECONDS)
def moderation() -> None:
    """The switches, the queue, the wall and its clearing; it refreshes itself, so new drawings come in without a reload,
    and what the teacher did last is said until they do something else."""
    with st.container():  # all that changes with the wall, in one: the clearing below keeps its place (and stays open)
        try:
            the_wall_now()
        except ClassroomError as error:
            st.error(str(error))
    with st.expander(_("Clear the whole wall"), icon=":material/delete_forever:", key="teacher_clearing"):
        confirm = st.checkbox(_("Yes, remove every drawing from the wall (and the queue)"), key=teacher.CONFIRM_CLEAR)
        st.button(_("Clear the wall"), key="teacher_clear", disabled=not confirm, on_click=teacher.clear, args=(wall,))
        teacher.say_how_clearing_went()


def the_wall_now() -> None:
    """The switches as stored, what waits for the teacher and what is on the wall, each drawing with its buttons."""
    is_open, needs_approval = wall.is_open(), wall.needs_approval()  # as stored: another server may have switched them
    switches = st.columns(3)
    switches[0].markdown(_("Students **can** send.") if is_open else _("Students **cannot** send."))
    switches[0].button(_("Close the wall") if is_open else _("Open the wall"), key="teacher_open",
                       icon=":material/block:" if is_open else ":material/play_arrow:",
                       on_click=teacher.shown_if_it_fails, args=(wall.set_open, not is_open))
    switches[1].markdown(_("New drawings **wait for you**.") if needs_approval
                         else _("New drawings **go straight to the wall**."))
    switches[1].button(_("Show new drawings at once") if needs_approval else _("Show after I approve"),
                       key="teacher_approval", icon=":material/visibility:" if needs_approval else ":material/pending_actions:",
                       on_click=teacher.approval_switched, args=(wall, not needs_approval),
                       help=_("New drawings then go straight to the wall; those already waiting stay here until you show "
                              "them.") if needs_approval else _("New drawings then wait here until you show them; the wall "
                                                                "and the class memory never see what you remove."))
    wall_language(switches[2], wall.language())
    waiting, shown = loaders.wall_submissions(waiting=True), loaders.wall_submissions()
    shared = names_at_the_minute(waiting + shown)
    # focus to the first drawing waiting (a drawing just shown takes its "Show" away), else to the wall's language:
    # one more Enter there only opens its list (the first control, "Close the wall", closed the wall for the class)
    teacher.say_and_undo(wall, f"teacher_approve_{waiting[0].id}" if waiting else "teacher_wall_language")
    if waiting or needs_approval:
        st.header(_("Waiting for you ({count})").format(count=len(waiting)), anchor=False)
        if len(waiting) > 1:
            st.button(_("Show all {count}").format(count=len(waiting)), key="teacher_show_all",
                      icon=":material/done_all:", on_click=teacher.show_all,
                      args=(wall, [submission.submission_id for submission in waiting]))
        if waiting:
            tiles(waiting, approve=True, shared=shared)
        else:
            st.info(_("Nothing is waiting."))
    st.header(_("On the wall ({count})").format(count=len(shown)), anchor=False)
    newest_first = len(shown) > 1 and st.toggle(  # (an order to choose once there are two)
        _("Newest first"), key="teacher_newest_first", help=_("The drawing the room sees first comes first here too; a "
                                                              "new drawing then pushes the tiles along, so one may move "
                                                              "just as you reach for it."))
    if len(shown) > style.WALL_TILES_SHOWN:  # what the room cannot see, said where the teacher looks
        hidden = len(shown) - style.WALL_TILES_SHOWN
        st.caption(ngettext("The projected wall draws the newest {shown}; {hidden} older drawing is not drawn there, but "
                            "it still counts in the wall's figures.",
                            "The projected wall draws the newest {shown}; {hidden} older drawings are not drawn there, but "
                            "they still count in the wall's figures.", hidden).format(shown=style.WALL_TILES_SHOWN,
                                                                                     hidden=hidden))
    tiles(shown[::-1] if newest_first else shown, approve=False, shared=shared)


moderation()
st.button(_("Lock the teacher controls"), key="teacher_lock", icon=":material/lock:", on_click=teacher.lock)
