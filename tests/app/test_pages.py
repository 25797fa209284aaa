"""Every page runs without an exception, and its key interactions work, by widget key."""

import re

import numpy as np
import pytest

from mnist_knn.storage.persistence import default_model_path, read_card
from tests.app.conftest import announced, png, upload
from tests.drawing import redraw


def test_draw_page_starts_with_a_hint(open_page):
    app = open_page("pages/draw.py")
    assert app.title[0].value == "Draw & Predict"
    assert "Draw one digit" in app.info[0].value
    assert not app.metric and not app.header  # no answer, no heading for one


@pytest.mark.parametrize("index", [0, 1, 2])
def test_uploaded_photo_is_read(open_page, mnist, index):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/draw.py")
    upload(app, png(redraw(X_test[index], "paper")))
    assert not app.exception
    assert app.metric[0].label == "Reads as" and app.metric[0].value == str(y_test[index])
    assert any(caption.value.startswith("How sure: ") for caption in app.caption)
    # headings a screen reader jumps between: the answer (before, the first one was "What the model saw"), then sending it
    assert app.header[0].value == "The answer" and app.subheader[0].value == "Send it to the class wall"


def test_the_focus_keeper_runs_on_every_rerun_even_when_the_answer_is_said_the_same(open_page, mnist):
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")))
    before = announced(app)
    app.run()  # as a redrawn widget's rerun, which changes nothing said: a component's script runs only on new data
    after = announced(app)
    assert after["text"] == before["text"] and after["reading"] == before["reading"]  # said once ...
    assert after != before  # ... and focus still kept (an Undo that changed nothing said left it on the page body)


def test_each_way_of_giving_a_digit_says_how_until_one_is_given(open_page):
    app = open_page("pages/draw.py")
    assert app.info[0].value.startswith("Draw one digit, large, in white.")
    app.radio(key="draw_source").set_value("Upload a photo").run()
    assert [box.value for box in app.info] == [
        "Choose a photo or an image file of one handwritten digit: it is read as soon as it is uploaded. **Draw** above "
        "switches back to the canvas."]


def test_the_way_of_giving_a_digit_is_kept_for_the_next_visit_which_gets_a_new_canvas(open_page):
    app = open_page("pages/draw.py")
    first = app.session_state["draw_canvas_generation"]
    app.radio(key="draw_source").set_value("Upload a photo").run()
    assert app.session_state["draw_canvas_generation"] == first  # a rerun on the page keeps its canvas
    app.switch_page("pages/my_drawings.py").run()
    app.switch_page("pages/draw.py").run()
    assert app.radio(key="draw_source").value == "Upload a photo"  # a keyboard's uploader is there again
    assert app.get("file_uploader") and app.session_state["draw_canvas_generation"] == first + 1  # a new visit, a new canvas


def test_a_second_look_that_moved_the_nearest_says_how_many_were_nearer_at_first(open_page, mnist):
    app = open_page("pages/draw.py")
    X_test = mnist[2]
    for index in range(60):  # the first test digits, uploaded, until one's second look brings a farther one to the front
        upload(app, png(redraw(X_test[index], "paper")), f"{index}.png")
        said = [caption.value for caption in app.caption if "took a second look" in caption.value]
        if said and "also the nearest before" not in said[0]:
            break
    else:
        pytest.fail("no drawing of the first 60 test digits moved its nearest in the second look")
    first = app.session_state["draw_search"].neighbors.first_rank[0, 0]  # its place in the first look (0: the nearest)
    nearer = f"{first} other digit was" if first == 1 else f"{first:,} other digits were"
    assert f"In the first look, {nearer} nearer than the one nearest now." in said[0], said  # not "number 10 at first"


def test_slider_and_weighting_vote_again_on_stored_neighbors(open_page, mnist):
    app = open_page("pages/draw.py")
    upload(app, png(redraw(mnist[2][0], "paper")))
    stored = app.session_state["draw_search"]
    app.slider(key="draw_k").set_value(1)
    app.radio(key="draw_weights").set_value("uniform").run()
    assert app.session_state["draw_search"] is stored  # no new search
    assert any(caption.value.startswith("How sure: ") and caption.value.endswith("(k = 1, uniform)") for caption in app.caption)
    assert app.metric[0].value == str(stored.neighbors.labels[0, 0])
    assert any("the nearest one voted" in caption.value for caption in app.caption)


