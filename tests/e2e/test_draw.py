"""A person draws digits with the mouse in Chromium and reads the prediction."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import draw, prediction_text, screenshot, wait_for_canvas, wait_until_idle
from tests.e2e.digits import DIGITS


def _fresh_canvas(page):
    page.locator(".st-key-draw_clear button").click()
    wait_until_idle(page)
    expect(page.locator(".st-key-prediction")).to_contain_text("Draw a digit")
    wait_for_canvas(page)


def test_empty_canvas_shows_a_hint_not_a_number(page):
    wait_for_canvas(page)
    text = prediction_text(page)
    assert "Draw a digit" in text and not any(character.isdigit() for character in text)


@pytest.mark.parametrize("digit", list(DIGITS))
def test_drawn_digit_is_read(page, digit):
    draw(page, DIGITS[digit])
    expect(page.locator(".st-key-prediction")).to_contain_text("Prediction")
    assert prediction_text(page).split()[:2] == ["Prediction", digit], prediction_text(page)
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


def test_an_upload_over_20_mb_is_refused_in_the_browser(page):
    page.locator(".st-key-draw_source").get_by_text("Upload a photo").click()
    wait_until_idle(page)
    oversized = {"name": "huge.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + bytes(21 * 1024 * 1024)}
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files=[oversized])
    expect(page.get_by_text(re.compile(r"File must be 20(\.0)? ?MB or smaller"))).to_be_visible()
    expect(page.locator(".st-key-prediction")).to_contain_text("Draw a digit")  # nothing was read
