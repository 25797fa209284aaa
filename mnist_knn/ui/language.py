"""The reader's language: the browser's on the first visit, then the one chosen in the sidebar, kept in the address
for the tab (a reload keeps it, as it keeps My drawings); the Class wall speaks the language the Teacher chose for it."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from mnist_knn import language
from mnist_knn.language import _, pgettext

CHOSEN = "language"  # this tab's language, chosen or taken from the browser
SHOWN = "language_shown"  # the language of the page on screen (the Class wall's may be the Teacher's)
PARAMETER = "lang"  # ... kept in the page's address
PICKER = "language_picker"
MARKER = "language_marker"  # where this run says the page's language (a later call on the page replaces it)
# The page's language, and Streamlit's own controls named in it: they name themselves in English ("Help for Lu comme",
# "Expand sidebar", "Fullscreen"), which a screen reader reads out in the page's voice. Each name is put back as
# Streamlit wrote it when the words change (English: all but one), and again when Streamlit names a control anew.
SET_PAGE_LANGUAGE = """
const NAMED_BY = ["aria-label", "title", "placeholder"];
// Streamlit's own words written as text: the skip link, the uploader's button and limits, an input's "Press Enter to ..."
const WORDED = 'a[href="#stMain"], [data-testid="stFileUploaderDropzone"] button, ' +
               '[data-testid="stFileUploaderDropzoneInstructions"], [data-testid="InputInstructions"]';
function nameAll(words) {
  const names = new Map(Object.entries(words.names || {})), before = Object.entries(words.before || {});
  const after = Object.entries(words.after || {});
  if (!names.size && !window.__digitLabRenamed) return;  // English, and nothing renamed before: nothing to put back
  window.__digitLabRenamed = true;
  const say = (english) => {  // a whole name, or one made of a word and a label ("Help for Reads as", "20MB per file")
    if (names.has(english)) return names.get(english);
    const [start, made] = before.find(([start]) => english.startsWith(start)) || [];
    if (start) return made.replace("{label}", () => english.slice(start.length));
    const [end, ending] = after.find(([end]) => english.endsWith(end) && english.length > end.length) || [];
    return end ? ending.replace("{label}", () => english.slice(0, -end.length)) : english;
  };
  // the English a name had is kept beside it (`kept`: an attribute's in the element's data, a text's on its node), so
  // that another language, or English again, starts from Streamlit's own words
  const rename = (kept, read, write) => {
    const now = read(), said = kept.get("said");
    const english = said !== null && now === said ? kept.get("english") : now;
    const word = say(english);
    if (word === now && said === null) return;  // a name that is not Streamlit's, or English as it is: left alone
    if (kept.get("english") !== english) kept.set("english", english);
    if (said !== word) kept.set("said", word);
    if (word !== now) write(word);
  };
  document.querySelectorAll("[aria-label], [title], [placeholder]").forEach((element) => NAMED_BY.forEach((name) => {
    if (!element.hasAttribute(name)) return;
    const kept = {get: (what) => element.getAttribute(`data-dl-${what}-${name}`),
                  set: (what, value) => element.setAttribute(`data-dl-${what}-${name}`, value)};
    rename(kept, () => element.getAttribute(name), (word) => element.setAttribute(name, word));
  }));
  document.querySelectorAll(WORDED).forEach((holder) => {
    const texts = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      const node = text;
      const kept = {get: (what) => node["__dl_" + what] ?? null, set: (what, value) => { node["__dl_" + what] = value; }};
      rename(kept, () => node.nodeValue, (word) => { node.nodeValue = word; });
    }
  });
}
export default function (component) {
  const data = component.data || {};
  if (data.lang) document.documentElement.lang = data.lang;
  window.__digitLabStreamlitWords = data.words || {};
  nameAll(window.__digitLabStreamlitWords);
  if (window.__digitLabNaming) return;
  let waiting = false;  // one pass a frame, however many changes Streamlit makes
  window.__digitLabNaming = new MutationObserver(() => {
    if (waiting) return;
    waiting = true;
    requestAnimationFrame(() => { waiting = false; nameAll(window.__digitLabStreamlitWords); });
  });
  window.__digitLabNaming.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                                                  attributeFilter: NAMED_BY});
}
"""


def _shown_language() -> str:
    """The language of this session's page (English outside a page run: the command line, the lab, tests of the core)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return language.SOURCE
    return st.session_state.get(SHOWN) or st.session_state.get(CHOSEN) or language.SOURCE


language.follow(_shown_language)


def _from_browser() -> str:
    """The browser's language, where the app speaks it; English otherwise."""
    browser = (st.context.locale or "").split("-")[0].lower()
    return browser if browser in language.available() else language.SOURCE


def choose_for_tab() -> str:
    """This tab's language, from the address, the session or the browser, put back into the address; app.py calls it
    first on every run."""
    speaks = language.available()
    wanted = st.query_params.get(PARAMETER) or st.session_state.get(CHOSEN) or _from_browser()
    chosen = wanted if wanted in speaks else language.SOURCE
    st.session_state[CHOSEN] = st.session_state[SHOWN] = chosen
    if st.query_params.get(PARAMETER) != chosen:
        st.query_params[PARAMETER] = chosen
    return chosen


