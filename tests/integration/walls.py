"""Sending to the class wall in the wall's integration tests: random digits from one session, unless told otherwise."""

from __future__ import annotations

import uuid

import numpy as np

from mnist_knn.classroom.wall import ClassWall, Submission


def random_digit(seed: int) -> np.ndarray:
    """A 28 x 28 grey-level image of noise, the same for the same seed."""
    return np.random.default_rng(seed).integers(0, 256, (28, 28), dtype=np.uint8)


def send(wall: ClassWall, seed: int = 0, session: str = "session-a", **fields) -> Submission:
    """Submit `random_digit(seed)` (read as 3, 75 % sure, a new id) with any other fields given."""
    fields.setdefault("submission_id", uuid.uuid4().hex)
    return wall.submit(random_digit(seed), fields.pop("predicted", 3), fields.pop("confidence", 0.75), session_id=session,
                       **fields)
