"""A gallery's pictures chosen with a click or a tap: Mistakes opens the digit clicked in its gallery below it."""

from __future__ import annotations

import streamlit as st

# The gallery stays the one picture it was (widgets.picture: a group a screen reader names by its sentence); this
# component draws nothing. A click or tap on one of the gallery's figures tells the page which, by the id the figure
# carries (digit_strip's `ids`: a figure of a gallery drawn before, clicked while the page redraws, names its own digit,
# not whatever now stands in its place), and brings the place where it is explained (`shown_at`) into sight. The
# keyboard's way stays the select box beside it, so the figures add no Tab stops (200 of them would stand between the
# filters and that box).
CHOOSE_BY_CLICK = """
export default function (component) {
  const data = component.data || {};
  window.__digitLabGallery = {choose: (id) => component.setTriggerValue('chosen', id), ...data};
  if (window.__digitLabGalleryWatched) return;
  window.__digitLabGalleryWatched = true;
  document.addEventListener('click', (clicked) => {
    const gallery = window.__digitLabGallery;
    const figure = clicked.target.closest && clicked.target.closest(`.st-key-${gallery.gallery} figure`);
    if (!figure) return;
    const id = Number(figure.dataset.id);
    if (!figure.dataset.id || !Number.isInteger(id)) return;
    gallery.choose(id);
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.querySelector(`.st-key-${gallery.shown_at}`)?.scrollIntoView({block: 'center', behavior: still ? 'auto' : 'smooth'});
  });
}
"""


@st.cache_resource
def _chooser():
    """The component, registered once per server."""
    return st.components.v2.component("digit-lab.gallery-chooser", js=CHOOSE_BY_CLICK, html="<span></span>")


def picture_clicked(gallery_key: str, shown_at: str) -> int | None:
    """The id (digit_strip's `ids`) of the picture clicked or tapped, since the last run, in the gallery in the container
    `gallery_key` (None: none); a click also brings the element keyed `shown_at` into sight."""
    chosen = _chooser()(key=f"{gallery_key}_chooser", data={"gallery": gallery_key, "shown_at": shown_at},
                        on_chosen_change=lambda: None).chosen
    return chosen if isinstance(chosen, int) else None
