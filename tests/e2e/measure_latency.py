"""Measure what a person waits for: cold start to a usable canvas, and mouse-up to the displayed prediction.

Run: .venv/bin/python -m tests.e2e.measure_latency [--drawings 20]. Prints a small table; asserts nothing.
Each drawing is one stroke (so the reading shown after the lift is the whole digit's), timed inside the page from
the mouse-up event to the prediction container showing the new reading, as the load test does. It also prints the
server's CPU for a stroke's rerun and for the Clear's rerun that follows, each read from /proc once the server has
used no CPU for a while before and after (so in the kernel's 10 ms ticks: the mean over many drawings is what to read).
That wait means each stroke lands on an idle server: its latency is not comparable with runs before 2026-12-07, which
drew at once.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from tests.e2e.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PREDICTION_SHOWN,
    SERVERS,
    WAITED_MS,
    WATCH_PREDICTION,
    clear_canvas,
    mouse_stroke,
    running_app,
    wait_for_canvas,
    wait_until_idle,
)
from tests.e2e.digits import SINGLE_STROKE
from tests.e2e.load_test import cpu_seconds

QUIET_S = 0.3  # no CPU used for so long: the server's work on the last step is done
QUIET_AT_MOST_S = 5  # a server never quiet so long (a busy machine) is read anyway


def quiet_cpu(pid: int) -> float:
    """The server's CPU seconds so far, read once it has used none for QUIET_S: the CPU counted is each step's alone."""
    last, since, started = cpu_seconds(pid), time.monotonic(), time.monotonic()
    while time.monotonic() - since < QUIET_S and time.monotonic() - started < QUIET_AT_MOST_S:
        time.sleep(0.05)  # between reads of /proc
        now = cpu_seconds(pid)
        if now != last:
            last, since = now, time.monotonic()
    return last


def main() -> None:
    """Start a cold server, open the draw page, draw digits and time each answer."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drawings", type=int, default=20)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        started = time.perf_counter()
        with running_app() as url:
            healthy = time.perf_counter() - started
            page.goto(url)
            wait_for_canvas(page)
            drawable = time.perf_counter() - started
            wait_until_idle(page)
            ready = time.perf_counter() - started
            waits, stroke_cpu, clear_cpu = [], [], []
            names, server = list(SINGLE_STROKE), SERVERS[url].pid
            for attempt in range(args.drawings):
                surface = wait_for_canvas(page)
                page.evaluate(WATCH_PREDICTION)
                before_stroke = quiet_cpu(server)
                mouse_stroke(page, surface.bounding_box(), SINGLE_STROKE[names[attempt % len(names)]], steps=8)
                page.wait_for_function(PREDICTION_SHOWN, polling="raf")
                waits.append(page.evaluate(WAITED_MS))
                wait_until_idle(page)
                before_clear = quiet_cpu(server)
                clear_canvas(page)
                stroke_cpu.append(1000 * (before_clear - before_stroke))
                clear_cpu.append(1000 * (quiet_cpu(server) - before_clear))
        browser.close()
    waits.sort()
    print(f"server serving after cold start      {healthy:6.2f} s")
    print(f"canvas shown and drawable            {drawable:6.2f} s")
    print(f"first run finished (model loaded)    {ready:6.2f} s")
    print(f"mouse-up -> prediction shown  p50    {statistics.median(waits):6.0f} ms")
    print(f"mouse-up -> prediction shown  p95    {waits[int(0.95 * (len(waits) - 1))]:6.0f} ms  ({len(waits)} drawings)")
    warm = slice(1, None) if len(waits) > 1 else slice(None)  # the first drawing warms the server's caches
    print(f"server CPU, a stroke's rerun  mean   {statistics.mean(stroke_cpu[warm]):6.1f} ms  (drawings after the first)")
    print(f"server CPU, a Clear's rerun   mean   {statistics.mean(clear_cpu[warm]):6.1f} ms")


if __name__ == "__main__":
    main()
