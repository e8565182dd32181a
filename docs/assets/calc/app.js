// The calculator page. It renders the rating forms from the rubric JSON at once, keeps
// every rating in this browser's storage, and shows the results computed by the Python
// module running in worker.js. Nothing is scored here: this file collects ratings in the
// CLI's assessment format and displays what Python returns.

import { el } from "./dom.js";

const CTS = "cts-q-zg025-2022";
const GBT = "gb-t-27922-2011";
const SBT = "sb-t-10401-2006";
const VIEWS = { [CTS]: [CTS], [GBT]: [GBT], [SBT]: [SBT], combined: [GBT, CTS] };
const STORAGE = "calculator:v2";
const OLD_STORAGE = `calculator:v1:${CTS}`;

const TEXT = {
  zh: {
    loadingPython: (s, n) => `正在启动 Python 计算模块（${s}/${n}）……表单已可使用，结果将在载入后显示。`,
    ready: "计算模块已就绪。",
    fatal: (m) => `计算模块无法启动：${m}。您的评分已保存在本浏览器中。`,
    error: (m) => `无法计算：${m}`,
    rubricError: (m) => `评分项无法载入：${m}`,
    view: "选择标准",
    combined: "GB/T 27922 + CTS 合并评级（最高 12 星）",
    unrated: "未评分",
    notMet: "不符合（0%）",
    met: "符合（100%）",
    band: (b) => `${b.min_percent}%–${b.max_percent}%（计 ${Math.round(b.value * 100)}%）`,
    exact: "部分符合：输入百分比……",
    na: "不适用（删减）",
    exactLabel: (id) => `${id} 的得分百分比（0–100）`,
    exactBad: (v) => `“${v}”不是 0 到 100 之间的数；在改正之前本项按未评分计`,
    profile: "分值方案",
    provisionalProfile: "（含暂定分值）",
    deductions: "特别扣分项数（每项扣 1 分，5 项及以上不合格）",
    bonus: "特别加分项（加 1 分，最多 1 项）",
    score: "得分", completeness: "完善程度", stars: "星级", level: "等级", passed: "是否合格",
    yes: "合格", no: "不合格",
    earned: (e, a, x) => `实际得分 ${e} / 涉及项总分值 ${a}（删减 ${x} 分）`,
    next: (n) => n.reachable ? `下一等级：${n.label.zh}（≥ ${n.min_score}），还需 ${n.points_needed} 分`
      : `下一等级：${n.label.zh}——无法达到（${n.reason}）`,
    top: "已达最高等级",
    unratedCount: (n) => `未评分 ${n} 项（按 0 分计）`,
    fixFirst: "优先改进（可挽回分值）",
    clausePage: "条款页",
    reset: "清空本标准的全部评分",
    resetConfirm: "确定清空本标准的全部评分吗？",
    noStars: "—",
    provisional: "注意：结果受暂定分值影响，不是官方分值。",
    combinedStars: "合并星级",
    reason: "原因",
    more: "评分依据与证据记录",
    note: "证据与备注（只保存在本浏览器中）",
    notePlaceholder: "例如：查阅了 2024 年售后服务手册第 3 章",
    share: "复制分享链接",
    shared: "分享链接已复制（也显示在下方）。打开它的人会看到同样的评分与结果。",
    exportJson: "导出 JSON",
    importJson: "导入 JSON",
    exportCsv: "导出 CSV",
    imported: (source) => `已载入${source}中的评估。`,
    rejected: (source, why) => `${source}无法使用，当前评估未作任何改动：${why}`,
    badLink: "分享链接已损坏（不是有效的 base64url 编码的 UTF-8 JSON）",
    badJson: "内容不是有效的 JSON",
    fromLink: "分享链接",
    fromFile: (name) => `文件“${name}”`,
    errors: {
      "rating-not-number": (p) => `评分项 ${p.item} 的评分 ${p.value} 不是 0 到 1 之间的数，也不是 "na"`,
      "rating-empty": (p) => `评分项 ${p.item} 的评分为空；应为 0 到 1 之间的数或 "na"`,
      "rating-range": (p) => `评分项 ${p.item} 的评分 ${p.value} 超出 0 到 1 的范围`,
      "not-an-assessment": () => "内容不是一份评估（应包含 standard 与 ratings）",
      "no-standard": (p) => `没有指明标准（standard 为 ${p.value}）`,
      "unknown-key": (p) => `“${p.key}”不是 ${p.standard} 评估文件中允许的键（允许：${p.allowed}）`,
      "ratings-not-mapping": () => "ratings 应为“评分项编号: 评分”的映射",
      "unknown-item": (p) => `${p.standard} 中没有编号为 ${p.item} 的评分项`,
      "note-not-text": (p) => `评分项 ${p.item} 的备注不是文字`,
      "bad-deductions": (p) => `特别扣分项数应为 0 或正整数，现为 ${p.value}`,
      "bad-bonus": (p) => `特别加分项应为 0 或 1，现为 ${p.value}`,
      "unknown-standard": (p) => `未知的标准“${p.standard}”（已收录：${p.known}）`,
      "combined-needs": (p) => `合并评级需要恰好一份 GB/T 27922-2011 与一份 CTS Q/ZG025-2022 评估，现为：${p.found}`,
      "nothing-applies": (p) => `${p.standard} 的全部 ${p.count} 个评分项都被标为不适用，无法计算得分`,
      "unknown-profile": (p) => `${p.standard} 没有名为“${p.profile}”的分值方案（已有：${p.shipped}）`,
      "profile-unknown-unit": (p) => `分值方案中的“${p.unit}”不是 ${p.standard} 的评分单元`,
      "profile-standard": (p) => `该分值方案属于 ${p.given}，不是 ${p.expected}`,
      "profile-missing-unit": (p) => `分值方案没有给出 ${p.unit} 的分值，而它所在的 ${p.section} 是计分的`,
      "profile-section-sum": (p) => `分值方案中 ${p.section} 各项之和为 ${p.summed}，不等于它的 ${p.points} 分`,
      "profile-total": (p) => `分值方案的总分 ${p.total} 不等于标准的总分 ${p.expected}`,
      "profile-sum": (p) => `分值方案各项之和为 ${p.summed}，不等于标准的总分 ${p.total}`,
      "duplicate-key": (p) => `键“${p.key}”出现了两次`,
      "bad-json": (p) => `不是有效的 JSON（第 ${p.line} 行第 ${p.column} 列）`,
    },
    entry: (i) => `第 ${i + 1} 份评估：`,
    report: "打印报告",
    reportTitle: "售后服务自评报告",
    reportNotice: "暂定自评结果，不是认证结论。正式评级由认证机构经现场评价作出。",
    reportDate: (d) => `生成日期：${d}`,
    reportChart: "各部分得分与可得分",
    reportAvailable: "可得分",
    reportEarned: "得分",
    reportClauses: "分条款得分",
    reportClause: "条款", reportLost: "失分",
    customProfile: "载入认证机构的分值方案（JSON，格式同命令行）",
    customActive: (title) => `正在使用自定义分值方案：${title}`,
    customRemove: "移除自定义方案",
    customLoaded: (name) => `已载入分值方案文件“${name}”。`,
    assessments: "评估",
    defaultName: "我的评估",
    newAssessment: "新建",
    renameAssessment: "重命名",
    deleteAssessment: "删除",
    askName: "评估名称：",
    nameTaken: (n) => `已有名为“${n}”的评估，请换一个名称。`,
    deleteConfirm: (n) => `删除评估“${n}”？此操作无法撤销。`,
    lastOne: "至少保留一个评估。",
  },
  en: {
    loadingPython: (s, n) => `Starting the Python scoring module (${s}/${n})… You can rate now; results appear once it has loaded.`,
    ready: "Scoring module ready.",
    fatal: (m) => `The scoring module could not start: ${m}. Your ratings are kept in this browser.`,
    error: (m) => `Cannot compute: ${m}`,
    rubricError: (m) => `The items could not be loaded: ${m}`,
    view: "Standard",
    combined: "GB/T 27922 + CTS combined rating (up to 12 stars)",
    unrated: "Not rated",
    notMet: "Not met (0%)",
    met: "Met (100%)",
    band: (b) => `${b.min_percent}%–${b.max_percent}% (counts ${Math.round(b.value * 100)}%)`,
    exact: "Partly met: enter a percentage…",
    na: "Not applicable (excluded)",
    exactLabel: (id) => `Percentage earned for ${id} (0–100)`,
    exactBad: (v) => `"${v}" is not a number from 0 to 100; the item counts as not rated until it is`,
    profile: "Weight profile",
    provisionalProfile: " (has provisional points)",
    deductions: "Special deductions (1 point each; 5 or more fail)",
    bonus: "Special bonus (1 point, at most one)",
    score: "Score", completeness: "Completeness", stars: "Stars", level: "Level", passed: "Passed",
    yes: "yes", no: "no",
    earned: (e, a, x) => `${e} points earned of ${a} applicable (${x} excluded)`,
    next: (n) => n.reachable ? `Next level: ${n.label.en} (≥ ${n.min_score}), ${n.points_needed} more points needed`
      : `Next level: ${n.label.en} — not reachable (${n.reason})`,
    top: "Highest level reached",
    unratedCount: (n) => `${n} items not rated (counted as 0)`,
    fixFirst: "What to fix first (points recoverable)",
    clausePage: "clause page",
    reset: "Clear every rating of this standard",
    resetConfirm: "Clear every rating of this standard?",
    noStars: "—",
    provisional: "Note: provisional points affect this result; they are not official.",
    combinedStars: "Combined stars",
    reason: "Why",
    more: "How to rate it, and your evidence",
    note: "Evidence and notes (kept in this browser only)",
    notePlaceholder: "e.g. checked chapter 3 of the 2024 after-sales service manual",
    share: "Copy share link",
    shared: "Share link copied (also shown below). Whoever opens it sees the same ratings and result.",
    exportJson: "Export JSON",
    importJson: "Import JSON",
    exportCsv: "Export CSV",
    imported: (source) => `Loaded the assessment from ${source}.`,
    rejected: (source, why) => `${source} cannot be used; the current assessment is unchanged: ${why}`,
    badLink: "the share link is damaged (not base64url-encoded UTF-8 JSON)",
    badJson: "the content is not valid JSON",
    fromLink: "The share link",
    fromFile: (name) => `The file "${name}"`,
    errors: {
      "rating-not-number": (p) => `the rating of item ${p.item}, ${p.value}, is neither a number from 0 to 1 nor "na"`,
      "rating-empty": (p) => `the rating of item ${p.item} is empty; give a number from 0 to 1 or "na"`,
      "rating-range": (p) => `the rating of item ${p.item}, ${p.value}, is outside 0 to 1`,
      "not-an-assessment": () => "this is not an assessment (it needs standard and ratings)",
      "no-standard": (p) => `no standard is named (standard is ${p.value})`,
      "unknown-key": (p) => `"${p.key}" is not allowed in a ${p.standard} assessment (allowed: ${p.allowed})`,
      "ratings-not-mapping": () => "ratings must map item ids to ratings",
      "unknown-item": (p) => `${p.standard} has no item ${p.item}`,
      "note-not-text": (p) => `the note of item ${p.item} is not text`,
      "bad-deductions": (p) => `special deductions must be a whole number 0 or more, not ${p.value}`,
      "bad-bonus": (p) => `the special bonus must be 0 or 1, not ${p.value}`,
      "unknown-standard": (p) => `unknown standard "${p.standard}" (covered: ${p.known})`,
      "combined-needs": (p) => `a combined rating needs exactly one GB/T 27922-2011 and one CTS Q/ZG025-2022 assessment, not: ${p.found}`,
      "nothing-applies": (p) => `all ${p.count} items of ${p.standard} are marked not applicable, so there is nothing to score`,
      "unknown-profile": (p) => `${p.standard} has no weight profile "${p.profile}" (shipped: ${p.shipped})`,
      "profile-unknown-unit": (p) => `"${p.unit}" in the profile is not a scored unit of ${p.standard}`,
      "profile-standard": (p) => `the profile is for ${p.given}, not ${p.expected}`,
      "profile-missing-unit": (p) => `the profile gives no points for ${p.unit}, although ${p.section} is scored`,
      "profile-section-sum": (p) => `in the profile, the items of ${p.section} add up to ${p.summed}, not its ${p.points} points`,
      "profile-total": (p) => `the profile's total ${p.total} is not the standard's total of ${p.expected}`,
      "profile-sum": (p) => `the profile's points add up to ${p.summed}, not the standard's total of ${p.total}`,
      "duplicate-key": (p) => `the key "${p.key}" appears twice`,
      "bad-json": (p) => `not valid JSON (line ${p.line}, column ${p.column})`,
    },
    entry: (i) => `assessment ${i + 1}: `,
    report: "Print report",
    reportTitle: "After-sales service self-assessment report",
    reportNotice: "Provisional self-assessment, not a certification. Official ratings are given by a certification body after an on-site evaluation.",
    reportDate: (d) => `Produced on ${d}`,
    reportChart: "Points earned and available by part",
    reportAvailable: "available",
    reportEarned: "earned",
    reportClauses: "By clause",
    reportClause: "Clause", reportLost: "lost",
    customProfile: "Load your certification body's weight profile (JSON, the CLI's format)",
    customActive: (title) => `Using your own weight profile: ${title}`,
    customRemove: "Remove your profile",
    customLoaded: (name) => `Loaded the weight profile file "${name}".`,
    assessments: "Assessment",
    defaultName: "My assessment",
    newAssessment: "New",
    renameAssessment: "Rename",
    deleteAssessment: "Delete",
    askName: "Name of the assessment:",
    nameTaken: (n) => `There is already an assessment called "${n}"; choose another name.`,
    deleteConfirm: (n) => `Delete the assessment "${n}"? This cannot be undone.`,
    lastOne: "At least one assessment is kept.",
  },
};

