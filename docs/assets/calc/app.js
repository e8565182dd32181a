// The calculator page. It renders the rating forms from the rubric JSON at once, keeps
// every rating in this browser's storage, and shows the results computed by the Python
// module running in worker.js. Nothing is scored here: this file collects ratings in the
// CLI's assessment format and displays what Python returns.

import { el } from "./dom.js";
import { say, t } from "./strings.js";

const CTS = "cts-q-zg025-2022";
const GBT = "gb-t-27922-2011";
const SBT = "sb-t-10401-2006";
const VIEWS = { [CTS]: [CTS], [GBT]: [GBT], [SBT]: [SBT], combined: [GBT, CTS] };
const STORAGE = "calculator:v2";
const OLD_STORAGE = `calculator:v1:${CTS}`;

const host = document.getElementById("calc");
const lang = host.dataset.lang;
const root = new URL(host.dataset.root, location.href);
const pages = host.dataset.pages;
const status = host.querySelector("[data-testid=status]");
const rubrics = {};
const manifest = JSON.parse(host.dataset.standards);  // id -> {code, title}: labels before any rubric loads
let state = { view: CTS, standards: {} };
let pythonReady = false;
let lastResult = null;
let latest = 0;

document.body.dataset.state = "loading";


// ---- saved state: every change is kept; nothing the user typed is dropped -----------

function standardState(id) {
  if (!state.standards[id]) state.standards[id] = { ratings: {}, profile: null, deductions: "0", bonus: false };
  return state.standards[id];
}

function loadState() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE) || "null");
    if (saved && typeof saved === "object" && saved.standards && typeof saved.standards === "object") {
      state = { name: typeof saved.name === "string" ? saved.name : t("calc.default_name"),
        view: VIEWS[saved.view] ? saved.view : CTS, standards: saved.standards };
    } else {
      const old = JSON.parse(localStorage.getItem(OLD_STORAGE) || "null");  // the first version's CTS ratings
      if (old && typeof old === "object") standardState(CTS).ratings = old;
    }
  } catch {
    /* unreadable storage: start empty, the page still works */
  }
}

const LIBRARY = "calculator:v2:library";

function library() {
  try {
    const saved = JSON.parse(localStorage.getItem(LIBRARY) || "{}");
    return saved && typeof saved === "object" ? saved : {};
  } catch {
    return {};
  }
}

function saveState() {
  // the current assessment under STORAGE, and every named assessment in the library
  if (!state.name) state.name = t("calc.default_name");
  try {
    localStorage.setItem(STORAGE, JSON.stringify(state));
    localStorage.setItem(LIBRARY, JSON.stringify({ ...library(), [state.name]: state }));
  } catch {
    /* storage full or disabled: the form keeps the values */
  }
}

async function switchTo(name, fresh = false) {
  document.body.dataset.state = "computing";
  saveState();
  const saved = library()[name];
  state = fresh || !saved ? { name, view: state.view, standards: {} } : saved;
  state.name = name;
  saveState();
  await loadRubrics(VIEWS[state.view]);
  render();
  requestScore();
}

function assessmentPicker() {
  const names = Object.keys({ ...library(), [state.name || t("calc.default_name")]: true }).sort();
  const select = el("select", { id: "calc-assessment", "data-testid": "assessment" });
  for (const name of names) select.append(el("option", { value: name, text: name }));
  select.value = state.name || t("calc.default_name");
  select.addEventListener("change", () => switchTo(select.value));
  const button = (name, action) => el("button", { type: "button", class: "md-button", "data-action": action,
    text: t(name) });
  const fresh = button("calc.new_assessment", "new"), rename = button("calc.rename_assessment", "rename"),
    remove = button("calc.delete_assessment", "delete");
  const askFreeName = (current) => {
    const name = (prompt(t("calc.ask_name"), current || "") || "").trim();
    if (!name) return null;
    if (name !== current && library()[name]) { tell(t("calc.name_taken", { name }), "error"); return null; }
    return name;
  };
  fresh.addEventListener("click", () => { const name = askFreeName(""); if (name) switchTo(name, true); });
  rename.addEventListener("click", () => {
    const name = askFreeName(state.name);
    if (!name || name === state.name) return;
    const books = library();
    delete books[state.name];
    state.name = name;
    localStorage.setItem(LIBRARY, JSON.stringify(books));
    saveState();
    render();
    requestScore();
  });
  remove.addEventListener("click", () => {
    const books = library();
    const others = Object.keys(books).filter((n) => n !== state.name);
    if (!others.length) { tell(t("calc.last_one"), "error"); return; }
    if (!confirm(t("calc.delete_confirm", { name: state.name }))) return;
    delete books[state.name];
    localStorage.setItem(LIBRARY, JSON.stringify(books));
    state = books[others[0]];
    state.name = others[0];
    switchTo(others[0]);
  });
  return el("div", { class: "calc-library" }, el("label", { for: select.id, text: t("calc.assessments") }), select,
    fresh, rename, remove);
}

