"""Choosing the second look by cross-validation on the training split only.

For each fold, the first look (the chosen feature steps) hands each held-out digit its 50 nearest candidates, and one
pass of the distortion distance measures them for every window and context. Every setting (how many candidates, how
many must agree to skip the second look, how far pixels may move, how much of the first look to keep, the vote) is then
ranked and voted from those cached distances by the classifier's own code (`Looks.ranked`, `vote`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.model_selection import StratifiedKFold
from tqdm import tqdm

from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import Looks
from mnist_knn.model.neighbors import WEIGHTINGS, vote
from mnist_knn.model.second_look import distances_by_window

CANDIDATES = (10, 20, 30, 50)
AGREEMENT = (5, 10, 20, 50)  # skip the second look when this many nearest candidates agree (at most `candidates`)
WINDOWS = (1, 2, 3)
CONTEXTS = (0, 1)
FIRST_LOOK_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)
K_VALUES = tuple(range(2, 9))
SPEED_BUDGET = 1250  # candidates x (2 x window + 1)^2: the second look's work for one drawing, about 3 ms on 2 cores
SELECTION = (f"best mean CV accuracy among settings whose second look fits the speed budget (candidates x (2 x window + 1)^2 "
             f"<= {SPEED_BUDGET}); within 0.01 points the cheaper setting, then the more accurate, then the smaller k")
FOLDS = 3


@dataclass(frozen=True)
class HeldOutFold:
    """One fold's held-out digits: their first look's 50 candidates and the distortion distances the settings need."""

    labels: np.ndarray  # (n,) true labels
    candidate_labels: np.ndarray  # (n, 50)
    first: np.ndarray  # (n, 50) first-look distances
    second: dict[tuple[int, int], np.ndarray]  # (window, context) -> (n, 50); NaN where never needed


def held_out_fold(X: np.ndarray, y: np.ndarray, train: np.ndarray, valid: np.ndarray, first_look: dict[str, Any]) -> HeldOutFold:
    """Fit the first look on `train`; measure `valid` digits against their candidates in every window and context."""
    depth = max(CANDIDATES)
    model = NearestDigitClassifier(**first_look, candidates=depth, calibration_size=0).fit(X[train], y[train])
    straight = model.straighten(X[valid])
    first, rows = model.neighbors_.search(model.embed_straightened(straight), depth)
    candidate_labels = model.training_labels_[model.source_index_[rows]]
    disagree = (candidate_labels != candidate_labels[:, :1]).any(axis=1)  # every setting may look at these twice
    second = {}
    for context in CONTEXTS:
        found = np.full((len(WINDOWS), len(valid), depth), np.nan, dtype=np.float32)
        for subset, columns in ((np.flatnonzero(disagree), slice(None)), (np.flatnonzero(~disagree), slice(0, 1))):
            images = model.straight_memory_[rows[subset, columns]]
            found[:, subset, columns] = distances_by_window(straight[subset], images, WINDOWS, context)
        second.update({(window, context): found[number] for number, window in enumerate(WINDOWS)})
    return HeldOutFold(y[valid], candidate_labels, first, second)


def settings() -> list[dict[str, Any]]:
    """Every second-look setting the search scores (the vote, k and weighting, is scored for each of them)."""
    grid = itertools.product(CANDIDATES, AGREEMENT, WINDOWS, CONTEXTS, FIRST_LOOK_SHARES)
    return [{"candidates": candidates, "agreement": agreement, "warp_window": window, "warp_context": context,
             "first_look_share": share} for candidates, agreement, window, context, share in grid if agreement <= candidates]


def fold_accuracies(fold: HeldOutFold, setting: dict[str, Any]) -> dict[tuple[int, str], float]:
    """Accuracy of every (k, weighting) on one fold, ranking its cached distances as the classifier ranks them."""
    candidates, agreement = setting["candidates"], setting["agreement"]
    labels, first = fold.candidate_labels[:, :candidates], fold.first[:, :candidates]
    second = fold.second[(setting["warp_window"], setting["warp_context"])][:, :candidates]
    looked_twice = (labels[:, :agreement] != labels[:, :1]).any(axis=1)
    second_nearest = np.where(looked_twice, np.nanmin(np.where(looked_twice[:, None], second, np.inf), axis=1), second[:, 0])
    looks = Looks(np.zeros(labels.shape, dtype=np.int64), labels, np.zeros(labels.shape, dtype=bool), first,
                  np.where(looked_twice[:, None], second, np.nan), looked_twice, first[:, 0], second_nearest)
    ranked = looks.ranked(float(np.median(first[:, 0])), float(np.median(second_nearest)), setting["first_look_share"],
                          max(K_VALUES))
    return {(k, weights): float((np.argmax(vote(ranked.distances, ranked.labels, k, weights), axis=1) == fold.labels).mean())
            for k in K_VALUES for weights in WEIGHTINGS}


def cost(row: dict[str, Any]) -> int:
    """The second look's work for one drawing: candidates x (2 x window + 1)^2 pixel comparisons per pixel."""
    return row["candidates"] * (2 * row["warp_window"] + 1) ** 2


def search(X: np.ndarray, y: np.ndarray, first_look: dict[str, Any], folds: int = FOLDS) -> dict[str, Any]:
    """Cross-validate every setting; the record's table keeps each setting's best vote, and the winner by SELECTION."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    held_out = [held_out_fold(X, y, train, valid, first_look)
                for train, valid in tqdm(list(splitter.split(np.zeros(len(y)), y)), desc="Second look: measuring", unit="fold",
                                         disable=None)]
    rows = []
    for setting in tqdm(settings(), desc="Second look: scoring", unit="setting", disable=None):
        per_fold = [fold_accuracies(fold, setting) for fold in held_out]
        scored = [{**setting, "n_neighbors": k, "weights": weights, "fold_accuracies": [fold[(k, weights)] for fold in per_fold],
                   "mean_accuracy": float(np.mean([fold[(k, weights)] for fold in per_fold])),
                   "std_accuracy": float(np.std([fold[(k, weights)] for fold in per_fold]))} for k, weights in per_fold[0]]
        rows.append(max(scored, key=lambda row: (row["mean_accuracy"], -row["n_neighbors"])))
    return {"selection": SELECTION, "folds": folds, "table": rows, "winner": choose(rows)}


def choose(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """SELECTION: among settings within the speed budget, the best mean CV accuracy; near-ties go to the cheaper."""
    affordable = [row for row in rows if cost(row) <= SPEED_BUDGET]
    best = max(row["mean_accuracy"] for row in affordable)
    tied = [row for row in affordable if row["mean_accuracy"] >= best - 1e-4]
    return min(tied, key=lambda row: (cost(row), -row["mean_accuracy"], row["n_neighbors"]))
