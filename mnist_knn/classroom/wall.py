"""The class wall: the drawings a class sends, shared by every app server through one database.

The teacher can close it, clear it, remove one drawing, and switch it to "show after I approve": new drawings then
wait in a queue that only the teacher sees, and neither the wall nor the class memory uses them until approved.
"""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field, replace

import numpy as np
from sqlalchemy import (
    Boolean,
    Column,
    Double,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from mnist_knn.classroom.database import ClassroomError, connect, connection, metadata, with_digit
from mnist_knn.classroom.sends import count_send
from mnist_knn.classroom.switches import WallSwitches, settings
from mnist_knn.classroom.taken_off import SUBMISSION_ID_MAX, put_back, take_off, was_taken_off  # (one id length, both tables)
from mnist_knn.classroom.taken_off import words as taken_off_words
from mnist_knn.language import _

NICKNAME_MAX = 24
CHANGES = "changes"  # the wall_settings row counting relabels, removals, restores, approvals and clears (for version())
DIGIT_PIXELS = 28 * 28

submissions = Table(
    "wall_submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(SUBMISSION_ID_MAX), nullable=False, unique=True),  # made by the sender: stored once
    Column("session_id", String(SUBMISSION_ID_MAX), nullable=False, index=True),
    Column("nickname", String(NICKNAME_MAX), nullable=False),
    Column("intended", SmallInteger, nullable=True),  # the digit the student meant; None when not said
    Column("predicted", SmallInteger, nullable=False),
    Column("confidence", Double, nullable=False),  # the calibrated chance the reading is right
    Column("pixels", LargeBinary(DIGIT_PIXELS), nullable=False),  # the 28 x 28 MNIST-format digit, row by row
    Column("created_at", Double, nullable=False, index=True),  # seconds since the epoch (UTC)
    Column("not_a_digit", Boolean, nullable=False, default=False),  # the model called it not a digit
    Column("approved", Boolean, nullable=False, default=True),  # shown (False: waiting for the teacher)
    sqlite_autoincrement=True,  # ids are never reused, even after the newest drawing is removed
)


@dataclass(frozen=True)
class Submission:
    """One drawing on the wall."""

    id: int
    submission_id: str
    session_id: str
    nickname: str
    intended: int | None
    predicted: int
    confidence: float
    digit: np.ndarray = field(compare=False)  # compared through the other fields
    created_at: float = 0.0
    not_a_digit: bool = False
    approved: bool = True

    @property
    def matched(self) -> bool | None:
        """Whether the model read the digit the student meant (None when not said, or when it called it no digit)."""
        return None if self.intended is None or self.not_a_digit else self.intended == self.predicted


def clean_nickname(nickname: str | None) -> str:
    """Letters, digits, spaces and . _ ' - only, at most NICKNAME_MAX characters: nothing a browser or spreadsheet runs."""
    kept = "".join(c for c in unicodedata.normalize("NFC", nickname or "") if c.isalnum() or c in " ._'-")
    return " ".join(kept.split()).lstrip("._'- ")[:NICKNAME_MAX].rstrip()


class ClassWall(WallSwitches):
    """Submit, read, moderate, open/close and clear the wall; safe to share between threads (one connection per call)."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = connect(url)
        try:  # the counter of changes starts at 0 (a wall made by an earlier version gets it now)
            with connection(self.engine, write=True) as opened:
                if opened.execute(select(settings.c.name).where(settings.c.name == CHANGES)).first() is None:
                    opened.execute(insert(settings).values(name=CHANGES, value="0"))
        except IntegrityError:  # another server made it in the same instant
            pass

    def submit(self, digit: np.ndarray, predicted: int, confidence: float, *, session_id: str, submission_id: str,
               nickname: str = "", intended: int | None = None, not_a_digit: bool = False,
               now: float | None = None) -> Submission:
        """Store one drawing (once, however often it is resent: sent again with another digit meant, it shows that digit)
        and return it; ClassroomError when refused."""
        digit = np.asarray(digit)
        if digit.shape != (28, 28) or digit.dtype != np.uint8:
            raise ClassroomError(_("Only a 28 x 28 MNIST-format digit can be sent to the wall."))
        if intended is not None and intended not in range(10):
            raise ClassroomError(_("The digit you meant must be one of 0-9."))
        if not 0 < len(submission_id) <= SUBMISSION_ID_MAX or not 0 < len(session_id) <= SUBMISSION_ID_MAX:
            raise ClassroomError(_("This submission has no valid identifier."))
        existing = self._find(submission_id)
        if existing is not None and existing.intended == intended:
            return existing
        if existing is None and self._taken_off(submission_id):
            raise ClassroomError(taken_off_words())
        if not self.is_open():
            raise ClassroomError(_("The class wall is closed: your teacher has paused sending."))
        now = now or time.time()
        if existing is not None:
            return self._relabel(existing, intended, session_id, now)
        row = dict(submission_id=submission_id, session_id=session_id, nickname=clean_nickname(nickname), intended=intended,
                   predicted=int(predicted), confidence=float(confidence), pixels=digit.tobytes(), created_at=now,
                   not_a_digit=bool(not_a_digit), approved=not self.needs_approval())
        try:
            with connection(self.engine, write=True) as opened:
                count_send(opened, session_id, now)
                new_id = opened.execute(insert(submissions).values(**row)).inserted_primary_key[0]
        except IntegrityError:  # the same submission arrived twice at once: the first one stands
            return self._find(submission_id)
        return Submission(id=new_id, digit=digit.copy(), **{k: v for k, v in row.items() if k != "pixels"})

    def _relabel(self, existing: Submission, intended: int | None, session_id: str, now: float) -> Submission:
        """A stored drawing sent again with another digit meant, now with that digit; while drawings are shown only once
        approved, it waits for the teacher again (the class memory learns approved labels). Refused past the sending
        limit, or when the teacher took it off the wall meanwhile."""
        approved = existing.approved and not self.needs_approval()
        with connection(self.engine, write=True) as opened:
            count_send(opened, session_id, now)
            found = opened.execute(update(submissions).where(submissions.c.submission_id == existing.submission_id)
                                   .values(intended=intended, approved=approved)).rowcount > 0
            if not found:  # (raised inside: this send is not counted)
                raise ClassroomError(taken_off_words())
            self._changed(opened)
        return replace(existing, intended=intended, approved=approved)

    def _taken_off(self, submission_id: str) -> bool:
        """Whether the teacher took this drawing off the wall (and has not put it back)."""
        with connection(self.engine) as opened:
            return was_taken_off(opened, submission_id)

    def _find(self, submission_id: str) -> Submission | None:
        """The stored submission with this sender-made id, if any."""
        with connection(self.engine) as opened:
            row = opened.execute(select(submissions).where(submissions.c.submission_id == submission_id)).first()
        return with_digit(row, Submission) if row else None

    def submissions(self, waiting: bool = False) -> list[Submission]:
        """The drawings on the wall (approved), oldest first; with `waiting`, those still waiting for the teacher."""
        query = select(submissions).where(submissions.c.approved == (not waiting)).order_by(submissions.c.id)
        with connection(self.engine) as opened:
            return [with_digit(row, Submission) for row in opened.execute(query)]

    def version(self) -> tuple[int, int, int, float, int]:
        """(how many drawings, newest id, how many approved, newest time, how many relabels, removals, restores, approvals
        and clears): changes whenever the wall does, even when an undone removal brings a count back; cheap to ask often."""
        changes = select(func.cast(settings.c.value, Integer)).where(settings.c.name == CHANGES).scalar_subquery()
        with connection(self.engine) as opened:
            count, newest, shown, latest, changed = opened.execute(select(
                func.count(), func.coalesce(func.max(submissions.c.id), 0),
                func.coalesce(func.sum(func.cast(submissions.c.approved, Integer)), 0),
                func.coalesce(func.max(submissions.c.created_at), 0.0), func.coalesce(changes, 0))).one()
        return int(count), int(newest), int(shown), float(latest), int(changed)

    @staticmethod
    def _changed(opened: Connection) -> None:
        """Count one more change to what is on the wall, in the transaction that makes it (one atomic UPDATE)."""
        opened.execute(update(settings).where(settings.c.name == CHANGES).values(
            value=func.cast(func.cast(settings.c.value, Integer) + 1, String)))

    def approve(self, *submission_ids: str) -> bool:
        """Show waiting drawings on the wall, all in one transaction; False when none of them is there any more."""
        with connection(self.engine, write=True) as opened:
            approved = opened.execute(update(submissions).where(submissions.c.submission_id.in_(submission_ids))
                                      .values(approved=True)).rowcount > 0
            self._changed(opened)
        return approved

    def remove(self, submission_id: str) -> Submission | None:
        """Take one drawing off the wall (and out of the class memory); returns it (for `restore`), None when it was
        already gone."""
        removed = self._find(submission_id)
        with connection(self.engine, write=True) as opened:
            gone = opened.execute(delete(submissions).where(submissions.c.submission_id == submission_id)).rowcount > 0
            if gone:  # sent again, it stays off
                take_off(opened, [submission_id])
            self._changed(opened)
        return removed if gone else None

    def restore(self, removed: Submission) -> bool:
        """Put a removed drawing back as it was, in its old place (its id; at the end if a wall made by an earlier
        version gave that id to a newer drawing); False when it is back already."""
        row = {column.name: getattr(removed, column.name) for column in submissions.columns if column.name != "pixels"}
        row["pixels"] = removed.digit.tobytes()
        for attempt in (row, {name: value for name, value in row.items() if name != "id"}):
            if self._find(removed.submission_id) is not None:
                return False
            try:
                with connection(self.engine, write=True) as opened:
                    opened.execute(insert(submissions).values(**attempt))
                    put_back(opened, removed.submission_id)
                    self._changed(opened)
                return True
            except IntegrityError:  # the id is taken (or the drawing came back in the same instant: seen above)
                continue
        return False

    def clear(self) -> int:
        """Remove every submission, shown or waiting (sent again, they stay off); returns how many there were."""
        with connection(self.engine, write=True) as opened:  # deleted first, as `remove` does: the same lock order
            cleared = opened.execute(delete(submissions).returning(submissions.c.submission_id)).scalars().all()
            take_off(opened, cleared)
            self._changed(opened)
        return len(cleared)


def class_accuracy(wall: list[Submission]) -> tuple[float | None, int]:
    """Share of drawings sent with the digit their author meant that the model read as that digit, and how many.

    A drawing the model called "not a digit" is left out: it is not a misread of the digit meant.
    """
    judged = [submission.matched for submission in wall if submission.matched is not None]
    return (sum(judged) / len(judged) if judged else None), len(judged)