def test_the_stored_chance_belongs_to_the_digit_shown_after_k_changes(open_page, mnist, classroom_database):
    from mnist_knn.classroom.drawings import DrawingStore
    from mnist_knn.reading.diagnostics import chance_in_words
    from mnist_knn.ui.state import STUDENT

    X_test = mnist[2]
    photos = [redraw(X_test[index], "paper") for index in range(200)]
    from mnist_knn import read_drawing

    readings = [read_drawing(photo) for photo in photos]
    # a test digit whose answer (or chance) changes between the model's own vote and k = 1, uniform
    row = next(i for i, reading in enumerate(readings) if not reading.not_a_digit
               and reading.vote(1, "uniform").chance_right != reading.chance_right)
    changed = readings[row].vote(1, "uniform")
    app = open_page("pages/draw.py")
    upload(app, png(photos[row]))
    app.slider(key="draw_k").set_value(1)
    app.radio(key="draw_weights").set_value("uniform").run()
    assert app.metric[0].value == str(changed.digit)
    assert any(caption.value == f"How sure: {chance_in_words(changed.chance_right)} (k = 1, uniform)" for caption in app.caption)
    [kept] = DrawingStore(classroom_database).drawings(app.session_state[STUDENT])
    assert (kept.predicted, kept.chance_right) == (changed.digit, pytest.approx(changed.chance_right))


def test_a_file_that_is_not_an_image_gets_a_message(open_page):
    app = open_page("pages/draw.py")
    upload(app, b"just some text", "notes.png")
    assert not app.exception
    assert "not a readable image" in app.error[0].value
    assert not app.metric


def test_dataset_page_filters_and_pages(open_page):
    app = open_page("pages/dataset.py")
    assert any("60,000 digits match" in caption.value for caption in app.caption)
    others = read_card(default_model_path()).training.n_other_writers_digits  # How KNN works counts them: said here too
    assert any(caption.value.startswith(f"Beside them the model remembers {others:,} digits by other writers")
               for caption in app.caption)
    said = [caption.value for caption in app.caption if caption.value.startswith("In words: the digits whose dots")]
    assert len(said) == 1 and re.search(r"are \d and \d; \d and \d; \d and \d\.$", said[0]), said  # the map, for every reader
    app.radio(key="dataset_split").set_value("test")
    app.multiselect(key="dataset_classes").set_value([3]).run()
    assert any("1,010 digits match" in caption.value for caption in app.caption)
    assert not any(caption.value.startswith("In words") for caption in app.caption)  # one digit: no two clouds
    app.number_input(key="dataset_page").set_value(2).run()
    app.button(key="dataset_shuffle").click().run()
    assert not app.exception and len(app.get("plotly_chart")) == 2  # classes, and the model's own 2-D map
    [counts] = [table.value for table in app.table]  # the chart of classes as a table, for readers who cannot see it
    assert [sum(int(value.replace(",", "")) for value in counts[split]) for split in ("train", "test")] == [60_000, 10_000]


