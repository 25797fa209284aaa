"""Draw & Predict: draw a digit (or upload a photo) and see how the nearest-neighbour model reads it."""

import hashlib

import numpy as np
import streamlit as st

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.reading.images import decode_image
from mnist_knn.ui.canvas import digit_canvas
from mnist_knn.ui.navigation import run_through_app

run_through_app()  # a page URL opened first on a fresh server

UPLOAD_TYPES = ["png", "jpg", "jpeg", "bmp", "gif", "webp"]

st.session_state.setdefault("draw_canvas_generation", 0)
if "draw_source" not in st.session_state:  # a new visit to this page gets a new canvas (and a new entry in My drawings)
    st.session_state.draw_canvas_generation += 1
st.title("Draw & Predict")

left, right = st.columns([1, 1], gap="large")
with left:
    source = st.radio("Input", ["Draw", "Upload a photo"], key="draw_source", horizontal=True)
    image, polarity, origin = None, "auto", f"canvas-{st.session_state.draw_canvas_generation}"
    if source == "Draw":
        polarity = "light-on-dark"
        st.caption("Draw one digit, large, in white on the black square. The prediction updates when you lift the mouse.")
        image = digit_canvas(f"draw_canvas_{st.session_state.draw_canvas_generation}", st.session_state.get("draw_brush", 20))
        brush_column, clear_column = st.columns([2, 1], vertical_alignment="bottom")
        brush_column.slider("Brush size", 8, 40, 20, key="draw_brush")
        if clear_column.button("Clear canvas", key="draw_clear", icon=":material/delete:"):
            st.session_state.draw_canvas_generation += 1
            st.rerun()
    else:
        upload = st.file_uploader("A photo or scan of one handwritten digit", type=UPLOAD_TYPES, key="draw_upload")
        if upload is not None:
            origin = f"upload-{upload.file_id}"
            try:
                image = decode_image(upload.getvalue(), "The uploaded file")  # never echo user text as Markdown
                st.image(image, caption="Your upload", width=200)
            except ValueError as error:
                st.error(str(error))

# Imported only now, so the canvas is on screen (and drawable) while scikit-learn and the model load.
from mnist_knn import canvas_to_mnist_stages  # noqa: E402
from mnist_knn.classroom.drawings import record  # noqa: E402
from mnist_knn.reading.diagnostics import verdict  # noqa: E402
from mnist_knn.reading.neighbors import WEIGHTINGS, vote  # noqa: E402
from mnist_knn.ui import classroom, state, widgets  # noqa: E402
from mnist_knn.views.gallery import enlarge  # noqa: E402
from mnist_knn.views.plots import probability_bars  # noqa: E402

stages = canvas_to_mnist_stages(image, polarity) if image is not None else None
with right:
    model, card = widgets.require_model("draw")
    settings = card.hyperparameters
    prediction_box = st.container(key="prediction")
    k = st.slider("k: how many neighbours vote", 1, NEIGHBORS_SHOWN, int(settings["n_neighbors"]), key="draw_k")
    weights = st.radio("Voting", WEIGHTINGS, index=WEIGHTINGS.index(settings["weights"]), key="draw_weights", horizontal=True,
                       help="uniform: one neighbour, one vote. distance: closer neighbours count more (weight 1/distance).")
    if stages is None:
        prediction_box.info("Draw a digit on the canvas (or upload a photo) and the model will read it here.")
        st.stop()
    learn = st.toggle("Learn from the class", key="draw_learn",
                      help="A KNN learns by remembering: drawings on the class wall that carry the digit their author meant "
                           "join the neighbours searched here.")
    class_examples = classroom.class_memory(learn)
    digest = hashlib.sha256(stages.centred.tobytes()).hexdigest()
    searched = digest if class_examples is None else None  # the class's drawings change: then read on every run
    if searched is None or st.session_state.get("draw_reading_of") != searched:
        st.session_state.draw_reading = model.read(stages.centred, NEIGHBORS_SHOWN, class_examples)
        st.session_state.draw_reading_of = searched
    reading = st.session_state.draw_reading
    neighbors = reading.neighbors
    probabilities = vote(neighbors.distances, neighbors.labels, k, weights)[0]
    predicted = int(np.argmax(probabilities))
    judged = verdict(stages.ink, reading.novelty, 0, float(reading.chance_right[0]))
    if judged.not_a_digit:
        prediction_box.metric("Prediction", "Not a digit", help="The drawing is too far from every digit the model knows.")
        prediction_box.caption(f"The closest digit would be {predicted}, but the model does not trust it.")
    else:
        prediction_box.metric("Prediction", str(predicted), help="The digit with the largest share of the neighbours' vote.")
        neighbors_named = "1 neighbour" if k == 1 else f"{k} neighbours"
        prediction_box.caption(f"Share of the vote {probabilities[predicted]:.0%} · {neighbors_named} · {weights} voting")
    for warning in judged.reasons + judged.warnings:
        prediction_box.warning(warning)
    state.set_drawings(record(state.drawings(), origin, stages.centred, predicted, probabilities[predicted]))
    classroom.send_to_wall_form(stages.centred, predicted, probabilities[predicted], digest)

chart_column, stages_column = st.columns([1, 1], gap="large")
with chart_column:
    st.plotly_chart(probability_bars(probabilities), key="draw_probabilities")
with stages_column:
    st.subheader("How your drawing becomes an MNIST digit")
    shown = [(stages.crop, "1. cropped to the ink"), (stages.fitted, "2. longer side 20 px"),
             (stages.centred, "3. centred by mass in 28×28"), (stages.model_input, "4. deskewed: the model's input")]
    for column, (stage, caption) in zip(st.columns(4), shown):
        column.image(enlarge(stage, 112), caption=caption, width="stretch")

st.subheader("The nearest training digit and its vote" if k == 1 else f"The {k} nearest training digits and their vote")
widgets.neighbor_strip(neighbors.indices[0], neighbors.distances[0], neighbors.labels[0], k, neighbors.from_extra[0],
                        class_examples.images if class_examples else None)
votes = {digit: share for digit, share in enumerate(probabilities) if share > 0}
st.caption("Vote: " + " · ".join(f"{digit}: {share:.0%}" for digit, share in sorted(votes.items(), key=lambda item: -item[1])))