// ---- forms ------------------------------------------------------------------------

function leafClauses(clauses, out = []) {
  for (const clause of clauses) {
    if (clause.clauses) leafClauses(clause.clauses, out);
    else out.push(clause);
  }
  return out;
}

function ratingOptions(rubric) {
  const options = [["", t("calc.unrated")]];
  if (rubric.scoring.bands) {
    options.push(["0", t("calc.not_met")]);
    for (const band of rubric.scoring.bands) options.push([String(band.value), t("calc.band", { min: band.min_percent, max: band.max_percent, counts: Math.round(band.value * 100) })]);
  } else {
    options.push(["1", t("calc.met")], ["0", t("calc.not_met")]);
  }
  options.push(["exact", t("calc.exact")], ["na", t("calc.na")]);
  return options;
}

function itemLabel(item, clause) {
  const tail = item.id.slice(clause.id.length + 1);
  return /^[a-z]$/.test(tail) ? `${tail})` : item.id;
}

function teaching(rubric, item) {
  // what the standard says about rating this item: the bands of Table 1, or the rule
  const box = el("div", { class: "calc-teach" });
  if (rubric.scoring.bands) {
    const list = el("dl");
    for (const band of rubric.scoring.bands) {
      list.append(el("dt", { text: `${band.min_percent}%–${band.max_percent}%` }),
        el("dd", { text: band.descriptors.map((d) => d[lang]).join(" / ") }));
    }
    box.append(list);
  } else {
    box.append(el("p", { text: rubric.scoring.rating[lang] }));
  }
  if (item.quantitative) {
    const q = item.quantitative;
    box.append(el("p", { class: "quantity", text: `${q.quantity[lang]} ${q.comparator} ${q.threshold}${q.unit}` }));
  }
  return box;
}

