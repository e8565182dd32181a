// @ts-check
// Sharing and files: the named assessments of this browser, the share link, JSON and CSV
// export, JSON import, the printed report. Anything coming in is checked by Python (the
// CLI's checks) before it replaces what is there.

import { el } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { assessment, assessmentFile, customProfile, stateFrom } from "./assessment.js";
import { VIEWS, library, save, state, storeLibrary, viewIds } from "./state.js";
import { check, csvOf, readCsv } from "./bridge.js";
import { drawDetails, printReport } from "./report.js";

/**
 * @typedef {object} ShareHandlers
 * @property {(text: string, kind?: string) => void} tell  show a notice
 * @property {(name: string, fresh?: boolean) => Promise<void>} switchTo  open a named assessment
 * @property {(ids: string[]) => Promise<void>} loadForms  make sure these standards' forms are here
 * @property {() => void} redraw  draw the whole calculator again from the state
 */

/** @param {string} text */
export function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} code */
export function fromBase64Url(code) {
  if (!/^[A-Za-z0-9_-]*$/.test(code) || code.length % 4 === 1) throw new Error(t("calc.bad_link"));
  const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((code.length + 3) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** @param {string} name @param {string} type @param {string} text */
export function downloadText(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The problem in the page's language, from an error's code and parameters. @param {any} error */
export function explain(error) {
  return error ? say({ code: error.code, params: error.params }, "error") : "";
}

/** A share link or a file that cannot be used, and why. @param {{file?: string, link?: boolean}} source @param {string} problem */
export function rejected(source, problem) {
  return source.file ? t("calc.rejected_file", { name: source.file, problem })
    : t("calc.rejected_link", { problem });
}

/**
 * A file name for an export: the assessment's name, the enterprise assessed (when given and
 * not already in the name) and the date of assessment (else today): "某公司-2026-11-30.json";
 * the characters file systems refuse are replaced by "_".
 * @param {string} ext
 */
export function fileName(ext) {
  const details = state.saved.details || {};
  const name = state.saved.name || t("calc.default_name");
  const enterprise = (details.enterprise || "").trim();
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  const day = (details.date || "").trim() || today;
  const parts = [name, enterprise && !name.includes(enterprise) ? enterprise : "", day].filter(Boolean);
  const safe = parts.join("-").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").trim();
  return `${safe || "assessment"}.${ext}`;
}

/** The CSV Python writes for the view (headers in the page's language), downloaded.
 *  @param {ShareHandlers} on */
async function exportCsv(on) {
  const answer = await csvOf(JSON.stringify(assessmentFile()), lang, customProfile(), viewIds()).catch(() => null);
  if (!answer) return;  // Python stopped: the page already says so, with a retry
  if (!answer.ok) { on.tell(explain(answer.error), "error"); return; }
  downloadText(fileName("csv"), "text/csv;charset=utf-8", answer.text);
}

/** A chosen file's text as an assessment (JSON text): a CSV export is read back by Python.
 *  @param {File} chosen @param {ShareHandlers} on @returns {Promise<string|null>} */
async function fileAssessment(chosen, on) {
  const text = await chosen.text();
  if (!/\.csv$/i.test(chosen.name) && !chosen.type.includes("csv")) return text;
  const answer = await readCsv(text).catch(() => null);
  if (!answer) return null;
  if (!answer.ok) { on.tell(rejected({ file: chosen.name }, explain(answer.error)), "error"); return null; }
  return JSON.stringify(answer.assessment);
}

/**
 * Use an assessment from a share link or a file, once Python has checked it as the CLI would.
 * @param {string} text @param {{file?: string, link?: boolean}} source @param {ShareHandlers} on
 */
export async function applyIncoming(text, source, on) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    on.tell(rejected(source, t("calc.bad_json")), "error");
    return false;
  }
  const entries = data && Array.isArray(data.assessments) ? data.assessments : [data];
  const known = new Set(Object.values(VIEWS).flat());
  const standards = [...new Set(entries.map((/** @type {any} */ entry) => entry && entry.standard))]
    .filter((id) => known.has(id));
  const answer = await check(text, null, standards).catch(() => null);  // the same checks as the CLI, in Python
  if (!answer) return false;  // Python stopped: the page already says so, with a retry
  if (!answer.ok) {
    on.tell(rejected(source, explain(answer.error)), "error");
    return false;
  }
  document.body.dataset.state = "computing";
  await on.loadForms(entries.map((/** @type {any} */ entry) => entry.standard));
  for (const entry of entries) state.saved.standards[entry.standard] = stateFrom(entry, state.forms[entry.standard]);
  const report = data.report || entries.find((/** @type {any} */ entry) => entry.report)?.report;
  if (report) state.saved.details = { ...report };
  state.saved.view = entries.length > 1 ? "combined" : entries[0].standard;
  save();
  on.redraw();
  on.tell(source.file ? t("calc.imported_file", { name: source.file }) : t("calc.imported_link"));
  return true;
}

/** #a=<base64url of the UTF-8 JSON assessment>: checked by Python before it replaces anything.
 *  @param {ShareHandlers} on */
export async function openShareLink(on) {
  if (!location.hash.startsWith("#a=")) return;
  const code = location.hash.slice(3);
  history.replaceState(null, "", location.pathname + location.search);  // reloads use the saved state
  let text = null;
  try {
    text = fromBase64Url(code);
  } catch {
    on.tell(rejected({ link: true }, t("calc.bad_link")), "error");
  }
  if (text !== null) await applyIncoming(text, { link: true }, on);
}

/** @param {ShareHandlers} on */
function assessmentPicker(on) {
  const current = state.saved.name || t("calc.default_name");
  const names = Object.keys({ ...library(), [current]: true }).sort();
  const select = /** @type {HTMLSelectElement} */ (el("select", { id: "calc-assessment", "data-testid": "assessment" }));
  for (const name of names) select.append(el("option", { value: name, text: name }));
  select.value = current;
  select.addEventListener("change", () => on.switchTo(select.value));
  const button = (/** @type {string} */ name, /** @type {string} */ action) => el("button", { type: "button",
    class: "md-button", "data-action": action, text: t(name) });
  const fresh = button("calc.new_assessment", "new"), rename = button("calc.rename_assessment", "rename"),
    remove = button("calc.delete_assessment", "delete");
  const askFreeName = (/** @type {string} */ was) => {
    const name = (prompt(t("calc.ask_name"), was || "") || "").trim();
    if (!name) return null;
    if (name !== was && library()[name]) { on.tell(t("calc.name_taken", { name }), "error"); return null; }
    return name;
  };
  fresh.addEventListener("click", () => { const name = askFreeName(""); if (name) on.switchTo(name, true); });
  rename.addEventListener("click", () => {
    const name = askFreeName(state.saved.name);
    if (!name || name === state.saved.name) return;
    const books = library();
    delete books[state.saved.name];
    state.saved.name = name;
    storeLibrary(books);
    save();
    on.redraw();
  });
  remove.addEventListener("click", () => {
    const books = library();
    const others = Object.keys(books).filter((n) => n !== state.saved.name);
    if (!others.length) { on.tell(t("calc.last_one"), "error"); return; }
    if (!confirm(t("calc.delete_confirm", { name: state.saved.name }))) return;
    delete books[state.saved.name];
    storeLibrary(books);
    state.saved = books[others[0]];
    state.saved.name = others[0];
    on.switchTo(others[0]);
  });
  return el("div", { class: "calc-library" }, el("label", { for: select.id, text: t("calc.assessments") }), select,
    fresh, rename, remove);
}

/** The tools: named assessments, share, export, import, report. @param {HTMLElement} host @param {ShareHandlers} on */
export function drawTools(host, on) {
  const share = el("button", { type: "button", class: "md-button", "data-action": "share", text: t("calc.share") });
  const exportJson = el("button", { type: "button", class: "md-button", "data-action": "export-json",
    "data-testid": "export-json", text: t("calc.export_json") });
  const exportCsvButton = el("button", { type: "button", class: "md-button", "data-action": "export-csv",
    "data-testid": "export-csv", text: t("calc.export_csv") });
  const file = /** @type {HTMLInputElement} */ (el("input", { type: "file", id: "calc-import", "data-testid": "import",
    accept: ".json,.csv,application/json,text/csv", class: "calc-file" }));
  const link = /** @type {HTMLInputElement} */ (el("input", { type: "text", readonly: true, class: "calc-link",
    "data-testid": "share-link", hidden: true, "aria-label": t("calc.share") }));
  share.addEventListener("click", async () => {
    link.value = `${location.origin}${location.pathname}#a=${toBase64Url(JSON.stringify(assessment()))}`;
    link.hidden = false;
    try { await navigator.clipboard.writeText(link.value); } catch { /* no clipboard: the field shows it */ }
    on.tell(t("calc.shared"));
  });
  exportJson.addEventListener("click", () =>
    downloadText(fileName("json"), "application/json", JSON.stringify(assessmentFile(), null, 2) + "\n"));
  exportCsvButton.addEventListener("click", () => exportCsv(on));
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const text = await fileAssessment(chosen, on);
    if (text !== null) await applyIncoming(text, { file: chosen.name }, on);
    file.value = "";
  });
  const print = el("button", { type: "button", class: "md-button", "data-action": "report", text: t("calc.report") });
  print.addEventListener("click", () => printReport(host));
  return el("div", { class: "calc-tools" }, assessmentPicker(on), drawDetails(host), share, exportJson, exportCsvButton, print,
    el("span", { class: "calc-import" }, el("label", { for: "calc-import", text: t("calc.import_json") }), file), link,
    el("p", { class: "calc-message", "data-testid": "message", role: "status" }));
}
