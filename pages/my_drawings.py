"""My drawings: every drawing from this tab, kept across reloads; what it was read as, your label for it, and exports."""

import time

import streamlit as st

from mnist_knn.classroom.database import ClassroomError
from mnist_knn.classroom.drawings import KEEP_DAYS, MEMORY_LIMIT
from mnist_knn.classroom.exports import kaggle_csv, png_zip
from mnist_knn.language import N_, _, names_now, ngettext, number
from mnist_knn.reading.diagnostics import chance_in_words
from mnist_knn.ui import loaders, state, widgets
from mnist_knn.ui.announce import announce
from mnist_knn.ui.navigation import run_through_app
from mnist_knn.views.gallery import enlarge
from mnist_knn.views.words import counted_digits

run_through_app()  # a page URL opened first on a fresh server

NOT_A_DIGIT = N_("not a digit")
LABELS = [NOT_A_DIGIT, *range(10)]
CARD_WIDTH = 160  # px: two cards a row on a 390 px phone
NOT_SAVED = "drawings_not_saved"  # (drawing id, why): a label the store refused (a full memory, a database gone)
SAVED = "drawings_saved"  # (a new id, what was saved in words): said once by a screen reader


def save_label(drawing_id: int, shown: int, key: str, before: str | int | None) -> None:
    """The label picked in card `shown`, saved (a digit teaches it); when it cannot be, the box goes back to what it
    showed."""
    meant = st.session_state[key]
    if meant not in LABELS:  # cleared, or a choice named in the language the page spoke before: nothing to save
        st.session_state[key] = before
        return
    try:
        store.set_label(me, drawing_id, None if meant == NOT_A_DIGIT else int(meant))
    except ClassroomError as error:
        st.session_state[key] = before
        st.session_state[NOT_SAVED] = drawing_id, _("Your label was not saved. {error}").format(error=error)
        return
    said = (_("Drawing {number}: labelled not a digit.") if meant == NOT_A_DIGIT else
            _("Drawing {number}: labelled {digit}, and the model learns it.")).format(number=shown, digit=meant)
    st.session_state[SAVED] = f"{drawing_id}-{meant}-{time.monotonic()}", said  # a new id: said again if picked again


refused = st.session_state.pop(NOT_SAVED, None)  # said once, this run, in its card
saved = st.session_state.pop(SAVED, None)
st.title(_("My drawings"), anchor=False)
try:
    store, me = loaders.drawing_store(), state.student_token()
    drawings = store.drawings(me)
except ClassroomError as error:
    st.error(str(error))
    st.stop()
# the tab's address finds them (its `me=`): "nobody else sees them" was untrue of an address shared
st.caption((_("Kept for this browser tab: a reload (F5) keeps them, and anyone who opens this tab's address sees them, "
              "so don't share it. They are deleted {days} days after you made them, or now with the button below.")
             if drawings else  # (none yet: no button)
             _("Kept for this browser tab: a reload (F5) keeps them, and anyone who opens this tab's address sees them, "
               "so don't share it. They are deleted {days} days after you made them.")).format(days=KEEP_DAYS))
if not drawings:
    st.info(_("No drawings yet. Draw on the Draw & Predict page: each canvas (and each upload) lands here."))
    st.stop()

st.markdown(_("Each card is one canvas or upload as the model saw it (28 × 28, like MNIST). Your label starts as the "
              "model's reading. Pick the digit you meant, here or on Draw & Predict, and the model learns it: from then on it "
              "searches that drawing, as drawn and with a bolder and a finer pen, beside MNIST's for every drawing you make "
              "(only yours). Then download your own small MNIST."))
taught = [d for d in drawings if d.taught and d.label is not None]
if taught:
    counts = counted_digits(d.label for d in taught)  # "two 7s, one 1" ("1 × 1" read as a sum)
    st.caption(ngettext("You have taught it {count} drawing ({counts}); at most {limit}. Clear my drawings forgets them too.",
                        "You have taught it {count} drawings ({counts}); at most {limit}. Clear my drawings forgets them too.",
                        len(taught)).format(count=number(len(taught)), counts=counts, limit=number(MEMORY_LIMIT)))
