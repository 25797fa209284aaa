"""Classroom pages with AppTest: How KNN works, My drawings, the class wall and sending to it from Draw & Predict."""

import numpy as np
import pytest

from mnist_knn.classroom.wall import ClassWall
from mnist_knn.ui.state import DRAWINGS
from tests.app.conftest import png, upload
from tests.drawing import redraw

TEACHER_KEY = "correct horse battery staple"


@pytest.fixture()
def wall(monkeypatch, tmp_path) -> ClassWall:
    """A fresh SQLite wall that the app under test uses through MNIST_KNN_DB."""
    url = f"sqlite:///{tmp_path / 'class-wall.sqlite3'}"
    monkeypatch.setenv("MNIST_KNN_DB", url)
    return ClassWall(url)


def _upload(app, digit: np.ndarray):
    upload(app, png(redraw(digit, "paper")))
    assert not app.exception, app.exception


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


def test_how_knn_works_before_anything_is_drawn_and_k_flips_the_prediction(open_page):
    app = open_page("pages/how_knn.py")
    assert app.selectbox(key="how_digit").value.startswith("test digit #")  # an example digit, no drawing needed
    predictions = set()
    for k in range(1, 11):
        app.slider(key="how_k").set_value(k).run()
        predictions.add(app.metric[0].value)
    assert len(predictions) > 1, "the examples are chosen so that k changes the answer"
    assert len(app.get("plotly_chart")) == 3  # the map, the vote, the prediction for each k


def test_how_knn_shows_the_students_own_drawing(open_page, mnist):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/draw.py")
    _upload(app, X_test[0])
    app.switch_page("pages/how_knn.py").run()
    assert app.selectbox(key="how_digit").value == "my latest drawing"
    assert app.metric[0].value == str(y_test[0])


def test_my_drawings_lists_exports_and_clears(open_page, mnist):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/my_drawings.py")
    assert "No drawings yet" in app.info[0].value
    app.switch_page("pages/draw.py").run()
    _upload(app, X_test[0])
    _upload(app, X_test[1])  # a second upload: a second drawing
    app.switch_page("pages/my_drawings.py").run()
    drawings = app.session_state[DRAWINGS]
    assert [d.predicted for d in drawings] == [y_test[0], y_test[1]]
    assert app.metric[0].value == "2 of 2"
    exported = [button for button in app.get("download_button")]
    assert len(exported) == 2
    _button(app, "Clear my drawings").click().run()
    assert "No drawings yet" in app.info[0].value and app.session_state[DRAWINGS] == []


def test_send_to_wall_then_the_wall_shows_it(open_page, mnist, wall):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/draw.py")
    _upload(app, X_test[0])
    app.text_input(key="draw_wall_nickname").set_value("<b>Ada</b>")
    app.selectbox(key="draw_wall_meant").set_value(int(y_test[0]))
    _button(app, "Send to class wall").click().run()
    assert not app.exception and "On the class wall" in app.success[0].value
    [stored] = wall.submissions()
    assert (stored.nickname, stored.intended, stored.predicted) == ("bAdab", y_test[0], y_test[0])
    _button(app, "Send to class wall").click().run()  # pressed twice: stored once
    assert len(wall.submissions()) == 1

    app.switch_page("pages/class_wall.py").run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"Drawings": "1", "Class accuracy": "100%", "Wall": "open"}
    table = app.dataframe[0].value
    assert list(table["nickname"]) == ["bAdab"] and list(table["read"]) == [y_test[0]]


def test_a_closed_wall_refuses_with_a_message(open_page, mnist, wall):
    wall.set_open(False)
    app = open_page("pages/draw.py")
    _upload(app, mnist[2][0])
    _button(app, "Send to class wall").click().run()
    assert "closed" in app.warning[-1].value and wall.submissions() == []


