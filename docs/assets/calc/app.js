// @ts-check
// The calculator page: wires the modules together. The form is drawn at once from the form
// models the site build made with the Python package (assets/calc/form/<id>.json); every
// rating goes into the one state object (state.js), is kept in this browser's storage and
// sent to the Python package running in a Web Worker (bridge.js), whose result is drawn.
// Nothing is scored here, and no rule of a standard is re-derived here.
//
//   state.js       the state object and its storage      assessment.js  state <-> the CLI's file format
//   form.js        drawing the rating forms              results.js     result panels and the summary bar
//   share.js       named assessments, links, files       report.js      the printed report and the chart
//   bridge.js      the worker running Python             strings.js     the catalogue's words
//   compare.js     the comparison with another saved assessment (Python's calculator/compare.py)

import { el } from "./dom.js";
import { lang, t } from "./strings.js";
import * as bridge from "./bridge.js";
import { settings } from "./boot.js";
import { VIEWS, asideCount, library, load, profileView, save, setAside, setAsideText, standardState, state, syncFromStorage, useStored,
  viewIds } from "./state.js";
import { assessment, assessmentOf, customProfile, invalidInputs, itemName, profileItems, ratingValue, reconcile } from "./assessment.js";
import { drawForms, drawPicker, refreshForms } from "./form.js";
import { drawResults, drawSummary, refreshResults } from "./results.js";
import { downloadBackup, downloadText, drawTools, explain, openShareLink } from "./share.js";
import { drawReport, updateReport } from "./report.js";
import { drawPlan, refreshPlan, setFollowUp, setTarget } from "./plan.js";
import { comparing, drawCompare, updateCompare } from "./compare.js";

const host = /** @type {HTMLElement} */ (document.getElementById("calc"));
const root = new URL(host.dataset.root || "./", location.href);
const pages = host.dataset.pages || "./";
/** @type {Record<string, {code: string, title: Record<string, string>}>} id -> code and title, before any form loads */
const manifest = JSON.parse(host.dataset.standards || "{}");
const status = /** @type {HTMLElement} */ (host.querySelector("[data-testid=status]"));
/** @type {{text: string, retry: () => void}|null} Python cannot answer, or the forms could not load */
let fatal = null;
/** A share link is being opened: nothing is scored (and no result shown as "ready") until its
 *  assessment is applied or refused. */
let holding = false;

document.body.dataset.state = "loading";
// printing this page prints the report (site.css), redrawn first to hold every note as typed
document.body.classList.add("print-report");
window.addEventListener("beforeprint", () => drawReport(host));

// ---- the forms (made at build time by calculator/form.py) ----------------------------

/** @param {string[]} ids */
async function loadForms(ids) {
  await Promise.all(ids.filter((id) => !state.forms[id]).map(async (id) => {
    const path = `assets/calc/form/${id}.json`;
    const response = await fetch(new URL(path, root));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    state.forms[id] = await response.json();
  }));
  for (const id of ids) setAside(reconcile(id));
}

/**
 * A notice at the head of the form, where a phone shows it at once: `key` tells whether the one
 * shown is current; null removes it; `kind` its class (a warning, or calc-notice for news).
 * @param {string} testid @param {string|null} key @param {() => HTMLElement[]} parts @param {string} [kind]
 */
function notice(testid, key, parts, kind = "calc-error") {
  const shown = /** @type {HTMLElement|null} */ (host.querySelector(`[data-testid=${testid}]`));
  if (shown && key !== null && shown.dataset.key === key) return;
  shown?.remove();
  if (key === null) return;
  host.querySelector(".calc-form")?.prepend(el("div", { class: kind, "data-testid": testid,
    role: kind === "calc-error" ? "alert" : "status", "data-key": key }, ...parts()));
}

/** @param {string} text @param {string} testid @param {() => void} action */
function noticeButton(text, testid, action) {
  const button = el("button", { type: "button", class: "md-button", "data-testid": testid, text });
  button.addEventListener("click", action);
  return button;
}

/** The notices: stored data set aside (with its download), storage that refused to save (with
 *  a backup to download), an incoming assessment opened as a new one (with the way back). */
