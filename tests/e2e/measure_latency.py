"""Measure what a person waits for: cold start to a usable canvas, and mouse-up to the displayed prediction.

Run: .venv/bin/python -m tests.e2e.measure_latency [--strokes 20]. Prints a small table; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright

from tests.e2e.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, canvas, running_app, wait_until_idle
from tests.e2e.test_draw import DIGITS

PREDICTION_SHOWN = "() => (document.querySelector('.st-key-prediction')?.innerText || '').includes('Prediction')"


def main() -> None:
    """Start a cold server, open the draw page, draw digits and time each answer."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strokes", type=int, default=20)
    args = parser.parse_args()
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        started = time.perf_counter()
        with running_app() as url:
            healthy = time.perf_counter() - started
            page.goto(url)
            canvas(page).wait_for(state="visible")
            drawable = time.perf_counter() - started
            wait_until_idle(page)
            ready = time.perf_counter() - started
            waits = []
            names = list(DIGITS)
            for attempt in range(args.strokes):
                page.wait_for_timeout(300)
                strokes = DIGITS[names[attempt % len(names)]]
                box = canvas(page).bounding_box()
                for number, stroke in enumerate(strokes):
                    page.mouse.move(box["x"] + stroke[0][0], box["y"] + stroke[0][1])
                    page.mouse.down()
                    for x, y in stroke[1:]:
                        page.mouse.move(box["x"] + x, box["y"] + y, steps=8)
                    if number == len(strokes) - 1:
                        released = time.perf_counter()
                        page.mouse.up()
                        page.wait_for_function(PREDICTION_SHOWN, polling="raf")
                        waits.append(time.perf_counter() - released)
                    else:
                        page.mouse.up()
                        wait_until_idle(page)
                wait_until_idle(page)
                page.locator(".st-key-draw_clear button").click()
                page.wait_for_function(f"() => !({PREDICTION_SHOWN[6:]})", polling="raf")
                wait_until_idle(page)
        browser.close()
    waits.sort()
    print(f"server healthy after cold start      {healthy:6.2f} s")
    print(f"canvas shown and drawable            {drawable:6.2f} s")
    print(f"first run finished (model loaded)    {ready:6.2f} s")
    print(f"mouse-up -> prediction shown  p50    {1000 * statistics.median(waits):6.0f} ms")
    print(f"mouse-up -> prediction shown  p95    {1000 * waits[int(0.95 * (len(waits) - 1))]:6.0f} ms  ({len(waits)} drawings)")


if __name__ == "__main__":
    main()
