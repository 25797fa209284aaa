"""Say the answer out loud: one live region that screen readers announce when the reading changes, focus kept.

Streamlit has no live region of its own, and an element it redraws is a new element, which screen readers do not
announce. This small component keeps one polite status region in the page for the whole visit and writes each new
answer into it as one phrase ("Reads as 7, more than 99 % sure"). A rerun that redraws the widget a person was using
(an upload, above all) drops focus onto the page body; the component puts it back in that widget, or in another one
named for the purpose (the Teacher's undo, when the drawing they removed has gone). A keyboard's focus that the rerun
pushed off the screen (lines drawn above it) is scrolled back into sight. The same region says a label's help when the
keyboard reaches its "?", and a toast, which repeats for the eye what the page says, is kept out of a screen reader's way.
"""

from __future__ import annotations

import streamlit as st

ANNOUNCER = "digit-lab.announcer"
REGION_ID = "digit-lab-announcement"
RUNS = "announcer_runs"
SAY_AND_KEEP_FOCUS = """
const HIDDEN = 'position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);border:0;';
const STALE = '[data-stale="true"]';  // what a rerun is about to remove: it can lose focus while still on the page
const FOCUSABLE = 'button:not([disabled]), input:not([type=hidden]):not([disabled]), [tabindex]:not([tabindex="-1"])';
const KEEP_FOR_MS = 2000;  // how long after an answer a redrawn widget may still drop focus, at least ...
const KEEP_AT_MOST_MS = 15000;  // ... and until the rerun has finished (it removes what it no longer draws), or this
function remember(focused) {  // the keyed Streamlit widget that has focus (null: none)
  // a select box's open list lies outside the widget, and its option takes focus for a moment as the arrow keys move
  // through it (focus then goes back to the box): the box is still the widget in use
  if (focused && focused.closest && focused.closest('[role="option"]')) return;
  const keyed = focused && focused.closest && focused.closest('[class*="st-key-"]');
  window.__digitLabFocus.key = keyed ? [...keyed.classList].find((name) => name.startsWith('st-key-')) : null;
}
if (!window.__digitLabFocus) {  // once per page: remember the keyed Streamlit widget that has focus
  window.__digitLabFocus = {key: null};
  remember(document.activeElement);  // this script loads after the page: a box may have had focus since (the Teacher's key)
  document.addEventListener('focusin', (event) => remember(event.target), true);
  // where the control in use was when the person last pressed a key or let go of the pointer: a rerun moves it later
  const noteSight = () => { const focused = document.activeElement;
                            window.__digitLabFocus.sight = focused && focused !== document.body ? sightOf(focused) : null; };
  document.addEventListener('keydown', noteSight, true);
  document.addEventListener('pointerup', noteSight, true);
  // an expander opened at the screen's foot opened out of sight (on a phone "Change the vote" seemed to do nothing):
  // once it has opened (Streamlit animates its height), what it holds is brought up into sight, as far as its summary
  // can go without passing under the page's header
  document.addEventListener('toggle', async (event) => {
    const opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open) return;
    await new Promise((started) => setTimeout(started, 100));
    for (let frame = 0, last = -1, steady = 0; frame < 120 && steady < 3; frame += 1) {  // until it stops growing
      await new Promise((drawn) => requestAnimationFrame(drawn));
      const height = opened.getBoundingClientRect().height;
      steady = height === last ? steady + 1 : 0;
      last = height;
    }
    const box = opened.getBoundingClientRect(), header = document.querySelector('[data-testid="stHeader"]');
    const top = header ? header.getBoundingClientRect().bottom : 0;
    if (box.bottom <= innerHeight) return;  // in sight already
    opened.style.scrollMarginTop = `${top}px`;  // a tall one: its summary stays under the header, not behind it
    opened.scrollIntoView({block: box.height <= innerHeight - top ? 'end' : 'start'});
  }, true);
  const said = new WeakSet();  // each tooltip opened is said once (the newest: the one before may still be fading out)
  new MutationObserver(() => {  // one watch of what Streamlit draws outside the app: its toasts and tooltips
    // a toast repeats, for the eye, what the page says under its button (Send, at a phone's foot): out of screen
    // readers' and the Tab key's way (it was an unnamed alert dialog, said a second time, two Tab stops after Send);
    // taps pass through it to what it covers, and it closes itself
    document.querySelectorAll('[data-testid="stToast"]').forEach((toast) => {
      const dialog = toast.closest('[role="alertdialog"]') || toast;
      if (!dialog.inert) dialog.inert = true;
    });
    // a label's "?" opens its help as a tooltip on focus, which describes nothing: a screen reader never heard the
    // help. The tooltip now describes the "?" that has focus, and is said once, politely, as an answer is
    const focused = document.activeElement, tip = [...document.querySelectorAll('[role="tooltip"][id]')].pop();
    if (!tip || said.has(tip) || !focused || !focused.closest(HELP)) return;
    said.add(tip);
    focused.setAttribute('aria-describedby', tip.id);
    const region = document.getElementById('REGION_ID');
    if (region) say(region, tip.textContent);
  }).observe(document.body, {childList: true, subtree: true});
  // when the person last acted (a key, a press, a change): the run it starts says where focus goes (see keepFocus)
  const acted = () => { window.__digitLabFocus.acted = performance.now(); };
  ['keydown', 'pointerdown', 'change'].forEach((type) => document.addEventListener(type, acted, true));
  document.addEventListener('focusout', (event) => {  // the person left it (no rerun took it away): forget it
    setTimeout(() => {
      const takenAway = !event.target.isConnected || event.target.closest(STALE) || rerunning();
      if (!takenAway && document.activeElement === document.body) window.__digitLabFocus.key = null;
    }, 0);
  }, true);
}
const DROPS_A_FILE = '[data-testid="stFileChipDeleteBtn"]';  // an uploaded file's own "Remove" button
const HELP = '[data-testid="stTooltipIcon"]';  // a label's "?", which only opens its help
function visibleControl(key) {  // a widget's first visible control: not its label's help, nor a Remove that drops the photo
  const box = key && document.querySelector('.st-key-' + key);
  const shown = [...(box ? box.querySelectorAll(FOCUSABLE) : [])].filter((element) => element.getBoundingClientRect().width > 1);
  return shown.find((element) => !element.closest(DROPS_A_FILE) && !element.closest(HELP));
}
function keepFocus(instead, since) {  // focus fell onto the page body: back into the widget in use (or `instead`)
  const key = window.__digitLabFocus.key;
  if (!key || (document.activeElement && document.activeElement !== document.body)) return;
  // `instead` belongs to the run that asked `since`: once the person has acted again, the run that follows says where (a
  // refresh's watch sent the Teacher's focus to the wall's language instead of the Undo that the removal's run asked for)
  const current = (window.__digitLabFocus.acted || 0) <= since;
  (visibleControl(key.slice('st-key-'.length)) || (current ? visibleControl(instead) : null))?.focus({preventScroll: true});
}
const RING_PX = 5;  // how far the focus ring reaches beyond a control (3 px, 2 px from it: ui/style.py)
function sightOf(element) {  // where a control sits on the screen, and how far the page is scrolled
  const main = document.querySelector('[data-testid="stMain"]');
  return {element, top: element.getBoundingClientRect().top, scrolled: scrollY + (main ? main.scrollTop : 0)};
}
function keepInSight() {  // the control in use, pushed off the screen by what a rerun drew above it: back in sight, once
  const before = window.__digitLabFocus.sight, focused = document.activeElement;
  if (!before || focused !== before.element || !focused.matches(':focus-visible')) return;
  const now = sightOf(focused);
  if (now.scrolled !== before.scrolled || Math.abs(now.top - before.top) < 1) return;  // the person scrolled; or it stayed
  const box = focused.getBoundingClientRect();
  if (box.bottom + RING_PX > innerHeight || box.top - RING_PX < 0) {
    focused.scrollIntoView({block: 'center'});
    window.__digitLabFocus.sight = null;
  }
}
function rerunning() {  // Streamlit's own mark on the app: its script is running, or about to run again
  const state = document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state');
  return state === 'running' || state === 'rerunRequested';
}
function keepFocusWhileRedrawn(instead) {  // the rerun that brought the answer redraws widgets, on a busy server for long
  window.__digitLabFocus.stop?.();  // one watch at a time: an older one's `instead` is out of date
  const started = Date.now(), asked = performance.now();
  // after the task that changed the page: a tooltip that closes as Tab leaves its button changes the page while focus
  // is between two controls (on the body), and must not be taken for a rerun that dropped it
  const watcher = new MutationObserver(() => setTimeout(() => keepFocus(instead, asked), 0));
  watcher.observe(document.body, {childList: true, subtree: true});
  let timer;
  const stop = () => { watcher.disconnect(); clearTimeout(timer); window.__digitLabFocus.watching = false; };
  const watch = () => {
    keepFocus(instead, asked);
    keepInSight();
    const waited = Date.now() - started;
    if ((waited >= KEEP_FOR_MS && !rerunning()) || waited >= KEEP_AT_MOST_MS) stop();
    else timer = setTimeout(watch, 100);
  };
  window.__digitLabFocus.stop = stop;
  window.__digitLabFocus.watching = true;  // (a browser test waits for the watch's end, not for a fixed time)
  timer = setTimeout(watch, 100);
}
function say(region, text) {  // emptied first, then written: read out even when worded as what it held
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
export default function (component) {
  let region = document.getElementById('REGION_ID');
  if (!region) {
    region = Object.assign(document.createElement('div'), {id: 'REGION_ID'});
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('aria-atomic', 'true');
    region.style.cssText = HIDDEN;
    document.body.appendChild(region);
  }
  const {text, reading, instead} = component.data || {};
  if (!text) {  // nothing read (yet, or any more): nothing stays to be read out, and what was said last is remembered,
    region.textContent = '';  // so a page returned to (its last words unchanged) does not say them again
  } else if (region.dataset.said !== reading + '|' + text) {  // a new answer (even worded like the last), or new words
    region.dataset.said = reading + '|' + text;
    say(region, text);
  }
  keepFocusWhileRedrawn(instead);
}
""".replace("REGION_ID", REGION_ID)


@st.cache_resource
def _announcer():
    """The component, registered once per server."""
    return st.components.v2.component(ANNOUNCER, js=SAY_AND_KEEP_FOCUS, html="<span></span>")


def announce(text: str | None, reading: str = "", instead: str | None = None) -> None:
    """Have screen readers say `text` once for the answer `reading` (an id: a new one is said even if worded the same);
    None says nothing but keeps the focus keeper on the page. When the widget that had focus is gone, focus goes to
    the widget keyed `instead`. Call it once per run."""
    # a component's script runs again only when its data changes: the run's number has the focus kept on every run (an
    # Undo that changed nothing said left focus on the page body)
    st.session_state[RUNS] = st.session_state.get(RUNS, 0) + 1
    _announcer()(key="announcer", data={"text": text, "reading": reading, "instead": instead, "run": st.session_state[RUNS]})