function drawNotices() {
  const count = asideCount();
  const aside = count ? t(count === 1 ? "calc.set_aside_one" : "calc.set_aside", { count }) : null;
  notice("set-aside", aside, () => [el("p", { text: aside || "" }), noticeButton(t("calc.set_aside_download"),
    "set-aside-download", () => downloadText("set-aside.json", "application/json", setAsideText()))]);
  const storage = state.ui.storage ? t(state.ui.storage === "full" ? "calc.storage_full" : "calc.storage_blocked") : null;
  notice("storage-problem", storage, () => [el("p", { text: storage || "" }),
    noticeButton(t("calc.backup_export"), "storage-backup", downloadBackup)]);
  const opened = state.ui.opened;
  notice("opened", opened ? `${opened.name}\u0000${opened.text}` : null, () => [el("p", { text: opened?.text || "" }),
    ...(opened && opened.name !== null ? [noticeButton(t("calc.back_to", { name: opened.name }), "back-to",
      () => shareHandlers.switchTo(opened.name || ""))] : [])], opened?.kind === "error" ? "calc-error" : "calc-notice");
}

// ---- drawing --------------------------------------------------------------------------

/** What identifies the focused control across a redraw. */
function focusKey() {
  const active = /** @type {HTMLElement|null} */ (document.activeElement);
  if (!active || active === document.body || !host.contains(active)) return null;
  if (active.id) return `#${active.id}`;
  const group = active.closest("[data-item]");
  if (group && active.dataset.value) return { item: /** @type {HTMLElement} */ (group).dataset.item, value: active.dataset.value };
  return null;
}

/** @param {any} key */
function restoreFocus(key) {
  if (!key) return;
  /** @type {HTMLElement|null} */
  let target = null;
  if (typeof key === "string") target = document.getElementById(key.slice(1));
  else {
    const group = [...host.querySelectorAll("[data-item]")].find((node) => /** @type {HTMLElement} */ (node).dataset.item === key.item);
    target = /** @type {HTMLElement|null} */ (group?.querySelector(`[data-value="${key.value}"]`) || null);
  }
  target?.focus({ preventScroll: true });
}

function redraw() {
  const key = focusKey();
  const forms = drawForms(pages, handlers);
  // the start-up line and the view picker head the form's column: the results stand beside them
  forms.prepend(...[status, host.querySelector("progress"), host.querySelector("[data-testid=download]")]
    .filter((node) => node !== null), drawPicker(manifest, handlers));
  const results = drawResults(resultHandlers);
  results.append(drawPlan(planHandlers), drawTools(host, shareHandlers), drawCompare(host));
  const layout = el("div", { class: "calc-layout" }, forms, results);
  const summary = drawSummary(resultHandlers);
  for (const old of host.querySelectorAll(".calc-view, .calc-layout, .calc-summary")) old.remove();
  if (!host.querySelector(".calc-skip")) {
    host.append(el("a", { class: "calc-skip", href: "#calc-result", text: t("calc.skip_to_result") }));
  }
  host.append(layout, summary);
  drawNotices();
  restoreFocus(key);
  rescore();
}

function refresh() {
  refreshForms(host);
  refreshResults(host);
  refreshPlan(host);
  const message = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=message]"));
  if (message) {
    message.textContent = state.ui.message.text;
    message.dataset.kind = state.ui.message.kind;
  }
  drawNotices();
  drawError();
}

function drawError() {
  // Python stopped: at the head of the form, where a phone shows it at once; a refused input:
  // above the results it leaves out of date
  const place = (fatal ? host.querySelector(".calc-form") : host.querySelector(".calc-results")) || host;
  const shown = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=error]"));
  const wanted = fatal ? `fatal:${fatal.text}` : state.error !== null ? `error:${state.error}` : "";
  if (shown && shown.dataset.key === wanted && shown.parentElement === place) return;
  shown?.remove();
  if (!wanted) return;
  if (fatal) {
    const retry = fatal.retry;
    const again = el("button", { type: "button", class: "md-button", "data-testid": "retry", text: t("python.retry") });
    again.addEventListener("click", () => { fatal = null; drawError(); retry(); });
    place.prepend(el("div", { class: "calc-error", "data-testid": "error", role: "alert", "data-key": wanted },
      el("p", { text: fatal.text }), again));
  } else {
    place.prepend(el("p", { class: "calc-error", "data-testid": "error", role: "alert", "data-key": wanted,
      text: t("calc.error", { problem: state.error || "" }) }));
  }
}

