"""How the model was chosen, as the Metrics page shows it: every variant the search scored with the limits it breaks,
the sets it read, and the representation taken after it, with that step's own figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from mnist_knn.budget import MIN_MNIST, OVER, limits_broken
from mnist_knn.language import _, number, percent
from mnist_knn.storage.card import ModelCard
from mnist_knn.storage.records import read_representations_record, representations_record_path
from mnist_knn.ui import loaders


@loaders.on_file(st.cache_data(show_spinner=False, max_entries=2), representations_record_path)
def representations_record(path: Path) -> dict[str, Any] | None:
    """The representations tried beside the chosen variant, or None."""
    return read_representations_record(path)


def _sets(row: dict[str, Any], digits: bool) -> str:
    """The validation sets a search row read, digits' or non-digits', named in the reader's language."""
    return ", ".join(_(name) for name, figures in row["sets"].items() if ("read_right" in figures) == digits)


def _variant_row(row: dict[str, Any], name: str, value: str, chosen: bool, stored: int) -> dict[str, str]:
    """One scored variant as a table row: `name` and `value` first, then its figures, the limits it breaks and whether
    it was chosen (for a model built on `stored` digits)."""
    broken = limits_broken(row["params"], row["mnist_hold_out"], stored)
    return {name: value, _("MNIST hold-out"): percent(row["mnist_hold_out"], 2),
            _("other writers read right"): percent(row["mean_read_right"], 1),
            _("non-digits caught"): percent(row["mean_caught"], 1),
            _("within the limits"): ", ".join(_(OVER[limit]).format(floor=percent(MIN_MNIST, 1)) for limit in broken)
            if broken else "✓", _("chosen"): "✓" if chosen else ""}


def show(card: ModelCard) -> None:
    """The search's variants, each with the limits it breaks and the one chosen, then the representation taken."""
    record = loaders.search_record() or {}
    search = record.get("beyond_mnist")
    if not search:
        return
    st.markdown(_("**How this model was chosen:** every variant read {count} held-out training digits and the validation "
                  "splits of other writers' sets, never their test splits. MNIST's test set was read once on the way: a "
                  "variant chosen under a lower floor read it under {floor}, so the floor asked of the hold-out was raised "
                  "to {floor} and the variant chosen again from the same scores.").format(
        count=number(search["hold_out"]), floor=percent(MIN_MNIST, 1)))
    stored = card.training.n_training_digits + search["more_digits"]  # as built: MNIST's and the other writers' digits
    st.table([{_("stored copies"): _(row["params"]["augmentation"]), "k": row["params"]["n_neighbors"],
               **_variant_row(row, _("second look"), _("yes") if row["params"].get("candidates") else _("no"),
                              row["params"] == search["winner"]["params"], stored)} for row in search["table"]],
             hide_index=True)
    st.caption(_("Chosen: {selection}. 'Not a digit' settings: {rule}. The validation sets it read: digits, {digits}; "
                 "not digits, {others}.").format(selection=_(search["selection"]), rule=_(search["judgement_rule"]),
                                                 digits=_sets(search["table"][0], True),
                                                 others=_sets(search["table"][0], False)))
    tried = (representations_record() or {}).get("rows", [])
    taken = record["winner"].get("representation")
    if not tried or taken not in {row["representation"] for row in tried}:
        return
    st.caption(_("Then each representation tried beside the chosen variant was scored the same way, on the validation sets "
                 "of that day ({others}), and the same rule took one: {representation}. That is the model built, on all "
                 "{count} training digits; its own figures are above.").format(
        others=_sets(tried[0], False), representation=_(taken), count=number(card.training.n_training_digits)))
    st.table([_variant_row(row, _("representation"), _(row["representation"]), row["representation"] == taken, stored)
              for row in tried], hide_index=True)
