"""Pictures in words: the sentences that say what a vote, a row of digits or a wall tile shows, for screen readers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from mnist_knn.classroom.wall import Submission
from mnist_knn.language import _, ngettext, number, percent, pgettext


def _number_words() -> tuple[str, ...]:
    """How many, as a word, from one to twenty (in the current language)."""
    return (pgettext("how many", "one"), pgettext("how many", "two"), pgettext("how many", "three"),
            pgettext("how many", "four"), pgettext("how many", "five"), pgettext("how many", "six"),
            pgettext("how many", "seven"), pgettext("how many", "eight"), pgettext("how many", "nine"),
            pgettext("how many", "ten"), pgettext("how many", "eleven"), pgettext("how many", "twelve"),
            pgettext("how many", "thirteen"), pgettext("how many", "fourteen"), pgettext("how many", "fifteen"),
            pgettext("how many", "sixteen"), pgettext("how many", "seventeen"), pgettext("how many", "eighteen"),
            pgettext("how many", "nineteen"), pgettext("how many", "twenty"))


def _number(count: int) -> str:
    words = _number_words()
    return words[count - 1] if 0 < count <= len(words) else number(count)


def weighting(weights: str) -> str:
    """A weighting ("uniform" or "distance", marked for the catalogs in records.PARAMETER_VALUES) in the current language."""
    return _(weights)


def counted_digits(labels: Iterable[int]) -> str:
    """How many of each digit, most first: "eleven 7s, three 1s, one 9"."""
    counts = Counter(int(label) for label in labels)
    # Translators: {count} is a number word ("eleven") or a number, {digit} a digit: "eleven 7s", "one 9".
    return ", ".join(ngettext("{count} {digit}", "{count} {digit}s", count).format(count=_number(count), digit=digit)
                     for digit, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def voters_in_words(voted: int) -> str:
    """Which neighbours voted: "the nearest one voted" or "the 6 nearest voted"."""
    return _("the nearest one voted") if voted == 1 else _("the {count} nearest voted").format(count=number(voted))


def neighbors_in_words(labels: Iterable[int], voted: int) -> str:
    """The neighbour strip: "15 nearest: eleven 7s, three 1s, one 9; the 6 nearest voted"."""
    labels = list(labels)
    return ngettext("{count} nearest: {digits}; {voters}", "{count} nearest: {digits}; {voters}", len(labels)).format(
        count=number(len(labels)), digits=counted_digits(labels), voters=voters_in_words(voted))


def vote_decimals(shares: np.ndarray) -> int:
    """Decimals that tell a vote's written shares apart (those of at least half a percent): none, unless two different
    shares would read the same ("4: 34 %, 6: 34 %", and 4 won); then as few as do, at most three."""
    given = np.asarray(shares, dtype=float)
    written = np.unique(given[np.round(given * 100) > 0])
    return next((decimals for decimals in range(3) if len(np.unique(np.round(written * 100, decimals))) == len(written)), 3)


def vote_in_words(shares: np.ndarray) -> str:
    """The vote, biggest share first, digits with no share left out: "7: 83 %, 1: 17 %" ("4: 34.2 %, 6: 33.8 %" where
    whole percents would not tell them apart)."""
    shares = np.asarray(shares, dtype=float)
    order = sorted((digit for digit in range(len(shares)) if round(shares[digit] * 100)), key=lambda digit: -shares[digit])
    decimals = vote_decimals(shares)
    return ", ".join(f"{digit}: {percent(shares[digit], decimals)}" for digit in order) or _("no votes")


def _nickname(drawing: Submission) -> str:
    return drawing.nickname or _("someone")


def whose_drawing(drawing: Submission) -> str:
    """A wall drawing named for a button as its author would name it: "Sam's 1", the digit they meant (read as 7 or not),
    else the digit it was read as; "Sam's drawing" when neither says a digit."""
    digit = drawing.intended if drawing.intended is not None else None if drawing.not_a_digit else drawing.predicted
    if digit is None:
        return _("{name}'s drawing").format(name=_nickname(drawing))
    return _("{name}'s {digit}").format(name=_nickname(drawing), digit=digit)


def tile_in_words(drawing: Submission) -> str:
    """A wall tile: "Sam meant 7, read 7" (or "someone, digit not said, read not a digit")."""
    name, meant, read = _nickname(drawing), drawing.intended, drawing.predicted
    if meant is None:
        return (_("{name}, digit not said, read not a digit") if drawing.not_a_digit
                else _("{name}, digit not said, read {read}")).format(name=name, read=read)
    return (_("{name} meant {meant}, read not a digit") if drawing.not_a_digit
            else _("{name} meant {meant}, read {read}")).format(name=name, meant=meant, read=read)


def wall_footer(count: int, drawn_at_most: int, judged: int, is_open: bool, waits: bool) -> str:
    """What the Class wall says under its tiles (they come first): which are drawn (it draws `drawn_at_most`), what the
    class accuracy counts, and how drawings reach the wall now (not at all while the teacher has closed it; once shown
    while they approve first)."""
    said = []
    if count > drawn_at_most:  # the count above the tiles is of them all
        said.append(_("The newest {shown} of {count} drawings are shown.").format(shown=drawn_at_most, count=count))
    if judged:
        said.append(ngettext("Class accuracy counts the {count} drawing whose author said which digit they meant.",
                             "Class accuracy counts the {count} drawings whose author said which digit they meant.",
                             judged).format(count=judged))
    said.append(_("The teacher has paused sending.") if not is_open else
                _("New drawings appear once the teacher shows them, newest first, without reloading.") if waits else
                _("New drawings appear within a few seconds, newest first, without reloading."))
    return " ".join(said)  # nothing to the teacher here, in front of the class: the Teacher page says where its controls are
