"""Pictures made of digits: one image each for a neighbour strip, the preprocessing stages and the vote.

One composed PNG is far cheaper to send and to draw than a dozen images or a chart, which keeps a stroke's answer
quick. Text drawn into a picture is plain ASCII (Pillow's built-in font); names and symbols stay page text.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

PAGE = (246, 246, 248)  # the picture's background: light, so white ink on black tiles keeps its edges
FRAME = (150, 150, 158)  # every digit tile is framed: ink that touches an edge still shows where the image ends
VOTED = (228, 87, 46)  # the neighbours that voted (the app's primary colour)
INK = (38, 39, 48)
BAR = (141, 160, 203)


def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _tile(image: np.ndarray, side: int) -> Image.Image:
    """A grey-level image scaled to fit a side x side black square (aspect kept, hard pixel edges)."""
    image = Image.fromarray(np.asarray(image, dtype=np.uint8))
    factor = side / max(image.size)
    fitted = image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                          Image.Resampling.NEAREST if factor >= 1 else Image.Resampling.BOX)
    square = Image.new("L", (side, side), 0)
    square.paste(fitted, ((side - fitted.width) // 2, (side - fitted.height) // 2))
    return square.convert("RGB")


def _framed(canvas: Image.Image, tile: Image.Image, left: int, top: int, colour: tuple[int, int, int], width: int) -> None:
    """Paste a tile with a frame of `width` pixels around it."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((left - width, top - width, left + tile.width + width - 1, top + tile.height + width - 1), fill=colour)
    canvas.paste(tile, (left, top))


def digit_strip(images: list[np.ndarray], captions: list[str], highlighted: int = 0, side: int = 84,
                per_row: int = 8) -> np.ndarray:
    """Digits in a row (wrapping), each captioned below (a caption may hold two lines, split by a newline); the first
    `highlighted` get a thick orange frame."""
    gap, caption_height = 16, 42
    rows = max(1, -(-len(images) // per_row))
    columns = min(per_row, max(1, len(images)))
    canvas = Image.new("RGB", (gap + columns * (side + gap), gap + rows * (side + caption_height + gap)), PAGE)
    draw, font = ImageDraw.Draw(canvas), _font(14)
    for number, (image, caption) in enumerate(zip(images, captions)):
        row, column = divmod(number, per_row)
        left, top = gap + column * (side + gap), gap + row * (side + caption_height + gap)
        voted = number < highlighted
        _framed(canvas, _tile(image, side), left, top, VOTED if voted else FRAME, 4 if voted else 1)
        draw.multiline_text((left + side / 2, top + side + 6), caption, font=font, fill=INK, anchor="ma", align="center",
                            spacing=2)
    return np.asarray(canvas)


def stages_picture(stages: list[tuple[np.ndarray, str]], side: int = 120) -> np.ndarray:
    """Each preprocessing stage in an equal, framed square with its caption below: same heights, visible edges."""
    gap, caption_height = 14, 26
    canvas = Image.new("RGB", (gap + len(stages) * (side + gap), gap + side + caption_height), PAGE)
    draw, font = ImageDraw.Draw(canvas), _font(15)
    for number, (image, caption) in enumerate(stages):
        left = gap + number * (side + gap)
        _framed(canvas, _tile(image, side), left, gap, FRAME, 1)
        draw.text((left + side / 2, gap + side + 5), caption, font=font, fill=INK, anchor="mt")
    return np.asarray(canvas)


def vote_bars(shares: np.ndarray, winner: int | None, width: int = 420) -> np.ndarray:
    """The share of the vote of each digit as horizontal bars, the winner's in orange (all grey when there is none)."""
    line, label_width, gap = 26, 28, 8
    canvas = Image.new("RGB", (width, gap + 10 * line), PAGE)
    draw, font = ImageDraw.Draw(canvas), _font(16)
    room = width - label_width - 60
    for digit, share in enumerate(np.asarray(shares, dtype=float)):
        top = gap + digit * line
        draw.text((label_width - 8, top + line / 2), str(digit), font=font, fill=INK, anchor="rm")
        length = round(room * share)
        if length:
            draw.rectangle((label_width, top + 4, label_width + length, top + line - 4), fill=VOTED if digit == winner else BAR)
        draw.text((label_width + length + 6, top + line / 2), f"{share:.0%}" if share else "", font=font, fill=INK, anchor="lm")
    return np.asarray(canvas)
