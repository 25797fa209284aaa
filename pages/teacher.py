"""Teacher: open or close the wall, approve what the class sends, remove one drawing, clear it all. Keep it off the projector."""

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.wall import Submission
from mnist_knn.ui import classroom, loaders, state, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import enlarge
from mnist_knn.views.words import tile_in_words, whose_drawing

run_through_app()  # a page URL opened first on a fresh server

REFRESH_SECONDS = 3

st.title("Teacher")
st.caption("Use this page on your own screen while the Class wall page is projected: drawings waiting for approval are "
           "shown here only.")
if not classroom.teacher_unlocked():
    st.stop()
wall = classroom.open_wall()
if wall is None:
    st.stop()


def tiles(submissions: list[Submission], approve: bool) -> None:
    """Each drawing with its nickname and reading, and a button that names it to remove it (and one to approve it, if
    waiting). Oldest first: a new drawing joins at the end, so no tile moves under the teacher's pointer."""
    with st.container(horizontal=True, wrap=True, gap="small"):
        for submission in submissions:
            with st.container(border=True, width=200, key=f"teacher_tile_{submission.id}"):
                st.image(enlarge(submission.digit, 140), alt=f"{submission.nickname or 'someone'}'s drawing")
                when = widgets.local_time(submission.created_at)
                # Markdown from here on: a nickname is shown as typed
                st.caption(f"{widgets.as_plain_text(tile_in_words(submission))} · {when}")
                whose = f"{widgets.as_plain_text(whose_drawing(submission))} ({when})"
                if approve:
                    st.button(f"Show {whose}", key=f"teacher_approve_{submission.id}", icon=":material/check:",
                              on_click=classroom.shown_if_it_fails, args=(wall.approve, submission.submission_id))
                st.button(f"Remove {whose}", key=f"teacher_remove_{submission.id}", icon=":material/delete:",
                          on_click=classroom.removed_with_undo, args=(wall, submission.submission_id))


@st.fragment(run_every=REFRESH_SECONDS)
def moderation() -> None:
    """The switches, the queue and the wall; it refreshes itself, so new drawings come in without a reload."""
    try:
        is_open, needs_approval = wall.is_open(), wall.needs_approval()  # as stored: another server may have switched them
        switches = st.columns(2)
        switches[0].markdown(f"Students **{'can' if is_open else 'cannot'}** send.")
        switches[0].button("Close the wall" if is_open else "Open the wall", key="teacher_open",
                           icon=":material/block:" if is_open else ":material/play_arrow:",
                           on_click=classroom.shown_if_it_fails, args=(wall.set_open, not is_open))
        switches[1].markdown(f"New drawings **{'wait for you' if needs_approval else 'go straight to the wall'}**.")
        switches[1].button("Show them at once" if needs_approval else "Show after I approve", key="teacher_approval",
                           icon=":material/visibility:" if needs_approval else ":material/pending_actions:",
                           on_click=classroom.shown_if_it_fails, args=(wall.set_approval, not needs_approval),
                           help="Drawings wait here until you show them; the wall and the class memory never see what you "
                                "remove.")
        classroom.undo_removal(wall)
        waiting = loaders.wall_submissions(waiting=True)
        if waiting or needs_approval:
            st.header(f"Waiting for you ({len(waiting)})", anchor=False)
            if waiting:
                tiles(waiting, approve=True)
            else:
                st.info("Nothing is waiting.")
        shown = loaders.wall_submissions()
        st.header(f"On the wall ({len(shown)})", anchor=False)
        tiles(shown, approve=False)
    except ClassroomError as error:
        st.error(str(error))


moderation()
with st.expander("Clear the whole wall", icon=":material/delete_forever:"):
    confirm = st.checkbox("Yes, remove every drawing from the wall (and the queue)", key="teacher_confirm_clear")
    if st.button("Clear the wall", key="teacher_clear", disabled=not confirm):
        try:
            st.success(f"Removed {wall.clear()} drawing(s).")
        except ClassroomError as error:
            st.error(str(error))
if st.button("Lock the teacher controls", key="teacher_lock", icon=":material/lock:"):
    state.set_teacher_unlocked(False)
    st.rerun()
