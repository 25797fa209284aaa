"""A keyboard alone: Tab goes on from every control, even while an answer arrives, and each stop shows where it is;
focus goes where a person expects after choosing a page, a digit meant, a label, undo and redo (the Teacher's keys:
test_keyboard_teacher.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.accessibility import ANNOUNCEMENT
from tests.e2e.browser import (
    PAGE_LINKS,
    draw,
    new_page,
    open_from_sidebar,
    screenshot,
    wait_for_canvas,
    wait_until_idle,
)
from tests.e2e.digits import DIGITS
from tests.e2e.measure import FOCUS_STOP, stops_in_words, tab_stops


def test_tab_goes_on_through_an_answer_just_read_and_every_stop_shows_a_ring(chromium, app_url):
    page = new_page(chromium, app_url)
    draw(page, DIGITS["7"])
    page.locator("h1").first.click()  # from the top, while the answer's focus keeping is still at work
    stops = tab_stops(page, 10)
    described = stops_in_words(stops)
    assert None not in stops, described  # the page's own controls, not past its end
    assert len({stop["stop"] for stop in stops}) == len(stops), described  # no control takes focus back (a tooltip did)
    assert all(stop["ringed"] for stop in stops), described
    for control in ('button "Undo"', "st-key-draw_wall_nickname input", "st-key-draw_wall_send button"):
        assert control in described, described  # the canvas's own tool, a text box, the wall's Send
    page.context.close()


def test_choosing_a_page_with_the_keyboard_moves_focus_to_its_title(chromium, app_url):
    page = new_page(chromium, app_url)
    wait_for_canvas(page)
    current = page.locator(f"{PAGE_LINKS}[aria-current='page']")  # the page on screen, said "current page"
    expect(current).to_have_accessible_name("Draw & Predict")
    link = page.locator(PAGE_LINKS).filter(has_text="Metrics")
    link.focus()
    page.keyboard.press("Enter")  # the link chosen; before, focus stayed on it and Tab went on through the sidebar
    title = page.locator(".stMain h1")
    expect(title).to_have_text("Metrics")
    expect(title).to_be_focused(timeout=15_000)
    expect(current).to_have_accessible_name("Metrics")  # one link at a time
    assert title.evaluate("(element) => getComputedStyle(element).outlineWidth") == "3px"  # with the app's focus ring
    screenshot(page, "keyboard-page-chosen", full_page=False)
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.stMain')")  # on into the page, not the sidebar
    home = page.locator(PAGE_LINKS).filter(has_text="Draw & Predict")  # the default page: its link's address is empty
    home.focus()
    page.keyboard.press("Enter")
    expect(title).to_have_text("Draw & Predict")
    expect(title).to_be_focused(timeout=15_000)
    page.context.close()


def test_the_k_sliders_thumb_shows_a_ring_when_tabbed_to(chromium, app_url):
    page = new_page(chromium, app_url + "/how_knn")
    wait_until_idle(page)
    page.locator(".stMain h1").first.click()
    stops = tab_stops(page, 3)  # the first control of How KNN works: k
    assert stops[0] and "st-key-how_k input" in stops[0]["stop"] and stops[0]["ringed"], stops_in_words(stops)
    page.context.close()


def test_a_digit_meant_chosen_with_space_stays_in_sight(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    wait_for_canvas(page)
    draw(page, DIGITS["7"])
    page.get_by_text("Change the vote").click()
    slider = page.locator(".st-key-draw_k input[type='range']")
    slider.focus()
    page.keyboard.press("Home")  # k = 1: "How sure" in one short line, until the lesson writes a long one
    wait_until_idle(page)
    meant = page.locator("[class*='st-key-draw_wall_meant_']").get_by_role("radio", name="1", exact=True)
    meant.focus()
    meant.evaluate("element => element.scrollIntoView({block: 'end'})")  # near the screen's foot, as a Tab there leaves it
    page.locator('[data-testid="stMain"]').evaluate("main => main.scrollBy(0, 20)")  # (the helper saw it 88 px up)
    page.keyboard.press("Space")  # taught as a 1: "How sure" above it changes; what teaching did is said below it
    on_the_page = page.get_by_test_id("stMainBlockContainer")  # (the live region says it too)
    expect(on_the_page.get_by_text("You taught it this very drawing", exact=False)).to_be_visible()
    wait_until_idle(page)
    expect(meant).to_be_focused()
    # its ring (3 px, 2 px out) whole on the screen: pushed 83 px down when the lesson's lines were drawn above it, it was
    # cut at the foot (the announcer scrolls a control in use back into sight, should a rerun push it off the screen)
    page.wait_for_function("() => { const box = document.activeElement.getBoundingClientRect();"
                           " return box.top >= 5 && box.bottom + 5 <= innerHeight; }", timeout=5_000)
    page.context.close()


def test_a_label_picked_with_the_keyboard_in_my_drawings_is_said_and_keeps_focus(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    wait_for_canvas(page)
    draw(page, DIGITS["7"])
    open_from_sidebar(page, "My drawings")
    box = page.locator("[class*='st-key-drawings_label_'] input").first
    highlighted = "() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))?.textContent"
    for attempt in range(5):  # focus fell onto the page now and then, as the rerun drew the box anew
        box.focus()
        page.keyboard.press("ArrowDown")  # its list opens (nothing to type: a phone's keyboard stays away)
        for _ in range(12):
            if page.evaluate(highlighted) == str(attempt):
                break
            page.keyboard.press("ArrowDown")
        else:
            raise AssertionError(f"the arrow keys never reached {attempt} in the label's list")
        page.keyboard.press("Enter")
        wait_until_idle(page)
        # said: a screen reader heard nothing (the live region still held the Draw page's answer)
        expect(page.locator(ANNOUNCEMENT)).to_have_text(f"Drawing 1: labelled {attempt}, and the model learns it.")
        page.wait_for_function("() => !!document.activeElement.closest('[class*=\"st-key-drawings_label_\"]')")
    page.context.close()


def test_a_pictures_fullscreen_button_shows_itself_and_its_ring_when_tabbed_to(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    draw(page, DIGITS["7"])
    open_from_sidebar(page, "My drawings")  # each drawing a picture, with Streamlit's Fullscreen button (shown on hover)
    page.locator("h1").first.click()
    stops = [stop for stop in tab_stops(page, 12) if stop and "Fullscreen" in stop["stop"]]
    assert stops and all(stop["ringed"] for stop in stops), stops_in_words(stops)  # it was see-through, ring and all
    page.context.close()


def test_pages_without_an_answer_say_nothing_and_how_knn_says_the_answer_k_gives(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    draw(page, DIGITS["7"])
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^Reads as 7"))
    for title in ("Dataset", "Metrics", "Mistakes"):  # the Draw page's answer stayed, read out at the end of each page
        open_from_sidebar(page, title)
        expect(page.locator(ANNOUNCEMENT)).to_have_text("")
    open_from_sidebar(page, "How KNN works")  # the latest drawing, read with the model's own vote
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^Reads as 7[^(]*$"))
    page.locator(".st-key-how_k input[type='range']").focus()
    page.keyboard.press("Home")  # k = 1: the answer the page shows changes with k, and is said (it was silent)
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^Reads as \d.*\(k = 1, "))
    page.context.close()


def test_a_help_button_reached_by_the_keyboard_is_described_by_its_help_and_says_it(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    draw(page, DIGITS["7"])
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^Reads as 7"))
    help_button = page.get_by_role("button", name="Help for Reads as")
    help_button.focus()  # its tooltip opens, which a screen reader never heard: nothing described the button
    expect(help_button).to_have_accessible_description(re.compile(r"^How sure: of held-out digits"))
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^How sure: of held-out digits"))
    page.context.close()


def test_a_table_that_scrolls_shows_a_ring_when_tabbed_to(chromium, app_url):
    page = new_page(chromium, f"{app_url}/metrics", viewport={"width": 1280, "height": 800})
    page.get_by_text("The full report, for the curious").click()
    wait_until_idle(page)
    table = page.locator('[data-testid="stTable"] [role="region"]:visible').first  # a Tab stop, to scroll it by keys
    table.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    stop = page.evaluate(FOCUS_STOP)
    assert stop and "Scrollable table" in stop["stop"] and stop["ringed"], stop  # it had the browser's thin outline only
    page.context.close()


def test_undo_and_redo_with_the_keyboard_keep_focus_on_the_canvas_tools(chromium, app_url):
    page = new_page(chromium, app_url, viewport={"width": 1280, "height": 800})
    draw(page, DIGITS["1"])  # one stroke: undone, nothing is left to undo
    undo, redo = (page.get_by_role("button", name=name, exact=True) for name in ("Undo", "Redo"))
    undo.focus()
    page.keyboard.press("Enter")
    expect(undo).to_be_disabled()
    page.wait_for_function(f"() => ({FOCUS_STOP})()?.stop === 'button \"Redo\"'")  # it fell onto the page's body
    page.keyboard.press("Enter")
    expect(redo).to_be_disabled()
    page.wait_for_function(f"() => ({FOCUS_STOP})()?.stop === 'button \"Undo\"'")
    assert page.evaluate(FOCUS_STOP)["ringed"]
    page.context.close()
