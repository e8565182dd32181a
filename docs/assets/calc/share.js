// @ts-check
// Sharing and files: the named assessments of this browser, the share link, JSON, CSV and Excel
// export, JSON and CSV import, backups, the printed report. Anything coming in is checked by
// Python (the CLI's checks) and opens as a new named assessment: it never replaces one.

import { el, today } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { assessment, assessmentFile, customProfile, stateFrom } from "./assessment.js";
import { VIEWS, checkedBook, everyAssessment, hasBook, library, profileView, save, state, storeLibrary, useStored,
  viewIds } from "./state.js";
import { check, csvOf, readCsv, xlsxOf } from "./bridge.js";
import { drawDetails, printReport } from "./report.js";

/**
 * @typedef {object} ShareHandlers
 * @property {(text: string, kind?: string) => void} tell  show a notice
 * @property {(name: string, fresh?: boolean) => Promise<void>} switchTo  open a named assessment
 * @property {(ids: string[]) => Promise<void>} loadForms  make sure these standards' forms are here
 * @property {() => void} redraw  draw the whole calculator again from the state
 * @property {() => void} offered  an undo was just offered (the focus goes to it)
 */

/** Longer share links are not made: some browsers and chat apps cut long addresses. */
const LINK_LIMIT = 32_000;

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

/** Download `content` (text, or the bytes of a workbook) as the file `name`.
 *  @param {string} name @param {string} type @param {string|Uint8Array<ArrayBuffer>} content */
