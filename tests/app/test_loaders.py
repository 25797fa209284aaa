"""What the server's caches share between sessions: read-only arrays, from the folders the environment names."""

import shutil

import numpy as np
import pytest
from sklearn.base import BaseEstimator

from mnist_knn import config
from mnist_knn.storage import data
from mnist_knn.storage.records import search_record_path
from mnist_knn.ui import loaders


def _arrays(value, seen=None):
    """Every NumPy array inside a cached value."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _arrays(item, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _arrays(item, seen)
    elif isinstance(value, BaseEstimator) or hasattr(value, "__dataclass_fields__"):
        for item in vars(value).values():
            yield from _arrays(item, seen)


@pytest.mark.parametrize("loader", ["model", "predictions", "mnist", "model_feature_map"])
def test_every_array_a_cache_shares_is_read_only(default_model, loader):
    shared = list(_arrays(getattr(loaders, loader)()))
    assert len(shared) >= 4
    assert not [array.shape for array in shared if array.flags.writeable]
    with pytest.raises(ValueError, match="read-only"):
        shared[0].flat[0] = 1


def test_the_cached_mnist_follows_mnist_knn_data(mnist, tmp_path, monkeypatch):
    assert loaders.mnist()[0].shape == (60_000, 28, 28)
    monkeypatch.setenv("MNIST_KNN_DATA", str(tmp_path))
    monkeypatch.setattr(data, "SOURCES", ())  # nothing to fetch from: the empty folder must be noticed
    with pytest.raises(data.DataUnavailableError, match=str(tmp_path)):
        loaders.mnist()


def test_the_records_follow_mnist_knn_models(tmp_path, monkeypatch):
    committed = loaders.search_record()
    monkeypatch.setenv("MNIST_KNN_MODELS", str(tmp_path))
    assert loaders.search_record() is None and loaders.ablation_report() is None
    shutil.copy(config.PROJECT_ROOT / "models" / search_record_path().name, tmp_path)
    assert loaders.search_record()["winner"] == committed["winner"]


def test_the_server_reads_drawings_on_one_thread_of_blas_and_of_opencv(default_model):
    """A server answers one small drawing at a time: a spare thread would only spin (docs/performance.md)."""
    import cv2
    from threadpoolctl import threadpool_info, threadpool_limits

    with threadpool_limits(2, user_api="blas"):
        cv2.setNumThreads(2)
        loaders.model.clear()
        loaders.model()
        assert cv2.getNumThreads() == 1
        assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}
