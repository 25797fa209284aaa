"""The second look's distortion distance: the vectorised version against a slow, obvious one, and what it tolerates."""

import cv2
import numpy as np
import pytest

from mnist_knn.model.second_look import distances_by_window, distortion_distances, local_features, warped_onto


def obvious_distance(query: np.ndarray, candidate: np.ndarray, window: int, context: int) -> float:
    """Pixel by pixel: the best match within the window, comparing (2c+1)² neighbourhoods; nothing outside the image
    (the drawing's neighbourhood ends at its border; the candidate is paper beyond its own)."""
    channels, side, _ = query.shape
    margin = window + context
    paper = np.zeros((channels, side + 2 * margin, side + 2 * margin))
    paper[:, margin : margin + side, margin : margin + side] = candidate
    total = 0.0
    for y in range(side):
        for x in range(side):
            top, bottom = max(0, y - context), min(side, y + context + 1)
            left, right = max(0, x - context), min(side, x + context + 1)
            own = query[:, top:bottom, left:right]
            best = np.inf
            for dy in range(-window, window + 1):
                for dx in range(-window, window + 1):
                    there = paper[:, top + dy + margin : bottom + dy + margin, left + dx + margin : right + dx + margin]
                    best = min(best, float(np.sum((own - there) ** 2)))
            total += best
    return float(np.sqrt(total))


@pytest.fixture(scope="module")
def images():
    rng = np.random.default_rng(3)
    images = np.zeros((5, 28, 28), np.uint8)
    for image in images:
        for _ in range(3):
            cv2.line(image, tuple(int(v) for v in rng.integers(3, 25, 2)), tuple(int(v) for v in rng.integers(3, 25, 2)), 255, 2)
    return images


@pytest.mark.parametrize("kind", ["gradients", "pixels"])
@pytest.mark.parametrize("window, context", [(0, 0), (1, 0), (0, 1), (1, 1), (2, 1)])
def test_the_vectorised_distance_equals_the_obvious_one(images, window, context, kind):
    queries, candidates = images[:1], images[None, 1:2]  # one pair: the pure-Python reference is slow
    fast = distortion_distances(queries, candidates, window, context, kind)
    query_maps, candidate_maps = local_features(queries, kind), local_features(candidates.reshape(-1, 28, 28), kind)
    slow = [[obvious_distance(query_maps[0], candidate_maps[0], window, context)]]
    assert np.allclose(fast, slow, rtol=1e-4)


def test_many_queries_at_once_give_what_each_gives_alone(images):
    rng = np.random.default_rng(0)
    queries, candidates = images[rng.integers(0, 5, 120)], images[rng.integers(0, 5, (120, 3))]  # two tasks (PAIRS_PER_TASK)
    together = distortion_distances(queries, candidates, 2, 1)
    alone = np.concatenate([distortion_distances(queries[i : i + 1], candidates[i : i + 1], 2, 1) for i in range(120)])
    assert np.allclose(together, alone)


def test_one_pass_gives_every_smaller_window(images):
    queries, candidates = images[:3], np.stack([images[2:5]] * 3)
    together = distances_by_window(queries, candidates, (0, 1, 2, 3), 1)
    assert np.allclose(together, [distortion_distances(queries, candidates, window, 1) for window in (0, 1, 2, 3)])


def test_a_shifted_copy_is_free_once_pixels_may_move_that_far(images):
    stroke = images[0]
    moved = np.roll(stroke, (1, 2), axis=(0, 1))  # the same strokes, one down and two to the right
    distances = [distortion_distances(stroke[None], moved[None, None], window, 1)[0, 0] for window in (0, 1, 2)]
    assert distances[0] > distances[1] > distances[2] and distances[2] < 1e-3 * distances[0]


def test_the_warp_moves_the_candidate_onto_the_drawing():
    drawing = np.zeros((28, 28), np.uint8)
    cv2.line(drawing, (8, 6), (18, 22), 255, 3)
    candidate = np.roll(drawing, (0, 2), axis=(0, 1))  # drawn two pixels further right
    warped = warped_onto(drawing, candidate, window=2, context=1)
    assert np.abs(warped.astype(int) - drawing).mean() < 0.05 * np.abs(candidate.astype(int) - drawing).mean()


def test_gradients_are_sobels_on_grey_levels_0_to_1():
    image = np.zeros((28, 28), np.uint8)
    cv2.circle(image, (14, 14), 8, 255, 3)
    ours = local_features(image[None])[0]
    sobel = [cv2.Sobel(image.astype(np.float32) / 255, cv2.CV_32F, dx, dy, ksize=3) for dx, dy in ((1, 0), (0, 1))]
    assert np.allclose(ours, sobel, atol=1e-5)
    with pytest.raises(ValueError, match="local features"):
        local_features(image[None], "colours")


def test_no_queries_give_no_distances():
    empty = distances_by_window(np.zeros((0, 28, 28), np.float32), np.zeros((0, 3, 28, 28), np.uint8), (1, 2), 0)
    assert empty.shape == (2, 0, 3)
