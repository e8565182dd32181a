// @ts-check
// Drawing the results: one panel per standard of the view (and the combined rating), and
// the compact summary bar that stays in view while rating. Every figure is Python's; the
// rated counts are counted from the state. While an input is invalid, or Python refused
// the input, the panels say that the shown result is out of date.

import { el, setText } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { progress } from "./assessment.js";
import { state, viewIds } from "./state.js";
import { chart, combinedText, earnedText, titles, unratedText } from "./report.js";

/**
 * @typedef {object} ResultHandlers
 * @property {(id: string, clause: string) => void} fix  a "fix first" link was followed
 * @property {() => void} undo  undo the last bulk action
 * @property {() => void} backup  download a backup of every assessment (storage refused to save)
 * @property {() => void} correct  to the first input that needs correcting
 * @property {() => void} resume  back to the item rated last
 */

/** @param {string} id */
function panel(id) {
  const form = state.forms[id];
  const row = (/** @type {string} */ name, /** @type {string} */ testid) => el("div", { class: "calc-figure" },
    el("span", { class: "calc-figure-label", text: t(name) }),
    el("output", { "data-testid": testid, text: "…" }));
  return el("section", { class: "calc-result", id: `result-${id}`, "data-result": id, "aria-live": "polite",
    "aria-label": form.code, tabindex: "-1" },
    el("h3", { text: form.code }),
    el("p", { class: "calc-stale", "data-testid": "stale", hidden: true, text: t("calc.stale") }),
    el("button", { type: "button", class: "md-button calc-stale-fix", "data-testid": "stale-fix", "data-action": "correct",
      hidden: true, text: t("calc.stale_fix") }),
    el("div", { class: "calc-figures" },
      row(form.model === "completeness" ? "calc.completeness" : "calc.score", "score"),
      row("calc.stars", "stars"), row("calc.level", "level"), row("calc.passed", "passed")),
    el("p", { class: "calc-unrated", "data-testid": "unrated" }),
    el("p", { class: "calc-warning", "data-testid": "provisional", hidden: true, text: t("calc.provisional") }),
    // open beside a single standard; in the combined view closed, so that both results fit a screen
    el("details", { class: "calc-why", open: state.saved.view !== "combined" }, el("summary", { text: t("calc.details") }),
      el("p", { class: "calc-detail", "data-testid": "reason" }),
      el("p", { class: "calc-detail", "data-testid": "earned" }),
      el("p", { class: "calc-detail", "data-testid": "next" }),
      el("h4", { text: t("calc.fix_first") }),
      el("ol", { class: "calc-fix", "data-testid": "fix-first" }),
      el("h4", { text: t("calc.report_chart") }),
      el("div", { "data-testid": "chart" })));
}

/** The results column: the combined rating (in the combined view) and a panel per standard.
 *  @param {ResultHandlers} on */
export function drawResults(on) {
  const results = el("div", { class: "calc-results", id: "calc-result", tabindex: "-1" },
    el("button", { type: "button", class: "md-button calc-resume", "data-testid": "resume", "data-action": "resume",
      hidden: true, text: t("calc.resume") }));
  if (state.saved.view === "combined") {
    results.append(el("section", { class: "calc-result calc-combined", "aria-live": "polite" },
      el("div", { class: "calc-figure" }, el("span", { class: "calc-figure-label", text: t("calc.combined_stars") }),
        el("output", { "data-testid": "combined-stars", text: "…" })),
      el("p", { class: "calc-detail", "data-testid": "combined-reason" })));
  }
  for (const id of viewIds()) results.append(panel(id));
  results.addEventListener("click", (event) => {
    const action = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (event.target).closest("[data-action]"));
    if (action && action.dataset.action === "correct") { on.correct(); return; }
    if (action && action.dataset.action === "resume") { on.resume(); return; }
    const link = /** @type {HTMLElement|null} */ (/** @type {HTMLElement} */ (event.target).closest("[data-fix]"));
    if (!link) return;
    event.preventDefault();
    on.fix(link.dataset.standard || "", link.dataset.fix || "");
  });
  return results;
}

/** The summary bar. @param {ResultHandlers} on */
export function drawSummary(on) {
  const bar = el("div", { class: "calc-summary", "data-testid": "summary", role: "region", "aria-label": t("calc.summary") });
  for (const id of viewIds()) {
    bar.append(el("span", { class: "calc-summary-one", "data-summary": id },
      el("span", { class: "calc-summary-code", text: state.forms[id].code.split(" ")[0] }), " ",
      el("b", { "data-testid": "summary-score", text: "…" }), " ",
      el("span", { "data-testid": "summary-level" }),
      el("span", { class: "calc-summary-stale", "data-testid": "summary-stale", hidden: true, text: t("calc.stale_short") })));
  }
  if (state.saved.view === "combined") bar.append(el("span", { "data-testid": "summary-combined" }));
  const undo = el("button", { type: "button", class: "md-button", "data-testid": "undo", text: t("calc.undo") });
  undo.addEventListener("click", () => on.undo());
  bar.append(el("span", { class: "calc-summary-rated", "data-testid": "summary-rated" }),
    el("a", { class: "md-button md-button--primary calc-summary-open", href: "#calc-result", text: t("calc.open_result") }),
    el("span", { class: "calc-undo", "data-testid": "undo-box", hidden: true, role: "status" },
      el("span", { "data-testid": "undo-text" }), undo));
  // storage refused the last save: said in the bar, in view wherever the visitor is rating
  const backup = el("button", { type: "button", class: "md-button", "data-testid": "summary-backup", text: t("calc.backup_short") });
  backup.addEventListener("click", () => on.backup());
  bar.append(el("span", { class: "calc-undo calc-unsaved", "data-testid": "summary-unsaved", hidden: true },
    el("span", { text: t("calc.unsaved_short") }), backup));
  return bar;
}

