"""A person draws digits with the mouse in Chromium and reads the prediction."""

import math

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import canvas, draw, prediction_text, screenshot, wait_until_idle


def _ellipse(cx, cy, rx, ry, points=28):
    return [(cx + rx * math.sin(2 * math.pi * i / points), cy - ry * math.cos(2 * math.pi * i / points)) for i in range(points + 1)]


DIGITS = {
    "1": [[(140, 30), (142, 250)]],
    "7": [[(250, 12), (60, 12)], [(250, 12), (130, 262)]],  # the top bar starts under the old toolbar band
    "0": [_ellipse(140, 140, 70, 110)],
    "4": [[(110, 30), (60, 170), (225, 170)], [(180, 80), (180, 265)]],
    "3": [[(70, 50), (140, 25), (210, 60), (150, 130), (215, 190), (140, 255), (65, 225)]],
}


def _fresh_canvas(page):
    page.locator(".st-key-draw_clear button").click()
    wait_until_idle(page)
    expect(page.locator(".st-key-prediction")).to_contain_text("Draw a digit")
    page.wait_for_timeout(300)  # let the new canvas component mount before the first stroke


def test_empty_canvas_shows_a_hint_not_a_number(page):
    expect(canvas(page)).to_be_visible()
    text = prediction_text(page)
    assert "Draw a digit" in text and not any(character.isdigit() for character in text)


@pytest.mark.parametrize("digit", list(DIGITS))
def test_drawn_digit_is_read(page, digit):
    expect(canvas(page)).to_be_visible()
    page.wait_for_timeout(300)
    draw(page, DIGITS[digit])
    expect(page.locator(".st-key-prediction")).to_contain_text("Prediction")
    assert prediction_text(page).split()[:2] == ["Prediction", digit], prediction_text(page)
    screenshot(page, f"draw-{digit}")


BAND = 10
INK_IN_BANDS = """c => {
  const g = c.getContext('2d'), w = c.width, h = c.height, b = Math.round(w * %d / 280);
  const mean = (x, y, bw, bh) => { const d = g.getImageData(x, y, bw, bh).data; let s = 0;
    for (let i = 0; i < d.length; i += 4) s += d[i]; return s / (d.length / 4); };
  return {top: mean(b, 0, w - 2 * b, b), bottom: mean(b, h - b, w - 2 * b, b),
          left: mean(0, b, b, h - 2 * b), right: mean(w - b, b, b, h - 2 * b)};
}""" % BAND


def test_strokes_along_all_four_edges_register(page):
    expect(canvas(page)).to_be_visible()
    page.wait_for_timeout(300)
    edges = [[(276, 4), (4, 4)], [(4, 4), (4, 276)], [(4, 276), (276, 276)], [(276, 276), (276, 4)]]
    draw(page, edges, steps=30)
    ink = page.locator("canvas.dc-canvas.lower-canvas").first.evaluate(INK_IN_BANDS)
    assert all(value > 150 for value in ink.values()), ink  # every edge stroke is on the canvas ...
    expect(page.locator(".st-key-prediction")).to_contain_text("Prediction")
    stage_caption = page.get_by_text("1. cropped to the ink")
    expect(stage_caption).to_be_visible()
    # ... and reached the app: the crop spans the whole canvas only if all four strokes arrived.
    crop = page.locator('[data-testid="stImage"] img').first
    natural = crop.evaluate("img => img.decode().then(() => [img.naturalWidth, img.naturalHeight])")
    assert natural == [112, 112], natural
    screenshot(page, "draw-edges")


def test_k_slider_and_weighting_revote(page, default_model):
    k, weights = default_model.n_neighbors, default_model.weights
    expect(canvas(page)).to_be_visible()
    page.wait_for_timeout(300)
    draw(page, DIGITS["4"])
    expect(page.locator(".st-key-prediction")).to_contain_text(f"{k} neighbours · {weights} voting")
    slider = page.locator(".st-key-draw_k input[type='range']")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    wait_until_idle(page)
    expect(page.locator(".st-key-prediction")).to_contain_text(f"{k + 3} neighbours")
    other = "uniform" if weights == "distance" else "distance"
    page.locator(".st-key-draw_weights").get_by_text(other).click()
    wait_until_idle(page)
    expect(page.locator(".st-key-prediction")).to_contain_text(f"{k + 3} neighbours · {other} voting")
    expect(page.get_by_text(f"The {k + 3} nearest training digits and their vote")).to_be_visible()
    screenshot(page, "draw-revote")
    _fresh_canvas(page)
