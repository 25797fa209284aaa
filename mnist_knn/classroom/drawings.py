"""Each student's own drawings, kept in the classroom's database so that a reload loses nothing, and the student's
memory: the drawings they labelled themselves, which the model then searches beside MNIST for them alone.

A browser tab carries a random token in the page's address; the database keeps only the token's SHA-256, so no
drawing can be found from the data without the tab. Drawings are kept KEEP_DAYS days after they were made (older ones
are deleted whenever a drawing is recorded), and "Clear my drawings" deletes all of a student's drawings at once.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

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
    UniqueConstraint,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from mnist_knn.classroom.database import ClassroomError, connect, connection, metadata, with_digit
from mnist_knn.language import _, ngettext, number

KEEP_DAYS = 30
TOKEN_BYTES = 16
MEMORY_LIMIT = 200  # drawings a student may teach (the memory is searched on every drawing they make)

student_drawings = Table(
    "student_drawings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(64), nullable=False, index=True),  # SHA-256 of the tab's token, never the token itself
    Column("source", String(64), nullable=False),  # one canvas or upload: later strokes replace its drawing
    Column("pixels", LargeBinary(28 * 28), nullable=False),
    Column("predicted", SmallInteger, nullable=False),
    Column("chance_right", Double, nullable=True),  # None when it was called "not a digit"
    Column("not_a_digit", Boolean, nullable=False),
    Column("label", SmallInteger, nullable=True),  # the student's digit for it; None: not a digit
    Column("taught", Boolean, nullable=False, default=False),  # the student picked the label: it teaches their memory
    Column("created_at", Double, nullable=False, index=True),
    UniqueConstraint("student", "source"),
    sqlite_autoincrement=True,
)


@dataclass(frozen=True)
class Drawing:
    """One drawing as the model saw it: the 28 x 28 MNIST-format digit, what was read, and the student's label."""

    id: int
    source: str
    digit: np.ndarray
    predicted: int
    chance_right: float | None
    not_a_digit: bool
    label: int | None
    created_at: float
    taught: bool = False

    @property
    def read_right(self) -> bool:
        """Whether the reading agrees with the student's label (no label: not a digit, which a refusal agrees with)."""
        return self.label is None if self.not_a_digit else self.label == self.predicted

    @property
    def labelled(self) -> bool:
        """The student picked a label other than the one it starts with, the model's reading (or taught this digit)."""
        return self.taught or self.label != (None if self.not_a_digit else self.predicted)

    @property
    def refused_on_canvas(self) -> bool:
        """Called not a digit when it was drawn (on its whole canvas), and not taught as a digit since."""
        return self.not_a_digit and not self.taught


