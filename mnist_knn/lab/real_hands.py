"""Real people's handwriting MNIST never saw, drawn onto the 280 x 280 canvas as the draw page sends a drawing.

- UCI digits: scikit-learn's bundled copy of UCI's optical digits (8 x 8 scans, 16 grey levels, 13 writers).
- Semeion digits: 1,593 digits by about 80 people in Italy, scanned, stretched to fill a 16 x 16 box and made binary
  (UCI's Semeion Handwritten Digit set; a public copy with whole-number pixels, in handwriting_data/).
- Pen-tablet digits: UCI's Pen-Based Recognition of Handwritten Digits, 44 writers on a tablet, each digit's pen path
  resampled to 8 points (pen lifts dropped) and stretched to fill a square, here joined straight with a pen (in
  handwriting_data/). Its 'train' split (UCI's 30 training writers) is stored beside MNIST's digits; its 14 others test.
- Omniglot characters: letters of eight alphabets, each drawn with a mouse in a browser by 20 people (Lake et al.,
  Science 2015; the 'background small' zips of github.com/brendenlake/omniglot, MIT licence, in handwriting_data/).
  They are not digits; their 'train' split (other alphabets) teaches the model what is not a digit.
- Quick, Draw! doodles: things drawn in a browser, in under 20 seconds each, by players of Google's game (the first
  3,000 apples, bicycles and cats of its 28 x 28 bitmaps, CC BY 4.0, in handwriting_data/). Only evaluated: learning
  from such doodles caught fewer of the others (docs/model.md).

Each loader verifies the file's SHA-256 before it reads it. No validation or test split is ever learned from.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zipfile
from pathlib import Path

import cv2
import numpy as np

from mnist_knn.lab.canvases import placed
from mnist_knn.lab.strokes import PENS

HERE = Path(__file__).resolve().parent / "handwriting_data"
SHA256 = {  # of each text file's uncompressed bytes, and of each zip as it is
    "semeion.data": "7c74222dd9beb6a5b30c7b41104e7486cabc274e013689db1cd62b1ca56d0dd4",
    "pendigits.tra": "e2b9eb9f0d0467e2b64a4816a3420edf2b8043447576f4b84337aba44a9f97d3",
    "pendigits.tes": "8bd03229c5c5291fefe43e45465dd948d2645bf23328b9d993e0b777666b2015",
    "images_background_small1.zip": "f38eb80f801274ac2b4dff5b24289016bfaba4a7d5bb50deebf27104ad6cb8a4",
    "images_background_small2.zip": "3ccaa407515a8778e5d0861875af38b17e418f301ad5bb3b5a6b65d901a41c7f",
    "apple.npy": "850149064cea62041479dc996f73c3c41719547a215d46fdccc349e70cadc749",
    "bicycle.npy": "e41b785c79c48fc1bd7b492b52635079bced24debfb5045f76afe3cdf9859863",
    "cat.npy": "2ff608de7d3bdbee13577254e2a3ab59b7af6858554b90b65ca780ffa467ae06",
}
# UCI's bundled rows carry no writer but come in writer order (a digit's nearest same-class digit lies within 50 rows
# 7 times as often as chance); row 906 is the boundary near the middle that the fewest such links cross (test_writers)
UCI_CUT, UCI_GAP = 906, 20
# Pen-tablet digits come split by writer, as UCI split them: the model learns from pendigits.tra (30 writers) and
# pendigits.tes (14 others) tests. Neither file names a writer and both are shuffled, so neither can validate apart.
PEN_FILES = {"train": "pendigits.tra", "test": "pendigits.tes"}


# Omniglot's splits are apart by alphabet and by drawer number (Omniglot does not say whether a number is one person
# across alphabets, so numbers are kept apart too). Left out of every split, by their number in the alphabet: characters
# that, drawn by hand, pass for a digit. Test: Latin b c g i j l o q s t u y z, Greek β γ δ ζ θ ι ξ ο σ τ υ; validation:
# an Aramaic 1, 3, 4, 7 or z, a Tagalog 3 ...; training: Korean ㅣ ㄱ ㄹ ㅁ ㅇ ㅋ, katakana イ ク コ ノ フ ヨ ラ ロ ワ ヱ ヲ,
# Sanskrit ट ठ ड ढ द र व इ उ and four Balinese characters (picked by eye from pictures of all 153, before the model
# without them was scored).
OMNIGLOT = {
    "train": ({"Korean": (21, 22, 27, 28, 33, 37), "Japanese_(katakana)": (2, 8, 9, 24, 27, 37, 38, 42, 43, 45, 46),
               "Sanskrit": (11, 12, 13, 14, 18, 27, 29, 36, 37), "Balinese": (5, 14, 15, 21)}, range(1, 11)),
    "validation": ({"Early_Aramaic": (1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 16, 17, 20), "Tagalog": (3, 7, 14, 16)},
                   range(11, 16)),
    "test": ({"Latin": (2, 3, 7, 9, 10, 12, 15, 17, 19, 20, 21, 25, 26),
              "Greek": (2, 3, 4, 6, 8, 9, 14, 15, 18, 19, 20)}, range(16, 21)),
}
OMNIGLOT_ZIPS = ("images_background_small1.zip", "images_background_small2.zip")
# Quick, Draw! doodles, split by kind (its bitmaps name no player, and a game asks one player for six kinds), of kinds
# the model never learns from in any form; how many of each kind's first 3,000 a split takes. Nothing trains.
QUICK_DRAW = {"train": ((), 0), "validation": (("apple", "bicycle"), 300), "test": (("cat",), 300)}


def _verified(name: str, raw: bytes) -> bytes:
    if hashlib.sha256(raw).hexdigest() != SHA256[name]:
        raise ValueError(f"{name} does not match its recorded SHA-256: the file was changed or damaged")
    return raw


def verified_text(name: str) -> str:
    """One of handwriting_data/'s text files, uncompressed, after checking its SHA-256."""
    return _verified(name, gzip.decompress((HERE / f"{name}.gz").read_bytes())).decode("ascii")


