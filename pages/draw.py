"""Draw & Predict: draw a digit (or upload a photo) and see how the nearest-neighbour model reads it."""

import streamlit as st

from mnist_knn.language import N_, _, names_now
from mnist_knn.ui.canvas import digit_canvas
from mnist_knn.ui.navigation import arrived, run_through_app
from mnist_knn.ui.state import wall_session_id

run_through_app()  # a page URL opened first on a fresh server

SOURCES = [N_("Draw"), N_("Upload a photo")]
UPLOAD_TYPES = ["png", "jpg", "jpeg", "bmp", "gif", "webp"]
GENERATION = "draw_canvas_generation"  # a new number, a new (empty) canvas

st.session_state.setdefault(GENERATION, 0)
if arrived():  # a new visit to this page gets a new canvas (and a new entry in My drawings)
    st.session_state[GENERATION] += 1
st.title(_("Draw & Predict"), anchor=False)  # no "link to heading" stop for the Tab key
# A radio group: the arrow keys switch between drawing and uploading (a segmented control needs Space as well). The choice
# is kept for the session: someone who uploads (with a keyboard, say) finds the uploader again on the next visit.
source = st.radio(_("How to give it a digit"), SOURCES, key="draw_source", horizontal=True,
                  format_func=names_now(SOURCES), label_visibility="collapsed", persist_state="session")


def new_canvas() -> None:
    """Start an empty canvas (and, with the first stroke on it, a new entry in My drawings)."""
    st.session_state[GENERATION] += 1


@st.fragment
def drawing_and_reading() -> None:
    """The canvas (or upload) and everything read from it: a stroke reruns only this part of the page."""
    drawn_column, answer_column = st.columns([1, 1], gap="large")
    with drawn_column:
        # each browser session's canvases have their own names: a reload never writes over a drawing kept (or taught) before
        image, polarity, origin = None, "auto", f"canvas-{wall_session_id()[:12]}-{st.session_state[GENERATION]}"
        blank = None  # what an image without ink is told (a canvas: how to draw, again)
        if source == "Draw":
            polarity = "light-on-dark"
            hint = _("Draw one digit, large, in white. It is read when you lift your finger or the mouse. With a keyboard, "
                     "choose **Upload a photo** above (the arrow keys switch) and give it a photo or an image file of one digit.")
            image = digit_canvas(f"draw_canvas_{st.session_state[GENERATION]}", st.session_state.get("draw_brush", 20))
            with st.container(horizontal=True):  # one row, on a phone too: the answer stays close under the canvas
                st.button(_("Clear canvas"), key="draw_clear", icon=":material/delete:", on_click=new_canvas)
                with st.popover(_("Pen size"), icon=":material/edit:"):
                    st.slider(_("Pen size"), 8, 40, 20, key="draw_brush", label_visibility="collapsed", persist_state="session")
        else:
            hint = _("Choose a photo or an image file of one handwritten digit: it is read as soon as it is uploaded. "
                     "**Draw** above switches back to the canvas.")
            # images only: a phone's picker then offers photos (and Safari, reportedly, sends a HEIC photo as JPEG); a
            # file of another type is refused in the uploader's words, shown by ui/style.py; one that is no image, below
            upload = st.file_uploader(_("A photo or scan of one handwritten digit"), type=UPLOAD_TYPES, key="draw_upload")
            if upload is not None:
                origin = f"upload-{upload.file_id}"
                blank = _("No digit found in this image: it is blank, or its ink too faint to tell from the paper. Try "
                          "a photo of dark ink on light paper, with the digit large in the picture.")
                from mnist_knn.reading.images import decode_image

                try:
                    image = decode_image(upload.getvalue(), _("The uploaded file"))  # never echo user text as Markdown
                    st.image(image, caption=_("Your upload"), width=200, alt=_("The photo or image you uploaded"))
                except ValueError as error:
                    st.error(str(error))
    from mnist_knn.ui import reading_view  # imported only now: the canvas is on screen while scikit-learn loads

    reading_view.show(image, polarity, origin, answer_column, hint, blank)


drawing_and_reading()
