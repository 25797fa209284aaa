"""MNIST files: IDX encoding, hash verification, placed files, atomic writes, clear failure messages."""

import gzip

import numpy as np
import pytest

from mnist_knn.storage import data
from mnist_knn.storage.files import write_atomically


def test_idx_round_trip_keeps_images_and_labels():
    images = np.random.default_rng(0).integers(0, 256, (5, 28, 28), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    assert np.array_equal(data.parse_idx(data.idx_bytes(images)), images)
    assert np.array_equal(data.parse_idx(data.idx_bytes(labels)), labels)


def test_parse_idx_rejects_other_files():
    with pytest.raises(data.DataUnavailableError, match="magic"):
        data.parse_idx(b"PK\x03\x04 not an idx file")


def test_store_refuses_bytes_with_wrong_hash(tmp_path):
    with pytest.raises(data.DataUnavailableError, match="SHA-256"):
        data._store_verified(tmp_path, data.TEST_LABELS, data.idx_bytes(np.zeros(10_000, np.uint8)))
    assert not (tmp_path / data.TEST_LABELS.name).exists()


def test_corrupt_file_is_set_aside_not_deleted(tmp_path):
    (tmp_path / data.TRAIN_LABELS.name).write_bytes(b"truncated")
    said = []
    missing = data._missing_after_check(tmp_path, said.append)
    assert missing == list(data.IDX_FILES)
    assert (tmp_path / f"{data.TRAIN_LABELS.name}.corrupt").read_bytes() == b"truncated"
    assert not (tmp_path / data.TRAIN_LABELS.name).exists() and "failed its SHA-256 check" in said[0]


def test_every_source_failing_gives_one_message_listing_them(tmp_path, monkeypatch):
    def unreachable(directory, missing):
        raise data.DataUnavailableError("no route to host")

    monkeypatch.setattr(data, "SOURCES", (("first source", unreachable), ("second source", unreachable)))
    with pytest.raises(data.DataUnavailableError) as failure:
        data.ensure_mnist(tmp_path)
    message = str(failure.value)
    assert "first source: no route to host" in message and "second source" in message
    assert "train-images-idx3-ubyte" in message and str(tmp_path) in message


def test_placed_gzip_with_wrong_content_is_refused(tmp_path):
    (tmp_path / f"{data.TEST_LABELS.name}.gz").write_bytes(gzip.compress(data.idx_bytes(np.ones(10_000, np.uint8))))
    with pytest.raises(data.DataUnavailableError, match="SHA-256"):
        data.from_placed_gzip(tmp_path, [data.TEST_LABELS])


def test_placed_gzip_reports_missing_files(tmp_path):
    with pytest.raises(data.DataUnavailableError, match="t10k-labels-idx1-ubyte.gz"):
        data.from_placed_gzip(tmp_path, [data.TEST_LABELS])


def test_write_atomically_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "sub" / "file.bin"
    write_atomically(target, b"abc")
    write_atomically(target, b"defg")
    assert target.read_bytes() == b"defg"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]
