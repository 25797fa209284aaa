"""A gallery's pictures chosen with a click or a tap: Mistakes opens the digit clicked in its gallery below it."""

from __future__ import annotations

import streamlit as st

# The gallery stays the one picture it was (widgets.picture: a group a screen reader names by its sentence); this
# component draws nothing. A click or tap on one of the gallery's figures tells the page which, by its place in the
# gallery, and brings the place where it is explained (`shown_at`) into sight. The keyboard's way stays the select box
# beside it, so the figures add no Tab stops (200 of them would stand between the filters and that box).
CHOOSE_BY_CLICK = """
export default function (component) {
  const data = component.data || {};
  window.__digitLabGallery = {choose: (place) => component.setTriggerValue('chosen', place), ...data};
  if (window.__digitLabGalleryWatched) return;
  window.__digitLabGalleryWatched = true;
  document.addEventListener('click', (clicked) => {
    const gallery = window.__digitLabGallery;
    const figure = clicked.target.closest && clicked.target.closest(`.st-key-${gallery.gallery} figure`);
    if (!figure) return;
    const place = [...figure.parentElement.children].indexOf(figure);
    gallery.choose(place);
    document.querySelector(`.st-key-${gallery.shown_at}`)?.scrollIntoView({block: 'center', behavior: 'smooth'});
  });
}
"""


@st.cache_resource
def _chooser():
    """The component, registered once per server."""
    return st.components.v2.component("digit-lab.gallery-chooser", js=CHOOSE_BY_CLICK, html="<span></span>")


def place_clicked(gallery_key: str, shown_at: str) -> int | None:
    """The place, in the gallery in the container `gallery_key`, of the picture clicked or tapped since the last run
    (None: none); a click also brings the element keyed `shown_at` into sight."""
    chosen = _chooser()(key=f"{gallery_key}_chooser", data={"gallery": gallery_key, "shown_at": shown_at},
                        on_chosen_change=lambda: None).chosen
    return chosen if isinstance(chosen, int) else None
