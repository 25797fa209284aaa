"""Browser fixtures: one app server per module and one Chromium per session; skipped without Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import delete

from mnist_knn.classroom.taken_off import taken_off
from mnist_knn.classroom.wall import ClassWall
from tests.e2e.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, new_page, running_app
from tests.e2e.classroom import TEACHER_KEY


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser`, so `pytest -m "not browser"` leaves them out (a pytestmark in a conftest
    marks nothing)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (Debian package `chromium`; `make test` installs it where apt-get is allowed)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def app_url(default_model):
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app() as url:
        yield url


@pytest.fixture(scope="module")
def classroom_server(default_model, tmp_path_factory):
    """A server with its own classroom database and a teacher key, for the module: (its URL, its wall)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('wall') / 'classroom.sqlite3'}"
    with running_app({"MNIST_KNN_DB": url, "MNIST_KNN_TEACHER_KEY": TEACHER_KEY}) as app_url:
        yield app_url, ClassWall(url)


@pytest.fixture()
def classroom(classroom_server):
    """The module's server with its wall as a new class finds it, whatever the test before left (even if it failed):
    empty, nothing taken off (the tests send the same drawing ids again), open, drawings going straight to it, each
    screen in its own language."""
    wall = classroom_server[1]
    wall.clear()
    with wall.engine.begin() as opened:
        opened.execute(delete(taken_off))
    wall.set_open(True)
    wall.set_approval(False)
    wall.set_language(None)
    return classroom_server


@pytest.fixture()
def page(chromium, app_url):
    page = new_page(chromium, app_url)
    yield page
    page.context.close()
