"""A person visits every page from the sidebar and follows a confusion-matrix cell into the Mistakes gallery."""

import re

from playwright.sync_api import expect

from tests.e2e.accessibility import ANNOUNCEMENT
from tests.e2e.browser import new_page, open_from_sidebar, page_names, screenshot, wait_until_idle
from tests.e2e.classroom import PROJECTOR


def test_sidebar_names_every_page(page):
    names = page_names(page)
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


def test_metrics_opens_in_words_and_a_confused_pair_leads_to_its_mistakes(page):
    open_from_sidebar(page, "Metrics")
    expect(page.get_by_text(re.compile(r"^\d+ of 10,000 test digits read wrong$"))).to_be_visible()
    pair = page.get_by_text(re.compile(r"^A \d read as \d: \d+ times?$")).first
    true, predicted, count = re.findall(r"\d+", pair.inner_text())
    expect(page.get_by_test_id("stMetricValue").first).to_be_visible()  # the headline figures drawn, not their skeletons
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(re.compile(r"\d"))
    expect(page.get_by_test_id("stTable").first.get_by_role("cell").first).to_be_visible()
    # every table is an HTML table, which a screen reader reads cell by cell (a data grid drawn on a canvas said nothing)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    page.locator("h1").first.scroll_into_view_if_needed()
    screenshot(page, "page-metrics")
    cut = page.evaluate("""() => [...document.querySelectorAll('.stMain [data-testid="stPageLink-NavLink"] p')]
                           .filter(label => label.scrollWidth > label.parentElement.clientWidth + 1)
                           .map(label => label.textContent)""")
    assert cut == [], cut  # each link's words whole ("See each 4 read as 9, with its nei", before)
    curve = page.get_by_text("Each point is one line for 'not a digit'")
    curve.scroll_into_view_if_needed()
    expect(curve).to_contain_text("This model's line")
    title = page.get_by_text("'Not a digit' on the validation sets: digits refused against non-digits caught", exact=True)
    expect(title).to_be_visible()  # page text above the chart: it wraps on a phone (its table's expander quotes it too)
    chart = page.locator(".js-plotly-plot").filter(has_text="drawings that are not digits caught")
    expect(chart).to_be_visible()
    named = page.get_by_label("'Not a digit' on the validation sets: digits refused against non-digits caught", exact=True)
    expect(named.locator(".js-plotly-plot")).to_have_count(1)  # the chart is named by its title, not by its tick labels
    expect(page.locator(".modebar-btn")).to_have_count(0)  # no zoom tools: eight Tab stops a chart before
    screenshot(page, "metrics-not-a-digit-curve", full_page=False)
    link = page.get_by_role("link", name=f"See each {true} read as {predicted}, with its neighbours", exact=True)
    link.focus()
    page.keyboard.press("Enter")  # by keyboard: focus goes on to the new page's title, as from the sidebar (it fell to the body)
    wait_until_idle(page)
    expect(page.locator("h1").first).to_have_text("Mistakes")
    expect(page.locator(".stMain h1")).to_be_focused(timeout=15_000)
    assert f"true={true}" in page.url and f"predicted={predicted}" in page.url
    expect(page.get_by_text(f"{count} mistakes match")).to_be_visible()
    expect(page.locator(".st-key-mistakes_gallery img").first).to_be_visible()
    expect(page.get_by_text("The model votes with its")).to_be_visible()
    screenshot(page, "page-mistakes")


def test_a_new_filter_on_mistakes_names_the_mistake_it_shows(page):
    open_from_sidebar(page, "Mistakes")
    expect(page.locator(ANNOUNCEMENT)).to_have_text("")  # nothing said on arrival: the filters are as they came
    chooser = page.locator(".st-key-mistakes_selected input")
    first = chooser.input_value()
    page.locator(".st-key-mistakes_true").click()
    page.get_by_role("option", name="5", exact=True).click()
    wait_until_idle(page)
    # the box names the first 5 shown, as the picture under it does (it kept naming the mistake chosen before)
    expect(chooser).to_have_value(re.compile(r"^test digit #\d+: a 5, read as \d"))
    shown = re.search(r"#(\d+)", chooser.input_value()).group(1)
    expect(page.get_by_role("group", name=f"Test digit #{shown}: a 5", exact=True)).to_have_count(1)
    assert chooser.input_value() != first
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(r"^\d+ mistakes? match(es)?\.$"))  # the gallery changed: said
    expect(page.get_by_text("How sure (")).to_contain_text("is not the vote's share for")  # two figures, told apart


def test_a_click_on_a_digit_in_the_mistakes_gallery_opens_it_below(page):
    open_from_sidebar(page, "Mistakes")
    chooser = page.locator(".st-key-mistakes_selected input")
    expect(chooser).to_have_value(re.compile(r"^test digit #\d+: "))
    third = page.locator(".st-key-mistakes_gallery figure").nth(2)
    index = third.get_attribute("data-id")  # the test digit it shows
    digit, read = re.fullmatch(r"(\d), read (\d)", third.inner_text().replace("\n", " ")).groups()
    assert not chooser.input_value().startswith(f"test digit #{index}:")  # (the gallery's first is chosen)
    third.click()  # a teacher clicked a thumbnail, and nothing happened: the digit had to be found in a list of 59
    expect(chooser).to_have_value(re.compile(rf"^test digit #{index}: an? {digit}, read as {read} "))
    expect(page.get_by_role("group", name=f"Test digit #{index}: a{'n' if digit == '8' else ''} {digit}")).to_have_count(1)
    expect(page.locator(ANNOUNCEMENT)).to_have_text(re.compile(rf"^test digit #{index}: "))  # said, as the box names it
    expect(chooser).to_be_in_viewport()  # what was opened is brought into sight


def test_projected_the_pages_a_teacher_explains_are_a_quarter_larger(page, chromium, app_url):
    size = "parseFloat(getComputedStyle(document.querySelector('.stMain h1')).fontSize)"  # the page's title, and with it
    open_from_sidebar(page, "How KNN works")  # every size in rem: the text, captions, labels, headings
    on_a_laptop = page.evaluate(size)
    for path, part in {"how_knn": "how_k", "metrics": "metrics_in_words", "mistakes": "mistakes_true",
                       "dataset": "dataset_split"}.items():
        projected = new_page(chromium, f"{app_url}/{path}", **PROJECTOR)
        expect(projected.locator(f".st-key-{part}")).to_be_attached()
        # 14-16 px text was unreadable from the back of a room (the page's stylesheet may come a moment after its parts)
        projected.wait_for_function(f"() => {size} >= {1.25 * on_a_laptop}", timeout=10_000)
        projected.context.close()