def new_token() -> str:
    """A fresh random token for one browser tab."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def _student(token: str) -> str:
    """What the database keeps of a token."""
    if not token:
        raise ClassroomError(_("This page has no student token; reload it."))
    return hashlib.sha256(token.encode()).hexdigest()


class DrawingStore:
    """Record, read, relabel and forget each student's drawings; safe to share between threads and servers."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = connect(url)

    def record(self, token: str, source: str, digit: np.ndarray, predicted: int, chance_right: float | None,
               not_a_digit: bool, now: float | None = None) -> None:
        """Keep this drawing's reading (replacing the earlier state of the same canvas). The label follows the new reading,
        unless the student taught this very drawing: then what they taught stays."""
        now = now or time.time()
        pixels = np.asarray(digit, dtype=np.uint8).tobytes()
        reading = dict(predicted=int(predicted), chance_right=None if chance_right is None else float(chance_right),
                       not_a_digit=bool(not_a_digit))
        values = dict(pixels=pixels, **reading, label=None if not_a_digit else int(predicted), created_at=now, taught=False)
        key = dict(student=_student(token), source=source[:64])
        with connection(self.engine, write=True) as opened:
            opened.execute(delete(student_drawings).where(student_drawings.c.created_at < now - KEEP_DAYS * 86_400))
            taught = opened.execute(select(student_drawings.c.id).where(*_matching(key), student_drawings.c.taught,
                                                                        student_drawings.c.pixels == pixels)).first()
            if taught:
                return  # the same drawing, read again after it was taught: what it was read as before, and its label, stay
            opened.execute(update(student_drawings).where(*_matching(key), student_drawings.c.taught).values(
                source=func.substr(student_drawings.c.source, 1, 40) + "#" + func.cast(student_drawings.c.id, String)))
            # ... a taught drawing changed by new strokes stays taught, under a name of its own; the canvas starts anew
            changed = opened.execute(update(student_drawings).where(*_matching(key)).values(**values)).rowcount
            if not changed:
                try:
                    with opened.begin_nested():
                        opened.execute(insert(student_drawings).values(**key, **values))
                except IntegrityError:  # the same canvas, recorded at the same moment by another request
                    opened.execute(update(student_drawings).where(*_matching(key)).values(**values))

    def drawings(self, token: str) -> list[Drawing]:
        """This student's drawings, oldest first."""
        query = select(student_drawings).where(student_drawings.c.student == _student(token)).order_by(student_drawings.c.id)
        with connection(self.engine) as opened:
            return [with_digit(row, Drawing) for row in opened.execute(query)]

    def set_label(self, token: str, drawing_id: int, label: int | None) -> None:
        """The student's own digit for one of their drawings (None: not a digit): a digit teaches their memory."""
        if label is not None and label not in range(10):
            raise ClassroomError(_("A label is a digit from 0 to 9, or none."))
        student = _student(token)
        with connection(self.engine, write=True) as opened:
            if label is not None:
                taught = opened.execute(select(func.count()).where(student_drawings.c.student == student,
                                                                   student_drawings.c.taught,
                                                                   student_drawings.c.id != drawing_id)).scalar_one()
                if taught >= MEMORY_LIMIT:
                    raise ClassroomError(ngettext(
                        "Your memory is full: you have taught it {count} drawing. Clear your drawings on My drawings to "
                        "teach it more.",
                        "Your memory is full: you have taught it {count} drawings. Clear your drawings on My drawings to "
                        "teach it more.", MEMORY_LIMIT).format(count=number(MEMORY_LIMIT)))
            opened.execute(update(student_drawings).where(student_drawings.c.student == student,
                                                          student_drawings.c.id == drawing_id)
                           .values(label=label, taught=label is not None))

    def teach(self, token: str, source: str, label: int | None) -> None:
        """Label this canvas or upload as the student meant it (None: back to the model's reading, nothing taught)."""
        with connection(self.engine) as opened:
            row = opened.execute(select(student_drawings.c.id, student_drawings.c.predicted, student_drawings.c.not_a_digit)
                                 .where(*_matching(dict(student=_student(token), source=source[:64])))).first()
        if row is None:
            raise ClassroomError(_("Draw something first: an empty canvas cannot be taught."))
        if label is None:  # undo: the label follows the model's reading again
            with connection(self.engine, write=True) as opened:
                opened.execute(update(student_drawings).where(student_drawings.c.id == row.id).values(
                    label=None if row.not_a_digit else row.predicted, taught=False))
            return
        self.set_label(token, row.id, label)

    def drawing(self, token: str, source: str) -> Drawing | None:
        """This student's drawing of one canvas or upload, if it was kept."""
        query = select(student_drawings).where(*_matching(dict(student=_student(token), source=source[:64])))
        with connection(self.engine) as opened:
            row = opened.execute(query).first()
        return with_digit(row, Drawing) if row else None

    def memory(self, token: str) -> list[Drawing]:
        """The drawings this student taught (their memory), oldest first."""
        return [drawing for drawing in self.drawings(token) if drawing.taught and drawing.label is not None]

    def memory_version(self, token: str) -> tuple[int, int, int]:
        """(how many taught, the newest such id, a checksum of their labels): changes whenever the memory does; cheap."""
        with connection(self.engine) as opened:
            count, newest, labels = opened.execute(select(
                func.count(), func.coalesce(func.max(student_drawings.c.id), 0),
                func.coalesce(func.sum(student_drawings.c.label * student_drawings.c.id + student_drawings.c.label), 0)).where(
                student_drawings.c.student == _student(token), student_drawings.c.taught)).one()
        return int(count), int(newest), int(labels)

    def forget(self, token: str) -> int:
        """Delete every drawing of this student; returns how many there were."""
        with connection(self.engine, write=True) as opened:
            return opened.execute(delete(student_drawings).where(student_drawings.c.student == _student(token))).rowcount


def _matching(key: dict[str, str]) -> list:
    """Conditions that pick one student's drawing of one canvas or upload."""
    return [student_drawings.c.student == key["student"], student_drawings.c.source == key["source"]]


