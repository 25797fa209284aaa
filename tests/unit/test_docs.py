"""The README and docs: short, generated figures that match the committed records, pictures with words, live links."""

import re

from mnist_knn import config
from mnist_knn.lab import docs
from mnist_knn.storage import records

README = config.PROJECT_ROOT / "README.md"
DOCS = sorted((config.PROJECT_ROOT / "docs").glob("*.md"))


def test_the_model_tables_are_what_the_records_say():
    assert docs.TABLES_PATH.read_text() == docs.model_tables(), "run `python -m mnist_knn docs`"


def test_the_readme_quotes_the_committed_figures_mnist_and_beyond_side_by_side():
    readme, evaluation = README.read_text(), records.read_evaluation_record()
    assert readme == docs.readme_with_figures(readme, evaluation), "run `python -m mnist_knn docs`"
    figures = docs.readme_figures(evaluation)
    assert "MNIST's own writers" in figures and "Writers and fonts MNIST never saw" in figures and "not MNIST figures" in figures
    assert "the pen-tablet digits, comes from a collection the model also learns from" in figures  # and the figures without


def test_the_readme_is_read_in_minutes():
    assert len(README.read_bytes()) <= 10_000


def test_every_picture_says_what_it_shows_and_every_link_leads_somewhere():
    for path in [README, *DOCS]:
        text = path.read_text()
        for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", text):
            assert alt.strip(), f"{path.name}: {target} has no text alternative"
            assert (path.parent / target).resolve().is_file(), f"{path.name}: {target} is missing"
        for target in re.findall(r"(?<!!)\[[^\]]+\]\(((?!https?:)[^)#]+)(?:#[^)]*)?\)", text):
            assert (path.parent / target).resolve().exists(), f"{path.name}: link to {target} leads nowhere"
