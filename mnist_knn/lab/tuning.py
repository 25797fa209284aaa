"""Choosing hyperparameters by cross-validation on the training split only, and recording the winner."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold
from tqdm import tqdm

from mnist_knn.lab import second_look_search, writers_search
from mnist_knn.model.augment import COPIES
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.neighbors import WEIGHTINGS, vote
from mnist_knn.storage.records import describe

# Feature steps compared by the search; k and weighting are searched for each of them.
FEATURE_GRID: tuple[dict[str, Any], ...] = (
    {"feature_kind": "pixels", "deskew": False, "n_components": None, "augmentation": "none", "whitening": None},
    {"feature_kind": "pixels", "deskew": True, "n_components": 50, "augmentation": "none", "whitening": None},
    {"feature_kind": "gradients", "deskew": True, "n_components": 60, "augmentation": "none", "whitening": None},
    {"feature_kind": "gradients", "deskew": True, "n_components": 100, "augmentation": "none", "whitening": None},
    {"feature_kind": "gradients", "deskew": True, "n_components": 150, "augmentation": "none", "whitening": None},
    {"feature_kind": "gradients", "deskew": True, "n_components": 100, "augmentation": "shift1", "whitening": None},
    {"feature_kind": "gradients", "deskew": True, "n_components": 100, "augmentation": "none", "whitening": 0.3},
    {"feature_kind": "gradients", "deskew": True, "n_components": 100, "augmentation": "none", "whitening": 1.0},
    {"feature_kind": "gradients", "deskew": True, "n_components": 150, "augmentation": "none", "whitening": 0.1},
    {"feature_kind": "gradients", "deskew": True, "n_components": 150, "augmentation": "none", "whitening": 1.0},
)
K_VALUES = tuple(range(1, 11))
FOLDS = 3


def cross_validate(
    X: np.ndarray,
    y: np.ndarray,
    feature_grid: tuple[dict[str, Any], ...] = FEATURE_GRID,
    k_values: tuple[int, ...] = K_VALUES,
    folds: int = FOLDS,
) -> list[dict[str, Any]]:
    """CV accuracy of every (feature steps, k, weighting); one neighbour search per fold serves all k."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    splits = list(splitter.split(np.zeros(len(y)), y))
    rows = []
    bar = tqdm(total=len(feature_grid) * folds, desc="CV search", unit="fit", disable=None)
    for features in feature_grid:
        scores = {(k, w): [] for k in k_values for w in WEIGHTINGS}
        for fold, (train_rows, valid_rows) in enumerate(splits):
            model = NearestDigitClassifier(n_neighbors=max(k_values), calibration_size=0, **features)
            model.fit(X[train_rows], y[train_rows])
            neighbors = model.nearest_training_digits(X[valid_rows], max(k_values))
            for k, weights in scores:
                predicted = np.argmax(vote(neighbors.distances, neighbors.labels, k, weights), axis=1)
                scores[(k, weights)].append(float((predicted == y[valid_rows]).mean()))
            bar.set_postfix_str(f"{describe(features)}, fold {fold + 1}")
            bar.update()
        for (k, weights), accuracies in scores.items():
            rows.append(
                {**features, "n_neighbors": k, "weights": weights, "fold_accuracies": accuracies,
                 "mean_accuracy": float(np.mean(accuracies)), "std_accuracy": float(np.std(accuracies))}
            )
    bar.close()
    return rows


def search_cost(row: dict[str, Any]) -> int:
    """Stored numbers scanned per query: examples per training digit x dimensions (what one answer costs)."""
    return COPIES[row["augmentation"]] * (row["n_components"] or 784)


def choose_winner(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Among configurations within one fold standard deviation of the best CV accuracy, the cheapest to search.

    Differences smaller than the spread across folds are noise; the app answers every stroke, so the tie goes to
    speed (then to accuracy, then to the smaller k).
    """
    best = max(rows, key=lambda row: row["mean_accuracy"])
    eligible = [row for row in rows if row["mean_accuracy"] >= best["mean_accuracy"] - best["std_accuracy"]]
    return min(eligible, key=lambda row: (search_cost(row), -row["mean_accuracy"], row["n_neighbors"]))


PARAMETER_NAMES = ("n_neighbors", "weights", "feature_kind", "deskew", "n_components", "augmentation", "whitening")
SECOND_LOOK_NAMES = ("candidates", "agreement", "warp_window", "warp_context", "first_look_share", "n_neighbors", "weights")


def search(X: np.ndarray, y: np.ndarray, second_look: bool = True, **grid: Any) -> dict[str, Any]:
    """Run the cross-validated search and return the record: the first look's winner and table, then (with
    `second_look`) the second look's for those feature steps; `winner` is what `train` builds."""
    started = time.perf_counter()
    rows = cross_validate(X, y, **grid)
    first = choose_winner(rows)
    best = max(rows, key=lambda row: row["mean_accuracy"])
    params = {name: first[name] for name in PARAMETER_NAMES}
    winner = {"params": params, "mean_accuracy": first["mean_accuracy"], "std_accuracy": first["std_accuracy"]}
    record = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data": "official MNIST training split only (60,000 digits); the test set is never seen here",
        "n_train": int(len(y)),
        "folds": int(grid.get("folds", FOLDS)),
        "selection": "first look: the cheapest configuration within one fold standard deviation of the best mean CV accuracy",
        "best": {name: best[name] for name in (*PARAMETER_NAMES, "mean_accuracy", "std_accuracy")},
        "first_look_winner": dict(winner),
        "table": rows,
    }
    if second_look:
        record["second_look"] = second_look_search.search(X, y, params, record["folds"])
        chosen = record["second_look"]["winner"]
        winner = {"params": {**params, **{name: chosen[name] for name in SECOND_LOOK_NAMES}},
                  "mean_accuracy": chosen["mean_accuracy"], "std_accuracy": chosen["std_accuracy"]}
        record["beyond_mnist"] = writers_search.search(X, y, params, {name: chosen[name] for name in SECOND_LOOK_NAMES
                                                                      if name not in ("n_neighbors", "weights")})
        winner = {"params": record["beyond_mnist"]["params"], "mean_accuracy": None, "std_accuracy": None,
                  "mnist_hold_out": record["beyond_mnist"]["winner"]["mnist_hold_out"]}
    record["winner"] = winner
    record["seconds"] = round(time.perf_counter() - started, 1)
    return record
