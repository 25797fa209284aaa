"""Pictures as HTML with words: captions are page text, each picture says what it shows, user text stays text."""

import base64
import re

import cv2
import numpy as np

from mnist_knn import language
from mnist_knn.classroom.wall import Submission
from mnist_knn.views.pictures import digit_strip, stages_picture, vote_bars
from mnist_knn.views.words import counted_digits, neighbors_in_words, tile_in_words, vote_in_words, whose_drawing

DIGIT = np.zeros((28, 28), np.uint8)


def test_a_strip_has_one_image_per_digit_its_captions_as_text_and_one_sentence_for_screen_readers():
    strip = digit_strip([DIGIT] * 7, [f"{n}\ndistance 1.{n}" for n in range(7)], "7 nearest: seven 0s", highlighted=3,
                        side=56).html
    assert strip.count("<img") == 7 and strip.count('alt=""') == 7  # the captions and the summary say it
    assert strip.count("dl-voted") == 3
    assert "3<br>distance 1.3" in strip  # two caption lines, as text a phone wraps and a screen can enlarge
    assert re.search(r'role="group" aria-label="7 nearest: seven 0s"', strip)  # named, its captions still read out
    assert strip.count("width:56px") == 14  # each figure and its image


def test_a_strip_s_figures_carry_the_ids_a_click_chooses_by_as_whole_numbers_only():
    strip = digit_strip([DIGIT] * 3, ["a", "b", "c"], "three", ids=[447, 12, 9]).html
    assert re.findall(r'<figure class="dl-cell" data-id="(\d+)"', strip) == ["447", "12", "9"]  # in the strip's order
    assert "data-id" not in digit_strip([DIGIT], ["a"], "one").html


def test_text_from_outside_is_escaped():
    strip = digit_strip([DIGIT], ['<script>alert("x")</script>'], 'a "quoted" <b>summary</b>').html
    assert "<script>" not in strip and "&lt;script&gt;" in strip
    assert 'aria-label="a &quot;quoted&quot; &lt;b&gt;summary&lt;/b&gt;"' in strip


def test_stages_keep_their_order_and_captions_and_a_large_ink_is_shrunk_by_averaging():
    ink = np.zeros((280, 140), np.uint8)
    ink[:, 60:62] = 255  # a 2-pixel stroke: hard-edged shrinking to 120 px could drop it
    picture = stages_picture([(ink, "1. the ink"), (DIGIT, "2. into 20 px")], "two steps", side=120).html
    assert picture.index("1. the ink") < picture.index("2. into 20 px") and picture.count("<img") == 2
    sent = picture.split('src="')[1].split('"')[0]
    shrunk = cv2.imdecode(np.frombuffer(base64.b64decode(sent.split(",")[1]), np.uint8), cv2.IMREAD_UNCHANGED)
    assert shrunk.shape == (120, 60) and shrunk.max() > 50


def test_the_vote_marks_the_winner_in_bold_as_well_as_in_colour():
    shares = np.zeros(10)
    shares[[1, 7]] = 0.17, 0.83
    bars = vote_bars(shares, 7, f"The vote: {vote_in_words(shares)}").html
    assert bars.count("dl-bar-row") == 10 and bars.count("dl-winner") == 1
    assert re.search(r'dl-winner"><span class="dl-bar-digit">7</span><span class="dl-bar" style="width:66.4%"></span>'
                     r'<span class="dl-bar-share">83\u00a0%</span>', bars)
    assert 'role="img" aria-label="The vote: 7: 83\u00a0%, 1: 17\u00a0%"' in bars  # one image: its rows are no sentence
    assert vote_bars(np.full(10, 0.1), None, "even").html.count("dl-winner") == 0  # no winner: nothing marked


def test_a_close_vote_is_written_with_the_decimal_that_shows_who_won():
    shares = np.zeros(10)
    shares[[4, 6, 8]] = 0.3423, 0.3381, 0.3196  # whole percents read 34 %, 34 %, 32 %: the winner could not be seen
    assert vote_in_words(shares) == "4: 34.2\u00a0%, 6: 33.8\u00a0%, 8: 32.0\u00a0%"
    assert '<span class="dl-bar-share">34.2\u00a0%</span>' in vote_bars(shares, 4, "close").html
    shares[[4, 6, 8]] = 0.34249, 0.34151, 0.316  # one decimal would still read 34.2 % twice
    assert vote_in_words(shares) == "4: 34.25\u00a0%, 6: 34.15\u00a0%, 8: 31.60\u00a0%"
    shares[[4, 6, 8, 1]] = 0.993, 0.004, 0, 0.003  # shares too small to be written do not ask for a decimal
    assert vote_in_words(shares) == "4: 99\u00a0%"


def test_pictures_in_words():
    assert counted_digits([7] * 11 + [1] * 3 + [9]) == "eleven 7s, three 1s, one 9"
    assert counted_digits([2] * 30) == "30 2s"
    assert neighbors_in_words([7, 7, 1], 2) == "3 nearest: two 7s, one 1; the 2 nearest voted"
    assert vote_in_words(np.array([0, 0.004, 0, 0, 0, 0, 0, 0.996, 0, 0])) == "7: 100\u00a0%"  # under half a per cent: left out
    assert vote_in_words(np.zeros(10)) == "no votes"
    assert neighbors_in_words([7], 1) == "1 nearest: one 7; the nearest one voted"
    assert tile_in_words(_sent("Sam", 7, 7)) == "Sam meant 7, read 7"
    assert tile_in_words(_sent("", None, 3)) == "someone, digit not said, read 3"
    assert tile_in_words(_sent("Ali", 4, 9, not_a_digit=True)) == "Ali meant 4, read not a digit"
    assert whose_drawing(_sent("Sam", None, 7)) == "Sam's 7"
    assert whose_drawing(_sent("Özlem", 1, 7)) == "Özlem's 1"  # as she names it: the teacher looks for her 1, read as 7
    assert whose_drawing(_sent("Ali", 4, 9, not_a_digit=True)) == "Ali's 4"
    assert whose_drawing(_sent("", None, 2, not_a_digit=True)) == "someone's drawing"


def _sent(nickname: str, meant: int | None, read: int, not_a_digit: bool = False) -> Submission:
    return Submission(id=1, submission_id="s", session_id="t", nickname=nickname, intended=meant, predicted=read,
                      confidence=0.9, digit=DIGIT, not_a_digit=not_a_digit)


def test_digits_counted_in_german_are_one_word_each(monkeypatch):
    monkeypatch.setattr(language, "current", lambda: "de")
    assert counted_digits([8] * 9 + [5]) == "neunmal die 8, einmal die 5"  # "neun-mal" before
