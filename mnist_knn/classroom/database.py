"""The classroom's database: one engine for the class wall and the students' drawings (SQLite or PostgreSQL)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import Boolean, Connection, Engine, MetaData, Row, create_engine, event, inspect, text
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, SQLAlchemyError

from mnist_knn import config
from mnist_knn.language import _

metadata = MetaData()
# Columns added since the first class walls were saved: added in place to an existing table, with their default.
ADDED_COLUMNS = {"wall_submissions": {"not_a_digit": (Boolean, "false"), "approved": (Boolean, "true")},
                 "student_drawings": {"taught": (Boolean, "false")}}


class ClassroomError(Exception):
    """A classroom action was refused; the message says why, in words for the student or the teacher."""


class DatabaseUnavailable(ClassroomError):
    """The classroom's database did not answer (down, restarting, unreachable): trying again later may work."""


def _sqlite_pragmas(connection, _record) -> None:
    """WAL lets readers and one writer work at once; a writer waits up to 30 s for another; FULL sync: a commit is on disk."""
    cursor = connection.cursor()
    for pragma in ("journal_mode=WAL", "busy_timeout=30000", "synchronous=FULL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def reason(error: SQLAlchemyError) -> str:
    """The database's own words, without SQLAlchemy's statement dump."""
    return str(getattr(error, "orig", None) or error).strip().splitlines()[0]


def _add_missing_columns(engine: Engine) -> None:
    """Bring tables made by an earlier version up to date (ALTER TABLE ... ADD COLUMN with the default)."""
    found = inspect(engine)
    for table, columns in ADDED_COLUMNS.items():
        if table not in metadata.tables:  # its module is not in use by this process
            continue
        present = {column["name"] for column in found.get_columns(table)}
        for name, (kind, default) in columns.items():
            if name not in present:
                with engine.begin() as connection:
                    kind_sql = kind().compile(dialect=engine.dialect)
                    connection.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {kind_sql} NOT NULL DEFAULT {default}"))


def connect(url: str | None = None) -> Engine:
    """An engine for the classroom's database (`MNIST_KNN_DB`, default an SQLite file under data/); tables made if missing."""
    url = url or config.wall_database_url()
    if url.startswith("sqlite:///"):
        config.wall_database_path(url).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with contextlib.suppress(IntegrityError):  # another server made the tables at the same moment
            metadata.create_all(engine)
        _add_missing_columns(engine)
    except SQLAlchemyError as error:
        raise DatabaseUnavailable(_("The classroom's database cannot be opened ({database}): {reason}").format(
            database=engine.url.render_as_string(), reason=reason(error))) from None
    return engine


@contextlib.contextmanager
def connection(engine: Engine, write: bool = False) -> Iterator[Connection]:
    """A connection (in a transaction that commits at the end when `write`); an unreachable database is DatabaseUnavailable."""
    try:
        with (engine.begin() if write else engine.connect()) as opened:
            yield opened
    except (OperationalError, InterfaceError) as error:
        raise DatabaseUnavailable(_("The classroom's database did not answer: {reason}. Nothing was changed; try again.").format(
            reason=reason(error))) from None


Record = TypeVar("Record")


def with_digit(row: Row[Any], kind: type[Record]) -> Record:
    """A row of stored drawings as `kind` (a dataclass with a `digit` field): its pixels become a 28 x 28 uint8 digit."""
    values = row._mapping
    digit = np.frombuffer(values["pixels"], dtype=np.uint8).reshape(28, 28).copy()
    return kind(digit=digit, **{name: values[name] for name in kind.__dataclass_fields__ if name != "digit"})
