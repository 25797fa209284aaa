"""What a student taught still reads their hand after they change the pen's size: taught drawings are remembered with pen
copies, on the real model."""

import cv2
import numpy as np

from mnist_knn.classroom.drawings import Drawing
from mnist_knn.classroom.memory import pen_of_own_copy, student_memory
from mnist_knn.model.augment import with_pen_copies
from mnist_knn.reading.drawing import read_drawing
from mnist_knn.storage.records import own_example_rule


def _flagged_one(pen: int) -> np.ndarray:
    """A 1 with a long flag and no foot, drawn on the canvas with a pen `pen` pixels wide: the model reads it as 7."""
    canvas = np.zeros((280, 280), np.uint8)
    cv2.polylines(canvas, [np.array([(85, 90), (150, 40), (150, 240)], np.int32)], False, 255, pen, cv2.LINE_AA)
    return canvas


def test_pen_copies_are_bolder_and_finer_and_keep_the_label():
    digits = np.zeros((2, 28, 28), np.uint8)
    digits[:, 6:22, 12:16] = 255
    images, labels = with_pen_copies(digits, np.array([4, 7]))
    assert images.shape == (6, 28, 28) and list(labels) == [4, 7, 4, 7, 4, 7]
    ink = images.reshape(3, 2, -1).sum(axis=2)
    assert (ink[1] > ink[0]).all() and (ink[2] < ink[0]).all()  # as drawn, bolder, finer
    nothing = with_pen_copies(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64))
    assert nothing[0].shape == (0, 28, 28) and nothing[1].shape == (0,)


def test_a_one_taught_with_one_pen_reads_as_one_with_a_bolder_pen(default_model):
    drawn = read_drawing(_flagged_one(20), model=default_model, polarity="light-on-dark")
    assert drawn.digit == 7  # the walkthrough's European 1, read as 7 ...
    taught = Drawing(1, "canvas-1", drawn.stages.centred, 7, 0.5, False, 1, 0.0, taught=True)  # ... taught as a 1
    bolder = _flagged_one(34)  # the student then changes the pen's size
    nearness, weight = own_example_rule()  # as the app counts a student's own examples
    plain = default_model.remember(drawn.stages.centred[None], [1], vote_weights=weight, mine=True, nearness=nearness)
    assert read_drawing(bolder, model=default_model, polarity="light-on-dark", extra=plain).digit == 7  # as drawn alone
    memory = student_memory(default_model, [taught], None, (nearness, weight))
    assert len(memory.labels) == 3 and memory.mine.all()
    assert read_drawing(bolder, model=default_model, polarity="light-on-dark", extra=memory).digit == 1


def test_each_remembered_example_is_named_by_the_pen_of_its_copy(default_model):
    """Two drawings taught: the neighbour strip names each remembered example as drawn, or as its bolder or finer copy."""
    digits = [_flagged_one(20), _flagged_one(12)]
    taught = [Drawing(1, f"canvas-{n}", read_drawing(digit, model=default_model, polarity="light-on-dark").stages.centred,
                      7, 0.5, False, 1, 0.0, taught=True) for n, digit in enumerate(digits)]
    memory = student_memory(default_model, taught, None, own_example_rule())
    pens = [pen_of_own_copy(memory, index) for index in range(len(memory.labels))]
    assert pens == [0, 0, 1, 1, -1, -1]  # as drawn, then each pen's copies in turn
    copies, _ = with_pen_copies(np.stack([drawing.digit for drawing in taught]), np.array([1, 1]))
    assert np.array_equal(memory.images, copies)  # the order pen_of_own_copy reads