/** @param {string} text @param {string} [kind] */
function tell(text, kind = "info") {
  state.ui.message = { text, kind };
  refresh();
}

// ---- scoring ----------------------------------------------------------------------------

function settled() {
  return fatal ? "error" : bridge.isReady() ? "ready" : "loading";
}

function rescore() {
  if (state.ui.mergedElsewhere) {
    // the last save took in another tab's changes: the whole form is drawn again (it rescores)
    state.ui.mergedElsewhere = false;
    redraw();
    return;
  }
  if (holding) {
    // a share link is being opened: its result, not this one's, is the first shown
    document.body.dataset.state = bridge.isReady() ? "computing" : "loading";
    refresh();
    return;
  }
  // an invalid input: nothing is sent, and the result panels say the shown result is out of date
  state.stale = Object.keys(invalidInputs()).length > 0;
  if (state.stale || bridge.isStopped()) {
    document.body.dataset.state = settled();
    refresh();
    return;
  }
  document.body.dataset.state = bridge.isReady() ? "computing" : "loading";
  bridge.score(JSON.stringify(assessment()), customProfile(), viewIds());
  refresh();
}

/** The problem Python names inside "in assessment N: ..." (the error itself otherwise). @param {any} error */
function innermost(error) {
  let problem = error;
  while (problem && problem.code === "in-assessment" && problem.params && problem.params.problem) problem = problem.params.problem;
  return problem;
}

/** A clause or an item brought into view, the focus on its first rating group's current stop
 *  (the chosen band, or the first). @param {Element|null} node @param {ScrollLogicalPosition} block */
function showRating(node, block) {
  if (!node) return;
  node.scrollIntoView({ block });
  /** @type {HTMLElement|null} */ (node.querySelector(".calc-rating button[tabindex='0']"))?.focus({ preventScroll: true });
}

/** The focus to the summary bar's Undo (just offered), where a keyboard reaches it at once. */
function focusUndo() {
  /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=undo]:not([hidden])"))?.focus({ preventScroll: true });
}

/** @param {any} payload */
function onResult(payload) {
  if (holding) return;  // an answer for what was shown before the link: the link's comes next
  state.fieldError = null;
  if (payload.ok) {
    state.result = payload.result;
    state.error = null;
    afterResult();
  } else {
    // a refused special deductions count is said under its field; any other refusal above the result
    const problem = innermost(payload.error);
    if (problem && problem.code === "bad-deductions") {
      const gbt = viewIds().find((id) => state.forms[id]?.special) || "";
      state.fieldError = { standard: gbt, value: String(standardState(gbt).deductions ?? "") };
      state.error = null;
    } else {
      state.error = explain(payload.error);
    }
  }
  document.body.dataset.state = "ready";
  refresh();
}

/** How long the visitor pauses before the answers that follow a result are asked for. */
const FOLLOW_UP_MS = 250;
let followUps = 0;

/** The answers that follow a result (the printed report's rows, the plan, the comparison) are
 *  Python calls too: asked for once the visitor pauses, so that rating one item after another is
 *  scored at once instead of waiting behind them. Until they come, the page says they are pending. */
function afterResult() {
  document.body.dataset.report = "pending";
  document.body.dataset.plan = "pending";
  if (comparing()) document.body.dataset.compare = "pending";
  clearTimeout(followUps);
  followUps = window.setTimeout(() => {
    updateReport(host);
    askPlan();
    updateCompare(host);
  }, FOLLOW_UP_MS);
}

let planAsked = 0;
/** Ask Python for the levels a plan can aim at and the plan to the chosen one (after each
 *  result, and when the target changes); only the latest answer is drawn. */
async function askPlan() {
  const mine = ++planAsked;
  document.body.dataset.plan = "pending";
  const answer = await bridge.planOf(JSON.stringify(assessment()), "", customProfile(), viewIds()).catch(() => null);
  if (mine !== planAsked) return;
  state.plan = answer;
  refreshPlan(host);
  drawReport(host);  // the printed report lists the plan's steps
  document.body.dataset.plan = "current";
}

