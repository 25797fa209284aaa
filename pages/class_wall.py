"""Class wall: every drawing the class sends, live; the teacher opens, closes and clears it."""

import streamlit as st

from mnist_knn.classroom.drawings import iso_time
from mnist_knn.classroom.wall import WallError, class_accuracy, class_confusion
from mnist_knn.ui import classroom, loaders, state
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import compose_grid, png_data_url
from mnist_knn.views.plots import confusion_heatmap

run_through_app()  # a page URL opened first on a fresh server

REFRESH_SECONDS = 3
THUMBNAILS_SHOWN = 50

st.title("Class wall")
st.caption("Drawings sent from the Draw & Predict page appear here within a few seconds, without reloading: "
           "project this page while the class draws.")
wall = classroom.open_wall()
if wall is None:
    st.stop()


@st.fragment(run_every=REFRESH_SECONDS)
def live_wall() -> None:
    """Everything on the wall; Streamlit reruns just this part every few seconds."""
    try:
        submissions, is_open = loaders.wall_submissions(), wall.is_open()
    except WallError as error:
        st.error(str(error))
        return
    accuracy, judged = class_accuracy(submissions)
    counts = st.columns(3)
    counts[0].metric("Drawings", len(submissions))
    counts[1].metric("Class accuracy", "–" if accuracy is None else f"{accuracy:.0%}",
                     help="Among drawings sent with the digit their author meant: how often the model read that digit.")
    counts[2].metric("Wall", "open" if is_open else "closed")
    if not submissions:
        st.info("Nothing on the wall yet. Draw a digit on the Draw & Predict page and press 'Send to class wall'.")
        return
    newest = submissions[::-1][:THUMBNAILS_SHOWN]
    captions = [f"{s.predicted}" if s.intended is None else f"{s.intended}>{s.predicted}" for s in newest]
    with st.container(key="wall_thumbnails"):
        st.image(compose_grid([s.digit for s in newest], min(10, len(newest)), scale=3, captions=captions),
                 caption=f"The newest {len(newest)}: meant > read (just the reading when the author did not say)")
    table_column, confusion_column = st.columns([3, 2])
    table_column.dataframe(
        [{"digit": png_data_url(s.digit), "nickname": s.nickname, "meant": s.intended, "read": s.predicted,
          "right?": {True: "yes", False: "no", None: ""}[s.matched], "confidence": s.confidence, "sent (UTC)": iso_time(s.created_at)}
         for s in newest],
        column_config={"digit": st.column_config.ImageColumn("digit", width="small"),
                       "confidence": st.column_config.ProgressColumn("confidence", format="percent", min_value=0, max_value=1)},
        hide_index=True, key="wall_table", row_height=40)
    if judged:
        confusion_column.plotly_chart(confusion_heatmap(class_confusion(submissions), normalise=False, rows="meant", columns="read",
                                                          title="The class's confusion matrix"), key="wall_confusion")


live_wall()

with st.expander("Teacher controls", icon=":material/lock:"):
    if classroom.teacher_unlocked():
        try:
            if wall.is_open():
                if st.button("Close the wall (students cannot send)", key="wall_close", icon=":material/block:"):
                    wall.set_open(False)
                    st.rerun()
            elif st.button("Open the wall", key="wall_open", icon=":material/play_arrow:"):
                wall.set_open(True)
                st.rerun()
            confirm = st.checkbox("Yes, remove every drawing from the wall", key="wall_confirm_clear")
            if st.button("Clear the wall", key="wall_clear", icon=":material/delete_forever:", disabled=not confirm):
                st.success(f"Removed {wall.clear()} drawing(s).")
        except WallError as error:
            st.error(str(error))
        if st.button("Lock the teacher controls", key="wall_lock"):
            state.set_teacher_unlocked(False)
            st.rerun()
