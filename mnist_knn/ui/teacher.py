"""The Teacher page's controls: the unlock and the lock, remove with an undo, clear the wall."""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.wall import ClassWall
from mnist_knn.language import _, ngettext, number
from mnist_knn.ui import state
from mnist_knn.ui.announce import announce
from mnist_knn.ui.widgets import as_plain_text
from mnist_knn.views.words import tile_in_words

TEACHER_KEY_VARIABLE = "MNIST_KNN_TEACHER_KEY"
REMOVED = "teacher_removed"  # the drawing the teacher removed last, for an undo
RESTORED = "teacher_restored"  # ... and the one the undo put back
CONFIRM_CLEAR = "teacher_confirm_clear"
CLEARED = "teacher_cleared"  # how the last "Clear the wall" went, said once under its button
LOCKED_NOW = "teacher_locked_now"  # the controls were just locked: focus goes to the key box
SHOWN_ALL = "teacher_shown_all"  # (how many drawings "Show all" put on the wall, the how-manieth time): said once


def shown_if_it_fails(action: Callable[..., object], *args: object) -> None:
    """Run a wall action from a button; if the database cannot do it, say so on the page instead of a traceback."""
    try:
        action(*args)
    except ClassroomError as error:
        st.error(str(error))


def show_all(wall: ClassWall, submission_ids: list[str]) -> None:
    """The teacher's Show all: every waiting drawing onto the wall at once, which the page then says."""
    try:
        wall.approve(*submission_ids)  # one transaction
    except ClassroomError as error:
        st.error(str(error))
        return
    st.session_state.pop(RESTORED, None)
    st.session_state[SHOWN_ALL] = (len(submission_ids), st.session_state.get(SHOWN_ALL, (0, 0))[1] + 1)


def removed_with_undo(wall: ClassWall, submission_id: str) -> None:
    """The teacher's Remove: take that drawing (by its id, never its place) off the wall, and keep it for an undo."""
    try:
        removed = wall.remove(submission_id)
    except ClassroomError as error:
        st.error(str(error))
        return
    if removed is not None:
        st.session_state[REMOVED] = removed
        st.session_state.pop(RESTORED, None)
        st.session_state.pop(SHOWN_ALL, None)


def _restore(wall: ClassWall) -> None:
    """Undo the last removal; when the database cannot, say so and keep the drawing for another try."""
    try:
        restored = wall.restore(st.session_state[REMOVED])
    except ClassroomError as error:
        st.error(_("Not put back yet: {reason}").format(reason=error))
        return
    st.session_state[RESTORED] = st.session_state.pop(REMOVED)
    st.session_state.pop(SHOWN_ALL, None)
    if not restored:
        st.info(_("That drawing is on the wall already."))


def undo_removal(wall: ClassWall, next_control: str) -> None:
    """What the teacher removed last, with a button that puts it back (focus goes there, and a screen reader says it);
    after an undo, focus goes to the drawing put back; when the control in use is gone otherwise (the key box after the
    unlock, a drawing just shown), to the widget keyed `next_control`."""
    removed, restored, shown_all = (st.session_state.get(key) for key in (REMOVED, RESTORED, SHOWN_ALL))
    if removed is None:
        if shown_all is not None:  # its button is gone with the queue: focus goes on, and says what happened
            announce(ngettext("Shown on the wall: {count} drawing.", "Shown on the wall: {count} drawings.",
                              shown_all[0]).format(count=number(shown_all[0])), f"shown-all-{shown_all[1]}",
                     instead=next_control)
        elif restored is None:  # after the unlock the key box that had focus is gone: focus goes on, and says why
            announce(_("Teacher controls unlocked."), "teacher-unlocked", instead=next_control)
        else:
            announce(_("Put back: {drawing}.").format(drawing=tile_in_words(restored)), f"restored-{restored.id}",
                     instead=f"teacher_remove_{restored.id}")
        return
    words = tile_in_words(removed)
    announce(_("Removed: {drawing}. Undo the removal is above the drawings.").format(drawing=words), f"removed-{removed.id}",
             instead="teacher_undo_removal")
    with st.container(horizontal=True, vertical_alignment="center", key="teacher_removed"):
        st.markdown(_("Removed: {drawing}.").format(drawing=as_plain_text(words)))
        st.button(_("Undo the removal"), key="teacher_undo_removal", icon=":material/undo:", on_click=_restore, args=(wall,))


def clear(wall: ClassWall) -> None:
    """Clear the wall, untick its confirmation (a second clear asks again), and keep how it went for the page to say;
    the last removal's undo goes with the drawings (it would put one back on the cleared wall)."""
    st.session_state[CONFIRM_CLEAR] = False
    try:
        removed = wall.clear()
    except ClassroomError as error:
        st.session_state[CLEARED] = (False, str(error))
        return
    st.session_state.pop(REMOVED, None)
    st.session_state.pop(RESTORED, None)
    st.session_state[CLEARED] = (True, ngettext("Removed {count} drawing.", "Removed {count} drawings.", removed).format(
        count=number(removed)))


def say_how_clearing_went() -> None:
    """How the last clear went, once, under its button."""
    cleared, words = st.session_state.pop(CLEARED, (None, ""))
    if cleared is not None:
        (st.success if cleared else st.error)(words)


def lock() -> None:
    """Lock the controls again: the key box comes back, with focus in it."""
    state.set_teacher_unlocked(False)
    st.session_state[LOCKED_NOW] = True


def unlocked() -> bool:
    """The teacher's key box until the key matches MNIST_KNN_TEACHER_KEY; then nothing of it stays on the page."""
    secret = os.environ.get(TEACHER_KEY_VARIABLE, "")
    if not secret:
        st.info(_("Teacher controls are off: this server was started without {variable}.").format(variable=TEACHER_KEY_VARIABLE))
        return False
    if state.teacher_unlocked():
        return True
    if st.session_state.pop(LOCKED_NOW, False):  # the Lock button is gone: focus to the key box, and say why
        announce(_("Teacher controls locked."), "teacher-locked", instead="teacher_key")
    else:  # on the page while the key is typed, so that focus can follow the unlock (to the wall's first control)
        announce(None)
    with st.form("teacher_unlock", clear_on_submit=True, border=False):
        typed = st.text_input(_("Teacher key"), type="password", key="teacher_key")
        if not st.form_submit_button(_("Unlock"), icon=":material/lock_open:", key="teacher_unlock_button"):
            return False
    if hmac.compare_digest(typed.encode(), secret.encode()):
        state.set_teacher_unlocked(True)
        st.rerun()  # drawn again without the key box
    st.error(_("That is not the teacher key."))
    return False
