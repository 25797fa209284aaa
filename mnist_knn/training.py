"""Building a model from the recorded configuration: fit on all 60k, evaluate once on the 10k test set, save."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from mnist_knn import data
from mnist_knn.evaluate import evaluation_report, test_predictions
from mnist_knn.model import NearestDigitClassifier, default_model_path
from mnist_knn.persistence import save_model
from mnist_knn.records import read_search_record

Progress = Callable[[float, str], None]


def build_model(
    params: dict[str, Any] | None = None,
    path: Path | None = None,
    progress: Progress = lambda fraction, message: None,
    cv: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Fit `params` (default: the recorded search winner) on the training split, evaluate, save; return the card."""
    started = time.perf_counter()
    path = Path(path or default_model_path())
    if params is None:
        record = read_search_record()
        params = record["winner"]["params"]
        cv = {key: record["winner"][key] for key in ("mean_accuracy", "std_accuracy")} | {"folds": record["folds"]}
    progress(0.02, "Loading and verifying MNIST")
    X_train, y_train, X_test, y_test = data.load_mnist()
    progress(0.15, f"Fitting {params} on {len(y_train):,} training digits")
    fit_started = time.perf_counter()
    model = NearestDigitClassifier(**params).fit(X_train, y_train)
    fit_seconds = time.perf_counter() - fit_started
    progress(0.55, f"Evaluating once on the {len(y_test):,} test digits")
    predictions = test_predictions(model, X_test, y_test)
    report = evaluation_report(y_test, predictions["proba"])
    progress(0.95, f"Saving {path.name}")
    card = {
        "name": path.stem,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "hyperparameters": params,
        "training": {
            "n_training_digits": int(len(y_train)),
            "n_stored_examples": int(len(model.source_index_)),
            "fit_seconds": round(fit_seconds, 2),
            "build_seconds": round(time.perf_counter() - started, 2),
        },
        "cv": cv,
        "data_sha256": data.data_fingerprint(),
        "evaluation": report,
    }
    card = save_model(model, path, card, predictions)
    progress(1.0, f"Saved {path} — test accuracy {report['metrics']['accuracy']:.2%}")
    return card

