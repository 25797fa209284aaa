"""Choosing hyperparameters by cross-validation on the training split only, and recording the winner."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any, Callable

import numpy as np
from sklearn.model_selection import StratifiedKFold

from mnist_knn.model import NearestDigitClassifier
from mnist_knn.neighbors import WEIGHTINGS, vote

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
    log: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """CV accuracy of every (feature steps, k, weighting); one neighbour search per fold serves all k."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    splits = list(splitter.split(np.zeros(len(y)), y))
    rows = []
    steps, started = len(feature_grid) * folds, time.perf_counter()
    for grid_index, features in enumerate(feature_grid):
        scores = {(k, w): [] for k in k_values for w in WEIGHTINGS}
        for fold, (train_rows, valid_rows) in enumerate(splits):
            model = NearestDigitClassifier(n_neighbors=max(k_values), **features).fit(X[train_rows], y[train_rows])
            neighbours = model.nearest_training_digits(X[valid_rows], max(k_values))
            for k, weights in scores:
                predicted = np.argmax(vote(neighbours.distances, neighbours.labels, k, weights), axis=1)
                scores[(k, weights)].append(float((predicted == y[valid_rows]).mean()))
            done = grid_index * folds + fold + 1
            log(f"[{done}/{steps}] {describe(features)} fold {fold + 1}: {time.perf_counter() - started:.0f} s")
        for (k, weights), accuracies in scores.items():
            rows.append(
                {**features, "n_neighbors": k, "weights": weights, "fold_accuracies": accuracies,
                 "mean_accuracy": float(np.mean(accuracies)), "std_accuracy": float(np.std(accuracies))}
            )
    return rows


def describe(features: dict[str, Any]) -> str:
    """A short human name for a set of feature steps."""
    parts = [("deskewed " if features["deskew"] else "") + features["feature_kind"]]
    parts.append(f"PCA {features['n_components']}" if features["n_components"] else "no PCA")
    if features["augmentation"] != "none":
        parts.append(f"+ {features['augmentation']} augmentation")
    if features.get("whitening") is not None:
        parts.append(f"within-class whitening ({features['whitening']})")
    return ", ".join(parts)


def search_cost(row: dict[str, Any]) -> int:
    """Stored numbers scanned per query: examples per training digit x dimensions (what one answer costs)."""
    copies = 1 if row["augmentation"] == "none" else 5
    return copies * (row["n_components"] or 784)


def choose_winner(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Among configurations within one fold standard deviation of the best CV accuracy, the cheapest to search.

    Differences smaller than the spread across folds are noise; the app answers every stroke, so the tie goes to
    speed (then to accuracy, then to the smaller k).
    """
    best = max(rows, key=lambda row: row["mean_accuracy"])
    eligible = [row for row in rows if row["mean_accuracy"] >= best["mean_accuracy"] - best["std_accuracy"]]
    return min(eligible, key=lambda row: (search_cost(row), -row["mean_accuracy"], row["n_neighbors"]))


PARAMETER_NAMES = ("n_neighbors", "weights", "feature_kind", "deskew", "n_components", "augmentation", "whitening")


def search(X: np.ndarray, y: np.ndarray, log: Callable[[str], None] = print, **grid: Any) -> dict[str, Any]:
    """Run the cross-validated search and return the record: winner, table, folds, time."""
    started = time.perf_counter()
    rows = cross_validate(X, y, log=log, **grid)
    winner = choose_winner(rows)
    best = max(rows, key=lambda row: row["mean_accuracy"])
    return {
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "data": "official MNIST training split only (60,000 digits); the test set is never seen here",
        "n_train": int(len(y)),
        "folds": int(grid.get("folds", FOLDS)),
        "seconds": round(time.perf_counter() - started, 1),
        "selection": "cheapest configuration within one fold standard deviation of the best mean CV accuracy",
        "best": {name: best[name] for name in (*PARAMETER_NAMES, "mean_accuracy", "std_accuracy")},
        "winner": {
            "params": {name: winner[name] for name in PARAMETER_NAMES},
            "mean_accuracy": winner["mean_accuracy"],
            "std_accuracy": winner["std_accuracy"],
        },
        "table": rows,
    }

