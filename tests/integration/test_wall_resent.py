"""A drawing sent to the class wall again, on both backends: stored once, and showing the digit its author means now."""

from __future__ import annotations

import pytest

from mnist_knn.classroom.database import ClassroomError
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


def test_a_drawing_removed_while_it_is_sent_again_comes_back_as_a_new_one(wall_url, monkeypatch):
    wall = ClassWall(wall_url)
    first = send(wall, submission_id="same-id")
    found = wall._find("same-id")
    monkeypatch.setattr(wall, "_find", lambda submission_id: found)  # the student's server found it just before ...
    wall.remove("same-id")  # ... the teacher removed it
    again = send(wall, submission_id="same-id", intended=3)
    assert [stored.id for stored in wall.submissions()] == [again.id] != [first.id] and again.intended == 3
