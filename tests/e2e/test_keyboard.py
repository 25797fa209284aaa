"""A keyboard alone: Tab goes on from every control, even while an answer arrives, and each stop shows where it is."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import PAGE_LINKS, draw, new_page, screenshot, wait_for_canvas
from tests.e2e.classroom import unlock_teacher
from tests.e2e.digits import DIGITS
from tests.e2e.measure import tab_stops


def _described(stops: list[dict | None]) -> str:
    return "\n".join("off the page" if stop is None else f"{stop['stop']} ring={stop['ringed']}" for stop in stops)


def test_tab_goes_on_through_an_answer_just_read_and_every_stop_shows_a_ring(chromium, app_url):
    page = new_page(chromium, app_url)
    draw(page, DIGITS["7"])
    page.locator("h1").first.click()  # from the top, while the answer's focus keeping is still at work
    stops = tab_stops(page, 10)
    described = _described(stops)
    assert None not in stops, described  # the page's own controls, not past its end
    assert len({stop["stop"] for stop in stops}) == len(stops), described  # no control takes focus back (a tooltip did)
    assert all(stop["ringed"] for stop in stops), described
    for control in ('button "Undo"', "st-key-draw_wall_nickname input", "st-key-draw_wall_send button"):
        assert control in described, described  # the canvas's own tool, a text box, the wall's Send
    page.context.close()


def test_the_teacher_tabs_from_the_first_control_through_the_switches_and_each_stop_shows_a_ring(chromium, classroom):
    app_url, _ = classroom
    teacher = unlock_teacher(chromium, app_url)  # focus on "Close the wall": nothing is waiting
    stops = tab_stops(teacher, 3)
    described = _described(stops)
    assert [stop and stop["stop"].split(" ")[0] for stop in stops] == [
        "st-key-teacher_approval", "st-key-teacher_wall_language", "summary"], described  # the help tooltip lets go
    assert all(stop["ringed"] for stop in stops), described
    teacher.context.close()


def test_choosing_a_page_with_the_keyboard_moves_focus_to_its_title(chromium, app_url):
    page = new_page(chromium, app_url)
    wait_for_canvas(page)
    link = page.locator(PAGE_LINKS).filter(has_text="Metrics")
    link.focus()
    page.keyboard.press("Enter")  # the link chosen; before, focus stayed on it and Tab went on through the sidebar
    title = page.locator(".stMain h1")
    expect(title).to_have_text("Metrics")
    expect(title).to_be_focused(timeout=15_000)
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
