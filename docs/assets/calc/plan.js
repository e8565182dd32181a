// @ts-check
// The improvement plan panel: a target level, the fewest items to improve to reach it, and
// for each step who fixes it, by when and how far it got. The levels offered and the plan
// are Python's (calculator/plan.py, through bridge.planOf): the page only draws them and
// keeps the chosen target and each step's follow-up in the assessment (its `plan`).

import { el } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { itemText, percentText } from "./assessment.js";
import { state, standardState, viewIds } from "./state.js";

export const STATUSES = ["open", "in-progress", "done"];
/** Steps shown before "show all": a plan can have dozens, each a card on a phone. */
const FOLD = 10;
let expanded = false;  // the visitor asked for every step (kept while the page is open)
/** @type {WeakMap<HTMLElement, string>} the answer (JSON) each list was drawn from: the same answer again is not
 *  drawn again under the visitor's fingers (fields being typed in, the steps unfolded) */
const drawn = new WeakMap();
const STATUS_WORDS = { open: "plan.status_open", "in-progress": "plan.status_in-progress", done: "plan.status_done" };

/** @typedef {{owner?: string, due?: string, status?: string}} FollowUp */

/** The view's chosen target ("" for none): a standard's level id, or stars-N in the combined view. */
export function chosenTarget() {
  const ids = viewIds();
  return (ids.length > 1 ? state.saved.planTarget : standardState(ids[0]).plan?.target) || "";
}

/** Choose the view's target ("" clears it). @param {string} target */
export function setTarget(target) {
  const ids = viewIds();
  if (ids.length > 1) {
    if (target) state.saved.planTarget = target; else delete state.saved.planTarget;
    return;
  }
  const saved = standardState(ids[0]);
  saved.plan = { ...(saved.plan || {}) };
  if (target) saved.plan.target = target; else delete saved.plan.target;
}

/** One step's follow-up as stored. @param {string} id @param {string} item @returns {FollowUp} */
export function followUp(id, item) {
  return standardState(id).plan?.steps?.[item] || {};
}

/** Keep a step's owner, due date or status. @param {string} id @param {string} item
 *  @param {"owner"|"due"|"status"} field @param {string} value */
export function setFollowUp(id, item, field, value) {
  const saved = standardState(id);
  const steps = { ...(saved.plan?.steps || {}) };
  const step = { ...(steps[item] || {}), [field]: value };
  if (!step.owner) delete step.owner;
  if (!step.due) delete step.due;
  if (!step.status || step.status === "open") delete step.status;
  if (Object.keys(step).length) steps[item] = step; else delete steps[item];
  saved.plan = { ...(saved.plan || {}), steps };
}

/** A rating as the form shows it: a percentage, or "unrated". @param {number|null} value */
function rated(value) {
  return value === null || value === undefined ? t("plan.unrated") : `${percentText(value)}%`;
}

/**
 * @typedef {object} PlanHandlers
 * @property {(target: string) => void} target  a target level was chosen
 * @property {(id: string, item: string, field: "owner"|"due"|"status", value: string) => void} follow
 *   a step's owner, due date or status changed
 */

/** The plan panel (filled by refreshPlan). @param {PlanHandlers} on */
export function drawPlan(on) {
  const select = el("select", { "data-testid": "plan-target", id: "plan-target" });
  select.addEventListener("change", () => on.target(/** @type {HTMLSelectElement} */ (select).value));
  const list = el("ol", { class: "calc-plan-steps", "data-testid": "plan" });
  const others = el("ul", { class: "calc-plan-steps calc-plan-others", "data-testid": "plan-others" });
  const changed = (/** @type {Event} */ event) => {
    const field = /** @type {HTMLInputElement} */ (event.target);
    const row = /** @type {HTMLElement|null} */ (field.closest("[data-plan-item]"));
    const kind = field.dataset.follow;
    if (!row || !kind) return;
    const standard = row.dataset.planStandard || "", item = row.dataset.planItem || "";
    const problem = /** @type {HTMLElement|null} */ (row.querySelector("[data-testid=plan-due-error]"));
    if (kind === "due" && field.validity.badInput) {
      // a date typed in part or impossible (2027-02-31): said, and the saved date kept, not emptied
      if (problem) {
        problem.hidden = false;
        problem.textContent = t("calc.plan_bad_due", { due: followUp(standard, item).due || t("plan.unset") });
      }
      return;
    }
    if (kind === "due" && problem) problem.hidden = true;
    on.follow(standard, item, /** @type {any} */ (kind), field.value);
  };
  list.addEventListener("change", changed);
  others.addEventListener("change", changed);
  const more = el("button", { type: "button", class: "md-button", "data-testid": "plan-more", hidden: true });
  more.addEventListener("click", () => {
    expanded = true;
    for (const row of list.querySelectorAll("li[hidden]")) /** @type {HTMLElement} */ (row).hidden = false;
    more.hidden = true;
    /** @type {HTMLElement|null} */ (list.children[FOLD]?.querySelector("input") || null)?.focus();
  });
  return el("section", { class: "calc-plan", "data-testid": "plan-box", "aria-labelledby": "plan-title" },
    el("h3", { id: "plan-title", text: t("plan.title") }),
    el("label", { class: "calc-plan-target", for: "plan-target", text: t("calc.plan_target") }), select,
    el("p", { class: "calc-plan-summary", "data-testid": "plan-summary", "aria-live": "polite" }),
    list, more,
    el("p", { class: "calc-plan-after", "data-testid": "plan-after" }),
    el("h4", { class: "calc-plan-others-title", "data-testid": "plan-others-title", hidden: true, text: t("calc.plan_others") }),
    others,
    el("p", { class: "calc-plan-method", text: t("plan.method") }));
}

