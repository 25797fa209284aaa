"""The classifier: fits on raw digits, votes like scikit-learn, maps neighbours back to training digits."""

import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier
from mnist_knn.reading.explanation import neighbour_images
from tests.unit.synthetic import shapes


@pytest.fixture(scope="module")
def split():
    X, y = shapes(40, seed=0)
    X_new, y_new = shapes(15, seed=1)
    return X, y, X_new, y_new


@pytest.mark.parametrize("kind, n_components", [("gradients", 20), ("pixels", None)])
def test_learns_synthetic_shapes(split, kind, n_components):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=3, feature_kind=kind, n_components=n_components).fit(X, y)
    assert (model.predict(X_new) == y_new).mean() >= 0.95


def test_every_training_digit_is_its_own_nearest_neighbor(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_neighbors=1, n_components=20).fit(X, y)
    neighbors = model.nearest_training_digits(X[:10], 1)
    assert np.array_equal(X[neighbors.indices[:, 0]], X[:10])  # itself or an identical twin
    assert np.allclose(neighbors.distances[:, 0], 0, atol=1e-2)  # float32 rounding of ||a||² - 2ab + ||b||²
    assert np.array_equal(neighbors.labels[:, 0], y[:10])


def test_augmentation_adds_shifted_copies_that_point_back_to_their_original(split):
    X, y, X_new, _ = split
    model = NearestDigitClassifier(n_neighbors=5, n_components=20, augmentation="shift1").fit(X, y)
    assert len(model.source_index_) == 5 * len(X)
    neighbors = model.nearest_training_digits(X_new, 5)
    assert neighbors.indices.max() < len(X)
    assert np.array_equal(neighbors.labels, y[neighbors.indices])


def test_other_writers_digits_are_stored_after_the_training_digits_with_their_copies_and_shown_as_drawn(split):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=1, n_components=20, augmentation="pens").fit(X, y, more_digits=(X_new, y_new))
    assert len(model.training_labels_) == len(X) + len(X_new) and len(model.source_index_) == 3 * len(model.training_labels_)
    nearest = model.nearest_training_digits(X_new, 1).indices[:, 0]
    assert np.array_equal(np.stack(neighbour_images(model, nearest, X)), X_new)  # each finds itself (or a twin) ...
    assert np.array_equal(model.training_labels_[nearest], y_new) and (nearest >= len(X)).mean() > 0.5  # ... after X's
    assert np.array_equal(np.stack(neighbour_images(model, np.arange(3), X)), X[:3])


def test_a_box_filled_copy_stretches_a_digit_to_fill_mnists_box_as_a_binary_scan():
    from mnist_knn.model.augment import box_filled

    one = np.zeros((1, 28, 28), np.uint8)
    one[0, 4:24, 12:15] = 255  # a thin upright stroke
    filled = box_filled(one)[0]
    rows, columns = np.flatnonzero(filled.any(axis=1)), np.flatnonzero(filled.any(axis=0))
    assert 19 <= len(rows) <= 21 and 19 <= len(columns) <= 21  # stretched to fill the 20-pixel box both ways
    assert (filled[rows[0] + 1 : rows[-1], columns[0] + 1 : columns[-1]] > 200).mean() > 0.9  # a solid block
    assert abs(np.average(np.arange(28), weights=filled.sum(axis=0)) - 14.0) < 0.3  # its centre of mass where MNIST has it
    X, y = shapes(12, seed=2)
    model = NearestDigitClassifier(n_components=10, augmentation="pens+boxes").fit(X, y)
    assert len(model.source_index_) == 4 * len(X) and np.array_equal(model.source_index_[-len(X):], np.arange(len(X)))


def test_input_of_wrong_shape_is_refused(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_components=10).fit(X, y)
    with pytest.raises(ValueError, match="28, 28"):
        model.predict(np.zeros((2, 30, 30)))