/** @type {import("./plan.js").PlanHandlers} */
const planHandlers = {
  target(value) {
    setTarget(value);
    save();
    askPlan();
  },
  follow(id, item, field, value) {
    // who, by when, how far: changes no number, so nothing is rescored
    setFollowUp(id, item, field, value);
    save();
    drawReport(host);
  },
};

// ---- what the visitor does --------------------------------------------------------------

/** @type {import("./form.js").Handlers} */
const handlers = {
  async view(key) {
    if (!VIEWS[key]) return;
    document.body.dataset.state = "computing";  // the shown result is not current until rescored
    state.saved.view = key;
    state.result = null;
    state.ui.onlyUnrated = null;
    save();
    await loadForms(VIEWS[key]);
    redraw();
  },
  rate(id, item, value) {
    const ratings = standardState(id).ratings;
    ratings[item] = { choice: value, exact: ratings[item]?.exact || "" };
    state.ui.undo = null;  // undo is offered for the last change only
    state.ui.lastItem = { id, item };
    save();
    rescore();
    if (value === "exact") document.getElementById(`p-${item}`)?.focus();
  },
  clear(id, item) {
    const ratings = standardState(id).ratings;
    if (!ratings[item]) return;
    const row = document.activeElement?.closest("[data-item-row]");
    state.ui.undo = { text: t("calc.cleared", { item: itemName(id, item) }), items: { [id]: { [item]: { ...ratings[item] } } },
      back: /** @type {HTMLElement|null} */ (row?.querySelector(".calc-rating button") || null) };
    delete ratings[item];
    save();
    rescore();
    focusUndo();
  },
  exact(id, item, text) {
    const ratings = standardState(id).ratings;
    ratings[item] = { choice: "exact", exact: text };
    state.ui.undo = null;
    state.ui.lastItem = { id, item };
    save();
    rescore();
  },
  note(id, item, text) {
    // kept as typed; a note changes no number, so nothing is rescored. One longer than the
    // limit stays in its field, said to be too long, and is not stored until shortened.
    const key = `${id}/${item}`;
    const length = [...text].length;  // characters (code points), as Python counts them
    if (length > state.forms[id].limits.note_chars) {
      state.ui.longNotes[key] = length;
      refresh();
      return;
    }
    delete state.ui.longNotes[key];
    const saved = standardState(id);
    saved.notes = saved.notes || {};
    if (text.trim()) saved.notes[item] = text;
    else delete saved.notes[item];
    save();
    refresh();
  },
  setting(id, key, value) {
    const saved = standardState(id);
    if (key === "profile") saved.profile = String(value);
    else if (key === "deductions") saved.deductions = String(value);
    else if (key === "bonus") saved.bonus = Boolean(value);
    state.ui.undo = null;
    save();
    rescore();
  },
  async customProfile(id, file) {
    const text = await file.text();
    const trial = JSON.stringify(assessmentOf(id, true));
    // checked by the same Python code as the CLI's --profile
    const answer = await bridge.check(trial, text, [id]).catch(() => null);
    if (!answer) return;  // Python stopped: the page already says so, with a retry
    const view = answer.ok ? await bridge.profileView(text, [id]).catch(() => null) : null;
    if (!answer.ok || !view || !view.ok) {
      tell(t("calc.rejected_file", { name: file.name, problem: explain(answer.ok ? view?.error : answer.error) }), "error");
      return;
    }
    state.custom[id] = view.view;
    standardState(id).customProfile = text;
    save();
    redraw();
    tell(t("calc.custom_loaded", { name: file.name }));
  },
  dropCustomProfile(id) {
    delete standardState(id).customProfile;
    delete state.custom[id];
    save();
    redraw();
  },
  bulk(id, scope, target, kind) {
    const form = state.forms[id];
    const scored = new Set(profileItems(id));
    const option = kind === "na" ? form.options.find((o) => o.value === "na") : form.options.find((o) => o.full);
    if (!option) return;
    /** @type {string[]} */
    const items = [];
    for (const part of form.sections) {
      for (const clause of part.clauses) {
        if (scope === "section" ? part.id !== target : clause.id !== target) continue;
        for (const item of clause.items) if (scored.has(item.id)) items.push(item.id);
      }
    }
    const ratings = standardState(id).ratings;
    const before = Object.fromEntries(items.map((item) => [item, ratings[item] ? { ...ratings[item] } : undefined]));
    // ratings this replaces (another band, or a typed percentage) are counted, so the notice says so
    const replaced = items.filter((item) => ratings[item] && ratingValue(ratings[item]) !== null
      && (ratings[item].choice !== option.value)).length;
    for (const item of items) ratings[item] = { choice: option.value, exact: "" };
    const done = t(kind === "na" ? "calc.bulk_done_na" : "calc.bulk_done_full", { count: items.length });
    // the menu closes; the focus goes to Undo in the bar (in view), and comes back to the menu once undone
    const menu = /** @type {HTMLDetailsElement|null} */ (document.activeElement?.closest("details.calc-bulk") || null);
    if (menu) menu.open = false;
    state.ui.undo = { text: replaced ? `${done}${t("calc.bulk_replaced", { count: replaced })}` : done, items: { [id]: before },
      back: /** @type {HTMLElement|null} */ (menu?.querySelector("summary") || null) };
    if (items.length) state.ui.lastItem = { id, item: items[0] };
    save();
    rescore();
    focusUndo();
  },
  onlyUnrated(on) {
    // the items unrated now stay listed until the filter is turned off, so one just rated
    // does not vanish from under the finger
    state.ui.onlyUnrated = on ? new Set(viewIds().flatMap((id) => profileItems(id).filter((item) => {
      const value = ratingValue(standardState(id).ratings[item]);
      return value === null || value === "invalid";
    }))) : null;
    refresh();
  },
  reset(id) {
    if (!confirm(t("calc.reset_confirm"))) return;
    const ratings = standardState(id).ratings;
    const count = Object.keys(ratings).length;
    // once undone, the focus returns to the clear button
    state.ui.undo = { text: t(count === 1 ? "calc.reset_done_one" : "calc.reset_done", { code: state.forms[id].code, count }),
      items: { [id]: { ...ratings } }, back: /** @type {HTMLElement|null} */ (document.activeElement) };
    standardState(id).ratings = {};
    save();
    rescore();
    focusUndo();
  },
};

