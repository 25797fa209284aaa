"""axe-core in the browser: the WCAG 2.1 A/AA violations on a page, split into the app's own and Streamlit's."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # make test: npm ci
ANNOUNCEMENT = "#digit-lab-announcement"  # the answer's live region (mnist_knn/ui/announce.py)
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Streamlit's own chrome, not the app's content: the sidebar's and the header's controls, the toolbar and status.
STREAMLIT_OWN = ('[data-testid="stSidebarHeader"]', '[data-testid="stHeader"]', '[data-testid="stToolbar"]',
                 '[data-testid="stStatusWidget"]', '[data-testid="stDecoration"]')
RUN_AXE = """async ([tags, own]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.flatMap(rule => rule.nodes.map(node => {
    const element = document.querySelector(node.target[0]);
    const streamlit = !!element && own.some(selector => element.closest(selector));
    return {rule: rule.id, impact: node.impact, target: node.target.join(' '), html: node.html.slice(0, 160),
            summary: node.failureSummary.slice(0, 300), streamlit};
  }));
}"""

# The page's headings as a screen reader lists them (WCAG 1.3.1): none more than one level below the one before it (axe
# counts a skipped level as best practice only, outside the tags above).
SKIPPED_LEVELS = """() => {
  const headings = [...document.querySelectorAll('.stMain :is(h1, h2, h3, h4, h5, h6)')];
  return headings.filter((heading, i) => i > 0 && +heading.tagName[1] > +headings[i - 1].tagName[1] + 1).map((heading) => (
    {rule: 'heading-order', impact: 'moderate', target: heading.tagName, html: heading.outerHTML.slice(0, 160),
     summary: 'a level skipped after ' + headings[headings.indexOf(heading) - 1].tagName, streamlit: false}));
}"""


def violations(page: Page) -> list[dict]:
    """Every element that breaks a WCAG 2.1 A/AA rule on the page as it is now (rule, target, html, streamlit), and every
    heading that skips a level."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, [WCAG_21_AA, list(STREAMLIT_OWN)]) + page.evaluate(SKIPPED_LEVELS)


def described(found: list[dict]) -> str:
    """The violations, a line each, for an assertion message."""
    return "\n".join(f"{v['rule']} ({v['impact']}): {v['target']}\n    {v['html']}\n    {v['summary']}" for v in found)
