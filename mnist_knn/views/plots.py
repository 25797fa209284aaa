"""Plotly figure builders: data in, figure out, no Streamlit."""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

DIGITS = [str(digit) for digit in range(10)]
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]


def _layout(figure: go.Figure, title: str, height: int = 360, **axes: Any) -> go.Figure:
    """Common compact layout."""
    figure.update_layout(title=title, height=height, margin=dict(l=10, r=10, t=40, b=10), **axes)
    return figure


def probability_bars(probabilities: np.ndarray) -> go.Figure:
    """The vote share of each digit, the winner highlighted."""
    winner = int(np.argmax(probabilities))
    colours = ["#ff4b4b" if digit == winner else "#8da0cb" for digit in range(10)]
    figure = go.Figure(
        go.Bar(x=DIGITS, y=probabilities, marker_color=colours, text=[f"{p:.0%}" for p in probabilities], textposition="outside")
    )
    return _layout(figure, "Class probabilities (share of the neighbours' vote)", 300,
                   yaxis=dict(range=[0, 1.15], tickformat=".0%"), xaxis=dict(type="category", title="digit"))


def class_distribution(train_counts: np.ndarray, test_counts: np.ndarray) -> go.Figure:
    """How many digits of each class are in the training and test splits."""
    figure = go.Figure([go.Bar(name="train", x=DIGITS, y=train_counts), go.Bar(name="test", x=DIGITS, y=test_counts)])
    return _layout(figure, "Digits per class", barmode="group", xaxis=dict(type="category", title="digit"), yaxis=dict(title="count"))


def confusion_heatmap(matrix: np.ndarray, normalise: bool, rows: str = "true", columns: str = "predicted",
                      title: str = "Confusion matrix (colour on a log scale)") -> go.Figure:
    """Rows: true digit; columns: predicted digit; counts or row-normalised shares."""
    matrix = np.asarray(matrix, dtype=float)
    values = matrix / matrix.sum(axis=1, keepdims=True) if normalise else matrix
    text = [[f"{v:.1%}" if normalise else f"{int(v)}" for v in row] for row in values]
    figure = go.Figure(
        go.Heatmap(z=np.log1p(matrix), x=DIGITS, y=DIGITS, text=text, texttemplate="%{text}", colorscale="Blues",
                   showscale=False, customdata=values, hovertemplate=f"{rows} %{{y}} → {columns} %{{x}}: %{{text}}<extra></extra>")
    )
    return _layout(figure, title, 460,
                   xaxis=dict(title=columns, type="category"), yaxis=dict(title=rows, type="category", autorange="reversed"))


def per_class_heatmap(per_class: list[dict[str, float]]) -> go.Figure:
    """Precision, recall and F1 of every digit."""
    names = ["precision", "recall", "f1"]
    values = np.array([[row[name] for name in names] for row in per_class])
    figure = go.Figure(
        go.Heatmap(z=values.T, x=DIGITS, y=names, text=np.round(values.T, 4), texttemplate="%{text:.3f}",
                   colorscale="RdYlGn", zmin=float(values.min()), zmax=1.0)
    )
    return _layout(figure, "Per-class precision, recall and F1", 260, xaxis=dict(type="category", title="digit"))


def roc_curves(curves: list[dict[str, Any]]) -> go.Figure:
    """One-vs-rest ROC curve per digit, with its AUC in the legend."""
    figure = go.Figure([go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(dash="dot", color="grey"), name="chance")])
    for curve in curves:
        figure.add_scatter(x=curve["fpr"], y=curve["tpr"], mode="lines", line=dict(color=COLOURS[curve["digit"]]),
                           name=f"{curve['digit']} (AUC {curve['auc']:.4f})")
    return _layout(figure, "ROC curves, one digit vs the rest (zoomed; double-click for all)", 420,
                   xaxis=dict(title="false positive rate", range=[0, 0.02]), yaxis=dict(title="true positive rate", range=[0.9, 1.002]))


def pr_curves(curves: list[dict[str, Any]]) -> go.Figure:
    """Precision-recall curve per digit, with its average precision in the legend."""
    figure = go.Figure()
    for curve in curves:
        figure.add_scatter(x=curve["recall"], y=curve["precision"], mode="lines", line=dict(color=COLOURS[curve["digit"]]),
                           name=f"{curve['digit']} (AP {curve['average_precision']:.4f})")
    return _layout(figure, "Precision-recall curves (zoomed; double-click for all)", 420,
                   xaxis=dict(title="recall", range=[0.9, 1.002]), yaxis=dict(title="precision", range=[0.9, 1.002]))


def calibration_plot(calibration: dict[str, list[float]]) -> go.Figure:
    """Accuracy against confidence of the winning digit; the diagonal is perfect calibration."""
    figure = go.Figure([
        go.Scatter(x=[0, 1], y=[0, 1], mode="lines", line=dict(dash="dot", color="grey"), name="perfectly calibrated"),
        go.Scatter(x=calibration["mean_confidence"], y=calibration["fraction_correct"], mode="lines+markers", name="model"),
    ])
    return _layout(figure, "Calibration of the top-class confidence", 380,
                   xaxis=dict(title="confidence", range=[0, 1.02]), yaxis=dict(title="accuracy", range=[0, 1.02]))


