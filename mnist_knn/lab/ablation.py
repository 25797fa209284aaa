"""The accuracy / speed frontier: every searched configuration built on 60k, scored once on 10k, and timed."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import numpy as np
from tqdm import tqdm

from mnist_knn.lab import bank, benchmark
from mnist_knn.lab.baselines import logistic_regression, raw_pixel_knn
from mnist_knn.lab.tuning import PARAMETER_NAMES, SECOND_LOOK_NAMES, search_cost
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.storage.records import describe, is_default

DRAWINGS = 100


def best_row_per_configuration(table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each set of feature steps in the CV table, its best (k, weighting) row."""
    best: dict[str, dict[str, Any]] = {}
    for row in table:
        name = describe(row)
        if name not in best or row["mean_accuracy"] > best[name]["mean_accuracy"]:
            best[name] = row
    return list(best.values())


def measure_configuration(row: dict[str, Any], arrays: tuple, canvases: list[np.ndarray], non_digits: np.ndarray | None = None,
                          more_digits: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, Any]:
    """Fit one configuration on the training split (with `non_digits` examples and `more_digits`, as the default model
    is), then time it and score it on the test split."""
    X_train, y_train, X_test, y_test = arrays
    params = row.get("params") or {name: row[name] for name in (*PARAMETER_NAMES, *SECOND_LOOK_NAMES) if name in row}
    started = time.perf_counter()
    model = NearestDigitClassifier(**params).fit(X_train, y_train, non_digits=non_digits, more_digits=more_digits)
    build_seconds = time.perf_counter() - started
    result = benchmark.measure(benchmark.ours(model), canvases, X_test, y_test)
    return {
        "configuration": describe(row),
        "params": params,
        "cv_accuracy": row["mean_accuracy"],
        "cv_std": row["std_accuracy"],
        "test_accuracy": result.accuracy,
        "drawing_p50_ms": round(result.drawing_p50_ms, 2),
        "batch_seconds": round(result.batch_seconds, 2),
        "build_seconds": round(build_seconds, 1),
        "stored_mb": round((model.neighbors_.columns_.nbytes + getattr(model.straight_memory_, "nbytes", 0)) / 2**20, 1),
        "search_cost": search_cost(row),
    }


def run(record: dict[str, Any], arrays: tuple) -> dict[str, Any]:
    """Measure every searched configuration and the seeds' baselines; return the report."""
    X_train, y_train, X_test, y_test = arrays
    canvases = [benchmark.canvas_from_digit(X_test[index], index) for index in range(DRAWINGS)]
    chosen = record["winner"]  # the first look's configurations alone, then the default model as it is built
    rows = [measure_configuration(row, arrays, canvases) for row in tqdm(best_row_per_configuration(record["table"]),
                                                                         desc="Ablation", unit="configuration", disable=None)]
    default = {**chosen["params"], "mean_accuracy": chosen["mean_accuracy"] or chosen.get("mnist_hold_out"),
               "std_accuracy": chosen["std_accuracy"], "params": chosen["params"]}  # no std: chosen on a hold-out
    rows.append(measure_configuration(default, arrays, canvases, bank.non_digit_bank(), bank.digit_bank()))
    baselines = [logistic_regression(X_train, y_train, X_test, y_test), raw_pixel_knn(X_train, y_train, X_test, y_test)]
    return {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": "CV accuracy chose the default (models/search.json); test accuracy here is for the frontier only",
        "default": record["winner"]["params"],
        "configurations": rows,
        "baselines": baselines,
    }


def _chosen_on(row: dict[str, Any]) -> str:
    """The figure that chose a configuration: its CV accuracy, or (for the default) its MNIST hold-out accuracy."""
    if row["cv_std"] is None:
        return f"{row['cv_accuracy']:.2%} (hold-out)"
    return f"{row['cv_accuracy']:.2%} ± {row['cv_std']:.2%}"


def table(report: dict[str, Any]) -> str:
    """The frontier as a Markdown table, most accurate by CV first, plus the baselines' test accuracy."""
    lines = ["| configuration | CV accuracy | test accuracy | one drawing p50 | 10k batch | build | stored |",
             "|---|---|---|---|---|---|---|"]
    for row in sorted(report["configurations"], key=lambda row: -row["cv_accuracy"]):
        chosen = " **(default)**" if is_default(row, report["default"]) else ""
        lines.append(
            f"| {row['configuration']}, k={row['params']['n_neighbors']} {row['params']['weights']}{chosen} "
            f"| {_chosen_on(row)} | {row['test_accuracy']:.2%} | {row['drawing_p50_ms']:.1f} ms "
            f"| {row['batch_seconds']:.1f} s | {row['build_seconds']:.0f} s | {row['stored_mb']:.0f} MB |"
        )
    for baseline in report["baselines"]:
        lines.append(f"| baseline: {baseline['name']} | | {baseline['metrics']['accuracy']:.2%} | | | | |")
    return "\n".join(lines)
