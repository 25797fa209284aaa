"""Exact k-nearest-neighbour search and voting in NumPy: squared L2 by matrix products, top-k by a bounded sort; one
query (a drawing) searches the leading columns first, whose partial distance bounds the whole one from below."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

WEIGHTINGS = ("uniform", "distance")
CHUNK_BYTES = 64 * 1024 * 1024  # distance block per query chunk: bounds memory whatever the batch size (larger: faster BLAS)
WORKERS = 2  # query chunks searched at once
SAMPLE_STRIDE = 16  # every 16th column bounds the k-th smallest from above (see _smallest)
HEAD = 40  # leading columns one query searches first (measured: 1.5 ms instead of 3.6 ms over 180k x 100; see _one)
# A batch search runs its chunks on WORKERS threads with BLAS held to one thread each (measured: 1.3 s instead of 2.1 s
# for 10k x 60k). threadpool_limits is process-wide, so batches take this lock: two limits never interleave, and
# BLAS is always given back as it was. A single drawing's search (one chunk) sets no limit itself; a server sets one
# for good with one_blas_thread().
_BATCH_LOCK = threading.Lock()


def one_blas_thread() -> None:
    """Hold BLAS to one thread in this whole process, as a server of many one-drawing searches should: after each small
    product idle BLAS threads spin (measured: 1 x 60k took 12 ms of CPU on two threads, 2.3 ms on one, for 1 ms more)."""
    threadpool_limits(1, user_api="blas")


def vote(distances: np.ndarray, labels: np.ndarray, n_neighbors: int, weights: str, n_classes: int = 10,
         vote_weights: np.ndarray | None = None) -> np.ndarray:
    """Class shares (n, n_classes) from the first `n_neighbors` neighbours, exactly as scikit-learn's KNN votes.

    `labels` are class indices in 0 .. n_classes - 1 (digits are their own index); `vote_weights` (same shape as
    `distances`) multiplies each neighbour's vote (a remembered example that counts more).
    """
    if weights not in WEIGHTINGS:
        raise ValueError(f"weights must be one of {WEIGHTINGS}, got {weights!r}")
    distances = np.atleast_2d(distances)[:, :n_neighbors]
    labels = np.atleast_2d(labels)[:, :n_neighbors]
    if weights == "uniform":
        weight = np.ones_like(distances, dtype=np.float64)
    else:
        with np.errstate(divide="ignore"):
            weight = 1.0 / distances.astype(np.float64)
        exact = np.isinf(weight)
        rows_with_exact = exact.any(axis=1)
        weight[rows_with_exact] = exact[rows_with_exact].astype(np.float64)  # an exact match takes the whole vote
    if vote_weights is not None:
        weight = weight * np.atleast_2d(vote_weights)[:, :n_neighbors]
    votes = np.zeros((len(labels), n_classes), dtype=np.float64)
    np.add.at(votes, (np.arange(len(labels))[:, None], labels), weight)
    return votes / votes.sum(axis=1, keepdims=True)


def _smallest(values: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k smallest values of each row and their columns, ascending, equal values in column order (exact).

    The k-th smallest of a column sample bounds each row's k-th smallest from above, so only the few entries at
    or below it are sorted: one comparison pass replaces a full argpartition of every row.
    """
    rows, columns = values.shape
    if k >= columns:
        order = np.lexsort((np.broadcast_to(np.arange(columns), values.shape), values), axis=1)
        return np.take_along_axis(values, order, axis=1), order
    sample = values[:, ::SAMPLE_STRIDE] if columns // SAMPLE_STRIDE > k else values
    bound = np.partition(sample, k - 1, axis=1)[:, k - 1]
    flat = np.flatnonzero(values <= bound[:, None])  # row-major: grouped by row, columns ascending
    candidate = values.ravel()[flat].astype(np.float64)
    row_of, column_of = np.divmod(flat, columns)
    lowest = candidate.min()
    span = candidate.max() - lowest + 1.0
    order = np.argsort(row_of * span + (candidate - lowest), kind="stable")  # by row, then value, then column
    first_of_row = np.searchsorted(row_of[order], np.arange(rows))
    take = order[first_of_row[:, None] + np.arange(k)]
    return candidate[take].astype(np.float32), column_of[take]


