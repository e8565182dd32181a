// @ts-check
// What this browser's storage holds, checked before the page uses it: stored data may be
// damaged, hand-edited or written by an earlier version. The valid parts are kept; every
// other part is set aside (by its path, kept for download), never silently dropped, and a
// bad entry never stops the page.

/** Keys that would change an object's prototype, never copied. */
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);
const DETAILS = ["enterprise", "site", "assessor", "date"];
const FOLLOW_UP = ["owner", "due", "status"];

/** @param {unknown} value @returns {value is Record<string, any>} */
const isPlain = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The entries of a stored object that are safe to copy; the rest go aside under `path`.
 * @param {Record<string, any>} value @param {string} path @param {Record<string, any>} aside
 */
function entries(value, path, aside) {
  return Object.entries(value).filter(([key, inner]) => {
    if (!UNSAFE.has(key)) return true;
    aside[`${path}.${key}`] = inner;
    return false;
  });
}

/**
 * One rating as stored, or as an earlier version stored it (a number, or "na"): {choice, exact},
 * or null when it is none of these.
 * @param {unknown} value @returns {{choice: string, exact: string}|null}
 */
function rating(value) {
  if (typeof value === "number" && Number.isFinite(value)) return { choice: String(value), exact: "" };
  if (value === "na") return { choice: "na", exact: "" };
  if (isPlain(value) && typeof value.choice === "string"
      && (value.exact === undefined || typeof value.exact === "string")) {
    return { choice: value.choice, exact: value.exact || "" };
  }
  return null;
}

/**
 * One standard's stored state, checked.
 * @param {Record<string, any>} value @param {string} path @param {Record<string, any>} aside
 * @param {number} noteChars the longest note Python accepts (characters)
 */
function standard(value, path, aside, noteChars) {
  /** @type {import("./state.js").StandardState} */
  const out = { ratings: {}, notes: {}, profile: null, deductions: "0", bonus: false };
  for (const [key, inner] of entries(value, path, aside)) {
    const here = `${path}.${key}`;
    if (key === "ratings" && isPlain(inner)) {
      for (const [item, raw] of entries(inner, here, aside)) {
        const checked = rating(raw);
        if (checked) out.ratings[item] = checked;
        else aside[`${here}.${item}`] = raw;
      }
    } else if (key === "notes" && isPlain(inner)) {
      for (const [item, raw] of entries(inner, here, aside)) {
        if (typeof raw === "string" && [...raw].length <= noteChars) /** @type {Record<string, string>} */ (out.notes)[item] = raw;
        else aside[`${here}.${item}`] = raw;
      }
    } else if (key === "profile" && (inner === null || typeof inner === "string")) {
      out.profile = inner;
    } else if (key === "deductions" && (typeof inner === "string" || typeof inner === "number")) {
      out.deductions = String(inner);
    } else if (key === "bonus" && typeof inner === "boolean") {
      out.bonus = inner;
    } else if (key === "customProfile" && typeof inner === "string") {
      out.customProfile = inner;
    } else if (key === "plan" && isPlain(inner)) {
      out.plan = plan(inner, here, aside);
    } else {
      aside[here] = inner;
    }
  }
  return out;
}

/**
 * A standard's improvement plan as stored: its target and each step's owner, due date and
 * status (text); anything else is set aside. Python checks the values when it plans.
 * @param {Record<string, any>} value @param {string} path @param {Record<string, any>} aside
 * @returns {import("./state.js").PlanState}
 */
function plan(value, path, aside) {
  /** @type {import("./state.js").PlanState} */
  const out = {};
  for (const [key, inner] of entries(value, path, aside)) {
    if (key === "target" && typeof inner === "string") out.target = inner;
    else if (key === "steps" && isPlain(inner)) {
      out.steps = {};
      for (const [item, step] of entries(inner, `${path}.steps`, aside)) {
        if (!isPlain(step)) { aside[`${path}.steps.${item}`] = step; continue; }
        /** @type {Record<string, string>} */
        const kept = {};
        for (const [field, text] of entries(step, `${path}.steps.${item}`, aside)) {
          if (FOLLOW_UP.includes(field) && typeof text === "string") kept[field] = text;
          else aside[`${path}.steps.${item}.${field}`] = text;
        }
        out.steps[item] = kept;
      }
    } else aside[`${path}.${key}`] = inner;
  }
  return out;
}

/**
 * A stored assessment, checked: what the page can use, and what was set aside (path -> value).
 * @param {unknown} raw what JSON.parse gave
 * @param {string[]} known the standards the page knows
 * @param {string[]} views the view picker's keys
 * @param {string} fallbackName @param {string} fallbackView
 * @param {number} [noteChars] a longer note is set aside (Python would refuse to score it)
 * @returns {{saved: import("./state.js").Saved, aside: Record<string, any>}}
 */
export function checkSaved(raw, known, views, fallbackName, fallbackView, noteChars = Infinity) {
  /** @type {Record<string, any>} */
  const aside = {};
  /** @type {import("./state.js").Saved} */
  const saved = { name: fallbackName, view: fallbackView, standards: {}, details: {} };
  if (!isPlain(raw)) {
    if (raw !== null && raw !== undefined) aside.assessment = raw;
    return { saved, aside };
  }
  for (const [key, value] of entries(raw, "assessment", aside)) {
    if (key === "name" && typeof value === "string" && value.trim()) saved.name = value;
    else if (key === "view" && typeof value === "string" && views.includes(value)) saved.view = value;
    else if (key === "planTarget" && typeof value === "string") saved.planTarget = value;
    else if (key === "details" && isPlain(value)) {
      for (const [field, text] of entries(value, "details", aside)) {
        if (DETAILS.includes(field) && typeof text === "string") /** @type {Record<string, string>} */ (saved.details)[field] = text;
        else aside[`details.${field}`] = text;
      }
    } else if (key === "standards" && isPlain(value)) {
      for (const [id, inner] of entries(value, "standards", aside)) {
        if (known.includes(id) && isPlain(inner)) saved.standards[id] = standard(inner, `standards.${id}`, aside, noteChars);
        else aside[`standards.${id}`] = inner;
      }
    } else {
      aside[key] = value;
    }
  }
  return { saved, aside };
}
