"""Saving and loading: round trip, and refusal of altered, orphaned or foreign-version models."""

import json

import numpy as np
import pytest

from mnist_knn import NearestDigitClassifier
from mnist_knn.storage.card import ModelCard
from mnist_knn.storage.files import sha256_bytes
from mnist_knn.storage.persistence import (
    ModelError,
    _signature,
    load_model,
    load_predictions,
    predictions_path,
    save_model,
    sidecar_path,
    signing_key,
)
from tests.unit.synthetic import shapes


@pytest.fixture(scope="module")
def tiny():
    """One small fitted model for the module (fitting is what takes time); each test saves its own copy."""
    X, y = shapes(20)
    return NearestDigitClassifier(n_neighbors=3, n_components=10).fit(X, y), X


@pytest.fixture()
def saved(tmp_path, tiny):
    model, X = tiny
    path = tmp_path / "tiny.joblib"
    save_model(model, path, ModelCard(name="tiny"), {"y_pred": model.predict(X)})
    return path, model, X


def test_round_trip_predicts_the_same(saved):
    path, model, X = saved
    assert np.array_equal(load_model(path).predict(X), model.predict(X))
    assert np.array_equal(load_predictions(path)["y_pred"], model.predict(X))
    card = json.loads(sidecar_path(path).read_text())
    assert card["name"] == "tiny" and len(card["model_sha256"]) == 64 and "scikit-learn" in card["versions"]
    assert len(card["signature"]) == 64


def test_tampered_model_is_refused(saved):
    path, _, _ = saved
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256.*Rebuild"):
        load_model(path)


def test_model_without_card_is_refused(saved):
    path, _, _ = saved
    sidecar_path(path).unlink()
    with pytest.raises(ModelError, match="card.*missing"):
        load_model(path)


@pytest.mark.parametrize("library, version", [("scikit-learn", "0.24.2"), ("numpy", "1.26.4"), ("mnist_knn", "0.0.1"),
                                              ("mnist_knn reading code", "0" * 64)])
def test_model_from_other_library_versions_is_refused(saved, library, version):
    path, _, _ = saved
    card = json.loads(sidecar_path(path).read_text())
    card["versions"][library] = version
    del card["signature"]
    card["signature"] = _signature(card, signing_key())  # a genuine card, signed here, from another environment
    sidecar_path(path).write_text(json.dumps(card))
    with pytest.raises(ModelError, match=f"{library} {version}" if library != "mnist_knn reading code" else "other code"):
        load_model(path)


def test_missing_model_says_how_to_build_it(tmp_path):
    with pytest.raises(ModelError, match="python -m mnist_knn train"):
        load_model(tmp_path / "absent.joblib")


def test_edited_predictions_are_refused(saved):
    path, _, _ = saved
    predictions_path(path).write_bytes(b"not npz")
    with pytest.raises(ModelError, match="does not match"):
        load_predictions(path)



@pytest.mark.parametrize("field, value", [("created_at", "2020-01-01T00:00:00+00:00"), ("model_sha256", "0" * 64)])
def test_an_edited_card_is_refused(saved, field, value):
    path, _, _ = saved
    card = json.loads(sidecar_path(path).read_text())
    card[field] = value
    sidecar_path(path).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="does not carry this server's signature.*Rebuild"):
        load_model(path)


def test_a_changed_model_with_its_hashes_recomputed_is_refused(saved):
    """Whoever can write models/ can re-hash a changed file, but cannot sign the card without the server's key."""
    path, _, _ = saved
    changed = bytearray(path.read_bytes())
    changed[len(changed) // 2] ^= 0xFF
    path.write_bytes(bytes(changed))
    card = json.loads(sidecar_path(path).read_text())
    card["model_sha256"] = sha256_bytes(bytes(changed))
    card["signature"] = sha256_bytes(json.dumps({k: v for k, v in card.items() if k != "signature"}, sort_keys=True).encode())
    sidecar_path(path).write_text(json.dumps(card))
    with pytest.raises(ModelError, match="does not carry this server's signature"):
        load_model(path)


def test_a_model_another_server_signed_is_refused(saved, tmp_path, monkeypatch):
    path, _, _ = saved
    monkeypatch.setenv("MNIST_KNN_SIGNING_KEY", str(tmp_path / "another-server.key"))
    signing_key(create=True)
    with pytest.raises(ModelError, match="another server built the model"):
        load_model(path)


def test_without_the_key_no_model_loads(saved, tmp_path, monkeypatch):
    path, _, _ = saved
    monkeypatch.setenv("MNIST_KNN_SIGNING_KEY", str(tmp_path / "nowhere" / "model-signing.key"))
    with pytest.raises(ModelError, match="no key to check model cards with"):
        load_model(path)


def test_the_key_is_readable_by_its_owner_only(saved):
    from mnist_knn import config

    assert config.signing_key_path().stat().st_mode & 0o077 == 0


def test_a_save_that_fails_half_way_leaves_the_previous_model_whole(saved, monkeypatch):
    path, model, X = saved
    before = {file: file.read_bytes() for file in (path, sidecar_path(path), predictions_path(path))}

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched, pytest.raises(OSError, match="No space"):
        patched.setattr("mnist_knn.storage.files.os.fsync", disk_full)
        newer = NearestDigitClassifier(n_neighbors=1, n_components=5).fit(X, np.roll(model.predict(X), 1))
        save_model(newer, path, ModelCard(name="new"), {})
    assert {file: file.read_bytes() for file in before} == before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(file.name for file in before)  # no temporary files left
    assert np.array_equal(load_model(path).predict(X), model.predict(X))


def test_the_app_loads_no_model_from_outside_the_models_folder(saved, tmp_path, monkeypatch):
    path, _, _ = saved
    models = tmp_path / "models"
    models.mkdir()
    for source, name in ((path, "default.joblib"), (sidecar_path(path), "default.json")):
        (models / name).symlink_to(source)  # links to files outside the models folder
    monkeypatch.setenv("MNIST_KNN_MODELS", str(models))
    with pytest.raises(ModelError, match="outside"):
        load_model()
    for name in ("default.joblib", "default.json"):
        target = (models / name).resolve()
        (models / name).unlink()
        (models / name).write_bytes(target.read_bytes())
    assert load_model() is not None  # the same files, inside the folder, load