const host = document.getElementById("calc");
const lang = host.dataset.lang;
const t = TEXT[lang];
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
      state = { name: typeof saved.name === "string" ? saved.name : t.defaultName,
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
  if (!state.name) state.name = t.defaultName;
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
  const names = Object.keys({ ...library(), [state.name || t.defaultName]: true }).sort();
  const select = el("select", { id: "calc-assessment", "data-testid": "assessment" });
  for (const name of names) select.append(el("option", { value: name, text: name }));
  select.value = state.name || t.defaultName;
  select.addEventListener("change", () => switchTo(select.value));
  const button = (key, action) => {
    const node = el("button", { type: "button", class: "md-button", "data-action": action, text: t[key] });
    return node;
  };
  const fresh = button("newAssessment", "new"), rename = button("renameAssessment", "rename"),
    remove = button("deleteAssessment", "delete");
  const askFreeName = (current) => {
    const name = (prompt(t.askName, current || "") || "").trim();
    if (!name) return null;
    if (name !== current && library()[name]) { tell(t.nameTaken(name), "error"); return null; }
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
    if (!others.length) { tell(t.lastOne, "error"); return; }
    if (!confirm(t.deleteConfirm(state.name))) return;
    delete books[state.name];
    localStorage.setItem(LIBRARY, JSON.stringify(books));
    state = books[others[0]];
    state.name = others[0];
    switchTo(others[0]);
  });
  return el("div", { class: "calc-library" }, el("label", { for: select.id, text: t.assessments }), select,
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
  const options = [["", t.unrated]];
  if (rubric.scoring.bands) {
    options.push(["0", t.notMet]);
    for (const band of rubric.scoring.bands) options.push([String(band.value), t.band(band)]);
  } else {
    options.push(["1", t.met], ["0", t.notMet]);
  }
  options.push(["exact", t.exact], ["na", t.na]);
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
      const provisional = Object.values(profile.items).some((w) => w.provenance === "provisional");
      select.append(el("option", { value: profile.id, text: profile.title[lang] + (provisional ? t.provisionalProfile : "") }));
    }
    select.value = saved.profile && rubric.profiles[saved.profile] ? saved.profile : rubric.scoring.default_profile;
    settings.append(el("label", { for: select.id, text: t.profile }), select);
  }
  if (profiles.length) {
    const file = el("input", { type: "file", id: `custom-${id}`, accept: ".json,application/json",
      "data-custom-profile": id });
    settings.append(el("label", { for: file.id, text: t.customProfile }), file);
    if (saved.customProfile) {
      let title = "";
      try { title = JSON.parse(saved.customProfile).title[lang]; } catch { title = "?"; }
      const drop = el("button", { type: "button", class: "md-button", text: t.customRemove });
      drop.addEventListener("click", () => { delete saved.customProfile; saveState(); render(); requestScore(); });
      settings.append(el("p", { class: "calc-custom", "data-testid": "custom-profile", text: t.customActive(title) }), drop);
    }
    file.addEventListener("change", async () => {
      const chosen = file.files[0];
      if (!chosen) return;
      const text = await chosen.text();
      const trial = JSON.stringify(assessmentOf(id, true));
      const answer = await ask(trial, text);  // checked by the same Python code as the CLI's --profile
      if (!answer.ok) {
        tell(t.rejected(t.fromFile(chosen.name), explain(answer.error)), "error");
      } else {
        saved.customProfile = text;
        saveState();
        render();
        requestScore();
        tell(t.customLoaded(chosen.name));
      }
      file.value = "";
    });
  }
  if (rubric.scoring.model === "gbt-27922") {
    const deductions = el("input", { id: `deductions-${id}`, type: "number", min: "0", step: "1",
      value: saved.deductions ?? "0", "data-setting": "deductions", inputmode: "numeric" });
    const bonus = el("input", { id: `bonus-${id}`, type: "checkbox", "data-setting": "bonus", checked: !!saved.bonus });
    settings.append(el("label", { for: deductions.id, text: t.deductions }), deductions,
      el("span", { class: "calc-check" }, bonus, el("label", { for: bonus.id, text: t.bonus })));
  }
  if (settings.childElementCount) section.append(settings);
  const options = ratingOptions(rubric);
  for (const part of rubric.sections) {
    const block = el("div", { class: "calc-section", "data-section": part.id, "data-annex": part.annex },
      el("h3", { text: `${part.id} ${part.title[lang]}` }));
    for (const clause of leafClauses(part.clauses)) {
      const fieldset = el("fieldset", { id: `clause-${id}-${clause.id}`, class: "calc-clause" });
      const link = el("a", { href: `${pages}${id}/${clause.id}/`, text: t.clausePage });
      fieldset.append(el("legend", {}, `${clause.id} ${clause.title[lang]} · `, link));
      for (const item of clause.items) {
        const select = el("select", { id: `r-${item.id}`, "data-item": item.id, "data-standard": id });
        for (const [value, text] of options) select.append(el("option", { value, text }));
        const exact = el("input", { type: "text", inputmode: "decimal", id: `p-${item.id}`, class: "calc-exact",
          "aria-label": t.exactLabel(item.id), hidden: true, autocomplete: "off" });
        const entry = saved.ratings[item.id];
        if (entry && typeof entry.choice === "string" && options.some(([v]) => v === entry.choice)) {
          select.value = entry.choice;
          exact.value = typeof entry.exact === "string" ? entry.exact : "";
        }
        const label = el("label", { for: select.id, class: "calc-item-text" },
          el("span", { class: "item-letter", text: itemLabel(item, clause) }), " ", item.text[lang]);
        const note = el("textarea", { id: `n-${item.id}`, class: "calc-note", rows: "2", "data-note": item.id,
          placeholder: t.notePlaceholder });
        note.value = typeof saved.notes?.[item.id] === "string" ? saved.notes[item.id] : "";
        fieldset.append(el("div", { class: "calc-item", "data-item-row": item.id }, label,
          el("span", { class: "calc-controls" }, select, exact),
          el("span", { class: "calc-invalid", id: `m-${item.id}`, role: "alert" }),
          el("details", { class: "calc-more" }, el("summary", { text: t.more }), teaching(rubric, item),
            el("label", { for: note.id, text: t.note }), note)));
      }
      block.append(fieldset);
    }
    section.append(block);
  }
  const reset = el("button", { type: "button", class: "md-button", text: t.reset });
  reset.addEventListener("click", () => {
    if (!confirm(t.resetConfirm)) return;
    for (const select of section.querySelectorAll("select[data-item]")) select.value = "";
    for (const input of section.querySelectorAll("input.calc-exact")) input.value = "";
    changed();
  });
  section.append(reset);
  return section;
}

