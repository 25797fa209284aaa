"""The charts write percentages the reader's way, as the pages' own figures do: 99,4 % in German, 99.4 % in English."""

from __future__ import annotations

import re

import numpy as np
import pytest

from mnist_knn import language
from mnist_knn.views import chart_style, chart_tables, plots, projection
from mnist_knn.views.explain import predictions_in_words

POINTS = [{"digits_refused": 0.004, "non_digits_caught": 0.81, "non_digit_vote": 0.5, "chosen": False},
          {"digits_refused": 0.012, "non_digits_caught": 0.9, "non_digit_vote": 0.4, "chosen": True}]
CALIBRATION = {"bin_counts": [3, 0, 97], "mean_confidence": [0.55, 0.99], "fraction_correct": [0.6, 0.994],
               "expected_calibration_error": 0.0012}
CV_ROWS = [{"weights": weights, "n_neighbors": k, "mean_accuracy": 0.97, "std_accuracy": 0.001}
           for weights in ("uniform", "distance") for k in (3, 5)]
FRONTIER = [{"drawing_p50_ms": 3.1, "test_accuracy": 0.9941, "cv_accuracy": 0.9902, "stored_mb": 105,
             "params": {"feature_kind": "pixels", "deskew": True, "n_components": 50, "augmentation": "none"}}]
# each chart, its axes that hold percentages, and how many percentages each of its hovers names
CHARTS = {"operating curve": (lambda: plots.operating_curve(POINTS), ("xaxis", "yaxis"), 3),
          "calibration": (lambda: plots.calibration_plot(CALIBRATION), ("xaxis", "yaxis"), 2),
          "cv curve": (lambda: plots.cv_curve(CV_ROWS, "k"), ("yaxis",), 0),
          "frontier": (lambda: plots.frontier_scatter(FRONTIER, [True]), ("yaxis",), 2)}
PLACEHOLDER = re.compile(r"%\{[^}]*\}")


@pytest.mark.parametrize(("code", "sign"), [("en", "\u00a0%"), ("de", "\u00a0%"), ("fr", "\u00a0%"), ("es", "\u00a0%")])
@pytest.mark.parametrize("chart", list(CHARTS))
def test_every_percentage_on_a_chart_has_the_languages_sign_and_space(monkeypatch, code, sign, chart):
    monkeypatch.setattr(language, "current", lambda: code)
    build, axes, percentages_per_hover = CHARTS[chart]
    figure = build()
    for name in axes:
        axis = figure.layout[name]
        assert axis.ticksuffix == sign and axis.tickformat.endswith("f"), f"{chart}: {name} is not written the language's way"
    for trace in figure.data:
        if trace.hovertemplate:
            written = [found for found in PLACEHOLDER.finditer(trace.hovertemplate) if "%" in found.group()[2:]]
            assert written == [], f"{chart}: plotly's own % format writes no space before the sign"
            assert trace.hovertemplate.count(f"f}}{sign}") == percentages_per_hover, f"{chart}: {trace.hovertemplate}"


@pytest.mark.parametrize("chart", list(CHARTS))
def test_a_charts_words_are_dark_and_large_enough_for_the_back_of_a_room(chart):
    layout = CHARTS[chart][0]().layout  # each part named: Streamlit's theme sets each to 12 px grey, 3.7:1 on white
    for font in (layout.xaxis.tickfont, layout.yaxis.tickfont, layout.xaxis.title.font, layout.legend.font):
        assert (font.size, font.color) == (chart_style.TEXT_PX, chart_style.INK) and chart_style.TEXT_PX >= 14


