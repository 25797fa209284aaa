"""The looks and the calibration name what they use of a fitted estimator in Protocols (so they never import it): a
fitted NearestDigitClassifier has every one of those names."""

import typing

import numpy as np

from mnist_knn import NearestDigitClassifier
from mnist_knn.model.judgement import CalibratingReader
from mnist_knn.model.looks import FittedReader
from tests.unit.synthetic import shapes


def _names(protocol: type) -> set[str]:
    members = {name for klass in protocol.__mro__ if klass is not typing.Protocol and klass is not object
               for name in (*getattr(klass, "__annotations__", {}), *vars(klass))}
    return {name for name in members if not name.startswith("_")}


def test_a_fitted_model_has_everything_its_looks_and_calibration_use():
    X, y = shapes(20, seed=0)
    rings = np.zeros((5, 28, 28), np.uint8)
    rings[:, 2:26:4, 2:26] = 255  # stripes: not a digit of these shapes
    model = NearestDigitClassifier(n_neighbors=3, n_components=10, calibration_size=30, candidates=5).fit(X, y, non_digits=rings)
    wanted = _names(FittedReader) | _names(CalibratingReader)
    assert {"neighbors_", "straighten", "embed_straightened", "calibration_size", "classes_"} <= wanted
    assert sorted(name for name in wanted if not hasattr(model, name)) == []
    refit = model.fit(X, y)  # the same estimator, fitted again without non-digits, forgets them all
    assert refit.non_digits_ is None and refit.non_digit_images_ is None and refit.non_digit_source_ is None
