// @ts-check
// The printed report (A4) and the per-section chart, drawn from Python's result, the CSV
// rows Python writes for the same assessment (every item's rating in words, the specials)
// and the form models' titles. The report is kept in the page (hidden on screen) and
// redrawn with every result, so the browser's own print of the calculator page prints it.

import { el, partsList, setText, today, words } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { save, state, viewIds } from "./state.js";
import { assessmentFile, customProfile } from "./assessment.js";
import { planReport } from "./plan.js";
import { csvOf } from "./bridge.js";
import { comparisonForReport } from "./compare.js";

/** @type {{result: any, columns: string[], rows: string[][]}|null} Python's CSV rows (page language) for a
 *  result, with the key of each column (item, band, ...) */
let csv = null;

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

/** The result's points earned against available, per section: a bar per section, its label
 *  above it on a phone and beside it on a wider screen, the amounts as Python worded them.
 *  @param {any} result */
export function chart(result) {
  const names = titles(result.standard);
  const most = Math.max(...result.sections.map((/** @type {any} */ row) => Number(row.available)), 1);
  const percent = (/** @type {number} */ part, /** @type {number} */ whole) => `${whole > 0 ? (100 * part) / whole : 0}%`;
  const key = (/** @type {string} */ kind, /** @type {string} */ label) =>
    el("span", { class: "calc-chart-key" }, el("span", { class: `calc-bar-${kind}` }), label);
  return el("div", { class: "calc-chart", "data-testid": "chart-figure" },
    el("ul", { class: "calc-bars", "aria-label": t("calc.report_chart_of", { code: result.code }) },
      ...result.sections.map((/** @type {any} */ row) => {
        const earned = el("span", { class: "calc-bar-earned" });
        earned.style.width = percent(Number(row.earned), Number(row.available));
        const available = el("span", { class: "calc-bar-available" }, earned);
        available.style.width = percent(Number(row.available), most);
        return el("li", { class: "calc-bar-row", "data-section": row.id },
          el("span", { class: "calc-bar-label", text: `${row.id} ${names[row.id] || ""}` }),
          el("span", { class: "calc-bar-track", "aria-hidden": "true" }, available),
          el("span", { class: "calc-bar-value", text: `${row.earned_text} / ${row.available_text}` }));
      })),
    el("p", { class: "calc-chart-keys" }, key("earned", t("calc.report_earned")),
      key("available", t("calc.report_available"))));
}

/** "x points earned of y applicable" for a result. @param {any} result */
export function earnedText(result) {
  const one = result.excluded_text === "1.00";
  if (result.excluded_text === "0.00") {
    return t("calc.earned_plain", { earned: result.earned_text, applicable: result.applicable_text });
  }
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

/** @typedef {Record<string, string>} CsvRecord  a row of Python's CSV export, by column key (item, band, ...) */

/** Python's CSV rows as records by column key. @param {{columns: string[], rows: string[][]}} table
 *  @returns {CsvRecord[]} */
function records(table) {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((key, index) => [key, row[index]])));
}

/** The items of one standard: the requirement (with the list it introduces), the rating in
 *  words as Python's CSV words it, the points and points earned as the result gives them
 *  (two decimals; "—" for an excluded item), the note. @param {any} result
 *  @param {CsvRecord[]} rows the CSV's header and rows */
function itemTable(result, rows) {
  const [header, ...body] = rows;
  const inWords = Object.fromEntries(body.filter((row) => row.standard === result.standard)
    .map((row) => [row.item, row.band]));
  const form = state.forms[result.standard];
  const items = /** @type {Record<string, import("./state.js").FormItem>} */ ({});
  for (const part of form.sections) for (const clause of part.clauses) for (const item of clause.items) items[item.id] = item;
  const notes = state.saved.standards[result.standard]?.notes || {};
  const table = el("table", { class: "calc-report-items", "data-testid": "report-items" }, el("thead", {}, el("tr", {},
    el("th", { text: header.item }), el("th", { text: t("calc.report_requirement") }), el("th", { text: header.band }),
    el("th", { text: header.points }), el("th", { text: header.earned }), el("th", { text: header.note }))));
  const tbody = el("tbody");
  for (const row of result.items) {
    if (!(row.id in items)) continue;
    tbody.append(el("tr", { "data-report-item": row.id }, el("td", { text: row.id }),
      el("td", {}, ...words(form, items[row.id].text[lang], lang), partsList(form, items[row.id], lang)),
      el("td", { text: inWords[row.id] || "" }), el("td", { text: row.points_text }),
      el("td", { text: row.applicable ? row.earned_text : "—" }), el("td", { text: notes[row.id] || "" })));
  }
  table.append(tbody);
  return table;
}

/** GB/T 27922's special deductions and bonus, as Python's CSV names them.
 *  @param {any} result @param {CsvRecord[]} rows */
function specials(result, rows) {
  return rows.filter((row) => row.standard === result.standard
    && ["special_deductions", "special_bonus"].includes(row.item))
    .map((row) => el("p", { "data-testid": "report-special", text: t("format.label_value", { label: row.clause, value: row.rating }) }));
}