/** @type {import("./results.js").ResultHandlers} */
const resultHandlers = {
  backup: downloadBackup,
  fix(id, clause) {
    // to the clause, with a way back to the result
    state.ui.backFrom = `${id}/${clause}`;
    if (state.ui.onlyUnrated) state.ui.onlyUnrated = null;
    refresh();
    showRating(document.getElementById(`clause-${id}-${clause}`), "start");
  },
  correct() {
    // to the first input that needs correcting
    const bad = /** @type {HTMLElement|null} */ (host.querySelector(".calc-form [aria-invalid=true]"));
    if (!bad) return;
    bad.scrollIntoView({ block: "center" });
    bad.focus({ preventScroll: true });
  },
  resume() {
    // back to the item rated last, its chosen band focused
    const last = state.ui.lastItem;
    if (!last) return;
    if (state.ui.onlyUnrated && !state.ui.onlyUnrated.has(last.item)) state.ui.onlyUnrated.add(last.item);
    refresh();
    showRating(host.querySelector(`section[data-standard="${last.id}"] [data-item-row="${CSS.escape(last.item)}"]`), "center");
  },
  async undo() {
    const undo = state.ui.undo;
    if (!undo) return;
    if (undo.run) {
      // a deleted assessment back, or the assessments a restore replaced
      await undo.run();
      return;
    }
    for (const [id, items] of Object.entries(undo.items)) {
      const ratings = standardState(id).ratings;
      for (const [item, entry] of Object.entries(items)) {
        if (entry) ratings[item] = entry;
        else delete ratings[item];
      }
    }
    // said where the undo was offered (the summary bar), with nothing left to undo; the focus
    // goes back to where the action was started (the rating group's current stop once redrawn)
    state.ui.undo = { text: t("calc.undone"), items: {} };
    save();
    rescore();
    const back = undo.back;
    if (back && back.isConnected) {
      const group = back.closest(".calc-rating");
      /** @type {HTMLElement} */ ((group && group.querySelector("button[tabindex='0']")) || back).focus();
    }
  },
};

