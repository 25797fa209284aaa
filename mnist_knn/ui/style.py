"""The app's own stylesheet: pictures, contrast and focus, tap targets a finger can hit, a wall readable from the back.

app.py adds it to every page. Sizes are in CSS px; the browser suite measures them (tests/e2e/test_accessibility.py).
"""

from __future__ import annotations

import streamlit as st

WALL_TILES_SHOWN = 36  # the projected wall draws the newest so many drawings, all on one 1920 x 1080 screen (it counts them all)
# up to so many drawings, tiles at least so wide (px): the largest that fit on that screen (one row of 4; two rows of 7,
# 9 or 12; three rows of 13), measured with each tile's three lines (a name, a verdict, the digit meant)
WALL_TILE_WIDTHS = ((4, 300), (14, 230), (18, 180), (24, 130), (10_000, 120))
CAPTION = "#5c5c5c"  # captions: 6.7:1 on white, 5.9:1 on the sidebar's grey
# The theme's primary colour (.streamlit/config.toml) marks the vote's winner and the neighbours that voted.
EVERYWHERE = """
.dl-strip { display: flex; flex-wrap: wrap; gap: 12px 10px; }
.dl-cell { margin: 0; text-align: center; font-size: 0.875rem; line-height: 1.3; }
.dl-cell figcaption { margin-top: 4px; overflow-wrap: anywhere; }
.dl-tile { display: block; box-sizing: border-box; background: #000; object-fit: contain; image-rendering: pixelated;
           border: 1px solid #6b6b73; }
.dl-tile.dl-voted { border: 5px solid var(--dl-primary); }
.dl-bars { max-width: 440px; }
.dl-bar-row { display: flex; align-items: center; gap: 8px; min-height: 26px; }
.dl-bar-digit { width: 1.2em; text-align: right; }
.dl-bar { display: block; height: 16px; background: #5c6f9e; }
.dl-bar-share { white-space: nowrap; }  /* "100 %" on one line: the bar gives way */
.dl-winner { font-weight: 700; }
.dl-winner .dl-bar { background: var(--dl-primary); }
.stMain code { font-size: max(12px, 0.85em) !important; }
/* Streamlit fades a caption with opacity 0.6, which takes inline code down to 2.7:1: grey text at full opacity instead */
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: var(--dl-caption); }
/* A figure's name and value are read whole, however long in the reader's language ("No es un dígito" in How KNN's narrow
   column): they wrap instead of ending in "..." */
:is([data-testid="stMetricLabel"], [data-testid="stMetricValue"]) * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }
/* Where the keyboard is, plainly: a link or button, the label of a radio or checkbox whose input has focus, the frame of
   a text or select box, a page's title (where focus goes when the page is chosen), a slider's thumb (a pale halo alone) */
a:focus-visible, button:focus-visible, summary:focus-visible, [role="radio"]:focus-visible, .stMain h1:focus-visible,
.stSlider div[data-focus-visible="true"]:not([data-orientation]),
label:has(input:focus-visible), div:has(> input:not([type="radio"], [type="checkbox"]):focus-visible) {
  outline: 3px solid var(--dl-primary) !important; outline-offset: 2px; }
.stMain:focus-visible { outline: 3px solid var(--dl-primary); outline-offset: -3px; }  /* the page, to scroll by keys */
/* drawn inside: a tab's ring was cut at the top and bottom by its row, and a table too wide for the page, a Tab stop to
   scroll it sideways, had only the browser's thin outline */
[role="tab"]:focus-visible, [data-testid="stTable"] [role="region"]:focus-visible {
  outline: 3px solid var(--dl-primary) !important; outline-offset: -3px !important; }
/* A picture's Fullscreen button shows on hover only: tabbed to, it was a Tab stop nobody could see, ring and all */
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
/* A closed sidebar is out of the Tab order and out of a screen reader's way, as it is out of sight */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; }
.stMain [data-testid="stFileUploader"] button { min-width: 24px; min-height: 24px; }
/* its "Add files" sits at the edge of a row that clips: its ring drawn inside it, whole */
.stMain [data-testid="stFileUploader"] button:focus-visible { outline-offset: -3px !important; }
/* A file the uploader refuses ("text/plain files are not allowed.") says so in words under its name, not in a hidden
   alert and a tooltip that a finger never opens (a phone showed a red "!" alone) */
.stMain [data-testid="stFileChip"]:has([role="alert"]) { flex-wrap: wrap; }
.stMain [data-testid="stFileChip"] [role="alert"] { position: static !important; width: auto !important;
  height: auto !important; margin: 0 !important; clip: auto !important; clip-path: none !important;
  overflow: visible !important; white-space: normal !important; flex-basis: 100%; color: #b3261e; font-size: 0.875rem; }
/* A link on a page says all its words ("See each 4 read as 9, with its neighbours"): Streamlit keeps a link's label on one
   line and cut it at the column's edge ("… with its nei") */
.stMain [data-testid="stPageLink-NavLink"] > span:last-child, .stMain [data-testid="stPageLink-NavLink"] p {
  white-space: normal; overflow: visible; line-height: 1.4; }
/* A table cell as wide as its words (a model's SHA-256 is 447 px): Streamlit holds each to 400 px and scrolls the rest */
.stMain [data-testid="stTable"] td [data-testid="stMarkdownContainer"] { max-width: none; }
/* The draw page's answer and the wall's tiles have a heading for screen readers only; the draw page's "Send it to the
   class wall" is drawn as bold text */
.st-key-draw_answer_heading, .st-key-wall_newest { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
                                              clip-path: inset(50%); white-space: nowrap; }
.stMain .st-key-draw_wall_send_heading h3 { font-size: 1rem; padding: 0.25rem 0 0.5rem; }
/* The canvas's words (mnist_knn/ui/canvas.py), the announcer (ui/announce.py: its live region hangs off the page's
   body) and the gallery's chooser (ui/picture_chooser.py) take no room, nor a gap between two elements */
.st-key-draw_canvas_words, .st-key-announcer, .st-key-mistakes_gallery_chooser { display: none; }
/* Mistakes' gallery: a click or tap on a digit opens it below (ui/picture_chooser.py) */
.st-key-mistakes_gallery figure { cursor: pointer; }
/* The Class wall's tiles fill each row, as many as fit at their width (WALL_TILE_WIDTHS): no empty strip at the
   right, and more room for a long nickname */
[class*="st-key-wall_tiles_"] { display: grid !important;
                                grid-template-columns: repeat(auto-fill, minmax(var(--dl-tile), 1fr)); }
[class*="st-key-wall_tiles_"] > * { width: auto !important; }
/* A tile's name on one line: a long one ends in "…" (its picture's text alternative says it whole), no word cut */
.stMain [class*="st-key-wall_tile_"] h3 { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
/* A tile's verdict ("✓ 7") as large as its heading (the nickname), without being a second heading of its own */
.stMain [class*="st-key-wall_verdict_"] p { font-size: 1.75rem; font-weight: 600; line-height: 1.2; }
/* A finger on a chart scrolls the page: plotly took the swipe for a zoom, undone only by a double tap (a phone's charts
   are as wide as the screen). The cost: a tap no longer opens a point's hover label (the Dataset map's digit index is
   only there). A mouse still zooms and hovers; a touch screen on a laptop, whose main pointer is a mouse, is as before. */
@media (pointer: coarse) { [data-testid="stPlotlyChart"] :is(.draglayer, .draglayer *) { pointer-events: none !important; } }
/* The Teacher's undo stays in sight while they scroll through the drawings */
[data-testid="stLayoutWrapper"]:has(> .st-key-teacher_removed) { position: sticky; top: 3.75rem; z-index: 5;
                                                                 background: #fff; padding: 0.25rem 0; }
"""
# each wall grid's narrowest tile, as the variable its grid above reads
WALL_TILES = "".join(f".st-key-wall_tiles_{width} {{ --dl-tile: {width}px; }}" for _, width in WALL_TILE_WIDTHS)
# Phones: every control at least 44 x 44 CSS px (WCAG 2.5.5), the ten digits as two rows of five.
PHONE = """
@media (max-width: 640px) {
  .stMain button, .stMain [role="radio"], .stMain [role="tab"], .stMain a, .stMain summary,
  .stMain [data-baseweb="select"] > div, .stMain input { min-height: 44px !important; min-width: 44px; }
  .stMain label:has(input[type="radio"]), .stMain label:has(input[type="checkbox"]) { min-height: 44px;
                                                                                     align-items: center; }
  .stMain [data-testid="stTooltipHoverTarget"] { min-width: 44px; min-height: 44px; display: inline-flex;
                                                 align-items: center; justify-content: center; }
  [data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] { min-height: 44px; }
  [role="listbox"] [role="option"] { min-height: 44px; }  /* an open select box's choices (drawn outside .stMain) */
  .st-key-language_picker [data-baseweb="select"] > div, .st-key-language_picker input,
  .st-key-language_picker button { min-height: 44px !important; min-width: 44px; }
  [data-testid="stSidebarCollapseButton"] button, [data-testid="stExpandSidebarButton"],
  [data-testid="stToolbar"] button { min-width: 44px; min-height: 44px; }
  /* "»" alone was not found: the button that opens the list of pages says its name beside it ("Pages", in the page's
     language, once ui/language.py has named it: nothing before) */
  [data-testid="stExpandSidebarButton"]::after { content: attr(data-dl-said-aria-label); font-size: 1rem;
                                                 margin-left: 0.25rem; color: var(--dl-caption); }
  .stMain h1 { font-size: 2rem; padding-top: 0.5rem; }  /* room for the answer under the canvas, on screen */
  .st-key-wall_counts { row-gap: 0.75rem !important; }  /* the wall's figures wrap as close rows, not 4rem apart */
  /* the answer close under the canvas, not 4rem below it: its first lines (and a warning) were under the screen's foot */
  .stMain [data-testid="stHorizontalBlock"]:has(.st-key-draw_prediction) { row-gap: 1rem !important; }
  .stMain [class*="st-key-draw_wall_meant_"] [data-testid="stButtonGroup"] > div {
    display: grid; grid-template-columns: repeat(5, minmax(44px, 1fr)); gap: 8px; }
}
"""
# Projected, on a 1920-wide screen read from the back of the room: the wall and the draw page's answer, nothing under
# 24 px, and the digit read larger than the page's title.
PROJECTOR = """
@media (min-width: 1600px) {
  :is(.st-key-wall_page, .st-key-draw_prediction) :is(p, [data-testid="stMetricLabel"] *, [data-testid="stCaptionContainer"] *) {
    font-size: max(1em, 24px); }
  .st-key-draw_prediction [data-testid="stMetricValue"] { font-size: 6rem; line-height: 1.1; }
  .st-key-wall_counts [data-testid="stMetricValue"] { font-size: 4rem; line-height: 1.1; }  /* the class's own figures */
  .stMain:has(.st-key-wall_page) .stMainBlockContainer { padding-top: 2rem; }  /* rows of tiles, not a margin */
  /* The pages a teacher explains from the front (How KNN works, Dataset, Metrics, Mistakes): everything a quarter larger,
     as a browser's 125 % zoom draws it, in the same width (their 14-16 px text was unreadable from the back of a room) */
  html:has(:is(.st-key-how_k, .st-key-dataset_split, .st-key-metrics_in_words, .st-key-mistakes_true)) { font-size: 20px; }
}
"""


def apply() -> None:
    """Add the stylesheet to the page (it takes no room)."""
    colours = f":root {{ --dl-primary: {st.get_option('theme.primaryColor')}; --dl-caption: {CAPTION}; }}"
    st.html(f"<style>{colours}{WALL_TILES}{EVERYWHERE}{PHONE}{PROJECTOR}</style>")
