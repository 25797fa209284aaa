"""Classroom steps that several browser tests take: a class fills the wall, a student sends to it, the teacher unlocks."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from mnist_knn.classroom.wall import ClassWall
from tests.e2e.browser import new_page, wait_until_idle

TEACHER_KEY = "e2e-teacher-key"
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}}  # a classroom projector
NICKNAMES = ["Sam", "Jo O'Neil", "Zoë", "Maya", "Jun", "Ola"]  # punctuation, as typed, on every page


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
    # a drawing waiting, else the wall's language (one more Enter on "Close the wall" closed it for the class)
    first = ".st-key-teacher_wall_language, [class*=\"st-key-teacher_approve_\"]"
    teacher.wait_for_function(f"() => !!document.activeElement.closest('{first}')")
    expect(teacher).to_have_title("Teacher · Digit Lab")
    return teacher


def fill_wall(wall: ClassWall, mnist, count: int, first: int = 0) -> None:
    """`count` drawings from MNIST's test set on the wall, as a class sends them (some misread, some not said)."""
    X_test, y_test = mnist[2], mnist[3]
    for number in range(first, first + count):
        digit = int(y_test[number])
        wall.submit(X_test[number], digit if number % 4 else (digit + 1) % 10, 0.9, session_id=f"s{number}",
                    submission_id=f"a11y-{number}", nickname=NICKNAMES[number % len(NICKNAMES)],
                    intended=digit if number % 3 else None, not_a_digit=number % 7 == 6)
