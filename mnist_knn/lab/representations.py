"""Representations tried beside the chosen model: a metric learned for nearest neighbours, an even pen, box-filling copies.

Each is the chosen model with one change, scored exactly as the variants were (`writers_search.score`: fitted on
50,000 training digits with the other writers' digits and the non-digit examples, MNIST hold-out, every validation
split beyond MNIST under its own "not a digit" settings chosen by the judgement rule, and its detection / false-alarm
curve); never on a test split.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
from tqdm import tqdm

from mnist_knn.lab import bank, beyond_mnist, writers_search

JUDGEMENT_NAMES = ("non_digit_vote", "false_alarm_rate")  # chosen anew for each representation
CHANGES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("as chosen", {}),
    ("a learned metric (NCA on 5,000 digits and 500 non-digits)", {"metric_sample": 5_000}),
    ("an even pen, no pen copies", {"even_pen": True, "augmentation": "none"}),
    ("an even pen, over pen copies evened back", {"even_pen": True, "augmentation": "pens"}),
    ("box-filling copies beside the pen copies (4 stored copies)", {"augmentation": "pens+boxes"}),
)


def run(record: dict[str, Any], X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Score the chosen model and each change of it on the training split and the validation splits, and name the one
    the variants' selection rule takes; the record."""
    chosen = {name: value for name, value in record["beyond_mnist"]["params"].items() if name not in JUDGEMENT_NAMES}
    non_digits, more_digits = bank.non_digit_bank(), bank.digit_bank()
    rows = [{"representation": name, **writers_search.score({**chosen, **change}, X, y, non_digits, more_digits)}
            for name, change in tqdm(CHANGES, desc="Representations", unit="variant", disable=None)]
    return {"created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "data": "fitted on MNIST's first 50,000 training digits; scored on the other 10,000 and on validation splits",
            "selection": writers_search.SELECTION, "judgement_rule": beyond_mnist.JUDGEMENT_RULE, "rows": rows,
            "chosen": writers_search.choose(rows, len(y) + len(more_digits[1]))["representation"]}


def adopt(search_record: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    """The search record with what `train` builds set to the representation the rule chose (the search's own choice
    when it keeps that), with that row's own "not a digit" settings."""
    row = next(row for row in record["rows"] if row["representation"] == record["chosen"])
    winner = {"params": writers_search.winning_params(row), "mean_accuracy": None, "std_accuracy": None,
              "mnist_hold_out": row["mnist_hold_out"]}
    return {**search_record, "winner": winner if row["representation"] == CHANGES[0][0] else {
        **winner, "representation": row["representation"]}}


def lines(record: dict[str, Any]) -> list[str]:
    """One line per representation: MNIST hold-out, other writers read right and refused, non-digits caught."""
    out = []
    for row in record["rows"]:
        refused = np.mean([figures["refused"] for figures in row["sets"].values() if "refused" in figures])
        out.append(f"{row['representation']:<58} MNIST hold-out {row['mnist_hold_out']:.2%}  other writers read right "
                   f"{row['mean_read_right']:.1%} (refused {refused:.1%})  non-digits caught {row['mean_caught']:.1%}")
    return out