def uci(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """scikit-learn's UCI digits scaled up onto the canvas; the rows before the writer boundary UCI_CUT validate, those
    after it test, UCI_GAP rows either side left out."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    rows = np.arange(len(bunch.target))
    rows = {"validation": rows[rows < UCI_CUT - UCI_GAP], "test": rows[rows >= UCI_CUT + UCI_GAP]}[split]
    canvases = []
    for row in rows:
        size = int(rng.integers(120, 240))
        interpolation = cv2.INTER_CUBIC if rng.random() < 0.5 else cv2.INTER_NEAREST
        canvases.append(placed(cv2.resize((bunch.images[row] * (255 / 16)).astype(np.float32), (size, size),
                                          interpolation=interpolation), rng))
    return canvases, bunch.target[rows].astype(np.int64)


def semeion(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """Semeion's 16 x 16 binary scans shown large on the canvas. The file names no writer and its rows follow no
    writer order (a scan's nearest look-alike is no likelier in its own part of the file), so it cannot be split by
    writer: all of it validates, and none of it tests."""
    if split != "validation":
        return [], np.zeros(0, dtype=np.int64)
    table = np.array(verified_text("semeion.data").split(), dtype=np.float32).reshape(-1, 266)
    canvases = []
    for pixels in table[:, :256]:
        size = int(rng.integers(150, 240))
        canvases.append(placed(cv2.resize(255 * pixels.reshape(16, 16), (size, size), interpolation=cv2.INTER_NEAREST),
                               rng))
    return canvases, table[:, 256:].argmax(axis=1).astype(np.int64)


def pen_paths(split: str) -> tuple[np.ndarray, np.ndarray]:
    """UCI's pen-tablet paths of a split, (n, 8, 2) points as UCI scaled them (x and y each span 0-100, y up), and their
    labels (none for 'validation')."""
    if split not in PEN_FILES:
        return np.zeros((0, 8, 2), np.float32), np.zeros(0, np.int64)
    table = np.array(verified_text(PEN_FILES[split]).replace(",", " ").split(), dtype=np.float32).reshape(-1, 17)
    return table[:, :16].reshape(-1, 8, 2), table[:, 16].astype(np.int64)


def pen_tablet(split: str, rng: np.random.Generator) -> tuple[list[np.ndarray], np.ndarray]:
    """UCI's pen-tablet digits: each path's 8 points joined straight with a tablet pen's width, at a random size and
    place (no validation split). UCI scaled each path's x and y apart to span 0-100 (y up), so every digit fills a
    square, a 1 too."""
    paths, labels = pen_paths(split)
    canvases = []
    for path in paths:
        size, pen = int(rng.integers(120, 240)), int(rng.integers(*PENS["tablet"]))
        points = path * [1, -1] + [0, 100]  # y down, as on a screen
        points = pen / 2 + points / 100 * (size - pen)
        image = np.zeros((size, size), np.uint8)
        cv2.polylines(image, [np.round(points * 16).astype(np.int32)], False, 255, pen, cv2.LINE_AA, shift=4)
        canvases.append(placed(image.astype(np.float32), rng))
    return canvases, labels


def omniglot(split: str, rng: np.random.Generator) -> list[np.ndarray]:
    """Omniglot's characters of the split's alphabets and drawers (105 x 105, black on white), drawn large with a pen
    of random width (none of them is a digit)."""
    alphabets, drawers = OMNIGLOT[split]
    canvases, read = [], set()
    for name in OMNIGLOT_ZIPS:
        with zipfile.ZipFile(io.BytesIO(_verified(name, (HERE / name).read_bytes()))) as archive:
            paths = [path.split("/") for path in sorted(archive.namelist()) if path.endswith(".png")]
            for folder, alphabet, character, drawing in paths:  # images_background_small1/Latin/character01/0683_01.png
                if (alphabet not in alphabets or alphabet in read or int(character.removeprefix("character"))
                        in alphabets[alphabet] or int(drawing[-6:-4]) not in drawers):
                    continue
                image = cv2.imdecode(np.frombuffer(archive.read("/".join((folder, alphabet, character, drawing))),
                                                   np.uint8), cv2.IMREAD_GRAYSCALE)
                size, pen = int(rng.integers(150, 250)), int(rng.integers(1, 12))
                ink = cv2.resize((255 - image).astype(np.float32), (size, size), interpolation=cv2.INTER_AREA)
                canvases.append(placed(cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (pen, pen))), rng))
        read |= {alphabet for _, alphabet, _, _ in paths}  # both zips hold Latin and Greek: each is read once
    return canvases


def quick_draw(split: str, rng: np.random.Generator) -> list[np.ndarray]:
    """Quick, Draw! doodles of the split's kinds (28 x 28, each drawing filling the square), drawn large on the canvas
    (none of them is a digit)."""
    kinds, count = QUICK_DRAW[split]
    canvases = []
    for kind in kinds:
        drawings = np.load(io.BytesIO(_verified(f"{kind}.npy", gzip.decompress((HERE / f"{kind}.npy.gz").read_bytes()))))
        for drawing in drawings.reshape(-1, 28, 28)[:count].astype(np.float32):
            size = int(rng.integers(150, 250))
            canvases.append(placed(cv2.resize(drawing, (size, size), interpolation=cv2.INTER_LINEAR), rng))
    return canvases
