"""The committed records' words that the pages show are marked for the catalogs, so a page can say them in any language."""

from __future__ import annotations

from pathlib import Path

from mnist_knn import language
from mnist_knn.storage import records

MODELS = Path(__file__).resolve().parents[2] / "models"


def test_every_name_and_rule_a_page_shows_from_the_committed_records_is_marked():
    evaluation = records.read_evaluation_record(MODELS / "evaluation.json")
    search = records.read_search_record(MODELS / "search.json")
    frontier = records.read_frontier_report(MODELS / "ablation.json")
    shown = {row[key] for row in evaluation["beyond_mnist"] for key in ("set", "source")}
    shown |= set(evaluation["open_set"]["non_digits"]["by_family"])
    shown |= {baseline["name"] for baseline in frontier["baselines"]}
    shown |= {search["beyond_mnist"]["selection"], search["beyond_mnist"]["judgement_rule"]}
    shown |= {row[key] for row in search["table"] for key in ("feature_kind", "augmentation", "weights")}
    shown |= {row["params"]["augmentation"] for row in search["beyond_mnist"]["table"]}
    shown |= {name for row in search["beyond_mnist"]["table"] for name in row["sets"]}  # the validation sets it read
    shown |= {search["winner"]["representation"]} if "representation" in search["winner"] else set()
    representations = records.read_representations_record(MODELS / "representations.json")
    shown |= {row["representation"] for row in representations["rows"]}  # Metrics' table of the representations tried
    shown |= {name for row in representations["rows"] for name in row["sets"]}
    marked = {*records.SET_NAMES, *records.DRAWING_KINDS, *records.BASELINE_NAMES, *records.RULES, *records.PARAMETER_VALUES,
              *records.REPRESENTATION_NAMES}
    assert shown - marked == set(), "a record says something new: mark it in mnist_knn/storage/records.py"


def test_a_configuration_is_described_as_the_frontier_report_names_it_and_in_the_readers_language(monkeypatch):
    frontier = records.read_frontier_report(MODELS / "ablation.json")
    assert [records.describe(row["params"]) for row in frontier["configurations"]] == [
        row["configuration"] for row in frontier["configurations"]]
    german = language.catalog("de")
    monkeypatch.setattr(language, "current", lambda: "de")
    whitened = {"feature_kind": "gradients", "deskew": True, "n_components": 100, "augmentation": "none", "whitening": 0.3}
    assert records.describe(whitened) == ", ".join([
        german.gettext("deskewed {features}").format(features=german.gettext("gradients")),
        german.gettext("PCA {dimensions}").format(dimensions=100),
        german.gettext("within-class whitening ({strength})").format(strength="0,3")])
