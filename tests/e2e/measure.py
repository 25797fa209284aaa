"""What a finger, an eye and a keyboard meet on a page: tap targets smaller than a fingertip, text too small, sideways
scrolling, where Tab goes and whether it shows."""

from __future__ import annotations

import contextlib

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

FINGERTIP_PX = 44  # WCAG 2.5.5: a tap target at least 44 x 44 CSS px
# Every control a person can tap (the header's and an open sidebar's too), in the page and in the canvas component's
# shadow root; a visually hidden radio or checkbox input is measured by the label that carries it.
SMALL_TARGETS = """(smallest) => {
  const CONTROLS = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], [role=radio], ' +
                   '[role=tab], [role=checkbox], [role=switch], [role=slider], [role=option], [tabindex="0"]';
  const roots = [document, ...[...document.querySelectorAll('*')].filter(e => e.shadowRoot).map(e => e.shadowRoot)];
  const small = [];
  for (const root of roots) for (let element of root.querySelectorAll(CONTROLS)) {
    if (element.closest('[data-collapsed="true"]')) continue;  // a closed sidebar
    if (element.matches('input[type=radio], input[type=checkbox]')) element = element.closest('label') || element;
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    // hidden, or visually hidden until focused (Streamlit's "Skip to main content" link), or for screen readers only
    // (clipped away: an open select box's "Dismiss")
    let clipped = false;
    for (let node = element, up = 0; node && up < 3 && !clipped; node = node.parentElement, up++) {
      const around = getComputedStyle(node);
      clipped = around.clipPath === 'inset(50%)' || around.clip === 'rect(0px, 0px, 0px, 0px)';
    }
    if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden' || style.opacity === '0' || clipped) continue;
    if (box.width >= smallest - 0.5 && box.height >= smallest - 0.5) continue;
    const name = (element.getAttribute('aria-label') || element.innerText || element.title || '').trim().slice(0, 40);
    small.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)} x ${Math.round(box.height)}`);
  }
  return [...new Set(small)];
}"""
# Every visible piece of text under a part of the page, with its size in CSS px.
SMALL_TEXT = """([smallest, scope]) => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector(scope), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || !element || element.closest('style, script, [data-collapsed="true"]')) continue;
    const box = element.getBoundingClientRect(), size = parseFloat(getComputedStyle(element).fontSize);
    // hidden, or visually hidden until focused (Streamlit's "Skip to main content"); a closed sidebar is skipped above
    if (box.width <= 1 || box.height <= 1 || box.right <= 0 || getComputedStyle(element).visibility === 'hidden') continue;
    if (size < smallest) small.push(`"${node.textContent.trim().slice(0, 40)}" ${size}px`);
  }
  return [...new Set(small)];
}"""
SIDEWAYS = """() => [document.scrollingElement, ...document.querySelectorAll('.stMain, .stMain section')]
  .filter(element => element && element.scrollWidth > element.clientWidth + 1
                     && getComputedStyle(element).overflowX !== 'hidden')
  .map(element => `${element.className.split(' ')[0]}: ${element.scrollWidth} px wide in ${element.clientWidth}`)"""

# The control with focus (in the canvas component's shadow root too), named, and whether an outline of at least 2 px
# shows it: on the control, or on one of the two boxes around it (a text box's ring is drawn on its frame, a slider's on
# its thumb), a box of at least 4 x 4 px (a slider's input sits in a visually hidden 1 x 1 px box: a ring there is unseen).
FOCUS_STOP = """() => {
  let element = document.activeElement;
  while (element && element.shadowRoot && element.shadowRoot.activeElement) element = element.shadowRoot.activeElement;
  if (!element || element === document.body) return null;
  let ringed = false;
  for (let node = element, up = 0; node && up < 3 && !ringed; node = node.parentElement, up++) {
    const style = getComputedStyle(node), box = node.getBoundingClientRect();
    ringed = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && box.width >= 4 && box.height >= 4;
  }
  for (let node = element; node && ringed; node = node.parentElement) {  // a ring inside something see-through is unseen
    if (parseFloat(getComputedStyle(node).opacity) < 0.5) ringed = false;
  }
  const keyed = element.closest('[class*="st-key-"]');
  const key = keyed ? [...keyed.classList].find((name) => name.startsWith('st-key-')) + ' ' : '';
  const name = (element.getAttribute('aria-label') || element.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
  return {stop: `${key}${element.tagName.toLowerCase()} "${name}"`, ringed};
}"""


def tab_stops(page: Page, presses: int) -> list[dict | None]:
    """Press Tab `presses` times: where focus went each time, {"stop": described, "ringed": shown} (None: off the page)."""
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUS_STOP))
    return stops


def stops_in_words(stops: list[dict | None]) -> str:
    """The stops `tab_stops` found, one a line, for a failing test's message."""
    return "\n".join("off the page" if stop is None else f"{stop['stop']} ring={stop['ringed']}" for stop in stops)


def _found_after_settling(page: Page, script: str, arg: object, settle_ms: int) -> list[str]:
    """What `script` finds on the page, after waiting up to `settle_ms` for it to find nothing (as a page still taking
    its stylesheet may need)."""
    if settle_ms:
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(f"(arg) => ({script})(arg).length === 0", arg=arg, timeout=settle_ms)
    return page.evaluate(script, arg)


def small_targets(page: Page, smallest: float = FINGERTIP_PX, settle_ms: int = 0) -> list[str]:
    """The visible controls smaller than `smallest` CSS px either way: 'tag "name" w x h' (after up to `settle_ms`)."""
    return _found_after_settling(page, SMALL_TARGETS, smallest, settle_ms)


def small_text(page: Page, smallest: float, scope: str = '[data-testid="stMain"]', settle_ms: int = 0) -> list[str]:
    """The visible text under `scope` set smaller than `smallest` CSS px: '"text" size' (after up to `settle_ms`)."""
    return _found_after_settling(page, SMALL_TEXT, [smallest, scope], settle_ms)


def sideways_scrolling(page: Page) -> list[str]:
    """The page or app areas that scroll sideways (content wider than the screen)."""
    return page.evaluate(SIDEWAYS)
