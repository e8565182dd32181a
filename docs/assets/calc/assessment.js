// @ts-check
// The state's ratings as an assessment in the CLI's file format, and back. Nothing is
// scored here: Python receives the file and checks it as the CLI does.

import { lang, t } from "./strings.js";
import { profileView, state, standardState, viewIds } from "./state.js";

/** An item of a standard's form and its clause, or null when the form has no such item.
 *  @param {string} id @param {string} itemId */
function formItem(id, itemId) {
  for (const part of state.forms[id]?.sections || []) {
    for (const clause of part.clauses) {
      const item = clause.items.find((one) => one.id === itemId);
      if (item) return { clause, item };
    }
  }
  return null;
}

/** An item as a reader names it: "5.1.1 a)" for a lettered item, else its number.
 *  @param {string} id @param {string} itemId */
export function itemName(id, itemId) {
  const found = formItem(id, itemId);
  if (!found) return itemId;
  return found.item.label.endsWith(")") ? `${found.clause.id} ${found.item.label}` : found.item.label;
}

/** An item's text in the page's language, as the form shows it ("" for an unknown item).
 *  @param {string} id @param {string} itemId */
export function itemText(id, itemId) {
  return formItem(id, itemId)?.item.text[lang] || "";
}

/**
 * "33.3" -> 0.333 without binary arithmetic: the decimal point moves two places in the
 * text, so the JSON number Python receives is exactly the decimal the user typed.
 * @param {string} text @returns {number|null} null when it is not a percentage from 0 to 100
 */
