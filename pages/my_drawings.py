"""My drawings: every drawing of this session, its reading, the label you give it, and exports."""

import streamlit as st

from mnist_knn.classroom.drawings import iso_time, kaggle_csv, png_zip, relabel
from mnist_knn.ui import state
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import png_data_url

run_through_app()  # a page URL opened first on a fresh server

st.title("My drawings")
drawings = state.drawings()
if not drawings:
    st.info("No drawings yet in this session. Draw on the Draw & Predict page: each canvas (and each upload) lands here.")
    st.stop()

st.caption("Each row is one canvas or upload as the model saw it (28 × 28, MNIST format). The label starts as the model's "
           "reading: correct it where the model was wrong, then download your own small MNIST.")
edited = st.data_editor(
    [{"digit": png_data_url(d.digit), "read as": d.predicted, "confidence": d.confidence, "label": d.label,
      "time (UTC)": iso_time(d.created_at)} for d in drawings],
    column_config={
        "digit": st.column_config.ImageColumn("digit", width="small"),
        "confidence": st.column_config.ProgressColumn("confidence", format="percent", min_value=0, max_value=1),
        "label": st.column_config.SelectboxColumn("label (yours)", options=list(range(10)), required=True,
                                                  help="The digit you meant. Change it where the model read you wrong."),
    },
    disabled=["digit", "read as", "confidence", "time (UTC)"], hide_index=True, num_rows="fixed", key="drawings_editor", row_height=48,
)
drawings = relabel(drawings, [row["label"] for row in edited])
state.set_drawings(drawings)

wrong = sum(d.label != d.predicted for d in drawings)
st.metric("Read right", f"{len(drawings) - wrong} of {len(drawings)}", help="Where your label agrees with the model's reading.")
csv_column, zip_column, clear_column = st.columns(3)
csv_column.download_button("Download CSV (Kaggle layout)", kaggle_csv([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.csv", mime="text/csv", key="drawings_csv", icon=":material/table:",
                           help="label,pixel0..pixel783: the layout of Kaggle's digit-recognizer train.csv.")
zip_column.download_button("Download PNGs (zip)", png_zip(drawings), file_name="my-drawings.zip", mime="application/zip",
                           key="drawings_zip", icon=":material/folder_zip:")
clear_column.button("Clear my drawings", key="drawings_clear", icon=":material/delete:",
                    on_click=lambda: state.set_drawings([]))