function renderStandard(id) {
  const rubric = rubrics[id];
  const saved = standardState(id);
  const section = el("section", { class: "calc-standard", "data-standard": id, "aria-label": rubric.code },
    el("h2", { text: `${rubric.code} ${rubric.title[lang]}` }));
  const settings = el("div", { class: "calc-settings" });
  const profiles = rubric.profiles ? Object.values(rubric.profiles) : [];
  if (profiles.length) {
    const select = el("select", { id: `profile-${id}`, "data-setting": "profile" });
    for (const profile of profiles) {
      select.append(el("option", { value: profile.id, text: profile.title[lang] }));
    }
    select.value = saved.profile && rubric.profiles[saved.profile] ? saved.profile : rubric.scoring.default_profile;
    settings.append(el("label", { for: select.id, text: t("calc.profile") }), select,
      el("p", { class: "calc-warning", "data-testid": "profile-provisional", hidden: true,
        text: t("calc.profile_provisional") }));
  }
  if (profiles.length) {
    const file = el("input", { type: "file", id: `custom-${id}`, accept: ".json,application/json",
      "data-custom-profile": id });
    settings.append(el("label", { for: file.id, text: t("calc.custom_profile") }), file);
    if (saved.customProfile) {
      let title = "";
      try { title = JSON.parse(saved.customProfile).title[lang]; } catch { title = "?"; }
      const drop = el("button", { type: "button", class: "md-button", text: t("calc.custom_remove") });
      drop.addEventListener("click", () => { delete saved.customProfile; saveState(); render(); requestScore(); });
      settings.append(el("p", { class: "calc-custom", "data-testid": "custom-profile", text: t("calc.custom_active", { title }) }), drop);
    }
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      if (!chosen) return;
      const text = await chosen.text();
      const trial = JSON.stringify(assessmentOf(id, true));
      const answer = await ask(trial, text).catch(() => null);  // checked by the same Python code as the CLI's --profile
      if (!answer) return;  // Python stopped: the page already says so, with a retry
      if (!answer.ok) {
        tell(t("calc.rejected_file", { name: chosen.name, problem: explain(answer.error) }), "error");
      } else {
        saved.customProfile = text;
        saveState();
        render();
        requestScore();
        tell(t("calc.custom_loaded", { name: chosen.name }));
      }
      file.value = "";
    });
  }
  if (rubric.scoring.model === "gbt-27922") {
    const deductions = el("input", { id: `deductions-${id}`, type: "number", min: "0", step: "1",
      value: saved.deductions ?? "0", "data-setting": "deductions", inputmode: "numeric" });
    const bonus = el("input", { id: `bonus-${id}`, type: "checkbox", "data-setting": "bonus", checked: !!saved.bonus });
    settings.append(el("label", { for: deductions.id, text: t("calc.deductions") }), deductions,
      el("span", { class: "calc-check" }, bonus, el("label", { for: bonus.id, text: t("calc.bonus") })));
  }
  if (settings.childElementCount) section.append(settings);
  const options = ratingOptions(rubric);
  for (const part of rubric.sections) {
    const block = el("div", { class: "calc-section", "data-section": part.id, "data-annex": part.annex },
      el("h3", { text: `${part.id} ${part.title[lang]}` }));
    for (const clause of leafClauses(part.clauses)) {
      const fieldset = el("fieldset", { id: `clause-${id}-${clause.id}`, class: "calc-clause" });
      const link = el("a", { href: `${pages}${id}/${clause.id}/`, text: t("calc.clause_page") });
      fieldset.append(el("legend", {}, `${clause.id} ${clause.title[lang]} · `, link));
      for (const item of clause.items) {
        const select = el("select", { id: `r-${item.id}`, "data-item": item.id, "data-standard": id });
        for (const [value, text] of options) select.append(el("option", { value, text }));
        const exact = el("input", { type: "text", inputmode: "decimal", id: `p-${item.id}`, class: "calc-exact",
          "aria-label": t("calc.exact_label", { item: item.id }), hidden: true, autocomplete: "off" });
        const entry = saved.ratings[item.id];
        if (entry && typeof entry.choice === "string" && options.some(([v]) => v === entry.choice)) {
          select.value = entry.choice;
          exact.value = typeof entry.exact === "string" ? entry.exact : "";
        }
        const label = el("label", { for: select.id, class: "calc-item-text" },
          el("span", { class: "item-letter", text: itemLabel(item, clause) }), " ", item.text[lang]);
        const note = el("textarea", { id: `n-${item.id}`, class: "calc-note", rows: "2", "data-note": item.id,
          placeholder: t("calc.note_placeholder") });
        note.value = typeof saved.notes?.[item.id] === "string" ? saved.notes[item.id] : "";
        fieldset.append(el("div", { class: "calc-item", "data-item-row": item.id }, label,
          el("span", { class: "calc-controls" }, select, exact),
          el("span", { class: "calc-invalid", id: `m-${item.id}`, role: "alert" }),
          el("details", { class: "calc-more" }, el("summary", { text: t("calc.more") }), teaching(rubric, item),
            el("label", { for: note.id, text: t("calc.note") }), note)));
      }
      block.append(fieldset);
    }
    section.append(block);
  }
  const reset = el("button", { type: "button", class: "md-button", text: t("calc.reset") });
  reset.addEventListener("click", () => {
    if (!confirm(t("calc.reset_confirm"))) return;
    for (const select of section.querySelectorAll("select[data-item]")) select.value = "";
    for (const input of section.querySelectorAll("input.calc-exact")) input.value = "";
    changed();
  });
  section.append(reset);
  return section;
}

function resultPanel(id) {
  const row = (name, testid) => el("div", { class: "calc-figure" },
    el("span", { class: "calc-figure-label", text: t(name) }),
    el("output", { "data-testid": testid, text: "…" }));
  const rubric = rubrics[id];
  return el("aside", { class: "calc-result", "data-result": id, "aria-live": "polite", "aria-label": rubric.code },
    el("h3", { text: rubric.code }),
    row(rubric.scoring.model === "completeness" ? "calc.completeness" : "calc.score", "score"),
    row("calc.stars", "stars"), row("calc.level", "level"), row("calc.passed", "passed"),
    el("p", { class: "calc-detail", "data-testid": "reason" }),
    el("p", { class: "calc-detail", "data-testid": "earned" }),
    el("p", { class: "calc-detail", "data-testid": "next" }),
    el("p", { class: "calc-detail", "data-testid": "unrated" }),
    el("p", { class: "calc-warning", "data-testid": "provisional", hidden: true, text: t("calc.provisional") }),
    el("h4", { text: t("calc.fix_first") }),
    el("ol", { class: "calc-fix", "data-testid": "fix-first" }));
}

