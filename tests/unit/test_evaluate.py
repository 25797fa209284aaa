"""Evaluation: the seed metrics agree with their definitions on small known cases."""

import numpy as np
import pytest
from sklearn import metrics

from mnist_knn.lab.evaluate import calibration, evaluation_report, summary_metrics, top_k_accuracy


def _one_hot(labels, confidence=1.0):
    proba = np.full((len(labels), 10), (1 - confidence) / 9)
    proba[np.arange(len(labels)), labels] = confidence
    return proba


def test_perfect_predictions_score_perfectly():
    y = np.arange(10).repeat(3)
    scores = summary_metrics(y, _one_hot(y))
    for name in ("accuracy", "precision_weighted", "recall_weighted", "f1_weighted", "roc_auc_ovr", "cohen_kappa", "mcc",
                 "top2_accuracy"):
        assert scores[name] == 1.0, name
    assert scores["log_loss"] < 1e-6


def test_metrics_agree_with_scikit_learn_on_mistakes():
    rng = np.random.default_rng(0)
    y = np.arange(10).repeat(20)
    proba = rng.dirichlet(np.ones(10), size=len(y))
    proba[np.arange(len(y)), y] += rng.random(len(y))
    proba /= proba.sum(1, keepdims=True)
    scores = summary_metrics(y, proba)
    predicted = proba.argmax(1)
    assert scores["accuracy"] == metrics.accuracy_score(y, predicted) < 1
    assert np.isclose(scores["mcc"], metrics.matthews_corrcoef(y, predicted))
    assert np.isclose(scores["log_loss"], metrics.log_loss(y, proba))


def test_top_two_counts_the_runner_up():
    y = np.array([0, 1])
    proba = np.zeros((2, 10))
    proba[0, [3, 0]] = [0.6, 0.4]
    proba[1, [3, 5]] = [0.6, 0.4]
    assert top_k_accuracy(y, proba, 2) == 0.5


def test_report_has_everything_the_metrics_page_draws():
    y = np.arange(10).repeat(5)
    proba = _one_hot(np.roll(y, 1), 0.7)
    report = evaluation_report(y, proba, np.full(len(y), 0.7))
    assert np.array(report.confusion_matrix).sum() == len(y)
    assert len(report.per_class) == len(report.curves["roc"]) == len(report.curves["pr"]) == 10
    assert sum(report.calibration["bin_counts"]) == len(y)


def test_calibration_error_is_the_weighted_gap_between_chance_and_how_often_right():
    y_true = np.array([1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
    y_pred = np.array([1, 1, 1, 0, 2, 2, 2, 2, 2, 2])  # 3 of 4 right at 0.95; 6 of 6 right at 0.55
    chance = np.array([0.95] * 4 + [0.55] * 6)
    table = calibration(y_true, y_pred, chance)
    assert table["bin_counts"][9] == 4 and table["bin_counts"][5] == 6
    assert table["fraction_correct"] == [1.0, 0.75] and table["mean_confidence"] == [0.55, 0.95]
    assert table["expected_calibration_error"] == pytest.approx((6 * 0.45 + 4 * 0.2) / 10)