/** @param {HTMLElement} root @param {string} testid */
const out = (root, testid) => /** @type {HTMLElement} */ (root.querySelector(`[data-testid=${testid}]`));

/** @param {HTMLElement} node @param {string} text @param {string|null} [value] */
function put(node, text, value = null) {
  setText(node, text);
  if (value !== null) node.dataset.value = value;
}

/** @param {HTMLElement} box @param {any} result */
function showOne(box, result) {
  const unit = result.model === "completeness" ? "%" : "";
  put(out(box, "score"), `${result.score_text}${unit}`, result.score_text);
  put(out(box, "stars"), result.stars === null ? t("calc.no_stars") : `${"★".repeat(result.stars)} ${result.stars}`,
    result.stars === null ? "" : String(result.stars));
  put(out(box, "level"), result.level_label[lang], result.level);
  put(out(box, "passed"), result.passed ? t("calc.yes") : t("calc.no"), String(result.passed));
  put(out(box, "reason"), result.reason ? t("calc.reason", { reason: say(result.reason, "result") }) : "");
  put(out(box, "earned"), earnedText(result));
  put(out(box, "next"), t("calc.next", { text: say(result.next_message, "result") }));
  out(box, "provisional").hidden = !result.provisional_weights;
  const names = titles(result.standard);
  out(box, "fix-first").replaceChildren(...result.fix_first.slice(0, 8).map((/** @type {any} */ row) =>
    el("li", {}, el("a", { href: `#clause-${result.standard}-${row.clause}`, "data-fix": row.clause,
      "data-standard": result.standard, text: `${row.clause} ${names[row.clause] || ""}`.trim() }),
      `${t("format.colon")}${say(row.message, "format")}`)));
  if (!result.fix_first.length) out(box, "fix-first").replaceChildren(el("li", { class: "calc-none", text: t("format.none") }));
  out(box, "chart").replaceChildren(chart(result));
}

/** The results of the view, by standard (null before Python's first answer). @returns {Record<string, any>} */
function resultsById() {
  const current = state.result;
  if (!current) return {};
  return Object.fromEntries((current.results || [current]).map((/** @type {any} */ r) => [r.standard, r]));
}

/** Bring the result panels and the summary bar in line with the state. @param {HTMLElement} host */
export function refreshResults(host) {
  const byId = resultsById();
  const stale = state.stale || state.error !== null || state.fieldError !== null;
  for (const id of viewIds()) {
    const box = /** @type {HTMLElement|null} */ (host.querySelector(`[data-result="${id}"]`));
    if (!box) continue;
    const result = byId[id];
    if (result && result !== /** @type {any} */ (box).shownResult) {
      showOne(box, result);
      /** @type {any} */ (box).shownResult = result;
    }
    box.dataset.stale = String(stale);
    out(box, "stale").hidden = !stale;
    out(box, "stale-fix").hidden = !stale || !host.querySelector(".calc-form [aria-invalid=true]");
    // in words: how many items count as 0 because they are not rated (Python's count once it answered)
    const unrated = result ? result.unrated.length : progress(id).total - progress(id).rated;
    put(out(box, "unrated"), unratedText(unrated));
    out(box, "unrated").dataset.value = String(unrated);
    const summary = /** @type {HTMLElement|null} */ (host.querySelector(`[data-summary="${id}"]`));
    if (summary) {
      const unit = result && result.model === "completeness" ? "%" : "";
      put(out(summary, "summary-score"), result ? `${result.score_text}${unit}` : "…", result ? result.score_text : "");
      put(out(summary, "summary-level"), result ? result.level_label[lang] : "");
      summary.classList.toggle("calc-stale-text", stale);
      out(summary, "summary-stale").hidden = !stale;
    }
  }
  const combined = state.result && state.result.combined;
  const stars = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=combined-stars]"));
  if (combined && stars) {
    put(stars, combined.stars === null ? t("calc.combined_none") : `${"★".repeat(combined.stars)} ${combined.stars}`,
      combined.stars === null ? "" : String(combined.stars));
    stars.dataset.passed = String(combined.passed);
    put(out(host, "combined-reason"), say(combined.reason, "result"));
    const short = out(host, "summary-combined");
    if (short) put(short, combined.stars === null ? t("calc.combined_none") : t("calc.stars_count", { stars: combined.stars }));
  }
  let rated = 0, total = 0;
  for (const id of viewIds()) {
    const counts = progress(id);
    rated += counts.rated;
    total += counts.total;
  }
  const summaryRated = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=summary-rated]"));
  if (summaryRated) {
    put(summaryRated, t("calc.rated", { rated, total }));
    summaryRated.dataset.rated = String(rated);
    summaryRated.dataset.total = String(total);
  }
  const resume = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=resume]"));
  if (resume) resume.hidden = !state.ui.lastItem || !viewIds().includes(state.ui.lastItem.id);
  const undo = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=undo-box]"));
  if (undo) {
    undo.hidden = !state.ui.undo;
    put(out(undo, "undo-text"), state.ui.undo ? state.ui.undo.text : "");
    out(undo, "undo").hidden = !state.ui.undo || (!Object.keys(state.ui.undo.items).length && !state.ui.undo.run);
  }
  const unsaved = /** @type {HTMLElement|null} */ (host.querySelector("[data-testid=summary-unsaved]"));
  if (unsaved) unsaved.hidden = !state.ui.storage;
}
