"""A drawing sent to the class wall again, on both backends: stored once, and showing the digit its author means now."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.taken_off import take_off
from mnist_knn.classroom.wall import ClassWall
from tests.integration.walls import send


def test_a_resent_submission_is_stored_once(wall_url):
    wall = ClassWall(wall_url)
    first = send(wall, submission_id="same-id", intended=3)
    again = send(wall, submission_id="same-id", intended=3)
    assert again.id == first.id and len(wall.submissions()) == 1


def test_a_drawing_sent_again_with_another_digit_meant_shows_that_digit_once(wall_url):
    wall = ClassWall(wall_url)
    first = send(wall, submission_id="same-id", predicted=1)  # sent without saying, then "I meant 7", sent again
    version = wall.version()
    again = send(wall, submission_id="same-id", predicted=1, intended=7)
    [stored] = wall.submissions()
    assert again.id == stored.id == first.id and again.intended == stored.intended == 7 and stored.matched is False
    assert wall.version() != version  # the projected wall redraws it
    wall.set_approval(True)  # while the teacher approves first, a new label waits for them: the class memory learns it
    assert not send(wall, submission_id="same-id", predicted=1, intended=4).approved
    assert wall.submissions() == [] and wall.submissions(waiting=True)[0].intended == 4
    wall.set_approval(False)
    wall.approve("same-id")
    wall.set_open(False)  # the teacher paused sending: no label changes either
    with pytest.raises(ClassroomError, match="closed"):
        send(wall, submission_id="same-id", predicted=1, intended=1)
    assert wall.submissions()[0].intended == 4


def test_a_drawing_the_teacher_took_off_stays_off_when_it_is_sent_again(wall_url):
    wall = ClassWall(wall_url)
    removed, cleared = send(wall, submission_id="removed", intended=3), send(wall, submission_id="cleared")
    taken = wall.remove("removed")
    for digit_meant in (3, 5):  # pressed again, or with another digit meant
        with pytest.raises(ClassroomError, match="took this drawing off"):
            send(wall, submission_id="removed", intended=digit_meant)
    assert [stored.submission_id for stored in wall.submissions()] == ["cleared"]
    assert wall.restore(taken) and send(wall, submission_id="removed", intended=3).id == removed.id  # the undo lifts it
    wall.clear()
    for submission in (removed, cleared):
        with pytest.raises(ClassroomError, match="took this drawing off"):
            send(wall, submission_id=submission.submission_id)
    assert wall.submissions() == [] and send(wall, submission_id="new").submission_id == "new"
    with wall.engine.begin() as opened:  # marked taken off while still on the wall (another server, the same instant)
        take_off(opened, ["new"])
    assert wall.remove("new") and wall.clear() == 0  # taken off twice: no error


def test_two_teachers_clearing_and_removing_at_once_take_everything_off_without_an_error(wall_url):
    wall = ClassWall(wall_url)
    for round_number in range(5):
        sent = [send(wall, seed=n, session=f"s{n}", submission_id=f"r{round_number}-{n}") for n in range(12)]
        with ThreadPoolExecutor(4) as pool:  # two clears and two removals, as two teachers' tabs (or servers) may
            done = [pool.submit(wall.clear), pool.submit(wall.remove, sent[0].submission_id), pool.submit(wall.clear),
                    pool.submit(wall.remove, sent[5].submission_id)]
        [future.result() for future in done]  # none raised (PostgreSQL: no duplicate key, no deadlock)
        assert wall.submissions() == []
        for submission in sent:
            with pytest.raises(ClassroomError, match="took this drawing off"):
                send(wall, submission_id=submission.submission_id)


def test_a_drawing_removed_while_it_is_sent_again_stays_off(wall_url, monkeypatch):
    wall = ClassWall(wall_url)
    send(wall, submission_id="same-id")
    found = wall._find("same-id")
    monkeypatch.setattr(wall, "_find", lambda submission_id: found)  # the student's server found it just before ...
    wall.remove("same-id")  # ... the teacher removed it
    with pytest.raises(ClassroomError, match="took this drawing off"):
        send(wall, submission_id="same-id", intended=3)
    assert wall.submissions() == []
