"""Every page runs in every language the app speaks, says its words in that language, and marks the page with it."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from mnist_knn import language
from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import DrawingStore
from mnist_knn.classroom.wall import ClassWall
from mnist_knn.ui.language import SHOWN
from mnist_knn.ui.state import STUDENT
from tests.app.conftest import png, straight_stroke, upload
from tests.app.test_teacher import TEACHER_KEY
from tests.drawing import redraw

PAGES = {"pages/draw.py": "Draw & Predict", "pages/how_knn.py": "How KNN works", "pages/my_drawings.py": "My drawings",
         "pages/class_wall.py": "Class wall", "pages/teacher.py": "Teacher", "pages/dataset.py": "Dataset",
         "pages/metrics.py": "Metrics", "pages/mistakes.py": "Mistakes"}
TRANSLATED = [code for code in language.available() if code != language.SOURCE]  # compiled by `make catalogs`
ENGLISH = re.compile(r"\b(the|of|and|is|with|your|digits?)\b")  # words no German, French or Spanish sentence has


def _said(app: AppTest) -> list[str]:
    """Every text a person reads on the page, as the elements hold it."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success", "metric",
             "button", "radio", "selectbox", "slider", "toggle", "checkbox", "expander", "text_input")
    said = []
    for kind in kinds:
        for element in app.get(kind):
            proto = element.proto
            said += [getattr(proto, field) for field in ("body", "label", "help", "placeholder") if getattr(proto, field, "")]
            said += [str(option) for option in getattr(proto, "options", [])]
    return said


@pytest.mark.parametrize("code", TRANSLATED)
@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_runs_in_each_language_and_says_its_title_in_it(open_page, page, code):
    app = open_page(page, {"lang": code})
    assert app.session_state[SHOWN] == code and app.query_params["lang"] == code
    assert app.title[0].value == language.catalog(code).gettext(PAGES[page]) != PAGES[page]
    headings = [*app.title, *app.header, *app.subheader]  # none with a "link to heading": a Tab stop leading to itself
    assert headings and all(heading.proto.hide_anchor for heading in headings), [h.value for h in headings]
    for chart in app.get("plotly_chart"):  # named by its title, in this language, with no mode bar's Tab stops
        assert chart.proto.alt and not ENGLISH.search(chart.proto.alt), chart.proto.alt
        assert json.loads(chart.proto.config) == {"displayModeBar": False}
    english = [text for text in _said(app) if ENGLISH.search(re.sub(r"\(.*?\)|`.*?`|https?://\S+", "", text))]
    assert english == [], f"English left on {page} in {code}: {english[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_my_drawings_cards_speak_each_language(open_page, classroom_database, code):
    app = open_page("pages/my_drawings.py", {"lang": code})
    store, token = DrawingStore(classroom_database), app.session_state[STUDENT]
    digit = straight_stroke()
    store.record(token, "canvas-1", digit, 1, 0.9, False)  # read as 1, and how sure
    store.record(token, "canvas-2", digit, 1, None, True)  # not a digit
    app.run()
    said = language.catalog(code).gettext
    cards = [markdown.value for markdown in app.markdown if "**" in markdown.value]
    before, after = said("read as **{read}** (how sure: {sure})").format(read=1, sure="{sure}").split("{sure}")
    assert len(cards) == 2 and cards[0].startswith(before) and cards[0].endswith(after) and "90" in cards[0], cards
    assert cards[1] == said("read as **{read}**").format(read=said("not a digit")), cards
    box = app.selectbox(key=f"drawings_label_{store.drawings(token)[1].id}")
    assert box.label == said("Your label for drawing {number}").format(number=2) and box.value is None
    assert box.placeholder == said("not a digit")
    assert sum(caption.value.endswith(" · " + said("not taught")) for caption in app.caption) == 2


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_teacher_unlocks_and_moderates_in_each_language(open_page, wall, monkeypatch, code):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    shown = wall.submit(np.zeros((28, 28), np.uint8), 1, 0.5, session_id="s", submission_id="shown", nickname="Bo")
    teacher = open_page("pages/teacher.py", {"lang": code})
    teacher.text_input(key="teacher_key").set_value(TEACHER_KEY)
    teacher.button(key="teacher_unlock_button").click().run()
    assert not teacher.exception and teacher.selectbox(key="teacher_wall_language")  # unlocked: the controls are shown
    teacher.button(key=f"teacher_remove_{shown.id}").click().run()  # removed, with an undo
    assert wall.submissions() == [] and teacher.button(key="teacher_undo_removal")
    english = [text for text in _said(teacher) if ENGLISH.search(re.sub(r"\(.*?\)|`.*?`|https?://\S+", "", text))]
    assert english == [], f"English left on the Teacher's page in {code}: {english[:5]}"


