"""In the student's language: a German browser gets the app in German, hears a 7 read out in German, and axe finds the
page marked German and nothing wrong on any page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mnist_knn import language
from tests.e2e import accessibility
from tests.e2e.accessibility import ANNOUNCEMENT
from tests.e2e.browser import draw, new_page, open_from_sidebar, screenshot
from tests.e2e.digits import DIGITS

PAGES = {"How KNN works": "how-knn", "My drawings": "my-drawings", "Class wall": "class-wall", "Teacher": "teacher",
         "Dataset": "dataset", "Metrics": "metrics", "Mistakes": "mistakes"}
CUT_SHORT_FIGURES = """() => [...document.querySelectorAll(':is([data-testid="stMetricLabel"], [data-testid="stMetricValue"]) *')]
    .filter(element => element.scrollWidth > element.clientWidth + 1).map(element => element.textContent)"""


def german(message: str) -> str:
    return language.catalog("de").gettext(message)


def _app_violations(page) -> list[dict]:
    return [violation for violation in accessibility.violations(page) if not violation["streamlit"]]


@pytest.mark.skipif("de" not in language.available(), reason="no German catalog compiled")
def test_a_german_browser_gets_every_page_in_german_and_hears_a_7_read_in_german(chromium, app_url):
    page = new_page(chromium, app_url, locale="de-DE")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    assert "lang=de" in page.url  # a reload keeps it
    expect(page.locator("h1").first).to_have_text(german("Draw & Predict"))
    draw(page, DIGITS["7"])
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^Gelesen als 7\b"))
    expect(page.locator(".st-key-draw_prediction")).to_contain_text(german("Reads as"))
    # Streamlit's own controls named in German too: a screen reader read out "Help for Gelesen als", "Collapse sidebar"
    expect(page.get_by_role("button", name=f"Hilfe zu {german('Reads as')}")).to_have_count(1)
    collapse = page.locator('[data-testid="stSidebarCollapseButton"] button')  # (shown while the pointer is on the sidebar)
    expect(collapse).to_have_attribute("aria-label", "Seitenleiste schließen")
    opens = page.locator('[data-testid="stExpandSidebarButton"]')  # once closed: named by what it opens, as a phone shows
    page.locator('[data-testid="stSidebar"]').hover()
    collapse.click()
    expect(opens).to_have_attribute("aria-label", "Seiten")
    opens.click()
    expect(page.locator('a[href="#stMain"]')).to_have_text("Zum Hauptinhalt springen")
    # (the sidebar, opened, draws its controls anew, named in English until the language script's next frame)
    page.locator('[data-testid="stSidebar"]').hover()
    expect(collapse).to_have_attribute("aria-label", "Seitenleiste schließen")  # drawn again, and named
    expect(page.locator('[aria-label^="Help for "], [aria-label="Collapse sidebar"]')).to_have_count(0)
    screenshot(page, "de-draw")
    found = {"Zeichnen": _app_violations(page)} if accessibility.AXE.exists() else {}
    # the uploader's words, written as text ("Upload", "200MB per file"), and a file's "Remove" in German as well
    page.locator(".st-key-draw_source").get_by_text(german("Upload a photo")).click()
    expect(page.locator('[data-testid="stFileUploaderDropzone"] button')).to_have_text(re.compile("Hochladen"))
    expect(page.locator('[data-testid="stFileUploaderDropzoneInstructions"]')).to_contain_text(re.compile(r"\dMB pro Datei"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": "sieben.png", "mimeType": "image/png", "buffer": b"not a picture"}])
    expect(page.get_by_role("button", name="sieben.png entfernen")).to_have_count(1)
    expect(page.locator('[aria-label^="Remove "], [aria-label="Add files"]')).to_have_count(0)
    for title, name in PAGES.items():
        open_from_sidebar(page, german(title))
        expect(page.locator("html")).to_have_attribute("lang", "de")
        screenshot(page, f"de-{name}")
        assert page.evaluate(CUT_SHORT_FIGURES) == [], f"a figure's German name or value is cut short on {title}"
        if title == "My drawings":  # a picture's Fullscreen button, named with the picture ("Fullscreen: Drawing 1, ...")
            expect(page.locator('[aria-label^="Vollbild: "]').first).to_be_attached()
            expect(page.locator('[aria-label^="Fullscreen"]')).to_have_count(0)
        if accessibility.AXE.exists():
            found[title] = _app_violations(page)
    page.locator(".st-key-language_picker input").click()  # back to English: Streamlit's own names as it wrote them
    page.get_by_role("option", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('a[href="#stMain"]')).to_have_text("Skip to main content")
    expect(collapse).to_have_attribute("aria-label", "Collapse sidebar")
    page.locator('[data-testid="stSidebar"]').hover()
    collapse.click()
    expect(opens).to_have_attribute("aria-label", "Pages")  # the one name English gives a control of Streamlit's
    page.context.close()
    if not found:
        pytest.skip(f"axe-core is not installed ({accessibility.AXE}); `make test` installs it with npm")
    assert not any(found.values()), accessibility.described([v for nodes in found.values() for v in nodes])
