"""The class wall on both backends: SQLite (a file) and a real PostgreSQL server the suite starts."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from sqlalchemy import insert

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.sends import SUBMISSIONS_PER_MINUTE
from mnist_knn.classroom.wall import (
    NICKNAME_MAX,
    ClassWall,
    class_accuracy,
    clean_nickname,
    submissions,
)
from tests.integration.walls import random_digit, send


def test_a_submission_comes_back_exactly(wall_url):
    wall = ClassWall(wall_url)
    sent = send(wall, seed=7, nickname="Ada", intended=5, predicted=3, confidence=0.5)
    [stored] = wall.submissions()
    assert stored == sent and (stored.nickname, stored.intended, stored.predicted) == ("Ada", 5, 3)
    assert np.array_equal(stored.digit, random_digit(7)) and stored.digit.dtype == np.uint8
    assert stored.confidence == pytest.approx(0.5) and stored.matched is False


def test_closed_wall_refuses_and_reopens(wall_url):
    wall = ClassWall(wall_url)
    assert wall.is_open()
    wall.set_open(False)
    with pytest.raises(ClassroomError, match="closed"):
        send(wall)
    wall.set_open(True)
    send(wall)
    assert len(wall.submissions()) == 1


def test_rate_limit_per_session(wall_url):
    wall = ClassWall(wall_url)
    for seed in range(SUBMISSIONS_PER_MINUTE):
        send(wall, seed=seed, now=1000.0 + seed)
    with pytest.raises(ClassroomError, match="a minute"):
        send(wall, now=1010.0)
    send(wall, session="another-student", now=1010.0)  # others are not slowed down
    send(wall, now=1065.0)  # a minute later the first student may send again
    assert len(wall.submissions()) == SUBMISSIONS_PER_MINUTE + 2


def test_sending_a_drawing_again_with_another_digit_meant_counts_towards_the_limit(wall_url):
    wall = ClassWall(wall_url)
    send(wall, submission_id="relabelled", intended=0, now=2000.0)
    for seed in range(1, SUBMISSIONS_PER_MINUTE):  # each one redraws the projected wall
        send(wall, submission_id="relabelled", intended=seed, now=2000.0 + seed)
    version = wall.version()
    with pytest.raises(ClassroomError, match="a minute"):
        send(wall, submission_id="relabelled", intended=0, now=2010.0)
    assert wall.submissions()[0].intended == SUBMISSIONS_PER_MINUTE - 1 and wall.version() == version  # refused: unchanged
    with pytest.raises(ClassroomError, match="a minute"):
        send(wall, seed=5, now=2011.0)  # a new drawing too
    assert send(wall, submission_id="relabelled", intended=0, now=2070.0).intended == 0  # a minute on: sent


def test_clear_removes_everything(wall_url):
    wall = ClassWall(wall_url)
    for seed in range(3):
        send(wall, seed=seed, session=f"s{seed}")
    assert wall.clear() == 3 and wall.submissions() == []


def test_bad_submissions_are_refused_with_a_message(wall_url):
    wall = ClassWall(wall_url)
    with pytest.raises(ClassroomError, match="28 x 28"):
        wall.submit(np.zeros((10, 10), np.uint8), 1, 0.5, session_id="s", submission_id="x")
    with pytest.raises(ClassroomError, match="0-9"):
        send(wall, intended=12)
    with pytest.raises(ClassroomError, match="identifier"):
        send(wall, submission_id="x" * 200)
    assert wall.submissions() == []


def test_concurrent_writers_lose_nothing_and_store_nothing_twice(wall_url):
    wall = ClassWall(wall_url)
    writers, per_writer = 8, 25
    ids = [[f"w{writer}-{number}" for number in range(per_writer)] for writer in range(writers)]

    def write(writer: int) -> list[int]:
        return [send(wall, seed=number, session=f"w{writer}-{number // SUBMISSIONS_PER_MINUTE}", submission_id=submission_id,
                      nickname=f"writer {writer}").id for number, submission_id in enumerate(ids[writer])]

    with ThreadPoolExecutor(writers) as pool:
        acknowledged = [row_id for result in pool.map(write, range(writers)) for row_id in result]
    stored = wall.submissions()
    assert len(acknowledged) == len(set(acknowledged)) == writers * per_writer
    assert sorted(s.id for s in stored) == sorted(acknowledged)
    assert sorted(s.submission_id for s in stored) == sorted(i for row in ids for i in row)


def test_two_servers_share_one_wall(wall_url):
    first, second = ClassWall(wall_url), ClassWall(wall_url)
    send(first, nickname="from one")
    second.set_open(False)
    assert [s.nickname for s in second.submissions()] == ["from one"] and not first.is_open()


@pytest.mark.parametrize("typed, shown", [
    ("<b>Ann</b>", "bAnnb"),
    ("**bold** [x](javascript:alert(1))", "bold xjavascriptalert1"),
    ("=HYPERLINK(\"http://evil\")", "HYPERLINKhttpevil"),
    ("  Zoë   van  Dijk ", "Zoë van Dijk"),
    ("x" * 100, "x" * NICKNAME_MAX),
    (None, ""),
])
def test_nicknames_keep_only_plain_characters(typed, shown):
    assert clean_nickname(typed) == shown


def test_class_accuracy_counts_only_stated_digits(tmp_path):
    wall = ClassWall(f"sqlite:///{tmp_path / 'wall.sqlite3'}")
    send(wall, session="a", intended=3, predicted=3)
    send(wall, session="b", intended=8, predicted=3)
    send(wall, session="c", predicted=1)  # no stated digit: on the wall, not in the score
    submissions = wall.submissions()
    assert class_accuracy(submissions) == (0.5, 2)


def test_an_unreachable_database_is_a_message(tmp_path):
    with pytest.raises(ClassroomError, match="cannot be opened"):
        ClassWall("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    with pytest.raises(ClassroomError) as error:
        ClassWall("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(error.value)


def test_a_drawing_called_not_a_digit_is_no_misread_of_the_digit_meant(tmp_path):
    wall = ClassWall(f"sqlite:///{tmp_path / 'wall.sqlite3'}")
    send(wall, session="a", intended=3, predicted=3)
    send(wall, session="b", intended=8, predicted=0, not_a_digit=True)  # a smiley sent as "8": not counted either way
    submissions = wall.submissions()
    assert submissions[1].not_a_digit and submissions[1].matched is None
    assert class_accuracy(submissions) == (1.0, 1)


def test_the_teacher_removes_one_drawing_for_good(wall_url):
    wall = ClassWall(wall_url)
    keep, rude = send(wall, session="a"), send(wall, session="b")
    before = wall.version()
    assert wall.remove(rude.submission_id) and not wall.remove(rude.submission_id)
    assert [s.submission_id for s in wall.submissions()] == [keep.submission_id] and wall.version() != before


def test_an_undone_removal_puts_the_drawing_back_as_it_was_in_its_place(wall_url):
    wall = ClassWall(wall_url)
    first = send(wall, seed=1, session="a", nickname="Ada", intended=5, predicted=3, now=1_000.0)
    removed = send(wall, seed=2, session="b", nickname="Sam", intended=7, predicted=7, now=1_001.0)
    wall.set_approval(True)
    waiting = send(wall, seed=3, session="c", now=1_002.0)
    before = wall.submissions() + wall.submissions(waiting=True)
    taken = wall.remove(removed.submission_id)
    assert taken == removed and np.array_equal(taken.digit, random_digit(2))
    assert wall.restore(taken) and not wall.restore(taken)  # once: it is back already
    after = wall.submissions() + wall.submissions(waiting=True)
    assert after == before and [s.id for s in wall.submissions()] == [first.id, removed.id]  # its old place
    assert np.array_equal(wall.submissions()[1].digit, random_digit(2))
    assert wall.restore(wall.remove(waiting.submission_id)) and wall.submissions(waiting=True) == [waiting]  # still waiting


def test_an_undone_removal_whose_id_was_given_away_comes_back_at_the_end(wall_url):
    """A wall made by an earlier version (SQLite without AUTOINCREMENT) could give a removed id to a newer drawing."""
    wall = ClassWall(wall_url)
    removed = wall.remove(send(wall, seed=1, session="a").submission_id)
    with wall.engine.begin() as opened:  # as that old wall would: the next drawing takes the freed id
        opened.execute(insert(submissions).values(id=removed.id, submission_id="newer", session_id="b", nickname="",
                                                  predicted=2, confidence=0.5, pixels=random_digit(2).tobytes(),
                                                  created_at=2_000.0, not_a_digit=False, approved=True))
    assert wall.restore(removed)
    back = wall.submissions()
    assert [s.submission_id for s in back] == ["newer", removed.submission_id] and back[1].id > removed.id


def test_each_removal_restore_and_approval_is_a_new_version_even_when_the_counts_come_back(wall_url):
    """Caches key on the version: remove X, undo, remove Y has X's counts but must not look like the wall without X."""
    wall = ClassWall(wall_url)
    x, y = send(wall, session="a", now=1_000.0), send(wall, session="b", now=999.0)
    versions = [wall.version()]
    wall.restore(wall.remove(x.submission_id))
    versions.append(wall.version())
    wall.remove(y.submission_id)
    versions.append(wall.version())
    wall.approve(x.submission_id)  # already shown: nothing to see, still counted
    versions.append(wall.version())
    wall.clear()
    versions.append(wall.version())
    assert len(set(versions)) == len(versions) and ClassWall(wall_url).version() == versions[-1]


