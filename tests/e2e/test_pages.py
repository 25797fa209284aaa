"""A person visits every page from the sidebar and follows a confusion-matrix cell into the Mistakes gallery."""

import re

from playwright.sync_api import expect

from tests.e2e.browser import open_from_sidebar, screenshot, wait_until_idle


def test_sidebar_names_every_page(page):
    names = page.locator('[data-testid="stSidebarNav"] a span').all_inner_texts()
    for title in ("Draw & Predict", "Dataset", "Metrics", "Mistakes"):
        assert title in names, names


def test_dataset_page_shows_digits_and_a_map(page):
    open_from_sidebar(page, "Dataset")
    expect(page.get_by_text("60,000 digits match")).to_be_visible()
    page.get_by_role("tab", name="2-D map").click()
    wait_until_idle(page)
    expect(page.locator(".js-plotly-plot:visible")).to_have_count(1)
    page.get_by_role("tab", name="Browse").click()
    screenshot(page, "page-dataset")


def test_metrics_cell_leads_to_filtered_mistakes(page):
    open_from_sidebar(page, "Metrics")
    expect(page.get_by_text("Accuracy", exact=True)).to_be_visible()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    screenshot(page, "page-metrics")
    link = page.get_by_role("link", name=re.compile(r"true \d → predicted \d: \d+ digits")).first
    true, predicted, count = re.findall(r"\d+", link.inner_text())
    link.click()
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("Mistakes")
    assert f"true={true}" in page.url and f"predicted={predicted}" in page.url
    expect(page.get_by_text(f"{count} mistakes match")).to_be_visible()
    expect(page.locator(".st-key-mistakes_gallery img")).to_be_visible()
    expect(page.get_by_text("The model votes with its")).to_be_visible()
    screenshot(page, "page-mistakes")
