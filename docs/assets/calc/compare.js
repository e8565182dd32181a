// @ts-check
// Comparing the open assessment with another one saved in this browser (last year and this
// year, a self-assessment and an assessor's). Python compares them: calculator/compare.py, the
// same as `aftersales compare A B` with A the assessment chosen here and B the open one. This
// module draws Python's numbers as they come: a table (section, points earned in A and in B,
// the change; score, level; the items whose rating changed), a chart of the change per section,
// and the same in the printed report when chosen. Nothing is scored or subtracted here.

import { el } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { VIEWS, checkedBook, library, state, viewIds } from "./state.js";
import { assessment, assessmentOf, customProfile, itemText, percentText } from "./assessment.js";
import { compare } from "./bridge.js";
import { drawReport, titles } from "./report.js";

/** What the compare view shows: the assessment chosen (by its name in the library), whether the
 *  printed report includes the comparison, Python's latest answer (or its refusal, worded).
 *  @type {{with: string, print: boolean, comparison: any, error: string}} */
const chosen = { with: "", print: false, comparison: null, error: "" };
let asked = 0;

/** Changed items shown before "show all" on screen. */
const FOLD = 10;

/** The other saved assessments of the open one's view (the same standard, or both of the
 *  combined rating), by name. @returns {string[]} */
export function others() {
  const books = library();
  const current = state.saved.name;
  return Object.keys(books).filter((name) => name !== current
    && checkedBook(books[name], name).view === state.saved.view).sort();
}

/** A saved assessment as a file in the CLI's format, as assessment.js makes the open one's.
 *  @param {string} name */
function fileOf(name) {
  const saved = checkedBook(library()[name], name);
  const custom = Boolean(customProfile());  // the open one's custom profile scores both
  const entry = (/** @type {string} */ id) => assessmentOf(id, custom,
    saved.standards[id] || { ratings: {}, notes: {}, profile: null, deductions: "0", bonus: false });
  const ids = VIEWS[saved.view] || viewIds();
  return ids.length === 1 ? entry(ids[0]) : { assessments: ids.map(entry) };
}

/** Whether another assessment is chosen to compare with (its comparison follows every result). */
export function comparing() {
  return Boolean(chosen.with);
}

/** Ask Python for the comparison of the chosen assessment (A) with the open one (B), then draw
 *  it: body[data-compare] is "current" once the view shows the answer to the latest question.
 *  @param {HTMLElement} host */
export async function updateCompare(host) {
  if (chosen.with && !others().includes(chosen.with)) chosen.with = "";  // switched to it, renamed or deleted
  asked += 1;
  const mine = asked;
  if (!chosen.with) {
    chosen.comparison = null;
    chosen.error = "";
    refreshCompare(host);
    return;
  }
  document.body.dataset.compare = "pending";
  const pair = { a: JSON.stringify(fileOf(chosen.with)), b: JSON.stringify(assessment()), nameA: chosen.with,
    nameB: state.saved.name || t("calc.default_name") };
  const answer = await compare(pair, customProfile(), viewIds()).catch(() => null);
  if (mine !== asked || !answer) return;  // a newer question, or Python stopped (the page says so)
  if (answer.ok && chosen.comparison && JSON.stringify(answer.comparison) === JSON.stringify(chosen.comparison)) {
    document.body.dataset.compare = "current";  // the same answer: the view (and what the visitor unfolded) stays
    return;
  }
  chosen.comparison = answer.ok ? answer.comparison : null;
  chosen.error = answer.ok ? "" : say({ code: answer.error.code, params: answer.error.params }, "error");
  refreshCompare(host);
  if (chosen.print) drawReport(host);
}

/** The compare view's contents drawn again from `chosen`. @param {HTMLElement} host */
function refreshCompare(host) {
  const body = host.querySelector(".calc-compare-body");
  if (body) body.replaceChildren(...compareBody(true));
  document.body.dataset.compare = "current";
}

/** A rating as the file holds it, in words: "60%", not applicable, not rated. @param {any} value */
function ratingText(value) {
  if (value === null || value === undefined) return t("compare.unrated");
  if (value === "na") return t("compare.na");
  return `${percentText(value)}%`;
}

/** Stars in words ("3 星"), or none. @param {number|null} stars */
const starsText = (stars) => (stars === null ? t("compare.no_stars") : t("compare.stars", { stars }));

/** A change of stars with its sign ("+2 星", "-1 星", "0 星"), or "—" when either has none. @param {number|null} diff */
const starsChange = (diff) => (diff === null ? "—" : t("compare.stars", { stars: diff > 0 ? `+${diff}` : String(diff) }));

/** A row of the table: a heading cell and the A, B and change cells (each with its value).
 *  @param {Record<string, string>} attrs @param {Node|string} head @param {(string|null)[]} values
 *  @param {(Node|null)[]} [extra] what a cell shows beside its value (SB/T: the item's percentage) */
