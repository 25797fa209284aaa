"""scikit-learn's own estimator checks: the engine passes every one; the digit reader every one that applies to digits."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from mnist_knn import NearestDigitClassifier
from mnist_knn.reading.neighbors import NumpyKNeighborsClassifier

# The digit reader takes 28 x 28 digits (784 pixel columns, declared in its tags); these checks fit it on generic
# (n, 1-13) data, which it refuses with "expected 784 pixel columns ... got N feature(s)". One line per check:
NOT_DIGITS = "fits generic (n, 1-13) data; the reader takes 784 pixel columns"
SKIPPED_FOR_THE_DIGIT_READER = {
    "check_fit_score_takes_y": NOT_DIGITS,
    "check_estimators_overwrite_params": NOT_DIGITS,
    "check_dont_overwrite_parameters": NOT_DIGITS,
    "check_estimators_fit_returns_self": NOT_DIGITS,
    "check_readonly_memmap_input": NOT_DIGITS,
    "check_n_features_in_after_fitting": NOT_DIGITS,
    "check_estimators_dtypes": NOT_DIGITS,
    "check_dtype_object": "object arrays of strings are not grey levels: refused with a message",
    "check_pipeline_consistency": NOT_DIGITS,
    "check_estimators_nan_inf": NOT_DIGITS + " (NaN and inf in digits are refused: tests/unit/test_model.py)",
    "check_estimators_pickle": NOT_DIGITS,
    "check_f_contiguous_array_estimator": NOT_DIGITS,
    "check_classifier_data_not_an_array": NOT_DIGITS,
    "check_classifiers_one_label": NOT_DIGITS,
    "check_classifiers_classes": NOT_DIGITS,
    "check_classifiers_train": NOT_DIGITS,
    "check_supervised_y_2d": NOT_DIGITS,
    "check_methods_sample_order_invariance": NOT_DIGITS,
    "check_methods_subset_invariance": NOT_DIGITS,
    "check_fit2d_1sample": NOT_DIGITS,
    "check_dict_unchanged": NOT_DIGITS,
    "check_fit_idempotent": NOT_DIGITS,
    "check_fit_check_is_fitted": NOT_DIGITS,
    "check_n_features_in": NOT_DIGITS,
    "check_fit2d_predict1d": NOT_DIGITS,
}


def _expected_failures(estimator) -> dict[str, str]:
    return SKIPPED_FOR_THE_DIGIT_READER if isinstance(estimator, NearestDigitClassifier) else {}


@parametrize_with_checks([NumpyKNeighborsClassifier(), NearestDigitClassifier(n_components=None)],
                         expected_failed_checks=_expected_failures)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