def test_remembered_examples_join_the_neighbors_in_distance_order(split):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=3, n_components=20).fit(X, y)
    plain = model.nearest_training_digits(X_new, 5)
    assert not plain.from_extra.any()
    extra = model.remember(X_new[:4], (y_new[:4] + 1) % 10)  # deliberately relabelled: only memory can explain those labels
    merged = model.nearest_training_digits(X_new, 5, extra)
    itself = merged.from_extra[:4] & (merged.indices[:4] == np.arange(4)[:, None])  # each remembered digit finds itself
    assert itself.any(axis=1).all() and np.allclose(merged.distances[:4][itself], 0, atol=1e-2)
    assert np.array_equal(merged.labels[:4][itself], (y_new[:4] + 1) % 10)
    assert np.all(np.diff(merged.distances, axis=1) >= 0)
    rows = ~merged.from_extra
    training_distances = np.linalg.norm(model.embed(X_new)[:, None] - model.embed(X)[merged.indices], axis=2)
    scale = model.calibration_.first_look_scale  # distances are given in units of a typical nearest distance
    assert np.allclose(merged.distances[rows] * scale, training_distances[rows], atol=1e-2)


def test_remembering_nothing_changes_nothing(split):
    X, y, X_new, _ = split
    model = NearestDigitClassifier(n_neighbors=3, n_components=20).fit(X, y)
    empty = model.remember(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64))
    assert np.array_equal(model.nearest_training_digits(X_new, 5, empty).indices, model.nearest_training_digits(X_new, 5).indices)


def test_digits_with_nan_or_infinity_are_refused(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_components=10).fit(X, y)
    broken = X[:2].astype(float)
    broken[0, 3, 3] = np.nan
    with pytest.raises(ValueError, match="NaN or infinity"):
        model.predict(broken)


@pytest.fixture(scope="module")
def two_looks(split):
    X, y, _, _ = split
    model = NearestDigitClassifier(n_neighbors=3, n_components=20, candidates=30, agreement=30, calibration_size=60)
    return model.fit(X, y)


def test_only_queries_whose_candidates_disagree_get_a_second_look(two_looks, split):
    _, _, X_new, _ = split
    first = two_looks.neighbors_.kneighbors(two_looks.embed(X_new), 30)[1]
    disagree = (two_looks.training_labels_[first] != two_looks.training_labels_[first[:, :1]]).any(axis=1)
    reading = two_looks.read(X_new, 30)
    assert disagree.any() and (~disagree).any()
    assert np.array_equal(reading.neighbors.looked_twice, disagree)
    agreed = ~disagree  # untouched: the first look's order
    assert np.array_equal(reading.neighbors.first_rank[agreed], np.tile(np.arange(30), (agreed.sum(), 1)))


def test_the_second_look_reorders_candidates_by_the_distortion_distance(two_looks, split):
    from mnist_knn.model.features import deskew
    from mnist_knn.model.second_look import distortion_distances

    X, _, X_new, _ = split
    reading = two_looks.read(X_new, 30)
    row = int(np.flatnonzero(reading.neighbors.looked_twice)[0])
    candidates = reading.neighbors.indices[row]
    distances = distortion_distances(deskew(X_new[row : row + 1]), np.rint(deskew(X[candidates])).clip(0, 255)[None], 2, 1)[0]
    assert np.all(np.diff(distances) >= -1e-3)  # first_look_share 0: the order is the distortion distance's alone


def test_a_zero_window_on_pixels_keeps_the_first_looks_order(split):
    """With no room to move and nothing but grey levels compared, the second look measures what the first look does."""
    X, y, X_new, _ = split
    first_only = dict(feature_kind="pixels", n_components=None, n_neighbors=5, calibration_size=60)
    plain = NearestDigitClassifier(**first_only).fit(X, y).read(X_new, 40).neighbors
    second = NearestDigitClassifier(**first_only, candidates=40, agreement=40, warp_window=0,
                                    warp_context=0, local_features="pixels").fit(X, y)
    reread = second.read(X_new, 40).neighbors
    assert reread.looked_twice.any()
    assert np.allclose(reread.distances, plain.distances, rtol=1e-4, atol=1e-2)  # the same distances, so the same order ...
    tied = np.isclose(reread.distances[:, :, None], reread.distances[:, None, :], rtol=2e-4).sum(axis=2) > 1
    assert np.all((reread.indices == plain.indices) | tied)  # ... up to the order of those equally far (to float32 rounding)


def test_held_out_calibration_flags_about_the_stated_share_of_real_digits(two_looks, split):
    X, y, X_new, _ = split
    calibration = two_looks.calibration_
    assert calibration.first_look_scale > 0 and calibration.second_look_scale > 0
    assert calibration.false_alarm_rate == 0.01 and all(limit > 1 for limit in calibration.limits)
    reading = two_looks.read(X_new)
    assert reading.novelty.flagged.mean() <= 0.1  # new digits of the same shapes are seldom flagged ...
    scribble = np.zeros((1, 28, 28), np.uint8)
    scribble[0, ::3, :] = 255  # ... and a page of stripes is
    assert two_looks.read(scribble).novelty.flagged[0]
    assert np.all((reading.chance_right >= 0) & (reading.chance_right <= 1))


