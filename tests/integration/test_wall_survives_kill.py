"""The class wall under crashes: 30 writers x 20 drawings while the app server, or PostgreSQL itself, is SIGKILLed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from mnist_knn.classroom.wall import ClassWall
from tests.postgres import empty_wall_database
from tests.wall_writers import submission_ids

PROJECT_ROOT = Path(__file__).resolve().parents[2]
KILLS_AFTER = (150, 350)  # acknowledgements a run sees before its SIGKILL (a restart resends from the first drawing)


def _start_writers(url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.wall_writers", url], cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _check_wall(url: str, acknowledged: set[str]) -> None:
    """Nothing the wall confirmed is lost, and every drawing is there exactly once."""
    stored_ids = [submission.submission_id for submission in ClassWall(url).submissions()]
    expected = {submission_id for ids in submission_ids() for submission_id in ids}
    assert acknowledged <= set(stored_ids)
    assert len(stored_ids) == len(set(stored_ids)) == len(expected)
    assert set(stored_ids) == expected


def test_every_acknowledged_drawing_survives_sigkill_and_none_is_stored_twice(wall_url):
    ClassWall(wall_url)  # tables exist before the writers start
    acknowledged: set[str] = set()
    expected = {submission_id for ids in submission_ids() for submission_id in ids}
    for kill_after in (*KILLS_AFTER, None):
        writers = _start_writers(wall_url)
        seen = 0
        try:
            for line in writers.stdout:
                acknowledged.add(line.split()[1])
                seen += 1
                if seen == kill_after:
                    writers.send_signal(signal.SIGKILL)  # mid-flight: the other 29 threads are inside a send
                    break
            writers.wait(timeout=120)
        finally:
            writers.kill()
        if kill_after is None:
            assert writers.returncode == 0, writers.stderr.read()
        else:
            assert writers.returncode == -signal.SIGKILL and len(acknowledged) < len(expected)
    _check_wall(wall_url, acknowledged)


def test_postgresql_killed_mid_class_loses_no_acknowledged_drawing(postgres):
    ClassWall(empty_wall_database(postgres.url))
    writers = _start_writers(postgres.url)
    acknowledged: set[str] = set()
    try:
        for line in writers.stdout:
            acknowledged.add(line.split()[1])
            if len(acknowledged) == 200:
                postgres.kill()  # the database crashes with 29 sends in flight; the writers keep retrying
                postgres.start()  # crash recovery replays the write-ahead log
        assert writers.wait(timeout=120) == 0, writers.stderr.read()
    finally:
        writers.kill()
    assert "automatic recovery in progress" in postgres.log.read_text()  # it really crashed
    _check_wall(postgres.url, acknowledged)


def test_writers_stop_at_once_when_the_wall_refuses(wall_url):
    wall = ClassWall(wall_url)
    wall.set_open(False)  # a refusal, not an outage: retrying cannot help
    writers = _start_writers(wall_url)
    output, errors = writers.communicate(timeout=60)
    assert writers.returncode == 2, errors
    assert "REFUSED The class wall is closed" in output and "ACK" not in output
    assert wall.submissions() == []
