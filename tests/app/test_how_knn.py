"""How KNN works with AppTest: its steps, k flipping the answer, and a student's own drawing, digit or not."""

import re

import numpy as np

from tests.app.conftest import announced, png, upload, upload_on_paper

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]  # how counted_digits counts


def test_how_knn_works_before_anything_is_drawn_and_k_flips_the_prediction(open_page):
    app = open_page("pages/how_knn.py")
    example = app.selectbox(key="how_digit").value
    assert " that k = " in example and " reads as " in example  # named after what it shows: "a 4 that k = 1 reads as 9"
    predictions = set()
    for k in range(1, 11):
        app.slider(key="how_k").set_value(k).run()
        predictions.add(app.metric[0].value)
        [vote] = [caption.value for caption in app.caption if caption.value.startswith("The vote of its")]
        # beside the answer, in sight of k (the vote's own section is far below on a phone), with the vote's own words
        assert vote.startswith("The vote of its nearest: " if k == 1 else f"The vote of its {k} nearest: "), vote
        [bars] = re.findall(r'aria-label="The vote: ([^"]*)"', " ".join(html.proto.body for html in app.get("html")))
        assert vote.endswith(f": {bars}"), (vote, bars)  # the same vote as the bars far below
    assert len(predictions) > 1, "the examples are chosen so that k changes the answer"
    app.slider(key="how_k").set_value(1).run()  # one neighbour: no vote to weigh, one "how sure" for every reading
    assert "The nearest alone decides (k = 1)." in [markdown.value for markdown in app.markdown]
    assert any("the same for every reading, right or wrong" in caption.value for caption in app.caption)
    [in_words] = [caption.value for caption in app.caption if caption.value.startswith("In words: k = 1")]
    assert ";" in in_words  # the chart of the prediction for each k, in words: where it flips
    assert len(app.get("plotly_chart")) == 3  # the map, where it stands among real digits, the prediction for each k
    assert any("The textbook KNN" in markdown.value for markdown in app.markdown)  # the raw-pixel KNN beside the model,
    said = " ".join(markdown.value for markdown in app.markdown)  # each with its own k, said
    assert "with the k chosen above (1)" in said and "with the k of those tutorials (4)" in said
    steps = [heading.value for heading in app.header]  # h2 headings, which a screen reader lists (bold text, before)
    assert [step.split(". ")[0] for step in steps] == list("1234567"), steps


def _capital_a() -> np.ndarray:
    import cv2

    paper = np.full((280, 280), 235, np.uint8)
    for start, end in (((60, 260), (140, 20)), ((140, 20), (220, 260)), ((95, 160), (185, 160))):
        cv2.line(paper, start, end, 20, 14)
    return paper


def test_how_knn_shows_the_students_own_drawing_and_why_one_is_not_a_digit(open_page, mnist):
    X_test, y_test = mnist[2], mnist[3]
    app = open_page("pages/draw.py")
    upload_on_paper(app, X_test[0])
    app.switch_page("pages/how_knn.py").run()
    assert app.selectbox(key="how_digit").value == "my latest drawing"
    assert app.metric[0].value == str(y_test[0])
    app.switch_page("pages/draw.py").run()
    upload(app, png(_capital_a()), "letter.png")
    assert app.metric[0].value == "Not a digit"
    app.switch_page("pages/how_knn.py").run()
    assert app.metric[0].value == "Not a digit"
    assert any("searches them beside the digits" in markdown.value for markdown in app.markdown)
    assert any("nearest things that are not digits" in caption.value for caption in app.caption)
    said = [text.value for kind in (app.header, app.markdown, app.caption) for text in kind]
    assert "5. The vote, were it a digit" in said  # never "the vote" as if a letter were read as a digit
    k = app.slider(key="how_k").value
    assert any(text.startswith(f"Were it a digit, its {k} nearest would vote: ") for text in said)  # under its answer too
    assert not any(text.startswith("The vote of its") for text in said)
    assert {"**This drawing among real digits**", "**This drawing among training digits (the model's space, flattened to "
            "2-D)**"} <= set(said) and not any("This digit" in text for text in said)
    assert any(text.endswith("yet it answers: not a digit.") for text in said)  # the textbook KNN has no such answer
    assert any(text.endswith("the line shows what the vote would say.") for text in said)  # k changes no refusal
    assert announced(app)["text"] == "Reads as: not a digit."
    app.slider(key="how_k").set_value(1).run()  # each k was said alike, "Reads as: not a digit."
    assert re.fullmatch(r"Reads as: not a digit\. Were it a digit, the vote would say \d \(k = 1, distance\)\.",
                        announced(app)["text"])


def test_the_map_is_said_in_words(open_page):
    app = open_page("pages/how_knn.py")
    [in_words] = [caption.value for caption in app.caption if caption.value.startswith("In words: the 20 dots nearest")]
    counts = re.findall(r"(\w+) (\d)s?\b", in_words.split(" are ", 1)[1])  # "twelve 8s, five 3s, one 5": 20 in all
    assert sum(WORDS.index(count) if count in WORDS else int(count) for count, __ in counts) == 20


def test_a_drawing_on_the_class_wall_can_be_shown_to_the_class(open_page, mnist, wall):
    X_test, y_test = mnist[2], mnist[3]
    for index in (1, 2):  # two of "someone's ..." in one second
        wall.submit(X_test[index], int(y_test[index]), 0.9, session_id=f"s{index}", submission_id=f"sent-{index}",
                    now=1_800_000_000.0)
    wall.submit(X_test[0], int(y_test[0]), 0.9, session_id="s", submission_id="ozlem", nickname="Özlem", intended=1)
    wall.submit(X_test[3], int(y_test[3]), 0.0, session_id="t", submission_id="lena", nickname="Lena", not_a_digit=True)
    app = open_page("pages/how_knn.py")
    box = app.selectbox(key="how_digit")
    wall_choices = [choice for choice in box.options if choice.endswith(", on the class wall")]
    assert len(wall_choices) == 4, box.options  # each its own, however alike their names
    assert wall_choices[0].startswith("Lena's drawing (")  # the newest first
    assert wall_choices[1].startswith("Özlem's 1 (")  # named by the digit she meant, as the Teacher's buttons name it
    box.set_value("wall-ozlem").run()  # (a wall drawing's choice is its id, shown by its name)
    assert app.metric[0].value == str(y_test[0])  # read as the wall read it: the model's own answer
    app.selectbox(key="how_digit").set_value("wall-lena").run()
    assert app.metric[0].value == "Not a digit"  # a clear digit, but called not a digit on its canvas: it stays so
    wall.remove("lena")
    app.run()
    assert app.info[0].value == "The drawing shown before is no longer on the class wall."  # not another one, unsaid
    assert not any(choice.startswith("Lena") for choice in app.selectbox(key="how_digit").options)