def test_examples_of_things_that_are_not_digits_never_take_part_in_the_digit_vote(split):
    X, y, X_new, y_new = split
    bars, rings = y < 2, y == 2  # the "digits" are bars; rings are drawings that are not digits
    settings = dict(n_neighbors=3, n_components=20, calibration_size=60, non_digit_neighbors=5, non_digit_vote=0.5)
    plain = NearestDigitClassifier(**settings).fit(X[bars], y[bars])
    judged = NearestDigitClassifier(**settings).fit(X[bars], y[bars], non_digits=X[rings])
    reading, before = judged.read(X_new, 15), plain.read(X_new, 15)
    assert np.array_equal(reading.neighbors.indices, before.neighbors.indices)  # the same digit neighbours ...
    assert np.array_equal(reading.predicted, before.predicted)  # ... and the same vote, only ever for a digit
    assert set(np.unique(reading.neighbors.labels)) == {0, 1}
    new_rings = y_new == 2  # ... while the evidence beside them says which are not digits
    assert reading.novelty.flagged[new_rings].all() and "not digits" in reading.novelty.reason(int(np.flatnonzero(new_rings)[0]))
    assert reading.non_digits.share[new_rings].min() >= 0.5 and reading.non_digits.share[~new_rings].max() < 0.5


def test_a_non_digit_example_that_passes_for_a_digit_is_left_out(split):
    X, y, _, _ = split
    bars = y < 2
    judged = NearestDigitClassifier(n_components=20, calibration_size=60).fit(X[bars], y[bars],
                                                                               non_digits=np.concatenate([X[:3], X[y == 2]]))
    assert len(judged.non_digit_images_) == (y == 2).sum()  # the three bars among them look like digits: not learned


@pytest.mark.parametrize("setting", [{"local_features": "bogus"}, {"n_neighbors": 0}, {"non_digit_vote": 1.5},
                                     {"augmentation": "flips"}, {"weights": "closest"}])
def test_a_bad_setting_fails_at_fit_with_the_allowed_values(split, setting):
    X, y, _, _ = split
    with pytest.raises(ValueError, match="parameter of NearestDigitClassifier must be"):
        NearestDigitClassifier(n_components=5, **setting).fit(X, y)


def test_a_few_close_examples_of_ones_own_win_over_many_farther_ones(split):
    X, y, X_new, y_new = split
    model = NearestDigitClassifier(n_neighbors=5, n_components=20, calibration_size=60).fit(X, y)
    bars = X_new[y_new == 0]
    drawing = bars[[np.argmax(model.read(bars).neighbors.distances[:, 0])]]  # the bar least like any stored one: a 0
    mine = drawing.copy()
    mine[0] = np.roll(mine[0], 1, axis=1)  # the student's own, slightly different drawing of it, taught as a 2
    far = np.zeros_like(mine)
    far[0, 10:18, 10:18] = 255  # and a square, taught as a 2 too
    assert model.read(drawing).predicted[0] == 0
    once = model.remember(mine, [2], vote_weights=1.0, mine=True)
    weighty = model.remember(np.concatenate([mine, far]), [2, 2], vote_weights=8.0, mine=True)
    near = model.read(drawing, 15, weighty).neighbors
    # the same neighbours at the same distances: searched among one or two remembered examples (products of other
    # shapes, so the last bits of float32 may differ: never compare them exactly)
    alone = model.read(drawing, 15, once).neighbors
    assert near.from_extra[0].sum() == 1 and np.array_equal(near.indices, alone.indices)
    assert np.allclose(near.distances, alone.distances, rtol=1e-5, atol=1e-6)
    assert model.read(drawing, extra=once).predicted[0] == 0  # one vote among five: the training digits win ...
    assert model.read(drawing, extra=weighty).predicted[0] == 2  # ... counted eight times, one close example of one's own
    other = X_new[y_new == 1][:5]  # a far example of one's own changes nothing for drawings it is not near
    assert np.array_equal(model.read(other, extra=weighty).predicted, model.read(other).predicted)
