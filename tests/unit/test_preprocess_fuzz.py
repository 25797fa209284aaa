"""Fuzzing canvas_to_mnist: any array gives a 28 x 28 uint8 digit, None, or a ValueError with a message."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mnist_knn import canvas_to_mnist

DTYPES = st.sampled_from([np.uint8, np.uint16, np.int32, np.int64, np.float32, np.float64, np.bool_])
SHAPES = st.one_of(
    st.tuples(st.integers(0, 60), st.integers(0, 60)),
    st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from([1, 2, 3, 4, 5])),
    st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)),
)
ELEMENTS = {
    np.bool_: st.booleans(),
    np.float32: st.floats(allow_nan=True, allow_infinity=True, width=32),
    np.float64: st.floats(allow_nan=True, allow_infinity=True),
}


@st.composite
def images(draw):
    dtype = draw(DTYPES)
    return draw(arrays(dtype, draw(SHAPES), elements=ELEMENTS.get(dtype)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(images())
def test_any_array_gives_a_digit_none_or_a_clear_value_error(image):
    try:
        digit = canvas_to_mnist(image)
    except ValueError as error:
        assert str(error)
        return
    assert digit is None or (digit.shape == (28, 28) and digit.dtype == np.uint8 and digit.any())
