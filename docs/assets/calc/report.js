// @ts-check
// The printed report (A4) and the per-section chart, drawn from Python's result, the CSV
// rows Python writes for the same assessment (every item's rating in words, points, earned)
// and the form models' titles. The report is kept in the page (hidden on screen) and
// redrawn with every result, so the browser's own print of the calculator page prints it.

import { el, words } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { save, state, viewIds } from "./state.js";
import { assessmentFile, customProfile } from "./assessment.js";
import { csvOf } from "./bridge.js";

/** @type {{result: any, rows: string[][]}|null} Python's CSV rows (page language) for a result */
let csv = null;

const SVG = "http://www.w3.org/2000/svg";

/** @param {string} tag @param {Record<string, any>} attrs @param {string|null} [text] */
function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** Titles of a standard's sections and clauses, by id. @param {string} id @returns {Record<string, string>} */
export function titles(id) {
  /** @type {Record<string, string>} */
  const out = {};
  const form = state.forms[id];
  if (!form) return out;
  for (const part of form.sections) {
    out[part.id] = part.title[lang];
    for (const clause of part.clauses) out[clause.id] = clause.title[lang];
  }
  return out;
}

/** The result's points earned against available, per section. @param {any} result */
export function chart(result) {
  const names = titles(result.standard);
  const rows = result.sections;
  const width = 640, label = 190, bar = width - label - 70, height = 24 * rows.length + 30;
  const most = Math.max(...rows.map((/** @type {any} */ row) => row.points), 1);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": t("calc.report_chart_of", { code: result.code }), class: "calc-chart" });
  rows.forEach((/** @type {any} */ row, /** @type {number} */ index) => {
    const y = 10 + index * 24;
    root.append(svg("text", { x: 0, y: y + 13, "font-size": 11 }, `${row.id} ${names[row.id] || ""}`.slice(0, 28)));
    root.append(svg("rect", { x: label, y, width: (bar * row.available) / most, height: 16, fill: "#cfd8dc" }));
    root.append(svg("rect", { x: label, y, width: (bar * row.earned) / most, height: 16, fill: "#3949ab" }));
    root.append(svg("text", { x: label + bar + 6, y: y + 13, "font-size": 11 }, `${row.earned} / ${row.available}`));
  });
  const legendY = height - 8;
  root.append(svg("rect", { x: label, y: legendY - 9, width: 10, height: 10, fill: "#3949ab" }));
  root.append(svg("text", { x: label + 14, y: legendY, "font-size": 10 }, t("calc.report_earned")));
  root.append(svg("rect", { x: label + 80, y: legendY - 9, width: 10, height: 10, fill: "#cfd8dc" }));
  root.append(svg("text", { x: label + 94, y: legendY, "font-size": 10 }, t("calc.report_available")));
  return root;
}

/** "x points earned of y applicable" for a result. @param {any} result */
export function earnedText(result) {
  const one = result.excluded_text === "1.00";
  return t(result.model === "completeness" ? (one ? "calc.earned_completeness_one" : "calc.earned_completeness")
    : (one ? "calc.earned_one" : "calc.earned"),
  { earned: result.earned_text, applicable: result.applicable_text, excluded: result.excluded_text });
}

/** How many items count as 0 because they are not rated, in words. @param {number} count */
export function unratedText(count) {
  return count === 0 ? t("calc.unrated_none")
    : t(count === 1 ? "calc.unrated_count_one" : "calc.unrated_count", { count });
}

/** The combined rating in one line: stars or failed, and why. @param {any} combined */
export function combinedText(combined) {
  return combined.passed ? t("calc.combined_passed", { stars: combined.stars, reason: say(combined.reason, "result") })
    : t("calc.combined_failed", { reason: say(combined.reason, "result") });
}

/** The items of one standard as Python's CSV rows give them: item, requirement, rating in
 *  words, points, earned, note. @param {any} result @param {string[][]} rows */
function itemTable(result, rows) {
  const [header, ...body] = rows;
  const col = (/** @type {string} */ key) => ["standard", "profile", "item", "clause", "rating", "band", "points",
    "earned", "note"].indexOf(key);
  const texts = /** @type {Record<string, string>} */ ({});
  for (const part of state.forms[result.standard].sections) {
    for (const clause of part.clauses) for (const item of clause.items) texts[item.id] = item.text[lang];
  }
  const notes = state.saved.standards[result.standard]?.notes || {};
  const table = el("table", { class: "calc-report-items", "data-testid": "report-items" }, el("thead", {}, el("tr", {},
    el("th", { text: header[col("item")] }), el("th", { text: t("calc.report_requirement") }),
    el("th", { text: header[col("band")] }), el("th", { text: header[col("points")] }),
    el("th", { text: header[col("earned")] }), el("th", { text: header[col("note")] }))));
  const tbody = el("tbody");
  for (const row of body) {
    const item = row[col("item")];
    if (row[col("standard")] !== result.standard || !(item in texts)) continue;  // the name and GB/T's counts
    tbody.append(el("tr", { "data-report-item": item }, el("td", { text: item }),
      el("td", {}, ...words(state.forms[result.standard], texts[item], lang)),
      el("td", { text: row[col("band")] }), el("td", { text: row[col("points")] }),
      el("td", { text: row[col("earned")] }), el("td", { text: notes[item] || "" })));
  }
  table.append(tbody);
  return table;
}

/** GB/T 27922's special deductions and bonus, as Python's CSV names them. @param {any} result @param {string[][]} rows */
function specials(result, rows) {
  return rows.filter((row) => row[0] === result.standard && ["special_deductions", "special_bonus"].includes(row[2]))
    .map((row) => el("p", { "data-testid": "report-special", text: t("format.label_value", { label: row[3], value: row[4] }) }));
}

