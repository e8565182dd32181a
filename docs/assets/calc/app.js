// The calculator page: renders the rating form from the rubric JSON at once, keeps the
// ratings in this browser's storage, and shows the result computed by the Python
// module in worker.js. No score is computed here: this file only collects ratings and
// displays what Python returns.

const TEXT = {
  zh: {
    loadingItems: "正在载入评分项……",
    loadingPython: (s, n) => `正在启动 Python 计算模块（${s}/${n}）……表单已可使用，结果将在载入后显示。`,
    ready: "计算模块已就绪。",
    fatal: (m) => `计算模块无法启动：${m}。您的评分已保存在本浏览器中。`,
    error: (m) => `无法计算：${m}`,
    rubricError: (m) => `评分项无法载入：${m}`,
    unrated: "未评分",
    notMet: "不符合（0%）",
    band: (b) => `${b.min_percent}%–${b.max_percent}%（计 ${Math.round(b.value * 100)}%）`,
    exact: "精确百分比……",
    na: "不适用（删减）",
    exactLabel: (id) => `${id} 的精确百分比（0–100）`,
    exactBad: (v) => `“${v}”不是 0 到 100 之间的数，本项暂按所选档以外处理为未评分`,
    rating: "评分",
    score: "完善程度",
    stars: "星级",
    level: "等级",
    passed: "是否合格",
    yes: "合格",
    no: "不合格",
    earned: (e, a, x) => `实际得分 ${e} / 涉及项总分值 ${a}（删减 ${x} 分）`,
    next: (n) => `下一等级：${n.label.zh}（≥ ${n.min_score}），还需 ${n.points_needed} 分`,
    top: "已达最高等级",
    unratedCount: (n) => `未评分 ${n} 项（按 0 分计）`,
    fixFirst: "优先改进（可挽回分值）",
    clausePage: "条款页",
    reset: "清空全部评分",
    resetConfirm: "确定清空本标准的全部评分吗？",
    noStars: "—",
    provisional: "注意：结果使用了暂定分值。",
  },
  en: {
    loadingItems: "Loading the items…",
    loadingPython: (s, n) => `Starting the Python scoring module (${s}/${n})… You can rate now; the result appears once it has loaded.`,
    ready: "Scoring module ready.",
    fatal: (m) => `The scoring module could not start: ${m}. Your ratings are kept in this browser.`,
    error: (m) => `Cannot compute: ${m}`,
    rubricError: (m) => `The items could not be loaded: ${m}`,
    unrated: "Not rated",
    notMet: "Not met (0%)",
    band: (b) => `${b.min_percent}%–${b.max_percent}% (counts ${Math.round(b.value * 100)}%)`,
    exact: "Exact percentage…",
    na: "Not applicable (excluded)",
    exactLabel: (id) => `Exact percentage for ${id} (0–100)`,
    exactBad: (v) => `"${v}" is not a number from 0 to 100; the item counts as not rated until it is`,
    rating: "Rating",
    score: "Completeness",
    stars: "Stars",
    level: "Level",
    passed: "Passed",
    yes: "yes",
    no: "no",
    earned: (e, a, x) => `${e} points earned of ${a} applicable (${x} excluded)`,
    next: (n) => `Next level: ${n.label.en} (≥ ${n.min_score}), ${n.points_needed} more points needed`,
    top: "Highest level reached",
    unratedCount: (n) => `${n} items not rated (counted as 0)`,
    fixFirst: "What to fix first (points recoverable)",
    clausePage: "clause page",
    reset: "Clear all ratings",
    resetConfirm: "Clear every rating of this standard?",
    noStars: "—",
    provisional: "Note: this result uses provisional points.",
  },
};

const host = document.getElementById("calc");
const lang = host.dataset.lang;
const t = TEXT[lang];
const root = new URL(host.dataset.root, location.href);
const standard = host.dataset.standard;
const storageKey = `calculator:v1:${standard}`;

let rubric = null;
let pythonReady = false;
let latest = 0;
const status = host.querySelector("[data-testid=status]");

document.body.dataset.state = "loading";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

// ---- saved state ---------------------------------------------------------------

function loadSaved() {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) || "{}");
    return typeof saved === "object" && saved ? saved : {};
  } catch {
    return {};
  }
}

