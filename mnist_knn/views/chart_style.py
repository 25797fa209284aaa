"""How every chart looks and writes its numbers: one compact layout, words a room can read, percentages the reader's way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from mnist_knn import language
from mnist_knn.language import percent

INK = "#0a0a0a"  # the theme's text colour, for ticks, axis titles and legends (Streamlit's grey was 3.7:1 on white)
TEXT_PX = 14  # a chart's own words and ticks, as large as the page's captions (12 px was lost at the back of a room)


def styled(figure: go.Figure, title: str, height: int = 360, **axes: Any) -> go.Figure:
    """The layout every chart shares: compact, its words and ticks large and dark enough to read from the back of a
    room; plotly writes its own numbers (ticks, hovers) with the current language's separators."""
    separators = get_decimal_symbol(language.current()) + get_group_symbol(language.current())
    # the legend in rows above the plot, not in a column beside it: on a phone that column took half the chart's width
    legend = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)
    text = dict(size=TEXT_PX, color=INK)  # set on each part: Streamlit's theme sets them all, so one layout font does nothing
    figure.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), separators=separators,
                         legend=dict(legend, font=text), font=text, hoverlabel_font_size=TEXT_PX, **axes)
    for axes_of_a_kind in (figure.update_xaxes, figure.update_yaxes):
        axes_of_a_kind(tickfont=text, title_font=text)
    return figure


def _percent_sign() -> str:
    """What the current language writes after a percentage's number: a no-break space and %, in every language."""
    return percent(0).removeprefix("0")


def percentages(shares: Iterable[float]) -> list[float]:
    """Shares (0-1) as percentages (0-100), which the charts write with the language's own sign."""
    return [100 * share for share in shares]


def percent_axis(decimals: int, **axis: Any) -> dict[str, Any]:
    """An axis of percentages written the language's way (plotly's own "%" format puts no space before the sign)."""
    return dict(tickformat=f",.{decimals}f", ticksuffix=_percent_sign(), **axis)


def percent_hover(value: str, decimals: int) -> str:
    """A hover's placeholder for a percentage (0-100), written the language's way."""
    return f"%{{{value}:,.{decimals}f}}{_percent_sign()}"
