"""Saving and loading models: a model file, its stored test predictions and a signed card that vouches for both.

The card records the model's SHA-256 and is signed with HMAC-SHA-256 under a key this server keeps outside the
models folder (created on the first build). A model whose bytes, card or predictions were changed, or that another
server signed, is refused: loading a model runs its pickle, so only what this server built is loaded.
"""

from __future__ import annotations

import hmac
import io
import json
import platform
import secrets
from dataclasses import replace
from hashlib import sha256
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from mnist_knn import config
from mnist_knn.language import N_, _
from mnist_knn.storage.card import CARD_FIELDS, ModelCard
from mnist_knn.storage.files import sha256_bytes, sha256_file, write_atomically

REBUILD_HINT = N_("Rebuild it with `python -m mnist_knn train` (or the Build button in the app).")
VERSIONED_LIBRARIES = ("numpy", "scikit-learn", "scipy", "joblib", "opencv-python-headless")
KEY_BYTES = 32


class ModelError(RuntimeError):
    """A model is missing, altered or from other library versions; the message says how to rebuild."""


def _with_hint(message: str) -> str:
    """A ModelError's message (in the reader's language) followed by how to rebuild the model."""
    return f"{message} {_(REBUILD_HINT)}"


def sidecar_path(model_path: Path) -> Path:
    """The JSON model card beside a model file."""
    return model_path.with_suffix(".json")


def predictions_path(model_path: Path) -> Path:
    """The stored test-set predictions beside a model file."""
    return model_path.with_suffix(".predictions.npz")


def default_model_path() -> Path:
    """Where the default model lives."""
    return config.models_dir() / f"{config.DEFAULT_MODEL_NAME}.joblib"


def reading_code_fingerprint() -> str:
    """SHA-256 of the source of mnist_knn/model and mnist_knn/reading: a pickled model only works with the classes it was
    pickled from, and its card's figures only describe the drawing path it was evaluated with."""
    package = Path(__file__).parent.parent
    sources = sorted(path for folder in ("model", "reading") for path in (package / folder).glob("*.py"))
    return sha256_bytes(b"".join(str(path.relative_to(package)).encode() + path.read_bytes() for path in sources))


def library_versions() -> dict[str, str]:
    """Versions of Python, Digit Lab (and its reading code) and the libraries whose behaviour a saved model depends on."""
    from importlib.metadata import version

    from mnist_knn import __version__

    versions = {"python": platform.python_version(), "mnist_knn": __version__,
                "mnist_knn reading code": reading_code_fingerprint()}
    versions.update({name: version(name) for name in VERSIONED_LIBRARIES})
    return versions


def signing_key(create: bool = False) -> bytes:
    """This server's card-signing key; made (random, readable by this user only) when `create` and missing."""
    path = config.signing_key_path()
    if not path.is_file() and create:
        write_atomically(path, secrets.token_bytes(KEY_BYTES), mode=0o600)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ModelError(_with_hint(_("This server has no key to check model cards with ({path}: {reason}), so it cannot "
                                      "tell a model it built from one it did not.").format(
            path=path, reason=error.strerror or error))) from None


