"""Metrics: how well the model reads the official 10k test digits, first in plain words, then the full report."""

import numpy as np
import streamlit as st

from mnist_knn.storage.records import beyond_mnist_headline, describe, is_default
from mnist_knn.ui import loaders, widgets
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views import plots
from mnist_knn.views.pictures import digit_strip

run_through_app()  # a page URL opened first on a fresh server

METRIC_NAMES = {  # the report's keys in words
    "accuracy": ("Read right", "{:.2%}"), "precision_weighted": ("Precision (weighted)", "{:.4f}"),
    "recall_weighted": ("Recall (weighted)", "{:.4f}"), "f1_weighted": ("F1 (weighted)", "{:.4f}"),
    "roc_auc_ovr": ("ROC-AUC (one digit vs the rest)", "{:.4f}"), "log_loss": ("Log loss", "{:.4f}"),
    "cohen_kappa": ("Cohen's kappa", "{:.4f}"), "mcc": ("Matthews correlation", "{:.4f}"),
    "top2_accuracy": ("Right digit among the top 2", "{:.2%}"),
}
CV_COLUMNS = {"feature_kind": "features", "deskew": "slant removed", "n_components": "dimensions", "augmentation": "augmentation",
              "whitening": "whitening", "n_neighbors": "k", "weights": "voting", "mean_accuracy": "CV accuracy",
              "std_accuracy": "± across folds"}
FRONTIER_COLUMNS = {"configuration": "configuration", "cv_accuracy": "chosen on (CV, or hold-out)",
                    "test_accuracy": "test accuracy",
                    "drawing_p50_ms": "one drawing (ms)", "batch_seconds": "10k digits (s)", "build_seconds": "build (s)",
                    "stored_mb": "memory (MB)"}
PAIRS_SHOWN = 4

st.title("Metrics")
card = widgets.require_card("metrics")
stored = widgets.require_predictions("metrics")
X_test = widgets.require_mnist()[2]
report = card.evaluation
matrix = np.array(report.confusion_matrix)
wrong = int(matrix.sum() - np.trace(matrix))

with st.container(key="metrics_in_words"):
    st.markdown(f"**MNIST's own writers:** it reads {report.metrics['accuracy']:.2%} of MNIST's {report.n_test:,} official "
                "test digits right.")
    other_sets = report.beyond_mnist or []
    head = beyond_mnist_headline(other_sets) if other_sets else None
    if head and head["digit_sets"]:
        st.markdown(f"**Other writers:** of {head['digits']:,} digits by writers and in fonts MNIST never saw "
                    f"({', '.join(row['set'] for row in other_sets if row['digits'])}), it reads {head['read_right']:.1%} "
                    f"right on average and calls {head['refused']:.1%} 'not a digit'.")
    if head and head["other_sets"]:
        st.markdown(f"**Drawings that are not digits:** of {head['others']:,} "
                    f"({', '.join(row['set'] for row in other_sets if not row['digits'])}), it answers 'not a digit' for "
                    f"{head['caught']:.1%} on average.")
    if other_sets:
        st.caption("The last two come from this project's own sets (their test splits, never used to choose the model), made "
                   "from scikit-learn's UCI digits, fonts (some of them real people's hands) and simulated writers: they are "
                   "not MNIST figures, and they are not real classrooms either. `python -m mnist_knn evaluate` prints each "
                   "set side by side.")
st.subheader(f"{wrong} of {report.n_test:,} test digits read wrong")
st.caption("The official MNIST test set: 10,000 digits the model never saw while learning, read once when the model was "
           "built. Drawings from the class wall never count here, even while 'Learn from the class' is on.")
headline = st.columns(4)
headline[0].metric("Read right", f"{report.metrics['accuracy']:.2%}")
if report.open_set:
    others, digits = report.open_set["non_digits"], report.open_set["real_digits"]
    headline[1].metric("Not-digits caught", f"{others['flagged']:.0%}",
                       help=f"Of {others['count']} drawings that are not digits (letters, smileys, stars, hatching, frames, "
                            "scribbles), how many the model calls 'not a digit'.")
    headline[2].metric("Real digits called 'not a digit'", f"{digits['flagged']:.1%}",
                       help=f"Of {digits['count']} test digits re-drawn large and off-centre on a canvas.")
headline[3].metric("'How sure' is off by", f"{report.calibration['expected_calibration_error']:.2%}",
                   help="How far 'How sure' is from how often the model is really right, on average (the calibration error).")

st.subheader("The digits it confuses most")
y_true, y_pred = stored["y_true"], stored["y_pred"]
pairs = sorted(((matrix[t, p], t, p) for t in range(10) for p in range(10) if t != p and matrix[t, p]), reverse=True)
for count, true, predicted in pairs[:PAIRS_SHOWN]:
    examples = np.flatnonzero((y_true == true) & (y_pred == predicted))[:8]
    text_column, picture_column = st.columns([1, 3], vertical_alignment="center")
    text_column.markdown(f"**A {true} read as {predicted}**: {count} time{'s' if count > 1 else ''}")
    text_column.page_link("pages/mistakes.py", label="See them with their neighbours", icon=":material/arrow_forward:",
                          query_params={"true": true, "predicted": predicted})
    widgets.picture(digit_strip(list(X_test[examples]), [f"#{index}" for index in examples],
                                f"{len(examples)} test digits that are {true}s read as {predicted}", side=56), picture_column)

