"""The charts write percentages the reader's way, as the pages' own figures do: 99,4 % in German, 99.4 % in English."""

from __future__ import annotations

import pytest

from mnist_knn import language
from mnist_knn.views import plots

POINTS = [{"digits_refused": 0.004, "non_digits_caught": 0.81, "non_digit_vote": 0.5, "chosen": False},
          {"digits_refused": 0.012, "non_digits_caught": 0.9, "non_digit_vote": 0.4, "chosen": True}]
CALIBRATION = {"bin_counts": [3, 0, 97], "mean_confidence": [0.55, 0.99], "fraction_correct": [0.6, 0.994],
               "expected_calibration_error": 0.0012}
CV_ROWS = [{"weights": weights, "n_neighbors": k, "mean_accuracy": 0.97, "std_accuracy": 0.001}
           for weights in ("uniform", "distance") for k in (3, 5)]
FRONTIER = [{"drawing_p50_ms": 3.1, "test_accuracy": 0.9941, "cv_accuracy": 0.9902, "stored_mb": 105,
             "params": {"feature_kind": "pixels", "deskew": True, "n_components": 50, "augmentation": "none"}}]


def _figures():
    return [plots.operating_curve(POINTS), plots.calibration_plot(CALIBRATION), plots.cv_curve(CV_ROWS, "k"),
            plots.frontier_scatter(FRONTIER, [True])]


@pytest.mark.parametrize(("code", "sign"), [("en", " %"), ("de", "\u00a0%"), ("fr", "\u00a0%")])
def test_every_percentage_on_a_chart_has_the_languages_sign_and_space(monkeypatch, code, sign):
    monkeypatch.setattr(language, "current", lambda: code)
    for figure in _figures():
        axes = [axis for axis in (figure.layout.xaxis, figure.layout.yaxis) if axis.ticksuffix]
        hovers = [trace.hovertemplate for trace in figure.data if trace.hovertemplate]
        assert axes or any(sign in hover for hover in hovers), figure.layout.title.text
        assert all(axis.ticksuffix == sign and "%" not in axis.tickformat for axis in axes)
        assert not any("%}" in hover for hover in hovers), "plotly's own % format writes no space before the sign"
        assert all(f"f}}{sign}" in hover for hover in hovers if "%" in hover.replace("%{", ""))


def test_shares_are_drawn_as_percentages_so_the_ticks_read_99_4_not_0_994():
    curve = plots.operating_curve(POINTS)
    assert list(curve.data[0].x) == pytest.approx([0.4, 1.2]) and list(curve.data[0].y) == pytest.approx([81, 90])
    assert list(plots.frontier_scatter(FRONTIER, [True]).data[0].y) == pytest.approx([99.41])
