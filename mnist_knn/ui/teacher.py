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
CONFIRM_CLEAR = "teacher_confirm_clear"
CLEARED = "teacher_cleared"  # how the last "Clear the wall" went, said under its button until the next action
LOCKED_NOW = "teacher_locked_now"  # the controls were just locked: focus goes to the key box
SAID = "teacher_said"  # the teacher's last action as it is said (once), where focus goes after it, and its number


def shown_if_it_fails(action: Callable[..., object], *args: object) -> None:
    """Run a wall action from a button (an action of the teacher's: what was said before is over); if the database
    cannot do it, say so on the page instead of a traceback."""
    try:
        action(*args)
    except ClassroomError as error:
        st.error(str(error))
        return
    _say(None)


def _say(words: str | None, instead: str | None = None) -> None:
    """Have the page say what the teacher just did, once, with focus going to the widget keyed `instead` (None: the
    page's next control) if the one in use is gone; the latest action wins (None: nothing is left to say)."""
    st.session_state[SAID] = (words, instead, _said_number() + 1)


def approval_switched(wall: ClassWall, approve_first: bool) -> None:
    """The teacher's switch between showing new drawings at once and approving them first; those already waiting keep
    waiting (the teacher has not seen them), which is said when there are any."""
    try:
        wall.set_approval(approve_first)
        waiting = 0 if approve_first else len(wall.submissions(waiting=True))
    except ClassroomError as error:
        st.error(str(error))
        return
    # one and many apart, not ngettext: a language's form for one would have to keep {count} ("the 1 drawing")
    _say(None if not waiting else
         _("New drawings now go straight to the wall. The drawing already waiting still waits for you: show it or remove it.")
         if waiting == 1 else _("New drawings now go straight to the wall. The {count} drawings already waiting still wait "
                                "for you: show them or remove them.").format(count=number(waiting)))


def show_all(wall: ClassWall, submission_ids: list[str]) -> None:
    """The teacher's Show all: every waiting drawing onto the wall at once, which the page then says."""
    try:
        wall.approve(*submission_ids)  # one transaction
    except ClassroomError as error:
        st.error(str(error))
        return
    _say(ngettext("Shown on the wall: {count} drawing.", "Shown on the wall: {count} drawings.",
                  len(submission_ids)).format(count=number(len(submission_ids))))


def removed_with_undo(wall: ClassWall, submission_id: str) -> None:
    """The teacher's Remove: take that drawing (by its id, never its place) off the wall, and keep it for an undo."""
    try:
        removed = wall.remove(submission_id)
    except ClassroomError as error:
        st.error(str(error))
        return
    if removed is not None:
        st.session_state[REMOVED] = removed
        _say(_("Removed: {drawing}. Undo the removal is above the drawings.").format(drawing=tile_in_words(removed)),
             "teacher_undo_removal")


def _restore(wall: ClassWall) -> None:
    """Undo the last removal; when the database cannot, say so and keep the drawing for another try."""
    try:
        restored = wall.restore(st.session_state[REMOVED])
    except ClassroomError as error:
        st.error(_("Not put back yet: {reason}").format(reason=error))
        return
    put_back = st.session_state.pop(REMOVED)
    _say(_("Put back: {drawing}.").format(drawing=tile_in_words(put_back)), f"teacher_remove_{put_back.id}")
    if not restored:
        st.info(_("That drawing is on the wall already."))


def say_and_undo(wall: ClassWall, next_control: str) -> None:
    """Say the teacher's last action once (the unlock, a removal, its undo, Show all), focus going where that action
    asked when the control in use is gone (the Undo after a removal, the drawing put back), else to the widget keyed
    `next_control`; then what the teacher removed last, with a button that puts it back."""
    # the same words and number on every run until the next action: the announcer says them once (a refresh, or a return
    # from another page, which emptied the live region, says nothing again), and its focus keeping stays as it was
    words, instead, number_said = st.session_state.get(SAID, (None, None, 0))
    announce(words, f"teacher-{number_said}", instead=instead or next_control)
    removed = st.session_state.get(REMOVED)
    if removed is None:
        return
    words = tile_in_words(removed)
    with st.container(horizontal=True, vertical_alignment="center", key="teacher_removed"):
        st.markdown(_("Removed: {drawing}.").format(drawing=as_plain_text(words)))
        st.button(_("Undo the removal"), key="teacher_undo_removal", icon=":material/undo:", on_click=_restore, args=(wall,))


def clear(wall: ClassWall) -> None:
    """Clear the wall, untick its confirmation (a second clear asks again), and keep how it went for the page to say;
    the last removal's undo goes with the drawings (it would put one back on the cleared wall)."""
    st.session_state[CONFIRM_CLEAR] = False
    _say(None)  # an action of its own: what was said before is over (its words are said under the button instead)
    try:
        removed = wall.clear()
    except ClassroomError as error:
        st.session_state[CLEARED] = (False, str(error), _said_number())
        return
    st.session_state.pop(REMOVED, None)
    st.session_state[CLEARED] = (True, ngettext("Removed {count} drawing.", "Removed {count} drawings.", removed).format(
        count=number(removed)), _said_number())


def _said_number() -> int:
    """How many actions the teacher has taken that the page said (see _say)."""
    return st.session_state.get(SAID, ("", None, 0))[2]


def say_how_clearing_went() -> None:
    """How the last clear went, under its button, until the teacher does something else (a refresh keeps it)."""
    cleared, words, number_said = st.session_state.get(CLEARED, (None, "", None))
    if cleared is not None and number_said == _said_number():
        (st.success if cleared else st.error)(words)


def lock() -> None:
    """Lock the controls again: the key box comes back, with focus in it."""
    state.set_teacher_unlocked(False)
    _say(None)  # what was said last is said: nothing is left to say after the unlock
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
    else:  # on the page while the key is typed, so that focus can follow the unlock (see say_and_undo)
        announce(None)
    with st.form("teacher_unlock", clear_on_submit=True, border=False):
        typed = st.text_input(_("Teacher key"), type="password", key="teacher_key")
        if not st.form_submit_button(_("Unlock"), icon=":material/lock_open:", key="teacher_unlock_button"):
            return False
    if hmac.compare_digest(typed.encode(), secret.encode()):
        state.set_teacher_unlocked(True)
        _say(_("Teacher controls unlocked."))  # the key box that had focus is gone: focus goes on, and says why
        st.rerun()  # drawn again without the key box
    st.error(_("That is not the teacher key."))
    return False
