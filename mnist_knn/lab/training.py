"""Building a model from the recorded configuration: fit on all 60k (and the other writers' digits), set its "not a digit"
line by the judgement rule on its own validation curve, evaluate once on the 10k test set, save."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mnist_knn.lab import bank, beyond_mnist
from mnist_knn.lab.evaluate import evaluation_report, test_predictions
from mnist_knn.lab.openset import open_set_report
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.storage import data
from mnist_knn.storage.card import CrossValidation, ModelCard, TrainingFacts
from mnist_knn.storage.persistence import default_model_path, save_model
from mnist_knn.storage.records import read_search_record

Progress = Callable[[float, str], None]


def build_model(
    params: dict[str, Any] | None = None,
    path: Path | None = None,
    progress: Progress = lambda fraction, message: None,
    cv: CrossValidation | None = None,
) -> ModelCard:
    """Fit `params` (default: the recorded search winner) on the training split, evaluate, save; return the card."""
    started = time.perf_counter()
    path = Path(path or default_model_path())
    if params is None:
        record = read_search_record()
        params = record["winner"]["params"]
        cv = CrossValidation(record["winner"]["mean_accuracy"], record["winner"]["std_accuracy"], record["folds"],
                             record["winner"].get("mnist_hold_out"))
    progress(0.02, "Loading and verifying MNIST")
    X_train, y_train, X_test, y_test = data.load_mnist()
    progress(0.1, "Drawing the letters, other alphabets, symbols and doodles that teach it what is not a digit")
    non_digits, more_digits = bank.non_digit_bank(), bank.digit_bank()
    progress(0.15, f"Fitting {params} on {len(y_train):,} training digits, {len(more_digits[1]):,} by other writers and "
                   f"{len(non_digits):,} drawings that are not digits")
    fit_started = time.perf_counter()
    model = NearestDigitClassifier(**params).fit(X_train, y_train, non_digits=non_digits, more_digits=more_digits)
    fit_seconds = time.perf_counter() - fit_started
    progress(0.5, "Reading the validation splits beyond MNIST: refused digits against caught non-digits, for every vote")
    curve = beyond_mnist.operating_curve(model)
    line = beyond_mnist.line_on_curve(curve)  # the judgement rule again, on the model as built
    model.set_params(non_digit_vote=line)
    params, curve = {**params, "non_digit_vote": line}, [{**point, "chosen": point["non_digit_vote"] == line} for point in curve]
    progress(0.6, f"Evaluating once on the {len(y_test):,} test digits")
    predictions = test_predictions(model, X_test, y_test)
    progress(0.8, "Drawing letters, shapes and re-drawn test digits: how many are called not a digit")
    open_set = open_set_report(model, X_test, y_test)
    progress(0.9, "Reading the test splits of the other writers' digits and of the drawings that are not digits")
    report = evaluation_report(y_test, predictions["proba"], predictions["chance_right"], open_set,
                               beyond_mnist.report(model, "test"), curve)
    progress(0.95, f"Saving {path.name}")
    card = ModelCard(
        name=path.stem,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        hyperparameters=params,
        training=TrainingFacts(n_training_digits=int(len(y_train)), n_stored_examples=int(len(model.source_index_)),
                               fit_seconds=round(fit_seconds, 2), build_seconds=round(time.perf_counter() - started, 2),
                               n_other_writers_digits=int(len(model.more_digit_images_))),
        cv=cv,
        data_sha256=data.data_fingerprint(),
        evaluation=report,
    )
    card = save_model(model, path, card, predictions)
    progress(1.0, f"Saved {path} — test accuracy {report.metrics['accuracy']:.2%}")
    return card