function resultPanel(id) {
  const row = (key, testid) => el("div", { class: "calc-figure" },
    el("span", { class: "calc-figure-label", text: t[key] }),
    el("output", { "data-testid": testid, text: "…" }));
  const rubric = rubrics[id];
  return el("aside", { class: "calc-result", "data-result": id, "aria-live": "polite", "aria-label": rubric.code },
    el("h3", { text: rubric.code }),
    row(rubric.scoring.model === "completeness" ? "completeness" : "score", "score"),
    row("stars", "stars"), row("level", "level"), row("passed", "passed"),
    el("p", { class: "calc-detail", "data-testid": "reason" }),
    el("p", { class: "calc-detail", "data-testid": "earned" }),
    el("p", { class: "calc-detail", "data-testid": "next" }),
    el("p", { class: "calc-detail", "data-testid": "unrated" }),
    el("p", { class: "calc-warning", "data-testid": "provisional", hidden: true, text: t.provisional }),
    el("h4", { text: t.fixFirst }),
    el("ol", { class: "calc-fix", "data-testid": "fix-first" }));
}

function render() {
  const view = VIEWS[state.view];
  const picker = el("fieldset", { class: "calc-view" }, el("legend", { text: t.view }));
  for (const [key, ids] of Object.entries(VIEWS)) {
    const input = el("input", { type: "radio", name: "calc-view", id: `view-${key}`, value: key,
      checked: key === state.view });
    const text = key === "combined" ? t.combined : `${manifest[ids[0]].code} ${manifest[ids[0]].title[lang]}`;
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
      el("div", { class: "calc-figure" }, el("span", { class: "calc-figure-label", text: t.combinedStars }),
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
  if (!/^[A-Za-z0-9_-]*$/.test(code) || code.length % 4 === 1) throw new Error(t.badLink);
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
  // the problem in the page's language, from the error's code; Python's English otherwise
  const word = error && error.code && t.errors[error.code];
  if (!word) return error ? error.message : "";
  const params = error.params || {};
  return (Number.isInteger(params.index) ? t.entry(params.index) : "") + word(params);
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
    "aria-label": `${t.reportChart}: ${result.code}`, class: "calc-chart" });
  rows.forEach((row, index) => {
    const y = 10 + index * 24;
    root.append(svg("text", { x: 0, y: y + 13, "font-size": 11 }, `${row.id} ${titles[row.id] || ""}`.slice(0, 28)));
    root.append(svg("rect", { x: label, y, width: (bar * row.available) / most, height: 16, fill: "#cfd8dc" }));
    root.append(svg("rect", { x: label, y, width: (bar * row.earned) / most, height: 16, fill: "#3949ab" }));
    root.append(svg("text", { x: label + bar + 6, y: y + 13, "font-size": 11 }, `${row.earned} / ${row.available}`));
  });
  const legendY = height - 8;
  root.append(svg("rect", { x: label, y: legendY - 9, width: 10, height: 10, fill: "#3949ab" }));
  root.append(svg("text", { x: label + 14, y: legendY, "font-size": 10 }, t.reportEarned));
  root.append(svg("rect", { x: label + 80, y: legendY - 9, width: 10, height: 10, fill: "#cfd8dc" }));
  root.append(svg("text", { x: label + 94, y: legendY, "font-size": 10 }, t.reportAvailable));
  return root;
}

