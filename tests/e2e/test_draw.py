"""A person draws digits with the mouse in Chromium and reads the prediction."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import ANNOUNCEMENT
from tests.e2e.browser import (
    clear_canvas,
    draw,
    prediction_text,
    screenshot,
    upload_on_draw_page,
    wait_for_canvas,
    wait_until_idle,
)
from tests.e2e.digits import DIGITS, NOT_DIGITS, SHARP_THREE


def _fresh_canvas(page):
    clear_canvas(page)
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Draw one digit")


def test_empty_canvas_shows_a_hint_not_a_number(page):
    wait_for_canvas(page)
    text = prediction_text(page)
    assert "Draw one digit" in text and not any(character.isdigit() for character in text)


# How many lines an element's text takes on screen.
TEXT_LINES = """e => { const range = document.createRange(); range.selectNodeContents(e);
  return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; }"""


@pytest.mark.parametrize("digit", list(DIGITS))
def test_drawn_digit_is_read(page, digit):
    draw(page, DIGITS[digit])
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Reads as")
    assert prediction_text(page).split()[:3] == ["Reads", "as", digit], prediction_text(page)
    assert "How sure:" in prediction_text(page) and "100\u00a0%" not in prediction_text(page)
    assert page.locator(".dl-winner .dl-bar-share").first.evaluate(TEXT_LINES) == 1  # "100 %" never breaks in two
    screenshot(page, f"draw-{digit}")


BAND = 10
INK_IN_BANDS = """c => {
  const g = c.getContext('2d'), w = c.width, h = c.height, b = Math.round(w * BAND / 280);
  const mean = (x, y, bw, bh) => { const d = g.getImageData(x, y, bw, bh).data; let s = 0;
    for (let i = 0; i < d.length; i += 4) s += d[i]; return s / (d.length / 4); };
  return {top: mean(b, 0, w - 2 * b, b), bottom: mean(b, h - b, w - 2 * b, b),
          left: mean(0, b, b, h - 2 * b), right: mean(w - b, b, b, h - 2 * b)};
}""".replace("BAND", str(BAND))


def test_strokes_along_all_four_edges_register(page):
    edges = [[(276, 4), (4, 4)], [(4, 4), (4, 276)], [(4, 276), (276, 276)], [(276, 276), (276, 4)]]
    draw(page, edges, steps=30)
    ink = page.locator("canvas.dc-canvas.lower-canvas").first.evaluate(INK_IN_BANDS)
    assert all(value > 150 for value in ink.values()), ink  # every edge stroke is on the canvas ...
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Reads as")
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Not a digit")  # a square frame is not a digit
    # ... and reached the app: the ink spans the whole canvas only if all four strokes arrived.
    expect(page.get_by_text("cut to the ink (280 × 280 pixels)")).to_be_visible()
    screenshot(page, "draw-edges")


def test_k_slider_and_weighting_vote_again(page, default_model):
    k, weights = default_model.n_neighbors, default_model.weights
    draw(page, DIGITS["4"])
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("How sure:")
    page.get_by_text("Change the vote").click()
    slider = page.locator(".st-key-draw_k input[type='range']")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    wait_until_idle(page)
    expect(page.locator(".st-key-draw_prediction")).to_contain_text(f"(k = {k + 3}, {weights})")
    # said too: the same words as before the slider moved told a screen reader nothing had changed
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(rf"^Reads as \d\b.* \(k = {k + 3}, {weights}\)$"))
    other = "uniform" if weights == "distance" else "distance"
    page.locator(".st-key-draw_weights").get_by_text(other).click()
    wait_until_idle(page)
    expect(page.locator(".st-key-draw_prediction")).to_contain_text(f"(k = {k + 3}, {other})")
    expect(page.get_by_text(f"the {k + 3} nearest voted", exact=False)).to_be_visible()
    screenshot(page, "draw-revote")
    _fresh_canvas(page)


def test_an_upload_over_20_mb_is_refused_in_the_browser(page):
    upload_on_draw_page(page, "huge.png", b"\x89PNG\r\n\x1a\n" + bytes(21 * 1024 * 1024))
    expect(page.get_by_text(re.compile(r"File must be 20(\.0)? ?MB or smaller"))).to_be_visible()
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Choose a photo")  # nothing was read: still the hint


@pytest.mark.parametrize("name", list(NOT_DIGITS))
def test_a_drawing_that_is_not_a_digit_says_so(page, name):
    draw(page, NOT_DIGITS[name])
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Not a digit")
    expect(page.locator(ANNOUNCEMENT)).to_have_text("Reads as: not a digit.")  # why: its warning, an alert
    screenshot(page, f"draw-not-a-digit-{name.replace(' ', '-')}")


def test_a_three_with_sharp_corners_reads_three(page):
    draw(page, SHARP_THREE)
    expect(page.locator(".st-key-draw_prediction")).to_contain_text("Reads as")
    assert prediction_text(page).split()[:3] == ["Reads", "as", "3"], prediction_text(page)


def test_a_stroke_is_sent_by_the_components_own_button_when_the_pen_lifts(page):
    """The canvas override (mnist_knn/ui/canvas.py): the pen lifting presses the component's hidden send button, so a
    stroke never waits for the component's own 200 ms debounce. If an upgrade renames or drops that button, this fails."""
    wait_for_canvas(page)
    page.locator('[title="Update the app with this drawing"]').first.evaluate(
        "button => button.addEventListener('click', () => { window.__sentByButton = (window.__sentByButton || 0) + 1; })")
    draw(page, DIGITS["1"])
    assert page.evaluate("() => window.__sentByButton || 0") == 1
