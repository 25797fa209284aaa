"""The class wall: students' drawings in one database (SQLite by default, PostgreSQL for several servers)."""

from __future__ import annotations

import contextlib
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import (
    Column,
    Connection,
    Double,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError

from mnist_knn import config

NICKNAME_MAX = 24
SUBMISSIONS_PER_MINUTE = 10  # per browser session
SUBMISSION_ID_MAX = 64
DIGIT_PIXELS = 28 * 28

metadata = MetaData()
submissions = Table(
    "wall_submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", String(SUBMISSION_ID_MAX), nullable=False, unique=True),  # made by the sender: a resend is stored once
    Column("session_id", String(SUBMISSION_ID_MAX), nullable=False, index=True),
    Column("nickname", String(NICKNAME_MAX), nullable=False),
    Column("intended", SmallInteger, nullable=True),  # the digit the student meant; None when not said
    Column("predicted", SmallInteger, nullable=False),
    Column("confidence", Double, nullable=False),
    Column("pixels", LargeBinary(DIGIT_PIXELS), nullable=False),  # the 28 x 28 MNIST-format digit, row by row
    Column("created_at", Double, nullable=False, index=True),  # seconds since the epoch (UTC)
)
settings = Table("wall_settings", metadata, Column("name", String(32), primary_key=True), Column("value", String(64), nullable=False))


class WallError(Exception):
    """A submission or a wall action was refused; the message says why, in words for the student or teacher."""


class WallUnavailable(WallError):
    """The wall's database did not answer (down, restarting, unreachable): trying again later may work."""


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

    @property
    def matched(self) -> bool | None:
        """Whether the model read the digit the student meant (None when the student did not say)."""
        return None if self.intended is None else self.intended == self.predicted


def clean_nickname(nickname: str | None) -> str:
    """Letters, digits, spaces and . _ ' - only, at most NICKNAME_MAX characters: nothing a browser or spreadsheet runs."""
    kept = "".join(c for c in unicodedata.normalize("NFC", nickname or "") if c.isalnum() or c in " ._'-")
    return " ".join(kept.split()).lstrip("._'- ")[:NICKNAME_MAX].rstrip()


def _sqlite_pragmas(connection, _record) -> None:
    """WAL lets readers and one writer work at once; a writer waits up to 30 s for another; FULL sync: a commit is on disk."""
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=FULL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def connect(url: str | None = None) -> Engine:
    """An engine for the wall's database (`MNIST_KNN_DB`, default an SQLite file under the data directory); tables made if missing."""
    url = url or config.wall_database_url()
    if url.startswith("sqlite:///"):
        config.wall_database_path(url).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        metadata.create_all(engine)
    except IntegrityError:  # another server created the tables at the same moment
        pass
    except SQLAlchemyError as error:
        raise WallUnavailable(f"The class wall's database cannot be opened ({engine.url.render_as_string()}): {_reason(error)}") from None
    return engine


def _reason(error: SQLAlchemyError) -> str:
    """The database's own words, without SQLAlchemy's statement dump."""
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