function reportOf(result) {
  const rubric = rubrics[result.standard];
  const titles = {};
  for (const part of rubric.sections) for (const clause of leafClauses(part.clauses)) titles[clause.id] = clause.title[lang];
  const unit = result.model === "completeness" ? "%" : "";
  const table = el("table", {}, el("thead", {}, el("tr", {},
    ...[t.reportClause, "", t.reportAvailable, t.reportEarned, t.reportLost].map((h) => el("th", { text: h })))));
  const body = el("tbody");
  for (const row of result.clauses) {
    body.append(el("tr", {}, el("td", { text: row.id }), el("td", { text: titles[row.id] || "" }),
      el("td", { text: String(row.available) }), el("td", { text: String(row.earned) }), el("td", { text: String(row.lost) })));
  }
  table.append(body);
  return el("section", { class: "calc-report-part" },
    el("h2", { text: `${rubric.code} ${rubric.title[lang]}` }),
    el("p", { text: `${t.profile}: ${result.profile.title[lang]}` }),
    el("p", { class: "calc-report-score", text: `${result.model === "completeness" ? t.completeness : t.score} ${result.score_text}${unit} · ${result.level_label[lang]}` +
      `${result.stars === null ? "" : ` · ${result.stars} ★`} · ${t.passed}: ${result.passed ? t.yes : t.no}` }),
    result.reason ? el("p", { text: `${t.reason}: ${result.reason}` }) : null,
    el("p", { text: t.earned(result.earned, result.applicable, result.excluded) }),
    el("p", { text: result.next_level ? t.next(result.next_level) : t.top }),
    result.provisional_weights ? el("p", { class: "calc-warning", text: t.provisional }) : null,
    el("h3", { text: t.reportChart }), chart(result),
    el("h3", { text: t.fixFirst }),
    el("ol", {}, ...result.fix_first.slice(0, 10).map((row) =>
      el("li", { text: `${row.clause} ${titles[row.clause] || ""} · ${row.recoverable} (+${row.score_gain})` }))),
    el("h3", { text: t.reportClauses }), table);
}

