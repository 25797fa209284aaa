"""My drawings: every drawing from this tab, kept across reloads; what it was read as, your label for it, and exports."""

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import KEEP_DAYS, MEMORY_LIMIT
from mnist_knn.classroom.exports import kaggle_csv, png_zip
from mnist_knn.reading.diagnostics import percent
from mnist_knn.ui import loaders, state, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import png_data_url

run_through_app()  # a page URL opened first on a fresh server

NOT_A_DIGIT = "not a digit"
LABELS = [NOT_A_DIGIT, *range(10)]

st.title("My drawings")
try:
    store, me = loaders.drawing_store(), state.student_token()
    drawings = store.drawings(me)
except ClassroomError as error:
    st.error(str(error))
    st.stop()
st.caption(f"Kept for this browser tab: a reload (F5) keeps them, nobody else sees them, and they are deleted {KEEP_DAYS} "
           "days after you made them, or now with the button below.")
if not drawings:
    st.info("No drawings yet. Draw on the Draw & Predict page: each canvas (and each upload) lands here.")
    st.stop()

st.markdown("Each row is one canvas or upload as the model saw it (28 × 28, like MNIST). Your label starts as the model's "
            "reading. Pick the digit you meant, here or on Draw & Predict, and the model learns it: from then on it searches "
            "that drawing beside MNIST's for every drawing you make (only yours). Then download your own small MNIST.")
taught = [d for d in drawings if d.taught and d.label is not None]
if taught:
    counts = ", ".join(f"{label} × {sum(d.label == label for d in taught)}" for label in sorted({d.label for d in taught}))
    st.caption(f"You have taught it {len(taught)} drawing{'s' if len(taught) != 1 else ''} ({counts}); at most "
               f"{MEMORY_LIMIT}. Clear my drawings forgets them too.")
edited = st.data_editor(
    [{"digit": png_data_url(d.digit), "read as": NOT_A_DIGIT if d.not_a_digit else str(d.predicted),
      "how sure": "" if d.chance_right is None else percent(d.chance_right),
      "your label": NOT_A_DIGIT if d.label is None else d.label, "taught": "✓ taught" if d.taught else "",
      "when": widgets.local_time(d.created_at)} for d in drawings],
    column_config={
        "digit": st.column_config.ImageColumn("digit", width="small"),
        "your label": st.column_config.SelectboxColumn("your label", options=LABELS, required=True,
                                                       help="The digit you meant. Change it where the model read you wrong."),
    },
    disabled=["digit", "read as", "how sure", "taught", "when"], hide_index=True, num_rows="fixed", key="drawings_editor",
    row_height=48,
)
try:
    for drawing, row in zip(drawings, edited):
        label = None if row["your label"] == NOT_A_DIGIT else int(row["your label"])
        if label != drawing.label:
            store.set_label(me, drawing.id, label)
    drawings = store.drawings(me)
except ClassroomError as error:
    st.error(f"Your labels were not saved. {error}")
    st.stop()

right = sum(d.label == d.predicted and not d.not_a_digit for d in drawings)
st.metric("Read right", f"{right} of {len(drawings)}", help="Where your label agrees with the model's reading.")
csv_column, zip_column, clear_column = st.columns(3)
csv_column.download_button("Download CSV (Kaggle layout)", kaggle_csv([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.csv", mime="text/csv", key="drawings_csv", icon=":material/table:",
                           help="label,pixel0..pixel783: the layout of Kaggle's digit-recognizer train.csv "
                                "(no label: not a digit).")
zip_column.download_button("Download PNGs (zip)", png_zip([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.zip", mime="application/zip", key="drawings_zip", icon=":material/folder_zip:")
if clear_column.button("Clear my drawings", key="drawings_clear", icon=":material/delete:"):
    try:
        store.forget(me)
    except ClassroomError as error:
        st.error(f"Nothing was deleted. {error}")
        st.stop()
    st.rerun()
