"""scikit-learn's own estimator checks: the engine passes every one; the digit reader every one that applies to digits."""

import re

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from mnist_knn import NearestDigitClassifier
from mnist_knn.model.neighbors import NumpyKNeighborsClassifier

# The digit reader takes 28 x 28 digits (784 pixel columns, declared in its tags); these checks fit it on generic
# (n, 1-13) data, which it refuses with "expected 784 pixel columns ... got N feature(s)". Each must fail that way
# and no other: (the error the check ends in, a pattern of its message). Where scikit-learn wraps our refusal in an
# assertion of its own, the refusal is what that assertion was raised from.
NOT_DIGITS = (ValueError, "expected 784 pixel columns")
WRAPPED = (AssertionError, "expected 784 pixel columns")
REFUSED_BY_THE_DIGIT_READER = {
    "check_fit_score_takes_y": NOT_DIGITS,
    "check_estimators_overwrite_params": NOT_DIGITS,
    "check_dont_overwrite_parameters": NOT_DIGITS,
    "check_estimators_fit_returns_self": NOT_DIGITS,
    "check_readonly_memmap_input": NOT_DIGITS,
    "check_n_features_in_after_fitting": NOT_DIGITS,
    "check_estimators_dtypes": NOT_DIGITS,
    # Object arrays of strings are not grey levels.
    "check_dtype_object": (ValueError, "digits must be numeric grey levels"),
    "check_pipeline_consistency": NOT_DIGITS,
    # NaN and inf in real digits are refused too: tests/unit/test_model.py.
    "check_estimators_nan_inf": NOT_DIGITS,
    "check_estimators_pickle": NOT_DIGITS,
    "check_f_contiguous_array_estimator": NOT_DIGITS,
    "check_classifier_data_not_an_array": NOT_DIGITS,
    "check_classifiers_one_label": WRAPPED,
    "check_classifiers_classes": NOT_DIGITS,
    "check_classifiers_train": NOT_DIGITS,
    "check_supervised_y_2d": NOT_DIGITS,
    "check_methods_sample_order_invariance": NOT_DIGITS,
    "check_methods_subset_invariance": NOT_DIGITS,
    "check_fit2d_1sample": WRAPPED,
    "check_dict_unchanged": NOT_DIGITS,
    "check_fit_idempotent": NOT_DIGITS,
    "check_fit_check_is_fitted": NOT_DIGITS,
    "check_n_features_in": NOT_DIGITS,
    "check_fit2d_predict1d": NOT_DIGITS,
}


def _name(check) -> str:
    return getattr(check, "func", check).__name__


@parametrize_with_checks([NumpyKNeighborsClassifier(), NearestDigitClassifier(n_components=None)])
def test_scikit_learn_estimator_checks(estimator, check):
    refusal = REFUSED_BY_THE_DIGIT_READER.get(_name(check)) if isinstance(estimator, NearestDigitClassifier) else None
    if refusal is None:
        check(estimator)
        return
    error, message = refusal
    with pytest.raises(error) as raised:
        check(estimator)
    refused = raised.value.__cause__ if refusal is WRAPPED else raised.value
    assert isinstance(refused, ValueError) and re.search(message, str(refused)), repr(raised.value)
