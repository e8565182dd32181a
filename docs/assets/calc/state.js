// @ts-check
// The calculator page's one state object, and keeping it in this browser's storage.
// Everything the page shows is drawn from `state`; nothing is read back from the page.

import { t } from "./strings.js";
import { checkSaved } from "./stored.js";
import { merge3 } from "./merge.js";

export const CTS = "cts-q-zg025-2022";
export const GBT = "gb-t-27922-2011";
export const SBT = "sb-t-10401-2006";
/** @type {Record<string, string[]>} what each choice of the view picker shows */
export const VIEWS = { [CTS]: [CTS], [GBT]: [GBT], [SBT]: [SBT], combined: [GBT, CTS] };
const STORAGE = "calculator:v2";
const OLD_STORAGE = `calculator:v1:${CTS}`;
const LIBRARY = "calculator:v2:library";
const SET_ASIDE = "calculator:v2:set-aside";
/** every standard the page knows */
const KNOWN = [...new Set(Object.values(VIEWS).flat())];

/** @typedef {{choice: string, exact: string}} Rating  a choice's value ("0.4", "na", "exact") and the typed % */
/** @typedef {{owner?: string, due?: string, status?: string}} FollowUp  a plan step's owner, due date and status */
/** @typedef {{target?: string, steps?: Record<string, FollowUp>}} PlanState  the plan's target and each step's follow-up */
/** @typedef {{ratings: Record<string, Rating>, notes?: Record<string, string>, profile: string|null,
 *   deductions: string, bonus: boolean, customProfile?: string, plan?: PlanState}} StandardState */
/** @typedef {{enterprise?: string, site?: string, assessor?: string, date?: string}} Details  what the printed report names */
/** @typedef {{name: string, view: string, standards: Record<string, StandardState>, details?: Details,
 *   planTarget?: string}} Saved  (planTarget: the combined view's target, stars-N) */
/** @typedef {{code: string, params?: Record<string, any>}} Message */
/** @typedef {{value: string, label: Message, short: Message, full: boolean}} Option */
/** @typedef {{quantity: {zh: string, en: string}, sign: string, threshold: string, unit: string,
 *   also?: {zh: string, en: string}}} Quantity */
/** @typedef {{label: string|null, text: Record<string, string>}} FormPart  one entry of the list an item's text introduces */
/** @typedef {{id: string, label: string, text: Record<string, string>, parts: FormPart[], quantitative: Quantity|null}} FormItem */
/** @typedef {{id: string, title: Record<string, string>, items: FormItem[]}} FormClause */
/** @typedef {{id: string, title: Record<string, string>, annex: string|null, clauses: FormClause[]}} FormSection */
/** @typedef {{id: string, title: any, provisional: boolean, custom: boolean, sections: string[],
 *   items: string[]}} ProfileView */
/** @typedef {{standard: string, code: string, title: Record<string, string>, model: string,
 *   choose_profile: boolean, default_profile: string, special: boolean, options: Option[],
 *   teaching: {bands?: {range: string, descriptors: Record<string, string>[]}[], rule?: Record<string, string>},
 *   limits: {note_chars: number, file_bytes: number},
 *   profiles: ProfileView[], sections: FormSection[], runs?: Record<string, Record<string, [string, string|null][]>>}} Form
 *   (made by calculator/form.py; runs: the texts holding words of the other language, sitegen/bundle.py) */

/**
 * @typedef {object} Ui
 * @property {Set<string>|null} onlyUnrated  items shown while "show unrated only" is on (null: off)
 * @property {{text: string, items: Record<string, Record<string, Rating|undefined>>, back?: HTMLElement|null,
 *   run?: () => void}|null} undo
 *   the last bulk action, cleared rating, cleared standard or deleted assessment (back: the control the focus returns
 *   to once undone; run: what undoes a deletion)
 * @property {{text: string, kind: string}} message  the latest notice
 * @property {string|null} backFrom  the clause a "fix first" link went to (offers the way back)
 * @property {{id: string, item: string}|null} lastItem  the item rated last (the result offers the way back to it)
 * @property {string} status  the Python start-up line
 * @property {{done: number, total: number}|null} download  bytes of the Python runtime received
 * @property {Record<string, any>[]} asideParts  stored parts set aside this visit (stored.js), path -> value
 * @property {"full"|"blocked"|null} storage  why this browser's storage refused the last write or read (null: it did not)
 * @property {boolean} mergedElsewhere  the last save took in another tab's changes: the form is redrawn
 * @property {{name: string|null, text: string, kind: string}|null} opened  what became of an incoming assessment,
 *   said at the head of the form and brought into view: opened as a new one (name: the way back to the assessment that
 *   was open) or refused (kind "error", no way back)
 * @property {Record<string, number>} longNotes  notes longer than the limit, by "standard/item": their length (kept in
 *   the field, not stored)
 */

