"""Classroom pages with AppTest: My drawings, the class wall, and sending and teaching from Draw & Predict."""

import numpy as np

from mnist_knn.classroom.drawings import MEMORY_LIMIT, DrawingStore
from mnist_knn.storage.records import own_example_rule
from mnist_knn.ui.state import STUDENT, TOKEN_PARAMETER
from tests.app.conftest import announced, png, straight_stroke, upload, upload_on_paper


def _button(app, label: str):
    return next(button for button in app.button if button.label == label)


def _digit_meant(app):
    """The '0-9' pills for the digit meant (one set per drawing: its key names the drawing)."""
    return next(pills for pills in app.pills if (pills.key or "").startswith("draw_wall_meant_"))


def _smiley() -> np.ndarray:
    import cv2

    paper = np.full((280, 280), 235, np.uint8)
    cv2.circle(paper, (140, 140), 110, 20, 14)
    for x in (100, 180):
        cv2.circle(paper, (x, 105), 12, 20, -1)
    cv2.ellipse(paper, (140, 155), (60, 40), 0, 20, 160, 20, 14)
    return paper


def test_my_drawings_survive_the_session_and_export_and_clear(open_page, mnist, classroom_database):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/my_drawings.py")
    assert "No drawings yet" in app.info[0].value
    assert not any("button below" in caption.value for caption in app.caption)  # there is none yet
    app.switch_page("pages/draw.py").run()
    upload_on_paper(app, X_test[0])
    upload_on_paper(app, X_test[1], "second.png")  # a second upload: a second drawing
    token = app.session_state[STUDENT]
    assert app.query_params[TOKEN_PARAMETER] == token  # in the address: a reload brings it back
    assert [d.predicted for d in DrawingStore(classroom_database).drawings(token)] == [y_test[0], y_test[1]]
    app.switch_page("pages/my_drawings.py").run()
    assert app.metric[0].value == "2 of 2" and len(app.get("download_button")) == 2
    assert any(caption.value.endswith("or now with the button below.") for caption in app.caption)
    # the address finds them, whoever opens it: the page said "nobody else sees them"
    assert any("anyone who opens this tab's address sees them, so don't share it." in caption.value for caption in app.caption)
    assert not any(button.label == "Clear my drawings" for button in app.button)  # a tap on it asks first, deleting nothing
    assert any(text.value.startswith("Delete your 2 drawings, and what they taught the model") for text in app.markdown)
    app.button(key="drawings_clear").click().run()  # "Yes, delete them"
    assert "No drawings yet" in app.info[0].value and DrawingStore(classroom_database).drawings(token) == []


def test_correcting_a_label_in_my_drawings_is_kept(open_page, classroom_database):
    app = open_page("pages/my_drawings.py")
    store, token = DrawingStore(classroom_database), app.session_state[STUDENT]
    digit = straight_stroke()
    store.record(token, "canvas-1", digit, 1, 0.9, False)
    store.record(token, "canvas-2", digit, 7, 0.5, False)
    app.run()
    assert app.metric[0].value == "2 of 2"
    still = [caption.value for caption in app.caption if "still the model's own reading" in caption.value]
    assert still == ["2 labels are still the model's own reading, so they count as read right: pick the digit you meant "
                     "where it is not."]  # "2 of 2" before any label is picked: said to be the model's own word
    first, second = store.drawings(token)
    assert [box.label for box in app.main.selectbox] == ["Your label for drawing 1", "Your label for drawing 2"]
    assert [(box.value, box.placeholder) for box in app.main.selectbox] == [(None, "1"), (None, "7")]  # "not taught":
    assert sum(caption.value.endswith(" · not taught") for caption in app.caption) == 2  # in full, not cut in a box
    assert [image.proto.imgs[0].alt for image in app.main.get("image")] == ["Drawing 1, read as 1", "Drawing 2, read as 7"]
    app.selectbox(key=f"drawings_label_{second.id}").set_value(1).run()  # the student picks 1 for the second drawing
    assert not app.exception and app.metric[0].value == "1 of 2"
    assert any(caption.value.startswith("1 label is still the model's own reading") for caption in app.caption)
    assert [(d.predicted, d.label) for d in store.drawings(token)] == [(1, 1), (7, 1)]
    assert app.selectbox(key=f"drawings_label_{second.id}").value == 1
    assert [caption.value.split(" · ")[-1] for caption in app.caption if " · " in caption.value] == ["not taught", "✓ taught"]
    app.selectbox(key=f"drawings_label_{first.id}").set_value(1).run()  # the digit it was read as: taught all the same
    assert [d.taught for d in store.drawings(token)] == [True, True] and app.metric[0].value == "1 of 2"
    assert not any("still the model's own reading" in caption.value for caption in app.caption)


