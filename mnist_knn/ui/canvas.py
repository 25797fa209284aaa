"""The drawing canvas: its toolbar cut to undo and redo, pinned above the drawing area so every stroke registers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import streamlit as st
import streamlit_drawable_canvas
from streamlit_drawable_canvas import st_canvas

CANVAS_SIDE = 280
COMPONENT_NAME = "streamlit-drawable-canvas.streamlit_drawable_canvas"
# The component's toolbar floats, invisible, over the top-right of the canvas and swallows strokes that start there;
# pinning it above the canvas (with room made for it) leaves the whole drawing area free. Of its tools only undo and
# redo help someone draw a digit: "Edit" moves earlier strokes instead of drawing, the upload button re-sends what
# is already sent, and its bin would be a second "Clear canvas". A finger on the canvas draws; it never scrolls.
TOOLBAR_OUTSIDE_CANVAS = """
.dc-root { margin-top: 2.9rem; }
.dc-toolbar, .dc-root:hover > .dc-toolbar { top: -2.9rem !important; opacity: 1 !important; transition: none !important; }
.dc-icon-button[title="Edit"], .dc-icon-button[title="Update the app with this drawing"],
.dc-icon-button[title="Reset canvas & history"], .dc-toolbar-separator, .dc-toolbar-contextual { display: none !important; }
.dc-container, .dc-container canvas { touch-action: none; }
"""


@st.cache_resource
def _register_canvas_with_pinned_toolbar() -> None:
    """Re-register the canvas component once per server with the toolbar CSS added to its own."""
    build = Path(streamlit_drawable_canvas.__file__).parent / "frontend" / "build"
    css = (build / "index-style.css").read_text() + TOOLBAR_OUTSIDE_CANVAS
    registry_logger = logging.getLogger("streamlit.components.v2.component_registry")
    level = registry_logger.level
    registry_logger.setLevel(logging.ERROR)  # the overwrite is deliberate; don't warn about it
    try:
        st.components.v2.component(
            COMPONENT_NAME, js="index-*.js", css=css, html='<div class="canvas-root"></div>', isolate_styles=True
        )
    finally:
        registry_logger.setLevel(level)


def digit_canvas(key: str, stroke_width: int) -> np.ndarray | None:
    """A 280 x 280 canvas, white ink on black; returns its RGBA pixels after each stroke (None before any)."""
    _register_canvas_with_pinned_toolbar()
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
    return result.image_data