/** Whether the view scores a completeness in % (CTS Q/ZG025-2022): its levels and scores are said in %. */
function completeness() {
  const ids = viewIds();
  return ids.length === 1 && state.forms[ids[0]]?.model === "completeness";
}

/** The plan's "after" line: stars for the combined view, else the score (a completeness in %) and level.
 *  @param {any} made */
function afterText(made) {
  if (made.parts) return t("plan.after_stars", { stars: made.stars_after });
  return t(completeness() ? "plan.after_completeness" : "plan.after",
    { score: made.score_after_text, level: made.level_after_label[lang] });
}

/** The text of a target option. @param {any} target */
function targetText(target) {
  if (String(target.id).startsWith("stars-")) return t("plan.target_option_stars", { stars: target.stars });
  return t(completeness() ? "calc.plan_option_completeness" : "calc.plan_option",
    { level: target.label[lang], min: Number(target.min_score).toFixed(2) });
}

/** One step of the plan: what to raise, from and to, the points, and its follow-up fields (a
 *  followed item no longer in the plan: without the change). @param {any} step @param {string} standard */
function stepRow(step, standard) {
  const kept = followUp(standard, step.item);
  const key = `${standard}-${step.item}`.replace(/[^A-Za-z0-9-]/g, "_");
  const status = el("select", { "data-follow": "status", "data-testid": "plan-status", id: `plan-status-${key}` },
    ...STATUSES.map((value) => el("option", { value, text: t(STATUS_WORDS[/** @type {keyof STATUS_WORDS} */ (value)]),
      selected: (kept.status || "open") === value })));
  const field = (/** @type {string} */ label, /** @type {HTMLElement} */ input, /** @type {HTMLElement|null} */ note = null) =>
    el("label", { class: "calc-plan-field" }, el("span", { text: label }), input, note);
  return el("li", { "data-plan-item": step.item, "data-plan-standard": standard, class: "calc-plan-step" },
    el("div", { class: "calc-plan-what" },
      el("b", { "data-testid": "plan-item", text: step.item }),
      step.to === undefined ? null : el("span", { class: "calc-plan-change", text: t("calc.plan_change",
        { from: rated(step.from), to: rated(step.to), points: step.points_text }) }),
      el("span", { class: "calc-plan-text", text: itemText(standard, step.item) })),
    el("div", { class: "calc-plan-follow" },
      field(t("plan.col_owner"), el("input", { type: "text", "data-follow": "owner", "data-testid": "plan-owner",
        maxlength: "200", value: kept.owner || "", autocomplete: "off" })),
      field(t("plan.col_due"), el("input", { type: "date", "data-follow": "due", "data-testid": "plan-due",
        value: kept.due || "" }), el("span", { class: "calc-error", "data-testid": "plan-due-error", role: "alert", hidden: true })),
      field(t("plan.col_status"), status)));
}

