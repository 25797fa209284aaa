"""Choosing the model by more than MNIST: each variant is scored on MNIST hold-out digits and on the validation splits of
the other-writer and non-digit sets (mnist_knn.lab.writers), never on a test split.

Each variant is fitted on the first 50,000 training digits (with the other writers' digits and the non-digit examples of
mnist_knn.lab.bank), reads the other 10,000, and reads every validation set through `read_drawings`; its "not a digit"
settings are chosen by the judgement rule of mnist_knn.lab.beyond_mnist; then SELECTION picks the variant.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from tqdm import tqdm

from mnist_knn.budget import MAX_STORED_MB, MIN_MNIST, STORED_BUDGET, limits_broken
from mnist_knn.lab import bank, beyond_mnist
from mnist_knn.model.augment import COPIES
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.storage.records import beyond_mnist_headline

HOLD_OUT = 10_000  # the last digits of the training split, read to check MNIST itself
AUGMENTATION_GRID = ("none", "pens", "pens+turns")
K_GRID = (4, 6, 8)
SECOND_LOOK = ("off", "on")
SELECTION = (f"the best mean 'read right' over the other-writer validation sets (digit read and not refused), among variants "
             f"whose MNIST hold-out accuracy is at least {MIN_MNIST:.1%}, whose search fits the speed budget (stored copies "
             f"x dimensions <= {STORED_BUDGET}, for one drawing in 5 ms) and whose stored digits take at most "
             f"{MAX_STORED_MB} MB (a model file under 150 MB); within 0.1 point the cheaper (fewer stored copies, "
             "no second look), then the better MNIST hold-out")


def score(params: dict[str, Any], X: np.ndarray, y: np.ndarray, non_digits: np.ndarray,
          more_digits: tuple[np.ndarray, np.ndarray]) -> dict[str, Any]:
    """One variant's MNIST hold-out accuracy, its chosen judgement, each validation set's figures under it, and its
    curve: digits refused against non-digits caught for every non-digit vote at the chosen far limit (and for every far
    limit at the chosen vote)."""
    fit_rows = len(y) - HOLD_OUT
    # as many held-out digits place the far limit as in the final model: the farthest of fewer lies nearer
    model = NearestDigitClassifier(**params).fit(X[:fit_rows], y[:fit_rows], non_digits=non_digits, more_digits=more_digits)
    mnist = float((model.predict(X[fit_rows:]) == y[fit_rows:]).mean())
    readings = beyond_mnist.read_validation(model)
    choice = beyond_mnist.choose_judgement(readings)
    judgement = choice["chosen"]
    sets = {read.name: beyond_mnist.figures(read, beyond_mnist.refused(read, judgement["non_digit_vote"],
                                                                       judgement["far_limit"])) for read in readings}
    headline = beyond_mnist_headline([{"digits": "read_right" in value, "count": 0, **value} for value in sets.values()])
    curve = [row for row in choice["table"] if row["far_limit"] == judgement["far_limit"]]  # every vote at the chosen limit
    far_limits = [row for row in choice["table"] if row["non_digit_vote"] == judgement["non_digit_vote"]]  # and every limit
    return {"params": params, "mnist_hold_out": mnist, "judgement": judgement, "sets": sets, "curve": curve,
            "far_limits": far_limits,
            "mean_read_right": headline["read_right"], "mean_caught": headline["caught"]}


def choose(rows: list[dict[str, Any]], n_digits: int) -> dict[str, Any]:
    """SELECTION over the scored variants, for a model built on `n_digits` stored digits."""
    allowed = [row for row in rows if not limits_broken(row["params"], row["mnist_hold_out"], n_digits)] or rows
    best = max(row["mean_read_right"] for row in allowed)
    tied = [row for row in allowed if row["mean_read_right"] >= best - 0.001]
    cost = lambda row: (COPIES[row["params"]["augmentation"]], bool(row["params"].get("candidates")))  # noqa: E731
    return min(tied, key=lambda row: (cost(row), -row["mnist_hold_out"]))


def search(X: np.ndarray, y: np.ndarray, first_look: dict[str, Any], second_look: dict[str, Any]) -> dict[str, Any]:
    """Score every variant of the chosen first look (augmentation, k, with or without the second look); the record."""
    non_digits, more_digits = bank.non_digit_bank(), bank.digit_bank()
    rows = []
    grid = list(itertools.product(AUGMENTATION_GRID, K_GRID, SECOND_LOOK))
    for augmentation, k, looks in tqdm(grid, desc="Beyond MNIST", unit="variant", disable=None):
        params = {**first_look, "augmentation": augmentation, "n_neighbors": k,
                  **(second_look if looks == "on" else {"candidates": 0})}
        rows.append(score(params, X, y, non_digits, more_digits))
    winner = choose(rows, len(y) + len(more_digits[1]))  # as built: all of MNIST's training digits and the others'
    return {"selection": SELECTION, "judgement_rule": beyond_mnist.JUDGEMENT_RULE, "hold_out": HOLD_OUT,
            "non_digit_examples": int(len(non_digits)), "more_digits": int(len(more_digits[1])), "table": rows,
            "winner": winner, "params": winning_params(winner)}


def winning_params(row: dict[str, Any]) -> dict[str, Any]:
    """What `train` builds from a scored variant: its settings and its "not a digit" judgement.

    The far limit is a quantile of held-out digits' first-look distance; with two looks each look's limit takes half
    the false alarms, so the first look's limit stays where it was chosen.
    """
    far_alarms = 1 - row["judgement"]["far_limit"]
    looks = 2 if row["params"].get("candidates") else 1
    return {**row["params"], "non_digit_vote": row["judgement"]["non_digit_vote"],
            "false_alarm_rate": round(looks * far_alarms, 6)}