function row(attrs, head, values, extra = []) {
  return el("tr", attrs, el("th", { scope: "row" }, head),
    ...values.map((value, index) => el("td", { "data-side": ["a", "b", "diff"][index], "data-value": value ?? "" },
      value ?? "—", extra[index] || null)));
}

/** SB/T 10401: an item's percentage of its points, and whether it is below half (the 50% rule).
 *  @param {any} section @param {string} side */
function itemShare(section, side) {
  const percent = section[`percent_${side}`];
  if (percent === undefined || percent === null) return null;
  return el("span", { class: `calc-compare-share${section[`below_half_${side}`] ? " calc-compare-below" : ""}` },
    ` ${Number(percent).toFixed(2)}%`, section[`below_half_${side}`] ? ` ${t("compare.below_half_short")}` : "");
}

/** The rows of one standard's comparison. @param {any} part */
function partRows(part) {
  const names = titles(part.standard);
  const rows = [
    row({ "data-compare-row": "score", "data-standard": part.standard },
      t(part.a.model === "completeness" ? "compare.completeness" : "compare.score"),
      [part.a.score_text, part.b.score_text, part.score_diff_text]),
    row({ "data-compare-row": "level", "data-standard": part.standard }, t("compare.level"),
      [part.a.level_label[lang], part.b.level_label[lang], starsChange(part.stars_diff)]),
  ];
  if ("special_deductions_a" in part) {
    rows.push(row({ "data-compare-row": "special", "data-standard": part.standard }, t("compare.special"),
      [`${part.special_deductions_a} / ${part.special_bonus_a}`, `${part.special_deductions_b} / ${part.special_bonus_b}`, null]));
  }
  for (const section of part.sections) {
    const head = el("span", {}, el("span", { class: "calc-compare-id", text: section.id }),
      names[section.id] ? el("span", { class: "calc-compare-title", text: names[section.id] }) : "");
    rows.push(row({ "data-compare-section": section.id, "data-standard": part.standard,
      class: section.diff > 0 ? "calc-compare-up" : section.diff < 0 ? "calc-compare-down" : "" }, head,
    [section.a_text, section.b_text, section.diff_text], [itemShare(section, "a"), itemShare(section, "b"), null]));
  }
  const items = el("tbody", { class: "calc-compare-items" }, el("tr", {}, el("th", { colspan: "4", scope: "rowgroup",
    text: t("compare.items_change", { count: part.items.length }) })));
  if (!part.items.length) items.append(el("tr", {}, el("td", { colspan: "4", text: t("compare.no_items") })));
  for (const item of part.items) {
    // the change in percentage points (Python's), marked up or down as the sections are
    const trend = item.change > 0 ? "calc-compare-up" : item.change < 0 ? "calc-compare-down" : "";
    items.append(el("tr", { "data-compare-item": item.id, "data-standard": part.standard, class: trend },
      el("th", { scope: "row" }, el("span", { class: "calc-compare-id", text: item.id }),
        el("span", { class: "calc-compare-title", text: itemText(part.standard, item.id) })),
      el("td", { "data-side": "a", text: ratingText(item.a) }),
      el("td", { "data-side": "b", text: ratingText(item.b) }),
      el("td", { "data-side": "diff", "data-value": item.change_text ?? "",
        text: item.change_text ?? "—" })));
  }
  const warn = part.profiles_differ ? el("tr", {}, el("td", { colspan: "4", class: "calc-warning",
    text: t("compare.profiles_differ", { a: part.a.profile.title, b: part.b.profile.title }) })) : null;
  return [el("tbody", { "data-standard": part.standard }, warn, ...rows), items];
}

/** The comparison as a table. @param {any} comparison @param {boolean} onScreen (the printed copy has its own testid) */
function table(comparison, onScreen) {
  const parts = comparison.parts || [comparison];
  const head = el("thead", {}, el("tr", {}, el("th", { scope: "col", text: t("compare.section") }),
    el("th", { scope: "col", text: t("compare.side_a") }), el("th", { scope: "col", text: t("compare.side_b") }), el("th", { scope: "col", text: t("compare.change") })));
  const out = el("table", { class: "calc-compare-table", "data-testid": onScreen ? "compare" : "report-compare" }, head);
  if (comparison.combined) {
    const c = comparison.combined;
    out.append(el("tbody", {}, row({ "data-compare-row": "combined" }, t("compare.combined"),
      [starsText(c.a), starsText(c.b), starsChange(c.diff)])));
  }
  for (const part of parts) {
    if (comparison.parts) out.append(el("tbody", {}, el("tr", {}, el("th", { colspan: "4", scope: "rowgroup",
      class: "calc-compare-part", text: part.code }))));
    out.append(...partRows(part));
  }
  if (onScreen) foldItems(out);
  return out;
}

/** On screen, a long list of changed items shows its first FOLD rows and a button for the rest
 *  (every change of a year can be a hundred rows on a phone); the printed copy lists them all.
 *  @param {HTMLElement} table */
