"""Choosing how much a student's own examples count, by simulating writers whose hand the model misreads.

A simulated writer (mnist_knn.lab.strokes.Writer) draws one digit in one shape, many times, each a little different.
Writers whose digit the model misreads at least half the time have a "misread style". Each such writer teaches the
model 1 or 3 of their misread drawings (labelled with the digit they meant); the figure is how many of their other
drawings of that digit are then read right, and how many of their other digits stay read right. Every
weight of the own examples' votes gets the same writers and drawings; SELECTION picks the weight.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np

from mnist_knn.lab.strokes import DIGIT_SHAPES, Writer
from mnist_knn.model.augment import with_pen_copies
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.reading.drawing import read_drawings

RULES = tuple((nearness, weight) for nearness in (1.0, 0.85, 0.7) for weight in (1.0, 4.0, 8.0, 16.0))
# an own example's distance is multiplied by `nearness`, and among the nearest it votes `weight` times
TAUGHT = (0, 1, 3)
WRITERS = 1200  # simulated writers tried (those with a misread style are kept)
DRAWINGS = 12  # drawings of their digit per writer
OTHER_DIGITS = 9  # one drawing of each other digit per writer: what teaching must not break
SELECTION = ("the rule (nearness, weight) whose 3 taught examples read the most of the writer's other drawings of that "
             "digit right, while their other digits read right at least as often as when the 3 are remembered as plain "
             "examples (nearness 1, weight 1; within 1 point); ties go to the gentler rule (nearness nearer 1, then the "
             "lower weight)")


def _readings(model: NearestDigitClassifier, canvases: list[np.ndarray], memory: Any = None) -> np.ndarray:
    """The digit each canvas reads as (-1 for not a digit)."""
    readings = read_drawings(canvases, model=model, polarity="light-on-dark", extra=memory)
    return np.array([-1 if reading is None or reading.digit is None else reading.digit for reading in readings])


def simulate(model: NearestDigitClassifier) -> dict[str, Any]:
    """Choose the rule on one crowd of simulated writers, then measure it on a fresh crowd: the record."""
    chosen_on, kept = _table(model, RULES, seed=0)
    rule = choose(chosen_on)
    fresh, fresh_kept = _table(model, ((1.0, 1.0), rule), seed=1)
    return {"created_at": datetime.now(UTC).isoformat(timespec="seconds"), "writers_tried": WRITERS,
            "drawings_per_writer": DRAWINGS, "selection": SELECTION, "writers_with_a_misread_style": kept, "table": chosen_on,
            "chosen_nearness": rule[0], "chosen_weight": rule[1], "fresh_writers_with_a_misread_style": fresh_kept,
            "fresh_writers": fresh}


def _table(model: NearestDigitClassifier, rules: tuple, seed: int) -> tuple[list[dict[str, Any]], int]:
    """Every rule with 0, 1 and 3 taught examples, over the same writers with a misread style; and how many there were."""
    rng = np.random.default_rng(seed)
    results = {(rule, taught): {"style": [], "others": []} for rule in rules for taught in TAUGHT}
    kept = 0
    for _ in range(WRITERS):
        digit = int(rng.integers(10))
        shape = DIGIT_SHAPES[digit][int(rng.integers(len(DIGIT_SHAPES[digit])))]
        writer = Writer.random(rng, str(rng.choice(["tablet", "mouse"])))
        drawings = [writer.draw(shape, rng) for _ in range(DRAWINGS)]
        read = _readings(model, drawings)
        misread = np.flatnonzero(read != digit)
        if len(misread) < DRAWINGS / 2:
            continue
        kept += 1
        others = [writer.draw(DIGIT_SHAPES[other][0], rng) for other in range(10) if other != digit][:OTHER_DIGITS]
        other_labels = np.array([other for other in range(10) if other != digit][:OTHER_DIGITS])
        rest = [index for index in range(DRAWINGS) if index not in misread[: max(TAUGHT)]]  # never taught, in every case
        for rule in rules:
            for taught in TAUGHT:
                memory = None
                if taught:
                    images = np.stack([read_drawings([drawings[i]], model=model, polarity="light-on-dark")[0].stages.centred
                                       for i in misread[:taught]])
                    memory = model.remember(*with_pen_copies(images, np.full(taught, digit)), vote_weights=rule[1], mine=True,
                                            nearness=rule[0])  # remembered as the app remembers them
                style = _readings(model, [drawings[index] for index in rest], memory) == digit
                results[(rule, taught)]["style"].append(float(style.mean()))
                results[(rule, taught)]["others"].append(float((_readings(model, others, memory) == other_labels).mean()))
    table = [{"nearness": rule[0], "weight": rule[1], "taught": taught, "style_read_right": float(np.mean(value["style"])),
              "other_digits_read_right": float(np.mean(value["others"]))} for (rule, taught), value in results.items()]
    return table, kept


def choose(table: list[dict[str, Any]]) -> tuple[float, float]:
    """SELECTION over the simulated table: (nearness, weight)."""
    plain = next(row for row in table if row["taught"] == 3 and row["nearness"] == row["weight"] == 1.0)
    allowed = [row for row in table if row["taught"] == 3
               and row["other_digits_read_right"] >= plain["other_digits_read_right"] - 0.01]
    best = max(row["style_read_right"] for row in allowed)
    chosen = min((row for row in allowed if row["style_read_right"] >= best - 1e-9), key=lambda r: (-r["nearness"], r["weight"]))
    return chosen["nearness"], chosen["weight"]


def lines(record: dict[str, Any]) -> list[str]:
    """The simulation in lines to print: the choice, then the chosen rule on fresh writers."""
    row_line = lambda row: (f"nearness {row['nearness']:g}, weight {row['weight']:g}, {row['taught']} taught: the misread "  # noqa: E731
                            f"style read right {row['style_read_right']:.1%}, the writer's other digits "
                            f"{row['other_digits_read_right']:.1%}")
    return ([f"choosing, on {record['writers_with_a_misread_style']} writers with a misread style:"]
            + [row_line(row) for row in record["table"]]
            + [f"chosen: nearness {record['chosen_nearness']:g}, weight {record['chosen_weight']:g}; on "
               f"{record['fresh_writers_with_a_misread_style']} fresh writers with a misread style:"]
            + [row_line(row) for row in record["fresh_writers"]])