def test_a_smiley_is_not_a_digit_everywhere(open_page, wall):
    app = open_page("pages/draw.py")
    upload(app, png(_smiley()), "smiley.png")
    box = app.get("flex_container")  # the prediction container holds "Not a digit" and why, and no "How sure"
    assert app.metric[0].value == "Not a digit"
    assert any("does not look like a digit I know" in warning.value for warning in app.warning)
    assert not any("How sure" in caption.value for caption in app.caption) and box
    assert "The vote, were it a digit" in [header.value for header in app.header]  # not a verdict for a digit
    _digit_meant(app).set_value(0).run()
    _button(app, "Send: I meant 0").click().run()
    [sent] = wall.submissions()
    assert sent.not_a_digit and sent.matched is None  # on the wall, marked, and no misread in the class accuracy
    app.switch_page("pages/class_wall.py").run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Class accuracy"] == "–" and metrics["Drawings"] == "1"
    assert ":orange[not a digit]" in [shown.value for shown in app.markdown]  # the verdict in words (a "?" read as "not said")
    app.switch_page("pages/my_drawings.py").run()
    assert any(markdown.value == "read as **not a digit**" for markdown in app.markdown)
    assert app.metric[0].value == "0 of 1"  # the student meant 0; then says "not a digit", which the refusal agrees with:
    label = next(box for box in app.selectbox if (box.key or "").startswith("drawings_label_"))  # its one drawing's box
    assert label.set_value("not a digit").run().metric[0].value == "1 of 1"


def test_send_to_wall_keeps_the_nickname_and_the_wall_shows_it(open_page, mnist, wall):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/draw.py")
    upload_on_paper(app, X_test[0])
    app.text_input(key="draw_wall_nickname").set_value(" Sam  Lee").run()  # only spacing differs: nothing to say
    assert not any("Shown on the wall" in caption.value for caption in app.caption)
    app.text_input(key="draw_wall_nickname").set_value("<b>Ada</b>").run()  # Enter in the box: nothing is sent
    assert wall.submissions() == [] and _button(app, "Send without saying which digit")
    assert any(caption.value.startswith("Shown on the wall as: bAdab") for caption in app.caption)  # said before it is sent
    _digit_meant(app).set_value(int(y_test[0])).run()
    _button(app, f"Send: I meant {y_test[0]}").click().run()
    assert not app.exception and "On the class wall" in app.success[0].value
    assert "On the class wall" in app.toast[0].value  # in sight on a phone, where Send is at the screen's foot, and said
    # by a screen reader, after the answer (the box above, drawn anew, may not be read out; the toast is kept from it)
    before = announced(app)
    assert before["text"].endswith(". On the class wall. Draw another one!")
    app.run()  # a rerun says nothing new: the box under Send still says it, and the announcer's words are the same
    assert "On the class wall" in app.success[0].value and not app.toast
    assert {**announced(app), "run": 0} == {**before, "run": 0}
    [stored] = wall.submissions()
    assert (stored.nickname, stored.intended, stored.predicted) == ("bAdab", y_test[0], y_test[0])
    _button(app, f"Send: I meant {y_test[0]}").click().run()  # pressed twice: stored once
    assert len(wall.submissions()) == 1
    app.switch_page("pages/class_wall.py").run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"Class accuracy": "100\u00a0%", "Drawings": "1", "Wall": "open"}
    assert [subheader.value for subheader in app.subheader] == ["bAdab"]  # the tile's one heading, its name ...
    assert f":green[✓ {y_test[0]}]" in [markdown.value for markdown in app.markdown]  # ... and its verdict
    assert not any("None" in markdown.value for markdown in app.markdown)
    app.switch_page("pages/draw.py").run()
    upload_on_paper(app, X_test[1], "next.png")
    assert app.text_input(key="draw_wall_nickname").value == "<b>Ada</b>"  # kept across pages for the session


