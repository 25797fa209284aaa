"""A classroom in two browsers: a student draws and sends; the projected wall shows it without a reload."""

import csv
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    ARTIFACTS,
    count_finished_runs,
    draw,
    new_page,
    open_from_sidebar,
    running_app,
    screenshot,
    wait_for_finished_runs,
    wait_until_idle,
)

SEVEN = [[(250, 12), (60, 12)], [(250, 12), (130, 262)]]
ONE = [[(140, 30), (142, 250)]]
TEACHER_KEY = "e2e-teacher-key"


@pytest.fixture(scope="module")
def classroom_url(default_model, tmp_path_factory):
    """A fresh server with its own wall database and a teacher key."""
    ARTIFACTS.mkdir(exist_ok=True)
    database = tmp_path_factory.mktemp("wall") / "class-wall.sqlite3"
    with running_app({"MNIST_KNN_DB": f"sqlite:///{database}", "MNIST_KNN_TEACHER_KEY": TEACHER_KEY}) as url:
        yield url


def test_a_sent_drawing_appears_on_the_wall_without_a_reload(chromium, classroom_url, tmp_path):
    wall = new_page(chromium, f"{classroom_url}/class_wall")  # the first visit to a fresh server, straight to a page URL
    names = wall.locator('[data-testid="stSidebarNav"] a span').all_inner_texts()
    assert {"Draw & Predict", "How KNN works", "My drawings", "Class wall"} <= set(names), names  # app.py's navigation
    drawings = wall.locator('[data-testid="stMetric"]').first
    expect(drawings).to_have_text(re.compile(r"Drawings\s*0$"))
    wall.evaluate("() => { window.__notReloaded = true; }")

    student = new_page(chromium, classroom_url)
    draw(student, SEVEN)
    expect(student.locator(".st-key-prediction")).to_contain_text("Prediction")
    student.locator(".st-key-draw_wall_nickname input").fill("Zoë")
    student.locator(".st-key-draw_wall_meant").click()
    student.get_by_role("option", name="7", exact=True).click()
    student.get_by_role("button", name="Send to class wall").click()
    wait_until_idle(student)
    expect(student.get_by_text("On the class wall")).to_be_visible()
    screenshot(student, "classroom-student")

    expect(drawings).to_have_text(re.compile(r"Drawings\s*1$"), timeout=15_000)  # the wall refreshes itself every 3 s
    expect(wall.locator('[data-testid="stMetric"]').nth(1)).to_have_text(re.compile(r"Class accuracy\s*100%$"))
    assert wall.evaluate("() => window.__notReloaded === true")
    expect(wall.locator(".js-plotly-plot")).to_be_visible()  # the class's confusion matrix
    expect(wall.locator('[data-testid="stDataFrame"] canvas').first).to_be_visible()
    count_finished_runs(wall)
    wait_for_finished_runs(wall)  # one more refresh of the live wall: it stays put (nothing blanks out while it updates)
    expect(wall.locator(".js-plotly-plot")).to_be_visible()
    screenshot(wall, "page-class-wall")

    open_from_sidebar(student, "My drawings")
    expect(student.get_by_text("1 of 1")).to_be_visible()
    with student.expect_download() as download:
        student.get_by_role("button", name="Download CSV (Kaggle layout)").click()
    exported = tmp_path / "my-drawings.csv"
    download.value.save_as(exported)
    header, row = list(csv.reader(exported.open()))
    assert header[:2] == ["label", "pixel0"] and header[-1] == "pixel783" and len(row) == 785
    assert row[0] == "7" and max(map(int, row[1:])) > 200  # the digit as the model saw it: white ink on black
    screenshot(student, "page-my-drawings")

    open_from_sidebar(student, "How KNN works")
    expect(student.locator(".st-key-how_digit")).to_match_aria_snapshot('- combobox "Digit": my latest drawing')
    expect(student.locator('[data-testid="stMetric"]').first).to_have_text(re.compile(r"Prediction\s*7$"))
    expect(student.locator(".js-plotly-plot")).to_have_count(3)
    screenshot(student, "page-how-knn")

    wall.get_by_text("Teacher controls").click()
    key_box = wall.locator(".st-key-wall_teacher_key input")
    expect(key_box).to_have_attribute("type", "password")
    key_box.fill(TEACHER_KEY)
    key_box.press("Enter")
    wait_until_idle(wall)
    wall.get_by_role("button", name="Close the wall (students cannot send)").click()
    wait_until_idle(wall)
    expect(wall.locator('[data-testid="stMetric"]').nth(2)).to_have_text(re.compile(r"Wall\s*closed$"))
    open_from_sidebar(student, "Draw & Predict")
    draw(student, ONE)
    student.get_by_role("button", name="Send to class wall").click()
    wait_until_idle(student)
    expect(student.get_by_text("The class wall is closed")).to_be_visible()
    expect(drawings).to_have_text(re.compile(r"Drawings\s*1$"))
    port = classroom_url.rsplit(":", 1)[1]
    assert TEACHER_KEY not in wall.content() and TEACHER_KEY not in student.content()
    assert TEACHER_KEY not in (ARTIFACTS / f"server-{port}.log").read_text()  # never shown, never logged
    for page in (wall, student):
        page.context.close()
