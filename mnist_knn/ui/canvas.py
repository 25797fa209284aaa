"""The drawing canvas: its toolbar cut to undo and redo, pinned above the drawing area so every stroke registers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import streamlit as st
import streamlit_drawable_canvas
from streamlit_drawable_canvas import st_canvas

from mnist_knn.config import CANVAS_SIDE
from mnist_knn.language import _

COMPONENT_NAME = "streamlit-drawable-canvas.streamlit_drawable_canvas"
# The component's toolbar floats, invisible, over the top-right of the canvas and swallows strokes that start there;
# pinning it above the canvas (with room made for it) leaves the whole drawing area free. Of its tools only undo and
# redo help someone draw a digit (made fingertip-sized, 44 x 44 CSS px, with the app's focus ring): "Edit" moves
# earlier strokes instead of drawing, the upload button re-sends what is already sent, and its bin would be a second
# "Clear canvas". A finger on the canvas draws; it never scrolls.
TOOLBAR_OUTSIDE_CANVAS = """
:host { display: flow-root; }  /* holds the room made above the canvas: nothing of it spills over the buttons below */
.dc-root { margin-top: 3rem; }
.dc-toolbar, .dc-root:hover > .dc-toolbar { top: -3rem !important; padding: 0 !important; opacity: 1 !important;
                                            transition: none !important; }
.dc-icon-button { min-width: 44px !important; min-height: 44px !important; }
.dc-icon-button:focus-visible { outline: 3px solid var(--dl-primary) !important; outline-offset: 2px; }
.dc-icon-button[title="Edit"], .dc-icon-button[title="Update the app with this drawing"],
.dc-icon-button[title="Reset canvas & history"], .dc-toolbar-separator, .dc-toolbar-contextual { display: none !important; }
.dc-container, .dc-container canvas { touch-action: none; }
/* Projected (the app's projector width, ui/style.py): the canvas shown up to twice as large, for the room to see the
   strokes, within its column (half of what the sidebar leaves) and with Clear still on screen. It keeps its 280 x 280
   pixels (the model reads the same drawing); the canvas maps the pointer onto them. */
