"""Validation beyond MNIST: digits by other writers and drawings that are not digits, each in up to three disjoint splits.

Every set is made here: real people's handwriting shipped with the project (mnist_knn.lab.real_hands), Debian's fonts
and OpenCV's Hershey fonts, and strokes drawn by simulated writers (mnist_knn.lab.strokes). Splits never share a writer's
seed, a font, an alphabet or a character shape:
- 'train': the non-digit sets' teach the model what is not a digit; the pen-tablet digits' (UCI's training writers)
  are stored beside MNIST's digits; never measured;
- 'validation': chooses the model and its "not a digit" line;
- 'test': reported once per model, never used to choose (Semeion's digits have none: no writer split exists).
No validation or test split is ever trained on. Each drawing is a 280 x 280 canvas, white ink on black, as the draw
page sends it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from mnist_knn.lab import fonts, other_hands, real_hands, strokes
from mnist_knn.lab.twins import has_near_twin

SPLITS = ("train", "validation", "test")
NOT_A_DIGIT = -1  # the label of a drawing that is not a digit
SEEDS = {"train": 101, "validation": 202, "test": 303}

# Digit fonts share no design with the fonts the model learns letters from (DejaVu Sans and its condensed cut, Liberation
# Sans Narrow), and the test's share none with the validation's.
DIGIT_FONTS = {"validation": (("DejaVuSansMono", "LiberationSerif"), ("Hershey Simplex", "Hershey Duplex",
                                                                      "Hershey Script Simplex")),
               "test": (("DejaVuSerif", "LiberationMono"), ("Hershey Complex", "Hershey Triplex", "Hershey Script Complex",
                                                           "Hershey Plain"))}
# Debian's handwriting fonts: each is one person's hand, digitized (fonts-bwht's six are six people of its project), so
# these splits are split by writer. Never learned from: they have no 'train' split.
HANDS = {"validation": (("BecauseWeBuild", "BecauseWeConnect", "BecauseWeCreate", "Breip.", "Humor-Sans", "Delphine"), ()),
         "test": (("BecauseWeLearn", "BecauseWeMentor", "BecauseWeOrganize", "dkg.", "Rufscript", "SteveHand", "YuseiMagic"), ())}
N_HANDS = sum(len(HANDS[split][0]) for split in HANDS)
# Training letters also come in three handwriting-style fonts no evaluation set uses: Femke Klaver's hand, Comic Neue
# (regular, bold and bold italic) and Kristi (a felt-tip cursive).
LETTER_FONTS = {"train": (("DejaVuSans.", "DejaVuSans-", "DejaVuSansCondensed", "LiberationSansNarrow", "femkeklaver",
                           "ComicNeue-Regular", "ComicNeue-Bold", "Kristi"), ()),
                "validation": (("DejaVuSansMono", "LiberationSerif"), ()),
                "test": (("DejaVuSerif", "LiberationSans-", "LiberationMono"), tuple(fonts.HERSHEY))}
# Capital and small letters whose usual shapes are not a digit's. Left out, with the digit each passes for: O o D Q (0),
# I l i j (1), Z z (2), S s (5), G b (6), T (7), B (8), g q (9), and C c U u L J t y, which hand-drawn are often a 0, 4,
# 6, 7 or 9 with a stroke missing. (Training's handwritten letters, strokes.LETTER_SHAPES, do include C and U: testers
# saw them read as 0 and 6, and validation digits were refused no more often with them: 0.86 % either way.)
LETTERS = "AEFHKMNPRVWXY" + "adefhkmnprwx"
WRITTEN_LETTERS = 200  # each handwritten letter shape, by as many simulated writers (training only; chosen on validation)
# Letters of other alphabets in DejaVu Sans, by script (those that pass for a digit left out: Cyrillic З б Ч, Greek Ο Ζ,
# Tifinagh ⵏ, a lone upright stroke, and ⴰ, a ring: a near twin of an MNIST training 0 ...).
# Training takes whole Unicode blocks (TRAINING_BLOCKS); validation and test take scripts it never sees.
# (No geometric shapes, stars or faces: the synthetic open set's frames, hatching, stars and smileys stay unseen.)
TRAINING_BLOCKS = ((0x0391, 0x03C9), (0x0410, 0x044F), (0x0100, 0x017F), (0x0180, 0x024F), (0x0250, 0x02AF), (0x0620, 0x064A),
                   (0x07CA, 0x07EA), (0x1401, 0x1676), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2600, 0x26FF),
                   (0x2700, 0x27BF), (0x2A00, 0x2AFF), (0xA640, 0xA69F))
UNSEEN_KINDS = set("☹☺☻☆★⚝✦✧✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹✺✻✼✽✾❂❃❉❊❋⛤⛥⛦⛧⌑⌗⌘⎔⏢⏥") | set(map(chr, range(0x2500, 0x2600)))
# ... no character named for a kind the open set measures (faces, stars, squares, dice) ...
UNSEEN_NAMES = ("FACE", "STAR", "ASTERISK", "SPARKLE", "PENTAGRAM", "HEXAGRAM", "SQUARE", "RECTANGLE", "DIE ")
# ... and no near twin of a validation or test symbol (a heart for the ♥, a tick for the ✓, an arrow like the ⇐ ...);
# beyond these lists, mnist_knn/lab/bank.py leaves out every drawing that looks like one (twins.NEAR_TWIN).
NEAR_TWINS = set("♡❤❥❣❦❧✔✕✖✗✘✓✚✙✛✜➕➖➗➰➿∿≀⋕⌗#⇍⇎⇏⇐⇑⇒⇓⇔⇕⇖⇗⇘⇙⇚⇛⇜⇝☀☁☂☃☄☼☽☾⛄✂✃✄✈✉✎✏✐✑✒☎☏☐☑☒⚐⚑")
PASSES_FOR_A_DIGIT = set("ΟοΖΙΒΤδθϑбЗзЧчОоІіЅѕЈјБВЪЬьъĮįĹĺĽľŁłŌōŎŏŐőŞşŠšŜŝŚśŹźŻżŽžƖƗƧƨƱƷƸƹƻƼƽǀǁǃǑǒǪǫǬǭǮǯȜȝȢȣȤȥ"
                         "ɑɒɓɔɕɖɗɜɝɞɡɢɩɪɭɮɵɷʒʓʖʕʗʘʡʢ∂∅∈∊∋∍∘∙∝∣∤∫∮∽≀⊂⊃⊆⊇⊏⊐⊢⊣⊤⊥⋅○◌◎●◯◦⌀⊖⊘⊙⊚⊛⊜⊝ⅼ│┃─━")
SCRIPTS = {
    "train": "",
    "validation": "ԱԲԳԴԵԶԷԸԹԺԻԽԾԿՀՁՂՃՄՆՇՈՉՊՋՌՍՎՏՐՑՒՓՔՖ" + "אבגדהחטכלמנסעפצקרשת",
    "test": "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ" + "ⴱⴳⴷⴹⴻⴼⴽⵀⵃⵄⵅⵇⵉⵊⵍⵎⵓⵔⵕⵖⵙⵚⵛⵜⵟⵡⵢⵣⵥ",
}
SYMBOLS = {"train": "∑∏∫√∞≈≠±÷×∂∇∈∩∪⊂⊃∀∃¬∧∨⊕⊗→←↔♠♣♦♪", "validation": "♥☆☻♫☼☂✓✗✚✿☃⌘€£¥&@%§¶",
           "test": "Ω∆∅⊥∠≡∝∮⇔⇐⇑⇓☀☁☎☐☑☒✈✉✂✎¢©®†‡"}
DOODLES = {"train": ("heart", "house", "arrow", "spiral", "cloud", "sun", "moon", "flower", "eye", "fish"),
           "validation": ("zigzag", "cross", "triangle"), "test": ("wave", "hash", "plus")}


@dataclass(frozen=True)
class DrawingSet:
    """One kind of drawing: its name, whether its drawings are digits, where they come from, and how to make a split."""

    name: str
    digits: bool
    source: str
    make: Callable[[str], tuple[list[np.ndarray], np.ndarray]]  # split -> (canvases, labels; NOT_A_DIGIT for non-digits)


def _seeded(make: Callable[[str, np.random.Generator], tuple]) -> Callable[[str], tuple]:
    """A set maker from a maker that draws with a random generator: each split draws with its own seed."""
    return lambda split: make(split, np.random.default_rng(SEEDS[split]))


def _not_digits(drawn: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """Drawings that are not digits, with their labels."""
    return drawn, np.full(len(drawn), NOT_A_DIGIT, dtype=np.int64)


def _drawn_by_people(make: Callable[[str, np.random.Generator], list]) -> Callable[[str], tuple]:
    """A set maker from a maker of real people's drawings that are not digits."""
    return lambda split: _not_digits(_seeded(make)(split))


