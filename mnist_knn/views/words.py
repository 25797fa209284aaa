"""Pictures in words: the sentences that say what a vote, a row of digits or a wall tile shows, for screen readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from mnist_knn.classroom.wall import Submission

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def _number(count: int) -> str:
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else f"{count:,}"


def counted_digits(labels: Iterable[int]) -> str:
    """How many of each digit, most first: "eleven 7s, three 1s, one 9"."""
    counts = Counter(int(label) for label in labels)
    return ", ".join(f"{_number(count)} {digit}{'s' if count > 1 else ''}"
                     for digit, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def neighbors_in_words(labels: Iterable[int], voted: int) -> str:
    """The neighbour strip: "15 nearest: eleven 7s, three 1s, one 9; the 6 nearest voted"."""
    labels = list(labels)
    voters = "the nearest one voted" if voted == 1 else f"the {voted} nearest voted"
    return f"{len(labels)} nearest: {counted_digits(labels)}; {voters}"


def vote_in_words(shares: np.ndarray) -> str:
    """The vote, biggest share first, digits with no share left out: "7: 83 %, 1: 17 %"."""
    shares = np.asarray(shares, dtype=float)
    order = sorted((digit for digit in range(len(shares)) if round(shares[digit] * 100)), key=lambda digit: -shares[digit])
    return ", ".join(f"{digit}: {shares[digit]:.0%}".replace("%", " %") for digit in order) or "no votes"


def whose_drawing(drawing: Submission) -> str:
    """A wall drawing named for a button: "Sam's 7" (or "Sam's drawing" when it was read as not a digit)."""
    return f"{drawing.nickname or 'someone'}'s {'drawing' if drawing.not_a_digit else drawing.predicted}"


def tile_in_words(drawing: Submission) -> str:
    """A wall tile: "Sam meant 7, read 7" (or "someone, digit not said, read not a digit")."""
    said = f" meant {drawing.intended}" if drawing.intended is not None else ", digit not said"
    return f"{drawing.nickname or 'someone'}{said}, read {'not a digit' if drawing.not_a_digit else drawing.predicted}"
