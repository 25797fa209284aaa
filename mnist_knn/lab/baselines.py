"""Baselines from the seeds: a tuned logistic regression and plain raw-pixel KNN, scored like the default model."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.stats import loguniform
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV

from mnist_knn.lab.evaluate import summary_metrics
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.features import pixel_vectors
from mnist_knn.model.parameters import TEXTBOOK_KNN

SEARCH_SUBSAMPLE = 10_000  # C is searched on a seeded subsample of the training split (as time allows on 2 cores)


def logistic_regression(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, y_test: np.ndarray) -> dict[str, Any]:
    """The seed's model: randomized search over C (3-fold CV on the training split), refit on all 60k, test once."""
    rng = np.random.default_rng(0)
    subsample = rng.choice(len(y_train), SEARCH_SUBSAMPLE, replace=False)
    search = RandomizedSearchCV(
        LogisticRegression(max_iter=300), {"C": loguniform(1e-3, 1e1)}, n_iter=6, cv=3, random_state=0, n_jobs=2
    ).fit(pixel_vectors(X_train[subsample]), y_train[subsample])
    model = LogisticRegression(max_iter=300, C=search.best_params_["C"]).fit(pixel_vectors(X_train), y_train)
    return {
        "name": "logistic regression on raw pixels",
        "settings": {"C": round(float(search.best_params_["C"]), 5),
                     "cv_accuracy_on_subsample": round(float(search.best_score_), 4)},
        "metrics": summary_metrics(y_test, model.predict_proba(pixel_vectors(X_test))),
    }


def raw_pixel_knn(X_train: np.ndarray, y_train: np.ndarray, X_test: np.ndarray, y_test: np.ndarray) -> dict[str, Any]:
    """The textbook KNN: raw pixels, k=4, distance weights (our exact engine, same neighbours as scikit-learn's)."""
    model = NearestDigitClassifier(**TEXTBOOK_KNN, calibration_size=0).fit(X_train, y_train)
    return {
        "name": "the textbook KNN: raw pixels, k=4",
        "settings": {"n_neighbors": TEXTBOOK_KNN["n_neighbors"], "weights": TEXTBOOK_KNN["weights"]},
        "metrics": summary_metrics(y_test, model.predict_proba(X_test)),
    }
