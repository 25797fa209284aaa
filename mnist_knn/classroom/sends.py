"""The class wall's limit on sending: at most SUBMISSIONS_PER_MINUTE sends a minute from one browser session, a new
drawing and a new digit meant for one already sent alike (each redraws the projected wall). Each send is logged in
the transaction that makes it, so a refused one counts for nothing; entries older than a minute are dropped."""

from __future__ import annotations

from sqlalchemy import Column, Connection, Double, Integer, String, Table, delete, func, insert, select

from mnist_knn.classroom.database import ClassroomError, metadata
from mnist_knn.classroom.taken_off import SUBMISSION_ID_MAX
from mnist_knn.language import ngettext, number

SUBMISSIONS_PER_MINUTE = 10  # per browser session
sends = Table("wall_sends", metadata, Column("id", Integer, primary_key=True, autoincrement=True),
              Column("session_id", String(SUBMISSION_ID_MAX), nullable=False, index=True),
              Column("sent_at", Double, nullable=False, index=True))  # seconds since the epoch (UTC)


def count_send(opened: Connection, session_id: str, now: float) -> None:
    """Log one send of this session in the caller's transaction; ClassroomError (which undoes it) past the limit."""
    a_minute_ago = now - 60  # the window SUBMISSIONS_PER_MINUTE counts in
    opened.execute(delete(sends).where(sends.c.sent_at <= a_minute_ago))  # a write first: an SQLite writer never reads stale
    opened.execute(insert(sends).values(session_id=session_id, sent_at=now))
    recent = opened.execute(select(func.count()).where(sends.c.session_id == session_id,
                                                       sends.c.sent_at > a_minute_ago)).scalar_one()
    if recent > SUBMISSIONS_PER_MINUTE:
        raise ClassroomError(ngettext("At most {count} drawing a minute from one student: wait a moment and send again.",
                                      "At most {count} drawings a minute from one student: wait a moment and send again.",
                                      SUBMISSIONS_PER_MINUTE).format(count=number(SUBMISSIONS_PER_MINUTE)))
