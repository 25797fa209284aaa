"""Helpers for browser tests: start the app like a user does, open Chromium, draw with the mouse."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
Stroke = list[tuple[float, float]]
SERVERS: dict[str, subprocess.Popen] = {}  # URL -> the server process running_app started (for memory readings)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_app(env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` on a free local port; yields its URL once /_stcore/health answers."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    log = open(ARTIFACTS / f"server-{port}.log", "w")
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    SERVERS[url] = server
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not start; see {log.name}")
                time.sleep(0.1)
        yield url
    finally:
        SERVERS.pop(url, None)
        server.terminate()
        server.wait(timeout=20)
        log.close()


def wait_until_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait for the script run to finish and no element to be stale."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(timeout=timeout)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=timeout)


def new_page(browser: Browser, url: str) -> Page:
    """A page in a fresh browser context (its own cookies, so its own Streamlit session), opened at `url`."""
    page = browser.new_context(viewport={"width": 1400, "height": 1500}).new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    wait_until_idle(page)
    return page


def open_from_sidebar(page: Page, title: str) -> None:
    """Click a page in the sidebar, as a person does, and check it opened without an exception."""
    page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text(title)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def canvas(page: Page) -> Locator:
    """The drawing surface (inside the component's shadow root, which CSS locators pierce)."""
    return page.locator("canvas.upper-canvas:visible").first


COUNT_FINISHED_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__finishedRuns = 0;
  window.__runObserver?.disconnect();
  window.__runObserver = new MutationObserver(records => {
    for (const record of records) if (record.oldValue === 'running') window.__finishedRuns += 1;
  });
  window.__runObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
}"""


def draw(page: Page, strokes: list[Stroke], steps: int = 12) -> None:
    """Draw strokes in canvas coordinates (0-280); after each mouse-up wait for the rerun it causes to finish."""
    for stroke in strokes:
        box = canvas(page).bounding_box()
        page.evaluate(COUNT_FINISHED_RUNS)
        page.mouse.move(box["x"] + stroke[0][0], box["y"] + stroke[0][1])
        page.mouse.down()
        for (x0, y0), (x1, y1) in zip(stroke, stroke[1:]):
            for step in range(1, steps + 1):
                page.mouse.move(box["x"] + x0 + (x1 - x0) * step / steps, box["y"] + y0 + (y1 - y0) * step / steps)
        page.mouse.up()
        try:
            page.wait_for_function("() => window.__finishedRuns > 0", timeout=10_000)
        except PlaywrightTimeoutError:
            raise AssertionError(f"the stroke starting at {stroke[0]} never reached the app (no rerun followed it)") from None
        wait_until_idle(page)


def prediction_text(page: Page) -> str:
    """The text of the prediction container, whitespace collapsed."""
    return " ".join(page.locator(".st-key-prediction").inner_text().split())


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot of the whole app for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
