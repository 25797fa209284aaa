"""Plotly figure builders: data in, figure out, no Streamlit."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from mnist_knn.language import _, a_digit, ngettext, number, points, score
from mnist_knn.storage.records import describe
from mnist_knn.views.chart_style import percent_axis, percent_hover, percentages, styled
from mnist_knn.views.chart_tables import confusion_cells
from mnist_knn.views.projection import label_places
from mnist_knn.views.words import weighting

DIGITS = [str(digit) for digit in range(10)]
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
RINGS = "#111111"  # the neighbours' rings and lines: black, a colour no digit has
BAR = "#8da0cb"
READABLE_PX = 12  # numbers written on a chart keep this size (plotly would shrink them to fit a phone's narrow cells)
PRIMARY = "#b93815"  # the theme's primary colour (.streamlit/config.toml): the default model on the frontier


def class_distribution(train_counts: np.ndarray, test_counts: np.ndarray) -> go.Figure:
    """How many digits of each class are in the training and test splits."""
    figure = go.Figure([go.Bar(name=_("train"), x=DIGITS, y=train_counts), go.Bar(name=_("test"), x=DIGITS, y=test_counts)])
    return styled(figure, _("Digits per class"), barmode="group", xaxis=dict(type="category", title=_("digit")),
                  yaxis=dict(title=_("count")))


def confusion_heatmap(matrix: np.ndarray, normalise: bool) -> go.Figure:
    """Rows: true digit; columns: predicted digit; counts or row-normalised shares."""
    matrix = np.asarray(matrix, dtype=float)
    values, text = confusion_cells(matrix, normalise)
    hover = _("true {true} → predicted {predicted}: {value}").format(true="%{y}", predicted="%{x}", value="%{text}")
    figure = go.Figure(
        go.Heatmap(z=np.log1p(matrix), x=DIGITS, y=DIGITS, text=text, texttemplate="%{text}", colorscale="Blues",
                   showscale=False, customdata=values, textfont=dict(size=READABLE_PX),
                   hovertemplate=hover + "<extra></extra>")
    )
    return styled(figure, _("Confusion matrix (colour on a log scale)"), 460,
                  xaxis=dict(title=_("predicted"), type="category"),
                  yaxis=dict(title=_("true"), type="category", autorange="reversed"))


def per_class_heatmap(per_class: list[dict[str, float]]) -> go.Figure:
    """Precision, recall and F1 of every digit."""
    names = ["precision", "recall", "f1"]
    values = np.array([[row[name] for name in names] for row in per_class])
    figure = go.Figure(  # one calm hue from 0.95 (light) to 1.0 (dark): a 0.987 is a good score, and looks it
        go.Heatmap(z=values.T, x=DIGITS, y=[_("precision"), _("recall"), "f1"], text=np.round(values.T, 4),
                   texttemplate="%{text:.3f}",
                   colorscale="Greens", zmin=0.95, zmax=1.0, showscale=False, textfont=dict(size=READABLE_PX))
    )
    return styled(figure, _("Per-class precision, recall and F1"), 260, xaxis=dict(type="category", title=_("digit")))


def roc_curves(curves: list[dict[str, Any]]) -> go.Figure:
    """One-vs-rest ROC curve per digit, with its AUC in the legend."""
    figure = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(dash="dot", color="grey"),
                                     name=_("chance"))])
    for curve in curves:
        figure.add_scatter(x=curve["fpr"], y=curve["tpr"], mode="lines", line=dict(color=COLOURS[curve["digit"]]),
                           name=f"{curve['digit']} (AUC {score(curve['auc'])})")
    return styled(figure, _("ROC curves, one digit vs the rest (zoomed in; with a mouse, double-click for all)"), 420,
                  xaxis=dict(title=_("false positive rate"), range=[0, 0.02]),
                  yaxis=dict(title=_("true positive rate"), range=[0.9, 1.002]))


def pr_curves(curves: list[dict[str, Any]]) -> go.Figure:
    """Precision-recall curve per digit, with its average precision in the legend."""
    figure = go.Figure()
    for curve in curves:
        figure.add_scatter(x=curve["recall"], y=curve["precision"], mode="lines", line=dict(color=COLOURS[curve["digit"]]),
                           name=f"{curve['digit']} (AP {score(curve['average_precision'])})")
    return styled(figure, _("Precision-recall curves (zoomed in; with a mouse, double-click for all)"), 420,
                  xaxis=dict(title=_("recall"), range=[0.9, 1.002]), yaxis=dict(title=_("precision"), range=[0.9, 1.002]))


def operating_curve(points: list[dict[str, Any]]) -> go.Figure:
    """"Not a digit" on validation: the share of digits refused against the share of non-digits caught, one point per
    non-digit vote, the model's own ringed."""
    chosen = [point for point in points if point["chosen"]]
    hover = _("vote from {vote}: refuses {refused} of digits, catches {caught} of non-digits").format(
        vote=percent_hover("customdata", 0), refused=percent_hover("x", 1), caught=percent_hover("y", 1)
    ) + "<extra></extra>"
    figure = go.Figure([
        go.Scatter(x=percentages(p["digits_refused"] for p in points),
                   y=percentages(p["non_digits_caught"] for p in points), mode="lines+markers",
                   customdata=percentages(p["non_digit_vote"] for p in points), hovertemplate=hover,
                   name=_("every vote"), line=dict(color=BAR)),
        go.Scatter(x=percentages(p["digits_refused"] for p in chosen),
                   y=percentages(p["non_digits_caught"] for p in chosen), mode="markers",
                   marker=dict(size=16, color=PRIMARY, symbol="circle-open", line=dict(width=3)), hovertemplate=hover,
                   customdata=percentages(p["non_digit_vote"] for p in chosen), name=_("this model")),
    ])
    return styled(figure, _("'Not a digit' on the validation sets: digits refused against non-digits caught"), 380,
                  xaxis=percent_axis(1, title=_("digits by other writers called 'not a digit'")),
                  yaxis=percent_axis(0, title=_("drawings that are not digits caught")))


