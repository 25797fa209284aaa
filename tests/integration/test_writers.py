"""The sets beyond MNIST: each loads with its size, splits never share a font, a character or a drawing."""

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from mnist_knn.lab import fonts, real_hands, writers

SIZES = {  # (validation, test) drawings per set (letters: 91 validation drawings had a near twin in a test split)
    "UCI digits": (886, 871), "Semeion digits": (1593, 0), "pen-tablet digits": (0, 3498), "font digits": (330, 480),
    "handwriting-font digits": (360, 420), "handwriting-font letters": (300, 350), "tablet digits": (400, 400),
    "mouse digits": (400, 400),
    "box-filling digits": (400, 400), "letters": (309, 1150), "other alphabets and symbols": (148, 178), "doodles": (180, 180),
    "Omniglot characters": (100, 130), "Quick, Draw! doodles": (600, 300),
}


@cache
def _made(name: str, split: str) -> tuple:
    """Each split of each set, made once for this module."""
    return next(drawing_set for drawing_set in writers.SETS if drawing_set.name == name).make(split)


@pytest.mark.parametrize("drawing_set", writers.SETS, ids=lambda drawing_set: drawing_set.name)
@pytest.mark.parametrize("split", ["validation", "test"])
def test_each_set_loads_with_its_size(drawing_set, split):
    canvases, labels = _made(drawing_set.name, split)
    assert len(canvases) == len(labels) == SIZES[drawing_set.name][split == "test"]
    assert all(canvas.shape == (280, 280) and canvas.dtype == np.uint8 and canvas.max() > 100 for canvas in canvases)
    if not canvases:  # Semeion names no writer: it only validates; the pen-tablet training writers are learned from
        return
    if drawing_set.digits:
        assert set(labels.tolist()) == set(range(10))
    else:
        assert (labels == writers.NOT_A_DIGIT).all()


def test_digit_fonts_share_no_design_with_the_letters_the_model_learns_from():
    learned = {path.name for path in writers._font_list(writers.LETTER_FONTS["train"])}
    families = {name.split("-")[0].split(".")[0].removesuffix("Condensed").removesuffix("Narrow") for name in learned}
    for split in ("validation", "test"):
        digit_fonts = {path.name for path in writers._font_list(writers.DIGIT_FONTS[split]) if not isinstance(path, str)}
        assert digit_fonts and not any(name.split("-")[0].split(".")[0] in families for name in digit_fonts), split


def test_the_splits_never_share_a_font_or_a_character():
    for choice in (writers.DIGIT_FONTS, writers.LETTER_FONTS, writers.HANDS):
        used = [set(map(str, writers._font_list(choice[split]))) for split in choice]
        assert all(not (a & b) for i, a in enumerate(used) for b in used[i + 1:])
    glyphs = {split: set(writers.SCRIPTS[split] + writers.SYMBOLS[split]) for split in ("validation", "test")}
    assert not glyphs["validation"] & glyphs["test"]
    training = set(writers._training_characters())
    assert not training & (glyphs["validation"] | glyphs["test"]) and not training & writers.PASSES_FOR_A_DIGIT
    assert not set(writers.DOODLES["train"]) & (set(writers.DOODLES["validation"]) | set(writers.DOODLES["test"]))


def test_no_drawing_is_in_two_splits():
    for drawing_set in writers.SETS:
        seen = {canvas.tobytes() for canvas in _made(drawing_set.name, "validation")[0]}
        assert not any(canvas.tobytes() in seen for canvas in _made(drawing_set.name, "test")[0]), drawing_set.name


def test_a_font_lacking_a_character_is_told_apart():
    path = fonts.outline_fonts(("DejaVuSans.",))[0]
    assert fonts.has_glyph(path, "A") and not fonts.has_glyph(path, "\U000F0000")


def test_make_fonts_installs_every_font_package_the_sets_name():
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    listed = makefile.split("FONT_PACKAGES :=", 1)[1].split("\nFONT_FILES", 1)[0].replace("\\\n", " ").split()
    assert sorted(listed) == sorted(fonts.FONT_PACKAGES.split())


def _nearest_same_digit_rows() -> tuple[np.ndarray, int]:
    """For each bundled UCI scan, the row of its nearest scan of the same digit; and how many scans there are."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    points, labels = bunch.data, bunch.target
    norms = (points**2).sum(axis=1)
    squared = norms[:, None] + norms[None] - 2 * points @ points.T  # exact: small whole numbers
    squared[labels[:, None] != labels[None]] = np.inf
    np.fill_diagonal(squared, np.inf)
    return squared.argmin(axis=1), len(labels)


def test_uci_rows_come_in_writer_order_and_the_split_falls_on_a_writer_boundary():
    nearest, count = _nearest_same_digit_rows()
    rows = np.arange(count)
    gap = np.abs(nearest - rows)
    assert (gap < 50).mean() > 5 * (100 / count)  # a scan's nearest look-alike sits among its neighbouring rows
    low, high = np.minimum(nearest, rows), np.maximum(nearest, rows)
    crossing = np.array([np.count_nonzero((low < row) & (high >= row) & (gap < 150)) for row in range(800, 1000)])
    assert crossing.argmin() + 800 == pytest.approx(real_hands.UCI_CUT, abs=3)  # where the fewest look-alike links cross
    assert crossing.min() <= 0.2 * np.median(crossing)
    validation, test = (_made("UCI digits", split)[1] for split in ("validation", "test"))
    assert len(validation) + len(test) == count - 2 * real_hands.UCI_GAP


@pytest.mark.parametrize("style", ["tablet", "mouse", "marker"])
def test_the_second_simulator_draws_every_shape_of_every_digit_large_on_the_canvas(style):
    from mnist_knn.lab import other_hands

    rng = np.random.default_rng(0)
    for digit, shapes in other_hands.SHAPES.items():
        for _ in range(3 * len(shapes)):
            ink = other_hands.stroke_digit(digit, rng, style)
            rows = np.flatnonzero(ink.any(axis=1))
            assert rows.size and rows[-1] - rows[0] > 100


def test_simulated_digits_are_tested_on_the_second_simulator_and_validated_on_the_first():
    from mnist_knn.lab import other_hands, strokes

    for split, simulator in (("validation", strokes), ("test", other_hands)):
        rng = np.random.default_rng(writers.SEEDS[split] + len("mouse"))
        first = simulator.stroke_digit(0, rng, "mouse")
        assert (first == _made("mouse digits", split)[0][0]).all()


def test_semeion_rows_follow_no_writer_order_so_it_only_validates():
    table = np.array(real_hands.verified_text("semeion.data").split(), dtype=np.float32).reshape(-1, 266)
    points, labels = table[:, :256], table[:, 256:].argmax(axis=1)
    rounds = np.cumsum(np.r_[0, (np.diff(labels) < 0)])  # the file runs through the digits 0-9 six times
    assert rounds.max() == 5
    norms = (points**2).sum(axis=1)
    squared = norms[:, None] + norms[None] - 2 * points @ points.T  # exact: small whole numbers
    squared[labels[:, None] != labels[None]] = np.inf
    np.fill_diagonal(squared, np.inf)
    nearest = squared.argmin(axis=1)
    same_round = (rounds[nearest] == rounds).mean()
    chance = np.mean([(rounds[labels == label] == round_).mean() for label, round_ in zip(labels, rounds)])
    assert same_round < 1.2 * chance  # a writer's two drawings of a digit are not kept together: no writer split exists
    assert not _made("Semeion digits", "test")[0]