/** @param {any} result @param {string[][]} rows */
function reportOf(result, rows) {
  const form = state.forms[result.standard];
  const names = titles(result.standard);
  const table = el("table", {}, el("thead", {}, el("tr", {},
    ...[t("calc.report_clause"), "", t("calc.report_available"), t("calc.report_earned"), t("calc.report_lost")]
      .map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const row of result.clauses) {
    body.append(el("tr", {}, el("td", { text: row.id }), el("td", { text: names[row.id] || "" }),
      el("td", { text: String(row.available) }), el("td", { text: String(row.earned) }), el("td", { text: String(row.lost) })));
  }
  table.append(body);
  return el("section", { class: "calc-report-part", "data-report-standard": result.standard },
    el("h2", { text: `${form.code} ${form.title[lang]}` }),
    el("p", { text: t("calc.report_profile", { title: say(result.profile.title, "result") }) }),
    el("p", { class: "calc-report-score", text: t(result.model === "completeness" ? "calc.report_completeness" : "calc.report_score",
      { score: result.score_text, level: result.level_label[lang],
        verdict: result.passed ? t("calc.yes") : t("calc.no") }) +
      (result.stars === null ? "" : ` · ${t("calc.stars_count", { stars: result.stars })}`) }),
    result.reason ? el("p", { text: t("calc.reason", { reason: say(result.reason, "result") }) }) : null,
    el("p", { text: earnedText(result) }),
    el("p", { "data-testid": "report-unrated", text: unratedText(result.unrated.length) }),
    ...specials(result, rows),
    el("p", { text: t("calc.next", { text: say(result.next_message, "result") }) }),
    result.provisional_weights ? el("p", { class: "calc-warning", text: t("calc.provisional") }) : null,
    el("h3", { text: t("calc.report_chart") }), chart(result),
    el("h3", { text: t("calc.fix_first") }),
    el("ol", {}, ...result.fix_first.slice(0, 10).map((/** @type {any} */ row) =>
      el("li", { text: `${row.clause} ${names[row.clause] || ""} · ${row.recoverable_text} (+${row.score_gain})` }))),
    el("h3", { text: t("calc.report_clauses") }), table,
    el("h3", { text: t("calc.report_items") }), itemTable(result, rows));
}

/** the report's details and their labels */
const DETAIL_LABELS = { enterprise: "calc.report_enterprise", site: "calc.report_site", assessor: "calc.report_assessor",
  date: "calc.report_date" };
const DETAILS = /** @type {const} */ (["enterprise", "site", "assessor", "date"]);

/** The report's heading lines: who and what was assessed, by whom and when. */
function detailsTable() {
  const details = state.saved.details || {};
  return el("table", { class: "calc-report-details", "data-testid": "report-details" }, el("tbody", {},
    ...DETAILS.map((key) => el("tr", {}, el("th", { scope: "row", text: t(DETAIL_LABELS[key]) }),
      el("td", { "data-detail": key, text: details[key] || "" })))));
}

/** Draw the report of the current result into the page (hidden on screen, printed alone).
 *  @param {HTMLElement} host */
export function drawReport(host) {
  const current = state.result;
  if (!current || !csv || csv.result !== current) return;
  const results = current.results || [current];
  const report = el("section", { class: "calc-report", "data-testid": "report", lang },
    el("h1", { text: t("calc.report_title") }),
    el("p", { text: t("calc.report_of", { name: state.saved.name || t("calc.default_name"),
      date: new Date().toISOString().slice(0, 10) }) }),
    detailsTable(),
    el("p", { class: "calc-report-notice", text: t("calc.report_notice") }),
    current.combined ? el("p", { class: "calc-report-score", text: combinedText(current.combined) }) : null,
    ...results.map((/** @type {any} */ result) => reportOf(result, csv ? csv.rows : [])));
  host.querySelector(".calc-report")?.remove();
  host.append(report);
}

/** Ask Python for the CSV rows of the current result, then redraw the report:
 *  body[data-report] is "current" once the report matches the result shown. @param {HTMLElement} host */
export async function updateReport(host) {
  const current = state.result;
  document.body.dataset.report = "pending";
  const answer = await csvOf(JSON.stringify(assessmentFile()), lang, customProfile(), viewIds()).catch(() => null);
  if (current !== state.result || !answer || !answer.ok) return;  // a newer result, or Python stopped
  csv = { result: current, rows: answer.rows };
  drawReport(host);
  document.body.dataset.report = "current";
}

/** The fields the printed report names (enterprise, site, assessor, date), kept with the
 *  assessment in this browser. @param {HTMLElement} host */
export function drawDetails(host) {
  const details = state.saved.details || (state.saved.details = {});
  const fields = DETAILS.map((key) => {
    const input = /** @type {HTMLInputElement} */ (el("input", { type: key === "date" ? "date" : "text",
      id: `calc-detail-${key}`, "data-detail": key, value: details[key] || "", autocomplete: "off" }));
    input.addEventListener("input", () => {
      details[key] = input.value;
      save();
      drawReport(host);  // the words only: nothing is rescored
    });
    return el("div", { class: "calc-detail-field" }, el("label", { for: input.id, text: t(DETAIL_LABELS[key]) }), input);
  });
  return el("details", { class: "calc-details" }, el("summary", { text: t("calc.report_details") }), ...fields);
}

/** Print the report of the current result. @param {HTMLElement} host */
export function printReport(host) {
  if (!state.result) return;
  drawReport(host);
  window.print();
}
