"""A free local TCP port for the servers the tests start (Streamlit, PostgreSQL)."""

import socket


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
