"""How KNN works: your digit among the training digits, its neighbours, the second look, the vote, and why features matter."""

import numpy as np
import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.reading.diagnostics import percent
from mnist_knn.reading.neighbors import WEIGHTINGS, vote
from mnist_knn.reading.second_look import warped_onto
from mnist_knn.ui import loaders, state, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.explain import flip_name, predictions_by_k
from mnist_knn.views.pictures import digit_strip, vote_bars
from mnist_knn.views.plots import among_real_digits, neighbor_map, prediction_by_k
from mnist_knn.views.projection import place

run_through_app()  # a page URL opened first on a fresh server

LATEST = "my latest drawing"

st.title("How KNN works")
model, card = widgets.require_model("how")
stored = widgets.require_predictions("how")  # its examples come from the stored readings of the test digits
X_train, _, X_test, y_test = widgets.require_mnist()
try:
    drawings = loaders.drawing_store().drawings(state.student_token())
except ClassroomError as error:
    drawings = []
    st.warning(f"Your own drawings cannot be shown now. {error}")

settings = card.hyperparameters
controls = st.columns([2, 2, 2])
k = controls[0].slider("k: how many neighbours vote", 1, NEIGHBORS_SHOWN, int(settings["n_neighbors"]), key="how_k")
weights = controls[1].radio("Voting", WEIGHTINGS, index=WEIGHTINGS.index(settings["weights"]), key="how_weights", horizontal=True)
examples = {flip_name(stored["neighbor_distances"][index], stored["neighbor_labels"][index], int(y_test[index]), weights): index
            for index in loaders.test_digits_where_k_matters(weights)}
chosen = controls[2].selectbox("Digit", ([LATEST] if drawings else []) + list(examples), key="how_digit",
                               help="Your latest drawing from Draw & Predict, or test digits whose answer changes with k.")
digit, caption = ((drawings[-1].digit, "your latest drawing") if chosen == LATEST
                  else (X_test[examples[chosen]], f"test digit #{examples[chosen]}, {chosen}"))

reading = model.read(digit, NEIGHBORS_SHOWN)
neighbors, novelty = reading.neighbors, reading.novelty
distances, labels, indices = neighbors.distances[0], neighbors.labels[0], neighbors.indices[0]
shares = vote(distances, labels, k, weights)[0]
predicted = int(np.argmax(shares))

flat_map = loaders.model_feature_map()
digit_column, map_column = st.columns([1, 3], gap="large")
with digit_column:
    st.image(digit_strip([digit], [caption.split(",")[0]], side=168))
    st.metric("Reads as", "Not a digit" if novelty.flagged[0] else str(predicted))
    st.markdown("**1. A digit becomes a point.** The model turns the 28 × 28 picture into a list of numbers: which way "
                "the strokes run, and where. Every training digit got the same treatment, so all 60,000 are points in one "
                "space, and a new digit is read by the points nearest to it.")
with map_column:
    st.plotly_chart(neighbor_map(flat_map.points, flat_map.labels, place(model, flat_map, digit[None])[0],
                                 place(model, flat_map, X_train[indices]), k), key="how_map")
    st.caption(f"{len(flat_map.labels):,} training digits as dots, the {k} nearest to yours ringed in black. The map "
               "squeezes 100 directions into 2, so it can mislead: a star may sit among another digit's dots, and a "
               "neighbour can look far away. The neighbours are found in the full space.")

st.markdown("**2. Distance.** How different two digits are after the model's steps. The nearest training digits:")
widgets.neighbor_strip(indices, distances, labels, NEIGHBORS_SHOWN, k)

st.markdown("**3. Is it a digit at all?** A nearest-neighbour model knows when a drawing is far from everything it "
            "remembers. Here is how far real digits (held out from training) are from their nearest training digit, "
            "and how far yours is.")
calibration = model.calibration_
st.plotly_chart(among_real_digits(calibration.first_look_quantiles, float(novelty.first_look[0]), calibration.limits[0],
                                  "Your drawing among real digits"), key="how_novelty")
st.caption(f"Yours is farther away than {novelty.first_farther_than[0]:.1%} of real digits. Past the dotted line "
           f"(farther than {1 - calibration.false_alarm_rate / 2:.1%} of them) a drawing is called not a digit; the "
           "second look has its own line, for drawings that only fit when pixels move a lot.")

st.markdown(f"**4. A second look.** The first look is fast and usually enough. When its {model.agreement} nearest "
            f"candidates disagree, the model looks again at its {model.candidates} nearest, and this time each pixel may "
            f"move up to {model.warp_window} pixels to find its match: a stroke drawn a little higher, wider or bent "
            "still fits.")
if neighbors.looked_twice[0]:
    before = neighbors.first_rank[0]
    warp_column, rank_column = st.columns([2, 3], gap="large")
    with warp_column:
        straight = model.straighten(digit[None])[0]
        nearest = model.straight_memory_[indices[0]]
        st.image(digit_strip([straight, nearest, warped_onto(straight, nearest, model.warp_window, model.warp_context)],
                             ["yours", f"nearest: a {labels[0]}", "it, moved\nonto yours"], side=112))
        st.caption("Right: the nearest training digit with each of your pixels' best match moved into place.")
    with rank_column:
        widgets.places_before_and_after(labels, before, k, key="how_ranks")
        st.caption("The nearest after the second look, and where each one stood in the first.")
else:
    st.info(f"Here the first look's {model.agreement} nearest all agreed ({labels[0]}), so no second look was needed.")

vote_column, flip_column = st.columns(2, gap="large")
with vote_column:
    st.markdown(f"**5. The vote.** The {k} nearest vote; "
                + ("each one counts the same." if weights == "uniform" else "a closer one counts more (weight 1 / distance)."))
    st.image(vote_bars(shares, predicted))
    if (k, weights) == (settings["n_neighbors"], settings["weights"]) and not novelty.flagged[0]:
        chance = percent(float(reading.chance_right[0]))
        st.caption(f"How sure: {chance} (of held-out digits read like this, that many were right).")
with flip_column:
    st.markdown("**6. Why k matters.** With k = 1 one odd neighbour decides alone; a larger k outvotes it, but too large "
                "a k lets a crowd of another digit win. Where the line steps, the answer flips.")
    st.plotly_chart(prediction_by_k(predictions_by_k(distances, labels, weights), k), key="how_by_k")

st.markdown("**7. Why the features matter.** Every textbook KNN compares raw pixels. This model compares stroke "
            "directions after straightening the slant. The same digit, read both ways:")
textbook = loaders.textbook_knn()
plain = textbook.read(digit, NEIGHBORS_SHOWN, judge=False)
ours_column, textbook_column = st.columns(2, gap="large")
for column, name, compares, read, voters, voting in (
    (ours_column, "This model", "compares which way the strokes run, after the slant is removed", reading, k, weights),
    (textbook_column, "The textbook KNN", "compares the 784 grey levels, pixel by pixel, as drawn", plain,
     textbook.n_neighbors, textbook.weights),
):
    with column:
        answer = int(vote(read.neighbors.distances, read.neighbors.labels, voters, voting)[0].argmax())
        st.markdown(f"**{name}** {compares}. Its {voters} nearest vote: **{answer}**.")
        st.image(digit_strip([X_train[index] for index in read.neighbors.indices[0, :voters]],
                             [str(label) for label in read.neighbors.labels[0, :voters]], highlighted=voters, side=64))
st.caption("Draw a thick, small or slanted digit on Draw & Predict and come back: raw pixels often go wrong where stroke "
           "directions do not.")