/** @type {import("./share.js").ShareHandlers} */
const shareHandlers = {
  tell,
  loadForms,
  redraw,
  offered: focusUndo,
  async switchTo(name, fresh = false) {
    document.body.dataset.state = "computing";
    save();
    state.ui.opened = null;
    state.ui.message = { text: "", kind: "info" };  // said of the assessment left
    state.ui.longNotes = {};
    const books = library();
    if (fresh || !Object.prototype.hasOwnProperty.call(books, name)) useStored({ view: state.saved.view }, name);
    else useStored(books[name], name);
    state.result = null;
    save();
    await loadForms(viewIds());
    redraw();
  },
};

// the way back from a clause reached by a "fix first" link
host.addEventListener("click", (event) => {
  const back = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (event.target).closest("[data-back]"));
  if (!back) return;
  event.preventDefault();
  const [id, clause] = (state.ui.backFrom || "").split(/\/(.*)/s);
  state.ui.backFrom = null;
  refresh();
  const link = /** @type {HTMLElement|null} */ (host.querySelector(`[data-result="${id}"] [data-fix="${clause}"]`));
  const panel = document.getElementById(`result-${id}`);
  link?.closest("details")?.setAttribute("open", "");  // the combined view keeps the details closed
  (panel || host).scrollIntoView({ block: "start" });
  (link || panel)?.focus({ preventScroll: true });
});

// ---- Python ----------------------------------------------------------------------------

// Keep the calculator working offline after this visit (sw.js is written at build time).
// Registered once Python has answered, so that the service worker's copy of the site does
// not compete with the first visit's own downloads.
function keepOffline() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  navigator.serviceWorker.register(new URL("sw.js", root)).catch(() => { /* offline use is a bonus */ });
}

function loadingLine() {
  let bar = /** @type {HTMLProgressElement|null} */ (host.querySelector("progress"));
  if (!bar) {
    bar = /** @type {HTMLProgressElement} */ (el("progress", { max: "1", value: "0", class: "calc-progress" }));
    status.after(bar, el("p", { class: "calc-download", "data-testid": "download" }));
  }
  return bar;
}

/** @param {number} bytes */
const mb = (bytes) => (bytes / 1_000_000).toFixed(1);

async function restoreCustomViews() {
  // a custom profile kept from an earlier visit: what it changes on the form is Python's to say
  for (const id of viewIds()) {
    const text = standardState(id).customProfile;
    if (!text || state.custom[id]) continue;
    const view = await bridge.profileView(text, [id]).catch(() => null);
    if (view && view.ok) state.custom[id] = view.view;
  }
  refresh();
}

/** @type {import("./bridge.js").Hooks} */
const pythonHooks = {
  onProgress(stage, total) {
    status.textContent = t("calc.loading_python", { stage, total });
  },
  onDownload(done, total) {
    const bar = loadingLine();
    bar.max = total || 1;
    bar.value = done;
    const line = host.querySelector("[data-testid=download]");
    if (line) line.textContent = t("calc.download", { percent: total ? Math.min(100, Math.floor((done / total) * 100)) : 0,
      done: mb(done), total: mb(total) });
  },
  onReady(started) {
    keepOffline();
    document.body.dataset.python = started;  // fresh, snapshot or fresh-after-bad-snapshot
    status.textContent = t("calc.ready");
    host.querySelector("progress")?.remove();
    host.querySelector("[data-testid=download]")?.remove();
    restoreCustomViews();
  },
  onResult,
  onStopped(problem, kind) {
    // Python cannot answer: the page says why and offers a retry; the form and the saved
    // ratings stay as they are
    host.querySelector("progress")?.remove();
    host.querySelector("[data-testid=download]")?.remove();
    status.textContent = "";
    const text = kind.rubric ? t("calc.rubric_error", { problem })
      : t("python.fatal", { problem: kind.refusal ? explain(kind.refusal) : problem || t("python.stopped") });
    fatal = { text: [text, t("python.kept")].join(lang === "zh" ? "" : " "), retry: () => {
      document.body.dataset.state = "loading";
      status.textContent = t("calc.loading_python", { stage: 1, total: 3 });
      loadingLine();
      bridge.restart();
      rescore();
    } };
    document.body.dataset.state = "error";
    drawError();
  },
  onSnapshot(stored) {
    document.body.dataset.snapshot = stored ? "stored" : "none";  // for the next visit's start
  },
};

