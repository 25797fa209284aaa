"""Load test: many browser sessions drawing on one server at once. A script, not a timed test.

Run: .venv/bin/python -m tests.e2e.load_test [--sessions 30] [--drawings 10] [--through-nginx]
Each session is its own Chromium context (own cookies, own Streamlit session) drawing single-stroke digits with the
mouse; the time from mouse-up to the prediction on screen is taken inside the page. Prints errors, latency
percentiles, the server's CPU and memory; asserts nothing. With --through-nginx the browsers reach the server through
nginx with the site `python -m mnist_knn proxy-config` writes, as deployed (nginx sends Streamlit's page code itself).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import threading
import time
from pathlib import Path

from playwright.async_api import async_playwright

from tests.e2e.browser import (
    ARTIFACTS,
    BACKGROUND_PAINTED,
    CHROMIUM,
    CHROMIUM_ARGS,
    PREDICTION_SHOWN,
    SERVERS,
    WAITED_MS,
    WATCH_PREDICTION,
    running_app,
    stroke_steps,
)
from tests.e2e.digits import SINGLE_STROKE
from tests.proxy import nginx_proxy

IDLE = "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'notRunning'"


def resident_memory_mb(pid: int) -> float:
    """Resident memory of one process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def nginx_cpu_seconds(folder: Path | None) -> float:
    """CPU time nginx's master and its workers have used so far (0 when there is no nginx)."""
    if folder is None:
        return 0.0
    master = int((folder / "nginx.pid").read_text())
    workers = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return sum(cpu_seconds(pid) for pid in [master, *map(int, workers)])


class MemoryWatch(threading.Thread):
    """Sample a process's resident memory every 0.2 s until stopped, and keep the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            self.peak = max(self.peak, resident_memory_mb(self.pid))


async def one_session(browser, url: str, number: int, drawings: int, report: dict) -> None:
    """Open the app in a fresh context and draw `drawings` digits, recording each wait and any error."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1100})
    page = await context.new_page()
    page.set_default_timeout(120_000)
    names = list(SINGLE_STROKE)
    try:
        await page.goto(url)
        step = "open the app"
        surface = page.locator("canvas.upper-canvas:visible").first
        await page.wait_for_function(IDLE)
        for attempt in range(drawings):
            digit = names[(number + attempt) % len(names)]
            step = "wait for a fresh canvas"
            await page.locator("canvas.dc-canvas.lower-canvas:visible").first.evaluate(BACKGROUND_PAINTED, 60_000)
            step = "draw"
            box = await surface.bounding_box()
            await page.evaluate(WATCH_PREDICTION)
            for kind, x, y in stroke_steps(box, SINGLE_STROKE[digit], steps=8):
                await page.mouse.move(x, y)
                if kind == "down":
                    await page.mouse.down()
                elif kind == "up":
                    await page.mouse.up()
            step = "wait for the prediction"
            await page.wait_for_function(PREDICTION_SHOWN)
            report["waits"].append(await page.evaluate(WAITED_MS))
            text = " ".join((await page.locator(".st-key-draw_prediction").inner_text()).split())
            report["correct"] += text.split()[:3] == ["Reads", "as", digit]
            if await page.locator('[data-testid="stException"]').count():
                report["errors"].append(f"session {number}: exception shown on the page")
            step = "clear the canvas"
            await page.wait_for_function(IDLE)
            await surface.evaluate("canvas => canvas.setAttribute('data-drawn', 'yes')")
            await page.locator(".st-key-draw_clear button").click()
            surface = page.locator("canvas.upper-canvas:visible:not([data-drawn])").first  # the fresh canvas
            await surface.wait_for(state="visible")
            await page.wait_for_function(IDLE)
        if number == 0:
            await page.screenshot(path=str(ARTIFACTS / "load-test-session.png"), full_page=True)
    except Exception as error:  # noqa: BLE001 - every failure counts as an error of this session
        report["errors"].append(f"session {number}, {step}: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def main(sessions: int, drawings: int, through_nginx: bool) -> None:
    """Start a server (behind nginx if asked), warm it with one session, then run all sessions at once."""
    ARTIFACTS.mkdir(exist_ok=True)
    with running_app() as server_url, (nginx_proxy([server_url.removeprefix("http://")]) if through_nginx
                                       else contextlib.nullcontext()) as proxy:
        server, url, nginx_folder = SERVERS[server_url], proxy.url if proxy else server_url, proxy.folder if proxy else None
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm = {"waits": [], "errors": [], "correct": 0}
            await one_session(browser, url, 0, 1, warm)  # loads the model once, as the first visitor of the day does
            after_one = resident_memory_mb(server.pid)
            watch = MemoryWatch(server.pid)
            watch.start()
            report = {"waits": [], "errors": [], "correct": 0}
            started, cpu_before, nginx_before = time.perf_counter(), cpu_seconds(server.pid), nginx_cpu_seconds(nginx_folder)
            await asyncio.gather(*(one_session(browser, url, number, drawings, report) for number in range(sessions)))
            elapsed = time.perf_counter() - started
            server_cpu, nginx_cpu = cpu_seconds(server.pid) - cpu_before, nginx_cpu_seconds(nginx_folder) - nginx_before
            watch.stopped.set()
            after_all = resident_memory_mb(server.pid)
            await browser.close()
    waits = sorted(report["waits"])
    print(f"sessions x drawings             {sessions} x {drawings} = {sessions * drawings} drawings in {elapsed:.0f} s")
    print(f"errors                          {len(report['errors'])}")
    for error in report["errors"][:10]:
        print(f"  {error}")
    print(f"predictions shown               {len(waits)} ({report['correct']} read as the digit drawn)")
    if waits:
        print(f"mouse-up -> prediction  p50     {statistics.median(waits):6.0f} ms")
        print(f"mouse-up -> prediction  p95     {waits[int(0.95 * (len(waits) - 1))]:6.0f} ms")
        print(f"mouse-up -> prediction  max     {waits[-1]:6.0f} ms")
    print(f"server CPU per drawing          {1000 * server_cpu / max(1, len(waits)):6.0f} ms  "
          f"(stroke, prediction, clear; {server_cpu:.0f} s in all, {100 * server_cpu / elapsed:.0f} % of one core)")
    if through_nginx:
        print(f"nginx CPU per drawing           {1000 * nginx_cpu / max(1, len(waits)):6.0f} ms")
    print(f"server memory after 1 session   {after_one:6.0f} MB")
    print(f"server memory peak under load   {watch.peak:6.0f} MB")
    print(f"server memory after the load    {after_all:6.0f} MB  (+{(after_all - after_one) / sessions:.1f} MB per session)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--drawings", type=int, default=10)
    parser.add_argument("--through-nginx", action="store_true", help="reach the server through nginx, as deployed")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.sessions, arguments.drawings, arguments.through_nginx))