/** @param {any} result @param {CsvRecord[]} rows Python's CSV header and rows */
function reportOf(result, rows) {
  const form = state.forms[result.standard];
  const names = titles(result.standard);
  const table = el("table", {}, el("thead", {}, el("tr", {},
    ...[t("calc.report_clause"), t("calc.report_clause_title"), t("calc.report_available"), t("calc.report_earned"), t("calc.report_lost")]
      .map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const row of result.clauses) {
    // a clause whose every item is excluded says so, instead of three zeros
    const cells = row.available === 0 && row.excluded > 0
      ? [el("td", { colspan: "3", text: t("calc.report_clause_excluded", { points: row.excluded_text }) })]
      : [el("td", { text: row.available_text }), el("td", { text: row.earned_text }), el("td", { text: row.lost_text })];
    body.append(el("tr", { "data-report-clause": row.id }, el("td", { text: row.id }), el("td", { text: names[row.id] || "" }),
      ...cells));
  }
  table.append(body);
  return el("section", { class: "calc-report-part", "data-report-standard": result.standard },
    el("h2", { text: `${form.code} ${form.title[lang]}` }),
    el("p", { text: t("calc.report_profile", { title: say(result.profile.title, "result") }) }),
    el("p", { class: "calc-report-score", "data-testid": "report-score", text: t(result.model === "completeness"
      ? (result.passed ? "calc.report_completeness" : "calc.report_completeness_failed")
      : (result.passed ? "calc.report_score" : "calc.report_score_failed"),
    { score: result.score_text, level: result.level_label[lang] }) }),
    result.reason ? el("p", { text: t("calc.reason", { reason: say(result.reason, "result") }) }) : null,
    el("p", { text: earnedText(result) }),
    el("p", { "data-testid": "report-unrated", text: unratedText(result.unrated.length) }),
    ...specials(result, rows),
    el("p", { text: t("calc.next", { text: say(result.next_message, "result") }) }),
    result.provisional_weights ? el("p", { class: "calc-warning", text: t("calc.provisional") }) : null,
    el("h3", { text: t("calc.report_chart") }), chart(result),
    el("h3", { text: t("calc.fix_first") }),
    el("ol", {}, ...result.fix_first.slice(0, 10).map((/** @type {any} */ row) =>
      el("li", { text: t("format.label_value", { label: `${row.clause} ${names[row.clause] || ""}`, value: say(row.message, "format") }) }))),
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
  const rows = records(csv);
  const results = current.results || [current];
  const report = el("section", { class: "calc-report", "data-testid": "report", lang },
    el("h1", { text: t("calc.report_title") }),
    el("p", { text: t("calc.report_of", { name: state.saved.name || t("calc.default_name"),
      date: today() }) }),
    detailsTable(),
    el("p", { class: "calc-report-notice", text: t("calc.report_notice") }),
    current.combined ? el("p", { class: "calc-report-score", text: combinedText(current.combined) }) : null,
    ...results.map((/** @type {any} */ result) => reportOf(result, rows)), planReport(),
    comparisonForReport());  // the comparison with another assessment, when chosen (compare.js)
  host.querySelector(".calc-report")?.remove();
  host.append(report);
  pageMarks();
}

/** A CSS string. @param {string} text */
const cssString = (text) => `"${text.replace(/[\\"]/g, "\\$&").replace(/[\n\r\f]/g, " ")}"`;

/** Every printed page names the assessment (and the enterprise) at its head and carries
 *  "page N of M" at its foot: CSS page-margin boxes, worded from the catalogue. */
function pageMarks() {
  const details = state.saved.details || {};
  const head = [state.saved.name || t("calc.default_name"), (details.enterprise || "").trim()].filter(Boolean).join(" · ");
  // "第 {page} 页，共 {pages} 页": the words around the counters as CSS strings
  const foot = t("calc.report_page", { page: "\u0000page\u0000", pages: "\u0000pages\u0000" }).split("\u0000")
    .map((part) => (part === "page" || part === "pages" ? `counter(${part})` : part ? cssString(part) : "")).filter(Boolean).join(" ");
  let style = /** @type {HTMLStyleElement|null} */ (document.getElementById("calc-report-pages"));
  if (!style) {
    style = /** @type {HTMLStyleElement} */ (el("style", { id: "calc-report-pages" }));
    document.head.append(style);
  }
  const css = `@page { @top-left { content: ${cssString(head)}; font-size: 8pt; color: #555; }
  @bottom-right { content: ${foot}; font-size: 8pt; color: #555; } }`;
  setText(style, css);
}

/** Ask Python for the CSV rows of the current result, then redraw the report:
 *  body[data-report] is "current" once the report matches the result shown. @param {HTMLElement} host */
export async function updateReport(host) {
  const current = state.result;
  document.body.dataset.report = "pending";
  const answer = await csvOf(JSON.stringify(assessmentFile()), lang, customProfile(), viewIds()).catch(() => null);
  if (current !== state.result || !answer || !answer.ok) return;  // a newer result, or Python stopped
  csv = { result: current, columns: answer.columns, rows: answer.rows };
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
      (state.saved.details ||= {})[key] = input.value;  // the current object: another tab's merge may replace it
      save();
      drawReport(host);  // the words only: nothing is rescored
    });
    return el("div", { class: "calc-detail-field" }, el("label", { for: input.id, text: t(DETAIL_LABELS[key]) }), input);
  });
  return el("details", { class: "calc-details" }, el("summary", { text: t("calc.report_details") }), ...fields);
}

/** Print the report of the current result. @param {HTMLElement} host */
export async function printReport(host) {
  if (!state.result) return;
  // the report's rows follow the result a moment later: a print asked for at once waits for them
  if (!csv || csv.result !== state.result) await updateReport(host);
  drawReport(host);
  window.print();
}
