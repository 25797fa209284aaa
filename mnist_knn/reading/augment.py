"""Training-set augmentation: shifted copies of training digits (never of test digits)."""

from __future__ import annotations

import numpy as np

AUGMENTATIONS = ("none", "shift1")
ONE_PIXEL_SHIFTS = ((-1, 0), (1, 0), (0, -1), (0, 1))


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


def augment_training(images: np.ndarray, labels: np.ndarray, augmentation: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Originals plus their augmented copies, the labels, and each row's index into the originals."""
    if augmentation not in AUGMENTATIONS:
        raise ValueError(f"augmentation must be one of {AUGMENTATIONS}, got {augmentation!r}")
    source_index = np.arange(len(images))
    if augmentation == "none":
        return images, labels, source_index
    copies = [images] + [shift_digits(images, rows, cols) for rows, cols in ONE_PIXEL_SHIFTS]
    repeats = len(copies)
    return np.concatenate(copies), np.tile(labels, repeats), np.tile(source_index, repeats)
