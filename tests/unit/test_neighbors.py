"""Our NumPy k-NN against scikit-learn's brute-force KNN: same neighbours, distances, votes and predictions."""

import numpy as np
import pytest
from sklearn.neighbors import KNeighborsClassifier

from mnist_knn.model import neighbors
from mnist_knn.model.neighbors import NumpyKNeighborsClassifier, vote


@pytest.fixture(scope="module")
def points():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(10, 16)) * 3
    labels = rng.integers(0, 10, 600)
    X = (centres[labels] + rng.normal(size=(600, 16))).astype(np.float32)
    queries = (centres[rng.integers(0, 10, 150)] + rng.normal(size=(150, 16))).astype(np.float32)
    return X, labels, queries


@pytest.mark.parametrize("weights", ["uniform", "distance"])
@pytest.mark.parametrize("k", [1, 4, 9])
def test_same_as_scikit_learn_brute_force(points, k, weights):
    X, y, queries = points
    ours = NumpyKNeighborsClassifier(n_neighbors=k, weights=weights).fit(X, y)
    reference = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute").fit(X, y)
    our_distances, our_indices = ours.kneighbors(queries)
    their_distances, their_indices = reference.kneighbors(queries)
    assert np.array_equal(our_indices, their_indices)
    assert np.allclose(our_distances, their_distances, atol=1e-3)
    assert np.allclose(ours.predict_proba(queries), reference.predict_proba(queries), atol=1e-5)
    assert np.array_equal(ours.predict(queries), reference.predict(queries))


def test_chunking_changes_nothing(points, monkeypatch):
    X, y, queries = points
    model = NumpyKNeighborsClassifier(n_neighbors=5).fit(X, y)
    whole = model.kneighbors(queries)
    monkeypatch.setattr(neighbors, "CHUNK_BYTES", 4 * len(X) * 7)  # 7 queries per chunk
    chunked = model.kneighbors(queries)
    assert np.array_equal(whole[1], chunked[1]) and np.allclose(whole[0], chunked[0])


def test_equal_distances_come_in_stored_order():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]], np.float32)
    model = NumpyKNeighborsClassifier(n_neighbors=4).fit(X, [0, 1, 2, 3])
    distances, indices = model.kneighbors(np.zeros((1, 2), np.float32))
    assert indices.tolist() == [[0, 1, 2, 3]] and np.allclose(distances, 1.0)


def test_k_larger_than_the_memory_returns_everything():
    model = NumpyKNeighborsClassifier(n_neighbors=10).fit(np.eye(3, dtype=np.float32), [0, 1, 2])
    distances, indices = model.kneighbors(np.eye(3, dtype=np.float32)[:1])
    assert indices.tolist() == [[0, 1, 2]]


def test_exact_match_takes_the_whole_distance_vote():
    probabilities = vote(np.array([[0.0, 1.0, 1.0]]), np.array([[5, 3, 3]]), 3, "distance")
    assert probabilities[0, 5] == 1.0


def test_unknown_weighting_is_refused():
    with pytest.raises(ValueError, match="weights"):
        NumpyKNeighborsClassifier(weights="gaussian").fit(np.eye(2), [0, 1])


def test_batch_searches_at_once_never_interleave_their_blas_limits(monkeypatch):
    """A batch holds BLAS to one thread while it runs (process-wide): many at once take turns, and BLAS comes back as it was."""
    import threading

    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    active, overlaps, real_limits = [], [], neighbors.threadpool_limits

    class Watched:
        def __init__(self, *args, **kwargs):
            self.limit = real_limits(*args, **kwargs)

        def __enter__(self):
            overlaps.append(len(active))
            active.append(self)
            return self.limit.__enter__()

        def __exit__(self, *exc):
            active.remove(self)
            return self.limit.__exit__(*exc)

    monkeypatch.setattr(neighbors, "threadpool_limits", lambda *args, **kwargs: Watched(*args, **kwargs))
    monkeypatch.setattr(neighbors, "CHUNK_BYTES", 4 * 5_000 * 64)  # 64 queries a chunk: every search below is a batch
    rng = np.random.default_rng(0)
    stored = rng.normal(size=(5_000, 16)).astype(np.float32)
    model = NumpyKNeighborsClassifier(n_neighbors=5).fit(stored, rng.integers(0, 10, 5_000))
    queries = rng.normal(size=(1_000, 16)).astype(np.float32)
    expected, before = model.kneighbors(queries), blas_threads()
    results = [None] * 6
    searchers = [threading.Thread(target=lambda i=i: results.__setitem__(i, model.kneighbors(queries))) for i in range(6)]
    for searcher in searchers:
        searcher.start()
    single = [model.kneighbors(queries[:1]) for _ in range(50)]  # drawings meanwhile: one chunk each, no limit
    for searcher in searchers:
        searcher.join()
    assert len(overlaps) == 7 and set(overlaps) == {0}  # every batch set its limit while no other limit was active
    assert blas_threads() == before
    assert all(np.array_equal(found[1], expected[1]) for found in results)
    assert all(np.array_equal(found[1], expected[1][:1]) for found in single)


@pytest.fixture(scope="module")
def wide_points():
    """Points wider than the head, spread most in their leading columns (as the model's space is laid out) or not."""
    rng = np.random.default_rng(1)
    spread = np.linspace(3.0, 0.3, 64)
    centres = rng.normal(size=(10, 64)) * spread
    labels = rng.integers(0, 10, 3_000)
    X = (centres[labels] + rng.normal(size=(3_000, 64)) * spread).astype(np.float32)
    queries = (centres[rng.integers(0, 10, 60)] + rng.normal(size=(60, 64)) * spread).astype(np.float32)
    return X, labels, queries


@pytest.mark.parametrize("leading_first", [True, False])
@pytest.mark.parametrize("k", [1, 6, 36])
def test_one_query_searching_the_head_first_finds_the_same_neighbours(wide_points, k, leading_first):
    """A single drawing's search rules examples out by their leading columns first: it finds exactly what scikit-learn's
    brute force finds, whether or not the leading columns are the widest."""
    X, y, queries = wide_points
    order = np.arange(X.shape[1]) if leading_first else np.arange(X.shape[1])[::-1]
    X, queries = np.ascontiguousarray(X[:, order]), np.ascontiguousarray(queries[:, order])
    assert X.shape[1] > neighbors.HEAD
    ours = NumpyKNeighborsClassifier(n_neighbors=k).fit(X, y)
    their_distances, their_indices = KNeighborsClassifier(algorithm="brute").fit(X, y).kneighbors(queries, k)
    for query, their_row, their_distance in zip(queries, their_indices, their_distances):
        our_distance, our_row = ours.kneighbors(query[None, :])
        assert our_row[0].tolist() == their_row.tolist()
        assert np.allclose(our_distance[0], their_distance, rtol=1e-5)


def test_the_tails_are_laid_out_again_after_loading(wide_points, tmp_path):
    import joblib

    X, y, queries = wide_points
    model = NumpyKNeighborsClassifier(n_neighbors=3).fit(X, y)
    joblib.dump(model, tmp_path / "engine.joblib")
    assert "_tails" not in model.__getstate__()  # laid out from the examples: not saved twice
    loaded = joblib.load(tmp_path / "engine.joblib")
    assert np.array_equal(loaded.kneighbors(queries[:1])[1], model.kneighbors(queries[:1])[1])
