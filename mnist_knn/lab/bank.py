"""What the model learns beyond MNIST: what is not a digit (the non-digit sets' 'train' splits) and other writers' digits
(UCI's pen-tablet training writers), less every drawing that has a near twin among the drawings that choose or measure
the model (every set's validation and test splits, and the open set)."""

from __future__ import annotations

from functools import cache

import numpy as np

from mnist_knn.lab import openset, real_hands, writers
from mnist_knn.lab.twins import has_near_twin


@cache  # both banks check against it: drawn once a process
def evaluation_drawings() -> np.ndarray:
    """Every drawing that chooses or measures the model, as MNIST-format digits: the validation and test splits of each
    set beyond MNIST, and the open set's drawings that are not digits."""
    canvases = [canvas for drawing_set in writers.SETS for split in ("validation", "test")
                for canvas in drawing_set.make(split)[0]]
    canvases += [drawing.ink for drawing in openset.non_digits()]
    return writers.as_digits(canvases)


def non_digit_bank() -> np.ndarray:
    """The drawings of things that are not digits the model remembers, (n, 28, 28): no near twin of an evaluation item."""
    examples = writers.as_digits([canvas for drawing_set in writers.NON_DIGIT_SETS for canvas in drawing_set.make("train")[0]])
    return examples[~has_near_twin(examples, evaluation_drawings())]


def digit_bank() -> tuple[np.ndarray, np.ndarray]:
    """The other writers' digits the model remembers beside MNIST's, (n, 28, 28), and their labels: UCI's pen-tablet
    digits by its 30 training writers, no near twin of an evaluation item."""
    canvases, labels = real_hands.pen_tablet("train", np.random.default_rng(writers.SEEDS["train"]))
    examples = writers.as_digits(canvases)
    keep = ~has_near_twin(examples, evaluation_drawings())
    return examples[keep], labels[keep]
