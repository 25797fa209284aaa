"""A classroom in several browsers: students draw and send, the projector shows it live, the teacher moderates."""

import csv
import re

import numpy as np
from playwright.sync_api import expect

from tests.e2e.browser import (
    ARTIFACTS,
    canvas,
    clear_canvas,
    count_finished_runs,
    draw,
    new_page,
    open_from_sidebar,
    page_names,
    screenshot,
    wait_for_finished_runs,
    wait_until_idle,
)
from tests.e2e.classroom import PROJECTOR, TEACHER_KEY, send_to_wall, unlock_teacher
from tests.e2e.digits import DIGITS, NOT_DIGITS
from tests.e2e.measure import small_text

NICKNAMES = ["Zoë", "Ali", "Sam", "Maya", "Jun", "Ola", "Tom", "Ines", "Leo", "Hannah-Louise O'Neill"]
TEXT_INSIDE = """plot => { const frame = plot.getBoundingClientRect();
  return [...plot.querySelectorAll('text')].filter(text => text.textContent.trim()).every(text => {
    const box = text.getBoundingClientRect(); return box.top >= frame.top - 1 && box.bottom <= frame.bottom + 1; }); }"""


def test_a_sent_drawing_appears_on_the_projected_wall_without_a_reload(chromium, classroom, tmp_path):
    app_url, wall = classroom
    projector = new_page(chromium, f"{app_url}/class_wall", **PROJECTOR)  # the first visit to a fresh server: a page URL
    names = page_names(projector)
    assert {"Draw & Predict", "How KNN works", "My drawings", "Class wall", "Teacher"} <= set(names), names
    drawings = projector.locator('[data-testid="stMetric"]').nth(1)
    expect(drawings).to_have_text(re.compile(r"Drawings\s*0$"))
    projector.evaluate("() => { window.__notReloaded = true; }")

    student = new_page(chromium, app_url)
    draw(student, DIGITS["7"])
    expect(student.locator(".st-key-draw_prediction")).to_contain_text(re.compile(r"Reads as\s*7"))
    send_to_wall(student, "Zoë", "7")
    expect(student.get_by_test_id("stAlert").get_by_text("On the class wall")).to_be_visible()  # (and a toast)
    screenshot(student, "classroom-student")

    expect(drawings).to_have_text(re.compile(r"Drawings\s*1$"), timeout=15_000)  # the wall refreshes itself every 3 s
    expect(projector.locator('[data-testid="stMetric"]').first).to_have_text(re.compile(r"Class accuracy\s*100\u00a0%$"))
    tile = projector.locator("[class*='st-key-wall_tile_']").first
    expect(tile).to_contain_text("Zoë")
    expect(tile).to_contain_text("✓ 7")
    expect(tile).not_to_contain_text("meant")  # "✓ 7" says it was read as meant: no line repeats it
    name = tile.locator("h3")
    assert name.evaluate("(h) => h.scrollWidth > h.clientWidth") is False  # "Zoë" whole, on one line
    expect(tile.locator("h1, h2, h3, h4, h5, h6")).to_have_text(["Zoë"])  # one heading a tile, its name (two, before)
    size = "(element) => getComputedStyle(element).fontSize"
    assert tile.get_by_text("✓ 7").evaluate(size) == tile.locator("h3").evaluate(size)  # the verdict as large as it
    assert projector.evaluate("() => window.__notReloaded === true")
    count_finished_runs(projector)
    wait_for_finished_runs(projector)  # one more refresh: the wall stays put (nothing blanks out while it updates)
    expect(tile).to_be_visible()
    screenshot(projector, "projector-1-drawing", full_page=False)

    student.reload()  # F5: the nickname is a session's, the drawings the tab's
    wait_until_idle(student)
    open_from_sidebar(student, "My drawings")
    expect(student.get_by_text("1 of 1")).to_be_visible()  # the drawing came back from the database
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
    expect(student.locator('[data-testid="stMetric"]').first).to_have_text(re.compile(r"Reads as\s*7$"))
    expect(student.locator(".js-plotly-plot")).to_have_count(3)
    for plot in student.locator(".js-plotly-plot").all():  # every word a chart writes ("limit", the digit for each k) whole
        assert plot.evaluate(TEXT_INSIDE), plot.inner_text()
    screenshot(student, "page-how-knn")
    for page in (projector, student):
        page.context.close()


def test_the_teacher_moderates_from_another_screen_and_the_key_never_shows(chromium, classroom):
    app_url, wall = classroom
    projector = new_page(chromium, f"{app_url}/class_wall", **PROJECTOR)
    student = new_page(chromium, app_url)
    draw(student, DIGITS["1"])
    send_to_wall(student, "Ola", "1")
    tiles = projector.locator("[class*='st-key-wall_tile_']")
    expect(tiles).to_have_count(1, timeout=15_000)

    teacher = unlock_teacher(chromium, app_url)
    [sent] = wall.submissions()
    teacher.locator(f".st-key-teacher_remove_{sent.id} button").click()  # one action
    expect(tiles).to_have_count(0, timeout=15_000)  # gone from the open wall within one refresh
    assert wall.submissions() == []

    teacher.get_by_role("button", name="Show after I approve").click()
    wait_until_idle(teacher)
    clear_canvas(student)
    draw(student, DIGITS["0"])
    send_to_wall(student, None, "0")  # the nickname was kept
    waiting = teacher.locator("[class*='st-key-teacher_approve_']")
    expect(waiting).to_have_count(1, timeout=15_000)  # in the teacher's queue ...
    expect(projector.get_by_text("Nothing on the wall yet")).to_be_visible()  # ... and not projected
    expect(teacher.locator("[class*='st-key-teacher_tile_']").first).to_contain_text("Ola")
    waiting.first.locator("button").click()
    expect(tiles).to_have_count(1, timeout=15_000)
    expect(tiles.first).to_contain_text("Ola")

    teacher.get_by_role("button", name="Close the wall").click()
    wait_until_idle(teacher)
    clear_canvas(student)
    draw(student, DIGITS["1"])
    send_to_wall(student, None, "1")
    expect(student.get_by_test_id("stAlert").get_by_text("The class wall is closed")).to_be_visible()
    screenshot(teacher, "page-teacher")
    port = app_url.rsplit(":", 1)[1]
    assert all(TEACHER_KEY not in page.content() for page in (teacher, projector, student))
    assert TEACHER_KEY not in (ARTIFACTS / f"server-{port}.log").read_text()  # never shown, never logged
    for page in (teacher, projector, student):
        page.context.close()


