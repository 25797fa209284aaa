"""The real people's digits shipped in mnist_knn/lab/handwriting_data/: verified before they are read, drawn whole."""

import gzip

import numpy as np
import pytest

from mnist_knn.lab import real_hands

ROWS = {"semeion.data": (1593, 266), "pendigits.tra": (7494, 17), "pendigits.tes": (3498, 17)}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_each_file_matches_its_recorded_hash_and_holds_every_row(name):
    table = np.array(real_hands.verified_text(name).replace(",", " ").split(), dtype=np.float32)
    rows, columns = ROWS[name]
    assert table.size == rows * columns


def test_a_changed_file_is_refused_with_its_name(tmp_path, monkeypatch):
    text = real_hands.verified_text("pendigits.tes")
    (tmp_path / "pendigits.tes.gz").write_bytes(gzip.compress(text.replace("100", "99", 1).encode()))
    monkeypatch.setattr(real_hands, "HERE", tmp_path)
    with pytest.raises(ValueError, match="pendigits.tes does not match its recorded SHA-256"):
        real_hands.pen_tablet("test", np.random.default_rng(0))


def test_semeion_only_validates():
    canvases, labels = real_hands.semeion("validation", np.random.default_rng(0))
    assert len(canvases) == 1593 and np.bincount(labels).tolist() == [161, 162, 159, 159, 161, 159, 161, 158, 155, 158]
    assert real_hands.semeion("test", np.random.default_rng(0))[0] == []


def test_the_pen_tablet_digits_are_learned_from_uci_s_training_writers_and_tested_on_the_others():
    learned, learned_labels = real_hands.pen_paths("train")
    tested, tested_labels = real_hands.pen_paths("test")
    assert (learned.shape, tested.shape) == ((7494, 8, 2), (3498, 8, 2))  # pendigits.tra's 30 writers, .tes's 14 others
    assert set(learned_labels.tolist()) == set(tested_labels.tolist()) == set(range(10))
    assert len(real_hands.pen_paths("validation")[1]) == 0  # neither file names a writer
    assert real_hands.pen_tablet("validation", np.random.default_rng(0))[0] == []