export function downloadText(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
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

/** Today as the visitor's calendar says: "2026-12-01". */

/** The limits Python's package sets on what comes in (calculator/assessment.py), from a form model. */
export function limits() {
  const form = Object.values(state.forms)[0];
  return form ? form.limits : { note_chars: Infinity, file_bytes: Infinity };
}

/** A chosen file's text, or null (and the reason said) when it is larger than `limit`: for an
 *  assessment the limit Python's package sets for any file it reads.
 *  @param {File} chosen @param {ShareHandlers} on @param {number} [limit] */
async function fileText(chosen, on, limit = limits().file_bytes) {
  if (chosen.size > limit) {
    on.tell(rejected({ file: chosen.name }, t("calc.too_big", { size: mb(chosen.size, Math.ceil), limit: mb(limit, Math.floor) })),
      "error");
    return null;
  }
  return chosen.text();
}

/** A backup holds every assessment this browser's storage can keep (a few million characters,
 *  each at most 3 bytes of UTF-8): a larger file is none of ours and is not read. */
const BACKUP_LIMIT = 32_000_000;

/** Bytes as MB (10^6) with one decimal, rounded by `round`: a file's size up and a limit down, so
 *  that a file just over the limit never reads as equal to it. @param {number} bytes
 *  @param {(x: number) => number} round */
const mb = (bytes, round) => (round(bytes / 100_000) / 10).toFixed(1);

/** The custom weight profile the view is scored with, if any: a link or an export cannot carry
 *  it, so they are refused (the message says why). @param {ShareHandlers} on */
function refusedForCustom(on) {
  const id = viewIds().find((one) => state.custom[one] && state.saved.standards[one]?.customProfile);
  if (!id) return false;
  on.tell(t("calc.custom_not_carried", { title: profileView(id)?.title }), "error");
  return true;
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
  const day = (details.date || "").trim() || today();
  const parts = [name, enterprise && !name.includes(enterprise) ? enterprise : "", day].filter(Boolean);
  const safe = parts.join("-").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_").trim();
  return `${safe || "assessment"}.${ext}`;
}

/** The CSV Python writes for the view (headers in the page's language), downloaded.
 *  @param {ShareHandlers} on */
async function exportCsv(on) {
  if (refusedForCustom(on)) return;
  const answer = await csvOf(JSON.stringify(assessmentFile()), lang, customProfile(), viewIds()).catch(() => null);
  if (!answer) return;  // Python stopped: the page already says so, with a retry
  if (!answer.ok) { on.tell(explain(answer.error), "error"); return; }
  downloadText(fileName("csv"), "text/csv;charset=utf-8", answer.text);
  // the CSV holds ratings, notes and report details; a plan's target and follow-up are not in it
  const file = assessmentFile();
  const parts = file.assessments || [file];
  if (file.plan || parts.some((/** @type {any} */ part) => part.plan)) on.tell(t("calc.csv_no_plan"));
}

/** The Excel workbook Python writes for the view (words in the page's language), downloaded. The
 *  button says "preparing" while the library loads (the first export only) and the workbook is
 *  written; a library that cannot be loaded is said in the message line, and nothing entered is
 *  touched. @param {ShareHandlers} on @param {HTMLButtonElement} button */
async function exportXlsx(on, button) {
  if (refusedForCustom(on)) return;
  button.disabled = true;
  button.textContent = t("calc.xlsx_preparing");
  button.setAttribute("aria-busy", "true");
  try {
    const answer = await xlsxOf(JSON.stringify(assessmentFile()), lang, customProfile(), viewIds()).catch(() => null);
    if (!answer) return;  // Python stopped: the page already says so, with a retry
    if (answer.unavailable) { on.tell(t("calc.xlsx_failed", { problem: answer.unavailable }), "error"); return; }
    if (!answer.ok) { on.tell(explain(answer.error), "error"); return; }
    const binary = atob(answer.base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    downloadText(fileName("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes);
  } finally {
    button.disabled = false;
    button.textContent = t("calc.export_xlsx");
    button.removeAttribute("aria-busy");
  }
}


/** A chosen file's text as an assessment (JSON text): a CSV export is read back by Python.
 *  @param {File} chosen @param {ShareHandlers} on @returns {Promise<string|null>} */
async function fileAssessment(chosen, on) {
  const text = await fileText(chosen, on);
  if (text === null) return null;
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
  const refuse = (/** @type {string} */ problem) => {
    if (source.link) linkRefused(rejected(source, problem), on);
    else on.tell(rejected(source, problem), "error");
    return false;
  };
  try {
    data = JSON.parse(text);
  } catch {
    return refuse(t("calc.bad_json"));
  }
  const entries = data && Array.isArray(data.assessments) ? data.assessments : [data];
  const known = new Set(Object.values(VIEWS).flat());
  const standards = [...new Set(entries.map((/** @type {any} */ entry) => entry && entry.standard))]
    .filter((id) => known.has(id));
  const answer = await check(text, null, standards).catch(() => null);  // the same checks as the CLI, in Python
  if (!answer) return false;  // Python stopped: the page already says so, with a retry
  if (!answer.ok) return refuse(explain(answer.error));
  document.body.dataset.state = "computing";
  await on.loadForms(entries.map((/** @type {any} */ entry) => entry.standard));
  /** @type {import("./state.js").Saved} */
  const incoming = { name: "", view: entries.length > 1 ? "combined" : entries[0].standard, standards: {}, details: {} };
  for (const entry of entries) incoming.standards[entry.standard] = stateFrom(entry, state.forms[entry.standard]);
  const report = data.report || entries.find((/** @type {any} */ entry) => entry.report)?.report;
  if (report) incoming.details = { ...report };
  if (entries.length > 1 && typeof data.plan?.target === "string") incoming.planTarget = data.plan.target;
  open(incoming, typeof data.title === "string" ? data.title : "", source, on);
  return true;
}

/**
 * An incoming assessment opened as a new named one; the current one is saved as it is and a
 * notice offers the way back to it. Its name: its title, else the source and today's date; an
 * assessment already saved with that name and the same ratings is opened instead of a copy.
 * @param {import("./state.js").Saved} incoming @param {string} title
 * @param {{file?: string, link?: boolean}} source @param {ShareHandlers} on
 */
function open(incoming, title, source, on) {
  const previous = state.saved.name;
  save();
  const books = library();
  const base = title.trim() || t("calc.incoming_name", { source: source.file ? source.file.replace(/\.[^.]*$/, "") : t("calc.link_source"),
    date: today() });
  const copies = t("calc.copy_name", { name: base, n: "" }).slice(0, -1);  // "name（" or "name ("
  const same = Object.keys(books).find((name) => (name === base || name.startsWith(copies))
    && JSON.stringify(checkedBook(books[name], name).standards) === JSON.stringify(checkedBook(incoming, name).standards));
  if (same && same === previous) {
    // the assessment open already holds it (the same link opened twice): nothing to do
    state.ui.opened = null;
    on.redraw();
    on.tell(t("calc.opened_current", { name: previous }));
    return;
  }
  let name = same || base;
  for (let n = 2; !same && hasBook(books, name); n += 1) name = t("calc.copy_name", { name: base, n });
  incoming.name = name;
  useStored(same ? books[same] : incoming, name);
  state.result = null;
  const text = same ? t("calc.opened_again", { name, previous })
    : source.file ? t("calc.opened_file", { file: source.file, name, previous }) : t("calc.opened_link", { name, previous });
  state.ui.opened = { name: previous, text, kind: "info" };
  save();
  on.redraw();
  on.tell(text);
  showNotice();
}

/** The notice at the head of the form brought into view (wherever the visitor had scrolled), the
 *  focus on its button. */
function showNotice() {
  const shown = document.querySelector("[data-testid=opened]");
  shown?.scrollIntoView({ block: "start" });
  /** @type {HTMLElement|null} */ (shown?.querySelector("button") || null)?.focus({ preventScroll: true });
}

/** A share link that cannot be used: said at the head of the form, in view (the page was opened
 *  with it, or it was pasted into the address bar), and in the message line.
 *  @param {string} text @param {ShareHandlers} on */
function linkRefused(text, on) {
  state.ui.opened = { name: null, text, kind: "error" };
  on.tell(text, "error");
  showNotice();
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
    linkRefused(rejected({ link: true }, t("calc.bad_link")), on);
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
    copy = button("calc.copy_assessment", "copy"), remove = button("calc.delete_assessment", "delete");
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
  copy.addEventListener("click", async () => {
    // this year's assessment starting from last year's: every rating, note, setting and report
    // detail copied under a new name; the original stays as it was
    const from = state.saved.name;
    let suggested = t("calc.copy_name", { name: from, n: 2 });
    for (let n = 3; library()[suggested]; n += 1) suggested = t("calc.copy_name", { name: from, n });
    const name = askFreeName(suggested);
    if (!name || name === from) return;
    save();
    const books = library();
    books[name] = { ...JSON.parse(JSON.stringify(state.saved)), name };
    if (!storeLibrary(books)) { on.redraw(); return; }  // storage refused: the page says why
    await on.switchTo(name);
    on.tell(t("calc.copied", { from, name }));
  });
  remove.addEventListener("click", async () => {
    const books = library();
    const name = state.saved.name;
    const others = Object.keys(books).filter((n) => n !== name);
    if (!others.length) { on.tell(t("calc.last_one"), "error"); return; }
    if (!confirm(t("calc.delete_confirm", { name }))) return;
    save();
    const gone = library()[name] || state.saved;
    delete books[name];
    if (!storeLibrary(books)) { on.redraw(); return; }  // storage refused: nothing deleted, the page says why
    useStored(books[others[0]], others[0]);
    await on.switchTo(others[0]);
    // undone: the assessment comes back under its name (unless one of that name was made since)
    state.ui.undo = { text: t("calc.deleted", { name }), items: {}, run: async () => {
      const now = library();
      if (!hasBook(now, name)) { now[name] = gone; storeLibrary(now); }
      await on.switchTo(name);
      state.ui.undo = { text: t("calc.undeleted", { name }), items: {} };
      on.redraw();
    } };
    on.redraw();
    on.offered();
  });
  return el("div", { class: "calc-library" }, el("label", { for: select.id, text: t("calc.assessments") }), select,
    fresh, copy, rename, remove);
}

/** The backup file's format name: what restoring checks first. */
const BACKUP = "aftersales-calculator-backup";

/** Every assessment of this browser, with its notes, profile (a custom one included) and name,
 *  in one file. */
export function downloadBackup() {
  const data = { format: BACKUP, version: 1, made: new Date().toISOString(), assessments: everyAssessment() };
  downloadText(`${t("calc.default_name")}-backup-${today()}.json`, "application/json", JSON.stringify(data, null, 2) + "\n");
}

/**
 * A backup restored: each assessment checked as stored data is (stored.js; what cannot be used
 * is set aside); one missing here is added, one that is the same is left, and the visitor is
 * asked once before any that differs is replaced (declining keeps this browser's).
 * @param {File} chosen @param {ShareHandlers} on
 */
async function restoreBackup(chosen, on) {
  const text = await fileText(chosen, on, BACKUP_LIMIT);
  if (text === null) return;
  let data = null;
  try { data = JSON.parse(text); } catch { /* said below */ }
  const held = data && data.format === BACKUP && data.assessments && typeof data.assessments === "object"
    && !Array.isArray(data.assessments) ? data.assessments : null;
  if (!held) { on.tell(rejected({ file: chosen.name }, t("calc.backup_bad")), "error"); return; }
  save();
  const books = library();
  const counts = { added: 0, replaced: 0, kept: 0, same: 0 };
  /** @type {Record<string, import("./state.js").Saved>} */
  const differing = {};
  for (const [name, raw] of Object.entries(held)) {
    if (!name.trim()) continue;
    const found = checkedBook(raw, name, true);
    if (!hasBook(books, name)) { books[name] = found; counts.added += 1; }
    else if (JSON.stringify(checkedBook(books[name], name)) === JSON.stringify(found)) counts.same += 1;
    else differing[name] = found;
  }
  const names = Object.keys(differing);
  /** @type {Record<string, import("./state.js").Saved>} the versions a replacement overwrote, for undo */
  const replacedFrom = Object.create(null);
  if (names.length && confirm(t("calc.restore_confirm", { names: names.map((name) => `“${name}”`) }))) {
    for (const name of names) replacedFrom[name] = books[name];
    Object.assign(books, differing);
    counts.replaced = names.length;
  } else {
    counts.kept = names.length;
  }
  if (!storeLibrary(books)) { on.redraw(); return; }
  const current = state.saved.name;
  if (hasBook(differing, current) && counts.replaced) useStored(books[current], current);
  const said = t("calc.restored", { file: chosen.name, ...counts });
  // a replacement can be undone: the versions it overwrote come back
  state.ui.undo = counts.replaced ? { text: said, items: {}, run: async () => {
    // the page's copy first, so that switching (which saves it) keeps the version undone to
    if (hasBook(replacedFrom, current)) useStored(replacedFrom[current], current);
    storeLibrary(Object.assign(library(), replacedFrom));
    await on.switchTo(current);
    state.ui.undo = { text: t("calc.undone"), items: {} };
    on.redraw();
  } } : null;
  on.redraw();
  on.tell(said);
}

/** The tools: named assessments, share, export, import, report. @param {HTMLElement} host @param {ShareHandlers} on */
export function drawTools(host, on) {
  const share = el("button", { type: "button", class: "md-button", "data-action": "share", text: t("calc.share") });
  const exportJson = el("button", { type: "button", class: "md-button", "data-action": "export-json",
    "data-testid": "export-json", text: t("calc.export_json") });
  const exportCsvButton = el("button", { type: "button", class: "md-button", "data-action": "export-csv",
    "data-testid": "export-csv", text: t("calc.export_csv") });
  const exportXlsxButton = /** @type {HTMLButtonElement} */ (el("button", { type: "button", class: "md-button",
    "data-action": "export-xlsx", "data-testid": "export-xlsx", text: t("calc.export_xlsx") }));
  const file = /** @type {HTMLInputElement} */ (el("input", { type: "file", id: "calc-import", "data-testid": "import",
    accept: ".json,.csv,application/json,text/csv", class: "calc-file" }));
  const link = /** @type {HTMLInputElement} */ (el("input", { type: "text", readonly: true, class: "calc-link",
    "data-testid": "share-link", hidden: true, "aria-label": t("calc.share") }));
  share.addEventListener("click", async () => {
    link.hidden = true;
    if (refusedForCustom(on)) return;
    const address = `${location.origin}${location.pathname}#a=${toBase64Url(JSON.stringify(assessment()))}`;
    if (address.length > LINK_LIMIT) {
      on.tell(t("calc.link_too_long", { length: address.length, limit: LINK_LIMIT }), "error");
      return;
    }
    link.value = address;
    link.hidden = false;
    try { await navigator.clipboard.writeText(link.value); } catch { /* no clipboard: the field shows it */ }
    on.tell(t("calc.shared"));
  });
  exportJson.addEventListener("click", () => {
    if (!refusedForCustom(on)) downloadText(fileName("json"), "application/json", JSON.stringify(assessmentFile(), null, 2) + "\n");
  });
  exportCsvButton.addEventListener("click", () => exportCsv(on));
  exportXlsxButton.addEventListener("click", () => exportXlsx(on, exportXlsxButton));
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    const text = await fileAssessment(chosen, on);
    if (text !== null) await applyIncoming(text, { file: chosen.name }, on);
    file.value = "";
  });
  const backup = el("button", { type: "button", class: "md-button", "data-action": "backup", "data-testid": "backup",
    text: t("calc.backup_export") });
  backup.addEventListener("click", downloadBackup);
  const restore = /** @type {HTMLInputElement} */ (el("input", { type: "file", id: "calc-restore", "data-testid": "restore",
    accept: ".json,application/json", class: "calc-file" }));
  restore.addEventListener("change", async () => {
    const chosen = restore.files?.[0];
    if (chosen) await restoreBackup(chosen, on);
    restore.value = "";
  });
  const print = el("button", { type: "button", class: "md-button", "data-action": "report", text: t("calc.report") });
  print.addEventListener("click", () => printReport(host));
  return el("div", { class: "calc-tools" }, assessmentPicker(on), drawDetails(host), share, exportJson, exportCsvButton,
    exportXlsxButton, print,
    el("span", { class: "calc-import" }, el("label", { for: "calc-import", class: "md-button calc-file-button",
      text: t("calc.import_json") }), file), link, backup,
    el("span", { class: "calc-import" }, el("label", { for: "calc-restore",
      class: "md-button calc-file-button", text: t("calc.backup_restore") }), restore),
    el("p", { class: "calc-message", "data-testid": "message", role: "status" }));
}
