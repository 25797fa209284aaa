"""The second look's CV search scores settings from cached distances exactly as the classifier reads digits."""

import numpy as np

from mnist_knn import NearestDigitClassifier
from mnist_knn.lab import second_look_search
from mnist_knn.lab.second_look_search import choose, fold_accuracies, held_out_fold
from tests.unit.synthetic import shapes

FIRST_LOOK = {"n_neighbors": 3, "weights": "distance", "feature_kind": "gradients", "n_components": 20}


def test_a_setting_scores_what_the_classifier_itself_reads(monkeypatch):
    X, y = shapes(40, seed=0)
    y[np.random.default_rng(1).random(len(y)) < 0.2] += 1  # a fifth mislabelled (label 3 for some): the vote matters
    train, valid = np.arange(0, 120, 2), np.arange(1, 120, 2)
    for grid, values in (("CANDIDATES", (20,)), ("WINDOWS", (2,)), ("CONTEXTS", (1,))):  # the one setting scored here
        monkeypatch.setattr(second_look_search, grid, values)
    fold = held_out_fold(X, y, train, valid, FIRST_LOOK)
    setting = {"candidates": 20, "agreement": 5, "warp_window": 2, "warp_context": 1, "first_look_share": 0.0}
    scored = fold_accuracies(fold, setting)
    model = NearestDigitClassifier(**{**FIRST_LOOK, "n_neighbors": 6}, **setting, calibration_size=30).fit(X[train], y[train])
    reading = model.read(X[valid])
    assert 0 < reading.neighbors.looked_twice.mean() < 1  # some digits get the second look, some are spared it
    assert 0.5 < scored[(6, "distance")] < 1 and len(set(scored.values())) > 1  # the votes differ, and err
    assert scored[(6, "distance")] == float((reading.predicted == y[valid]).mean())


def test_the_winner_is_the_most_accurate_affordable_setting_and_near_ties_go_to_the_cheaper():
    row = dict(agreement=10, warp_context=1, first_look_share=0.0, n_neighbors=4, weights="distance")
    rows = [{**row, "candidates": 50, "warp_window": 3, "mean_accuracy": 0.9960},  # over the budget
            {**row, "candidates": 50, "warp_window": 2, "mean_accuracy": 0.99500},
            {**row, "candidates": 20, "warp_window": 2, "mean_accuracy": 0.99495},  # as good, to 0.01 points, and cheaper
            {**row, "candidates": 10, "warp_window": 1, "mean_accuracy": 0.9940}]
    assert (choose(rows)["candidates"], choose(rows)["warp_window"]) == (20, 2)
