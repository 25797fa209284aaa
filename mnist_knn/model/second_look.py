"""The second look: a distance that lets every pixel move a little, to re-rank the first look's nearest candidates.

The image distortion model (IDM; Keysers et al., PAMI 2007): each pixel of the drawing may match any pixel of a
candidate up to `window` pixels away in each direction. Pixels are compared with their local context: the
(2 * context + 1)² neighbourhood of their local features (horizontal and vertical gradients, or grey levels).
The distance is the square root of the sum of every pixel's best match (a Euclidean distance when nothing may move),
so a stroke drawn a little higher, wider or bent still fits.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from mnist_knn.model.features import sobel

SIDE = 28
LOCAL_FEATURES = ("gradients", "pixels")
PAIRS_PER_TASK = 256  # query-candidate pairs compared in one task (two tasks run at once: NumPy releases the GIL)
FLOATS_PER_STEP = 1 << 17  # shifts are compared several at once, up to this many floats (512 KB: fits in L2) per step
_WORKERS = ThreadPoolExecutor(2, thread_name_prefix="second-look")


def local_features(images: np.ndarray, kind: str = "gradients") -> np.ndarray:
    """(n, 28, 28) grey levels 0-255 -> (n, channels, 28, 28) float32: Sobel gradients (x, y) or grey levels, on 0-1."""
    if kind not in LOCAL_FEATURES:
        raise ValueError(f"local features must be one of {LOCAL_FEATURES}, got {kind!r}")
    pixels = np.asarray(images, dtype=np.float32) / np.float32(255.0)
    if kind == "pixels":
        return pixels[:, None]
    return np.stack(sobel(pixels), axis=1)


def _context_sums(values: np.ndarray, context: int) -> np.ndarray:
    """Sum of each pixel's (2 * context + 1)² neighbourhood over the last two axes (zeros outside the image)."""
    if context == 0:
        return values
    rows = np.zeros_like(values)  # added in the order a zero-padded sum takes: the same floats, without the padded copy
    for shift in range(-context, context + 1):
        rows[..., max(0, -shift) : SIDE - max(0, shift), :] += values[..., max(0, shift) : SIDE + min(0, shift), :]
    sums = np.zeros_like(rows)
    for shift in range(-context, context + 1):
        sums[..., max(0, -shift) : SIDE - max(0, shift)] += rows[..., max(0, shift) : SIDE + min(0, shift)]
    return sums


def _rings(window: int) -> list[list[tuple[int, int]]]:
    """The displacements a pixel may take, ring by ring: ring r holds those r pixels away (in the larger direction)."""
    steps = range(-window, window + 1)
    return [[(dy, dx) for dy in steps for dx in steps if max(abs(dy), abs(dx)) == ring] for ring in range(window + 1)]


def _shifts(window: int) -> list[tuple[int, int]]:
    """Every displacement a pixel may take, nearest first."""
    return [shift for ring in _rings(window) for shift in ring]


def _best_matches(queries: np.ndarray, candidates: np.ndarray, window: int, context: int, track: bool = False,
                  totals_at: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray | None, dict[int, np.ndarray]]:
    """Each query pixel's best context distance to each candidate (B, K, 28, 28); which shift won (if `track`); and the
    summed distances (B, K) as they stood after each ring in `totals_at`: the distances for those smaller windows.

    Several shifts are compared per step, as one (shifts, B, K, channels, 28, 28) array: fewer, larger NumPy calls.
    """
    padded = np.zeros(candidates.shape[:3] + (SIDE + 2 * window, SIDE + 2 * window), dtype=candidates.dtype)
    padded[..., window : window + SIDE, window : window + SIDE] = candidates  # zeros around: np.pad, without its overhead
    per_step = max(1, FLOATS_PER_STEP // candidates.size)
    best = np.full(candidates.shape[:2] + (SIDE, SIDE), np.inf, dtype=np.float32)
    chosen = np.zeros(best.shape, dtype=np.int8) if track else None
    totals, number = {}, 0
    for ring, shifts in enumerate(_rings(window)):
        for first in range(0, len(shifts), per_step):
            step = shifts[first : first + per_step]
            moved = np.stack([padded[..., window + dy : window + dy + SIDE, window + dx : window + dx + SIDE] for dy, dx in step])
            moved -= queries[None, :, None]
            np.square(moved, out=moved)
            distance = _context_sums(moved.sum(axis=3), context)  # (shifts, B, K, 28, 28)
            nearest = distance.min(axis=0)
            if track:
                better = nearest < best
                chosen[better] = number + distance.argmin(axis=0)[better]
            np.minimum(best, nearest, out=best)
            number += len(step)
        if ring in totals_at:
            totals[ring] = best.sum(axis=(2, 3))
    return best, chosen, totals


def distortion_distances(queries: np.ndarray, candidates: np.ndarray, window: int, context: int,
                         kind: str = "gradients") -> np.ndarray:
    """IDM distances (B, K) between query digits (B, 28, 28) and their candidates (B, K, 28, 28), grey levels 0-255."""
    return distances_by_window(queries, candidates, (window,), context, kind)[0]


def distances_by_window(queries: np.ndarray, candidates: np.ndarray, windows: tuple[int, ...], context: int,
                        kind: str = "gradients") -> np.ndarray:
    """IDM distances for several windows at once (len(windows), B, K): one pass up to the largest.

    The work is cut into tasks of a few hundred pairs, each making its own local features: small arrays that are
    reused from the heap (large ones cost fresh pages every call), and two tasks run at once. One drawing is one task,
    on the calling thread (split in halves on two threads, it took no less: a drawing read in 2.6-3.5 ms p50 so and in
    2.6-3.1 ms on one thread, three runs of each in turn).
    """
    count, per_query = candidates.shape[:2]
    if count == 0:  # nothing to look at twice (every drawing's nearest agreed)
        return np.zeros((len(windows), 0, per_query), dtype=np.float32)
    rows = max(1, PAIRS_PER_TASK // per_query)
    parts = [(queries[start : start + rows], candidates[start : start + rows]) for start in range(0, count, rows)]

    def compare(part: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        query_maps = local_features(part[0], kind)
        candidate_maps = local_features(part[1].reshape(-1, SIDE, SIDE), kind).reshape(part[1].shape[:2] + query_maps.shape[1:])
        totals = _best_matches(query_maps, candidate_maps, max(windows), context, totals_at=windows)[2]
        return np.sqrt(np.stack([totals[window] for window in windows]))

    others = [_WORKERS.submit(compare, part) for part in parts[1:]]  # this thread takes the first part itself
    results = [compare(parts[0])] + [other.result() for other in others]
    return np.concatenate(results, axis=1)


def warped_onto(query: np.ndarray, candidate: np.ndarray, window: int, context: int, kind: str = "gradients") -> np.ndarray:
    """The candidate's grey levels (28 x 28) moved to where the query's pixels found their best matches."""
    maps = local_features(np.stack([query, candidate]), kind)
    _, chosen, _ = _best_matches(maps[:1], maps[None, 1:], window, context, track=True)
    shifts = np.array(_shifts(window))[chosen[0, 0]]  # (28, 28, 2): the (dy, dx) each pixel took
    rows, columns = np.indices((SIDE, SIDE))
    source_rows, source_columns = rows + shifts[..., 0], columns + shifts[..., 1]
    inside = (source_rows >= 0) & (source_rows < SIDE) & (source_columns >= 0) & (source_columns < SIDE)
    warped = np.zeros((SIDE, SIDE), dtype=np.uint8)
    warped[inside] = np.asarray(candidate)[source_rows[inside], source_columns[inside]]
    return warped