def test_metrics_page_opens_in_words_and_keeps_every_seed_metric_below(open_page, default_model):
    app = open_page("pages/metrics.py")
    wrong = int(app.header[0].value.split()[0])
    assert app.header[0].value == f"{wrong} of 10,000 test digits read wrong" and wrong <= 60  # 99.4 % or better
    headline = {metric.label: metric.value for metric in app.metric[:2]}  # under the MNIST heading: MNIST figures only
    assert headline["Read right"] == f"{1 - wrong / 10_000:.2%}".replace("%", "\u00a0%")
    assert set(headline) == {"Read right", "'How sure' is off by"}
    assert headline["'How sure' is off by"].endswith(" percentage points")  # a difference of shares: not "0.16 %"
    assert float(headline["'How sure' is off by"].split()[0]) <= 1
    assert app.header[1].value == "The digits it confuses most" and "Beyond MNIST's writers" in app.header.values
    synthetic = {metric.label: metric.value for metric in app.metric[2:4]}  # the synthetic open set, under its own heading
    assert app.header.values.index("Shapes drawn by a program") > app.header.values.index("Beyond MNIST's writers")
    assert float(synthetic["Synthetic shapes called 'not a digit'"].rstrip("%")) >= 80
    assert float(synthetic["Re-drawn test digits called 'not a digit'"].rstrip("%")) <= 2
    sentences = [markdown.value for markdown in app.markdown[:3]]  # it opens in three plain sentences, each with its figure
    assert [sentence.split(":**")[0] for sentence in sentences] == ["**MNIST's own writers", "**Other writers",
                                                                    "**Drawings that are not digits"]
    assert all("%" in sentence for sentence in sentences)
    labels = [metric.label for metric in app.metric]
    for expected in ("Precision (weighted)", "Recall (weighted)", "F1 (weighted)", "ROC-AUC (one digit vs the rest)",
                     "Log loss", "Cohen's kappa", "Matthews correlation", "Right digit among the top 2"):
        assert expected in labels
    assert "CV accuracy" in labels or "MNIST hold-out" in labels  # how the model was chosen
    values = {metric.label: metric.value for metric in app.metric}
    assert values["Recall (weighted)"] == values["Read right"]  # the same figure, said as one: weighted recall is accuracy
    assert any(caption.value.startswith("Precision, recall and F1 are each digit's own figure") for caption in app.caption)
    misread = np.array(read_card(default_model_path()).evaluation.confusion_matrix) * (1 - np.eye(10, dtype=int))
    opened = app.selectbox(key="metrics_true").value, app.selectbox(key="metrics_predicted").value
    assert misread[opened] == misread.max() > 0  # the cell of the most mistakes (it opened on an empty one)
    chosen = next(point for point in read_card(default_model_path()).evaluation.operating_curve if point["chosen"])
    said = f"This model's line, {chosen['non_digit_vote']:.0%}, refuses {chosen['digits_refused']:.1%}".replace("%", "\u00a0%")
    assert any(said in caption.value and caption.value.endswith("are on their test splits, which chose nothing.")
               for caption in app.caption)  # "not a digit" as a point on the validation curve; the headline's figures: test
    assert not any("seed" in text.value.lower() for kind in (app.markdown, app.caption, app.header) for text in kind)
    # each chart's numbers as a table under it, for readers who cannot see the chart
    tables = {tuple(table.value.columns): table.value for table in app.table}
    confusion = tables[("true digit", *(f"read as {digit}" for digit in range(10)))]
    assert sum(int(confusion.iloc[digit][f"read as {digit}"].replace(",", "")) for digit in range(10)) == 10_000 - wrong
    assert {("digit", "precision", "recall", "F1"), ("digit", "area under the curve (AUC)"), ("digit", "average precision"),
            ("how sure it said (mean)", "how often it was right", "digits")} <= set(tables)
    searched = tables[("features", "slant removed", "dimensions", "augmentation", "whitening", "k", "voting", "CV accuracy",
                       "± across folds")]  # settings as words and whole numbers: no "True", no "150.0000"
    assert set(searched["slant removed"]) <= {"yes", "no"} and set(searched["dimensions"]) <= {"50", "60", "100", "150", "–"}
    variants = tables[("stored copies", "k", "second look", "MNIST hold-out", "other writers read right", "non-digits caught",
                       "within the limits", "chosen")]
    assert list(variants["chosen"]).count("✓") == 1  # the variant the search chose, marked among the others ...
    representations = tables[("representation", "MNIST hold-out", "other writers read right", "non-digits caught",
                              "within the limits", "chosen")]  # then the representations tried beside it, the same way
    share = lambda text: float(text.rstrip("%"))  # noqa: E731
    for table in (variants, representations):
        [winner] = [row for _, row in table.iterrows() if row["chosen"] == "✓"]
        assert winner["within the limits"] == "✓" and all(  # ... and every row that reads more breaks a limit, said why
            row["within the limits"] != "✓" for _, row in table.iterrows()
            if share(row["other writers read right"]) > share(winner["other writers read right"]))
    broken = {limit for cell in variants["within the limits"] for limit in cell.split(", ")}
    assert {"too big", "MNIST hold-out under 99.4\u00a0%"} <= broken
    beyond = tables[("set", "what it is", "drawings", "read right", "refused as 'not a digit'", "caught as 'not a digit'")]
    assert all((row["read right"] == "–") == (row["refused as 'not a digit'"] == "–") != (row["caught as 'not a digit'"] == "–")
               for _, row in beyond.iterrows())  # a digit set's cost and a non-digit set's gain, each in its own column
    assert any("MNIST's test set was read once on the way" in markdown.value for markdown in app.markdown)
    assert any("the same rule took one: a learned metric" in caption.value and "That is the model built" in caption.value
               for caption in app.caption)  # the representation taken after the search
    assert representations["chosen"].iloc[list(representations["representation"]).index(
        "a learned metric (NCA on 5,000 digits and 500 non-digits)")] == "✓"
    lines = tables[("line", "digits refused", "non-digits caught")]
    [mine] = [row for _, row in lines.iterrows() if row["line"].endswith("(this model)")]
    assert mine["digits refused"] == f"{chosen['digits_refused']:.1%}".replace("%", "\u00a0%")
    app.toggle(key="metrics_normalise").set_value(True).run()
    shares = next(table.value for table in app.table if table.value.columns[0] == "true digit")
    assert all(value.endswith("%") for value in shares.iloc[0][1:])  # the table follows the chart's toggle
    app.selectbox(key="metrics_true").set_value(4)
    app.selectbox(key="metrics_predicted").set_value(9).run()
    assert not app.exception


def test_mistakes_page_filters_from_query_parameters(open_page):
    app = open_page("pages/mistakes.py", {"true": "4", "predicted": "9"})
    assert app.selectbox(key="mistakes_true").value == 4 and app.selectbox(key="mistakes_predicted").value == 9
    assert all("a 4, read as 9" in option for option in app.selectbox(key="mistakes_selected").options)
    surest = app.selectbox(key="mistakes_selected").value
    app.radio(key="mistakes_order").set_value("least sure first").run()
    chosen = app.selectbox(key="mistakes_selected")
    assert chosen.index == 0 and chosen.value != surest  # the least sure one, not the surest kept (then last)
    assert re.fullmatch(r"\d+ mistakes? match(es)?\.", announced(app)["text"])  # the gallery changed: said
    app.selectbox(key="mistakes_true").set_value(1)
    app.selectbox(key="mistakes_predicted").set_value(1).run()
    assert "No mistakes match" in app.info[0].value and announced(app)["text"] == "No mistakes match these filters."
    app.run()
    assert announced(app)["text"] is None  # said once, when the filters changed