function render() {
  const view = VIEWS[state.view];
  const picker = el("fieldset", { class: "calc-view" }, el("legend", { text: t("calc.view") }));
  for (const [key, ids] of Object.entries(VIEWS)) {
    const input = el("input", { type: "radio", name: "calc-view", id: `view-${key}`, value: key,
      checked: key === state.view });
    const text = key === "combined" ? t("calc.combined_view") : `${manifest[ids[0]].code} ${manifest[ids[0]].title[lang]}`;
    picker.append(el("span", { class: "calc-view-choice" }, input, el("label", { for: input.id, text })));
  }
  picker.addEventListener("change", async (event) => {
    document.body.dataset.state = "computing";  // the shown result is not current until rescored
    state.view = event.target.value;
    saveState();
    await loadRubrics(VIEWS[state.view]);
    render();
    requestScore();
  });
  const forms = el("form", { class: "calc-form", novalidate: true });
  forms.addEventListener("submit", (event) => event.preventDefault());
  for (const id of view) forms.append(renderStandard(id));
  forms.addEventListener("change", changed);
  forms.addEventListener("input", (event) => {
    if (event.target.matches("input.calc-exact, input[data-setting], textarea[data-note]")) changed();
  });
  const results = el("div", { class: "calc-results" });
  results.append(toolbar());
  if (state.view === "combined") {
    results.append(el("aside", { class: "calc-result calc-combined", "aria-live": "polite" },
      el("div", { class: "calc-figure" }, el("span", { class: "calc-figure-label", text: t("calc.combined_stars") }),
        el("output", { "data-testid": "combined-stars", text: "…" })),
      el("p", { class: "calc-detail", "data-testid": "combined-reason" })));
  }
  for (const id of view) results.append(resultPanel(id));
  const layout = host.querySelector(".calc-layout");
  const fresh = el("div", { class: "calc-layout" }, forms, results);
  if (layout) layout.replaceWith(fresh);
  else host.append(fresh);
  const oldPicker = host.querySelector(".calc-view");
  if (oldPicker) oldPicker.replaceWith(picker);
  else host.insertBefore(picker, fresh);
  syncExactFields();
}

// ---- share, export, import ----------------------------------------------------------

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(code) {
  if (!/^[A-Za-z0-9_-]*$/.test(code) || code.length % 4 === 1) throw new Error(t("calc.bad_link"));
  const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((code.length + 3) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function explain(error) {
  // the problem in the page's language, from the error's code and parameters
  return error ? say({ code: error.code, params: error.params }, "error") : "";
}

function rejected(source, problem) {
  // a share link or a file that cannot be used, and why
  return source.file ? t("calc.rejected_file", { name: source.file, problem })
    : t("calc.rejected_link", { problem });
}

function tell(text, kind = "info") {
  const box = host.querySelector("[data-testid=message]");
  box.textContent = text;
  box.dataset.kind = kind;
}

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportCsv() {
  const rows = [["standard", "clause", "item", "text", "rating", "note", "points", "earned"]];
  const results = lastResult ? (lastResult.results || [lastResult]) : [];
  for (const id of VIEWS[state.view]) {
    const one = assessmentOf(id);
    const scored = results.find((r) => r.standard === id);
    const byItem = Object.fromEntries((scored ? scored.items : []).map((row) => [row.id, row]));
    for (const part of rubrics[id].sections) {
      for (const clause of leafClauses(part.clauses)) {
        for (const item of clause.items) {
          const row = byItem[item.id];
          rows.push([id, clause.id, item.id, item.text[lang], one.ratings[item.id] ?? "", (one.notes || {})[item.id] ?? "",
            row ? row.points : "", row ? row.earned : ""]);
        }
      }
    }
  }
  download("assessment.csv", "text/csv;charset=utf-8", "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n");
}

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== null) node.textContent = text;
  return node;
}

