"""An nginx site that puts several Digit Lab servers behind one address, each browser pinned to one server."""

from __future__ import annotations

import argparse
import importlib.util
import re
from pathlib import Path

AFFINITY_COOKIE = "digit_lab_server"
UPLOAD_LIMIT_MB = 21  # Streamlit's server.maxUploadSize (20 MB) plus the form's own bytes
_FOLDER = re.compile(r"[^\"';{}$\\\n]+")
_SERVER = re.compile(r"[A-Za-z0-9.\-\[\]:]+:\d{1,5}")

# Streamlit keeps a browser session in one server's memory: its websocket, the files it uploads and the images it is
# sent all have to reach that server. Open-source nginx has no `sticky` directive, and `ip_hash` would send a whole
# school behind one NAT address to one server, so nginx gives each browser a random cookie on its first request and
# hashes it (consistently: adding a server moves only a share of the browsers).
SITE = """\
# Digit Lab behind nginx: {count} app servers sharing one class wall (MNIST_KNN_DB = one PostgreSQL database).
# Written by `python -m mnist_knn proxy-config`.
map $http_upgrade $digit_lab_connection {{
    default upgrade;  # the app's websocket (/_stcore/stream) needs the upgrade passed on
    ''      close;
}}
map $cookie_{cookie} $digit_lab_browser {{
    ''      $request_id;  # a first visit: a new random value, set as the cookie below
    default $cookie_{cookie};
}}
map $cookie_{cookie} $digit_lab_new_cookie {{
    ''      "{cookie}=$request_id; Path=/; HttpOnly; SameSite=Lax";
    default "";
}}
upstream digit_lab {{
    hash $digit_lab_browser consistent;  # one browser, one server: its session, uploads and images live there
{servers}
}}
server {{
    listen {listen};
    client_max_body_size {upload}m;
    # What every request passed on to an app server carries.
    proxy_http_version 1.1;
    proxy_set_header Upgrade $http_upgrade;
    proxy_set_header Connection $digit_lab_connection;
    proxy_set_header Host $http_host;  # with the port: Streamlit checks the websocket's Origin against it
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_set_header X-Forwarded-Proto $scheme;
    proxy_read_timeout 1h;  # a quiet lesson must not cut a student's websocket
    proxy_buffering off;
    location / {{
        proxy_pass http://digit_lab;
        add_header Set-Cookie $digit_lab_new_cookie;
    }}
{static}}}
"""
# A first visit fetches about 90 files of Streamlit's page code; nginx sends them from the folder Streamlit installed
# instead of an app server's Python (which answers drawings under one lock). A file it does not have there (another
# Streamlit version) still comes from an app server.
STATIC = """\
    location /static/ {{
        root "{folder}";
        try_files $uri @digit_lab;
        add_header Cache-Control "public, immutable, max-age=31536000";  # hashed names: a new version, a new name
        gzip on;
        gzip_types text/css application/javascript text/javascript;  # what mime.types calls scripts, old and new
        gzip_vary on;
    }}
    location @digit_lab {{
        proxy_pass http://digit_lab;
    }}
"""


def page_code_folder(named: str | None = None) -> Path:
    """The folder nginx sends Streamlit's page code from: `named`, else the `static` folder of this Python's Streamlit."""
    if named is None:
        spec = importlib.util.find_spec("streamlit")  # found, not imported
        if spec is None or not spec.submodule_search_locations:
            raise ValueError("This Python has no Streamlit: name its page code with --static FOLDER, or use --no-static.")
        folder = Path(spec.submodule_search_locations[0]) / "static"
    else:
        folder = Path(named).resolve()
    if not (folder / "static").is_dir():
        raise ValueError(f"{str(folder)!r} holds no Streamlit page code (no static folder in it): name Streamlit's own "
                         "`static` folder, or use --no-static.")
    return folder


def nginx_site(servers: list[str], listen: str = "80", static: Path | None = None) -> str:
    """The nginx site that balances `servers` ("host:port" each) on `listen`, sending the page code in `static` itself."""
    if not servers:
        raise ValueError("Name at least one app server, as host:port.")
    for server in servers:
        if not _SERVER.fullmatch(server):
            raise ValueError(f"{server!r} is not an app server's host:port (e.g. 10.0.0.5:8501).")
    if not re.fullmatch(r"([A-Za-z0-9.\-\[\]:]+:)?\d{1,5}", listen):
        raise ValueError(f"{listen!r} is not a port (or address:port) for nginx to listen on.")
    if static is not None and not (static.is_absolute() and _FOLDER.fullmatch(str(static))):
        raise ValueError(f"{str(static)!r} is not a folder nginx can be given (an absolute path without quotes, "
                         "braces, ';', '$' or '\\').")
    lines = "\n".join(f"    server {server};" for server in servers)
    return SITE.format(count=len(servers), cookie=AFFINITY_COOKIE, servers=lines, listen=listen, upload=UPLOAD_LIMIT_MB,
                       static=STATIC.format(folder=static) if static is not None else "")


def site_arguments(parser: argparse.ArgumentParser) -> None:
    """What `proxy-config` is told: the app servers, nginx's port and where Streamlit's page code lies."""
    parser.add_argument("--server", action="append", required=True, metavar="HOST:PORT",
                        help="an app server (`streamlit run app.py`); repeat for each")
    parser.add_argument("--listen", default="80", help="nginx's port, or address:port (default: 80)")
    page_code = parser.add_mutually_exclusive_group()
    page_code.add_argument("--static", metavar="FOLDER", help="Streamlit's page code, for nginx to send itself (default: "
                           "the `static` folder of this Python's Streamlit)")
    page_code.add_argument("--no-static", action="store_true", help="leave Streamlit's page code to the app servers")
