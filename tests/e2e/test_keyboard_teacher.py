"""A teacher with a keyboard alone: each switch shows a ring and the lock goes into the key box; Enter shows the waiting
drawings one after another, and the drawing removed is the one seen, with its undo in reach."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.accessibility import ANNOUNCEMENT
from tests.e2e.browser import IMAGES_LOADED, open_from_sidebar, wait_until_idle
from tests.e2e.classroom import TEACHER_KEY, fill_wall, unlock_teacher
from tests.e2e.measure import stops_in_words, tab_stops


def test_the_teacher_tabs_through_the_switches_each_stop_ringed_and_locks_into_the_key_box(chromium, classroom):
    app_url, _ = classroom
    teacher = unlock_teacher(chromium, app_url)  # focus on the wall's language: nothing is waiting
    teacher.locator(".st-key-teacher_open button").focus()  # from the first switch, "Close the wall"
    stops = tab_stops(teacher, 3)
    described = stops_in_words(stops)
    assert [stop and stop["stop"].split(" ")[0] for stop in stops] == [
        "st-key-teacher_approval", "st-key-teacher_wall_language", "st-key-teacher_clearing"], described  # the help lets go
    assert all(stop["ringed"] for stop in stops), described
    teacher.locator(".st-key-teacher_lock button").focus()
    teacher.keyboard.press("Enter")  # locked again: focus in the key box (it fell to the page's body), and said why
    expect(teacher.locator(".st-key-teacher_key input")).to_be_focused()
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text("Teacher controls locked.")
    teacher.context.close()


def test_a_teacher_shows_the_waiting_drawings_one_after_another_with_the_enter_key(chromium, classroom, mnist):
    app_url, wall = classroom
    wall.set_approval(True)
    fill_wall(wall, mnist, 2, first=30)
    teacher = unlock_teacher(chromium, app_url)
    waiting = teacher.locator("[class*='st-key-teacher_approve_'] button")
    expect(waiting).to_have_count(2)
    waiting.first.focus()  # at once: the unlock's own focus keeping may still be at work
    teacher.keyboard.press("Enter")
    expect(waiting).to_have_count(1)
    teacher.wait_for_function("() => !!document.activeElement.closest('[class*=\"st-key-teacher_approve_\"]')")  # next
    teacher.keyboard.press("Enter")
    expect(teacher.get_by_text("Nothing is waiting.")).to_be_visible()
    teacher.wait_for_function("() => !!document.activeElement.closest('.st-key-teacher_wall_language')")
    teacher.keyboard.press("Enter")  # once more, as a teacher going through the queue does: it closed the wall
    assert wall.is_open() and len(wall.submissions()) == 2
    teacher.keyboard.press("Escape")
    teacher.locator("[class*='st-key-teacher_remove_'] button").first.click()  # its Undo stays on offer ...
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text(re.compile("^Removed: "))
    fill_wall(wall, mnist, 3, first=40)
    show_all = teacher.locator(".st-key-teacher_show_all button")
    expect(show_all).to_have_text(re.compile("Show all 3"))  # the page refreshes itself
    show_all.focus()
    teacher.keyboard.press("Enter")
    expect(teacher.get_by_text("Nothing is waiting.")).to_be_visible()
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text("Shown on the wall: 3 drawings.")  # ... but the latest action is said
    teacher.wait_for_function("() => !!document.activeElement.closest('.st-key-teacher_wall_language')")  # not on Undo
    assert wall.is_open() and len(wall.submissions()) == 4
    teacher.locator(ANNOUNCEMENT).evaluate("""region => { window.__said = [];  // every phrase said from now on, in order
        new MutationObserver(() => region.textContent && window.__said.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true}); }""")
    for title in ("Class wall", "Teacher"):  # the wall empties the live region; back, nothing said before is said again
        open_from_sidebar(teacher, title)
    wait_until_idle(teacher)
    teacher.locator("[class*='st-key-teacher_remove_'] button").first.click()  # the next thing said
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text(re.compile("^Removed: "))
    said = teacher.evaluate("() => window.__said")
    assert len(said) == 1 and said[0].startswith("Removed: "), said  # "Shown on the wall: 3 drawings." came again first
    teacher.locator(".st-key-teacher_lock button").click()
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text("Teacher controls locked.")
    key_box = teacher.locator(".st-key-teacher_key input")
    key_box.fill(TEACHER_KEY)
    key_box.press("Enter")
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text("Teacher controls unlocked.")  # not what was said before the lock
    teacher.context.close()


def test_the_teacher_removes_the_drawing_they_saw_though_a_new_one_arrived_and_can_undo_it(chromium, classroom, mnist):
    app_url, wall = classroom
    fill_wall(wall, mnist, 3)
    teacher = unlock_teacher(chromium, app_url)
    tiles = teacher.locator("[class*='st-key-teacher_tile_']")
    expect(tiles).to_have_count(3)
    seen = wall.submissions()[1]
    button = teacher.get_by_role("button", name=re.compile(rf"^Remove {re.escape(seen.nickname)}'s {seen.predicted} \("))
    expect(button).to_have_count(1)  # the button names the student and the digit
    teacher.wait_for_function(IMAGES_LOADED)  # the tiles as the teacher sees them
    box = button.bounding_box()
    fill_wall(wall, mnist, 1, first=30)  # a student sends while the teacher reaches for the button
    expect(tiles).to_have_count(4, timeout=15_000)  # it came in with the next refresh ...
    wait_until_idle(teacher)
    teacher.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # ... and the click lands where seen
    wait_until_idle(teacher)
    expect(tiles).to_have_count(3)
    assert seen.submission_id not in {submission.submission_id for submission in wall.submissions()}
    assert len(wall.submissions()) == 3
    expect(teacher.locator(".st-key-teacher_removed")).to_contain_text(f"Removed: {seen.nickname} meant")
    expect(teacher.locator(ANNOUNCEMENT)).to_contain_text(f"Removed: {seen.nickname} meant")  # said, and ...
    undo = teacher.locator(".st-key-teacher_undo_removal button")
    expect(undo).to_be_focused()  # ... the keyboard is on the undo, not lost with the drawing
    teacher.keyboard.press("Enter")
    wait_until_idle(teacher)
    expect(tiles).to_have_count(4)
    assert wall.submissions()[1] == seen  # back, in its place
    expect(teacher.locator(f".st-key-teacher_remove_{seen.id} button")).to_be_focused()  # and the keyboard with it
    teacher.context.close()


def test_what_clearing_the_wall_said_goes_once_the_teacher_removes_a_drawing_sent_after_it(chromium, classroom, mnist):
    app_url, wall = classroom
    fill_wall(wall, mnist, 2)
    teacher = unlock_teacher(chromium, app_url)
    teacher.locator("summary", has_text="Clear the whole wall").click()
    teacher.locator(".st-key-teacher_confirm_clear label").click()
    teacher.locator(".st-key-teacher_clear button").click()
    said = teacher.get_by_text("Removed 2 drawings.")
    expect(said).to_be_visible()
    fill_wall(wall, mnist, 1, first=50)  # a student sends; the page's refresh brings it in, and keeps what was said
    remove = teacher.locator("[class*='st-key-teacher_remove_'] button")
    expect(remove).to_have_count(1, timeout=15_000)
    expect(said).to_be_visible()
    remove.click()  # only the refreshing part of the page runs again: the clear's words went stale there, under it
    expect(teacher.locator(ANNOUNCEMENT)).to_have_text(re.compile("^Removed: "))
    expect(said).to_have_count(0)
    teacher.context.close()
