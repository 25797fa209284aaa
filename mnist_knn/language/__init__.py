"""The app's words in the reader's language: gettext catalogs, and numbers written the way that language writes them.

Every sentence a person reads is written in English inside `_()` (`ngettext()` where it counts something, `N_()` where
it is only named here and said elsewhere). Babel extracts them into digit_lab.pot; each language's catalog,
locale/<code>/LC_MESSAGES/digit_lab.po, says them in that language and is compiled at set-up (`make catalogs`).
Which language is current is the caller's to say (`follow`): the app follows its reader, the command line and the lab
stay in English. docs/development.md says how to add a language.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from babel import Locale
from babel.numbers import format_decimal, format_percent

LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}  # each in its own words
SOURCE = "en"  # the messages are written in English: it needs no catalog
DOMAIN = "digit_lab"
CATALOGS = Path(__file__).parent / "locale"
ENGLISH_PERCENT = "#,##0\u00a0%"  # the house's English style, "99.4 %" with a no-break space (Babel's English writes "99.4%")

_Option = TypeVar("_Option")
_reader_language: list[Callable[[], str]] = []  # who says which language is current; none: English


def follow(reader_language: Callable[[], str]) -> None:
    """Take the current language from `reader_language` from now on (the app's: its reader's choice)."""
    _reader_language[:] = [reader_language]


def current() -> str:
    """The current language's code ("en" outside the app)."""
    return _reader_language[0]() if _reader_language else SOURCE


@cache
def catalog(language: str) -> gettext.NullTranslations:
    """The compiled catalog of `language`; English, and a language whose catalog is not compiled, say the source words."""
    if language == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, CATALOGS, [language], fallback=True)


def available() -> list[str]:
    """The languages the app can speak now: English and each one whose catalog is compiled."""
    return [code for code in LANGUAGES if code == SOURCE or (CATALOGS / code / "LC_MESSAGES" / f"{DOMAIN}.mo").exists()]


def _(message: str) -> str:
    """`message` in the current language."""
    return catalog(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural of a message that counts `count` things, in the current language."""
    return catalog(current()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English words need different translations (`context` tells)."""
    return catalog(current()).pgettext(context, message)


def N_(message: str) -> str:
    """Mark `message` for the catalogs without translating it here (it is translated where it is shown)."""
    return message


def names_now(options: Iterable[_Option], name: Callable[[_Option], str] = _) -> Callable[[_Option], str | None]:
    """A widget's `format_func` naming `options` in the current language (by default each is an English message), fixed
    now: Streamlit's AppTest names the options again after the run, when no reader's language is current."""
    return {option: name(option) for option in options}.get


def a_digit(digit: int) -> str:
    """A digit with its article, as the current language writes it: "a 7" and "an 8" in English, "eine 8" in German."""
    # Translators: "an" is English's article before 8 alone ("an eight"): write it as you write "a {digit}".
    return (_("an {digit}") if int(digit) == 8 else _("a {digit}")).format(digit=digit)


def number(value: float, decimals: int = 0) -> str:
    """A number as the current language writes it: 60,000 and 1.5 in English, 60.000 and 1,5 in German."""
    return format_decimal(value, format="#,##0" + ("." + "0" * decimals if decimals else ""), locale=current())


def percent(share: float, decimals: int = 0) -> str:
    """A share as a percentage the current language's way: 99.4 % in English, 99,4 % in German (a no-break space before %)."""
    language = current()
    pattern = ENGLISH_PERCENT if language == SOURCE else Locale.parse(language).percent_formats[None].pattern
    pattern = re.sub(r"0(?=[^0#]*$)", "0" + ("." + "0" * decimals if decimals else ""), pattern, count=1)
    return format_percent(share, format=pattern, locale=language)


def points(share: float, decimals: int = 2) -> str:
    """A difference between two shares in percentage points ("0.16 percentage points"), not a percentage of anything."""
    return _("{value} percentage points").format(value=number(share * 100, decimals))


def score(value: float, decimals: int = 4) -> str:
    """A score of at most 1 (an AUC, a precision) to `decimals` places, never rounded up to a perfect 1 it is not:
    0.999997 is "> 0.9999"."""
    if value < 1 and round(value, decimals) >= 1:
        return "> " + number(1 - 10 ** -decimals, decimals)
    return number(value, decimals)
