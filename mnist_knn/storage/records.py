"""The small committed JSON records under models/ (the CV search, the frontier, the evaluation, the teaching rule), and
the words and headline figures the pages and docs make of them."""

from __future__ import annotations

import json
from pathlib import Path
from statistics import fmean
from typing import Any

from mnist_knn import config
from mnist_knn.language import N_, _, number
from mnist_knn.storage.files import write_atomically

# The words of the committed records that the pages show: data, written by the lab in English and said in the reader's
# language where shown, `_(name)`; marked here for the catalogs (a test checks the records hold no other).
SET_NAMES = (  # evaluation "beyond_mnist": each set's "set" and "source"
    N_("UCI digits"), N_("scikit-learn's bundled UCI digits: 1,797 scans by 13 other writers, 8 x 8 pixels (split at a "
                         "writer boundary)"),
    N_("pen-tablet digits"), N_("UCI's pen-based digits: 44 writers on a tablet; UCI resampled each path to 8 points and "
                                "stretched it to fill a square, joined here with straight lines (split by writer as UCI "
                                "split them: its 30 training writers are learned from, its 14 others test)"),
    N_("font digits"), N_("digits in DejaVu, Liberation and Hershey fonts (split by font)"),
    N_("handwriting-font digits"), N_("digits in 13 people's hands, digitized as Debian's handwriting fonts (split by writer)"),
    N_("tablet digits"), N_("simulated writers on a pen tablet: few points, sharp corners"),
    N_("mouse digits"), N_("simulated writers with a mouse: thin, wobbly strokes"),
    N_("box-filling digits"), N_("simulated marker digits stretched to fill a box, scanned at 16 x 16 binary"),
    N_("letters"), N_("letters that are not digit-like, from DejaVu, Liberation and Hershey fonts (split by font; training "
                      "also in three handwriting-style fonts and written by simulated writers)"),
    N_("other alphabets and symbols"), N_("Greek, Cyrillic, Armenian, Hebrew, Georgian, Tifinagh letters and symbols from "
                                          "DejaVu Sans (split by script)"),
    N_("doodles"), N_("hearts, houses, arrows, zigzags, waves ... by simulated writers (split by kind)"),
    N_("Omniglot characters"), N_("letters of other alphabets, each drawn with a mouse by 20 people (Omniglot; split by "
                                  "alphabet and drawer: training Korean, katakana, Sanskrit, Balinese; validation Early "
                                  "Aramaic, Tagalog; test Latin, Greek)"),
    N_("Quick, Draw! doodles"), N_("things drawn in a browser by players of Google's Quick, Draw! (split by kind: "
                                   "validation apples, bicycles; test cats; never learned from)"),
    N_("handwriting-font letters"), N_("letters that are not digit-like in the same 13 hands (split by writer)"),
    N_("Semeion digits"),  # validation only (search "beyond_mnist": each row's "sets"): no test split, so no source shown
)
DRAWING_KINDS = (N_("letter"), N_("smiley"), N_("star"), N_("hatching"), N_("frame"), N_("scribble"))  # open_set by_family
BASELINE_NAMES = (N_("logistic regression on raw pixels"), N_("the textbook KNN: raw pixels, k=4"))  # ablation "baselines"
RULES = (  # search "beyond_mnist": "selection" and "judgement_rule"
    N_("the best mean 'read right' over the other-writer validation sets (digit read and not refused), among variants whose "
       "MNIST hold-out accuracy is at least 99.4%, whose search fits the speed budget (stored copies x dimensions <= 300, for "
       "one drawing in 5 ms) and whose stored digits take at most 110 MB (a model file under 150 MB); within 0.1 point the "
       "cheaper (fewer stored copies, no second look), then the better MNIST hold-out"),
    N_("on the validation splits: the non-digit vote and far limit that catch the most non-digits (mean over the non-digit "
       "sets) while calling at most 2% of digits 'not a digit' (mean over the other-writer digit sets); ties go to the lower "
       "vote, then the farther limit"),
)
REPRESENTATION_NAMES = (  # search "winner": "representation", when `representations` chose one (mnist_knn.lab.representations)
    N_("as chosen"),  # representations "rows": the chosen variant itself, scored again beside the others
    N_("a learned metric (NCA on 5,000 digits and 500 non-digits)"), N_("an even pen, no pen copies"),
    N_("an even pen, over pen copies evened back"), N_("box-filling copies beside the pen copies (4 stored copies)"),
)
PARAMETER_VALUES = (  # the values of feature_kind, augmentation and weights in the search tables (and in `describe`)
    N_("pixels"), N_("gradients"), N_("none"), N_("shift1"), N_("pens"), N_("pens+turns"), N_("more pens"), N_("uniform"),
    N_("distance"),
)