class ClassWall:
    """Submit, read, open/close and clear the wall; safe to share between threads (one connection per call)."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = connect(url)

    @contextlib.contextmanager
    def _connection(self, write: bool = False) -> Iterator[Connection]:
        """A connection (in a transaction that commits at the end when `write`); an unreachable database is a WallError."""
        try:
            with (self.engine.begin() if write else self.engine.connect()) as connection:
                yield connection
        except (OperationalError, InterfaceError) as error:
            raise WallUnavailable(f"The class wall's database did not answer: {_reason(error)}. Nothing was changed; try again.") from None

    def submit(self, digit: np.ndarray, predicted: int, confidence: float, *, session_id: str, submission_id: str,
               nickname: str = "", intended: int | None = None, now: float | None = None) -> Submission:
        """Store one drawing (once, whatever how often it is resent) and return it; WallError when refused."""
        digit = np.asarray(digit)
        if digit.shape != (28, 28) or digit.dtype != np.uint8:
            raise WallError("Only a 28 x 28 MNIST-format digit can be sent to the wall.")
        if intended is not None and intended not in range(10):
            raise WallError("The digit you meant must be one of 0-9.")
        if not 0 < len(submission_id) <= SUBMISSION_ID_MAX or not 0 < len(session_id) <= SUBMISSION_ID_MAX:
            raise WallError("This submission has no valid identifier.")
        row = dict(submission_id=submission_id, session_id=session_id, nickname=clean_nickname(nickname), intended=intended,
                   predicted=int(predicted), confidence=float(confidence), pixels=digit.tobytes(), created_at=now or time.time())
        existing = self._find(submission_id)
        if existing is not None:
            return existing
        if not self.is_open():
            raise WallError("The class wall is closed: your teacher has paused sending.")
        try:
            with self._connection(write=True) as connection:  # the insert comes first: an SQLite writer never reads a stale snapshot
                new_id = connection.execute(insert(submissions).values(**row)).inserted_primary_key[0]
                recent = connection.execute(select(func.count()).where(
                    submissions.c.session_id == session_id, submissions.c.created_at > row["created_at"] - 60)).scalar_one()
                if recent > SUBMISSIONS_PER_MINUTE:
                    raise WallError(f"At most {SUBMISSIONS_PER_MINUTE} drawings a minute from one student: wait a moment and send again.")
        except IntegrityError:  # the same submission arrived twice at once: the first one stands
            return self._find(submission_id)
        return Submission(id=new_id, digit=digit.copy(), **{k: v for k, v in row.items() if k != "pixels"})

    def _find(self, submission_id: str) -> Submission | None:
        """The stored submission with this sender-made id, if any."""
        with self._connection() as connection:
            row = connection.execute(select(submissions).where(submissions.c.submission_id == submission_id)).first()
        return _as_submission(row) if row else None

    def submissions(self) -> list[Submission]:
        """Every submission, oldest first."""
        query = select(submissions).order_by(submissions.c.id)
        with self._connection() as connection:
            return [_as_submission(row) for row in connection.execute(query)]

    def version(self) -> tuple[int, int]:
        """(how many submissions, newest id): changes whenever the wall does, cheap to ask every few seconds."""
        with self._connection() as connection:
            count, newest = connection.execute(select(func.count(), func.coalesce(func.max(submissions.c.id), 0))).one()
        return int(count), int(newest)

    def is_open(self) -> bool:
        """Whether students may send (a new wall is open)."""
        with self._connection() as connection:
            value = connection.execute(select(settings.c.value).where(settings.c.name == "open")).scalar()
        return value != "no"

    def set_open(self, is_open: bool) -> None:
        """Open or close the wall for submissions."""
        try:
            with self._connection(write=True) as connection:
                connection.execute(delete(settings).where(settings.c.name == "open"))
                connection.execute(insert(settings).values(name="open", value="yes" if is_open else "no"))
        except IntegrityError:  # another server switched it in the same instant: theirs stands
            pass

    def clear(self) -> int:
        """Remove every submission; returns how many there were."""
        with self._connection(write=True) as connection:
            return connection.execute(delete(submissions)).rowcount


def _as_submission(row) -> Submission:
    """A database row as a Submission with its digit as a 28 x 28 uint8 array."""
    values = row._mapping
    digit = np.frombuffer(values["pixels"], dtype=np.uint8).reshape(28, 28).copy()
    return Submission(digit=digit, **{name: values[name] for name in Submission.__dataclass_fields__ if name != "digit"})


def class_accuracy(wall: list[Submission]) -> tuple[float | None, int]:
    """Share of submissions with a stated digit that the model read right, and how many stated one."""
    judged = [submission.matched for submission in wall if submission.matched is not None]
    return (sum(judged) / len(judged) if judged else None), len(judged)


def class_confusion(wall: list[Submission]) -> np.ndarray:
    """10 x 10 counts: rows the digit meant, columns the digit read."""
    counts = np.zeros((10, 10), dtype=np.int64)
    for submission in wall:
        if submission.intended is not None:
            counts[submission.intended, submission.predicted] += 1
    return counts
