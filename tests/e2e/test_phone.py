"""A student on a phone: a finger draws, the page holds still, and the answer is on screen without scrolling."""

import re

import pytest
from playwright.sync_api import expect

from mnist_knn import language
from mnist_knn.config import CANVAS_SIDE
from tests.e2e.browser import clear_canvas, draw, new_page, screenshot, touch_stroke, wait_until_idle
from tests.e2e.digits import DIGITS

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
ON_SCREEN = "element => { const box = element.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"
# the share of a control's area where a finger's tap lands on the control itself (not on something lying over it)
TAPPABLE = """control => { const box = control.getBoundingClientRect(); let hit = 0, tried = 0;
  for (let x = box.left + 2; x < box.right - 1; x += 4) for (let y = box.top + 2; y < box.bottom - 1; y += 4) {
    tried += 1; if (control.contains(document.elementFromPoint(x, y))) hit += 1; }
  return hit / tried; }"""


def test_a_finger_draws_and_the_reading_is_on_screen_without_scrolling(chromium, app_url):
    phone = new_page(chromium, app_url, **PHONE)
    # the hint comes with the answer box, after this module's fresh server has loaded the model
    expect(phone.get_by_text("lift your finger or the mouse", exact=False)).to_be_visible(timeout=30_000)
    for control in ("Clear canvas", "Pen size"):  # the canvas's room above it spills over neither button below
        assert phone.get_by_role("button", name=control).evaluate(TAPPABLE) > 0.95, control  # (a rounded corner may miss)
    scrolled = phone.evaluate("() => scrollY")
    draw(phone, DIGITS["1"], touch=True)
    assert phone.evaluate("() => scrollY") == scrolled  # the finger drew; the page did not move
    answer = phone.locator(".st-key-draw_prediction")
    expect(answer).to_contain_text(re.compile(r"Reads as\s*1"))
    assert answer.evaluate(ON_SCREEN), answer.bounding_box()  # read without scrolling
    change = phone.get_by_text("Change the vote")  # and what comes next: the answer was 4rem under the canvas's buttons
    assert change.evaluate(ON_SCREEN), change.bounding_box()
    screenshot(phone, "phone-draw", full_page=False)
    clear_canvas(phone)
    draw(phone, [[(120, 120), (124, 122)]], touch=True)  # a dot: its warning is on screen too
    expect(answer).to_contain_text("Not a digit")
    reasons = answer.locator('[data-testid="stAlert"] p')  # one alert, a paragraph for each reason
    expect(reasons.first).to_contain_text("tiny")
    assert reasons.first.evaluate(ON_SCREEN), reasons.first.bounding_box()  # the first said on the first screen
    screenshot(phone, "phone-dot", full_page=False)
    phone.context.close()


def test_a_finger_swiping_over_a_chart_scrolls_the_page_and_leaves_the_chart_as_it_was(chromium, app_url):
    phone = new_page(chromium, app_url + "/how_knn", **PHONE)
    chart = phone.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".draglayer")).to_be_attached(timeout=60_000)
    chart.scroll_into_view_if_needed()
    main, plot = phone.locator('[data-testid="stMain"]'), chart.locator(".js-plotly-plot")
    axes = "plot => JSON.stringify([plot._fullLayout.xaxis.range, plot._fullLayout.yaxis.range])"
    before, box = (main.evaluate("main => main.scrollTop"), plot.evaluate(axes)), chart.bounding_box()
    scale = box["width"] / CANVAS_SIDE  # a stroke's points are in canvas pixels, scaled to the box they are drawn on
    start = (min(box["y"] + box["height"] / 2, 700) - box["y"]) / scale
    touch_stroke(phone, box, [(CANVAS_SIDE / 2, start), (CANVAS_SIDE / 2, start - 250 / scale)], steps=20)  # up, 250 px
    phone.wait_for_function(f"() => document.querySelector('[data-testid=stMain]').scrollTop > {before[0] + 100}")  # it moved ...
    assert plot.evaluate(axes) == before[1]  # ... and the chart did not zoom (plotly took the swipe for a zoom)
    phone.context.close()


def test_a_file_that_is_not_an_image_is_said_so_in_words_on_a_phone(chromium, app_url):
    phone = new_page(chromium, app_url, **PHONE)
    phone.locator(".st-key-draw_source").get_by_text("Upload a photo").click()
    wait_until_idle(phone)
    phone.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "homework.txt", "mimeType": "text/plain", "buffer": b"2 + 2 = 4, my homework\n"}])
    # in words a sighted student reads (the uploader's refusal was a red "!" by the file's name, its words in a 1 x 1 px
    # alert and a tooltip a finger never opens)
    said = phone.get_by_text("text/plain files are not allowed.")
    expect(said).to_be_visible()
    assert said.bounding_box()["width"] > 100 and said.bounding_box()["height"] > 10
    screenshot(phone, "phone-upload-refused", full_page=False)
    phone.context.close()


@pytest.mark.parametrize("code", ["en", "de", "es", "fr"])
def test_the_digits_meant_hold_still_under_the_finger_that_taps_one(chromium, app_url, code):
    words = language.catalog(code).gettext  # "How sure" above the digits changes its words: in no language a second line
    phone = new_page(chromium, f"{app_url}/?lang={code}", **PHONE)
    draw(phone, DIGITS["1"], touch=True)
    expect(phone.locator(".st-key-draw_prediction")).to_contain_text(re.compile(re.escape(words("Reads as")) + r"\s*1"))
    one = phone.locator("[class*='st-key-draw_wall_meant_']").get_by_role("radio", name="1", exact=True)
    one.scroll_into_view_if_needed()
    before = one.bounding_box()["y"]
    one.tap()  # the digit it read: taught all the same, and said so
    expect(phone.get_by_role("button", name=words("Undo: forget that I meant {digit}").format(digit=1))).to_be_visible()
    wait_until_idle(phone)
    taught = words("You taught it this very drawing, so its nearest neighbour is now itself: at a distance of 0 it outweighs "
                   "every other vote.")
    # on the page (the live region, which says it too, is not where the finger is)
    expect(phone.get_by_test_id("stMainBlockContainer").get_by_text(taught[:20], exact=False)).to_be_visible()
    moved = one.bounding_box()["y"] - before  # a second tap (a mis-tap mended) lands on the digit it aimed at
    assert abs(moved) <= 2, f"the digits moved {moved:.0f} px under the finger"
    phone.context.close()


def test_the_vote_opened_at_the_screens_foot_comes_into_sight(chromium, app_url):
    phone = new_page(chromium, app_url, **PHONE)
    draw(phone, DIGITS["3"], touch=True)
    expect(phone.locator(".st-key-draw_prediction")).to_contain_text(re.compile(r"Reads as\s*3"))
    change = phone.get_by_text("Change the vote")
    assert change.evaluate("element => element.getBoundingClientRect().bottom > innerHeight - 150")  # at the screen's foot
    change.tap()  # it opens downwards, out of sight
    k = phone.locator(".st-key-draw_k")
    expect(k).to_be_visible()
    phone.wait_for_function("() => { const box = document.querySelector('.st-key-draw_k').getBoundingClientRect(); "
                            "return box.top >= 0 && box.bottom <= innerHeight; }", timeout=3_000)  # in sight, no scrolling
    phone.context.close()

