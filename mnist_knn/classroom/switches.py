"""The teacher's switches for the class wall, kept in its database so that every app server sees them: open or closed,
"show after I approve", and the projected wall's language."""

from __future__ import annotations

from sqlalchemy import Column, Engine, String, Table, delete, insert, select
from sqlalchemy.exc import IntegrityError

from mnist_knn.classroom.database import connection, metadata

settings = Table("wall_settings", metadata, Column("name", String(32), primary_key=True),
                 Column("value", String(64), nullable=False))


class WallSwitches:
    """Read and flip the switches; ClassWall has them (its `engine` is the wall's database)."""

    engine: Engine

    def _setting(self, name: str) -> str | None:
        with connection(self.engine) as opened:
            return opened.execute(select(settings.c.value).where(settings.c.name == name)).scalar()

    def _set(self, name: str, value: str) -> None:
        try:
            with connection(self.engine, write=True) as opened:
                opened.execute(delete(settings).where(settings.c.name == name))
                opened.execute(insert(settings).values(name=name, value=value))
        except IntegrityError:  # another server switched it in the same instant: theirs stands
            pass

    def is_open(self) -> bool:
        """Whether students may send (a new wall is open)."""
        return self._setting("open") != "no"

    def set_open(self, is_open: bool) -> None:
        """Open or close the wall for submissions."""
        self._set("open", "yes" if is_open else "no")

    def needs_approval(self) -> bool:
        """Whether new drawings wait for the teacher before they are shown (and remembered)."""
        return self._setting("approval") == "yes"

    def set_approval(self, needed: bool) -> None:
        """Switch "show after I approve" on or off (drawings already waiting stay waiting)."""
        self._set("approval", "yes" if needed else "no")

    def language(self) -> str | None:
        """The language the Teacher chose for the projected wall (None: each screen speaks its reader's)."""
        return self._setting("language") or None

    def set_language(self, code: str | None) -> None:
        """Choose the projected wall's language (None: each screen speaks its reader's)."""
        self._set("language", code or "")