@media (min-width: 1600px) {
  .dc-container, .dc-container .canvas-container, .dc-container canvas {
    --dl-side: clamp(280px, min(100vh - 400px, (100vw - 540px) / 2), 560px);
    width: var(--dl-side) !important; height: var(--dl-side) !important; }
}
"""


# The component waits 200 ms after each stroke before it tells the app (a debounce fixed in its bundle): two thirds of
# the time between lifting the pen and seeing the digit. Its own "Update the app with this drawing" button sends at once
# and cancels that wait. This small module loads the component's bundle unchanged and presses that (hidden) button as
# soon as a stroke on the drawing surface ends; the toolbar's undo and redo already send at once. The bundle names its
# undo and redo buttons in English; they are named again, in the reader's language, with the words that CANVAS_WORDS
# (a small component beside the canvas) passes from Python. When undo or redo has nothing left to do, the bundle
# disables it, which drops a keyboard's focus onto the page: the other tool takes it.
SEND_WHEN_A_STROKE_ENDS = """
const watched = new WeakSet();
function nameTools(root) {  // each tool the words name, by the bundle's own (English) title, named in the page's language
  const words = window.__digitLabCanvasWords || {};
  root.querySelectorAll('.dc-icon-button').forEach((button) => {
    const word = words[button.dataset.dlTool || button.title];
    if (!word || button.getAttribute('aria-label') === word) return;
    button.dataset.dlTool = button.dataset.dlTool || button.title;
    button.title = word;
    button.setAttribute('aria-label', word);
  });
}
export default async function (component) {
  const canvas = await import(new URL("BUNDLE", window.location.origin).href);
  const cleanup = canvas.default(component);
  const root = component.parentElement;
  nameTools(root);
  if (!watched.has(root)) {
    watched.add(root);
    new MutationObserver(() => nameTools(root)).observe(root, {childList: true, subtree: true});  // a redrawn toolbar
    window.addEventListener('digit-lab-canvas-words', () => nameTools(root));
    root.addEventListener("click", (clicked) => {  // Undo with nothing left to undo is disabled, and drops focus: the
      const tool = clicked.target.closest && clicked.target.closest(".dc-icon-button");  // other tool takes it
      const shown = () => [...root.querySelectorAll(".dc-icon-button")].filter((button) => button.offsetParent);
      const place = shown().indexOf(tool);  // by its place: the toolbar may be drawn anew, its words in any language
      if (place < 0) return;
      const keep = () => {  // only while focus is nowhere: never taken from where the person (or the announcer) put it
        const tools = shown(), used = tools[place], lost = !document.activeElement || document.activeElement === document.body;
        if (!used || !used.disabled || !lost) return;
        tools.find((button) => !button.disabled)?.focus();
      };
      [0, 300].forEach((wait) => setTimeout(keep, wait));  // once the bundle has disabled it; once the rerun redrew it
    });
    let waiting = false;  // one send per stroke, however many fingers or pens touch down
    root.addEventListener("pointerdown", (down) => {
      if (waiting || !down.target.classList || !down.target.classList.contains("upper-canvas")) return;
      waiting = true;
      const ends = ["mouseup", "touchend"];  // whichever the device sends first (a pen may send either)
      const send = () => {
        ends.forEach((type) => window.removeEventListener(type, send));
        waiting = false;
        setTimeout(() => root.querySelector('[title="Update the app with this drawing"]')?.click(), 0);
      };
      ends.forEach((type) => window.addEventListener(type, send));
    });
  }
  return cleanup;
}
"""
CANVAS_WORDS = """
export default function (component) {
  window.__digitLabCanvasWords = (component.data || {}).words || {};
  window.dispatchEvent(new Event('digit-lab-canvas-words'));
}
"""


@st.cache_resource
def _canvas_words():
    """The component that passes the toolbar's words to the canvas, registered once per server."""
    return st.components.v2.component("digit-lab.canvas-words", js=CANVAS_WORDS, html="<span></span>")


@st.cache_resource
def _register_canvas() -> None:
    """Re-register the canvas component once per server: toolbar CSS added to its own, strokes sent when they end."""
    build = Path(streamlit_drawable_canvas.__file__).parent / "frontend" / "build"
    css = (build / "index-style.css").read_text() + TOOLBAR_OUTSIDE_CANVAS
    [bundle] = build.glob("index-*.js")
    prefix = st.get_option("server.baseUrlPath").strip("/")  # where the app is served, as Streamlit's own URLs use it
    url = f"{'/' + prefix if prefix else ''}/_stcore/bidi-components/{COMPONENT_NAME}/{bundle.name}"
    js = SEND_WHEN_A_STROKE_ENDS.replace("BUNDLE", url)
    registry_logger = logging.getLogger("streamlit.components.v2.component_registry")
    level = registry_logger.level
    registry_logger.setLevel(logging.ERROR)  # the overwrite is deliberate; don't warn about it
    try:
        st.components.v2.component(COMPONENT_NAME, js=js, css=css, html='<div class="canvas-root"></div>', isolate_styles=True)
    finally:
        registry_logger.setLevel(level)


def digit_canvas(key: str, stroke_width: int) -> np.ndarray | None:
    """A 280 x 280 canvas, white ink on black; returns its RGBA pixels after each stroke (None before any)."""
    _register_canvas()
    result = st_canvas(
        stroke_width=stroke_width,
        stroke_color="#FFFFFF",
        background_color="#000000",
        height=CANVAS_SIDE,
        width=CANVAS_SIDE,
        drawing_mode="freedraw",
        return_image_data=True,
        key=key,
    )
    # the bundle's titles (kept: the stylesheet and the send above find buttons by them) and their words for the reader
    _canvas_words()(key="draw_canvas_words", data={"words": {"Undo": _("Undo"), "Redo": _("Redo")}})
    return result.image_data
