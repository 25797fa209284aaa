"""AppTest helpers: run a page of the real app (real model, real data) inside the test process."""

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from mnist_knn.classroom.wall import ClassWall
from tests.drawing import redraw

APP = Path(__file__).resolve().parents[2] / "app.py"
TIMEOUT = 120


@pytest.fixture(autouse=True)
def classroom_database(monkeypatch, tmp_path) -> str:
    """Every app test has its own classroom database (wall and drawings), never the project's."""
    url = f"sqlite:///{tmp_path / 'classroom.sqlite3'}"
    monkeypatch.setenv("MNIST_KNN_DB", url)
    return url


class _ThroughAppPagesManager(PagesManager):
    """Streamlit's pages manager, told that app.py's st.navigation runs the pages (a real server is told once, by the
    first run of app.py; AppTest forgets it before each run and then runs a page file on its own: no app.py, so no
    language chosen for the tab and no sidebar)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def every_run_through_app(monkeypatch):
    """Every AppTest run goes through app.py, as every run on a server does."""
    monkeypatch.setattr("streamlit.testing.v1.app_test.PagesManager", _ThroughAppPagesManager)


@pytest.fixture()
def wall(classroom_database) -> ClassWall:
    """The app under test's class wall (MNIST_KNN_DB)."""
    return ClassWall(classroom_database)


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


def straight_stroke() -> np.ndarray:
    """A 28 x 28 digit of one straight stroke (a 1), as kept drawings are stored."""
    digit = np.zeros((28, 28), np.uint8)
    digit[5:20, 12:15] = 255
    return digit


def png(image: np.ndarray) -> bytes:
    """An image array as PNG file bytes."""
    return cv2.imencode(".png", image)[1].tobytes()


def upload(app: AppTest, content: bytes, name: str = "digit.png") -> AppTest:
    """On the draw page, switch to 'Upload a photo' and upload these bytes (as a PNG file called `name`)."""
    app.radio(key="draw_source").set_value("Upload a photo").run()
    return app.get("file_uploader")[0].set_value((name, content, "image/png")).run()


def upload_on_paper(app: AppTest, digit: np.ndarray, name: str = "digit.png") -> AppTest:
    """Upload a 28 x 28 digit redrawn on a photo's paper (dark ink on light), and check that no exception was shown."""
    upload(app, png(redraw(digit, "paper")), name)
    assert not app.exception, app.exception
    return app


def announced(app: AppTest) -> dict:
    """What the page gave its announcer on its last run: the words to say, and what keeps the keyboard's focus."""
    [announcer] = [element for element in app.get("bidi_component") if element.proto.component_name == "digit-lab.announcer"]
    return json.loads(announcer.proto.json)
