"""What a student's reading remembers beside MNIST: the drawings they taught, and the class wall's labelled drawings."""

from __future__ import annotations

import numpy as np

from mnist_knn.classroom.drawings import Drawing
from mnist_knn.classroom.wall import Submission
from mnist_knn.model.augment import PEN_CHANGES, with_pen_copies
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples


def student_memory(model: NearestDigitClassifier, taught: list[Drawing], class_drawings: list[Submission] | None,
                   own_rule: tuple[float, float]) -> ExtraExamples | None:
    """The examples searched beside MNIST for one student (None: none): their `taught` drawings with pen copies, counted
    by `own_rule` (nearness, vote weight), and, when given, the class's drawings that carry the digit their author meant."""
    own_images, own_labels = with_pen_copies(np.array([drawing.digit for drawing in taught]).reshape(-1, 28, 28),
                                             np.array([drawing.label for drawing in taught], dtype=np.int64))
    stated = [submission for submission in class_drawings or [] if submission.matched is not None]
    images = list(own_images) + [submission.digit for submission in stated]
    labels = list(own_labels) + [submission.intended for submission in stated]
    mine = [True] * len(own_images) + [False] * len(stated)
    if not images:
        return None
    nearness, weight = np.where(mine, own_rule[0], 1.0), np.where(mine, own_rule[1], 1.0)
    return model.remember(np.stack(images), np.array(labels, dtype=np.int64), weight, np.array(mine), nearness)


def pen_of_own_copy(memory: ExtraExamples, index: int) -> int:
    """Which copy of a taught drawing a student's own remembered example `index` (one of `memory.mine`, never a class's)
    is: 0 as drawn, else its PEN_CHANGES step (1 bolder, -1 finer). student_memory stores the drawings as drawn first,
    then each pen's copies in turn, then the class's."""
    taught = int(np.count_nonzero(memory.mine)) // (len(PEN_CHANGES) + 1)
    return (0, *PEN_CHANGES)[index // taught]
