// @ts-check
// The calculator page's one state object, and keeping it in this browser's storage.
// Everything the page shows is drawn from `state`; nothing is read back from the page.

import { t } from "./strings.js";
import { checkSaved } from "./stored.js";

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
/** @typedef {{ratings: Record<string, Rating>, notes?: Record<string, string>, profile: string|null,
 *   deductions: string, bonus: boolean, customProfile?: string}} StandardState */
/** @typedef {{enterprise?: string, site?: string, assessor?: string, date?: string}} Details  what the printed report names */
/** @typedef {{name: string, view: string, standards: Record<string, StandardState>, details?: Details}} Saved */
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
 *   profiles: ProfileView[], sections: FormSection[], runs?: Record<string, Record<string, [string, string|null][]>>}} Form
 *   (made by calculator/form.py; runs: the texts holding words of the other language, sitegen/bundle.py) */

/**
 * @typedef {object} Ui
 * @property {Set<string>|null} onlyUnrated  items shown while "show unrated only" is on (null: off)
 * @property {{text: string, items: Record<string, Record<string, Rating|undefined>>, back?: HTMLElement|null}|null} undo
 *   the last bulk action or cleared rating (back: the control the focus returns to once undone)
 * @property {{text: string, kind: string}} message  the latest notice
 * @property {string|null} backFrom  the clause a "fix first" link went to (offers the way back)
 * @property {{id: string, item: string}|null} lastItem  the item rated last (the result offers the way back to it)
 * @property {string} status  the Python start-up line
 * @property {{done: number, total: number}|null} download  bytes of the Python runtime received
 * @property {Record<string, any>[]} asideParts  stored parts set aside this visit (stored.js), path -> value
 */

/**
 * @typedef {object} State
 * @property {Saved} saved  what is stored: the current assessment
 * @property {Record<string, Form>} forms  each standard's form model, by id
 * @property {Record<string, ProfileView>} custom  the view of each custom profile in use, by standard
 * @property {any} result  Python's latest result for the view (null before the first)
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
  error: null,
  fieldError: null,
  stale: false,
  ui: { onlyUnrated: null, undo: null, message: { text: "", kind: "info" }, backFrom: null, lastItem: null, status: "",
    download: null, asideParts: [] },
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

/** Read the current assessment from storage, checked (stored.js): the valid parts are used,
 *  the rest is set aside (kept under SET_ASIDE for download, and in state.ui.asideParts);
 *  unreadable storage starts empty, the page still works. */
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
  } catch {
    /* storage blocked: start empty */
  }
  const checked = checkSaved(raw, KNOWN, Object.keys(VIEWS), t("calc.default_name"), CTS);
  state.saved = checked.saved;
  setAside({ ...aside, ...checked.aside });
}

/** A named assessment from the library made current, checked as load() checks storage.
 *  @param {unknown} raw @param {string} name */
export function useStored(raw, name) {
  const checked = checkSaved(raw, KNOWN, Object.keys(VIEWS), name, state.saved.view);
  state.saved = checked.saved;
  state.saved.name = name;
  setAside(checked.aside);
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

/** Every named assessment kept in this browser. @returns {Record<string, Saved>} */
export function library() {
  try {
    const saved = JSON.parse(localStorage.getItem(LIBRARY) || "{}");
    return saved && typeof saved === "object" ? saved : {};
  } catch {
    return {};
  }
}

/** Replace the library (after a rename or a delete). @param {Record<string, Saved>} books */
export function storeLibrary(books) {
  try {
    localStorage.setItem(LIBRARY, JSON.stringify(books));
  } catch {
    /* storage full or disabled */
  }
}

/** Keep the current assessment, and it under its name in the library. */
export function save() {
  if (!state.saved.name) state.saved.name = t("calc.default_name");
  try {
    localStorage.setItem(STORAGE, JSON.stringify(state.saved));
    localStorage.setItem(LIBRARY, JSON.stringify({ ...library(), [state.saved.name]: state.saved }));
  } catch {
    /* storage full or disabled: the page keeps the values */
  }
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
