"""How KNN works: your digit among the training digits, its nearest neighbours, and how k and the weighting decide."""

import numpy as np
import streamlit as st

from mnist_knn.config import NEIGHBORS_SHOWN
from mnist_knn.reading.neighbors import WEIGHTINGS, vote
from mnist_knn.ui import loaders, state, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.explain import place, predictions_by_k
from mnist_knn.views.gallery import enlarge
from mnist_knn.views.plots import neighbor_map, prediction_by_k, probability_bars

run_through_app()  # a page URL opened first on a fresh server

st.title("How KNN works")
model, card = widgets.require_model("how")
widgets.require_predictions("how")  # its test digits where k matters come from the stored neighbours
X_train, _, X_test, y_test = widgets.require_mnist()

settings = card.hyperparameters
controls = st.columns([2, 2, 1])
k = controls[0].slider("k: how many neighbours vote", 1, NEIGHBORS_SHOWN, int(settings["n_neighbors"]), key="how_k")
weights = controls[1].radio("Voting", WEIGHTINGS, index=WEIGHTINGS.index(settings["weights"]), key="how_weights", horizontal=True)
examples = loaders.test_digits_where_k_matters(weights)
choices = (["my latest drawing"] if state.drawings() else []) + [f"test digit #{index}" for index in examples]
chosen = controls[2].selectbox("Digit", choices, key="how_digit",
                               help="Your latest drawing from Draw & Predict, or test digits whose prediction changes with k.")
if chosen == "my latest drawing":
    digit, caption = state.drawings()[-1].digit, "your latest drawing"
else:
    index = int(chosen.removeprefix("test digit #"))
    digit, caption = X_test[index], f"test digit #{index}, labelled {y_test[index]}"

neighbors = model.nearest_training_digits(digit, NEIGHBORS_SHOWN)
distances, labels, indices = neighbors.distances[0], neighbors.labels[0], neighbors.indices[0]
probabilities = vote(distances, labels, k, weights)[0]
predicted = int(np.argmax(probabilities))

flat_map = loaders.model_feature_map()
query_point = place(model, flat_map, digit[None])[0]
neighbor_points = place(model, flat_map, X_train[indices])
digit_column, map_column = st.columns([1, 3], gap="large")
with digit_column:
    st.image(enlarge(digit, 168), caption=caption)
    st.metric("Prediction", str(predicted), help="The digit with the largest share of the neighbours' vote.")
    st.markdown("**1. A digit becomes a point.** The model turns the 28 × 28 picture into a list of numbers "
                "(stroke directions, then the 100 most telling combinations of them). Every training digit got the same "
                "treatment, so all 60,000 of them are points in one space.")
with map_column:
    st.plotly_chart(neighbor_map(flat_map.points, flat_map.labels, query_point, neighbor_points, labels, k), key="how_map")
    st.caption(f"{len(flat_map.labels):,} training digits as dots. The map squeezes 100 directions into 2, so a neighbour can "
               "look farther away here than a dot that is not one: the search happens in the full space.")

st.markdown("**2. Distance.** The distance between two digits is the straight-line distance between their points: "
            "small when the strokes run the same way in the same places. Below are the nearest training digits, with their distances.")
widgets.neighbor_strip(indices, distances, labels, k)

vote_column, flip_column = st.columns(2, gap="large")
with vote_column:
    st.markdown(f"**3. The vote.** The {k} nearest neighbours vote; "
                + ("each one counts the same." if weights == "uniform" else "a closer one counts more (weight 1 / distance)."))
    st.plotly_chart(probability_bars(probabilities), key="how_vote")
with flip_column:
    st.markdown("**4. Why k matters.** With k = 1 one odd neighbour decides alone; a larger k outvotes it, but too large "
                "a k lets a crowd of another digit win. Where the line steps, the answer flips.")
    st.plotly_chart(prediction_by_k(predictions_by_k(distances, labels, weights), k), key="how_by_k")
st.caption("Distance weighting often stops a flip: a far crowd counts less than a few close neighbours. Try both.")