def cv_curve(rows: list[dict[str, Any]], title: str) -> go.Figure:
    """Cross-validated accuracy against k, one line per weighting, with ±1 std error bars."""
    figure = go.Figure()
    for weights in ("uniform", "distance"):
        chosen = sorted((row for row in rows if row["weights"] == weights), key=lambda row: row["n_neighbors"])
        figure.add_scatter(x=[row["n_neighbors"] for row in chosen], y=[row["mean_accuracy"] for row in chosen],
                           error_y=dict(type="data", array=[row["std_accuracy"] for row in chosen]),
                           mode="lines+markers", name=weights)
    return _layout(figure, title, 360, xaxis=dict(title="k (neighbours)", dtick=1), yaxis=dict(title="CV accuracy", tickformat=".2%"))


def projection_scatter(points: np.ndarray, labels: np.ndarray, indices: np.ndarray, title: str) -> go.Figure:
    """2-D points coloured by digit; hovering shows the dataset index and label."""
    figure = go.Figure()
    for digit in range(10):
        chosen = labels == digit
        figure.add_scattergl(x=points[chosen, 0], y=points[chosen, 1], mode="markers", name=str(digit),
                             marker=dict(size=5, color=COLOURS[digit], opacity=0.75), customdata=indices[chosen],
                             hovertemplate=f"label {digit}<br>index %{{customdata}}<extra></extra>")
    return _layout(figure, title, 520, xaxis=dict(title="component 1"), yaxis=dict(title="component 2"))


def frontier_scatter(rows: list[dict[str, Any]], is_default: list[bool]) -> go.Figure:
    """Test accuracy against one-drawing latency for every configuration; the default is marked."""
    figure = go.Figure(
        go.Scatter(
            x=[row["drawing_p50_ms"] for row in rows], y=[row["test_accuracy"] for row in rows], mode="markers",
            marker=dict(size=[16 if chosen else 10 for chosen in is_default], color=["#e4572e" if chosen else "#8da0cb" for chosen in is_default]),
            customdata=[[row["configuration"], row["cv_accuracy"], row["stored_mb"]] for row in rows],
            hovertemplate="%{customdata[0]}<br>test %{y:.2%} · CV %{customdata[1]:.2%}<br>%{x:.1f} ms per drawing · %{customdata[2]} MB<extra></extra>",
        )
    )
    return _layout(figure, "Accuracy / speed frontier (the default in red)", 380,
                   xaxis=dict(title="one drawing, p50 (ms, log scale)", type="log"), yaxis=dict(title="test accuracy", tickformat=".2%"))


def neighbor_map(flat_map_points: np.ndarray, flat_map_labels: np.ndarray, query: np.ndarray, neighbors: np.ndarray,
                  neighbor_labels: np.ndarray, k: int) -> go.Figure:
    """Training digits as faint dots by class, the query as a star, its k nearest neighbours ringed and joined to it."""
    figure = go.Figure()
    for digit in range(10):
        chosen = flat_map_labels == digit
        figure.add_scattergl(x=flat_map_points[chosen, 0], y=flat_map_points[chosen, 1], mode="markers", name=str(digit),
                             marker=dict(size=5, color=COLOURS[digit], opacity=0.35), hovertemplate=f"a training {digit}<extra></extra>")
    for point, label in zip(neighbors[:k], neighbor_labels[:k]):
        figure.add_scatter(x=[query[0], point[0]], y=[query[1], point[1]], mode="lines", showlegend=False, hoverinfo="skip",
                           line=dict(color=COLOURS[label], width=2))
    figure.add_scatter(x=neighbors[:k, 0], y=neighbors[:k, 1], mode="markers", name=f"the {k} nearest",
                       marker=dict(size=13, color=[COLOURS[label] for label in neighbor_labels[:k]], line=dict(color="black", width=2)),
                       text=[str(label) for label in neighbor_labels[:k]], hovertemplate="neighbour: a %{text}<extra></extra>")
    figure.add_scatter(x=[query[0]], y=[query[1]], mode="markers", name="your digit",
                       marker=dict(symbol="star", size=22, color="black", line=dict(color="white", width=1)), hoverinfo="name")
    return _layout(figure, "Your digit among training digits (the model's space, flattened to 2-D)", 520,
                   xaxis=dict(title="direction 1"), yaxis=dict(title="direction 2"))


def prediction_by_k(predictions: np.ndarray, chosen_k: int) -> go.Figure:
    """The predicted digit for every k, the chosen k highlighted: where the answer flips."""
    ks = np.arange(1, len(predictions) + 1)
    figure = go.Figure(go.Scatter(x=ks, y=predictions, mode="lines+markers+text", text=[str(p) for p in predictions],
                                  textposition="top center", line=dict(shape="hv", color="#8da0cb"),
                                  marker=dict(size=[16 if k == chosen_k else 8 for k in ks],
                                              color=["#ff4b4b" if k == chosen_k else "#8da0cb" for k in ks])))
    return _layout(figure, "The prediction for each k", 260, xaxis=dict(title="k", dtick=1),
                   yaxis=dict(title="digit", range=[-0.8, 9.8], dtick=1))