def _signature(content: dict[str, Any], key: bytes) -> str:
    """HMAC-SHA-256 of the card's content (every field but the signature), under the server's key."""
    return hmac.new(key, json.dumps(content, sort_keys=True).encode(), sha256).hexdigest()


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """Arrays -> compressed .npz bytes."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def save_model(model: Any, path: Path, card: ModelCard, predictions: dict[str, np.ndarray]) -> ModelCard:
    """Write model, predictions and then the signed card (the commit point), each atomically; return the card."""
    key = signing_key(create=True)
    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=0)
    model_bytes = buffer.getvalue()
    prediction_bytes = _npz_bytes(predictions)
    write_atomically(path, model_bytes)
    write_atomically(predictions_path(path), prediction_bytes)
    card = replace(card, model_file=path.name, model_sha256=sha256_bytes(model_bytes),
                   predictions_file=predictions_path(path).name, predictions_sha256=sha256_bytes(prediction_bytes),
                   versions=library_versions())
    content = card.to_dict()
    write_atomically(sidecar_path(path), json.dumps({**content, "signature": _signature(content, key)}, indent=1).encode())
    return card


def read_card(path: Path) -> ModelCard:
    """The model card of the model at `path`, once its signature checks out; ModelError when missing, unreadable or edited."""
    card_file = sidecar_path(path)
    if not Path(path).is_file():
        raise ModelError(_with_hint(_("No model at {path}.").format(path=path)))
    try:
        data = json.loads(card_file.read_text())
    except FileNotFoundError:
        raise ModelError(_with_hint(_("The model card {card} is missing, so {model} cannot be trusted.").format(
            card=card_file.name, model=Path(path).name))) from None
    except (OSError, ValueError) as error:
        raise ModelError(_with_hint(_("The model card {card} is unreadable ({error}).").format(
            card=card_file.name, error=error))) from None
    if not isinstance(data, dict) or "signature" not in data or not {"name", "model_sha256", "versions"} <= data.keys():
        raise ModelError(_with_hint(_("The model card {card} is incomplete.").format(card=card_file.name)))
    content = {name: value for name, value in data.items() if name != "signature"}
    if not hmac.compare_digest(str(data["signature"]), _signature(content, signing_key())):
        raise ModelError(_with_hint(_("The model card {card} does not carry this server's signature: it was edited, or "
                                      "another server built the model.").format(card=card_file.name)))
    if not content.keys() <= CARD_FIELDS:
        raise ModelError(_with_hint(_("The model card {card} is from another version of Digit Lab.").format(card=card_file.name)))
    return ModelCard.from_dict(content)


def _check_versions(card: ModelCard, path: Path) -> None:
    """Refuse models pickled by another scikit-learn, numpy or Digit Lab: their objects may not load or behave alike."""
    current = library_versions()
    if card.versions.get("mnist_knn reading code") != current["mnist_knn reading code"]:
        raise ModelError(_with_hint(_("{model} was built by other code than this Digit Lab's (its reading code changed "
                                      "since).").format(model=Path(path).name)))
    for library in ("mnist_knn", "scikit-learn", "numpy"):
        saved = card.versions.get(library)
        if saved != current[library]:
            raise ModelError(_with_hint(_("{model} was built with {library} {saved}; this environment has {current}.").format(
                model=Path(path).name, library=library, saved=saved or _("(unrecorded)"), current=current[library])))


def verified_bytes(path: Path) -> bytes:
    """The model file's bytes, once its card, library versions and SHA-256 all check out."""
    path = Path(path)
    card = read_card(path)
    _check_versions(card, path)
    try:
        model_bytes = path.read_bytes()
    except OSError as error:
        raise ModelError(_with_hint(_("Cannot read {path} ({error}).").format(path=path, error=error))) from None
    if sha256_bytes(model_bytes) != card.model_sha256:
        raise ModelError(_with_hint(_("{model} does not match the SHA-256 in its card: it was changed or damaged.").format(
            model=path.name)))
    return model_bytes


def load_verified(path: Path) -> Any:
    """Load a model only when its bytes match the signed card's SHA-256 and its library versions match ours."""
    return joblib.load(io.BytesIO(verified_bytes(path)))


def load_predictions(path: Path) -> dict[str, np.ndarray]:
    """The stored test-set predictions of the model at `path`, checked against the card."""
    path = Path(path)
    card = read_card(path)
    stored = predictions_path(path)
    if not stored.is_file() or sha256_file(stored) != card.predictions_sha256:
        raise ModelError(_with_hint(_("{predictions} is missing or does not match its card.").format(predictions=stored.name)))
    with np.load(stored, allow_pickle=False) as arrays:
        return {name: arrays[name] for name in arrays.files}


def load_model(path: Path | str | None = None) -> Any:
    """The saved default model (or the one at `path`), after its signature, hash and library versions are checked.

    Without `path` (the app's way) the file must really lie in the models folder: a link pointing elsewhere is refused,
    since loading a model runs its pickle.
    """
    if path is not None:
        return load_verified(Path(path))
    default = default_model_path()
    if not default.resolve().is_relative_to(config.models_dir().resolve()):
        raise ModelError(_with_hint(_("{model} points outside {folder}; the app loads models only from there.").format(
            model=default, folder=config.models_dir())))
    return load_verified(default)