EMPTY_RIGHT_OF_FIRST_ROW = """() => {
  const wall = document.querySelector('[class*="st-key-wall_tiles_"]').getBoundingClientRect();
  const tiles = [...document.querySelectorAll("[class*='st-key-wall_tile_']")].map((tile) => tile.getBoundingClientRect());
  return wall.right - Math.max(...tiles.filter((tile) => tile.top === tiles[0].top).map((tile) => tile.right));
}"""


def test_the_projector_view_reads_from_the_back_with_forty_drawings_the_newest_36_on_one_screen(chromium, classroom, mnist):
    app_url, wall = classroom
    X_test, y_test = mnist[2], mnist[3]
    rng = np.random.default_rng(0)
    for number in range(40):
        index = int(rng.integers(len(y_test)))
        meant = int(y_test[index]) if number % 5 else None
        read = int(y_test[index]) if number % 7 else (int(y_test[index]) + 1) % 10  # a few misreads
        wall.submit(X_test[index], read, 0.9, session_id=f"s{number % 4}-{number // 10}", submission_id=f"d{number}",
                    nickname=NICKNAMES[number % len(NICKNAMES)], intended=meant, now=1_700_000_000.0 + 60 * number)
    projector = new_page(chromium, f"{app_url}/class_wall", **PROJECTOR)
    expect(projector.locator("[class*='st-key-wall_tile_']")).to_have_count(36)  # the newest 36 of 40, ...
    expect(projector.get_by_text("The newest 36 of 40 drawings are shown.")).to_be_attached()  # said under them, and
    expect(projector.get_by_text("Drawings (the newest 36 shown)")).to_be_visible()  # where the room looks
    expect(projector.locator("[class*='st-key-wall_tile_']").first).to_contain_text(NICKNAMES[39 % len(NICKNAMES)])  # newest
    misread = projector.locator("[class*='st-key-wall_tile_']").filter(has_text="✗").first
    expect(misread).to_contain_text(re.compile(r"meant \d"))  # a misread says what was meant
    # the tiles fill the first row, no empty strip at the wall's right, once the page has its stylesheet (a fresh clone
    # once measured the rows before it, 154 px; at 120 px, 13 tiles leave only 8 px without it: its grid is waited for)
    grid = "getComputedStyle(document.querySelector('[class*=\"st-key-wall_tiles_\"]')).display === 'grid'"
    projector.wait_for_function(f"() => {grid} && ({EMPTY_RIGHT_OF_FIRST_ROW})() < 16", timeout=10_000)
    long_name = projector.locator("[class*='st-key-wall_tile_'] h3").filter(has_text="Hannah-Louise O'Neill").first
    short_name = projector.locator("[class*='st-key-wall_tile_'] h3").filter(has_text="Ali").first
    height = "(h) => h.getBoundingClientRect().height"
    assert long_name.evaluate(height) == short_name.evaluate(height)  # one line, ending in "…" (three, cut mid-word, before)
    assert long_name.evaluate("(h) => getComputedStyle(h).textOverflow === 'ellipsis' && h.scrollWidth > h.clientWidth")
    bottoms = projector.locator("[class*='st-key-wall_tile_']").evaluate_all("(all) => all.map((tile) => "
                                                                              "tile.getBoundingClientRect().bottom)")
    assert max(bottoms) <= PROJECTOR["viewport"]["height"], bottoms  # ... every one of them on the screen, unscrolled
    screenshot(projector, "projector-40-drawings", full_page=False)
    projector.context.close()


CUT_OFF = "e => [e, ...e.querySelectorAll('*')].some(part => part.scrollWidth > part.clientWidth + 1)"


def test_projected_the_draw_page_s_answer_is_read_from_the_back_of_the_room(chromium, app_url):
    projected = new_page(chromium, app_url, **PROJECTOR)
    assert canvas(projected).bounding_box()["width"] == 560  # the canvas twice as large as on a laptop, for the room
    draw(projected, DIGITS["7"])
    # each stroke lands on the canvas's own 280 x 280 pixels where it was drawn: the ink as large as a laptop's 7 (210 x 271)
    expect(projected.get_by_text(re.compile(r"cut to the ink \((19|2[0-2])\d × (2[5-8])\d pixels\)"))).to_be_visible()
    assert small_text(projected, 24, ".st-key-draw_prediction", settle_ms=10_000) == []
    answer = projected.locator('.st-key-draw_prediction [data-testid="stMetricValue"]')
    title = projected.get_by_role("heading", name="Draw & Predict")
    assert answer.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") > title.evaluate(
        "e => parseFloat(getComputedStyle(e).fontSize)")
    screenshot(projected, "projector-draw", full_page=False)
    clear_canvas(projected)
    draw(projected, NOT_DIGITS["capital A"])
    expect(answer).to_have_text("Not a digit")
    assert not answer.evaluate(CUT_OFF)  # the words whole, not cut off with an ellipsis
    projected.context.close()