frontier = loaders.ablation_report()
if report.beyond_mnist:
    st.subheader("Beyond MNIST's writers")
    st.table([{"set": row["set"], "what it is": row["source"], "drawings": f"{row['count']:,}",
               "read right": f"{row['read_right']:.1%}" if row["digits"] else "–",
               "called 'not a digit'": f"{row['refused'] if row['digits'] else row['caught']:.1%}"}
              for row in report.beyond_mnist], hide_index=True)
    search = (loaders.search_record() or {}).get("beyond_mnist")
    if search:
        st.markdown("**How this model was chosen:** every variant read 10,000 held-out training digits and the validation "
                    "splits of these sets (never their test splits, never MNIST's test set).")
        st.dataframe([{"stored copies": row["params"]["augmentation"], "k": row["params"]["n_neighbors"],
                       "second look": "yes" if row["params"].get("candidates") else "no",
                       "MNIST hold-out": f"{row['mnist_hold_out']:.2%}",
                       "other writers read right": f"{row['mean_read_right']:.1%}",
                       "not-digits caught": f"{row['mean_caught']:.1%}"} for row in search["table"]],
                     hide_index=True, key="metrics_beyond_search")
        st.caption(f"Chosen: {search['selection']}. 'Not a digit' settings: {search['judgement_rule']}.")
    if report.operating_curve:
        st.plotly_chart(plots.operating_curve(report.operating_curve), key="metrics_operating_curve")
        point = next((point for point in report.operating_curve if point["chosen"]), None)
        if point is not None:
            st.caption(f"Each point is one line for 'not a digit' (the share of the nearest examples' vote that goes to things "
                       f"that are not digits), read on the validation splits. This model's line, {point['non_digit_vote']:.0%}, "
                       f"refuses {point['digits_refused']:.1%} of other writers' digits and catches "
                       f"{point['non_digits_caught']:.1%} of drawings that are not digits there.")

with st.expander("The full report, for the curious", icon=":material/analytics:"):
    columns = st.columns(5)
    for position, (name, (label, template)) in enumerate(METRIC_NAMES.items()):
        columns[position % 5].metric(label, template.format(report.metrics[name]))
    if card.cv and card.cv.mean_accuracy is not None:
        columns[len(METRIC_NAMES) % 5].metric("CV accuracy", f"{card.cv.mean_accuracy:.2%}",
                                              help=f"{card.cv.folds}-fold cross-validation on the training split only; "
                                                   f"± {card.cv.std_accuracy:.2%} across folds")
    elif card.cv and card.cv.hold_out_accuracy is not None:
        columns[len(METRIC_NAMES) % 5].metric("MNIST hold-out", f"{card.cv.hold_out_accuracy:.2%}",
                                              help="10,000 digits of the training split held out while the model was chosen "
                                                   "(with the other writers' validation sets); the test set was not used")
    confusion_column, links_column = st.columns([3, 2], gap="large")
    with confusion_column:
        normalise = st.toggle("Normalise rows (share of each true digit)", key="metrics_normalise")
        st.plotly_chart(plots.confusion_heatmap(matrix, normalise), key="metrics_confusion")
    with links_column:
        st.markdown("**Open any cell in the Mistakes gallery**")
        true = st.selectbox("The digit it is", range(10), key="metrics_true")
        predicted = st.selectbox("Read as", range(10), index=1, key="metrics_predicted")
        st.page_link("pages/mistakes.py", label=f"Show {true} read as {predicted} ({matrix[true, predicted]})",
                     query_params={"true": true, "predicted": predicted}, icon=":material/search:")
    st.plotly_chart(plots.per_class_heatmap(report.per_class), key="metrics_per_class")
    roc_column, pr_column = st.columns(2)
    roc_column.plotly_chart(plots.roc_curves(report.curves["roc"]), key="metrics_roc")
    pr_column.plotly_chart(plots.pr_curves(report.curves["pr"]), key="metrics_pr")
    calibration_column, cv_column = st.columns(2)
    calibration_column.plotly_chart(plots.calibration_plot(report.calibration), key="metrics_calibration")
    record = loaders.search_record()
    if record:
        first = record.get("first_look_winner", record["winner"])["params"]
        same_features = [row for row in record["table"] if describe(row) == describe(first)]
        cv_column.plotly_chart(plots.cv_curve(same_features, f"First look: CV accuracy against k ({describe(first)})"),
                               key="metrics_cv")
        st.markdown("**Every first-look configuration the cross-validated search tried** (training split only)")
        st.dataframe(sorted(({CV_COLUMNS[key]: row[key] for key in CV_COLUMNS} for row in record["table"]),
                            key=lambda row: -row["CV accuracy"]), hide_index=True, key="metrics_cv_table")
    if report.open_set:
        st.markdown("**'Not a digit', by kind of drawing**")
        st.dataframe([{"drawings": family, "called not a digit": f"{share:.0%}"}
                      for family, share in report.open_set["non_digits"]["by_family"].items()], hide_index=True,
                     key="metrics_open_set")
    if frontier:
        st.markdown("**Against two well-known models** (same test set, same metrics)")
        compared = [{"model": "this model", **report.metrics}]
        compared += [{"model": baseline["name"], **baseline["metrics"]} for baseline in frontier["baselines"]]
        st.dataframe([{("model" if key == "model" else METRIC_NAMES[key][0]): value for key, value in row.items()}
                      for row in compared], hide_index=True, key="metrics_baselines")
        st.markdown("**Accuracy and speed of every configuration** (`python -m mnist_knn ablation`; the default was chosen by "
                    "cross-validation, not by these test numbers)")
        marked = [is_default(row, frontier["default"]) for row in frontier["configurations"]]
        st.plotly_chart(plots.frontier_scatter(frontier["configurations"], marked), key="metrics_frontier")
        st.dataframe([{FRONTIER_COLUMNS[key]: row[key] for key in FRONTIER_COLUMNS} for row in frontier["configurations"]],
                     hide_index=True, key="metrics_frontier_table")
    st.markdown("**Where this model came from**")
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