function printReport() {
  if (!lastResult) return;
  const results = lastResult.results || [lastResult];
  const report = el("section", { class: "calc-report", "data-testid": "report", lang },
    el("h1", { text: t.reportTitle }),
    el("p", { text: `${state.name || t.defaultName} · ${t.reportDate(new Date().toISOString().slice(0, 10))}` }),
    el("p", { class: "calc-report-notice", text: t.reportNotice }),
    lastResult.combined ? el("p", { class: "calc-report-score",
      text: `${t.combinedStars}: ${lastResult.combined.stars ?? t.no} · ${lastResult.combined.reason}` }) : null,
    ...results.map(reportOf));
  host.querySelector(".calc-report")?.remove();
  host.append(report);
  document.body.classList.add("print-report");
  window.addEventListener("afterprint", () => document.body.classList.remove("print-report"), { once: true });
  window.print();
}

function toolbar() {
  const share = el("button", { type: "button", class: "md-button", "data-action": "share", text: t.share });
  const exportJson = el("button", { type: "button", class: "md-button", "data-action": "export-json", text: t.exportJson });
  const exportCsvButton = el("button", { type: "button", class: "md-button", "data-action": "export-csv", text: t.exportCsv });
  const file = el("input", { type: "file", id: "calc-import", accept: ".json,application/json", class: "calc-file" });
  const link = el("input", { type: "text", readonly: true, class: "calc-link", "data-testid": "share-link", hidden: true,
    "aria-label": t.share });
  share.addEventListener("click", async () => {
    link.value = `${location.origin}${location.pathname}#a=${toBase64Url(JSON.stringify(assessment()))}`;
    link.hidden = false;
    try { await navigator.clipboard.writeText(link.value); } catch { /* no clipboard: the field shows it */ }
    tell(t.shared);
  });
  exportJson.addEventListener("click", () =>
    download("assessment.json", "application/json", JSON.stringify(assessment(), null, 2) + "\n"));
  exportCsvButton.addEventListener("click", exportCsv);
  file.addEventListener("change", async () => {
    const chosen = file.files[0];
    if (!chosen) return;
    await applyIncoming(await chosen.text(), t.fromFile(chosen.name));
    file.value = "";
  });
  const print = el("button", { type: "button", class: "md-button", "data-action": "report", text: t.report });
  print.addEventListener("click", printReport);
  return el("div", { class: "calc-tools" }, assessmentPicker(), share, exportJson, exportCsvButton, print,
    el("label", { for: "calc-import", class: "md-button", text: t.importJson }), file, link,
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
    tell(t.rejected(source, t.badJson), "error");
    return false;
  }
  const answer = await ask(text);  // the same checks as the CLI, in Python
  if (!answer.ok) {
    tell(t.rejected(source, explain(answer.error)), "error");
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
  tell(t.imported(source));
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
        if (message) message.textContent = t.exactBad(entry.exact);
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
  return new Promise((resolve) => {
    asked.set(id, resolve);
    worker.postMessage({ type: "score", id, text, profile, standards: [CTS, GBT, SBT] });
  });
}

function customProfile() {
  for (const id of VIEWS[state.view]) if (standardState(id).customProfile) return standardState(id).customProfile;
  return null;
}

function requestScore() {
  latest += 1;
  document.body.dataset.state = pythonReady ? "computing" : "loading";
  worker.postMessage({ type: "score", id: latest, text: JSON.stringify(assessment()), profile: customProfile(),
    standards: VIEWS[state.view] });
}

// ---- showing results ---------------------------------------------------------------

function showOne(result) {
  const panel = host.querySelector(`[data-result="${result.standard}"]`);
  const out = (testid) => panel.querySelector(`[data-testid=${testid}]`);
  const unit = result.model === "completeness" ? "%" : "";
  out("score").textContent = `${result.score_text}${unit}`;
  out("score").dataset.value = result.score_text;
  out("stars").textContent = result.stars === null ? t.noStars : `${"★".repeat(result.stars)} ${result.stars}`;
  out("stars").dataset.value = result.stars === null ? "" : String(result.stars);
  out("level").textContent = result.level_label[lang];
  out("level").dataset.value = result.level;
  out("passed").textContent = result.passed ? t.yes : t.no;
  out("passed").dataset.value = String(result.passed);
  out("reason").textContent = result.reason ? `${t.reason}: ${result.reason}` : "";
  out("earned").textContent = t.earned(result.earned, result.applicable, result.excluded);
  out("next").textContent = result.next_level ? t.next(result.next_level) : t.top;
  out("unrated").textContent = t.unratedCount(result.unrated.length);
  out("provisional").hidden = !result.provisional_weights;
  out("fix-first").replaceChildren(...result.fix_first.slice(0, 8).map((row) =>
    el("li", {}, el("a", { href: `#clause-${result.standard}-${row.clause}`, text: row.clause }), ` · ${row.recoverable}`)));
}

function show(result) {
  for (const error of host.querySelectorAll("[data-testid=error]")) error.remove();
  if (result.results) {
    result.results.forEach(showOne);
    const stars = host.querySelector("[data-testid=combined-stars]");
    stars.textContent = result.combined.stars === null ? `${t.no}` : `${"★".repeat(result.combined.stars)} ${result.combined.stars}`;
    stars.dataset.value = result.combined.stars === null ? "" : String(result.combined.stars);
    stars.dataset.passed = String(result.combined.passed);
    host.querySelector("[data-testid=combined-reason]").textContent = result.combined.reason;
  } else showOne(result);
}

function showError(message) {
  for (const error of host.querySelectorAll("[data-testid=error]")) error.remove();
  const box = el("p", { class: "calc-error", "data-testid": "error", role: "alert", text: t.error(message) });
  host.querySelector(".calc-results").prepend(box);
}

// ---- start -------------------------------------------------------------------------

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });

