"""What a model may cost: the limits the search holds every variant to (MNIST's floor, one drawing's search work, and
the size of the stored digits), in one place for the search that applies them and the page that shows them."""

from __future__ import annotations

from typing import Any

from mnist_knn.language import N_
from mnist_knn.model.augment import COPIES

MIN_MNIST = 0.994  # the house issue's floor for MNIST's test set, asked of the hold-out
STORED_BUDGET = 300  # stored copies x dimensions per training digit: what one drawing's search reads (~3 ms on one core)
MAX_STORED_MB = 110  # what the model keeps of the training digits (points; straightened copies for a second look); the
#                      model file is that and ~35 MB more (non-digit examples, calibration): at most 150 MB
OVER = {"hold_out": N_("MNIST hold-out under {floor}"), "speed": N_("too slow"), "size": N_("too big")}  # broken, in words


def stored_mb(params: dict[str, Any], n_digits: int) -> float:
    """What a model with these settings keeps of its `n_digits` stored digits (MNIST's and the other writers'): float32
    points per stored copy, and the copies' straightened 28 x 28 grey levels when it takes a second look."""
    per_copy = 4 * (params["n_components"] or 784) + (784 if params.get("candidates") else 0)
    return n_digits * COPIES[params["augmentation"]] * per_copy / 2**20


def limits_broken(params: dict[str, Any], mnist_hold_out: float, n_digits: int) -> list[str]:
    """The limits a variant with these settings breaks, as keys of OVER (none: the search may choose it), for a model
    built on `n_digits` stored digits."""
    broken = {"hold_out": mnist_hold_out < MIN_MNIST,
              "speed": COPIES[params["augmentation"]] * (params["n_components"] or 784) > STORED_BUDGET,
              "size": stored_mb(params, n_digits) > MAX_STORED_MB}
    return [limit for limit, is_broken in broken.items() if is_broken]
