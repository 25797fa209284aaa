"""Metrics: how well the model reads the official 10k test digits, first in plain words, then the full report."""

import numpy as np
import streamlit as st

from mnist_knn.language import N_, _, a_digit, ngettext, number, percent, points
from mnist_knn.reading.diagnostics import ALMOST_SURE
from mnist_knn.storage.records import beyond_mnist_headline, describe, is_default
from mnist_knn.ui import loaders, model_choice, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views import chart_tables, plots
from mnist_knn.views.pictures import digit_strip

run_through_app()  # a page URL opened first on a fresh server

METRIC_NAMES = {  # the report's keys in words
    "accuracy": (N_("Read right"), True), "precision_weighted": (N_("Precision (weighted)"), True),
    "recall_weighted": (N_("Recall (weighted)"), True), "f1_weighted": (N_("F1 (weighted)"), True),
    "roc_auc_ovr": (N_("ROC-AUC (one digit vs the rest)"), False), "log_loss": (N_("Log loss"), False),
    "cohen_kappa": (N_("Cohen's kappa"), False), "mcc": (N_("Matthews correlation"), False),
    "top2_accuracy": (N_("Right digit among the top 2"), True),
}  # (name, shown as a percentage: otherwise four decimals)
CV_COLUMNS = {"feature_kind": N_("features"), "deskew": N_("slant removed"), "n_components": N_("dimensions"),
              "augmentation": N_("augmentation"), "whitening": N_("whitening"), "n_neighbors": "k", "weights": N_("voting"),
              "mean_accuracy": N_("CV accuracy"), "std_accuracy": N_("± across folds")}
FRONTIER_COLUMNS = {"configuration": N_("configuration"), "cv_accuracy": N_("chosen on (CV, or hold-out)"),
                    "test_accuracy": N_("test accuracy"),
                    "drawing_p50_ms": N_("one drawing (ms)"), "batch_seconds": N_("10k digits (s)"),
                    "build_seconds": N_("build (s)"), "stored_mb": N_("memory (MB)")}
WORDS = ("feature_kind", "augmentation", "weights")  # columns whose values are words (records.PARAMETER_VALUES)
SHARES = ("mean_accuracy", "std_accuracy", "cv_accuracy", "test_accuracy")  # table columns shown as percentages
DECIMALS = {"whitening": 1, "n_components": 0, "drawing_p50_ms": 2, "batch_seconds": 1, "build_seconds": 1, "stored_mb": 0}
PAIRS_SHOWN = 4


