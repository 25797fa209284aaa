"""The Class wall and the Teacher page with AppTest: the key, moderation, removal by id and its undo, a full wall, what a
student is told while the teacher approves first, and a drawing sent again with the digit meant."""

import numpy as np

from tests.app.conftest import png, upload
from tests.drawing import redraw

TEACHER_KEY = "correct horse battery staple"


def _tile_order(app) -> list[int]:
    """The ids of the drawings on the Teacher page's wall, in the order shown (by their Remove buttons)."""
    return [int(button.key.rsplit("_", 1)[1]) for button in app.button if button.key.startswith("teacher_remove_")]


def test_wall_page_is_live_and_empty_at_first(open_page, wall):
    app = open_page("pages/class_wall.py")
    assert "Nothing on the wall yet" in app.info[0].value
    app.switch_page("pages/teacher.py").run()
    assert "Teacher controls are off" in app.info[0].value  # no MNIST_KNN_TEACHER_KEY on this server


def test_teacher_unlocks_moderates_and_the_key_box_is_gone(open_page, wall, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    rude = wall.submit(np.zeros((28, 28), np.uint8), 1, 0.5, session_id="s", submission_id="rude", nickname="Bo")
    wall.submit(np.zeros((28, 28), np.uint8), 2, 0.5, session_id="t", submission_id="kind", intended=3)
    app = open_page("pages/teacher.py")
    assert not any(button.label.startswith("Remove") for button in app.button)
    app.text_input(key="teacher_key").set_value("guess")
    app.button(key="teacher_unlock_button").click().run()
    assert "not the teacher key" in app.error[0].value
    app.text_input(key="teacher_key").set_value(TEACHER_KEY)
    app.button(key="teacher_unlock_button").click().run()
    assert not app.text_input and not app.exception  # unlocked: the key box is gone
    shown = [element.value for kind in (app.markdown, app.caption, app.info, app.error, app.success) for element in kind]
    assert TEACHER_KEY not in str(shown)
    assert app.button(key=f"teacher_remove_{rude.id}").label.startswith("Remove Bo\\'s 1 (")  # names it (Markdown)
    verdicts = [markdown.value for markdown in app.markdown if markdown.value.startswith("**")]
    assert "**read 1**" in verdicts and "**:red[✗ 2]**" in verdicts  # a misread marked at a glance, as on the wall
    app.button(key=f"teacher_remove_{rude.id}").click().run()
    assert [s.submission_id for s in wall.submissions()] == ["kind"]  # one action removes one drawing
    assert any(markdown.value.startswith("Removed: Bo") for markdown in app.markdown)  # ... with an undo
    app.button(key="teacher_undo_removal").click().run()
    assert [s.submission_id for s in wall.submissions()] == ["rude", "kind"] and not app.exception  # back, in its place
    assert not any(button.key == "teacher_undo_removal" for button in app.button)
    app.button(key=f"teacher_remove_{rude.id}").click().run()
    app.button(key="teacher_approval").click().run()
    assert wall.needs_approval()
    waiting = wall.submit(np.zeros((28, 28), np.uint8), 3, 0.5, session_id="u", submission_id="new")
    app.run()
    assert [s.submission_id for s in wall.submissions()] == ["kind"]  # waiting: not on the wall yet
    app.button(key=f"teacher_approve_{waiting.id}").click().run()
    assert [s.submission_id for s in wall.submissions()] == ["kind", "new"]
    app.button(key="teacher_open").click().run()
    assert not wall.is_open()
    assert app.button(key="teacher_clear").disabled
    app.checkbox(key="teacher_confirm_clear").check().run()
    app.button(key="teacher_clear").click().run()
    assert wall.submissions() == [] and app.success[0].value == "Removed 2 drawings."
    assert not any(button.key.startswith("teacher_remove_") for button in app.button)  # gone at once, not 3 s later
    assert not any(button.key == "teacher_undo_removal" for button in app.button)  # Bo's 1 cannot come back onto it
    assert not app.checkbox(key="teacher_confirm_clear").value and app.button(key="teacher_clear").disabled  # asks again
    app.run()
    assert app.success[0].value == "Removed 2 drawings."  # a refresh keeps it: said until the teacher does something else
    app.button(key="teacher_open").click().run()
    assert not app.success  # any action after the clear: "Removed 2 drawings." would read as if it were about that one


def test_the_teacher_shows_all_that_waits_at_once_and_locks_again(open_page, wall, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    wall.set_approval(True)
    for number in range(3):
        wall.submit(np.zeros((28, 28), np.uint8), number, 0.5, session_id=f"s{number}", submission_id=f"d{number}")
    app = open_page("pages/teacher.py")
    app.text_input(key="teacher_key").set_value(TEACHER_KEY)
    app.button(key="teacher_unlock_button").click().run()
    assert "already waiting stay here" in app.button(key="teacher_approval").help  # what "Show new drawings at once" leaves
    app.button(key="teacher_approval").click().run()
    assert not wall.needs_approval() and len(wall.submissions(waiting=True)) == 3  # not shown unseen: said so, not hidden
    assert app.session_state["teacher_said"][0].startswith("New drawings now go straight to the wall. The 3 drawings already "
                                                          "waiting still wait for you")
    app.button(key="teacher_approval").click().run()
    assert wall.needs_approval()
    app.button(key="teacher_show_all").click().run()
    assert [s.submission_id for s in wall.submissions()] == ["d0", "d1", "d2"] and wall.submissions(waiting=True) == []
    assert not any(button.key == "teacher_show_all" for button in app.button)
    app.button(key="teacher_lock").click().run()
    assert app.text_input(key="teacher_key") and not any(button.key.startswith("teacher_remove_") for button in app.button)


def test_the_wall_says_how_drawings_arrive_now(open_page, wall):
    app = open_page("pages/class_wall.py")
    assert "appear within a few seconds" in app.caption[-1].value
    wall.set_approval(True)
    app.run()
    assert "appear once the teacher shows them" in app.caption[-1].value
    wall.set_open(False)
    app.run()
    assert app.caption[-1].value == "The teacher has paused sending."  # nothing said to the teacher in front of the class
    assert app.info[0].value == "Nothing on the wall yet."  # not "press 'Send'" beside "paused"


def test_a_full_wall_says_it_draws_the_newest_thirty_six_of_all_it_counts(open_page, wall, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    for number in range(62):
        wall.submit(np.zeros((28, 28), np.uint8), number % 10, 0.5, session_id=f"s{number}",
                    submission_id=f"d{number}", now=1_000_000 + number)
    app = open_page("pages/class_wall.py")
    assert {metric.label: metric.value for metric in app.metric}["Drawings (the newest 36 shown)"] == "62"
    assert len(app.get("image")) == 36  # the newest 36 drawn: as many as a 1920 x 1080 projector shows
    assert app.caption[-1].value.startswith("The newest 36 of 62 drawings are shown.")  # under them
    app.switch_page("pages/teacher.py").run()
    app.text_input(key="teacher_key").set_value(TEACHER_KEY)
    app.button(key="teacher_unlock_button").click().run()
    assert any(caption.value.startswith("The projected wall draws the newest 36; 26 older drawings are not drawn there")
               for caption in app.caption)
    ids = [submission.id for submission in wall.submissions()]
    assert _tile_order(app) == ids  # oldest first: a new drawing joins at the end, nothing moves under the pointer
    app.toggle(key="teacher_newest_first").set_value(True).run()
    assert _tile_order(app) == ids[::-1]  # as the room sees them, when the teacher asks


def test_a_drawing_sent_while_the_teacher_approves_first_is_said_to_wait_not_to_be_on_the_wall(open_page, mnist, wall):
    wall.set_approval(True)
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")))
    app.button(key="draw_wall_send").click().run()
    [said] = [success.value for success in app.success]
    assert "waits for your teacher" in said and "On the class wall" not in said
    assert wall.submissions() == [] and len(wall.submissions(waiting=True)) == 1  # waiting, as said
    wall.approve(wall.submissions(waiting=True)[0].submission_id)
    app.button(key="draw_wall_send").click().run()  # sent again once shown: now it is on the wall
    assert "On the class wall" in app.success[0].value


def test_a_drawing_sent_again_with_the_digit_meant_shows_that_digit_on_the_wall(open_page, mnist, wall):
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")))  # a 7
    app.button(key="draw_wall_send").click().run()  # sent without saying which digit
    next(pills for pills in app.pills if (pills.key or "").startswith("draw_wall_meant_")).set_value(7).run()
    app.button(key="draw_wall_send").click().run()  # "Send: I meant 7"
    [shown] = wall.submissions()  # the same drawing, once, now with the digit its author meant (it kept the first label)
    assert shown.intended == 7 and shown.matched and "On the class wall" in app.success[0].value


def test_two_drawings_that_would_share_a_name_get_each_its_own_remove_button_name(open_page, wall, monkeypatch):
    """Two 7s from nobody in the same minute: a screen reader's list of buttons tells them apart by the second."""
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    minute = 1_800_000_000.0  # a minute's start (08:00:00 UTC)
    first, second, named = (wall.submit(np.zeros((28, 28), np.uint8), digit, 0.5, session_id=session, submission_id=session,
                                        nickname=nickname, now=minute + offset)
                            for digit, session, nickname, offset in [(7, "a", "", 5), (7, "b", "", 40), (7, "c", "Sam", 41)])
    app = open_page("pages/teacher.py")
    app.text_input(key="teacher_key").set_value(TEACHER_KEY)
    app.button(key="teacher_unlock_button").click().run()
    first, second, named = (app.button(key=f"teacher_remove_{drawing.id}").label for drawing in (first, second, named))
    assert first != second
    assert first.endswith(":05)") and second.endswith(":40)")  # to the second, where the minute is shared
    assert named.startswith("Remove Sam\\'s 7 (") and named.count(":") == 1  # alone: to the minute
    pictures = [image.proto.imgs[0].alt for image in app.main.get("image")]  # named as the buttons (and Fullscreen) are
    assert pictures[0].startswith("someone, digit not said, read 7 (") and pictures[0].endswith(":05)"), pictures
    assert pictures[1].endswith(":40)"), pictures
