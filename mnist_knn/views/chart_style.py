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
AXIS_TITLE_LINE = 38  # characters on one line of an axis title: plotly never wraps one, and a phone's chart is ~358 px wide


def styled(figure: go.Figure, title: str, height: int = 360, **axes: Any) -> go.Figure:
    """The layout every chart shares: compact, words large and dark enough for the back of a room, the language's numbers."""
    separators = get_decimal_symbol(language.current()) + get_group_symbol(language.current())
    # the legend in rows above the plot, not in a column beside it: on a phone that column took half the chart's width
    legend = dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0)
    text = dict(size=TEXT_PX, color=INK)  # set on each part: Streamlit's theme sets them all, so one layout font does nothing
    figure.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), separators=separators,
                         legend=dict(legend, font=text), font=text, hoverlabel_font_size=TEXT_PX, **axes)
    for axis in (*figure.select_xaxes(), *figure.select_yaxes()):
        axis.update(tickfont=text, title_font=text, title_text=_in_lines(axis.title.text) if axis.title.text else None)
    return figure


def _in_lines(title: str) -> str:
    """An axis title in two lines when it is too long for one (at the space nearest its middle)."""
    spaces = [at for at, character in enumerate(title) if character == " "]
    if len(title) <= AXIS_TITLE_LINE or not spaces:
        return title
    middle = min(spaces, key=lambda at: abs(at - len(title) / 2))
    return title[:middle] + "<br>" + title[middle + 1 :]


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