/**
 * @typedef {object} State
 * @property {Saved} saved  what is stored: the current assessment
 * @property {Record<string, Form>} forms  each standard's form model, by id
 * @property {Record<string, ProfileView>} custom  the view of each custom profile in use, by standard
 * @property {any} result  Python's latest result for the view (null before the first)
 * @property {any} plan  Python's latest answer about the improvement plan ({ok, targets, plan}; null before the first)
 * @property {string|null} error  Python's refusal of the current input, worded
 * @property {{standard: string, value: string}|null} fieldError  a refused special deductions count, said under its field
 * @property {boolean} stale  an input is invalid: the shown result is not the current one
 * @property {Ui} ui
 */

/** @type {State} */
export const state = {
  saved: { name: "", view: CTS, standards: {} },
  forms: {},
  custom: {},
  result: null,
  plan: null,
  error: null,
  fieldError: null,
  stale: false,
  ui: { onlyUnrated: null, undo: null, message: { text: "", kind: "info" }, backFrom: null, lastItem: null, status: "",
    download: null, asideParts: [], storage: null, mergedElsewhere: false, opened: null,
    longNotes: {} },
};

/** The saved state of one standard (created empty). @param {string} id @returns {StandardState} */
export function standardState(id) {
  if (!state.saved.standards[id]) {
    state.saved.standards[id] = { ratings: {}, notes: {}, profile: null, deductions: "0", bonus: false };
  }
  return state.saved.standards[id];
}

/** The standards the current view shows. @returns {string[]} */
export function viewIds() {
  return VIEWS[state.saved.view] || VIEWS[CTS];
}

/** The current assessment as storage last held it (JSON): what the next merge compares with. */
let agreed = "{}";

/** A stored assessment checked (stored.js): what the page can use, and what is set aside.
 *  @param {unknown} raw @param {string} name @param {string} view */
function checked(raw, name, view) {
  const form = Object.values(state.forms)[0];
  return checkSaved(raw, KNOWN, Object.keys(VIEWS), name, view, form ? form.limits.note_chars : Infinity);
}

/** Storage that failed, by what it said: "full" (quota exceeded) or "blocked" (any other refusal).
 *  @param {unknown} error */
function failure(error) {
  const name = error && typeof error === "object" && "name" in error ? String(error.name) : "";
  return /quota/i.test(name) ? "full" : "blocked";
}

/** Read the current assessment from storage, checked (stored.js): the valid parts are used,
 *  the rest is set aside (kept under SET_ASIDE for download, and in state.ui.asideParts);
 *  unreadable storage starts empty, says so (state.ui.storage), and the page still works. */
export function load() {
  /** @type {Record<string, any>} */
  const aside = {};
  let raw = null;
  try {
    const text = localStorage.getItem(STORAGE);
    if (text !== null) {
      try { raw = JSON.parse(text); } catch { aside.text = text; }  // not JSON at all: kept as it was
    } else {
      const old = JSON.parse(localStorage.getItem(OLD_STORAGE) || "null");  // the first version's CTS ratings
      if (old) raw = { standards: { [CTS]: { ratings: old } } };
    }
  } catch (error) {
    state.ui.storage = failure(error);  // storage blocked: start empty, and say so
  }
  const found = checked(raw, t("calc.default_name"), CTS);
  state.saved = found.saved;
  agreed = JSON.stringify(state.saved);
  setAside({ ...aside, ...found.aside });
}

/** A named assessment made current (from the library, a file or a link), checked as load()
 *  checks storage. @param {unknown} raw @param {string} name */
export function useStored(raw, name) {
  const found = checked(raw, name, state.saved.view);
  state.saved = found.saved;
  state.saved.name = name;
  agreed = hasBook(library(), name) ? JSON.stringify(checked(library()[name], name, state.saved.view).saved) : "{}";
  setAside(found.aside);
}

/** A stored assessment of the library (or a backup) checked as load() checks storage, under
 *  `name`; what cannot be used is set aside when `keepAside`.
 *  @param {unknown} raw @param {string} name @param {boolean} [keepAside] @returns {Saved} */
export function checkedBook(raw, name, keepAside = false) {
  const found = checked(raw, name, state.saved.view);
  found.saved.name = name;
  if (keepAside) setAside(found.aside);
  return found.saved;
}

/** Keep parts of the stored data the page cannot use (path -> value), for download.
 *  @param {Record<string, any>} parts */