export function percentToFraction(text) {
  // as many decimals as typed: the CLI scores any decimal, so the page takes every one too
  const match = /^\s*(\d{1,3})(?:[.,](\d+))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const [, whole, frac = ""] = match;
  if (Number(`${whole}.${frac || 0}`) > 100) return null;
  const scale = frac.length + 2;
  const digits = `${whole}${frac}`.padStart(scale + 1, "0");
  return Number(`${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

/** "1.5e-7" -> "0.00000015": a number's shortest text without an exponent, digit for digit.
 *  @param {string} text */
function plainDecimal(text) {
  const match = /^(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, whole, frac = "", exponent] = match;
  const digits = `${whole}${frac}`;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + "0".repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** 0.333 -> "33.3" by moving the decimal point in the number's shortest text. @param {number} value */
export function percentText(value) {
  const text = plainDecimal(String(value));
  const [whole, frac = ""] = text.split(".");
  const digits = `${whole}${frac.padEnd(2, "0").slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2);
  return rest ? `${digits}.${rest}` : digits;
}

/**
 * Saved ratings checked against a standard's form model: a band value the form no longer offers
 * (an earlier deployment's) that is still a share from 0 to 1 is kept as that exact percentage;
 * a rating that is neither, or of an item the form does not have, is taken out and returned
 * (path -> value) to be set aside, never silently dropped.
 * @param {string} id @returns {Record<string, any>}
 */
export function reconcile(id) {
  const form = state.forms[id];
  const saved = state.saved.standards[id];
  /** @type {Record<string, any>} */
  const aside = {};
  if (!form || !saved) return aside;
  const offered = new Set(form.options.map((option) => option.value));
  const items = new Set(form.sections.flatMap((part) => part.clauses.flatMap((clause) => clause.items.map((item) => item.id))));
  for (const [item, entry] of Object.entries(saved.ratings)) {
    const share = Number(entry.choice);
    if (items.has(item) && (entry.choice === "na" || entry.choice === "exact" || offered.has(entry.choice))) continue;
    if (items.has(item) && entry.choice.trim() !== "" && Number.isFinite(share) && share >= 0 && share <= 1) {
      saved.ratings[item] = { choice: "exact", exact: percentText(share) };
      continue;
    }
    aside[`standards.${id}.ratings.${item}`] = entry;
    delete saved.ratings[item];
  }
  return aside;
}

/** What an item's saved rating sends: a number, "na", null (not rated) or "invalid" (a typed
 *  percentage that is not one). @param {import("./state.js").Rating|undefined} entry */
export function ratingValue(entry) {
  if (!entry || typeof entry.choice !== "string" || !entry.choice) return null;
  if (entry.choice === "na") return "na";
  if (entry.choice === "exact") {
    if (!entry.exact || !entry.exact.trim()) return null;
    const value = percentToFraction(entry.exact);
    return value === null ? "invalid" : value;
  }
  const value = Number(entry.choice);
  return Number.isFinite(value) ? value : null;
}

/** Items of the view whose typed input is not valid, by item id, with the text typed. */
export function invalidInputs() {
  /** @type {Record<string, string>} */
  const out = {};
  for (const id of viewIds()) {
    for (const [item, entry] of Object.entries(standardState(id).ratings)) {
      if (ratingValue(entry) === "invalid") out[item] = entry.exact;
    }
  }
  return out;
}

/**
 * One standard's assessment in the CLI's format (of the open assessment, or of `saved`: another
 * saved assessment's state of that standard).
 * @param {string} id @param {boolean} [forCustomProfile] leave the profile out (it comes with the request)
 * @param {import("./state.js").StandardState} [saved]
 */
export function assessmentOf(id, forCustomProfile = false, saved = standardState(id)) {
  const form = state.forms[id];
  /** @type {Record<string, any>} */
  const out = { standard: id };
  if (form && form.choose_profile && !forCustomProfile && !saved.customProfile) {
    out.profile = saved.profile || form.default_profile;
  }
  /** @type {Record<string, number|string>} */
  const ratings = {};
  for (const [item, entry] of Object.entries(saved.ratings)) {
    const value = ratingValue(entry);
    if (value !== null && value !== "invalid") ratings[item] = value;
  }
  out.ratings = ratings;
  const notes = Object.fromEntries(Object.entries(saved.notes || {})
    .filter(([, v]) => typeof v === "string" && v.trim()));
  if (Object.keys(notes).length) out.notes = notes;
  const plan = planOf(saved.plan);
  if (plan) out.plan = plan;
  if (form && form.special) {
    // sent as typed: Python refuses a bad count with a message naming it
    const typed = String(saved.deductions ?? "0").trim();
    // an emptied field is no deductions (the file format's default), not a refused count
    out.special_deductions = typed === "" ? 0 : /^\d+$/.test(typed) ? Number(typed) : typed;
    out.special_bonus = saved.bonus ? 1 : 0;
  }
  return out;
}

/** A standard's plan in the file format: the target and the steps with any follow-up (an open
 *  step with no owner and no date is not written); null when there is nothing to write.
 *  @param {import("./state.js").PlanState|undefined} plan */
function planOf(plan) {
  if (!plan) return null;
  /** @type {Record<string, any>} */
  const out = {};
  if (plan.target) out.target = plan.target;
  const steps = Object.fromEntries(Object.entries(plan.steps || {}).filter(([, step]) =>
    step.owner || step.due || (step.status && step.status !== "open")));
  if (Object.keys(steps).length) out.steps = steps;
  return Object.keys(out).length ? out : null;
}

/** The view's assessment: one standard, or both of the combined rating (with its target). */
export function assessment() {
  const ids = viewIds();
  if (ids.length === 1) return assessmentOf(ids[0]);
  /** @type {Record<string, any>} */
  const out = { assessments: ids.map((id) => assessmentOf(id)) };
  if (state.saved.planTarget) out.plan = { target: state.saved.planTarget };
  return out;
}

/** The view's assessment as a file: the CLI's format with the assessment's name as its title. */
export function assessmentFile() {
  /** @type {Record<string, any>} */
  const out = { title: state.saved.name || t("calc.default_name"), ...assessment() };
  const details = Object.fromEntries(Object.entries(state.saved.details || {}).filter(([, v]) => v && v.trim()));
  if (Object.keys(details).length) out.report = details;  // what the printed report names
  return out;
}

/** The custom profile (JSON text) in use in the view, if any. @returns {string|null} */
export function customProfile() {
  for (const id of viewIds()) {
    const text = standardState(id).customProfile;
    if (text) return text;
  }
  return null;
}

/**
 * An assessment in the CLI's format -> what the state holds for that standard.
 * @param {Record<string, any>} entry @param {import("./state.js").Form} form
 * @returns {import("./state.js").StandardState}
 */
export function stateFrom(entry, form) {
  const offered = new Set(form.options.map((option) => option.value));
  /** @type {import("./state.js").StandardState} */
  const out = { ratings: {}, notes: { ...(entry.notes || {}) }, profile: entry.profile || null,
    deductions: String(entry.special_deductions ?? 0), bonus: entry.special_bonus === 1 };
  if (entry.plan) out.plan = { ...(entry.plan.target ? { target: entry.plan.target } : {}), steps: { ...(entry.plan.steps || {}) } };
  for (const [item, value] of Object.entries(entry.ratings || {})) {
    if (typeof value === "string") out.ratings[item] = { choice: "na", exact: "" };
    else if (offered.has(String(value))) out.ratings[item] = { choice: String(value), exact: "" };
    else out.ratings[item] = { choice: "exact", exact: percentText(value) };
  }
  return out;
}

/** How many of the items a profile scores are rated, overall and by section.
 *  @param {string} id @returns {{rated: number, total: number, sections: Record<string, {rated: number, total: number}>}} */
export function progress(id) {
  const form = state.forms[id];
  const saved = standardState(id);
  const out = { rated: 0, total: 0, sections: /** @type {Record<string, {rated: number, total: number}>} */ ({}) };
  if (!form) return out;
  const scored = new Set(profileItems(id));
  for (const section of form.sections) {
    const row = { rated: 0, total: 0 };
    for (const clause of section.clauses) {
      for (const item of clause.items) {
        if (!scored.has(item.id)) continue;
        row.total += 1;
        const value = ratingValue(saved.ratings[item.id]);
        if (value !== null && value !== "invalid") row.rated += 1;
      }
    }
    out.sections[section.id] = row;
    out.rated += row.rated;
    out.total += row.total;
  }
  return out;
}

/** The items the standard's current profile scores. @param {string} id @returns {string[]} */
export function profileItems(id) {
  return profileView(id)?.items || [];
}
