"""Start a throw-away PostgreSQL server (Debian's `postgresql` package) for the class-wall tests."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

from tests.e2e.browser import free_port


def server_binaries() -> Path | None:
    """The folder with initdb and pg_ctl (Debian keeps them under /usr/lib/postgresql/<version>/bin)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_server_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` user the Debian package creates."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh cluster on a free loopback port; yields its SQLAlchemy URL and removes everything afterwards."""
    binaries = server_binaries()
    if binaries is None:
        raise FileNotFoundError("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    root = Path(tempfile.mkdtemp(prefix="mnist-knn-pg-"))
    cluster, socket_dir = root / "cluster", root / "socket"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        for path in (root, socket_dir):
            os.chown(path, account.pw_uid, account.pw_gid)
    port = free_port()
    quiet = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        subprocess.run(_as_server_user([str(binaries / "initdb"), "-D", str(cluster), "-U", "wall", "--auth=trust", "-E", "UTF8"]), **quiet)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {socket_dir} -c fsync=on -c max_connections=200"
        subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(cluster), "-o", options, "-l", str(root / "server.log"),
                                        "-w", "start"]), **quiet)
        yield f"postgresql+psycopg://wall@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(cluster), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)