# One card a drawing, in rows that wrap (one or two a row on a phone): its picture with a text alternative, what it was
# read as, and a labelled box for the digit meant. (A data editor's grid read its pictures to a screen reader as their
# data addresses, and was wider than a phone.)
name = names_now(LABELS, lambda option: _(option) if option == NOT_A_DIGIT else str(option))
with st.container(horizontal=True, wrap=True, gap="medium", key="drawings_cards"):
    for shown, drawing in enumerate(drawings, 1):
        read = _(NOT_A_DIGIT) if drawing.not_a_digit else str(drawing.predicted)
        with st.container(border=True, width=CARD_WIDTH, key=f"drawings_card_{drawing.id}"):
            st.image(enlarge(drawing.digit, CARD_WIDTH - 40), alt=_("Drawing {number}, read as {read}").format(
                number=shown, read=read))
            st.markdown(_("read as **{read}**").format(read=read) if drawing.chance_right is None else
                        _("read as **{read}** (how sure: {sure})").format(read=read, sure=chance_in_words(drawing.chance_right)))
            # taught or not said here, in full: the box below is too narrow on a phone to say it after the digit
            st.caption(" · ".join([widgets.local_time(drawing.created_at), _("✓ taught") if drawing.taught else _("not taught")]))
            key, label = f"drawings_label_{drawing.id}", NOT_A_DIGIT if drawing.label is None else drawing.label
            # a label not taught yet shows as a placeholder, so that picking that same digit teaches it too
            showing = st.session_state.setdefault(key, label if drawing.taught else None)
            st.selectbox(_("Your label for drawing {number}").format(number=shown), LABELS, key=key, format_func=name,
                         placeholder=name(label), filter_mode=None,  # tapped, not typed in: no phone keyboard over it
                         on_change=save_label, args=(drawing.id, shown, key, showing))
            if refused and refused[0] == drawing.id:  # said where the box was changed
                st.error(refused[1])
if refused and refused[0] not in {drawing.id for drawing in drawings}:  # (a drawing gone meanwhile: said here)
    st.error(refused[1])
# what was saved, said; focus kept in the box that saved it (the rerun dropped it onto the page now and then)
announce(saved[1] if saved else None, saved[0] if saved else "")

right = sum(drawing.read_right for drawing in drawings)
st.metric(_("Read right"), _("{right} of {count}").format(right=number(right), count=number(len(drawings))),
          help=_("Where your label agrees with the model's reading."))
unlabelled = sum(not drawing.labelled for drawing in drawings)
if unlabelled:  # each label starts as the reading: 5 of 5 before any label was picked said nothing of the model
    st.caption(ngettext("{count} label is still the model's own reading, so it counts as read right: pick the digit you "
                        "meant if it is not.", "{count} labels are still the model's own reading, so they count as read "
                        "right: pick the digit you meant where it is not.", unlabelled).format(count=number(unlabelled)))
csv_column, zip_column, clear_column = st.columns(3)
csv_column.download_button(_("Download CSV (Kaggle layout)"),
                           kaggle_csv([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.csv", mime="text/csv", key="drawings_csv", icon=":material/table:",
                           help=_("label,pixel0..pixel783: the layout of Kaggle's digit-recognizer train.csv "
                                  "(no label: not a digit)."))
zip_column.download_button(_("Download PNGs (zip)"), png_zip([d.digit for d in drawings], [d.label for d in drawings]),
                           file_name="my-drawings.zip", mime="application/zip", key="drawings_zip", icon=":material/folder_zip:")
with clear_column.popover(_("Clear my drawings"), icon=":material/delete:"):  # one tap never deletes: it asks first
    st.markdown(ngettext("Delete your drawing, and what it taught the model, for good? A drawing sent to the class wall "
                         "stays there.", "Delete your {count} drawings, and what they taught the model, for good? Drawings "
                         "sent to the class wall stay there.", len(drawings)).format(count=number(len(drawings))))
    confirmed = st.button(ngettext("Yes, delete it", "Yes, delete them", len(drawings)), key="drawings_clear", type="primary")
if confirmed:
    try:
        store.forget(me)
    except ClassroomError as error:
        st.error(_("Nothing was deleted. {error}").format(error=error))
        st.stop()
    st.rerun()