def calibration_plot(calibration: dict[str, Any]) -> go.Figure:
    """How often test digits were read right against how sure the model said it was; the diagonal is an honest model. A
    band's dot grows with how many digits it holds: a band of 2 weighs nothing beside one of 9,883."""
    counts = [count for count in calibration["bin_counts"] if count]
    sizes = [6 + 18 * np.sqrt(count / max(counts)) for count in counts]  # its area about in proportion
    hover = _("said {said}, right {right} of {count} digits").format(
        said=percent_hover("x", 1), right=percent_hover("y", 1), count="%{customdata}")
    figure = go.Figure([
        go.Scatter(x=[0, 100], y=[0, 100], mode="lines", line=dict(dash="dot", color="grey"),
                   name=_("honest: said = happened")),
        go.Scatter(x=percentages(calibration["mean_confidence"]), y=percentages(calibration["fraction_correct"]),
                   mode="lines+markers", name=_("the model (a dot's size: how many digits)"), marker=dict(size=sizes),
                   cliponaxis=False, customdata=counts, hovertemplate=hover + "<extra></extra>"),
    ])
    error = points(calibration["expected_calibration_error"])
    return styled(figure, _("How sure it said, and how often it was right (calibration error {error})").format(error=error),
                  380, xaxis=percent_axis(0, title=_("how sure the model said it was"), range=[0, 102]),
                  yaxis=percent_axis(0, title=_("how often it was right"), range=[0, 102]))


def cv_curve(rows: list[dict[str, Any]], title: str) -> go.Figure:
    """Cross-validated accuracy against k, one line per weighting, with ±1 std error bars."""
    figure = go.Figure()
    for weights in ("uniform", "distance"):
        chosen = sorted((row for row in rows if row["weights"] == weights), key=lambda row: row["n_neighbors"])
        figure.add_scatter(x=[row["n_neighbors"] for row in chosen], y=percentages(row["mean_accuracy"] for row in chosen),
                           error_y=dict(type="data", array=percentages(row["std_accuracy"] for row in chosen)),
                           mode="lines+markers", name=weighting(weights))
    return styled(figure, title, 360, xaxis=dict(title=_("k (neighbours)"), dtick=1),
                  yaxis=percent_axis(2, title=_("CV accuracy")))


def frontier_scatter(rows: list[dict[str, Any]], is_default: list[bool]) -> go.Figure:
    """Test accuracy against one-drawing latency for every configuration; the default is marked."""
    figure = go.Figure(go.Scatter(
        x=[row["drawing_p50_ms"] for row in rows], y=percentages(row["test_accuracy"] for row in rows), mode="markers",
        marker=dict(size=[16 if chosen else 10 for chosen in is_default],
                    color=[PRIMARY if chosen else BAR for chosen in is_default]),
        customdata=[[describe(row["params"]), 100 * row["cv_accuracy"], row["stored_mb"]] for row in rows],
        hovertemplate=_("{configuration}<br>test {test} · CV {cv}<br>{milliseconds} ms per drawing · {megabytes} MB").format(
            configuration="%{customdata[0]}", test=percent_hover("y", 2), cv=percent_hover("customdata[1]", 2),
            milliseconds="%{x:.1f}", megabytes="%{customdata[2]}") + "<extra></extra>"))
    return styled(figure, _("Accuracy / speed frontier (the default in red)"), 380,
                  xaxis=dict(title=_("one drawing, p50 (ms, log scale)"), type="log"),
                  yaxis=percent_axis(2, title=_("test accuracy")))


