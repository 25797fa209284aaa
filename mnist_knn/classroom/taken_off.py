"""The drawings the teacher took off the class wall (removed or cleared): sent again, they are refused, not put back.

One row a drawing id, written in the same transaction that deletes the drawing. Two teachers (or two servers) taking
the same drawing off at once is no error: the second row is dropped by the database itself (ON CONFLICT DO NOTHING,
in SQLite and PostgreSQL alike), so no lock is taken in another order than the deletion's.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, Connection, String, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from mnist_knn.classroom.database import metadata
from mnist_knn.language import _

SUBMISSION_ID_MAX = 64
taken_off = Table("wall_taken_off", metadata, Column("submission_id", String(SUBMISSION_ID_MAX), primary_key=True))
DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def words() -> str:
    """Why a drawing the teacher took off the wall is refused when it is sent again (in the sender's language)."""
    return _("Your teacher took this drawing off the class wall. Draw another one!")


def take_off(opened: Connection, submission_ids: Iterable[str]) -> None:
    """Mark these drawings as taken off, in the caller's transaction (one already marked stays marked)."""
    rows = [{"submission_id": submission_id} for submission_id in submission_ids]
    if rows:
        opened.execute(DIALECT_INSERTS[opened.dialect.name](taken_off).on_conflict_do_nothing(), rows)


def put_back(opened: Connection, submission_id: str) -> None:
    """The teacher undid the removal: the drawing may be sent again (in the caller's transaction)."""
    opened.execute(delete(taken_off).where(taken_off.c.submission_id == submission_id))


def was_taken_off(opened: Connection, submission_id: str) -> bool:
    """Whether the teacher took this drawing off the wall and has not put it back."""
    return opened.execute(select(taken_off.c.submission_id).where(taken_off.c.submission_id == submission_id)
                          ).first() is not None