/** Fill the plan panel from Python's latest answer (state.plan). @param {HTMLElement} host */
export function refreshPlan(host) {
  const box = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=plan-box]"));
  if (!box) return;
  const answer = state.plan;
  const select = /** @type {HTMLSelectElement} */ (box.querySelector("[data-testid=plan-target]"));
  const summary = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan-summary]"));
  const after = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan-after]"));
  const list = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan]"));
  const chosen = chosenTarget();
  const targets = answer?.ok ? [...answer.targets] : [];
  if (chosen && !targets.some((one) => one.id === chosen) && answer?.plan) {
    const made = answer.plan;  // already reached: still shown as the choice
    targets.push(made.target_label ? { id: chosen, label: made.target_label, min_score: made.target_min }
      : { id: chosen, stars: made.target_stars });
  }
  if (document.activeElement !== select) {
    select.replaceChildren(el("option", { value: "", text: t("calc.plan_choose") }),
      ...targets.map((one) => el("option", { value: one.id, text: targetText(one), selected: one.id === chosen })));
  }
  const made = answer?.ok ? answer.plan : null;
  const more = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan-more]"));
  drawOthers(box, made);
  const text = JSON.stringify(answer);
  if (answer && drawn.get(list) === text) return;  // the same plan: its fields keep what is being typed
  drawn.set(list, text);
  list.replaceChildren();
  more.hidden = true;
  after.textContent = "";
  if (!answer) { summary.textContent = ""; return; }
  if (!answer.ok) { summary.textContent = t("calc.plan_unavailable"); return; }
  if (!made) { summary.textContent = targets.length ? t("calc.plan_hint") : t("calc.plan_top"); return; }
  if (made.reached) { summary.textContent = t("plan.reached"); return; }
  if (!made.reachable) { summary.textContent = t("plan.unreachable", { why: say(made.reason, "result") }); return; }
  summary.textContent = t("plan.steps", { count: made.steps.length, points: made.points_text });
  const single = viewIds().length === 1 ? viewIds()[0] : "";
  made.steps.forEach((/** @type {any} */ step, /** @type {number} */ index) => {
    const row = stepRow(step, step.standard || single);
    row.hidden = !expanded && index >= FOLD && made.steps.length > FOLD + 2;
    list.append(row);
  });
  if (list.querySelector("li[hidden]")) {
    more.hidden = false;
    more.textContent = t("calc.plan_show_all", { count: made.steps.length });
  }
  after.textContent = afterText(made) + (made.minimal ? "" : ` ${t("plan.not_minimal")}`);
}

/** The items of the view that have a follow-up (an owner, a date, a status) but are not steps of
 *  the plan shown (raised since, or under another target): listed with their fields, so what was
 *  assigned stays in sight. @param {HTMLElement} box @param {any} made */
function drawOthers(box, made) {
  const others = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan-others]"));
  const title = /** @type {HTMLElement} */ (box.querySelector("[data-testid=plan-others-title]"));
  if (others.contains(document.activeElement)) return;
  const planned = new Set((made?.steps || []).map((/** @type {any} */ step) => `${step.standard || viewIds()[0]}/${step.item}`));
  others.replaceChildren();
  for (const id of viewIds()) {
    for (const item of Object.keys(standardState(id).plan?.steps || {})) {
      if (!planned.has(`${id}/${item}`)) others.append(stepRow({ item }, id));
    }
  }
  title.hidden = !others.children.length;
}

/** The plan as the printed report shows it: a table of the steps with their follow-up, or null. */
export function planReport() {
  const made = state.plan?.ok ? state.plan.plan : null;
  if (!made || !made.reachable || made.reached) return null;
  const head = ["plan.col_item", "plan.col_from", "plan.col_to", "plan.col_points", "plan.col_owner", "plan.col_due",
    "plan.col_status"].map((key) => el("th", { text: t(key) }));
  const single = viewIds().length === 1 ? viewIds()[0] : "";
  const rows = made.steps.map((/** @type {any} */ step) => {
    const kept = followUp(step.standard || single, step.item);
    return el("tr", { "data-report-plan": step.item },
      el("td", {}, el("b", { text: step.item }), el("span", { class: "calc-report-plan-text",
        text: itemText(step.standard || single, step.item) })),
      el("td", { text: rated(step.from) }), el("td", { text: rated(step.to) }),
      el("td", { text: step.points_text }), el("td", { text: kept.owner || "" }), el("td", { text: kept.due || "" }),
      el("td", { text: t(STATUS_WORDS[/** @type {keyof STATUS_WORDS} */ (kept.status || "open")]) }));
  });
  const target = made.target_label
    ? t(completeness() ? "plan.target_completeness" : "plan.target",
      { level: made.target_label[lang], min: Number(made.target_min).toFixed(2) })
    : t("plan.target_stars", { stars: made.target_stars });
  return el("section", { class: "calc-report-part calc-report-plan", "data-testid": "report-plan" },
    el("h2", { text: t("plan.title") }), el("p", { text: target }),
    el("p", { text: t("plan.steps", { count: made.steps.length, points: made.points_text }) }),
    el("table", {}, el("thead", {}, el("tr", {}, ...head)), el("tbody", {}, ...rows)),
    el("p", { text: afterText(made) }),
    el("p", { class: "calc-report-notice", text: t("plan.method") }));
}
