"""Saving and loading models with a JSON sidecar that records provenance and guards integrity."""

from __future__ import annotations

import io
import json
import platform
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from mnist_knn.files import sha256_bytes, sha256_file, write_atomically

REBUILD_HINT = "Rebuild it with `python -m mnist_knn train` (or the Build button in the app)."
VERSIONED_LIBRARIES = ("numpy", "scikit-learn", "scipy", "joblib", "opencv-python-headless")


class ModelError(RuntimeError):
    """A model is missing, altered or from other library versions; the message says how to rebuild."""


def sidecar_path(model_path: Path) -> Path:
    """The JSON model card beside a model file."""
    return model_path.with_suffix(".json")


def predictions_path(model_path: Path) -> Path:
    """The stored test-set predictions beside a model file."""
    return model_path.with_suffix(".predictions.npz")


def library_versions() -> dict[str, str]:
    """Versions of Python and the libraries whose behaviour a saved model depends on."""
    from importlib.metadata import version

    from mnist_knn import __version__

    versions = {"python": platform.python_version(), "mnist_knn": __version__}
    versions.update({name: version(name) for name in VERSIONED_LIBRARIES})
    return versions


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """Arrays -> compressed .npz bytes."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _card_checksum(card: dict[str, Any]) -> str:
    """SHA-256 of the card's content (every field but the checksum itself), so an edited card is noticed."""
    content = {name: value for name, value in card.items() if name != "card_sha256"}
    return sha256_bytes(json.dumps(content, sort_keys=True).encode())


def save_model(model: Any, path: Path, card: dict[str, Any], predictions: dict[str, np.ndarray]) -> dict[str, Any]:
    """Write model, predictions and then the card (the commit point), each atomically; return the card."""
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=0)
    model_bytes = buffer.getvalue()
    prediction_bytes = _npz_bytes(predictions)
    write_atomically(path, model_bytes)
    write_atomically(predictions_path(path), prediction_bytes)
    card = {
        **card,
        "model_file": path.name,
        "model_sha256": sha256_bytes(model_bytes),
        "predictions_file": predictions_path(path).name,
        "predictions_sha256": sha256_bytes(prediction_bytes),
        "versions": library_versions(),
    }
    card["card_sha256"] = _card_checksum(card)
    write_atomically(sidecar_path(path), json.dumps(card, indent=1).encode())
    return card


def read_card(path: Path) -> dict[str, Any]:
    """The model card of the model at `path`, or ModelError when it is missing or unreadable."""
    card_file = sidecar_path(path)
    if not Path(path).is_file():
        raise ModelError(f"No model at {path}. {REBUILD_HINT}")
    try:
        card = json.loads(card_file.read_text())
    except FileNotFoundError:
        raise ModelError(f"The model card {card_file.name} is missing, so {Path(path).name} cannot be trusted. {REBUILD_HINT}") from None
    except (OSError, ValueError) as error:
        raise ModelError(f"The model card {card_file.name} is unreadable ({error}). {REBUILD_HINT}") from None
    if not isinstance(card, dict) or "model_sha256" not in card or "versions" not in card or "card_sha256" not in card:
        raise ModelError(f"The model card {card_file.name} is incomplete. {REBUILD_HINT}")
    if card["card_sha256"] != _card_checksum(card):
        raise ModelError(f"The model card {card_file.name} was edited after the model was saved, so its numbers cannot be "
                         f"trusted. {REBUILD_HINT}")
    return card


def _check_versions(card: dict[str, Any], path: Path) -> None:
    """Refuse models pickled by another scikit-learn, numpy or Digit Lab: their objects may not load or behave alike."""
    current = library_versions()
    for library in ("mnist_knn", "scikit-learn", "numpy"):
        saved = card["versions"].get(library)
        if saved != current[library]:
            raise ModelError(
                f"{Path(path).name} was built with {library} {saved or '(unrecorded)'}; this environment has {current[library]}. "
                f"{REBUILD_HINT}"
            )


def verified_bytes(path: Path) -> bytes:
    """The model file's bytes, once its card, library versions and SHA-256 all check out."""
    path = Path(path)
    card = read_card(path)
    _check_versions(card, path)
    try:
        model_bytes = path.read_bytes()
    except OSError as error:
        raise ModelError(f"Cannot read {path} ({error}). {REBUILD_HINT}") from None
    if sha256_bytes(model_bytes) != card["model_sha256"]:
        raise ModelError(f"{path.name} does not match the SHA-256 in its card: it was changed or damaged. {REBUILD_HINT}")
    return model_bytes


def load_verified(path: Path) -> Any:
    """Load a model only when its bytes match the card's SHA-256 and its library versions match ours."""
    return joblib.load(io.BytesIO(verified_bytes(path)))


def load_predictions(path: Path) -> dict[str, np.ndarray]:
    """The stored test-set predictions of the model at `path`, checked against the card."""
    path = Path(path)
    card = read_card(path)
    stored = predictions_path(path)
    if not stored.is_file() or sha256_file(stored) != card.get("predictions_sha256"):
        raise ModelError(f"{stored.name} is missing or does not match its card. {REBUILD_HINT}")
    with np.load(stored, allow_pickle=False) as arrays:
        return {name: arrays[name] for name in arrays.files}
