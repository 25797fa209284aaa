"""My drawings: every drawing from this tab, kept across reloads; what it was read as, your label for it, and exports."""

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import KEEP_DAYS, MEMORY_LIMIT
from mnist_knn.classroom.exports import kaggle_csv, png_zip
from mnist_knn.language import N_, _, ngettext, number
from mnist_knn.reading.diagnostics import percent
from mnist_knn.ui import loaders, state, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import png_data_url

run_through_app()  # a page URL opened first on a fresh server

NOT_A_DIGIT = N_("not a digit")
LABELS = [NOT_A_DIGIT, *range(10)]

st.title(_("My drawings"), anchor=False)
try:
    store, me = loaders.drawing_store(), state.student_token()
    drawings = store.drawings(me)
except ClassroomError as error:
    st.error(str(error))
    st.stop()
st.caption(_("Kept for this browser tab: a reload (F5) keeps them, nobody else sees them, and they are deleted {days} "
             "days after you made them, or now with the button below.").format(days=KEEP_DAYS))
if not drawings:
    st.info(_("No drawings yet. Draw on the Draw & Predict page: each canvas (and each upload) lands here."))
    st.stop()

st.markdown(_("Each row is one canvas or upload as the model saw it (28 × 28, like MNIST). Your label starts as the "
              "model's reading. Pick the digit you meant, here or on Draw & Predict, and the model learns it: from then on it "
              "searches that drawing beside MNIST's for every drawing you make (only yours). Then download your own small "
              "MNIST."))
taught = [d for d in drawings if d.taught and d.label is not None]
if taught:
    counts = ", ".join(f"{label} × {sum(d.label == label for d in taught)}" for label in sorted({d.label for d in taught}))
    st.caption(ngettext("You have taught it {count} drawing ({counts}); at most {limit}. Clear my drawings forgets them too.",
                        "You have taught it {count} drawings ({counts}); at most {limit}. Clear my drawings forgets them too.",
                        len(taught)).format(count=number(len(taught)), counts=counts, limit=number(MEMORY_LIMIT)))
NAMES = {"digit": _("digit"), "read as": _("read as"), "how sure": _("how sure"), "your label": _("your label"),
         "taught": _("taught"), "when": _("when")}  # the columns' headings; the rows keep these keys
edited = st.data_editor(
    [{"digit": png_data_url(d.digit), "read as": _(NOT_A_DIGIT) if d.not_a_digit else str(d.predicted),
      "how sure": "" if d.chance_right is None else percent(d.chance_right),
      "your label": NOT_A_DIGIT if d.label is None else d.label, "taught": _("✓ taught") if d.taught else "",
      "when": widgets.local_time(d.created_at)} for d in drawings],
    column_config={
        **{column: st.column_config.Column(name) for column, name in NAMES.items()},
        "digit": st.column_config.ImageColumn(NAMES["digit"], width="small"),
        "your label": st.column_config.SelectboxColumn(NAMES["your label"], options=LABELS, required=True,
                                                       format_func=lambda label: _(label) if label == NOT_A_DIGIT else label,
                                                       help=_("The digit you meant. Change it where the model read you "
                                                              "wrong.")),
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
    st.error(_("Your labels were not saved. {error}").format(error=error))
    st.stop()

right = sum(d.label == d.predicted and not d.not_a_digit for d in drawings)
st.metric(_("Read right"), _("{right} of {count}").format(right=number(right), count=number(len(drawings))),
          help=_("Where your label agrees with the model's reading."))
csv_column, zip_column, clear_column = st.columns(3)
csv_column.download_button(_("Download CSV (Kaggle layout)"),
                           kaggle_csv([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.csv", mime="text/csv", key="drawings_csv", icon=":material/table:",
                           help=_("label,pixel0..pixel783: the layout of Kaggle's digit-recognizer train.csv "
                                  "(no label: not a digit)."))
zip_column.download_button(_("Download PNGs (zip)"), png_zip([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.zip", mime="application/zip", key="drawings_zip", icon=":material/folder_zip:")
if clear_column.button(_("Clear my drawings"), key="drawings_clear", icon=":material/delete:"):
    try:
        store.forget(me)
    except ClassroomError as error:
        st.error(_("Nothing was deleted. {error}").format(error=error))
        st.stop()
    st.rerun()