def test_the_dataset_maps_words_join_their_pairs_the_french_way(open_page):
    app = open_page("pages/dataset.py", {"lang": "fr"})
    [said] = [caption.value for caption in app.caption if caption.value.startswith("En mots")]
    assert re.search(r"sont \d et \d\u00a0; \d et \d\u00a0; \d et \d\.$", said), said  # a space before the semicolon


@pytest.mark.skipif("de" not in language.available(), reason="no German catalog compiled")
def test_the_metrics_tables_write_their_numbers_the_german_way(open_page):
    app = open_page("pages/metrics.py", {"lang": "de"})
    cells = [cell for table in app.table for cell in table.value.to_numpy().ravel()]
    fractions = [cell for cell in cells if isinstance(cell, float) and cell == cell and not cell.is_integer()]  # (NaN: empty)
    assert fractions == [], f"numbers left for the browser to write in English: {fractions[:5]}"
    firsts = {table.value.columns[0] for table in app.table}  # the search's, the report's and the provenance's tables too
    assert {"gespeicherte Kopien", "Merkmale", "Modell", "Konfiguration", "was"} <= firsts, firsts
    assert any(isinstance(cell, str) and re.fullmatch(r"\d+,\d\d\u00a0%", cell) for cell in cells)  # e.g. 99,41 %


@pytest.mark.skipif("de" not in language.available(), reason="no German catalog compiled")
def test_a_drawing_is_read_out_in_german(open_page, mnist):
    app = open_page("pages/draw.py", {"lang": "de"})
    upload(app, png(redraw(mnist[2][0], "paper")))
    reads_as = language.catalog("de").gettext("Reads as")
    assert app.metric[0].label == reads_as != "Reads as" and app.metric[0].value == str(mnist[3][0])


@pytest.mark.skipif("es" not in language.available(), reason="no Spanish catalog compiled")
def test_the_picker_changes_the_tabs_language_and_the_address_keeps_it(open_page):
    app = open_page("pages/metrics.py")
    assert app.title[0].value == "Metrics"
    app.selectbox(key="language_picker").set_value("es").run()
    assert app.title[0].value == language.catalog("es").gettext("Metrics") and app.query_params["lang"] == "es"
    reloaded = open_page("pages/metrics.py", {"lang": "es"})  # a reload: a new session, the same address
    assert reloaded.title[0].value == language.catalog("es").gettext("Metrics")


def test_an_unknown_language_in_the_address_falls_back_to_english(open_page):
    app = open_page("pages/dataset.py", {"lang": "xx"})
    assert app.title[0].value == "Dataset" and app.query_params["lang"] == "en"


@pytest.mark.skipif("de" not in language.available(), reason="no German catalog compiled")
def test_the_teacher_chooses_the_walls_language_and_only_the_wall_speaks_it(open_page, wall, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    teacher = open_page("pages/teacher.py")
    teacher.text_input(key="teacher_key").set_value(TEACHER_KEY)
    teacher.button(key="teacher_unlock_button").click().run()
    chooser = teacher.selectbox(key="teacher_wall_language")
    assert chooser.index == 0 and chooser.options[0] == "Each screen's own language"  # shown as chosen, not "Choose an option"
    chooser.set_value("de").run()
    assert wall.language() == "de" and teacher.title[0].value == "Teacher"  # the Teacher's own screen stays English
    teacher.selectbox(key="teacher_wall_language").set_value("each").run()
    assert wall.language() is None  # back to each screen's own
    teacher.selectbox(key="teacher_wall_language").set_value("de").run()
    projector = open_page("pages/class_wall.py")  # an English browser on the projector
    assert projector.title[0].value == language.catalog("de").gettext("Class wall") and projector.session_state[SHOWN] == "de"
    projector.switch_page("pages/dataset.py").run()  # the reader's own language again off the wall
    assert projector.title[0].value == "Dataset"
    wall.set_language(None)
    assert open_page("pages/class_wall.py").title[0].value == "Class wall"


def test_a_wall_language_the_database_cannot_keep_is_said_on_the_teachers_page(open_page, wall, monkeypatch):
    def gone(self, code):
        raise ClassroomError("The class database cannot be reached.")

    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    monkeypatch.setattr(ClassWall, "set_language", gone)
    teacher = open_page("pages/teacher.py")
    teacher.text_input(key="teacher_key").set_value(TEACHER_KEY)
    teacher.button(key="teacher_unlock_button").click().run()
    teacher.selectbox(key="teacher_wall_language").set_value("de").run()
    assert not teacher.exception and "cannot be reached" in teacher.error[0].value
    assert wall.language() is None and teacher.selectbox(key="teacher_wall_language").value == "each"  # as stored