// ---- start ------------------------------------------------------------------------------

function openRequested() {
  // ?standard=ID opens that standard
  const asked = new URLSearchParams(location.search).get("standard");
  if (asked && Object.prototype.hasOwnProperty.call(VIEWS, asked)) state.saved.view = asked;
}

/** The clause a #clause-ID-CLAUSE address asks for ("" when it names none, or is not
 *  decodable: "#clause-%" opens the page as it is). */
function clauseAsked() {
  if (!location.hash.startsWith("#clause-")) return "";
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return "";
  }
}

function landOnClause() {
  // #clause-ID-CLAUSE: that clause, scored by a profile that shows it (an SB/T Appendix B
  // clause opens under the profile of Appendix B), and not under the fixed header (CSS)
  const target = clauseAsked();
  if (!target) return;
  for (const id of viewIds()) {
    const form = state.forms[id];
    const part = form?.sections.find((s) => s.clauses.some((c) => target === `clause-${id}-${c.id}`));
    if (!part) continue;
    // a custom profile of the visitor's own is never replaced by a link
    if (!standardState(id).customProfile && !profileView(id)?.sections.includes(part.id)) {
      const scoring = form.profiles.find((p) => p.sections.includes(part.id));
      if (scoring) {
        standardState(id).profile = scoring.id;
        save();
      }
    }
  }
}

function scrollToClause() {
  const target = clauseAsked();
  if (target) showRating(document.getElementById(target), "start");
}

/** A share link (#a=...) opened: nothing else is scored until its assessment is applied or refused. */
async function openLink() {
  if (!location.hash.startsWith("#a=")) return;
  holding = true;
  try {
    await openShareLink(shareHandlers);
  } finally {
    holding = false;
  }
  rescore();
}

/** Another tab wrote this browser's storage: its changes to the open assessment are merged in
 *  (state.js), the assessment list is drawn again. @param {StorageEvent} event */
function otherTab(event) {
  if (event.storageArea !== localStorage || (event.key !== null && !event.key.startsWith("calculator:"))) return;
  const changed = syncFromStorage();
  // the assessment list drawn again when another tab added, renamed or deleted one; while a
  // field is being typed in, only the controls are brought in line (the typing goes on)
  const picker = /** @type {HTMLSelectElement|null} */ (host.querySelector("[data-testid=assessment]"));
  const listed = picker ? [...picker.options].map((option) => option.value).join("\n") : "";
  const names = Object.keys({ ...library(), [state.saved.name]: true }).sort().join("\n");
  const active = document.activeElement;
  const typing = active instanceof HTMLTextAreaElement || (active instanceof HTMLInputElement && active.type === "text");
  if (!changed && listed === names) return;
  // said in the bar, in view, unless an undo is on offer there
  const offer = state.ui.undo && (state.ui.undo.run || Object.keys(state.ui.undo.items).length);
  if (changed && !offer) state.ui.undo = { text: t("calc.elsewhere"), items: {} };
  if (typing && host.contains(active)) rescore();
  else redraw();
}

async function main() {
  load();
  openRequested();
  bridge.start({ ...settings(), standards: viewIds() }, pythonHooks);
  status.textContent = t("calc.loading_python", { stage: 1, total: 3 });
  loadingLine();
  await loadForms(viewIds());
  landOnClause();
  holding = location.hash.startsWith("#a=");  // the link's result is the first shown
  redraw();
  scrollToClause();
  save();
  window.addEventListener("storage", otherTab);
  await openLink();
  window.addEventListener("hashchange", async () => {
    await openLink();
    if (clauseAsked()) {
      landOnClause();
      redraw();
      scrollToClause();
    }
  });
}

main().catch((error) => {
  // the forms could not be fetched: a reload tries again (saved ratings are in storage)
  status.textContent = "";
  fatal = { text: t("calc.rubric_error", { problem: error.message }), retry: () => location.reload() };
  document.body.dataset.state = "error";
  drawError();
});
