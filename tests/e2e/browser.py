"""Helpers for browser tests: start the app like a user does, open Chromium, draw with the mouse."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mnist_knn.config import CANVAS_SIDE
from tests.ports import free_port

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
Stroke = list[tuple[float, float]]
SERVERS: dict[str, subprocess.Popen] = {}  # URL -> the server process running_app started (for memory readings)
READY_LINE = "URL: http://"  # what `streamlit run` prints once it serves


@contextlib.contextmanager
def running_app(env: dict[str, str] | None = None, timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` on a free local port; yields its URL once the server says it is serving."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    log_path = ARTIFACTS / f"server-{port}.log"
    serving = threading.Event()
    copier = threading.Thread(target=_copy_output, args=(server, log_path, serving), daemon=True)
    copier.start()
    url = f"http://127.0.0.1:{port}"
    SERVERS[url] = server
    try:
        if not serving.wait(timeout) or server.poll() is not None:
            raise RuntimeError(f"the app did not start; see {log_path}")
        yield url
    finally:
        SERVERS.pop(url, None)
        server.terminate()
        server.wait(timeout=20)
        copier.join(timeout=5)


def _copy_output(server: subprocess.Popen, log_path: Path, serving: threading.Event) -> None:
    """Copy the server's output to its log file, and say when it prints the line that means it serves."""
    with open(log_path, "w") as log:
        for line in server.stdout:
            log.write(line)
            log.flush()
            if READY_LINE in line:
                serving.set()
    serving.set()  # the server ended: let the waiter look at why


def wait_until_idle(page: Page, timeout: float = 30_000) -> None:
    """Wait for the script run to finish and no element to be stale."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached(timeout=timeout)
    expect(page.locator("[data-stale='true']")).to_have_count(0, timeout=timeout)


def new_page(browser: Browser, url: str, **context_options) -> Page:
    """A page in a fresh browser context (its own cookies, so its own Streamlit session), opened at `url`."""
    page = browser.new_context(**{"viewport": {"width": 1400, "height": 1500}, **context_options}).new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    wait_until_idle(page)
    return page


PAGE_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]'  # app.py's list of pages


def page_names(page: Page) -> list[str]:
    """The pages the sidebar lists, in order (a closed sidebar's too), once the first of them is on the page."""
    (links := page.locator(f"{PAGE_LINKS} p")).first.wait_for(state="attached")
    return [name.strip() for name in links.all_text_contents()]


def open_from_sidebar(page: Page, title: str) -> None:
    """Click a page in the sidebar (opening it first where it is closed, as on the Class wall), as a person does, and
    check it opened without an exception."""
    if page.locator('[data-testid="stExpandSidebarButton"]').is_visible():
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.locator(PAGE_LINKS).get_by_text(title, exact=True).click()
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text(title)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def canvas(page: Page) -> Locator:
    """The drawing surface (inside the component's shadow root, which CSS locators pierce)."""
    return page.locator("canvas.upper-canvas:visible").first


# The component paints its background (black) in the same step that switches free drawing on: an opaque corner
# pixel on the lower canvas means strokes will register.
BACKGROUND_PAINTED = """(canvas, timeout) => new Promise((resolve, reject) => {
  const stop = performance.now() + timeout;
  const look = () => {
    if (canvas.getContext('2d').getImageData(1, 1, 1, 1).data[3] === 255) return resolve(true);
    if (performance.now() > stop) return reject(new Error('the canvas never became ready to draw on'));
    requestAnimationFrame(look);
  };
  look();
})"""


def wait_for_canvas(page: Page, timeout: float = 10_000) -> Locator:
    """Wait until the visible canvas is ready for strokes; returns its drawing surface."""
    expect(canvas(page)).to_be_visible(timeout=timeout)
    page.locator("canvas.dc-canvas.lower-canvas:visible").first.evaluate(BACKGROUND_PAINTED, timeout)
    return canvas(page)


def clear_canvas(page: Page) -> Locator:
    """Press Clear, as a person does, and wait for the fresh canvas that replaces the drawn one to be ready."""
    canvas(page).evaluate("surface => surface.setAttribute('data-drawn', 'yes')")
    page.locator(".st-key-draw_clear button").click()
    expect(page.locator("canvas.upper-canvas:visible:not([data-drawn])")).to_have_count(1)
    wait_until_idle(page)
    return wait_for_canvas(page)


def stroke_steps(box: dict, stroke: Stroke, steps: int = 12) -> Iterator[tuple[str, float, float]]:
    """One stroke as ('down' | 'move' | 'up', x, y) in page coordinates; `stroke` in canvas pixels (0-280, scaled to the canvas
    as shown). The one place the drawing motion is written: tests, latency and load scripts replay it by mouse or touch."""
    scale = box["width"] / CANVAS_SIDE
    points = [(box["x"] + x * scale, box["y"] + y * scale) for x, y in stroke]
    yield "down", *points[0]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        for step in range(1, steps + 1):
            yield "move", x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps
    yield "up", *points[-1]


def mouse_stroke(page: Page, box: dict, stroke: Stroke, steps: int = 12) -> None:
    """Draw one stroke with the mouse."""
    for kind, x, y in stroke_steps(box, stroke, steps):
        page.mouse.move(x, y)
        if kind == "down":
            page.mouse.down()
        elif kind == "up":
            page.mouse.up()


TOUCH_EVENTS = {"down": "touchStart", "move": "touchMove", "up": "touchEnd"}


def touch_stroke(page: Page, box: dict, stroke: Stroke, steps: int = 12) -> None:
    """Draw one stroke with a finger: real touch events, sent through the DevTools protocol."""
    session = page.context.new_cdp_session(page)
    for kind, x, y in stroke_steps(box, stroke, steps):
        points = [] if kind == "up" else [{"x": x, "y": y}]
        session.send("Input.dispatchTouchEvent", {"type": TOUCH_EVENTS[kind], "touchPoints": points})
    session.detach()


COUNT_FINISHED_RUNS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__finishedRuns = 0;
  window.__runObserver?.disconnect();
  window.__runObserver = new MutationObserver(records => {
    for (const record of records) if (record.oldValue === 'running') window.__finishedRuns += 1;
  });
  window.__runObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'], attributeOldValue: true});
}"""


def count_finished_runs(page: Page) -> None:
    """Start counting script runs (whole page or fragment) that finish from now on."""
    page.evaluate(COUNT_FINISHED_RUNS)


def wait_for_finished_runs(page: Page, runs: int = 1, timeout: float = 30_000) -> None:
    """Wait until `runs` script runs have finished since `count_finished_runs` (30 s, as `wait_until_idle`: CI is slow)."""
    page.wait_for_function(f"() => window.__finishedRuns >= {runs}", timeout=timeout)


def draw(page: Page, strokes: list[Stroke], steps: int = 12, touch: bool = False) -> None:
    """Draw strokes (canvas coordinates, 0-280) on a ready canvas with the mouse or a finger, waiting for each lift's rerun."""
    wait_for_canvas(page)
    for stroke in strokes:
        box = canvas(page).bounding_box()
        count_finished_runs(page)
        (touch_stroke if touch else mouse_stroke)(page, box, stroke, steps)
        try:
            wait_for_finished_runs(page)
        except PlaywrightTimeoutError:
            raise AssertionError(f"the stroke starting at {stroke[0]} never reached the app (no rerun followed it)") from None
        wait_until_idle(page)


