"""What a student's reading remembers beside MNIST: the drawings they taught, and the class wall's labelled drawings."""

from __future__ import annotations

import numpy as np

from mnist_knn.classroom.drawings import Drawing
from mnist_knn.classroom.wall import Submission
from mnist_knn.model.classifier import NearestDigitClassifier
from mnist_knn.model.looks import ExtraExamples


def student_memory(model: NearestDigitClassifier, taught: list[Drawing], class_drawings: list[Submission] | None,
                   own_rule: tuple[float, float]) -> ExtraExamples | None:
    """The examples searched beside MNIST for one student (None: none): their `taught` drawings, counted by `own_rule`
    (nearness, vote weight), and, when given, the class's drawings that carry the digit their author meant."""
    images, labels = [drawing.digit for drawing in taught], [drawing.label for drawing in taught]
    mine = [True] * len(taught)
    stated = [submission for submission in class_drawings or [] if submission.matched is not None]
    images += [submission.digit for submission in stated]
    labels += [submission.intended for submission in stated]
    mine += [False] * len(stated)
    if not images:
        return None
    nearness, weight = np.where(mine, own_rule[0], 1.0), np.where(mine, own_rule[1], 1.0)
    return model.remember(np.stack(images), np.array(labels, dtype=np.int64), weight, np.array(mine), nearness)