export function setAside(parts) {
  if (!Object.keys(parts).length) return;
  try {
    const kept = JSON.parse(localStorage.getItem(SET_ASIDE) || "[]");
    const list = Array.isArray(kept) ? kept : [kept];
    list.push({ when: new Date().toISOString(), parts });
    localStorage.setItem(SET_ASIDE, JSON.stringify(list));
  } catch {
    /* storage full or blocked: the parts stay in memory for this visit */
  }
  state.ui.asideParts.push(parts);
}

/** How many stored parts were set aside this visit. */
export function asideCount() {
  return state.ui.asideParts.reduce((sum, parts) => sum + Object.keys(parts).length, 0);
}

/** What was set aside, as a JSON text to download. */
export function setAsideText() {
  try {
    const kept = localStorage.getItem(SET_ASIDE);
    if (kept) return kept;
  } catch { /* blocked */ }
  return JSON.stringify(state.ui.asideParts, null, 2);
}

/** Whether the library holds `name` (its own entry: "constructor" is a name like any other).
 *  @param {Record<string, Saved>} books @param {string} name */
export function hasBook(books, name) {
  return Object.prototype.hasOwnProperty.call(books, name);
}

/** Every named assessment kept in this browser, by name (an object without a prototype, so
 *  that no name reaches Object.prototype). @returns {Record<string, Saved>} */
export function library() {
  /** @type {Record<string, Saved>} */
  const books = Object.create(null);
  try {
    const saved = JSON.parse(localStorage.getItem(LIBRARY) || "{}");
    if (saved && typeof saved === "object" && !Array.isArray(saved)) {
      for (const [name, book] of Object.entries(saved)) books[name] = book;
    }
  } catch {
    /* unreadable or blocked: no other assessment */
  }
  return books;
}

/** Write the library; false (and state.ui.storage says why) when storage refused it.
 *  @param {Record<string, Saved>} books */
export function storeLibrary(books) {
  try {
    localStorage.setItem(LIBRARY, JSON.stringify(books));
    return true;
  } catch (error) {
    state.ui.storage = failure(error);
    return false;
  }
}

/** This tab's assessment merged with the stored copy `stored` (merge.js) against the copy both
 *  last agreed on, checked; `mineLater`: this tab's change wins where both changed a field.
 *  @param {Saved} stored @param {boolean} mineLater */
function mergedWith(stored, mineLater) {
  const { name, view } = state.saved;
  return checked(merge3(JSON.parse(agreed), state.saved, stored, mineLater, ["name", "view"]), name, view).saved;
}

/**
 * Keep the current assessment, under its name in the library, merged first with what another
 * tab may have stored since (merge.js: this tab's changes are the later ones). Returns false
 * when storage refused it: state.ui.storage says why, and the work stays in this page.
 */
export function save() {
  if (!state.saved.name) state.saved.name = t("calc.default_name");
  const name = state.saved.name;
  try {
    const books = library();
    if (hasBook(books, name)) {
      // replaced only when another tab changed something: the page's controls keep their objects
      const stored = checked(books[name], name, state.saved.view).saved;
      const merged = mergedWith(stored, true);
      if (JSON.stringify(merged) !== JSON.stringify(checked(state.saved, name, state.saved.view).saved)) {
        state.saved = merged;
        state.ui.mergedElsewhere = true;
      }
    }
    books[name] = state.saved;
    localStorage.setItem(LIBRARY, JSON.stringify(books));
    localStorage.setItem(STORAGE, JSON.stringify(state.saved));
    agreed = JSON.stringify(state.saved);
    state.ui.storage = null;
    return true;
  } catch (error) {
    state.ui.storage = failure(error);
    return false;
  }
}

/**
 * Another tab wrote the library: its copy of the current assessment merged in (its changes are
 * the later ones). True when anything this tab shows changed.
 */
export function syncFromStorage() {
  const books = library();
  const name = state.saved.name;
  if (!hasBook(books, name)) return false;  // renamed or deleted there: this tab keeps its copy
  const stored = checked(books[name], name, state.saved.view).saved;
  const before = JSON.stringify(state.saved);
  state.saved = mergedWith(stored, false);
  agreed = JSON.stringify(stored);
  return JSON.stringify(state.saved) !== before;
}

/** Every assessment of this browser with the current one as this page holds it (also when
 *  storage failed): what a backup file holds. @returns {Record<string, Saved>} */
export function everyAssessment() {
  const books = library();
  books[state.saved.name || t("calc.default_name")] = state.saved;
  return books;
}

/** The view of the weight profile a standard is scored with: the custom one, the chosen
 *  shipped one, or the default. @param {string} id @returns {ProfileView|null} */
export function profileView(id) {
  const form = state.forms[id];
  if (!form) return null;
  if (state.custom[id] && standardState(id).customProfile) return state.custom[id];
  const chosen = standardState(id).profile;
  return form.profiles.find((p) => p.id === chosen) || form.profiles[0];
}