class NumpyKNeighborsClassifier(ClassifierMixin, BaseEstimator):
    """Brute-force exact k-NN in float32: ||a||² - 2ab + ||b||², chunked; deterministic, equal distances in stored order.

    Parameters
    ----------
    n_neighbors : int, default=5
        How many nearest examples vote.
    weights : {"uniform", "distance"}, default="uniform"
        One neighbour, one vote; or a vote of 1 / distance.

    Attributes
    ----------
    columns_ : ndarray of shape (n_features, n_examples)
        The stored examples, one per column (float32): a batch multiplies by them in one product, and one query streams
        only their first HEAD rows.
    half_squared_norms_ : ndarray of shape (n_examples,)
        Half of each stored example's squared length.
    classes_ : ndarray of shape (n_classes,)
        The classes seen.
    labels_ : ndarray of shape (n_examples,)
        Each example's class, as an index into `classes_`.
    """

    def __init__(self, n_neighbors: int = 5, weights: str = "uniform") -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights

    def __sklearn_tags__(self) -> Tags:
        """A general-purpose classifier on dense, finite 2-D data."""
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        return tags

    def fit(self, X: np.ndarray, y: np.ndarray) -> NumpyKNeighborsClassifier:
        """Store the examples (float32, one per column) with their squared norms and class indices."""
        if self.weights not in WEIGHTINGS:
            raise ValueError(f"weights must be one of {WEIGHTINGS}, got {self.weights!r}")
        X, y = validate_data(self, X, y, dtype=np.float32, order="C")
        check_classification_targets(y)
        self.columns_ = np.ascontiguousarray(X.T)
        self.half_squared_norms_ = 0.5 * np.einsum("ij,ij->i", X, X)
        self.classes_, self.labels_ = np.unique(y, return_inverse=True)
        self._lay_out_tails()
        return self

    def _lay_out_tails(self) -> None:
        """Each example's columns after the head, one example per row (one query gathers its candidates' tails), and the
        half squared norms of both parts."""
        self._tails = np.ascontiguousarray(self.columns_[HEAD:].T)
        self._half_tail_norms = 0.5 * np.einsum("ij,ij->i", self._tails, self._tails)
        self._half_head_norms = 0.5 * np.einsum("ij,ij->j", self.columns_[:HEAD], self.columns_[:HEAD])
        self._largest_half_head_norm = float(self._half_head_norms.max(initial=0.0))

    def __getstate__(self) -> dict:
        """What is saved: the examples, not the tails laid out from them."""
        laid_out = ("_tails", "_half_tail_norms", "_half_head_norms", "_largest_half_head_norm")
        return {key: value for key, value in super().__getstate__().items() if key not in laid_out}

    def __setstate__(self, state: dict) -> None:
        """Load, and lay the tails out again."""
        super().__setstate__(state)
        if "columns_" in state:
            self._lay_out_tails()

    def stored_examples(self) -> np.ndarray:
        """The stored examples, one per row (a view)."""
        return self.columns_.T

    def kneighbors(self, X: np.ndarray, n_neighbors: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Euclidean distances (n, k) and row indices of the nearest stored examples, nearest first."""
        check_is_fitted(self)
        return self.search(validate_data(self, X, reset=False, dtype=np.float32, order="C"), n_neighbors)

    def search(self, queries: np.ndarray, n_neighbors: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`kneighbors` for queries already known to be float32, C-contiguous and of the right width (no checks)."""
        stored = self.columns_.shape[1]
        k = min(n_neighbors or self.n_neighbors, stored)
        rows_per_chunk = max(1, CHUNK_BYTES // (4 * stored))
        if len(queries) == 1 and queries.shape[1] > HEAD:
            return self._one(queries[0], k)
        if len(queries) <= rows_per_chunk:
            return self._kneighbors_chunk(queries, k, np.empty((len(queries), stored), np.float32))
        chunks = [queries[start : start + rows_per_chunk] for start in range(0, len(queries), rows_per_chunk)]
        buffers = queue.SimpleQueue()  # one distance block per worker, written again for each chunk (no fresh pages)
        for _ in range(WORKERS):
            buffers.put(np.empty((rows_per_chunk, stored), np.float32))

        def in_a_buffer(chunk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            buffer = buffers.get()
            try:
                return self._kneighbors_chunk(chunk, k, buffer[: len(chunk)])
            finally:
                buffers.put(buffer)

        with _BATCH_LOCK, threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(WORKERS) as pool:
            results = list(pool.map(in_a_buffer, chunks))
        return np.concatenate([distance for distance, _ in results]), np.concatenate([index for _, index in results])

    def _kneighbors_chunk(self, chunk: np.ndarray, k: int, ranking: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Nearest neighbours of one block of queries, ranked in `ranking` (len(chunk), n_examples)."""
        # ||a - b||² = ||a||² + 2 (||b||²/2 - a·b): rank by the bracket (one pass), add ||a||² to the k kept.
        np.matmul(chunk, self.columns_, out=ranking)
        np.subtract(self.half_squared_norms_, ranking, out=ranking)
        nearest_ranking, nearest = _smallest(ranking, k)
        squared = 2.0 * nearest_ranking + np.einsum("ij,ij->i", chunk, chunk)[:, None]
        return np.sqrt(np.maximum(squared, 0.0)), nearest

    def _one(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The nearest neighbours of one query, searching the head first (exact: the same neighbours as a full search).

        A tail's squared distance is never negative, so an example's head bracket exceeds its whole bracket by at most the
        query's half squared tail norm. The whole brackets of the few best by the head bound the k-th one from above,
        and only the examples whose head bracket is within that bound are compared in full.
        """
        head_ranking = query[:HEAD] @ self.columns_[:HEAD]
        np.subtract(self._half_head_norms, head_ranking, out=head_ranking)
        sample = head_ranking[::SAMPLE_STRIDE] if len(head_ranking) // SAMPLE_STRIDE > k else head_ranking
        first = np.flatnonzero(head_ranking <= np.partition(sample, k - 1)[k - 1])  # about SAMPLE_STRIDE x k examples
        bound = np.partition(self._whole_brackets(query, head_ranking, first), k - 1)[k - 1]
        half_tail = 0.5 * float(query[HEAD:] @ query[HEAD:])
        rounding = 1e-4 * (abs(bound) + half_tail + self._largest_half_head_norm)  # float32 products, generously
        candidates = np.flatnonzero(head_ranking <= bound + half_tail + rounding)  # ascending: ties stay in stored order
        if len(candidates) > len(head_ranking) // 4:  # a head that rules out little (its columns spread little): search all
            return self._kneighbors_chunk(query[None, :], k, np.empty((1, len(head_ranking)), np.float32))
        nearest_brackets, nearest = _smallest(self._whole_brackets(query, head_ranking, candidates)[None, :], k)
        squared = 2.0 * nearest_brackets + float(query @ query)
        return np.sqrt(np.maximum(squared, 0.0)), candidates[nearest]

    def _whole_brackets(self, query: np.ndarray, head_ranking: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """||b||²/2 - a·b of the stored examples `rows`: the head's bracket plus the tail's."""
        return head_ranking[rows] + self._half_tail_norms[rows] - np.take(self._tails, rows, axis=0) @ query[HEAD:]

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Vote shares for each class in `classes_`."""
        distances, indices = self.kneighbors(X)
        return vote(distances, self.labels_[indices], self.n_neighbors, self.weights, len(self.classes_))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The class with the largest vote."""
        shares = self.predict_proba(X)
        return self.classes_[np.argmax(shares, axis=1)]
