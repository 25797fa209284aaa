"""Pictures made of digits, as HTML: a strip of digits, the preprocessing stages and the vote.

Each is one small element (digits as tiny inline PNGs, scaled up by the browser with hard pixel edges), so a stroke's
answer stays quick. Captions are page text: they wrap on a phone, grow on a projector and are read out. Each picture
is a group named by one sentence that says what it shows, for people who cannot see it; a screen reader can then go
through its captions one by one (the vote's bars, whose rows are bare digits and shares, are one image instead). The
look comes from mnist_knn/ui/style.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np

from mnist_knn.language import percent
from mnist_knn.views.gallery import enlarge, png_data_url
from mnist_knn.views.words import vote_decimals


@dataclass(frozen=True)
class Picture:
    """HTML made by this module alone, from escaped text and PNG data URLs: the one kind of HTML the app shows."""

    html: str


def _tile(image: np.ndarray, side: int, voted: bool = False) -> str:
    """One digit as an image in a black square `side` CSS px wide (a thick frame when it voted); an image larger than
    that (a drawing's ink) is shrunk here by averaging, since the browser scales with hard pixel edges."""
    kind = "dl-tile dl-voted" if voted else "dl-tile"
    image = enlarge(image, side) if max(np.shape(image)[:2]) > side else image
    return f'<img class="{kind}" src="{png_data_url(image)}" alt="" style="width:{side}px;height:{side}px">'


def _caption(text: str) -> str:
    return "<br>".join(escape(line) for line in text.split("\n"))


def _picture(summary: str, kind: str, body: str, role: str = "group") -> Picture:
    return Picture(f'<div class="dl-picture {kind}" role="{role}" aria-label="{escape(summary)}">{body}</div>')


def digit_strip(images: list[np.ndarray], captions: list[str], summary: str, highlighted: int = 0, side: int = 84,
                ids: list[int] | None = None) -> Picture:
    """Digits side by side, wrapping to the width they are given, each captioned below (a newline splits a caption
    into two lines); the first `highlighted` get a thick frame. `summary` says in one sentence what they show; `ids`,
    when given, are whole numbers each figure carries as its `data-id` (what a click on it chooses)."""
    marks = [f' data-id="{int(figure_id)}"' for figure_id in ids] if ids is not None else [""] * len(images)
    cells = "".join(f'<figure class="dl-cell"{mark} style="width:{side}px">{_tile(image, side, number < highlighted)}'
                    f"<figcaption>{_caption(caption)}</figcaption></figure>"
                    for number, (image, caption, mark) in enumerate(zip(images, captions, marks)))
    return _picture(summary, "dl-strip", cells)


def stages_picture(stages: list[tuple[np.ndarray, str]], summary: str, side: int = 120) -> Picture:
    """Each preprocessing stage in an equal square with its caption below."""
    return digit_strip([image for image, _ in stages], [caption for _, caption in stages], summary, side=side)


def vote_bars(shares: np.ndarray, winner: int | None, summary: str) -> Picture:
    """The share of the vote of each digit as a bar, the winner's bar in the primary colour and its row in bold."""
    rows, decimals = [], vote_decimals(shares)
    for digit, share in enumerate(np.asarray(shares, dtype=float)):
        kind = "dl-bar-row dl-winner" if digit == winner else "dl-bar-row"
        rows.append(f'<div class="{kind}"><span class="dl-bar-digit">{digit}</span>'
                    f'<span class="dl-bar" style="width:{share * 80:.1f}%"></span>'
                    f'<span class="dl-bar-share">{escape(percent(share, decimals)) if share else ""}</span></div>')
    # one image to a screen reader, named by the summary: its rows alone read "0 1 2 ... 7 100 % 8 9"
    return _picture(summary, "dl-bars", "".join(rows), role="img")
