"""Start a throw-away PostgreSQL server (Debian's `postgresql` package) for the class-wall tests."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import select
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.ports import free_port


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


class PostgresServer:
    """A running throw-away cluster: its SQLAlchemy URL, and a way to crash it and bring it back."""

    def __init__(self, binaries: Path, cluster: Path, socket_dir: Path, options: str, log: Path, url: str) -> None:
        self.binaries, self.cluster, self.socket_dir = binaries, cluster, socket_dir
        self.options, self.log, self.url = options, log, url

    def start(self) -> None:
        """Start the cluster (after a crash it replays its write-ahead log first) and wait until it accepts connections."""
        command = [str(self.binaries / "pg_ctl"), "-D", str(self.cluster), "-o", self.options, "-l", str(self.log), "-w", "start"]
        subprocess.run(_as_server_user(command), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def kill(self) -> None:
        """SIGKILL the server and every backend process at once, as a crash would: no shutdown, no checkpoint."""
        postmaster = int((self.cluster / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        handles = []
        for pid in [postmaster, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                handles.append(os.pidfd_open(pid))  # becomes readable when that process has died
                os.kill(pid, signal.SIGKILL)
        for handle in handles:
            select.select([handle], [], [], 30)
            os.close(handle)
        # A container's init may never reap the dead server, and PostgreSQL takes a zombie for a live one holding its locks.
        for lock in [self.cluster / "postmaster.pid", *self.socket_dir.glob(".s.PGSQL.*")]:
            lock.unlink(missing_ok=True)


@contextlib.contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """A fresh cluster on a free loopback port; yields the running server and removes everything afterwards."""
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
        initdb = [str(binaries / "initdb"), "-D", str(cluster), "-U", "wall", "--auth=trust", "-E", "UTF8"]
        subprocess.run(_as_server_user(initdb), **quiet)
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {socket_dir} -c fsync=on -c max_connections=200"
        server = PostgresServer(binaries, cluster, socket_dir, options, root / "server.log", f"postgresql+psycopg://wall@127.0.0.1:{port}/postgres")
        server.start()
        yield server
    finally:
        subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(cluster), "-m", "immediate", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)


def empty_wall_database(url: str) -> str:
    """Drop the class wall's tables (a test starts from an empty wall); returns the URL."""
    from sqlalchemy import create_engine

    from mnist_knn.classroom import drawings, wall  # noqa: F401 - their tables join the metadata
    from mnist_knn.classroom.database import metadata

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url
