"""Metrics: the default model's evaluation on the official 10k test set, read from its saved report."""

import numpy as np
import streamlit as st

from mnist_knn.lab.records import is_default
from mnist_knn.lab.tuning import describe
from mnist_knn.ui import loaders, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views import plots

run_through_app()  # a page URL opened first on a fresh server

CARDS = [
    ("accuracy", "Accuracy", "{:.2%}"), ("precision_weighted", "Precision (weighted)", "{:.4f}"),
    ("recall_weighted", "Recall (weighted)", "{:.4f}"), ("f1_weighted", "F1 (weighted)", "{:.4f}"),
    ("roc_auc_ovr", "ROC-AUC (one-vs-rest)", "{:.4f}"), ("log_loss", "Log loss", "{:.4f}"),
    ("cohen_kappa", "Cohen's kappa", "{:.4f}"), ("mcc", "Matthews corr. (MCC)", "{:.4f}"),
    ("top2_accuracy", "Top-2 accuracy", "{:.2%}"),
]

st.title("Metrics")
card = widgets.require_card("metrics")
report = card.evaluation
st.caption(f"Model `{card.name}` built {card.created_at}, evaluated once on the {report.n_test:,} official MNIST test digits. "
           "Nothing here is recomputed: it is the report saved with the model. Drawings from the class wall never enter it, "
           "even while 'Learn from the class' is on: that toggle changes only the Draw & Predict page.")

columns = st.columns(5)
for position, (name, label, template) in enumerate(CARDS):
    columns[position % 5].metric(label, template.format(report.metrics[name]))
if card.cv:
    columns[len(CARDS) % 5].metric("CV accuracy", f"{card.cv.mean_accuracy:.2%}",
                                   help=f"{card.cv.folds}-fold cross-validation on the training split only; "
                                        f"± {card.cv.std_accuracy:.2%} across folds")

confusion_column, links_column = st.columns([3, 2], gap="large")
with confusion_column:
    normalise = st.toggle("Normalise rows (share of each true digit)", key="metrics_normalise")
    st.plotly_chart(plots.confusion_heatmap(np.array(report.confusion_matrix), normalise), key="metrics_confusion")
with links_column:
    st.subheader("Open a cell in the Mistakes gallery")
    matrix = np.array(report.confusion_matrix)
    off_diagonal = [(matrix[t, p], t, p) for t in range(10) for p in range(10) if t != p and matrix[t, p] > 0]
    for count, true, predicted in sorted(off_diagonal, reverse=True)[:6]:
        st.page_link("pages/mistakes.py", label=f"true {true} → predicted {predicted}: {count} digits",
                     query_params={"true": true, "predicted": predicted}, icon=":material/arrow_forward:")
    true = st.selectbox("True digit", range(10), key="metrics_true")
    predicted = st.selectbox("Predicted digit", range(10), index=1, key="metrics_predicted")
    st.page_link("pages/mistakes.py", label=f"Show true {true} → predicted {predicted} ({matrix[true, predicted]})",
                 query_params={"true": true, "predicted": predicted}, icon=":material/search:")

st.plotly_chart(plots.per_class_heatmap(report.per_class), key="metrics_per_class")
roc_column, pr_column = st.columns(2)
roc_column.plotly_chart(plots.roc_curves(report.curves["roc"]), key="metrics_roc")
pr_column.plotly_chart(plots.pr_curves(report.curves["pr"]), key="metrics_pr")

calibration_column, cv_column = st.columns(2)
calibration_column.plotly_chart(plots.calibration_plot(report.calibration), key="metrics_calibration")
record = loaders.search_record()
with cv_column:
    if record:
        winner = record["winner"]["params"]
        same_features = [row for row in record["table"] if describe(row) == describe(winner)]
        st.plotly_chart(plots.cv_curve(same_features, f"CV accuracy against k ({describe(winner)})"), key="metrics_cv")
    else:
        st.info("No hyperparameter search is recorded yet: run `python -m mnist_knn train --search`.")

if record:
    with st.expander("Every configuration the cross-validated search tried"):
        table = sorted(({k: v for k, v in row.items() if k != "fold_accuracies"} for row in record["table"]), key=lambda row: -row["mean_accuracy"])
        st.dataframe(table, hide_index=True, key="metrics_cv_table")

frontier = loaders.ablation_report()
if frontier:
    st.subheader("Against the seeds' baselines (same test set, same metrics)")
    compared = [{"model": f"default: {describe(card.hyperparameters)}", **report.metrics}]
    compared += [{"model": baseline["name"], **baseline["metrics"]} for baseline in frontier["baselines"]]
    st.dataframe(compared, hide_index=True, key="metrics_baselines")
    st.subheader("Accuracy / speed frontier")
    st.caption("Every searched configuration built on the 60k training digits and scored once on the test set "
               "(`python -m mnist_knn ablation`). The default was chosen by CV accuracy, not by these test numbers.")
    marked = [is_default(row, frontier["default"]) for row in frontier["configurations"]]
    st.plotly_chart(plots.frontier_scatter(frontier["configurations"], marked), key="metrics_frontier")
    st.dataframe([{key: value for key, value in row.items() if key != "params"} for row in frontier["configurations"]],
                 hide_index=True, key="metrics_frontier_table")

st.subheader("Provenance")
training = card.training
provenance = (
    [("settings", ", ".join(f"{k}={v}" for k, v in card.hyperparameters.items())),
     ("training digits", f"{training.n_training_digits:,} (official train split)"),
     ("stored examples", f"{training.n_stored_examples:,}"),
     ("fit time", f"{training.fit_seconds} s"), ("build time", f"{training.build_seconds} s"),
     ("built at", card.created_at), ("model SHA-256", card.model_sha256)]
    + [(f"data SHA-256: {name}", digest) for name, digest in card.data_sha256.items()]
    + [(f"version: {name}", version) for name, version in card.versions.items()]
)
st.dataframe([{"what": what, "value": value} for what, value in provenance], hide_index=True, key="metrics_provenance")