function chart(result) {
  // earned against available points per section, drawn here from the Python result
  const rubric = rubrics[result.standard];
  const titles = Object.fromEntries(rubric.sections.map((part) => [part.id, part.title[lang]]));
  const rows = result.sections;
  const width = 640, label = 190, bar = width - label - 70, height = 24 * rows.length + 30;
  const most = Math.max(...rows.map((row) => row.points), 1);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img",
    "aria-label": t("calc.report_chart_of", { code: result.code }), class: "calc-chart" });
  rows.forEach((row, index) => {
    const y = 10 + index * 24;
    root.append(svg("text", { x: 0, y: y + 13, "font-size": 11 }, `${row.id} ${titles[row.id] || ""}`.slice(0, 28)));
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

function reportOf(result) {
  const rubric = rubrics[result.standard];
  const titles = {};
  for (const part of rubric.sections) for (const clause of leafClauses(part.clauses)) titles[clause.id] = clause.title[lang];
  const unit = result.model === "completeness" ? "%" : "";
  const table = el("table", {}, el("thead", {}, el("tr", {},
    ...[t("calc.report_clause"), "", t("calc.report_available"), t("calc.report_earned"), t("calc.report_lost")].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const row of result.clauses) {
    body.append(el("tr", {}, el("td", { text: row.id }), el("td", { text: titles[row.id] || "" }),
      el("td", { text: String(row.available) }), el("td", { text: String(row.earned) }), el("td", { text: String(row.lost) })));
  }
  table.append(body);
  return el("section", { class: "calc-report-part" },
    el("h2", { text: `${rubric.code} ${rubric.title[lang]}` }),
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
    el("ol", {}, ...result.fix_first.slice(0, 10).map((row) =>
      el("li", { text: `${row.clause} ${titles[row.clause] || ""} · ${row.recoverable_text} (+${row.score_gain})` }))),
    el("h3", { text: t("calc.report_clauses") }), table);
}

function printReport() {
  if (!lastResult) return;
  const results = lastResult.results || [lastResult];
  const report = el("section", { class: "calc-report", "data-testid": "report", lang },
    el("h1", { text: t("calc.report_title") }),
    el("p", { text: t("calc.report_of", { name: state.name || t("calc.default_name"),
      date: new Date().toISOString().slice(0, 10) }) }),
    el("p", { class: "calc-report-notice", text: t("calc.report_notice") }),
    lastResult.combined ? el("p", { class: "calc-report-score",
      text: combinedText(lastResult.combined) }) : null,
    ...results.map(reportOf));
  host.querySelector(".calc-report")?.remove();
  host.append(report);
  document.body.classList.add("print-report");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-report"), { once: true });
  window.print();
}

function toolbar() {
  const share = el("button", { type: "button", class: "md-button", "data-action": "share", text: t("calc.share") });
  const exportJson = el("button", { type: "button", class: "md-button", "data-action": "export-json", text: t("calc.export_json") });
  const exportCsvButton = el("button", { type: "button", class: "md-button", "data-action": "export-csv", text: t("calc.export_csv") });
  const file = el("input", { type: "file", id: "calc-import", accept: ".json,application/json", class: "calc-file" });
  const link = el("input", { type: "text", readonly: true, class: "calc-link", "data-testid": "share-link", hidden: true,
    "aria-label": t("calc.share") });
  share.addEventListener("click", async () => {
    link.value = `${location.origin}${location.pathname}#a=${toBase64Url(JSON.stringify(assessment()))}`;
    link.hidden = false;
    try { await navigator.clipboard.writeText(link.value); } catch { /* no clipboard: the field shows it */ }
    tell(t("calc.shared"));
  });
  exportJson.addEventListener("click", () =>
    download("assessment.json", "application/json", JSON.stringify(assessment(), null, 2) + "\n"));
  exportCsvButton.addEventListener("click", exportCsv);
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    await applyIncoming(await chosen.text(), { file: chosen.name });
    file.value = "";
  });
  const print = el("button", { type: "button", class: "md-button", "data-action": "report", text: t("calc.report") });
  print.addEventListener("click", printReport);
  return el("div", { class: "calc-tools" }, assessmentPicker(), share, exportJson, exportCsvButton, print,
    el("label", { for: "calc-import", class: "md-button", text: t("calc.import_json") }), file, link,
    el("p", { class: "calc-message", "data-testid": "message", role: "status" }));
}

function percentText(value) {
  // 0.333 -> "33.3" by moving the decimal point in the number's shortest text
  const text = String(value);
  if (/e/i.test(text)) return String(value * 100);
  const [whole, frac = ""] = text.split(".");
  const digits = `${whole}${frac.padEnd(2, "0").slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2);
  return rest ? `${digits}.${rest}` : digits;
}

function stateFrom(entry) {
  // an assessment in the CLI's format -> what the form holds
  const rubric = rubrics[entry.standard];
  const offered = new Set(ratingOptions(rubric).map(([value]) => value));
  const out = { ratings: {}, notes: { ...(entry.notes || {}) }, profile: entry.profile || null,
    deductions: String(entry.special_deductions ?? 0), bonus: entry.special_bonus === 1 };
  for (const [item, value] of Object.entries(entry.ratings || {})) {
    if (typeof value === "string") out.ratings[item] = { choice: "na", exact: "" };
    else if (offered.has(String(value))) out.ratings[item] = { choice: String(value), exact: "" };
    else out.ratings[item] = { choice: "exact", exact: percentText(value) };
  }
  return out;
}

async function applyIncoming(text, source) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    tell(rejected(source, t("calc.bad_json")), "error");
    return false;
  }
  const answer = await ask(text).catch(() => null);  // the same checks as the CLI, in Python
  if (!answer) return false;  // Python stopped: the page already says so, with a retry
  if (!answer.ok) {
    tell(rejected(source, explain(answer.error)), "error");
    return false;
  }
  const entries = data.assessments || [data];
  document.body.dataset.state = "computing";
  await loadRubrics(entries.map((entry) => entry.standard));
  for (const entry of entries) state.standards[entry.standard] = stateFrom(entry);
  state.view = entries.length > 1 ? "combined" : entries[0].standard;
  saveState();
  render();
  requestScore();
  tell(source.file ? t("calc.imported_file", { name: source.file }) : t("calc.imported_link"));
  return true;
}

// ---- ratings -> assessment (the CLI's file format) ---------------------------------

function percentToFraction(text) {
  // "33.3" -> 0.333 without binary arithmetic: move the decimal point two places in the
  // text, so the JSON number Python receives is exactly the decimal the user typed.
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,6}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  const [, whole, frac = ""] = match;
  if (Number(`${whole}.${frac || 0}`) > 100) return null;
  const scale = frac.length + 2;
  const digits = `${whole}${frac}`.padStart(scale + 1, "0");
  return Number(`${digits.slice(0, -scale)}.${digits.slice(-scale)}`);
}

function syncExactFields() {
  for (const select of host.querySelectorAll("select[data-item]")) {
    document.getElementById(`p-${select.dataset.item}`).hidden = select.value !== "exact";
  }
  // a profile that does not score a section (SB/T Table A.2, Appendix B for sales) hides it;
  // its ratings stay saved, and Python lists any that are sent under "not scored"
  for (const section of host.querySelectorAll("section[data-standard]")) {
    const rubric = rubrics[section.dataset.standard];
    const chosen = section.querySelector("[data-setting=profile]");
    if (!chosen || !rubric.profiles) continue;
    const scored = rubric.profiles[chosen.value].items;
    const note = section.querySelector("[data-testid=profile-provisional]");
    if (note) note.hidden = !Object.values(scored).some((weight) => weight.provenance === "provisional");
    for (const block of section.querySelectorAll(".calc-section")) {
      const first = block.querySelector("select[data-item]");
      block.hidden = !(first && first.dataset.item in scored);
    }
  }
}

function collect() {
  // read the form into the saved state, then build the assessment(s) from that state
  for (const id of VIEWS[state.view]) {
    const saved = standardState(id);
    const section = host.querySelector(`section[data-standard="${id}"]`);
    saved.ratings = {};
    saved.notes = {};
    for (const note of section.querySelectorAll("textarea[data-note]")) {
      if (note.value.trim()) saved.notes[note.dataset.note] = note.value;
    }
    for (const select of section.querySelectorAll("select[data-item]")) {
      const exact = document.getElementById(`p-${select.dataset.item}`);
      if (select.value) saved.ratings[select.dataset.item] = { choice: select.value, exact: exact.value };
    }
    const profile = section.querySelector("[data-setting=profile]");
    if (profile) saved.profile = profile.value;
    const deductions = section.querySelector("[data-setting=deductions]");
    if (deductions) saved.deductions = deductions.value;
    const bonus = section.querySelector("[data-setting=bonus]");
    if (bonus) saved.bonus = bonus.checked;
  }
}

function assessmentOf(id, forCustomProfile = false) {
  const saved = standardState(id);
  const out = { standard: id };
  // with the user's own profile the assessment names none (the profile comes with the request)
  if (rubrics[id].profiles && !forCustomProfile && !saved.customProfile) {
    out.profile = saved.profile || rubrics[id].scoring.default_profile;
  }
  const ratings = {};
  for (const [item, entry] of Object.entries(saved.ratings)) {
    const message = document.getElementById(`m-${item}`);
    const exact = document.getElementById(`p-${item}`);
    if (message) message.textContent = "";
    if (exact) exact.removeAttribute("aria-invalid");
    if (entry.choice === "na") ratings[item] = "na";
    else if (entry.choice === "exact") {
      if (!entry.exact || !entry.exact.trim()) continue;
      const value = percentToFraction(entry.exact);
      if (value === null) {
        if (message) message.textContent = t("calc.exact_bad", { value: entry.exact });
        if (exact) exact.setAttribute("aria-invalid", "true");
        continue;
      }
      ratings[item] = value;
    } else ratings[item] = Number(entry.choice);
  }
  out.ratings = ratings;
  const notes = Object.fromEntries(Object.entries(saved.notes || {}).filter(([, v]) => typeof v === "string" && v.trim()));
  if (Object.keys(notes).length) out.notes = notes;
  if (rubrics[id].scoring.model === "gbt-27922") {
    // sent as typed: Python refuses a bad count with a message naming it
    const typed = String(saved.deductions ?? "0").trim();
    out.special_deductions = /^\d+$/.test(typed) ? Number(typed) : typed;
    out.special_bonus = saved.bonus ? 1 : 0;
  }
  return out;
}

function assessment() {
  const view = VIEWS[state.view];
  return view.length === 1 ? assessmentOf(view[0]) : { assessments: view.map(assessmentOf) };
}

function changed() {
  syncExactFields();
  collect();
  saveState();
  requestScore();
}

const asked = new Map();
let askSeq = 0;

function ask(text, profile = null) {
  askSeq += 1;
  const id = `ask-${askSeq}`;
  return new Promise((resolve, reject) => {
    asked.set(id, { resolve, reject });
    worker.postMessage({ type: "score", id, text, profile, standards: [CTS, GBT, SBT] });
  });
}

function customProfile() {
  for (const id of VIEWS[state.view]) if (standardState(id).customProfile) return standardState(id).customProfile;
  return null;
}

function requestScore() {
  if (workerStopped) return;  // the ratings are saved; the retry scores them
  latest += 1;
  document.body.dataset.state = pythonReady ? "computing" : "loading";
  worker.postMessage({ type: "score", id: latest, text: JSON.stringify(assessment()), profile: customProfile(),
    standards: VIEWS[state.view] });
}

// ---- showing results ---------------------------------------------------------------

function earnedText(result) {
  const one = result.excluded_text === "1.00";
  return t(result.model === "completeness" ? (one ? "calc.earned_completeness_one" : "calc.earned_completeness")
    : (one ? "calc.earned_one" : "calc.earned"),
  { earned: result.earned_text, applicable: result.applicable_text, excluded: result.excluded_text });
}

function combinedText(combined) {
  // the combined rating in one line: stars or failed, and why
  return combined.passed ? t("calc.combined_passed", { stars: combined.stars, reason: say(combined.reason, "result") })
    : t("calc.combined_failed", { reason: say(combined.reason, "result") });
}

function showOne(result) {
  const panel = host.querySelector(`[data-result="${result.standard}"]`);
  const out = (testid) => panel.querySelector(`[data-testid=${testid}]`);
  const unit = result.model === "completeness" ? "%" : "";
  out("score").textContent = `${result.score_text}${unit}`;
  out("score").dataset.value = result.score_text;
  out("stars").textContent = result.stars === null ? t("calc.no_stars") : `${"★".repeat(result.stars)} ${result.stars}`;
  out("stars").dataset.value = result.stars === null ? "" : String(result.stars);
  out("level").textContent = result.level_label[lang];
  out("level").dataset.value = result.level;
  out("passed").textContent = result.passed ? t("calc.yes") : t("calc.no");
  out("passed").dataset.value = String(result.passed);
  out("reason").textContent = result.reason ? t("calc.reason", { reason: say(result.reason, "result") }) : "";
  out("earned").textContent = earnedText(result);
  out("next").textContent = t("calc.next", { text: say(result.next_message, "result") });
  const unrated = result.unrated.length;
  out("unrated").textContent = unrated === 0 ? ""
    : t(unrated === 1 ? "calc.unrated_count_one" : "calc.unrated_count", { count: unrated });
  out("provisional").hidden = !result.provisional_weights;
  out("fix-first").replaceChildren(...result.fix_first.slice(0, 8).map((row) =>
    el("li", {}, el("a", { href: `#clause-${result.standard}-${row.clause}`, text: row.clause }), ` · ${row.recoverable_text}`)));
}

function show(result) {
  for (const error of host.querySelectorAll("[data-testid=error]")) error.remove();
  if (result.results) {
    result.results.forEach(showOne);
    const stars = host.querySelector("[data-testid=combined-stars]");
    stars.textContent = result.combined.stars === null ? t("calc.combined_none")
      : `${"★".repeat(result.combined.stars)} ${result.combined.stars}`;
    stars.dataset.value = result.combined.stars === null ? "" : String(result.combined.stars);
    stars.dataset.passed = String(result.combined.passed);
    host.querySelector("[data-testid=combined-reason]").textContent = say(result.combined.reason, "result");
  } else showOne(result);
}

function showError(message) {
  for (const error of host.querySelectorAll("[data-testid=error]")) error.remove();
  const box = el("p", { class: "calc-error", "data-testid": "error", role: "alert", text: t("calc.error", { problem: message }) });
  host.querySelector(".calc-results").prepend(box);
}

// ---- start -------------------------------------------------------------------------

let worker = null;
let workerStopped = false;  // Python stopped: nothing is asked until the visitor retries
const rubricTexts = {};  // id -> the rubric's JSON text, given again to a restarted worker

function startWorker() {
  workerStopped = false;
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = onWorkerMessage;
  // a worker that cannot load (its script or an import fails) or dies later
  worker.onerror = (event) => {
    event.preventDefault();
    stopped(event.message || t("python.stopped"));
  };
  worker.onmessageerror = () => stopped(t("python.stopped"));
  worker.postMessage({ type: "init", root: root.href });
  for (const [id, text] of Object.entries(rubricTexts)) worker.postMessage({ type: "rubric", id, text });
}

function stopped(problem) {
  // Python cannot answer: every pending request ends now, the page says why and offers a
  // retry; the form and the saved ratings stay as they are
  for (const pending of asked.values()) pending.reject(new Error(problem));
  asked.clear();
  pythonReady = false;
  workerStopped = true;
  worker.terminate();
  host.querySelector("progress")?.remove();
  status.textContent = "";
  showFatal([t("python.fatal", { problem }), t("python.kept")].join(lang === "zh" ? "" : " "), () => {
    document.body.dataset.state = "loading";
    status.textContent = t("calc.loading_python", { stage: 1, total: 3 });
    startWorker();
    requestScore();
  });
}

function showFatal(text, retry) {
  for (const box of host.querySelectorAll("[data-testid=error]")) box.remove();
  const again = el("button", { type: "button", class: "md-button", "data-testid": "retry", text: t("python.retry") });
  const box = el("div", { class: "calc-error", "data-testid": "error", role: "alert" }, el("p", { text }), again);
  again.addEventListener("click", () => { box.remove(); retry(); });
  (host.querySelector(".calc-results") || host).prepend(box);
  document.body.dataset.state = "error";
}

// Keep the calculator working offline after this visit (sw.js is written at build time).
// Registered once Python has answered, so that the service worker's copy of the site does
// not compete with the first visit's own downloads.
function keepOffline() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  navigator.serviceWorker.register(new URL("sw.js", root)).catch(() => { /* offline use is a bonus */ });
}
function onWorkerMessage(event) {
  const message = event.data;
  if (message.type === "progress") {
    status.textContent = t("calc.loading_python", { stage: message.stage, total: message.total });
    const bar = host.querySelector("progress");
    if (bar) { bar.max = message.total; bar.value = message.stage - 1; }
  } else if (message.type === "ready") {
    pythonReady = true;
    keepOffline();
    document.body.dataset.python = message.started;  // fresh, snapshot or fresh-after-bad-snapshot
    status.textContent = t("calc.ready");
    host.querySelector("progress")?.remove();
  } else if (message.type === "snapshot") {
    document.body.dataset.snapshot = message.stored ? "stored" : "none";  // for the next visit's start
  } else if (message.type === "fatal") {
    stopped(message.refusal ? explain(message.refusal) : message.message);
  } else if (message.type === "result" && asked.has(message.id)) {
    asked.get(message.id).resolve(message.payload);
    asked.delete(message.id);
  } else if (message.type === "result" && message.id === latest) {
    if (message.payload.ok) { lastResult = message.payload.result; show(lastResult); }
    else showError(explain(message.payload.error));
    document.body.dataset.state = "ready";
  }
}
startWorker();

async function loadRubrics(ids) {
  // the calculator's copy of each rubric (without the clause pages' guidance); the worker
  // gets the same text, so the file is downloaded once
  await Promise.all(ids.filter((id) => !rubrics[id]).map(async (id) => {
    const path = `assets/calc/data/${id}.json`;
    const response = await fetch(new URL(path, root));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const text = await response.text();
    rubrics[id] = JSON.parse(text);
    rubricTexts[id] = text;
    worker.postMessage({ type: "rubric", id, text });
  }));
}

function openRequested() {
  // ?standard=ID opens that standard; #clause-ID-CLAUSE scrolls to the clause once rendered
  const asked = new URLSearchParams(location.search).get("standard");
  if (asked && VIEWS[asked]) state.view = asked;
}

function scrollToClause() {
  if (!location.hash.startsWith("#clause-")) return;
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target) target.scrollIntoView();
}

async function main() {
  loadState();
  openRequested();
  await loadRubrics(VIEWS[state.view]);
  host.append(el("progress", { max: "3", value: "0", class: "calc-progress" }));
  render();
  scrollToClause();
  if (!pythonReady) status.textContent = t("calc.loading_python", { stage: 1, total: 3 });
  collect();
  saveState();
  requestScore();
  await openShareLink();
  window.addEventListener("hashchange", () => { openShareLink(); scrollToClause(); });
}

async function openShareLink() {
  // #a=<base64url of the UTF-8 JSON assessment>: checked by Python before it replaces anything
  if (!location.hash.startsWith("#a=")) return;
  const code = location.hash.slice(3);
  history.replaceState(null, "", location.pathname + location.search);  // reloads use the saved state
  let text = null;
  try {
    text = fromBase64Url(code);
  } catch {
    tell(rejected({ link: true }, t("calc.bad_link")), "error");
  }
  if (text !== null) await applyIncoming(text, { link: true });
}

main().catch((error) => {
  // the rubrics could not be fetched: a reload tries again (saved ratings are in storage)
  status.textContent = "";
  showFatal(t("calc.rubric_error", { problem: error.message }), () => location.reload());
});