function foldItems(table) {
  for (const body of table.querySelectorAll("tbody.calc-compare-items")) {
    const rows = /** @type {HTMLElement[]} */ ([...body.querySelectorAll("tr[data-compare-item]")]);
    if (rows.length <= FOLD + 2) continue;
    for (const tr of rows.slice(FOLD)) tr.hidden = true;
    const more = el("button", { type: "button", class: "md-button", "data-testid": "compare-more",
      text: t("compare.show_all", { count: rows.length }) });
    const holder = el("tr", {}, el("td", { colspan: "4" }, more));
    more.addEventListener("click", () => {
      for (const tr of rows) tr.hidden = false;
      holder.remove();
      const first = /** @type {HTMLElement|null} */ (rows[FOLD].querySelector("th"));
      first?.setAttribute("tabindex", "-1");
      first?.focus();  // the focus goes to the first row that was folded, not to the page's top
    });
    body.append(holder);
  }
}

/** The change of points earned per section, one bar each: to the right for points gained, to
 *  the left for points lost, scaled to the largest change; the values as Python worded them.
 *  @param {any} part */
function chart(part) {
  const names = titles(part.standard);
  const most = Math.max(...part.sections.map((/** @type {any} */ s) => (s.diff === null ? 0 : Math.abs(Number(s.diff)))));
  return el("div", { class: "calc-change", "data-testid": "compare-chart", "data-standard": part.standard },
    el("ul", { class: "calc-change-rows", "aria-label": t("compare.chart_label", { code: part.code }) },
      ...part.sections.map((/** @type {any} */ section) => {
        const bar = el("span", { class: `calc-change-bar ${Number(section.diff) < 0 ? "calc-change-lost" : "calc-change-gained"}` });
        bar.style.width = `${most > 0 && section.diff !== null ? (50 * Math.abs(Number(section.diff))) / most : 0}%`;
        return el("li", { class: "calc-change-row", "data-section": section.id },
          el("span", { class: "calc-change-label", text: `${section.id} ${names[section.id] || ""}` }),
          el("span", { class: "calc-change-track", "aria-hidden": "true" }, bar),
          el("span", { class: "calc-change-value", text: section.diff_text ?? "—" }));
      })));
}

/** The view's contents: the comparison (table, charts) or why there is none. @param {boolean} onScreen */
function compareBody(onScreen) {
  if (chosen.error) return [el("p", { class: "calc-error", "data-testid": onScreen ? "compare-error" : null, text: chosen.error })];
  const comparison = chosen.comparison;
  if (!comparison) return [];
  const parts = comparison.parts || [comparison];
  return [
    el("p", { class: "calc-compare-legend", text: t("compare.legend", { a: comparison.names[0], b: comparison.names[1] }) }),
    table(comparison, onScreen),
    el("h4", { text: t("compare.chart") }),
    ...parts.map(chart),
    el("p", { class: "calc-compare-note", text: t("compare.chart_note") }),
  ];
}

/** The compare view (in the results column): the assessment to compare with, whether to print
 *  the comparison, and the comparison. @param {HTMLElement} host */
export function drawCompare(host) {
  const names = others();
  if (chosen.with && !names.includes(chosen.with)) { chosen.with = ""; chosen.comparison = null; chosen.error = ""; }
  const view = el("section", { class: "calc-compare", "data-testid": "compare-view" }, el("h3", { text: t("compare.heading") }));
  if (!names.length) {
    view.append(el("p", { class: "calc-compare-empty", "data-testid": "compare-empty", text: t("compare.empty") }));
    return view;
  }
  const select = /** @type {HTMLSelectElement} */ (el("select", { id: "calc-compare-with", "data-testid": "compare-with" },
    el("option", { value: "", text: t("compare.choose") }), ...names.map((name) => el("option", { value: name, text: name }))));
  select.value = chosen.with;
  select.addEventListener("change", () => {
    chosen.with = select.value;
    updateCompare(host);
  });
  const print = /** @type {HTMLInputElement} */ (el("input", { type: "checkbox", id: "calc-compare-print",
    "data-testid": "compare-print" }));
  print.checked = chosen.print;
  print.addEventListener("change", () => {
    chosen.print = print.checked;
    drawReport(host);
  });
  view.append(el("div", { class: "calc-compare-pick" }, el("label", { for: select.id, text: t("compare.with") }), select),
    el("div", { class: "calc-compare-print" }, print, el("label", { for: print.id, text: t("compare.print") })),
    el("div", { class: "calc-compare-body" }, ...compareBody(true)));
  return view;
}

/** The comparison for the printed report, when chosen (null otherwise). */
export function comparisonForReport() {
  if (!chosen.print || !chosen.comparison) return null;
  return el("section", { class: "calc-report-compare", "data-testid": "report-comparison" },
    el("h2", { text: t("compare.heading") }), ...compareBody(false));
}
