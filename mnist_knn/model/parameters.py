"""The estimator's parameters: the values each may take (checked at `fit`), and the textbook KNN's settings."""

from __future__ import annotations

from numbers import Integral, Real

from sklearn.utils._param_validation import Interval, StrOptions

from mnist_knn.model.augment import AUGMENTATIONS
from mnist_knn.model.features import FEATURE_KINDS
from mnist_knn.model.neighbors import WEIGHTINGS
from mnist_knn.model.second_look import LOCAL_FEATURES

# Every textbook's KNN: the 784 raw grey levels compared as they are, the 4 nearest voting (97.1 % on MNIST)
TEXTBOOK_KNN = {"feature_kind": "pixels", "deskew": False, "n_components": None, "n_neighbors": 4, "weights": "distance"}

# What NearestDigitClassifier's parameters may be: a bad setting fails at fit, naming the allowed values
PARAMETER_CONSTRAINTS: dict = {
    "n_neighbors": [Interval(Integral, 1, None, closed="left")],
    "weights": [StrOptions(set(WEIGHTINGS))],
    "feature_kind": [StrOptions(set(FEATURE_KINDS))],
    "deskew": ["boolean"],
    "n_components": [Interval(Integral, 1, None, closed="left"), None],
    "augmentation": [StrOptions(set(AUGMENTATIONS))],
    "whitening": [Interval(Real, 0, None, closed="left"), None],
    "metric_sample": [Interval(Integral, 0, None, closed="left")],
    "even_pen": ["boolean"],
    "candidates": [Interval(Integral, 0, None, closed="left")],
    "agreement": [Interval(Integral, 1, None, closed="left")],
    "warp_window": [Interval(Integral, 0, None, closed="left")],
    "warp_context": [Interval(Integral, 0, None, closed="left")],
    "local_features": [StrOptions(set(LOCAL_FEATURES))],
    "first_look_share": [Interval(Real, 0, None, closed="left")],
    "false_alarm_rate": [Interval(Real, 0, 1, closed="both")],
    "non_digit_neighbors": [Interval(Integral, 1, None, closed="left")],
    "non_digit_vote": [Interval(Real, 0, 1, closed="right")],
    "calibration_size": [Interval(Integral, 0, None, closed="left")],
    "random_state": [Interval(Integral, 0, None, closed="left")],
}