def test_a_long_axis_title_goes_on_two_lines_as_plotly_never_wraps_one(monkeypatch):
    monkeypatch.setattr(language, "current", lambda: "fr")  # its title is 63 characters: cut on a 390 px phone
    figure = plots.among_real_digits(np.linspace(0.5, 2, 50), 1.0, 1.5, "t")
    first, second = figure.layout.xaxis.title.text.split("<br>")
    assert max(len(first), len(second)) <= chart_style.AXIS_TITLE_LINE  # each line fits; a short title stays on one:
    monkeypatch.setattr(language, "current", lambda: "en")
    assert plots.operating_curve(POINTS).layout.yaxis.title.text == "drawings that are not digits caught"


def test_shares_are_drawn_as_percentages_so_the_ticks_read_99_4_not_0_994():
    curve = plots.operating_curve(POINTS)
    assert list(curve.data[0].x) == pytest.approx([0.4, 1.2]) and list(curve.data[0].y) == pytest.approx([81, 90])
    assert list(curve.data[0].customdata) == pytest.approx([50, 40])
    calibration = plots.calibration_plot(CALIBRATION).data[1]
    assert list(calibration.x) == pytest.approx([55, 99]) and list(calibration.y) == pytest.approx([60, 99.4])
    assert 6 <= calibration.marker.size[0] < 10 < calibration.marker.size[1] == 24  # 3 digits a small dot, 97 a large one
    cv = plots.cv_curve(CV_ROWS, "k").data[0]
    assert list(cv.y) == pytest.approx([97, 97]) and list(cv.error_y.array) == pytest.approx([0.1, 0.1])
    frontier = plots.frontier_scatter(FRONTIER, [True]).data[0]
    assert list(frontier.y) == pytest.approx([99.41]) and frontier.customdata[0][1] == pytest.approx(99.02)


def test_the_prediction_for_each_k_is_said_in_runs_of_k():
    assert predictions_in_words(np.array([9, 9, 9, 4, 4, 7])) == "k = 1 to 3: 9; k = 4 to 5: 4; k = 6: 7"
    assert predictions_in_words(np.array([3])) == "k = 1: 3"
    assert predictions_in_words(np.array([1, 2, 2])) == "k = 1: 1; k = 2 to 3: 2"


def test_a_nine_s_label_in_the_prediction_for_each_k_is_drawn_above_the_plot_not_cut_by_it():
    figure = plots.prediction_by_k(np.array([9, 9, 4]), 2)
    [line] = figure.data
    assert line.textposition == "top center" and line.cliponaxis is False
    assert tuple(figure.layout.xaxis.range) == (0.5, 3.5)  # k = 1 to 3, no empty k = 0 or 4 beside them


def test_the_prediction_for_each_k_is_dots_with_no_line_through_the_digits_between_two_answers():
    [dots] = plots.prediction_by_k(np.array([1, 1, 7]), 1).data
    assert "lines" not in dots.mode  # a line from 1 to 7 looked as if the answer passed through 2 to 6


def test_the_prediction_for_each_k_is_said_the_french_way(monkeypatch):
    monkeypatch.setattr(language, "current", lambda: "fr")
    assert predictions_in_words(np.array([9, 4])) == "k = 1\u00a0: 9\u00a0; k = 2\u00a0: 4"


def test_the_crowd_around_a_point_on_the_map_is_the_digits_of_its_nearest_dots():
    points, labels = np.array([[0, 0], [0.5, 0], [3, 0], [0, -0.8], [9, 9]]), np.array([8, 8, 3, 5, 1])
    flat_map = projection.FeatureMap(pca=None, points=points, labels=labels, indices=np.arange(5))
    assert list(projection.labels_around(flat_map, np.array([0.1, 0.0]), 3)) == [8, 8, 5]  # nearest first; not the far 3


def test_the_closest_clouds_are_the_digits_whose_middles_lie_nearest_on_the_map():
    points = np.array([[0, 0], [0, 2], [10, 0], [10, 2], [11, 1], [30, 0], [30, 50], [0, 60]], dtype=float)
    labels = np.array([4, 4, 9, 9, 9, 7, 7, 1])  # middles: 4 at (0, 1), 9 at (10, 1), 7 at (30, 25), 1 at (0, 60)
    assert projection.closest_clouds(points, labels, 2) == [(4, 9), (7, 9)]
    assert projection.closest_clouds(points[labels == 4], labels[labels == 4]) == []  # one digit shown: no pair


