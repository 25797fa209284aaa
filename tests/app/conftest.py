"""AppTest helpers: run a page of the real app (real model, real data) inside the test process."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 120


@pytest.fixture()
def open_page(default_model):
    """Run app.py, then switch to a page: returns the AppTest after that page's first run."""

    def run(page: str, query: dict | None = None) -> AppTest:
        app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for name, value in (query or {}).items():
            app.query_params[name] = value
        app.run()
        if page != "pages/draw.py":
            app.switch_page(page).run()
        assert not app.exception, app.exception
        return app

    return run