def _digit_dots(figure: go.Figure, points: np.ndarray, labels: np.ndarray, opacity: float,
                indices: np.ndarray | None = None, legend: bool = True) -> None:
    """Digits as dots, one colour per digit (the same on every page), hover naming the digit (and its index); each
    digit's name written large where most of its dots lie, so the colours never carry the meaning alone (and the legend,
    where `legend`, lets a reader hide a digit's dots)."""
    present = [digit for digit in range(10) if (labels == digit).any()]
    for digit in present:
        chosen = labels == digit
        hover = a_digit(digit) + (
            "<br>" + _("index {index}").format(index="%{customdata}") if indices is not None else "") + "<extra></extra>"
        figure.add_scattergl(x=points[chosen, 0], y=points[chosen, 1], mode="markers", name=str(digit), showlegend=legend,
                             marker=dict(size=5, color=COLOURS[digit], opacity=opacity),
                             customdata=None if indices is None else indices[chosen], hovertemplate=hover)
    middles = label_places(points, labels, present)
    figure.add_scatter(x=middles[:, 0], y=middles[:, 1], mode="text", text=[str(digit) for digit in present],
                       textfont=dict(size=22, color="black", family="sans-serif", weight="bold"), showlegend=False,
                       hoverinfo="skip", name=_("digit names"))


def projection_scatter(points: np.ndarray, labels: np.ndarray, indices: np.ndarray, title: str) -> go.Figure:
    """Digits on the model's 2-D map, coloured by digit; hovering shows the digit and its index."""
    figure = go.Figure()
    _digit_dots(figure, points, labels, 0.75, indices)
    return styled(figure, title, 520, xaxis=dict(title=_("direction 1")), yaxis=dict(title=_("direction 2")))


def neighbor_map(flat_map_points: np.ndarray, flat_map_labels: np.ndarray, query: np.ndarray, neighbors: np.ndarray,
                 k: int, a_digit: bool = True) -> go.Figure:
    """Training digits as faint dots by digit, the query as a star (named a drawing unless it reads as `a_digit`), its k
    nearest neighbours ringed (in a colour no digit has) and joined to it."""
    figure = go.Figure()
    _digit_dots(figure, flat_map_points, flat_map_labels, 0.35, legend=False)  # on a phone, ten entries took half the chart
    for point in neighbors[:k]:
        figure.add_scatter(x=[query[0], point[0]], y=[query[1], point[1]], mode="lines", showlegend=False, hoverinfo="skip",
                           line=dict(color=RINGS, width=2))
    figure.add_scatter(x=neighbors[:k, 0], y=neighbors[:k, 1], mode="markers",
                       name=ngettext("the {count} nearest", "the {count} nearest", k).format(count=number(k)),
                       marker=dict(symbol="circle-open", size=16, color=RINGS, line=dict(width=3)), hoverinfo="skip")
    figure.add_scatter(x=[query[0]], y=[query[1]], mode="markers", name=_("this digit") if a_digit else _("this drawing"),
                       marker=dict(symbol="star", size=22, color="black", line=dict(color="white", width=1)), hoverinfo="name")
    title = (_("This digit among training digits (the model's space, flattened to 2-D)") if a_digit
             else _("This drawing among training digits (the model's space, flattened to 2-D)"))
    return styled(figure, title, 520,
                  xaxis=dict(title=_("direction 1")), yaxis=dict(title=_("direction 2")))


def among_real_digits(quantiles: np.ndarray, distance: float, limit: float, title: str) -> go.Figure:
    """How far held-out real digits are from their nearest training digit (a histogram), and where this drawing is."""
    shown = np.minimum(quantiles, max(limit, distance) * 1.15)  # the few far ones piled at the right edge
    # the quantiles are evenly spaced, so each bar's share of them is its share of the held-out digits
    figure = go.Figure(go.Histogram(x=shown, nbinsx=40, histnorm="percent", marker_color=BAR, name=_("real digits"),
                                   hoverinfo="skip"))
    figure.add_vline(x=limit, line=dict(color="grey", dash="dot"), annotation_text=_("limit"),
                      annotation_position="top")
    figure.add_vline(x=distance, line=dict(color=RINGS, width=3), annotation_text=_("this one"),
                      annotation_position="top right")
    return styled(figure, title, 260, showlegend=False, bargap=0.05,
                  xaxis=dict(title=_("distance to the nearest training digit (1 = typical)")),
                  yaxis=percent_axis(0, title=_("share of held-out digits")))


def prediction_by_k(predictions: np.ndarray, chosen_k: int) -> go.Figure:
    """The predicted digit for every k, the chosen k highlighted: where the answer flips."""
    ks = np.arange(1, len(predictions) + 1)
    # dots alone: a line joining a 1 to a 7 looked as if the answer passed through 2 to 6 on the way
    figure = go.Figure(go.Scatter(x=ks, y=predictions, mode="markers+text", text=[str(p) for p in predictions],
                                  textposition="top center", cliponaxis=False,  # a 9's label above the plot, whole
                                  marker=dict(size=[16 if k == chosen_k else 8 for k in ks],
                                              color=["#ff4b4b" if k == chosen_k else "#8da0cb" for k in ks])))
    return styled(figure, _("The prediction for each k"), 260, xaxis=dict(title="k", dtick=1, range=[0.5, len(ks) + 0.5]),
                  yaxis=dict(title=_("digit"), range=[-0.8, 9.8], dtick=1))
