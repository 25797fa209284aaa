"""Run Debian's nginx with the site `python -m mnist_knn proxy-config` writes, in front of app servers, for a test."""

from __future__ import annotations

import contextlib
import pwd
import shutil
import subprocess
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mnist_knn.proxy import nginx_site, page_code_folder
from tests.ports import free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# What a Debian nginx.conf around the site gives it (its MIME types too), kept in a throw-away folder; each request is
# logged with the value the balancer hashed, its status and path, and the server it went to (last: a retry names
# several). Its notices go to its output too: "start worker process" says it listens.
MAIN_CONFIG = """\
user {user};
pid {folder}/nginx.pid;
error_log {folder}/error.log;
error_log stderr notice;
worker_processes 1;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    log_format digit_lab '$digit_lab_browser $status $request_uri $upstream_addr';
    access_log {folder}/access.log digit_lab;
    include {folder}/digit-lab.conf;
}}
"""


@dataclass(frozen=True)
class Proxy:
    """A running nginx: its URL, and what it logged."""

    url: str
    folder: Path

    def servers_by_browser(self) -> dict[str, set[str]]:
        """For each browser (the value nginx hashed), the app servers its finished requests went to."""
        servers: dict[str, set[str]] = defaultdict(set)
        for browser, __, __, upstream in self.requests():
            if upstream != "-":  # "-": nginx answered itself (Streamlit's page code)
                servers[browser].add(upstream)
        return dict(servers)

    def requests(self) -> list[tuple[str, str, str, str]]:
        """Every finished request: the browser's value, its status, its path and the app server(s) it went to ("-": nginx
        answered it itself; "a, b": a retried on b)."""
        return [tuple(line.split(maxsplit=3)) for line in (self.folder / "access.log").read_text().splitlines()]

    def error_log(self) -> str:
        """nginx's own complaints (empty when all went well)."""
        return (self.folder / "error.log").read_text()


@contextlib.contextmanager
def nginx_proxy(servers: list[str], timeout: float = 20) -> Iterator[Proxy]:
    """nginx on a free local port with Digit Lab's site balancing `servers`; yields once it accepts connections."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="digit-lab-nginx-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers (not root) write its temporary files here
        static = page_code_folder()
        (folder / "digit-lab.conf").write_text(nginx_site(servers, f"127.0.0.1:{port}", static))
        # its workers as the page code's owner, who can read it (docs/deploy.md asks that of nginx's user): a checkout in
        # a folder only its owner may enter (mktemp -d's) left nobody's workers sending it through the app servers
        owner = pwd.getpwuid(static.stat().st_uid).pw_name
        (folder / "nginx.conf").write_text(MAIN_CONFIG.format(folder=folder, user=owner))
        nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output: list[str] = []
        listening = threading.Event()
        reader = threading.Thread(target=_read_output, args=(nginx, output, listening), daemon=True)
        reader.start()
        try:
            if not listening.wait(timeout) or nginx.poll() is not None:
                raise RuntimeError(f"nginx did not start on port {port} within {timeout} s: {''.join(output)}")
            yield Proxy(f"http://127.0.0.1:{port}", folder)
        finally:
            nginx.terminate()
            nginx.wait(timeout=20)
            reader.join(timeout=5)


def _read_output(nginx: subprocess.Popen, output: list[str], listening: threading.Event) -> None:
    """Keep nginx's output, and say when it has started its worker (its listening sockets are open by then)."""
    for line in nginx.stdout:
        output.append(line)
        if "start worker process" in line:
            listening.set()
    listening.set()  # nginx ended: let the waiter look at why
