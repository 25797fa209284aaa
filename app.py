"""Digit Lab: draw a digit and see how a k-nearest-neighbour model reads it."""

import streamlit as st

st.set_page_config(page_title="Digit Lab", page_icon=":material/draw:", layout="wide")
navigation = st.navigation(
    [
        st.Page("pages/draw.py", title="Draw & Predict", icon=":material/draw:", default=True),
        st.Page("pages/dataset.py", title="Dataset", icon=":material/grid_view:"),
        st.Page("pages/metrics.py", title="Metrics", icon=":material/monitoring:"),
        st.Page("pages/mistakes.py", title="Mistakes", icon=":material/search:"),
    ]
)
navigation.run()
