"""Classroom steps that several browser tests take: a student sends to the wall, the teacher unlocks."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import new_page, wait_until_idle

TEACHER_KEY = "e2e-teacher-key"
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}  # a classroom projector


def send_to_wall(student: Page, nickname: str | None, meant: str) -> None:
    """Type a nickname (or leave the kept one), tap the digit meant, press Send."""
    if nickname is not None:
        box = student.locator(".st-key-draw_wall_nickname input")
        box.fill(nickname)
        box.press("Enter")  # Enter keeps the nickname; it never sends
        wait_until_idle(student)
    student.locator("[class*='st-key-draw_wall_meant_']").get_by_role("radio", name=meant, exact=True).click()
    wait_until_idle(student)
    student.get_by_role("button", name=f"Send: I meant {meant}").click()
    wait_until_idle(student)


def unlock_teacher(chromium: Browser, app_url: str) -> Page:
    """The teacher's own screen: the Teacher page, unlocked."""
    teacher = new_page(chromium, f"{app_url}/teacher")
    key_box = teacher.locator(".st-key-teacher_key input")
    expect(key_box).to_have_attribute("type", "password")
    key_box.fill(TEACHER_KEY)
    key_box.press("Enter")
    wait_until_idle(teacher)
    expect(teacher.get_by_role("button", name="Close the wall")).to_be_visible()
    expect(teacher.locator(".st-key-teacher_key")).to_have_count(0)  # unlocked: no key box, no "show password" eye
    expect(teacher.locator("#digit-lab-announcement")).to_have_text("Teacher controls unlocked.")
    first = ".st-key-teacher_open, [class*=\"st-key-teacher_approve_\"]"  # a drawing waiting, else the first control
    teacher.wait_for_function(f"() => !!document.activeElement.closest('{first}')")
    expect(teacher).to_have_title("Teacher · Digit Lab")
    return teacher
