"""The model card: what a saved model is, where it came from and how it scored, as typed fields."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class TrainingFacts:
    """How the model was fitted."""

    n_training_digits: int  # MNIST's
    n_stored_examples: int
    fit_seconds: float
    build_seconds: float
    n_other_writers_digits: int = 0  # stored beside MNIST's (UCI's pen-tablet training writers)


@dataclass(frozen=True)
class CrossValidation:
    """The cross-validated accuracy that chose the configuration (training split only), or its hold-out accuracy."""

    mean_accuracy: float | None
    std_accuracy: float | None
    folds: int
    hold_out_accuracy: float | None = None  # digits of the training split held out while the model was chosen


@dataclass(frozen=True)
class Evaluation:
    """The one evaluation on the official test set: metrics, confusion, per-class scores, curves."""

    n_test: int
    metrics: dict[str, float]
    confusion_matrix: list[list[int]]
    per_class: list[dict[str, float]]
    curves: dict[str, list[dict[str, Any]]]
    calibration: dict[str, list[float]]
    open_set: dict[str, Any] | None = None  # flagged shares of real digits and of non-digit drawings
    beyond_mnist: list[dict[str, Any]] | None = None  # each test split of the other-writer and non-digit sets
    operating_curve: list[dict[str, Any]] | None = None  # "not a digit" on validation: refused digits vs caught non-digits


@dataclass(frozen=True)
class ModelCard:
    """Everything recorded beside a model file; `save_model` fills in the files, hashes, versions and signature."""

    name: str
    created_at: str = ""
    hyperparameters: dict[str, Any] = field(default_factory=dict)
    training: TrainingFacts | None = None
    cv: CrossValidation | None = None
    data_sha256: dict[str, str] = field(default_factory=dict)
    evaluation: Evaluation | None = None
    model_file: str = ""
    model_sha256: str = ""
    predictions_file: str = ""
    predictions_sha256: str = ""
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelCard:
        """The card from its JSON data (unknown fields are an error: the caller says the card is incomplete)."""
        parts = {"training": TrainingFacts, "cv": CrossValidation, "evaluation": Evaluation}
        values = {name: (parts[name](**value) if name in parts and value is not None else value) for name, value in data.items()}
        return cls(**values)


CARD_FIELDS = frozenset(item.name for item in fields(ModelCard))