def test_a_closed_wall_refuses_with_a_message(open_page, mnist, wall):
    wall.set_open(False)
    app = open_page("pages/draw.py")
    upload_on_paper(app, mnist[2][0])
    _button(app, "Send without saying which digit").click().run()
    assert "closed" in app.warning[-1].value and wall.submissions() == []


def test_learning_from_the_class_adds_its_drawings_to_the_neighbors(open_page, mnist, wall):
    digit, y_test = mnist[2][0], mnist[3]
    wrong_label = (int(y_test[0]) + 1) % 10  # a label only the class memory can explain
    for copy in range(6):
        wall.submit(digit, int(y_test[0]), 1.0, session_id=f"s{copy}", submission_id=f"copy-{copy}", intended=wrong_label)
    app = open_page("pages/draw.py")
    upload(app, png(digit))
    assert app.metric[0].value == str(y_test[0])
    app.toggle(key="draw_learn").set_value(True).run()
    assert not app.exception and app.metric[0].value == str(wrong_label)  # six copies, labelled by the class, outvote MNIST
    assert any("Learning from the class: 6 drawings with the digit" in caption.value for caption in app.caption)
    assert "How sure: not known, as the class's drawings vote too" in [caption.value for caption in app.caption]
    assert not any("Each of yours counts" in caption.value for caption in app.caption)  # the class's count once each
    app.toggle(key="draw_learn").set_value(False).run()
    assert app.metric[0].value == str(y_test[0])


def test_an_unreachable_database_is_a_message_and_drawing_still_works(open_page, mnist, monkeypatch):
    monkeypatch.setenv("MNIST_KNN_DB", "postgresql+psycopg://teacher:hunter2@127.0.0.1:1/classroom")
    app = open_page("pages/class_wall.py")
    assert "cannot be opened" in app.error[0].value and "hunter2" not in app.error[0].value
    app.switch_page("pages/draw.py").run()
    upload_on_paper(app, mnist[2][0])
    assert app.metric[0].value == str(mnist[3][0])  # the prediction does not depend on the database
    assert any("Not kept in My drawings" in caption.value and "hunter2" not in caption.value for caption in app.caption)
    app.toggle(key="draw_learn").set_value(True).run()
    assert not app.exception and "cannot be opened" in app.error[0].value
    _button(app, "Send without saying which digit").click().run()
    assert not app.exception and any("cannot be opened" in error.value for error in app.error)
    app.switch_page("pages/how_knn.py").run()  # the test digits still explain KNN; the student's own cannot be read
    assert not app.exception and any("cannot be opened" in warning.value for warning in app.warning)
    assert app.selectbox(key="how_digit").options[0] != "my latest drawing"
    app.switch_page("pages/my_drawings.py").run()
    assert not app.exception and "cannot be opened" in app.error[0].value and "hunter2" not in app.error[0].value


def test_the_digit_meant_labels_my_drawings_goes_to_the_wall_and_teaches_only_me(open_page, mnist, wall, classroom_database):
    X_test, y_test = mnist[2], mnist[3]
    read, meant = int(y_test[0]), (int(y_test[0]) + 1) % 10
    app = open_page("pages/draw.py")
    upload_on_paper(app, X_test[0])
    assert app.metric[0].value == str(read)
    _digit_meant(app).set_value(meant).run()  # one tap: the label, the lesson and what Send sends
    assert app.metric[0].value == str(meant)  # the same page reads it again, with what it was just taught
    assert any("You taught it this very drawing" in caption.value for caption in app.caption)
    [kept] = DrawingStore(classroom_database).drawings(app.session_state[STUDENT])
    assert (kept.label, kept.taught, kept.predicted) == (meant, True, read)  # read as before it was taught
    _button(app, f"Send: I meant {meant}").click().run()
    said = f"On the wall it reads as {read}: the wall shows the model's own vote, without anyone's taught drawings."
    assert app.success[0].value.endswith(said) and announced(app)["text"].endswith(said)  # it showed "✗ 7, meant 8", unsaid
    [sent] = wall.submissions()
    assert (sent.intended, sent.predicted, sent.matched) == (meant, read, False)  # misread, on the wall ...
    app.switch_page("pages/my_drawings.py").run()
    assert app.metric[0].value == "0 of 1"  # ... and in My drawings, which lists what was taught
    assert any(caption.value.startswith(f"You have taught it 1 drawing (one {meant}); ") for caption in app.caption)
    app.switch_page("pages/how_knn.py").run()  # its nearest is now the drawing taught: no training digit to move onto it
    assert not app.exception and app.selectbox(key="how_digit").value == "my latest drawing"
    [said] = [info.value for info in app.info if " that vote " in info.value]  # the one drawing taught, and its pen copies
    assert 1 <= int(said.split()[0]) <= 3 and "a bolder" in said and "drawings you taught" not in said  # one drawing
    other = open_page("pages/draw.py")  # another student: a session of their own
    upload_on_paper(other, X_test[0])
    assert other.metric[0].value == str(read)