function save() {
  const state = {};
  for (const select of host.querySelectorAll("select[data-item]")) {
    const exact = document.getElementById(`p-${select.dataset.item}`);
    if (select.value) state[select.dataset.item] = { choice: select.value, exact: exact.value };
  }
  try {
    localStorage.setItem(storageKey, JSON.stringify(state));
  } catch {
    /* storage full or disabled: the form keeps the values */
  }
}

// ---- the form ------------------------------------------------------------------

function leafClauses(clauses, out = []) {
  for (const clause of clauses) {
    if (clause.clauses) leafClauses(clause.clauses, out);
    else out.push(clause);
  }
  return out;
}

function ratingSelect(item) {
  const select = el("select", { id: `r-${item.id}`, "data-item": item.id, name: item.id });
  select.append(el("option", { value: "", text: t.unrated }));
  select.append(el("option", { value: "0", text: t.notMet }));
  for (const band of rubric.scoring.bands) {
    select.append(el("option", { value: String(band.value), text: t.band(band) }));
  }
  select.append(el("option", { value: "exact", text: t.exact }));
  select.append(el("option", { value: "na", text: t.na }));
  return select;
}

function renderForm() {
  const form = el("form", { class: "calc-form", "aria-label": rubric.code, novalidate: "" });
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const section of rubric.sections) {
    const block = el("section", { class: "calc-section" }, el("h2", { text: `${section.id} ${section.title[lang]}` }));
    for (const clause of leafClauses(section.clauses)) {
      const fieldset = el("fieldset", { id: `clause-${clause.id}`, class: "calc-clause" });
      const link = el("a", { href: `${host.dataset.pages}${standard}/${clause.id}/`, text: t.clausePage });
      fieldset.append(el("legend", {}, `${clause.id} ${clause.title[lang]} · `, link));
      for (const item of clause.items) {
        const letter = item.id.slice(clause.id.length + 1);
        const select = ratingSelect(item);
        const exact = el("input", {
          type: "text", inputmode: "decimal", id: `p-${item.id}`, class: "calc-exact",
          "aria-label": t.exactLabel(item.id), hidden: "", autocomplete: "off",
        });
        const message = el("span", { class: "calc-invalid", id: `m-${item.id}`, role: "alert" });
        const label = el("label", { for: `r-${item.id}`, class: "calc-item-text" },
          el("span", { class: "item-letter", text: `${letter})` }), " ", item.text[lang]);
        const controls = el("span", { class: "calc-controls" }, select, exact);
        fieldset.append(el("div", { class: "calc-item", "data-item-row": item.id }, label, controls, message));
      }
      block.append(fieldset);
    }
    form.append(block);
  }
  const reset = el("button", { type: "button", class: "md-button", text: t.reset });
  reset.addEventListener("click", () => {
    if (!confirm(t.resetConfirm)) return;
    for (const select of form.querySelectorAll("select[data-item]")) select.value = "";
    for (const input of form.querySelectorAll("input.calc-exact")) { input.value = ""; input.hidden = true; }
    changed();
  });
  form.append(reset);
  form.addEventListener("change", changed);
  form.addEventListener("input", (event) => { if (event.target.matches("input.calc-exact")) changed(); });
  return form;
}

function renderResultPanel() {
  const row = (key, testid) => el("div", { class: "calc-figure" },
    el("span", { class: "calc-figure-label", text: t[key] }),
    el("output", { "data-testid": testid, text: "…" }));
  return el("aside", { class: "calc-result", "aria-live": "polite", "aria-label": t.score },
    row("score", "score"), row("stars", "stars"), row("level", "level"), row("passed", "passed"),
    el("p", { class: "calc-detail", "data-testid": "earned" }),
    el("p", { class: "calc-detail", "data-testid": "next" }),
    el("p", { class: "calc-detail", "data-testid": "unrated" }),
    el("p", { class: "calc-error", "data-testid": "error", role: "alert", hidden: "" }),
    el("h3", { text: t.fixFirst }),
    el("ol", { class: "calc-fix", "data-testid": "fix-first" }));
}

// ---- ratings -> assessment (the CLI's file format) -----------------------------

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