def search_record_path() -> Path:
    """The record of the hyperparameter search (winner + CV table)."""
    return config.models_dir() / config.SEARCH_RECORD_NAME


def frontier_report_path() -> Path:
    """The frontier report that `python -m mnist_knn ablation` writes."""
    return config.models_dir() / config.FRONTIER_REPORT_NAME


def evaluation_record_path() -> Path:
    """The default model's headline test figures (MNIST and beyond), committed so the docs quote what `train` built."""
    return config.models_dir() / "evaluation.json"


def read_evaluation_record(path: Path | None = None) -> dict[str, Any] | None:
    """The committed evaluation record, or None when there is none."""
    return _read_if_there(Path(path or evaluation_record_path()))


def representations_record_path() -> Path:
    """The representations tried beside the chosen model (`python -m mnist_knn representations`)."""
    return config.models_dir() / "representations.json"


def read_representations_record(path: Path | None = None) -> dict[str, Any] | None:
    """The representations record, or None when there is none."""
    return _read_if_there(Path(path or representations_record_path()))


def teaching_record_path() -> Path:
    """The writer simulation that chose how much a student's own examples count (`python -m mnist_knn teaching`)."""
    return config.models_dir() / "teaching.json"


def read_teaching_record(path: Path | None = None) -> dict[str, Any] | None:
    """The teaching simulation's record, or None when there is none."""
    return _read_if_there(Path(path or teaching_record_path()))


def own_example_rule(path: Path | None = None) -> tuple[float, float]:
    """How a student's own examples count: (nearness, vote weight), as the writer simulation chose them; (1.0, 1.0), like
    any other example, without its record."""
    try:
        record = read_teaching_record(path)
        return float(record["chosen_nearness"]), float(record["chosen_weight"])
    except (KeyError, TypeError):
        return 1.0, 1.0


def _read_if_there(path: Path) -> dict[str, Any] | None:
    """A JSON record, or None when it is missing or unreadable (the pages and docs then leave its part out)."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def write_record(record: dict[str, Any], path: Path) -> Path:
    """Save a record atomically, as indented JSON."""
    write_atomically(path, (json.dumps(record, indent=1) + "\n").encode())
    return path


def read_search_record(path: Path | None = None) -> dict[str, Any]:
    """The recorded search: the configuration `train` builds and the CV table the Metrics page draws."""
    path = Path(path or search_record_path())
    try:
        record = json.loads(path.read_text())
        record["winner"]["params"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FileNotFoundError(
            f"No usable search record at {path} ({error}); copy the project's models/search.json there, "
            "or run `python -m mnist_knn train --search` (a few minutes)."
        ) from None
    return record


def read_frontier_report(path: Path | None = None) -> dict[str, Any] | None:
    """The frontier report, or None when it has not been made."""
    return _read_if_there(Path(path or frontier_report_path()))


def is_default(row: dict[str, Any], default_params: dict[str, Any]) -> bool:
    """True when a frontier row is the configuration the default model uses."""
    return all(row["params"].get(name) == value for name, value in default_params.items())


def describe(features: dict[str, Any]) -> str:
    """A short human name for a set of feature steps, in the reader's language (the lab's and the docs': English)."""
    kind = _(features["feature_kind"])
    parts = [_("deskewed {features}").format(features=kind) if features["deskew"] else kind]
    parts.append(_("PCA {dimensions}").format(dimensions=features["n_components"]) if features["n_components"] else _("no PCA"))
    if features["augmentation"] != "none":
        parts.append(_("+ {augmentation} augmentation").format(augmentation=_(features["augmentation"])))
    if features.get("whitening") is not None:
        whitening = features["whitening"]  # as recorded: 0.3, 1.0
        parts.append(_("within-class whitening ({strength})").format(
            strength=number(whitening, len(str(whitening).partition(".")[2]))))
    if features.get("metric_sample"):
        parts.append(_("+ a learned metric (NCA, {count} digits)").format(count=number(features["metric_sample"])))
    if features.get("candidates"):
        parts.append(_("+ second look ({candidates} candidates, pixels move up to {window})").format(
            candidates=features["candidates"], window=features["warp_window"]))
    return ", ".join(parts)


def beyond_mnist_headline(rows: list[dict[str, Any]]) -> dict[str, float]:
    """The headline over the sets: how many digits and drawings, the mean read right and refused, the mean caught."""
    digits, others = [row for row in rows if row["digits"]], [row for row in rows if not row["digits"]]
    mean = lambda key, group: fmean(row[key] for row in group) if group else float("nan")  # noqa: E731
    return {"digit_sets": len(digits), "digits": sum(row["count"] for row in digits), "read_right": mean("read_right", digits),
            "refused": mean("refused", digits), "other_sets": len(others), "others": sum(row["count"] for row in others),
            "caught": mean("caught", others)}
