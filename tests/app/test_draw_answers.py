"""The draw page's answer to drawings out of the ordinary: unlike the digits it learned from, blank, refused twice over."""

import numpy as np
import pytest

from tests.app.conftest import announced, png, upload
from tests.drawing import on_printed_paper, redraw


def test_a_digit_unlike_those_it_learned_from_reads_with_a_warning_and_no_how_sure(open_page, mnist):
    app = open_page("pages/draw.py")
    for index in range(60):  # the first test digits, uploaded, until one lies farther from the digits than 99 % of them
        upload(app, png(redraw(mnist[2][index], "paper")), f"{index}.png")
        if any("looks unlike the digits I learned from" in warning.value for warning in app.warning):
            break
    else:
        pytest.fail("none of the first 60 test digits, uploaded, looked unlike the digits the model learned from")
    digit = app.metric[0].value
    assert digit.isdigit()  # read as a digit, not refused, ...
    not_known = "How sure: not known for a drawing this unlike the digits I learned from"
    assert [caption.value for caption in app.caption if caption.value.startswith("How sure")] == [not_known]  # ... no number
    assert announced(app)["text"] == f"Reads as {digit}. {not_known}."  # (it said "5, 99 % sure" of a digit unlike them)
    app.switch_page("pages/how_knn.py").run()  # the same drawing explained: no chance there either, and why
    assert not_known in [caption.value for caption in app.caption]


def test_a_blank_photo_is_told_it_has_no_digit_and_a_photo_after_it_is_read(open_page, mnist):
    app = open_page("pages/draw.py")
    upload(app, png(np.full((300, 400, 3), 236, np.uint8)), "blank.png")  # a photo of empty paper
    assert [warning.value for warning in app.warning] == [
        "No digit found in this image: it is blank, or its ink too faint to tell from the paper. Try a photo of dark ink on "
        "light paper, with the digit large in the picture."]  # it showed "Choose a photo ...", as if nothing was uploaded
    assert not app.info and not app.metric
    upload(app, png(redraw(mnist[2][0], "paper")))
    assert not app.warning and app.metric[0].value == str(mnist[3][0])


def test_a_drawing_refused_for_two_reasons_says_both_in_one_alert(open_page):
    import cv2

    bar = np.full((280, 280), 235, np.uint8)
    cv2.line(bar, (60, 60), (220, 60), 20, 20)  # a 7's first stroke: wider than tall, and nearest to things no digit
    app = open_page("pages/draw.py")
    upload(app, png(bar), "bar.png")
    assert app.metric[0].value == "Not a digit"
    [said] = [warning.value for warning in app.warning]  # two alerts at once interrupted each other
    assert "much wider than tall" in said and "does not look like a digit I know" in said


def test_photos_of_digits_on_ruled_and_squared_paper_are_read(open_page, mnist):
    app = open_page("pages/draw.py")
    read = []
    for index in range(6):  # the page's lines were ink too: every one was "Not a digit", the digit a dot in the page
        upload(app, png(on_printed_paper(mnist[2][index], ("ruled", "squared")[index % 2], tilt=1.0 + index / 3)), f"{index}.png")
        read.append(app.metric[0].value)
    assert "Not a digit" not in read
    assert sum(value == str(digit) for value, digit in zip(read, mnist[3][:6])) >= 5, read
