// @ts-check
// The printed report (A4) and the per-section chart, drawn from Python's result and the
// form models' titles.

import { el } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { state } from "./state.js";

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

/** The combined rating in one line: stars or failed, and why. @param {any} combined */
export function combinedText(combined) {
  return combined.passed ? t("calc.combined_passed", { stars: combined.stars, reason: say(combined.reason, "result") })
    : t("calc.combined_failed", { reason: say(combined.reason, "result") });
}

/** @param {any} result */
function reportOf(result) {
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
  return el("section", { class: "calc-report-part" },
    el("h2", { text: `${form.code} ${form.title[lang]}` }),
    el("p", { text: t("calc.report_profile", { title: say(result.profile.title, "result") }) }),
    el("p", { class: "calc-report-score", text: t(result.model === "completeness" ? "calc.report_completeness" : "calc.report_score",
      { score: result.score_text, level: result.level_label[lang],
        verdict: result.passed ? t("calc.yes") : t("calc.no") }) +
      (result.stars === null ? "" : ` · ${t("calc.stars_count", { stars: result.stars })}`) }),
    result.reason ? el("p", { text: t("calc.reason", { reason: say(result.reason, "result") }) }) : null,
    el("p", { text: earnedText(result) }),
    el("p", { text: t("calc.next", { text: say(result.next_message, "result") }) }),
    result.provisional_weights ? el("p", { class: "calc-warning", text: t("calc.provisional") }) : null,
    el("h3", { text: t("calc.report_chart") }), chart(result),
    el("h3", { text: t("calc.fix_first") }),
    el("ol", {}, ...result.fix_first.slice(0, 10).map((/** @type {any} */ row) =>
      el("li", { text: `${row.clause} ${names[row.clause] || ""} · ${row.recoverable_text} (+${row.score_gain})` }))),
    el("h3", { text: t("calc.report_clauses") }), table);
}

/** Print the report of the current result. @param {HTMLElement} host */
export function printReport(host) {
  const current = state.result;
  if (!current) return;
  const results = current.results || [current];
  const report = el("section", { class: "calc-report", "data-testid": "report", lang },
    el("h1", { text: t("calc.report_title") }),
    el("p", { text: t("calc.report_of", { name: state.saved.name || t("calc.default_name"),
      date: new Date().toISOString().slice(0, 10) }) }),
    el("p", { class: "calc-report-notice", text: t("calc.report_notice") }),
    current.combined ? el("p", { class: "calc-report-score", text: combinedText(current.combined) }) : null,
    ...results.map(reportOf));
  host.querySelector(".calc-report")?.remove();
  host.append(report);
  document.body.classList.add("print-report");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-report"), { once: true });
  window.print();
}