def test_a_drawing_sent_after_the_newest_was_removed_is_a_new_version_with_a_new_id(wall_url):
    """Caches key on the version: a removal and a new drawing must never look like the wall before them."""
    wall = ClassWall(wall_url)
    first = send(wall, session="a", now=1_000.0)
    seen = wall.version()
    wall.remove(first.submission_id)
    second = send(wall, session="b", now=1_001.0)
    assert second.id != first.id and wall.version() != seen


def test_show_after_i_approve_holds_new_drawings_in_a_queue(wall_url):
    wall = ClassWall(wall_url)
    shown = send(wall, session="a")
    wall.set_approval(True)
    waiting = send(wall, session="b")
    assert wall.needs_approval() and not waiting.approved
    assert [s.submission_id for s in wall.submissions()] == [shown.submission_id]
    assert [s.submission_id for s in wall.submissions(waiting=True)] == [waiting.submission_id]
    before = wall.version()
    assert wall.approve(waiting.submission_id) and wall.version() != before
    assert len(wall.submissions()) == 2 and wall.submissions(waiting=True) == []
    wall.set_approval(False)
    assert send(wall, session="c").approved


def test_a_wall_saved_by_the_previous_version_gets_the_new_columns(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:  # the table as Digit Lab 0.3 made it, with one drawing on it
        old.execute("CREATE TABLE wall_submissions (id INTEGER PRIMARY KEY AUTOINCREMENT, submission_id VARCHAR(64) NOT NULL "
                    "UNIQUE, session_id VARCHAR(64) NOT NULL, nickname VARCHAR(24) NOT NULL, intended SMALLINT, predicted "
                    "SMALLINT NOT NULL, confidence FLOAT NOT NULL, pixels BLOB NOT NULL, created_at FLOAT NOT NULL)")
        old.execute("INSERT INTO wall_submissions (submission_id, session_id, nickname, intended, predicted, confidence, pixels, "
                    "created_at) VALUES ('old', 's', 'Ada', 7, 7, 1.0, ?, 1.0)", (bytes(784),))
    wall = ClassWall(f"sqlite:///{path}")
    [kept] = wall.submissions()
    assert (kept.nickname, kept.not_a_digit, kept.approved) == ("Ada", False, True)
    assert send(wall, session="new").id == 2
