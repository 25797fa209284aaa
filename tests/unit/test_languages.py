"""Every language's catalog says every message the app has, and nothing stale; numbers are written the language's way."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from mnist_knn import language

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path(language.__file__).parent / f"{language.DOMAIN}.pot"
# the languages with a committed catalog (a language is offered once its catalog is complete: the tests below hold it)
TRANSLATED = [code for code in language.LANGUAGES
              if (language.CATALOGS / code / "LC_MESSAGES" / f"{language.DOMAIN}.po").exists()]
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def _messages_in_the_code() -> set[str | tuple[str, ...]]:
    """What the code asks to be said, freshly extracted as `make messages` extracts it (a plural as its two forms)."""
    with open(Path(language.__file__).parent / "babel.cfg") as mapping:
        methods, options = parse_mapping_cfg(mapping)
    return {(context, message) for _, _, message, _, context in extract_from_dir(str(ROOT), methods, options)}


def _catalog(path: Path):
    with open(path, "rb") as file:
        return read_po(file)


def _ids(catalog) -> set:
    return {(message.context, message.id if isinstance(message.id, str) else tuple(message.id))
            for message in catalog if message.id}


@pytest.fixture(scope="module")
def in_the_code() -> set:
    found = {(context, message if isinstance(message, str) else tuple(message)) for context, message in _messages_in_the_code()}
    assert len(found) > 100, "the extraction found almost nothing: is babel.cfg still pointing at the code?"
    return found


def test_the_template_holds_exactly_what_the_code_says(in_the_code):
    assert _ids(_catalog(TEMPLATE)) == in_the_code, "run `make messages` and translate what is new"


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_translates_every_message_and_keeps_no_stale_one(in_the_code, code):
    catalog = _catalog(language.CATALOGS / code / "LC_MESSAGES" / f"{language.DOMAIN}.po")
    assert _ids(catalog) - in_the_code == set(), f"stale messages in {code}: run `make messages`"
    assert in_the_code - _ids(catalog) == set(), f"messages missing from {code}: run `make messages` and translate them"
    untranslated = [message.id for message in catalog if message.id and (
        "fuzzy" in message.flags or not all(message.string if isinstance(message.string, tuple) else [message.string]))]
    assert untranslated == [], f"{len(untranslated)} untranslated or fuzzy in {code}: {untranslated[:5]}"
    assert list(catalog.obsolete) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_a_translation_keeps_every_placeholder_of_its_message(code):
    catalog = _catalog(language.CATALOGS / code / "LC_MESSAGES" / f"{language.DOMAIN}.po")
    for message in catalog:
        if not message.id:
            continue
        originals = [message.id] if isinstance(message.id, str) else list(message.id)
        translations = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = {name for original in originals for name in PLACEHOLDER.findall(original)}
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == wanted, (code, message.id, translation)


@pytest.mark.parametrize("code", TRANSLATED)
def test_each_catalog_compiles_without_an_error(code):
    """What `pybabel compile` (make catalogs) refuses: e.g. a "1 % d..." read as a format code in a python-format entry."""
    catalog = _catalog(language.CATALOGS / code / "LC_MESSAGES" / f"{language.DOMAIN}.po")
    assert [(message.id, [str(error) for error in errors]) for message, errors in catalog.check()] == []


@pytest.mark.parametrize(("code", "share", "count", "decimal"), [
    ("en", "99.4\u00a0%", "60,000", "1.5"), ("de", "99,4\u00a0%", "60.000", "1,5"),
    ("fr", "99,4\u00a0%", "60\u202f000", "1,5"), ("es", "99,4\u00a0%", "60.000", "1,5")])
def test_numbers_and_percentages_are_written_the_languages_way(monkeypatch, code, share, count, decimal):
    monkeypatch.setattr(language, "current", lambda: code)
    assert (language.percent(0.9941, 1), language.number(60_000), language.number(1.52, 1)) == (share, count, decimal)
    assert language.percent(1.0) == share.replace("99,4", "100").replace("99.4", "100")


@pytest.mark.parametrize(("code", "seven", "eight"), [("en", "a 7", "an 8"), ("de", "eine 7", "eine 8"), ("es", "un 7", "un 8"),
                                                    ("fr", "un 7", "un 8")])
def test_a_digit_takes_its_languages_article(monkeypatch, code, seven, eight):
    """English writes "an 8" (the Mistakes page said "test digit #947: a 8, read as 9")."""
    monkeypatch.setattr(language, "current", lambda: code)
    assert (language.a_digit(7), language.a_digit(np.int64(8))) == (seven, eight)
