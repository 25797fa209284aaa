"""Browser fixtures: one app server per module and one Chromium per session; skipped without Chromium."""

from __future__ import annotations

import os

import pytest

from tests.e2e.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, new_page, running_app

pytestmark = pytest.mark.browser


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


@pytest.fixture()
def page(chromium, app_url):
    page = new_page(chromium, app_url)
    yield page
    page.context.close()
