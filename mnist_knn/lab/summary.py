"""A model card in plain lines: what `train`, `evaluate` and `info` print."""

from __future__ import annotations

import json
from typing import Any

from mnist_knn.storage.card import ModelCard


def card_lines(card: ModelCard) -> list[str]:
    """The headline numbers of a model card, then MNIST and every set beyond it side by side."""
    lines = [f"model        {card.name}  ({card.created_at})", f"settings     {json.dumps(card.hyperparameters)}"]
    if card.training:
        facts = card.training
        lines.append(f"training     {facts.n_training_digits:,} MNIST digits, {facts.n_other_writers_digits:,} by other writers, "
                     f"{facts.n_stored_examples:,} stored, fit {facts.fit_seconds} s, build {facts.build_seconds} s")
    if card.cv and card.cv.mean_accuracy is not None:
        lines.append(f"CV accuracy  {card.cv.mean_accuracy:.4f} ± {card.cv.std_accuracy:.4f} ({card.cv.folds}-fold)")
    if card.cv and card.cv.hold_out_accuracy is not None:
        lines.append(f"MNIST hold-out {card.cv.hold_out_accuracy:.4f} (10,000 training digits held out while choosing)")
    if card.evaluation is None:
        return lines
    lines += [f"test {name:<19} {value:.4f}" for name, value in card.evaluation.metrics.items()]
    lines.append(f"chance right: expected calibration error {card.evaluation.calibration['expected_calibration_error']:.2%}")
    lines.append("\nMNIST and beyond: each set's test split, read as the draw page reads it (never used to choose the model)")
    return lines + [f"  {line}" for line in side_by_side(card.evaluation)]


def side_by_side(evaluation: Any) -> list[str]:
    """MNIST's test figures and each set's, one line each: what `python -m mnist_knn evaluate` prints."""
    lines = [f"{'set (test split)':<32} {'kind':<10} {'count':>6}  {'read right':>10}  {'called not a digit':>18}"]
    row = lambda name, kind, count, right, refused: (  # noqa: E731
        f"{name:<32} {kind:<10} {count:>6,}  {right:>10}  {refused:>18}")
    percent = lambda value: f"{value:.1%}"  # noqa: E731
    accuracy = f"{evaluation.metrics['accuracy']:.2%}"  # as the README and Metrics write it: 99.41%, not 99.4%
    lines.append(row("MNIST test (MNIST's writers)", "digits", evaluation.n_test, accuracy, "-"))
    if evaluation.open_set:
        digits, others = evaluation.open_set["real_digits"], evaluation.open_set["non_digits"]
        lines.append(row("MNIST test, re-drawn on a canvas", "digits", digits["count"], "-", percent(digits["flagged"])))
        lines.append(row("synthetic shapes (open set)", "not digits", others["count"], "-", percent(others["flagged"])))
    for item in evaluation.beyond_mnist or []:
        if item["digits"]:
            lines.append(row(item["set"], "digits", item["count"], percent(item["read_right"]), percent(item["refused"])))
        else:
            lines.append(row(item["set"], "not digits", item["count"], "-", percent(item["caught"])))
    return lines


def reading_lines(name: str, reading: Any, milliseconds: float) -> list[str]:
    """What `predict` prints for one file's reading (None: no ink): the digit and how sure, or "not a digit" and why,
    then any warnings."""
    if reading is None:
        return [f"{name}: no digit found (the image has no ink)"]
    if reading.not_a_digit:
        head = (f"{name}: not a digit: {' '.join(reading.reasons)} (closest digit {reading.closest_digit}, "
                f"{milliseconds:.1f} ms)")
    else:
        chance = "not known" if reading.chance_right is None else f"{reading.chance_right:.0%}"
        head = f"{name}: {reading.digit} (chance right {chance}, {milliseconds:.1f} ms)"
    return [head, *(f"  warning: {warning}" for warning in reading.warnings)]
