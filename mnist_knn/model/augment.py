"""Augmentation: copies of training digits (never of test digits), and the pen copies of a drawing a student taught."""

from __future__ import annotations

import cv2
import numpy as np

from mnist_knn.model.features import CENTRE, DIGIT_BOX, SIDE

AUGMENTATIONS = ("none", "shift1", "pens", "pens+turns", "more pens", "pens+boxes")
COPIES = {"none": 1, "shift1": 5, "pens": 3, "pens+turns": 5, "more pens": 5,
          "pens+boxes": 4}  # stored examples per training digit
ONE_PIXEL_SHIFTS = ((-1, 0), (1, 0), (0, -1), (0, 1))
PEN_CHANGES = (1, -1)  # a taught drawing's copies: a bolder and a finer pen (thicker_or_thinner)


def shift_digits(images: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Move every digit by (rows, cols) pixels, filling the uncovered border with background."""
    shifted = np.zeros_like(images)
    height, width = images.shape[1:]
    source_rows = slice(max(0, -rows), height - max(0, rows))
    target_rows = slice(max(0, rows), height - max(0, -rows))
    source_cols = slice(max(0, -cols), width - max(0, cols))
    target_cols = slice(max(0, cols), width - max(0, -cols))
    shifted[:, target_rows, target_cols] = images[:, source_rows, source_cols]
    return shifted


def thicker_or_thinner(images: np.ndarray, change: int) -> np.ndarray:
    """Every digit drawn with a bolder (change > 0) or finer (change < 0) pen: half a pixel more or less on each side
    per step."""
    kernel = np.ones((2 * abs(change) + 1, 2 * abs(change) + 1), np.uint8)
    changed = []
    for image in images:
        large = cv2.resize(image, (56, 56), interpolation=cv2.INTER_LINEAR)
        large = cv2.dilate(large, kernel) if change > 0 else cv2.erode(large, kernel)
        changed.append(cv2.resize(large, (28, 28), interpolation=cv2.INTER_AREA))
    return np.stack(changed)


def with_pen_copies(images: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Digits a student taught, as they are remembered: each as drawn, then each with a bolder and then a finer pen
    (PEN_CHANGES), so that what they taught still reads their next drawing after they change the pen's size."""
    images, labels = np.asarray(images), np.asarray(labels, dtype=np.int64)
    copies = [images] + [thicker_or_thinner(images, change) for change in PEN_CHANGES] if len(images) else [images]
    return np.concatenate(copies), np.tile(labels, len(copies))


def turned(images: np.ndarray, degrees: float) -> np.ndarray:
    """Every digit turned by `degrees` about the centre of its field."""
    matrix = cv2.getRotationMatrix2D((13.5, 13.5), degrees, 1.0)
    return np.stack([cv2.warpAffine(image, matrix, (28, 28), flags=cv2.INTER_LINEAR) for image in images])


def box_filled(images: np.ndarray, side: int = 16) -> np.ndarray:
    """Every digit as a box-filling scan shows it: cut to its ink, stretched to fill a square, made binary at `side` x
    `side` pixels, then brought back to MNIST's 20-pixel box, its centre of mass where MNIST puts it (a digit whose scan
    keeps no ink stays as it was)."""
    filled = []
    for image in images:
        rows, columns = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
        crop = image[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1].astype(np.float32) if rows.size else image
        scan = np.where(cv2.resize(crop, (side, side), interpolation=cv2.INTER_AREA) > 127, 255.0, 0.0).astype(np.float32)
        box = cv2.resize(scan, (DIGIT_BOX, DIGIT_BOX), interpolation=cv2.INTER_AREA)
        moments = cv2.moments(box)
        if not moments["m00"]:
            filled.append(image)
            continue
        move = np.float32([[1, 0, CENTRE - moments["m10"] / moments["m00"]], [0, 1, CENTRE - moments["m01"] / moments["m00"]]])
        placed = cv2.warpAffine(box, move, (SIDE, SIDE), flags=cv2.INTER_LINEAR)
        filled.append(np.clip(placed, 0, 255).astype(image.dtype))
    return np.stack(filled)


def augment_training(images: np.ndarray, labels: np.ndarray, augmentation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Originals plus their augmented copies, the labels, and each row's index into the originals."""
    if augmentation not in AUGMENTATIONS:
        raise ValueError(f"augmentation must be one of {AUGMENTATIONS}, got {augmentation!r}")
    source_index = np.arange(len(images))
    if augmentation == "none":
        return images, labels, source_index
    if augmentation == "shift1":
        copies = [images] + [shift_digits(images, rows, cols) for rows, cols in ONE_PIXEL_SHIFTS]
    else:
        copies = [images, thicker_or_thinner(images, 1), thicker_or_thinner(images, -1)]
        if augmentation == "more pens":
            copies += [thicker_or_thinner(images, 2), thicker_or_thinner(images, -2)]
        if augmentation == "pens+turns":
            copies += [turned(images, 8), turned(images, -8)]
        if augmentation == "pens+boxes":
            copies += [box_filled(images)]
    repeats = len(copies)
    return np.concatenate(copies), np.tile(labels, repeats), np.tile(source_index, repeats)