// Keep the calculator working offline after this visit (sw.js is written at build time).
// Registered once Python has answered, so that the service worker's copy of the site does
// not compete with the first visit's own downloads.
function keepOffline() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  navigator.serviceWorker.register(new URL("sw.js", root)).catch(() => { /* offline use is a bonus */ });
}
worker.onmessage = (event) => {
  const message = event.data;
  if (message.type === "progress") {
    status.textContent = t.loadingPython(message.stage, message.total);
    const bar = host.querySelector("progress");
    if (bar) { bar.max = message.total; bar.value = message.stage - 1; }
  } else if (message.type === "ready") {
    pythonReady = true;
    keepOffline();
    document.body.dataset.python = message.started;  // fresh, snapshot or fresh-after-bad-snapshot
    status.textContent = t.ready;
    host.querySelector("progress")?.remove();
  } else if (message.type === "snapshot") {
    document.body.dataset.snapshot = message.stored ? "stored" : "none";  // for the next visit's start
  } else if (message.type === "fatal") {
    status.textContent = t.fatal(message.message);
    document.body.dataset.state = "error";
  } else if (message.type === "result" && asked.has(message.id)) {
    asked.get(message.id)(message.payload);
    asked.delete(message.id);
  } else if (message.type === "result" && message.id === latest) {
    if (message.payload.ok) { lastResult = message.payload.result; show(lastResult); }
    else showError(explain(message.payload.error));
    document.body.dataset.state = "ready";
  }
};
worker.postMessage({ type: "init", root: root.href });

async function loadRubrics(ids) {
  // the calculator's copy of each rubric (without the clause pages' guidance); the worker
  // gets the same text, so the file is downloaded once
  await Promise.all(ids.filter((id) => !rubrics[id]).map(async (id) => {
    const path = `assets/calc/data/${id}.json`;
    const response = await fetch(new URL(path, root));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const text = await response.text();
    rubrics[id] = JSON.parse(text);
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
  if (!pythonReady) status.textContent = t.loadingPython(1, 3);
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
    tell(t.rejected(t.fromLink, t.badLink), "error");
  }
  if (text !== null) await applyIncoming(text, t.fromLink);
}

main().catch((error) => {
  status.textContent = t.rubricError(error.message);
  document.body.dataset.state = "error";
});