def _font_list(choice: tuple[tuple[str, ...], tuple[str, ...]]) -> list:
    outline_prefixes, hershey_names = choice
    return [*(fonts.outline_fonts(outline_prefixes) if outline_prefixes else []), *hershey_names]


def _characters(font_choice: dict, texts: str, label: Callable[[str], int], repeats: int) -> Callable[[str], tuple]:
    """A set maker: every character of `texts` in every font of the split, `repeats` times."""

    def make(split: str) -> tuple[list[np.ndarray], np.ndarray]:
        rng = np.random.default_rng(SEEDS[split])
        drawn, labels = [], []
        for font in _font_list(font_choice[split]):
            for text in texts:
                if not isinstance(font, str) and not fonts.has_glyph(font, text):
                    continue
                for _ in range(repeats):
                    drawn.append(fonts.character(font, text, rng))
                    labels.append(label(text))
        return drawn, np.array(labels, dtype=np.int64)

    return make


def _font_digits(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    return _characters(DIGIT_FONTS, "0123456789", int, 3)(split)


def _stroke_digits(style: str, count: int, finish: Callable | None = None) -> Callable[[str], tuple]:
    """A set maker: `count` digits by simulated writers in `style` (each split its own writers; the test split's from a
    second simulator, other_hands.py)."""

    def make(split: str) -> tuple[list[np.ndarray], np.ndarray]:
        rng = np.random.default_rng(SEEDS[split] + len(style))
        labels = np.arange(count) % 10
        simulator = other_hands if split == "test" else strokes
        drawn = [simulator.stroke_digit(int(digit), rng, style) for digit in labels]
        return ([finish(ink, rng) for ink in drawn] if finish else drawn), labels.astype(np.int64)

    return make


def _training_characters() -> str:
    """Every character of TRAINING_BLOCKS that is not digit-like and never validates or tests."""
    kept = (set("".join(SCRIPTS["validation"] + SCRIPTS["test"] + SYMBOLS["validation"] + SYMBOLS["test"]))
            | PASSES_FOR_A_DIGIT | UNSEEN_KINDS | NEAR_TWINS)
    return "".join(chr(code) for first, last in TRAINING_BLOCKS for code in range(first, last + 1) if chr(code) not in kept
                   and not any(word in unicodedata.name(chr(code), "") for word in UNSEEN_NAMES))


def _glyphs(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    """Other alphabets and symbols from DejaVu Sans, drawn as written characters."""
    paths = fonts.outline_fonts(("DejaVuSans.", "DejaVuSans-Bold.", "DejaVuSansCondensed.") if split == "train" else
                                ("DejaVuSans.",))
    rng = np.random.default_rng(SEEDS[split])
    texts = SCRIPTS[split] + SYMBOLS[split] + (_training_characters() if split == "train" else "")
    drawn = [fonts.outline_character(path, text, rng) for path in paths for text in texts if fonts.has_glyph(path, text)
             for _ in range(2)]
    return _not_digits(drawn)


def _doodles(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    rng = np.random.default_rng(SEEDS[split])
    per_kind = 120 if split == "train" else 60
    drawn = [strokes.doodle(name, rng) for name in DOODLES[split] for _ in range(per_kind)]
    return _not_digits(drawn)


def _letters(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    """Letters in fonts; the training split also has them written by simulated writers (strokes.LETTER_SHAPES)."""
    drawn, _ = _characters(LETTER_FONTS, LETTERS, lambda _: NOT_A_DIGIT, 6 if split == "train" else 2)(split)
    if split == "train":
        rng = np.random.default_rng(SEEDS[split])
        drawn += [strokes.stroke_letter(letter, rng) for letter in strokes.LETTER_SHAPES for _ in range(WRITTEN_LETTERS)]
    return _not_digits(drawn)


def _hand_digits(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    return _characters(HANDS, "0123456789", int, 6)(split)


def _hand_letters(split: str) -> tuple[list[np.ndarray], np.ndarray]:
    if split == "train":  # held out: the model never learns a hand it is measured on
        return [], np.zeros(0, dtype=np.int64)
    return _characters(HANDS, LETTERS, lambda _: NOT_A_DIGIT, 2)(split)


def as_digits(canvases: list[np.ndarray]) -> np.ndarray:
    """Canvases as the model first sees them: (n, 28, 28) MNIST-format digits."""
    from mnist_knn.reading.preprocess import canvas_to_mnist

    return np.stack([canvas_to_mnist(canvas, "light-on-dark") for canvas in canvases])


@cache
def _non_digit_tests() -> np.ndarray:
    """Every non-digit set's test split, as MNIST-format digits (a test split is never filtered)."""
    return as_digits([canvas for drawing_set in NON_DIGIT_SETS for canvas in drawing_set.make("test")[0]])


def _apart_from_the_tests(make: Callable[[str], tuple]) -> Callable[[str], tuple]:
    """A non-digit set maker whose validation split (what chooses the model) leaves out every drawing with a near twin in
    any non-digit test split (what reports it)."""

    def apart(split: str) -> tuple[list[np.ndarray], np.ndarray]:
        drawn, labels = make(split)
        if split != "validation":
            return drawn, labels
        keep = ~has_near_twin(as_digits(drawn), _non_digit_tests())
        return [canvas for canvas, kept in zip(drawn, keep) if kept], labels[keep]

    return apart


SETS = (
    DrawingSet("UCI digits", True, "scikit-learn's bundled UCI digits: 1,797 scans by 13 other writers, 8 x 8 pixels (split at a "
               "writer boundary)", _seeded(real_hands.uci)),
    DrawingSet("Semeion digits", True, "UCI's Semeion digits: 1,593 scans by about 80 writers in Italy, stretched to fill a "
               "16 x 16 box, binary (validation only: no writer is named)", _seeded(real_hands.semeion)),
    DrawingSet("pen-tablet digits", True, "UCI's pen-based digits: 44 writers on a tablet; UCI resampled each path to 8 "
               "points and stretched it to fill a square, joined here with straight lines (split by writer as UCI split "
               "them: its 30 training writers are learned from, its 14 others test)",
               _seeded(real_hands.pen_tablet)),
    DrawingSet("font digits", True, "digits in DejaVu, Liberation and Hershey fonts (split by font)", _font_digits),
    DrawingSet("handwriting-font digits", True, f"digits in {N_HANDS} people's hands, digitized as Debian's handwriting fonts "
               "(split by writer)", _hand_digits),
    DrawingSet("tablet digits", True, "simulated writers on a pen tablet: few points, sharp corners",
               _stroke_digits("tablet", 400)),
    DrawingSet("mouse digits", True, "simulated writers with a mouse: thin, wobbly strokes", _stroke_digits("mouse", 400)),
    DrawingSet("box-filling digits", True, "simulated marker digits stretched to fill a box, scanned at 16 x 16 binary",
               _stroke_digits("marker", 400, strokes.box_filling)),
    DrawingSet("letters", False, "letters that are not digit-like, from DejaVu, Liberation and Hershey fonts (split by font; "
               "training also in three handwriting-style fonts and written by simulated writers)",
               _apart_from_the_tests(_letters)),
    DrawingSet("other alphabets and symbols", False, "Greek, Cyrillic, Armenian, Hebrew, Georgian, Tifinagh letters and symbols "
               "from DejaVu Sans (split by script)", _apart_from_the_tests(_glyphs)),
    DrawingSet("doodles", False, "hearts, houses, arrows, zigzags, waves ... by simulated writers (split by kind)",
               _apart_from_the_tests(_doodles)),
    DrawingSet("Omniglot characters", False, "letters of other alphabets, each drawn with a mouse by 20 people (Omniglot; "
               "split by alphabet and drawer: training Korean, katakana, Sanskrit, Balinese; validation Early Aramaic, "
               "Tagalog; test Latin, Greek)", _apart_from_the_tests(_drawn_by_people(real_hands.omniglot))),
    DrawingSet("Quick, Draw! doodles", False, "things drawn in a browser by players of Google's Quick, Draw! (split by kind: "
               "validation apples, bicycles; test cats; never learned from)",
               _apart_from_the_tests(_drawn_by_people(real_hands.quick_draw))),
    DrawingSet("handwriting-font letters", False, f"letters that are not digit-like in the same {N_HANDS} hands "
               "(split by writer)", _apart_from_the_tests(_hand_letters)),
)
DIGIT_SETS = tuple(drawing_set for drawing_set in SETS if drawing_set.digits)
NON_DIGIT_SETS = tuple(drawing_set for drawing_set in SETS if not drawing_set.digits)
