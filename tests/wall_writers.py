"""A stand-in for an app server under classroom load: 30 students' threads each send 20 drawings to the wall.

Run as `python -m tests.wall_writers DATABASE_URL`; prints `ACK <submission id>` once the wall has confirmed a drawing.
Like a browser whose send got no answer, a restarted writer sends every drawing again with the same id.
"""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from mnist_knn.classroom.database import DatabaseUnavailable
from mnist_knn.classroom.sends import SUBMISSIONS_PER_MINUTE
from mnist_knn.classroom.wall import ClassWall

WRITERS = 30
DRAWINGS_EACH = 20
print_lock = threading.Lock()


def submission_ids() -> list[list[str]]:
    """The ids every writer sends, in order."""
    return [[f"student{writer:02d}-drawing{number:02d}" for number in range(DRAWINGS_EACH)] for writer in range(WRITERS)]


def send_all(wall: ClassWall, writer: int, ids: list[str]) -> None:
    """Send one student's drawings, retrying a drawing while the database does not answer, until the wall confirms it."""
    for number, submission_id in enumerate(ids):
        digit = np.random.default_rng(writer * 100 + number).integers(0, 256, (28, 28), dtype=np.uint8)
        while True:
            try:
                wall.submit(digit, number % 10, 0.5, session_id=f"student{writer:02d}-{number // SUBMISSIONS_PER_MINUTE}",
                            submission_id=submission_id, nickname=f"student {writer}", intended=number % 10)
                break
            except DatabaseUnavailable:  # the database is away (or restarting): try again shortly; a refusal is final
                time.sleep(0.05)
        with print_lock:
            print(f"ACK {submission_id}", flush=True)


def main(url: str) -> int:
    """Run every writer; a refusal (a closed wall, say) ends the run with its message and exit code 2."""
    wall = ClassWall(url)
    with ThreadPoolExecutor(WRITERS) as pool:
        results = [pool.submit(send_all, wall, writer, ids) for writer, ids in enumerate(submission_ids())]
        refusals = [str(result.exception()) for result in results if result.exception() is not None]
    if refusals:
        print(f"REFUSED {refusals[0]}", flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
