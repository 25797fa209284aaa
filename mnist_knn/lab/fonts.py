"""Characters rendered from fonts as a person would put them on the canvas: large, anywhere, upright or slanted.

Outline fonts are Debian's DejaVu and Liberation families, Debian's handwriting fonts (each one person's hand,
digitized) and three handwriting-style fonts to learn letters from; stroke fonts are OpenCV's built-in Hershey fonts.
A font is named by its family and style, so sets can be split by font: a character shape seen in one set is never seen
in another.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from mnist_knn.config import CANVAS_SIDE

FONT_FOLDERS = tuple(Path("/usr/share/fonts") / folder for folder in (
    "truetype/dejavu", "truetype/liberation",  # fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation
    # handwriting: fonts-bwht, fonts-breip, fonts-humor-sans, fonts-sjfonts, fonts-dkg-handwriting, fonts-rufscript, ...
    "opentype/bwht", "truetype/breip", "truetype/humor-sans", "truetype/sjfonts",
    "truetype/fifthhorseman", "truetype/rufscript", "truetype/yusei-magic",  # ... fonts-yusei-magic
    "truetype/femkeklaver", "opentype/comic-neue", "truetype/kristi"))  # letters to learn from (make fonts installs all)
FONT_PACKAGES = ("fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-bwht fonts-breip fonts-humor-sans fonts-sjfonts "
                 "fonts-dkg-handwriting fonts-rufscript fonts-yusei-magic fonts-femkeklaver fonts-comic-neue fonts-kristi")
HERSHEY = {"Hershey Simplex": cv2.FONT_HERSHEY_SIMPLEX, "Hershey Duplex": cv2.FONT_HERSHEY_DUPLEX,
           "Hershey Complex": cv2.FONT_HERSHEY_COMPLEX, "Hershey Triplex": cv2.FONT_HERSHEY_TRIPLEX,
           "Hershey Script Simplex": cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, "Hershey Script Complex": cv2.FONT_HERSHEY_SCRIPT_COMPLEX,
           "Hershey Plain": cv2.FONT_HERSHEY_PLAIN}
UNASSIGNED = "\u0378"  # no font has it: what a font draws for a character it lacks


def outline_fonts(prefixes: tuple[str, ...]) -> list[Path]:
    """The installed outline fonts whose file names start with one of `prefixes` (e.g. 'DejaVuSans-'); OSError when none
    is installed (the model learns what is not a digit from them)."""
    found = [path for folder in FONT_FOLDERS if folder.is_dir()
             for path in sorted([*folder.glob("*.ttf"), *folder.glob("*.otf")])]
    chosen = [path for path in found if path.name.startswith(prefixes)]
    if not chosen:
        raise OSError(f"no {' or '.join(prefixes)} font in {', '.join(map(str, FONT_FOLDERS))}: install Debian's "
                      f"{FONT_PACKAGES} (`make fonts`)")
    return chosen


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


@cache
def _missing_glyph(path: Path) -> bytes:
    return bytes(_font(path, 64).getmask(UNASSIGNED))


def has_glyph(path: Path, character: str) -> bool:
    """Whether the font draws this character (and not its 'missing' box)."""
    mask = _font(path, 64).getmask(character)
    return mask.size[0] > 0 and bytes(mask) != _missing_glyph(path) and any(bytes(mask))


def _place(glyph: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A glyph's ink (cut to it) scaled to 120-240 px on its longer side, slanted a little, anywhere on the canvas."""
    rows, columns = np.flatnonzero(glyph.any(axis=1)), np.flatnonzero(glyph.any(axis=0))
    crop = glyph[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1].astype(np.float32)
    slant = float(rng.uniform(-0.25, 0.25))
    height, width = crop.shape
    shear = np.float32([[1, slant, max(0.0, -slant * height)], [0, 1, 0]])
    crop = cv2.warpAffine(crop, shear, (width + int(abs(slant) * height) + 1, height), flags=cv2.INTER_LINEAR)
    size = float(rng.uniform(120, 240))
    factor = size / max(crop.shape)
    resized = cv2.resize(crop, (max(1, round(crop.shape[1] * factor)), max(1, round(crop.shape[0] * factor))),
                         interpolation=cv2.INTER_AREA)
    canvas = np.zeros((CANVAS_SIDE, CANVAS_SIDE), np.float32)
    top = int(rng.integers(0, CANVAS_SIDE - resized.shape[0] + 1))
    left = int(rng.integers(0, CANVAS_SIDE - resized.shape[1] + 1))
    canvas[top : top + resized.shape[0], left : left + resized.shape[1]] = resized
    return np.clip(canvas, 0, 255).astype(np.uint8)


def outline_character(path: Path, character: str, rng: np.random.Generator) -> np.ndarray:
    """A character of an outline font on the canvas (white on black)."""
    font = _font(path, 160)
    image = Image.new("L", (400, 400), 0)
    ImageDraw.Draw(image).text((100, 100), character, font=font, fill=255)
    return _place(np.asarray(image), rng)


def hershey_character(font: int, character: str, rng: np.random.Generator) -> np.ndarray:
    """A character of a Hershey stroke font, drawn with a pen of random width, on the canvas."""
    image = np.zeros((300, 300), np.uint8)
    italic = cv2.FONT_ITALIC if rng.random() < 0.3 else 0
    cv2.putText(image, character, (60, 220), font | italic, 5.0, 255, int(rng.integers(4, 18)), cv2.LINE_AA)
    return _place(image, rng)


def character(font: str | Path, text: str, rng: np.random.Generator) -> np.ndarray:
    """A character from a Hershey font (by name) or an outline font (by path)."""
    return hershey_character(HERSHEY[font], text, rng) if isinstance(font, str) else outline_character(font, text, rng)
