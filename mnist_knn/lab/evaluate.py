"""Metrics, curves and stored predictions of a model on the official 10k test set."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import metrics

from mnist_knn.storage.card import Evaluation

N_CLASSES = 10  # the ten digits
STORED_NEIGHBORS = 10  # neighbours kept per test digit, enough for the Mistakes page to re-vote
MAX_CURVE_POINTS = 200  # curves are thinned for storage; their AUC values come from the full data


def top_k_accuracy(y_true: np.ndarray, proba: np.ndarray, k: int = 2) -> float:
    """Share of digits whose true class is among the k most voted (ties broken by class order)."""
    return float(metrics.top_k_accuracy_score(y_true, proba, k=k, labels=np.arange(N_CLASSES)))


def summary_metrics(y_true: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    """Every seed metric: accuracy, weighted P/R/F1, ROC-AUC (OvR), log loss, kappa, MCC, top-2."""
    y_pred = np.argmax(proba, axis=1)
    precision, recall, f1, _ = metrics.precision_recall_fscore_support(y_true, y_pred, average="weighted", zero_division=0)
    return {
        "accuracy": float(metrics.accuracy_score(y_true, y_pred)),
        "precision_weighted": float(precision),
        "recall_weighted": float(recall),
        "f1_weighted": float(f1),
        "roc_auc_ovr": float(metrics.roc_auc_score(y_true, proba, multi_class="ovr", labels=np.arange(N_CLASSES))),
        "log_loss": float(metrics.log_loss(y_true, np.clip(proba, 1e-15, 1.0), labels=np.arange(N_CLASSES))),
        "cohen_kappa": float(metrics.cohen_kappa_score(y_true, y_pred)),
        "mcc": float(metrics.matthews_corrcoef(y_true, y_pred)),
        "top2_accuracy": top_k_accuracy(y_true, proba, 2),
    }


def _thin(*curves: np.ndarray) -> list[list[float]]:
    """Keep at most MAX_CURVE_POINTS evenly spaced points (always both ends) of parallel curve arrays."""
    keep = np.unique(np.linspace(0, len(curves[0]) - 1, min(len(curves[0]), MAX_CURVE_POINTS)).round().astype(int))
    return [np.round(curve[keep], 5).tolist() for curve in curves]


def per_class_curves(y_true: np.ndarray, proba: np.ndarray) -> dict[str, list[dict[str, Any]]]:
    """One-vs-rest ROC and precision-recall curves per digit, with their areas."""
    roc, pr = [], []
    for digit in range(N_CLASSES):
        positive = (y_true == digit).astype(int)
        fpr, tpr, _ = metrics.roc_curve(positive, proba[:, digit])
        precision, recall, _ = metrics.precision_recall_curve(positive, proba[:, digit])
        fpr_points, tpr_points = _thin(fpr, tpr)
        precision_points, recall_points = _thin(precision, recall)
        roc.append({"digit": digit, "fpr": fpr_points, "tpr": tpr_points, "auc": float(metrics.auc(fpr, tpr))})
        pr.append(
            {
                "digit": digit,
                "precision": precision_points,
                "recall": recall_points,
                "average_precision": float(metrics.average_precision_score(positive, proba[:, digit])),
            }
        )
    return {"roc": roc, "pr": pr}


def calibration(y_true: np.ndarray, y_pred: np.ndarray, chance_right: np.ndarray, n_bins: int = 10) -> dict[str, Any]:
    """Reliability of the calibrated chance of being right: how often readings in each bin of it were right, and the
    expected calibration error (the bins' gaps, weighted by how many readings fell in each)."""
    correct = (y_pred == y_true).astype(int)
    edges = np.linspace(0, 1, n_bins + 1)
    bins = np.clip(np.digitize(chance_right, edges[1:-1]), 0, n_bins - 1)
    counts = np.bincount(bins, minlength=n_bins)
    filled = counts > 0
    mean_chance = np.bincount(bins, weights=chance_right, minlength=n_bins)[filled] / counts[filled]
    fraction_correct = np.bincount(bins, weights=correct, minlength=n_bins)[filled] / counts[filled]
    return {
        "mean_confidence": np.round(mean_chance, 5).tolist(),
        "fraction_correct": np.round(fraction_correct, 5).tolist(),
        "bin_counts": counts.tolist(),
        "expected_calibration_error": float(np.sum(counts[filled] * np.abs(mean_chance - fraction_correct)) / len(y_true)),
    }


def per_class_report(y_true: np.ndarray, y_pred: np.ndarray) -> list[dict[str, float]]:
    """Precision, recall, F1 and support for each digit."""
    precision, recall, f1, support = metrics.precision_recall_fscore_support(
        y_true, y_pred, labels=np.arange(N_CLASSES), zero_division=0
    )
    return [
        {"digit": digit, "precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for digit, p, r, f, s in zip(range(N_CLASSES), precision, recall, f1, support)
    ]


def evaluation_report(y_true: np.ndarray, proba: np.ndarray, chance_right: np.ndarray,
                      open_set: dict[str, Any] | None = None, beyond_mnist: list[dict[str, Any]] | None = None,
                      operating_curve: list[dict[str, Any]] | None = None) -> Evaluation:
    """All numbers and curves the Metrics page shows, from true labels, vote shares and calibrated chances."""
    y_pred = np.argmax(proba, axis=1)
    return Evaluation(
        n_test=int(len(y_true)),
        metrics=summary_metrics(y_true, proba),
        confusion_matrix=metrics.confusion_matrix(y_true, y_pred, labels=np.arange(N_CLASSES)).tolist(),
        per_class=per_class_report(y_true, y_pred),
        curves=per_class_curves(y_true, proba),
        calibration=calibration(y_true, y_pred, chance_right),
        open_set=open_set,
        beyond_mnist=beyond_mnist,
        operating_curve=operating_curve,
    )


def test_predictions(model: Any, X_test: np.ndarray, y_test: np.ndarray) -> dict[str, np.ndarray]:
    """Readings of every test digit (both looks, votes, calibrated chance), saved next to the model."""
    reading = model.read(X_test, max(STORED_NEIGHBORS, model.n_neighbors))
    neighbors = reading.neighbors
    return {
        "y_true": np.asarray(y_test, dtype=np.int64),
        "y_pred": reading.predicted.astype(np.int64),
        "proba": reading.shares.astype(np.float32),
        "chance_right": reading.chance_right.astype(np.float32),
        "neighbor_indices": neighbors.indices.astype(np.int32),
        "neighbor_distances": neighbors.distances.astype(np.float32),
        "neighbor_labels": neighbors.labels.astype(np.int64),
        "neighbor_first_rank": neighbors.first_rank.astype(np.int16),
        "looked_twice": neighbors.looked_twice,
    }
