"""Small synthetic digit sets for fast unit tests: three shape classes with random placement and width."""

import cv2
import numpy as np


def shapes(n_per_class: int = 40, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Vertical bars (0), horizontal bars (1) and rings (2), 28 x 28 uint8, white on black."""
    rng = np.random.default_rng(seed)
    images, labels = [], []
    for label in range(3):
        for _ in range(n_per_class):
            image = np.zeros((28, 28), np.uint8)
            shift = rng.integers(-3, 4, 2)
            width = int(rng.integers(2, 4))
            centre = (14 + int(shift[0]), 14 + int(shift[1]))
            if label == 0:
                cv2.line(image, (centre[0], 5), (centre[0] + int(rng.integers(-2, 3)), 23), 255, width)
            elif label == 1:
                cv2.line(image, (5, centre[1]), (23, centre[1] + int(rng.integers(-2, 3))), 255, width)
            else:
                cv2.circle(image, centre, int(rng.integers(6, 9)), 255, width)
            images.append(image)
            labels.append(label)
    return np.stack(images), np.array(labels)