function assessment() {
  const ratings = {};
  for (const select of host.querySelectorAll("select[data-item]")) {
    const id = select.dataset.item;
    const exact = document.getElementById(`p-${id}`);
    const message = document.getElementById(`m-${id}`);
    exact.hidden = select.value !== "exact";
    message.textContent = "";
    exact.removeAttribute("aria-invalid");
    if (select.value === "") continue;
    if (select.value === "na") ratings[id] = "na";
    else if (select.value === "exact") {
      if (exact.value.trim() === "") continue;
      const value = percentToFraction(exact.value);
      if (value === null) {
        message.textContent = t.exactBad(exact.value);
        exact.setAttribute("aria-invalid", "true");
        continue;
      }
      ratings[id] = value;
    } else ratings[id] = Number(select.value);
  }
  return { standard, ratings };
}

function changed() {
  save();
  requestScore();
}

function requestScore() {
  latest += 1;
  const text = JSON.stringify(assessment());
  document.body.dataset.state = pythonReady ? "computing" : "loading";
  worker.postMessage({ type: "score", id: latest, text });
}

// ---- showing the result --------------------------------------------------------

function show(result) {
  const out = (id) => host.querySelector(`[data-testid=${id}]`);
  out("score").textContent = `${result.score_text}%`;
  out("score").dataset.value = result.score_text;
  out("stars").textContent = result.stars === null ? t.noStars : "★".repeat(result.stars) + ` ${result.stars}`;
  out("stars").dataset.value = result.stars === null ? "" : String(result.stars);
  out("level").textContent = result.level_label[lang];
  out("level").dataset.value = result.level;
  out("passed").textContent = result.passed ? t.yes : t.no;
  out("passed").dataset.value = String(result.passed);
  out("earned").textContent = t.earned(result.earned, result.applicable, result.excluded);
  out("next").textContent = result.next_level ? t.next(result.next_level) : t.top;
  out("unrated").textContent = t.unratedCount(result.unrated.length);
  const fix = out("fix-first");
  fix.replaceChildren(...result.fix_first.slice(0, 8).map((row) =>
    el("li", {}, el("a", { href: `#clause-${row.clause}`, text: row.clause }), ` · ${row.recoverable}`)));
  const error = out("error");
  error.hidden = true;
  error.textContent = result.provisional_weights ? t.provisional : "";
  error.hidden = !result.provisional_weights;
}

function showError(message) {
  const error = host.querySelector("[data-testid=error]");
  error.textContent = t.error(message);
  error.hidden = false;
}

// ---- start ---------------------------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  const message = event.data;
  if (message.type === "progress") {
    status.textContent = t.loadingPython(message.stage, message.total);
    const bar = host.querySelector("progress");
    if (bar) { bar.max = message.total; bar.value = message.stage - 1; }
  } else if (message.type === "ready") {
    pythonReady = true;
    status.textContent = t.ready;
    host.querySelector("progress")?.remove();
  } else if (message.type === "fatal") {
    status.textContent = t.fatal(message.message);
    document.body.dataset.state = "error";
  } else if (message.type === "result" && message.id === latest) {
    if (message.payload.ok) show(message.payload.result);
    else showError(message.payload.error.message);
    document.body.dataset.state = "ready";
  }
};
worker.postMessage({ type: "init", root: root.href, standards: [standard] });

async function main() {
  const response = await fetch(new URL(`data/${standard}.json`, root));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  rubric = await response.json();
  host.append(el("progress", { max: "3", value: "0", class: "calc-progress" }));
  const layout = el("div", { class: "calc-layout" }, renderForm(), renderResultPanel());
  host.append(layout);
  const saved = loadSaved();
  for (const [id, entry] of Object.entries(saved)) {
    const select = document.getElementById(`r-${id}`);
    if (!select || !entry || typeof entry.choice !== "string") continue;
    if (![...select.options].some((option) => option.value === entry.choice)) continue;
    select.value = entry.choice;
    const exact = document.getElementById(`p-${id}`);
    exact.value = typeof entry.exact === "string" ? entry.exact : "";
  }
  if (!pythonReady) status.textContent = t.loadingPython(1, 3);
  requestScore();
}

main().catch((error) => {
  status.textContent = t.rubricError(error.message);
  document.body.dataset.state = "error";
});
