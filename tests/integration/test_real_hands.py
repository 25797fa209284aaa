"""The real people's handwriting drawn onto the canvas: the pen-tablet paths as UCI scaled them, Omniglot's splits,
Quick, Draw!'s doodles."""

import gzip

import numpy as np
import pytest

from mnist_knn.lab import real_hands, writers


def test_pen_paths_are_drawn_large_upright_and_filling_a_square_as_uci_scaled_them():
    canvases, labels = real_hands.pen_tablet("test", np.random.default_rng(0))
    assert len(canvases) == len(labels) == 3498 and set(labels.tolist()) == set(range(10))
    paths, path_labels = real_hands.pen_paths("test")
    assert (np.ptp(paths, axis=1) == 100).all() and (path_labels == labels).all()
    top_heavy = []
    for canvas, label in zip(canvases[:300], labels[:300]):
        ink = canvas[np.ix_(canvas.any(axis=1), canvas.any(axis=0))] > 0
        assert min(ink.shape) > 100 and ink.shape[0] == pytest.approx(ink.shape[1], abs=2)  # x and y both span 0-100
        if label == 7:  # a 7's bar is at its top: y runs up in the file and down on a screen
            quarter = len(ink) // 4
            top_heavy.append(ink[:quarter].sum() > ink[-quarter:].sum())
    assert np.mean(top_heavy) > 0.8


def test_omniglot_splits_share_no_alphabet_and_no_drawer_number_and_a_changed_zip_is_refused(tmp_path, monkeypatch):
    splits = real_hands.OMNIGLOT
    for first, second in (("train", "validation"), ("train", "test"), ("validation", "test")):
        assert not set(splits[first][0]) & set(splits[second][0]) and not set(splits[first][1]) & set(splits[second][1])
    sizes = {split: len(real_hands.omniglot(split, np.random.default_rng(0))) for split in splits}
    assert sizes == {"train": 1230, "validation": 100, "test": 130}
    for name in real_hands.OMNIGLOT_ZIPS:
        (tmp_path / name).write_bytes((real_hands.HERE / name).read_bytes()[:-1])
    monkeypatch.setattr(real_hands, "HERE", tmp_path)
    with pytest.raises(ValueError, match="images_background_small1.zip does not match"):
        real_hands.omniglot("test", np.random.default_rng(0))


def test_quick_draw_doodles_are_of_kinds_never_learned_from_drawn_large_and_a_changed_file_is_refused(tmp_path, monkeypatch):
    kinds = {split: set(real_hands.QUICK_DRAW[split][0]) for split in real_hands.QUICK_DRAW}
    assert not kinds["train"] and kinds["validation"] and kinds["test"] and not kinds["validation"] & kinds["test"]
    assert not (kinds["validation"] | kinds["test"]) & set(writers.DOODLES["train"])  # nor drawn by the simulated writers
    canvases = real_hands.quick_draw("test", np.random.default_rng(0))
    assert len(canvases) == 300 and real_hands.quick_draw("train", np.random.default_rng(0)) == []
    for canvas in canvases[:50]:
        rows, columns = np.flatnonzero(canvas.any(axis=1)), np.flatnonzero(canvas.any(axis=0))
        assert max(rows[-1] - rows[0], columns[-1] - columns[0]) > 120  # a doodle fills its square, drawn 150-250 px
    raw = gzip.decompress((real_hands.HERE / "cat.npy.gz").read_bytes())
    (tmp_path / "cat.npy.gz").write_bytes(gzip.compress(raw[:-1] + bytes([raw[-1] ^ 1])))  # one pixel of one doodle
    monkeypatch.setattr(real_hands, "HERE", tmp_path)
    with pytest.raises(ValueError, match="cat.npy does not match"):
        real_hands.quick_draw("test", np.random.default_rng(0))