def test_the_wall_shows_the_models_reading_not_one_taught_by_its_sender(open_page, mnist, wall):
    """A student who taught a 7 as an 8 sends the same 7 again: it reads 8 for them, and the wall says the model reads 7."""
    X_test, y_test = mnist[2], mnist[3]
    read, meant = int(y_test[0]), (int(y_test[0]) + 1) % 10
    app = open_page("pages/draw.py")
    upload_on_paper(app, X_test[0])
    _digit_meant(app).set_value(meant).run()  # taught
    upload_on_paper(app, X_test[0], name="again.png")  # a new drawing, read with what it was taught
    assert app.metric[0].value == str(meant)
    captions = [caption.value for caption in app.caption]
    assert "How sure: not known, as your own drawings vote too" in captions  # calibrated on MNIST alone
    assert announced(app)["text"].startswith(f"Reads as {meant}. How sure: not known, as your own drawings vote too.")  # said
    times = round(own_example_rule()[1])
    if app.radio(key="draw_weights").value == "distance":  # the very drawing, at a distance of 0: the vote is all its own
        assert any("at a distance of 0 it outweighs every other vote" in caption for caption in captions), captions
    assert any(f"Each of yours counts {times} times in the vote." in caption for caption in captions)  # the shares add up
    [strip] = [html.proto.body for html in app.get("html") if f"{meant} (yours)" in html.proto.body]  # one drawing taught:
    assert strip.count(f"<figcaption>{meant} (yours)<br>") == 1  # shown once as drawn (a teacher saw two "1 (yours)"),
    assert f"{meant} (yours, bolder pen)" in strip or f"{meant} (yours, finer pen)" in strip  # and its copies named so
    _digit_meant(app).set_value(meant).run()
    _button(app, f"Send: I meant {meant}").click().run()
    said = f"On the wall it reads as {read}: the wall shows the model's own vote, without anyone's taught drawings."
    assert app.success[0].value.endswith(said) and announced(app)["text"].endswith(said)  # it showed "✗ 7, meant 8", unsaid
    [sent] = wall.submissions()
    assert (sent.intended, sent.predicted, sent.matched) == (meant, read, False)
    assert sent.confidence > 0.5  # the model's own "how sure" (a reading with a student's examples has none)


def test_a_label_my_drawings_cannot_keep_is_said_and_its_box_goes_back(open_page, classroom_database):
    app = open_page("pages/my_drawings.py")
    store, token = DrawingStore(classroom_database), app.session_state[STUDENT]
    digit = straight_stroke()
    for number in range(MEMORY_LIMIT + 1):
        store.record(token, f"canvas-{number}", digit, 1, 0.9, False)
    *taught, last = store.drawings(token)
    for drawing in taught:
        store.set_label(token, drawing.id, 1)  # a full memory
    app.run()
    app.selectbox(key=f"drawings_label_{last.id}").set_value(7).run()
    assert not app.exception and "Your label was not saved. Your memory is full" in app.error[0].value
    assert app.selectbox(key=f"drawings_label_{last.id}").value is None  # back to what it showed: 1, not taught
    assert store.drawings(token)[-1].label == 1