def _picked() -> None:
    """The picker moved: the tab speaks the language picked (the address follows on this run)."""
    st.query_params[PARAMETER] = st.session_state[PICKER]


def picker() -> None:
    """The sidebar's language picker, each language named in its own words (none while English is the only one)."""
    if len(language.available()) < 2:
        return
    st.session_state[PICKER] = st.session_state[CHOSEN]
    st.selectbox(_("Language"), language.available(), format_func=language.LANGUAGES.get, key=PICKER, on_change=_picked,
                 filter_mode=None)  # a few to tap, nothing to type: a phone's keyboard would cover them


def would_speak(code: str | None) -> str:
    """The language a page asked to speak `code` speaks: `code` where the app speaks it, else the tab's own."""
    return code if code in language.available() else st.session_state[CHOSEN]


def spoken_on_this_page() -> str:
    """The language this page speaks."""
    return st.session_state[SHOWN]


def speak_on_this_page(code: str | None) -> bool:
    """Show the rest of this page in `code` (the Class wall in the Teacher's language; None: the tab's own), its
    <html lang> too; True when that changed the page's language. Call it outside fragments."""
    shown = would_speak(code)
    changed = shown != st.session_state[SHOWN]
    st.session_state[SHOWN] = shown
    if changed:
        _say_page_language(st.session_state[MARKER])
    return changed


@st.cache_resource
def _page_language_marker():
    """The component, registered once per server."""
    return st.components.v2.component("digit-lab.page-language", js=SET_PAGE_LANGUAGE, html="<span></span>")


def _streamlit_words() -> dict:
    """Streamlit's own controls' English names, in the page's language. In English only the button that opens the closed
    sidebar is renamed, by what it opens: a phone shows its name beside it (ui/style.py), as "»" alone was not found."""
    # Translators: "Streamlit control" names one of Streamlit's own buttons, links or regions, which a screen reader reads.
    # "Pages" is the button that opens the sidebar, where the list of pages is; a phone shows the word beside it.
    opens = {"Expand sidebar": pgettext("Streamlit control", "Pages")}
    if st.session_state[SHOWN] == language.SOURCE:
        return {"names": opens}
    names = {**opens, "Skip to main content": pgettext("Streamlit control", "Skip to main content"),
             "Collapse sidebar": pgettext("Streamlit control", "Collapse sidebar"),
             "Sidebar": pgettext("Streamlit control", "Sidebar"), "Fullscreen": pgettext("Streamlit control", "Fullscreen"),
             "Exit fullscreen": pgettext("Streamlit control", "Exit fullscreen"),
             "Close": pgettext("Streamlit control", "Close"), "Open": pgettext("Streamlit control", "Open"),
             "Clear all": pgettext("Streamlit control", "Clear all"),
             "Clear value": pgettext("Streamlit control", "Clear value"),
             "Notifications": pgettext("Streamlit control", "Notifications"),
             "Main menu": pgettext("Streamlit control", "Main menu"), "Help": pgettext("Streamlit control", "Help"),
             "Running...": pgettext("Streamlit control", "Running..."),
             "Decrement": pgettext("Streamlit control", "Decrement"), "Increment": pgettext("Streamlit control", "Increment"),
             "Scrollable table": pgettext("Streamlit control", "Scrollable table"),
             "Choose an option": pgettext("Streamlit control", "Choose an option"),
             "Upload": pgettext("Streamlit control", "Upload"), "Add files": pgettext("Streamlit control", "Add files"),
             "Close fullscreen": pgettext("Streamlit control", "Close fullscreen"),
             "Press Enter to submit form": pgettext("Streamlit control", "Press Enter to submit form"),
             "Press Enter to apply": pgettext("Streamlit control", "Press Enter to apply")}
    # Translators: {label} is the name of the control a help button ("?") stands beside, or of a picture.
    before = {"Help for ": pgettext("Streamlit control", "Help for {label}"),
              "Fullscreen: ": pgettext("Streamlit control", "Fullscreen: {label}"),
              "Close fullscreen: ": pgettext("Streamlit control", "Close fullscreen: {label}"),
              "Remove ": pgettext("Streamlit control", "Remove {label}"),  # an uploaded file's
              "Cancel upload of ": pgettext("Streamlit control", "Cancel upload of {label}")}
    # Translators: {label} is a file size, as Streamlit writes it ("20MB").
    after = {" per file": pgettext("Streamlit control", "{label} per file")}
    return {"names": names, "before": before, "after": after}


def _say_page_language(where: DeltaGenerator) -> None:
    shown = st.session_state[SHOWN]
    with where:
        _page_language_marker()(key=f"page_language_{shown}", data={"lang": shown, "words": _streamlit_words()})


def mark_page() -> None:
    """Say the page's language in its <html lang> (screen readers choose their voice by it); app.py calls it once a run,
    in a place that `speak_on_this_page` may fill again."""
    st.session_state[MARKER] = st.empty()
    _say_page_language(st.session_state[MARKER])
