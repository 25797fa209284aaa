"""Shared fixtures: the real MNIST split and the default model as `make test` prepares them, the wall's databases, the CLI."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mnist_knn.storage import data
from mnist_knn.storage.persistence import ModelError


@pytest.fixture(scope="session")
def mnist() -> data.MnistArrays:
    """The official split (the data step of `make test` fetches and verifies it)."""
    try:
        return data.load_mnist()
    except data.DataUnavailableError as error:
        pytest.fail(f"MNIST is needed for this test; run `make data`. {error}")


@pytest.fixture(scope="session")
def default_model():
    """The default model that `make run` / `make test` build."""
    from mnist_knn import load_model

    try:
        return load_model()
    except ModelError as error:
        pytest.fail(f"The default model is needed for this test; run `make model`. {error}")


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server started for this test run; skipped with a reason where the server is not installed.

    CI sets MNIST_KNN_REQUIRE_POSTGRES=1, which turns that skip into a failure.
    """
    import os
    import subprocess

    from tests.postgres import postgres_server

    try:
        with postgres_server() as server:
            yield server
    except (FileNotFoundError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        reason = f"PostgreSQL could not be started ({error} {detail.decode(errors='replace')[-300:]}); " \
                 "install Debian's `postgresql` package (`make test` does where apt-get is allowed)"
        if os.environ.get("MNIST_KNN_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(params=["sqlite", "postgresql"])
def wall_url(request, tmp_path) -> str:
    """The class wall's database on each backend: an SQLite file, then the PostgreSQL server (emptied per test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'class-wall.sqlite3'}"
    from tests.postgres import empty_wall_database

    return empty_wall_database(request.getfixturevalue("postgres").url)


@dataclass
class Ran:
    """What one command printed and returned."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture()
def run(capsys):
    """Run `python -m mnist_knn ARGS` in this process (cli.main), as the entry point would."""
    from mnist_knn.cli import main

    def command(*args: str) -> Ran:
        code = main(list(args))
        printed = capsys.readouterr()
        return Ran(code, printed.out, printed.err)

    return command