def test_two_digits_whose_dots_share_a_middle_get_their_names_apart_and_a_lone_one_keeps_its_place():
    rng = np.random.default_rng(0)
    fours, ones, sevens = rng.normal(0, 1, (200, 2)), rng.normal(0, 1, (200, 2)), rng.normal(8, 1, (200, 2))
    points, labels = np.vstack([fours, ones, sevens]), np.repeat([4, 1, 7], 200)
    places = plots.label_places(points, labels, [1, 4, 7])
    span = np.ptp(points, axis=0).max()
    assert np.hypot(*(places[0] - places[1])) >= 0.06 * span * 0.999  # "41" on the map, before
    assert np.allclose(places[2], np.median(sevens, axis=0))  # far from the others: where most of its dots lie
    figure = plots.projection_scatter(points, labels, np.arange(600), "map")
    [names] = [trace for trace in figure.data if trace.mode == "text"]
    assert list(names.text) == ["1", "4", "7"] and np.allclose(np.c_[names.x, names.y], places)


def test_a_score_just_under_one_is_never_written_as_a_perfect_one(monkeypatch):
    curves = [{"digit": 3, "auc": 0.999997, "fpr": [0, 1], "tpr": [1, 1]}, {"digit": 4, "auc": 1.0, "fpr": [0, 1], "tpr": [1, 1]}]
    legend = [trace.name for trace in plots.roc_curves(curves).data[1:]]
    assert legend == ["3 (AUC > 0.9999)", "4 (AUC 1.0000)"]  # "1.0000" for both, before
    assert [row["area"] for row in chart_tables.curve_areas(curves, "auc", "area")] == ["\\> 0.9999", "1.0000"]  # Markdown
    monkeypatch.setattr(language, "current", lambda: "de")
    assert language.score(0.999997) == "> 0,9999" and language.score(0.98766) == "0,9877"


def test_a_legend_lies_in_rows_above_the_plot_not_in_a_column_beside_it():
    curves = [{"digit": digit, "auc": 0.99, "fpr": [0, 1], "tpr": [1, 1]} for digit in range(10)]
    legend = plots.roc_curves(curves).layout.legend  # on a phone a column beside the plot took half the chart's width
    assert legend.orientation == "h" and legend.yanchor == "bottom" and legend.y > 1


def test_the_neighbour_map_names_its_digits_on_the_map_and_keeps_its_legend_for_the_rings_and_the_star():
    rng = np.random.default_rng(0)
    points, labels = rng.normal(0, 1, (200, 2)), np.arange(200) % 10
    figure = plots.neighbor_map(points, labels, np.zeros(2), points[:6], 6)  # ten digit entries took half a phone's chart
    shown = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    assert shown == ["the 6 nearest", "this digit"]
    drawing = plots.neighbor_map(points, labels, np.zeros(2), points[:6], 6, a_digit=False)  # read as not a digit
    assert drawing.data[-1].name == "this drawing" and drawing.layout.title.text.startswith("This drawing among")
    names = next(trace for trace in figure.data if trace.mode == "text")
    assert sorted(names.text) == [str(digit) for digit in range(10)]  # each digit named where its dots lie
    assert all(trace.showlegend for trace in plots.projection_scatter(points, labels, np.arange(200), "map").data[:10])


def test_how_far_held_out_digits_lie_has_an_axis_of_their_share():
    figure = plots.among_real_digits(np.linspace(0.5, 2, 1001), 1.0, 1.5, "t")
    assert figure.data[0].histnorm == "percent"  # evenly spaced quantiles: a bar's share of them is its share of digits
    assert figure.layout.yaxis.title.text == "share of held-out digits" and figure.layout.yaxis.visible is not False