def _cell(key: str, value: object) -> object:
    """A table's value the reader's way: words translated, shares as percentages, numbers with the language's marks, a
    setting that is off as "–" (no PCA, no whitening)."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in WORDS:
        return _(value)
    if key in SHARES or METRIC_NAMES.get(key, ("", False))[1]:
        return percent(value, 2)
    if key in METRIC_NAMES:
        return number(value, 4)
    return number(value, DECIMALS[key]) if key in DECIMALS else value


st.title(_("Metrics"), anchor=False)
announce(None)  # nothing to read out here: the live region's last words were the Draw page's answer
card = widgets.require_card("metrics")
stored = widgets.require_predictions("metrics")
X_test = widgets.require_mnist()[2]
report = card.evaluation
matrix = np.array(report.confusion_matrix)
wrong = int(matrix.sum() - np.trace(matrix))

with st.container(key="metrics_in_words"):
    st.markdown(_("**MNIST's own writers:** it reads {share} of MNIST's {count} official test digits right.").format(
        share=percent(report.metrics["accuracy"], 2), count=number(report.n_test)))
    other_sets = report.beyond_mnist or []
    head = beyond_mnist_headline(other_sets) if other_sets else None
    if head and head["digit_sets"]:
        st.markdown(_("**Other writers:** of {count} digits by writers and in fonts MNIST never saw ({sets}), it reads "
                      "{read_right} right and calls {refused} 'not a digit' (the mean of the sets' rates: each set counts "
                      "the same, however many digits it has).").format(
            count=number(head["digits"]), sets=", ".join(_(row["set"]) for row in other_sets if row["digits"]),
            read_right=percent(head["read_right"], 1), refused=percent(head["refused"], 1)))
    if head and head["other_sets"]:
        st.markdown(_("**Drawings that are not digits:** of {count} ({sets}), it answers 'not a digit' for {caught} (the "
                      "mean of the sets' rates, each set counting the same).").format(count=number(head["others"]),
                                         sets=", ".join(_(row["set"]) for row in other_sets if not row["digits"]),
                                         caught=percent(head["caught"], 1)))
    if other_sets:
        st.caption(_("The last two come from this project's own sets (their test splits, never used to choose the model), "
                     "made from real people's handwriting (UCI's scans and pen-tablet digits, Omniglot's characters), "
                     "fonts (some of them real people's hands) and simulated writers: "
                     "they are not MNIST figures, and they are not real classrooms either. The pen-tablet digits' 14 "
                     "writers are new to the model, but it learns from that collection's 30 other writers. "
                     "`python -m mnist_knn evaluate` prints each set side by side."))
st.header(_("{wrong} of {count} test digits read wrong").format(wrong=number(wrong), count=number(report.n_test)),
          anchor=False)
st.caption(_("The official MNIST test set: {count} digits the model never saw while learning, read once when the model was "
             "built. Drawings from the class wall never count here, even while 'Learn from the class' is on.").format(
    count=number(report.n_test)))
headline = st.columns(2)  # MNIST's test digits only: the figures of other sets are named under their own headings
headline[0].metric(_("Read right"), percent(report.metrics["accuracy"], 2))
headline[1].metric(_("'How sure' is off by"), points(report.calibration["expected_calibration_error"]),
                   help=_("The calibration error: how far 'How sure' is from how often the model is really right, in "
                          "percentage points, averaged over the test digits. {share} of them are read more than {sure} "
                          "sure, so it says little about the unsure ones: the calibration chart in the full report shows "
                          "each band, with how many digits it holds.").format(
                       share=percent(float(np.mean(stored["chance_right"] > ALMOST_SURE)), 1), sure=percent(ALMOST_SURE)))

st.header(_("The digits it confuses most"), anchor=False)
y_true, y_pred = stored["y_true"], stored["y_pred"]
pairs = sorted(((int(matrix[t, p]), t, p) for t in range(10) for p in range(10) if t != p and matrix[t, p]), reverse=True)
for count, true, predicted in pairs[:PAIRS_SHOWN]:
    examples = np.flatnonzero((y_true == true) & (y_pred == predicted))[:8]
    text_column, picture_column = st.columns([1, 3], vertical_alignment="center")
    named = a_digit(true)
    text_column.markdown(ngettext("**{a_digit} read as {predicted}**: {count} time",
                                  "**{a_digit} read as {predicted}**: {count} times", count).format(
        a_digit=named[:1].upper() + named[1:], predicted=predicted, count=count))
    # each link its own name: a screen reader's list of links tells them apart
    text_column.page_link("pages/mistakes.py", label=_("See each {true} read as {predicted}, with its neighbours").format(
        true=true, predicted=predicted), icon=":material/arrow_forward:", query_params={"true": true, "predicted": predicted})
    widgets.picture(digit_strip(list(X_test[examples]), [f"#{index}" for index in examples],
                                _("{count} test digits that are {true}s read as {predicted}").format(
                                    count=len(examples), true=true, predicted=predicted), side=56), picture_column)

frontier = loaders.ablation_report()
if report.beyond_mnist:
    st.header(_("Beyond MNIST's writers"), anchor=False)
    st.caption(_("Each row is read on the set's test split; 'what it is' describes the whole set and how it was split."))
    st.table([{_("set"): _(row["set"]), _("what it is"): _(row["source"]), _("drawings"): number(row["count"]),
               _("read right"): percent(row["read_right"], 1) if row["digits"] else "–",
               _("refused as 'not a digit'"): percent(row["refused"], 1) if row["digits"] else "–",  # a cost ...
               _("caught as 'not a digit'"): "–" if row["digits"] else percent(row["caught"], 1)}  # ... and a gain
              for row in report.beyond_mnist], hide_index=True)
    model_choice.show(card)
    if report.operating_curve:
        widgets.chart(plots.operating_curve(report.operating_curve), key="metrics_operating_curve",
                      numbers=chart_tables.operating_points(report.operating_curve))
        point = next((point for point in report.operating_curve if point["chosen"]), None)
        if point is not None:
            st.caption(_("Each point is one line for 'not a digit' (the share of the nearest examples' vote that goes to "
                         "things that are not digits), read on the validation splits. This model's line, {line}, refuses "
                         "{refused} of other writers' validation digits and catches {caught} of the validation drawings "
                         "that are not digits. The opening sentences and the table of sets are on their test splits, which chose "
                         "nothing.").format(
                line=percent(point["non_digit_vote"]), refused=percent(point["digits_refused"], 1),
                caught=percent(point["non_digits_caught"], 1)))

if report.open_set:
    others, digits = report.open_set["non_digits"], report.open_set["real_digits"]
    st.header(_("Shapes drawn by a program"), anchor=False)
    if report.beyond_mnist:
        st.caption(_("An older, synthetic check, made here by code rather than by people: it is not the sets above, so its "
                     "figures differ from theirs."))
    synthetic = st.columns(2)
    synthetic[0].metric(_("Synthetic shapes called 'not a digit'"), percent(others["flagged"], 1),
                        help=_("Of {count} drawings that are not digits (letters, smileys, stars, hatching, frames, "
                               "scribbles), how many the model calls 'not a digit'.").format(count=number(others["count"])))
    synthetic[1].metric(_("Re-drawn test digits called 'not a digit'"), percent(digits["flagged"], 1),
                        help=_("Of {count} MNIST test digits re-drawn large and off-centre on a canvas.").format(
                            count=number(digits["count"])))

with st.expander(_("The full report, for the curious"), icon=":material/analytics:"):
    columns = st.columns(5)
    for position, (name, (label, as_share)) in enumerate(METRIC_NAMES.items()):
        value = report.metrics[name]
        columns[position % 5].metric(_(label), percent(value, 2) if as_share else number(value, 4))
    if card.cv and card.cv.mean_accuracy is not None:
        columns[len(METRIC_NAMES) % 5].metric(_("CV accuracy"), percent(card.cv.mean_accuracy, 2),
                                              help=_("{folds}-fold cross-validation on the training split only; ± {spread} "
                                                     "across folds").format(folds=card.cv.folds,
                                                                            spread=percent(card.cv.std_accuracy, 2)))
    elif card.cv and card.cv.hold_out_accuracy is not None:
        columns[len(METRIC_NAMES) % 5].metric(_("MNIST hold-out"), percent(card.cv.hold_out_accuracy, 2),
                                              help=_("{count} digits of the training split held out while the model was "
                                                     "chosen (with the other writers' validation sets); the test set was read "
                                                     "once, to hold the floor (see how this model was chosen, above)").format(
                                                  count=number(10_000)))
    st.caption(_("Precision, recall and F1 are each digit's own figure, averaged with each digit weighted by how many test "
                 "digits it has. Weighted so, recall is the share read right by definition, and precision and F1 come "
                 "close to it when every digit is read about as well: each digit's own figures are in the chart below."))
    confusion_column, links_column = st.columns([3, 2], gap="large")
    with confusion_column:
        normalise = st.toggle(_("Normalise rows (share of each true digit)"), key="metrics_normalise")
        widgets.chart(plots.confusion_heatmap(matrix, normalise), key="metrics_confusion",
                      numbers=chart_tables.confusion(matrix, normalise))
    with links_column:
        st.markdown(_("**Open any cell in the Mistakes gallery**"))
        most = pairs[0][1:] if pairs else (0, 1)  # opens on the cell of the most mistakes (it opened on an empty one)
        true = st.selectbox(_("The digit it is"), range(10), index=most[0], key="metrics_true", filter_mode=None)
        predicted = st.selectbox(_("Read as"), range(10), index=most[1], key="metrics_predicted", filter_mode=None)
        st.page_link("pages/mistakes.py", label=_("Show {true} read as {predicted} ({count})").format(
            true=true, predicted=predicted, count=matrix[true, predicted]),
                     query_params={"true": true, "predicted": predicted}, icon=":material/search:")
    widgets.chart(plots.per_class_heatmap(report.per_class), key="metrics_per_class",
                  numbers=chart_tables.per_class(report.per_class))
    roc_column, pr_column = st.columns(2)
    widgets.chart(plots.roc_curves(report.curves["roc"]), key="metrics_roc", where=roc_column,
                  numbers=chart_tables.curve_areas(report.curves["roc"], "auc", _("area under the curve (AUC)")))
    widgets.chart(plots.pr_curves(report.curves["pr"]), key="metrics_pr", where=pr_column,
                  numbers=chart_tables.curve_areas(report.curves["pr"], "average_precision", _("average precision")))
    calibration_column, cv_column = st.columns(2)
    widgets.chart(plots.calibration_plot(report.calibration), key="metrics_calibration", where=calibration_column,
                  numbers=chart_tables.calibration(report.calibration))
    record = loaders.search_record()
    if record:
        first = record.get("first_look_winner", record["winner"])["params"]
        same_features = [row for row in record["table"] if describe(row) == describe(first)]
        widgets.chart(plots.cv_curve(same_features, _("First look: CV accuracy against k ({features})").format(
            features=describe(first))), key="metrics_cv", where=cv_column)
        st.markdown(_("**Every first-look configuration the cross-validated search tried** (training split only)"))
        st.table([{_(CV_COLUMNS[key]): _cell(key, row[key]) for key in CV_COLUMNS}  # 200 rows: a box that scrolls
                  for row in sorted(record["table"], key=lambda row: -row["mean_accuracy"])], hide_index=True, height=400)
    if report.open_set:
        st.markdown(_("**'Not a digit', by kind of drawing** (the shapes drawn by a program, above: not the sets of "
                      "letters and doodles by people)"))
        st.table([{_("drawings"): _(family), _("called not a digit"): percent(share, 1)}
                  for family, share in report.open_set["non_digits"]["by_family"].items()], hide_index=True)
    if frontier:
        st.markdown(_("**Against two well-known models** (same test set, same metrics)"))
        compared = [{"model": _("this model"), **report.metrics}]
        compared += [{"model": _(baseline["name"]), **baseline["metrics"]} for baseline in frontier["baselines"]]
        st.table([{(_("model") if key == "model" else _(METRIC_NAMES[key][0])): _cell(key, value)
                   for key, value in row.items()} for row in compared], hide_index=True)
        st.markdown(_("**Accuracy and speed of every configuration** (`python -m mnist_knn ablation`; the default was chosen "
                      "by cross-validation, not by these test numbers)"))
        st.caption(_("Each configuration built and timed when that command last ran ({when}), on that machine: the "
                     "default's row can differ from this model's own figures above in the last digit, as builds on "
                     "different processors do.").format(when=frontier["created_at"][:10]))
        marked = [is_default(row, frontier["default"]) for row in frontier["configurations"]]
        widgets.chart(plots.frontier_scatter(frontier["configurations"], marked), key="metrics_frontier")
        st.table([{_(FRONTIER_COLUMNS[key]): describe(row["params"]) if key == "configuration" else _cell(key, row[key])
                   for key in FRONTIER_COLUMNS} for row in frontier["configurations"]], hide_index=True)
    st.markdown(_("**Where this model came from**"))
    training = card.training
    provenance = (
        [(_("settings"), ", ".join(f"{k}={v}" for k, v in card.hyperparameters.items())),
         (_("training digits"), _("{count} (official train split)").format(count=number(training.n_training_digits))),
         (_("other writers' digits"), _("{count} (UCI's pen-tablet digits by its 30 training writers)").format(
             count=number(training.n_other_writers_digits))),
         (_("stored examples"), number(training.n_stored_examples)),
         (_("fit time"), f"{number(training.fit_seconds, 1)} s"), (_("build time"), f"{number(training.build_seconds, 1)} s"),
         (_("built at"), card.created_at), (_("model SHA-256"), card.model_sha256)]
        + [(_("data SHA-256: {name}").format(name=name), digest) for name, digest in card.data_sha256.items()]
        + [(_("version: {name}").format(name=name), version) for name, version in card.versions.items()]
    )
    st.table([{_("what"): what, _("value"): value} for what, value in provenance], hide_index=True)