# In-page timing of mouse-up (or touch end) -> the prediction container showing a new reading.
WATCH_PREDICTION = """() => {
  window.__shownAt = window.__upAt = null;
  const box = () => document.querySelector('.st-key-draw_prediction');
  const before = box()?.innerText || '';
  const lifted = () => { window.__upAt = performance.now(); };
  document.addEventListener('mouseup', lifted, {capture: true, once: true});
  document.addEventListener('touchend', lifted, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const text = box()?.innerText || '';
    if (window.__upAt && text !== before && /\\d/.test(text)) { window.__shownAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""
PREDICTION_SHOWN = "() => window.__shownAt !== null"
WAITED_MS = "() => window.__shownAt - window.__upAt"


def upload_on_draw_page(page: Page, name: str, data: bytes) -> None:
    """Switch Draw & Predict to 'Upload a photo' and give its uploader one PNG file."""
    page.locator(".st-key-draw_source").get_by_text("Upload a photo").click()
    wait_until_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": name, "mimeType": "image/png", "buffer": data}])


def prediction_text(page: Page) -> str:
    """The text of the prediction container, whitespace collapsed."""
    return " ".join(page.locator(".st-key-draw_prediction").inner_text().split())


IMAGES_LOADED = "() => [...document.querySelectorAll('img')].every(image => image.complete && image.naturalWidth > 0)"
SETTLED = "() => document.getAnimations().every(a => a.playState != 'running' || a.effect.getTiming().iterations == Infinity)"


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a screenshot of the app for people to look at, once its run has finished, lazily loaded elements (tables,
    download buttons) have replaced their grey placeholders, images have loaded and the sidebar has stopped sliding."""
    wait_until_idle(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    page.wait_for_function(IMAGES_LOADED)
    page.wait_for_function(SETTLED)  # no sliding sidebar; spinners loop forever
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