def test_learning_from_the_class_adds_its_drawings_to_the_neighbors(open_page, mnist, wall):
    X_test, y_test = mnist[2], mnist[3]
    digit = X_test[0]
    wrong_label = (int(y_test[0]) + 1) % 10  # a label only the class memory can explain
    for copy in range(5):
        wall.submit(digit, int(y_test[0]), 1.0, session_id=f"s{copy}", submission_id=f"copy-{copy}", intended=wrong_label)
    app = open_page("pages/draw.py")
    upload(app, png(digit))
    assert app.metric[0].value == str(y_test[0])
    app.toggle(key="draw_learn").set_value(True).run()
    assert not app.exception
    assert app.metric[0].value == str(wrong_label)  # five exact copies, labelled by the class, outvote the training set
    assert any("Learning from the class: 5 drawing(s)" in caption.value for caption in app.caption)
    app.toggle(key="draw_learn").set_value(False).run()
    assert app.metric[0].value == str(y_test[0])


def test_wall_page_is_live_and_empty_at_first(open_page, wall):
    app = open_page("pages/class_wall.py")
    assert "Nothing on the wall yet" in app.info[0].value
    assert "Teacher controls are off" in app.info[1].value  # no MNIST_KNN_TEACHER_KEY on this server


def test_teacher_closes_opens_and_clears_with_the_key(open_page, wall, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_TEACHER_KEY", TEACHER_KEY)
    wall.submit(np.zeros((28, 28), np.uint8), 1, 0.5, session_id="s", submission_id="one")
    app = open_page("pages/class_wall.py")
    assert not any(button.label == "Clear the wall" for button in app.button)
    app.text_input(key="wall_teacher_key").set_value("guess").run()
    assert "not the teacher key" in app.error[0].value
    app.text_input(key="wall_teacher_key").set_value(TEACHER_KEY).run()
    shown = [element.value for kind in (app.markdown, app.caption, app.info, app.error, app.success) for element in kind]
    assert shown and TEACHER_KEY not in str(shown)
    _button(app, "Close the wall (students cannot send)").click().run()
    assert not wall.is_open()
    _button(app, "Open the wall").click().run()
    assert wall.is_open()
    assert _button(app, "Clear the wall").disabled
    app.checkbox(key="wall_confirm_clear").check().run()
    _button(app, "Clear the wall").click().run()
    assert wall.submissions() == [] and "Removed 1 drawing(s)" in app.success[0].value


def test_correcting_a_label_in_my_drawings_changes_the_history(open_page):
    from mnist_knn.classroom.drawings import record

    digit = np.zeros((28, 28), np.uint8)
    digit[5:20, 12:15] = 255
    app = open_page("pages/my_drawings.py")
    app.session_state[DRAWINGS] = record(record([], "canvas-1", digit, 1, 0.9), "canvas-2", digit, 7, 0.5)
    app.run()
    assert app.metric[0].value == "2 of 2"
    app.session_state["drawings_editor"] = {"edited_rows": {1: {"label": 1}}, "added_rows": [], "deleted_rows": []}
    app.run()  # as if the student picked 1 in the second row's label cell
    assert not app.exception and app.metric[0].value == "1 of 2"
    assert [(d.predicted, d.label) for d in app.session_state[DRAWINGS]] == [(1, 1), (7, 1)]


def test_an_unreachable_wall_database_is_a_message_and_drawing_still_works(open_page, mnist, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_DB", "postgresql+psycopg://teacher:hunter2@127.0.0.1:1/classroom")
    app = open_page("pages/class_wall.py")
    assert "cannot be opened" in app.error[0].value and "hunter2" not in app.error[0].value
    app.switch_page("pages/draw.py").run()
    _upload(app, mnist[2][0])
    app.toggle(key="draw_learn").set_value(True).run()
    assert not app.exception and "cannot be opened" in app.error[0].value
    assert app.metric[0].value == str(mnist[3][0])  # the prediction does not depend on the wall
    _button(app, "Send to class wall").click().run()
    assert not app.exception and any("cannot be opened" in error.value for error in app.error)
