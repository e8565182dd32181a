// @ts-check
// Drawing the rating forms from the form models (calculator/form.py, shipped with the site)
// and the state. `drawForms` builds them; `refreshForms` brings every control in line with
// the state after a change, keeping the elements (and so the focus) in place. Events go to
// the handlers the page passes in; nothing here changes the state.

import { el, partsList, setText, words } from "./dom.js";
import { lang, say, t } from "./strings.js";
import { progress, ratingValue } from "./assessment.js";
import { VIEWS, profileView, standardState, state, viewIds } from "./state.js";

/**
 * @typedef {object} Handlers
 * @property {(view: string) => void} view
 * @property {(id: string, item: string, value: string) => void} rate
 * @property {(id: string, item: string) => void} clear  the item's rating removed (with undo)
 * @property {(id: string, item: string, text: string) => void} exact
 * @property {(id: string, item: string, text: string) => void} note
 * @property {(id: string, key: string, value: string|boolean) => void} setting  profile, deductions, bonus
 * @property {(id: string, file: File) => void} customProfile
 * @property {(id: string) => void} dropCustomProfile
 * @property {(id: string, scope: string, target: string, kind: string) => void} bulk
 * @property {(on: boolean) => void} onlyUnrated
 * @property {(id: string) => void} reset
 */

/** The view picker: one radio per standard, and the combined rating.
 *  @param {Record<string, {code: string, title: Record<string, string>}>} manifest @param {Handlers} on */
export function drawPicker(manifest, on) {
  const picker = el("fieldset", { class: "calc-view" }, el("legend", { text: t("calc.view") }));
  for (const [key, ids] of Object.entries(VIEWS)) {
    const input = el("input", { type: "radio", name: "calc-view", id: `view-${key}`, value: key,
      checked: key === state.saved.view });
    const text = key === "combined" ? t("calc.combined_view") : `${manifest[ids[0]].code} ${manifest[ids[0]].title[lang]}`;
    picker.append(el("span", { class: "calc-view-choice" }, input, el("label", { for: input.id, text })));
  }
  picker.addEventListener("change", (event) => on.view(/** @type {HTMLInputElement} */ (event.target).value));
  return picker;
}

/** @param {import("./state.js").Form} form @param {import("./state.js").FormItem} item */
function teaching(form, item) {
  // what the standard says about rating this item: the bands of Table 1, or the rule
  const box = el("div", { class: "calc-teach" });
  if (form.teaching.bands) {
    const list = el("dl");
    for (const band of form.teaching.bands) {
      list.append(el("dt", { text: band.range }), el("dd", { text: band.descriptors.map((d) => d[lang]).join(" / ") }));
    }
    box.append(list);
  } else if (form.teaching.rule) {
    box.append(el("p", { text: form.teaching.rule[lang] }));
  }
  return box;
}

/** @param {import("./state.js").Form} form @param {import("./state.js").Quantity} q */
function quantity(form, q) {
  return el("p", { class: "quantity" }, ...words(form, q.quantity[lang], lang), ` ${q.sign} ${q.threshold}${q.unit}`,
    ...(q.also ? [" · ", ...words(form, q.also[lang], lang)] : []));
}

const BULK = { clause: ["calc.bulk_clause_na", "calc.bulk_clause_full"],
  section: ["calc.bulk_section_na", "calc.bulk_section_full"] };

/** @param {string} id @param {"clause"|"section"} scope @param {string} target */
function bulkMenu(id, scope, target) {
  const [na, full] = BULK[scope];
  return el("details", { class: "calc-bulk" }, el("summary", { text: t("calc.bulk") }),
    el("div", { class: "calc-bulk-actions" },
      el("button", { type: "button", class: "md-button", "data-bulk": "na", "data-scope": scope,
        "data-target": target, "data-standard": id, text: t(na) }),
      el("button", { type: "button", class: "md-button", "data-bulk": "full", "data-scope": scope,
        "data-target": target, "data-standard": id, text: t(full) })));
}

/**
 * The controls refreshForms brings in line with the state, kept per section block when it is
 * drawn (looking them up again for every item at every tap took most of a refresh).
 * @typedef {{buttons: HTMLButtonElement[], exact: HTMLInputElement, exactBox: HTMLElement,
 *   clear: HTMLElement, message: HTMLElement, note: HTMLTextAreaElement, noteMessage: HTMLElement,
 *   row: HTMLElement}} RowParts
 * @type {WeakMap<HTMLElement, {rows: Map<string, RowParts>, backs: Map<string, HTMLElement>}>}
 */
const drawn = new WeakMap();

/** @param {string} id @param {import("./state.js").Form} form @param {string} pages */
function drawItemRows(id, form, pages) {
  const saved = standardState(id);
  /** @type {HTMLElement[]} */
  const blocks = [];
  for (const part of form.sections) {
    /** @type {{rows: Map<string, RowParts>, backs: Map<string, HTMLElement>}} */
    const parts = { rows: new Map(), backs: new Map() };
    const block = el("div", { class: "calc-section", id: `sec-${id}-${part.id}`, "data-section": part.id,
      "data-annex": part.annex },
      el("div", { class: "calc-section-head" },
        el("h3", {}, `${part.id} `, ...words(form, part.title[lang], lang)),
        el("span", { class: "calc-count", "data-testid": "section-progress", "data-section-progress": part.id }),
        bulkMenu(id, "section", part.id)));
    for (const clause of part.clauses) {
      const link = el("a", { href: `${pages}${id}/${clause.id}/`, text: t("calc.clause_page") });
      const back = el("a", { class: "md-button calc-back", href: `#result-${id}`, hidden: true, "data-back": clause.id,
        text: t("calc.back_to_result") });
      parts.backs.set(clause.id, back);
      const fieldset = el("fieldset", { id: `clause-${id}-${clause.id}`, class: "calc-clause", "data-clause": clause.id },
        el("legend", {}, `${clause.id} `, ...words(form, clause.title[lang], lang), " · ", link), back,
        bulkMenu(id, "clause", clause.id));
      for (const item of clause.items) {
        const group = el("div", { class: "calc-rating", role: "group", "data-item": item.id, "data-standard": id,
          "aria-labelledby": `t-${item.id}` });
        for (const option of form.options) {
          group.append(el("button", { type: "button", "data-value": option.value, "aria-pressed": "false",
            tabindex: "-1", title: say(option.label, "calc"), text: say(option.short, "calc") }));
        }
        const exact = el("input", { type: "text", inputmode: "decimal", id: `p-${item.id}`, class: "calc-exact",
          "data-exact": item.id, "data-standard": id, "aria-label": t("calc.exact_label", { item: item.id }),
          "aria-describedby": `m-${item.id}`, autocomplete: "off", value: saved.ratings[item.id]?.exact || "" });
        // "partly met": the percentage earned, labelled where the finger types it
        const exactBox = el("span", { class: "calc-exact-box", hidden: true },
          el("span", { class: "calc-exact-word", "aria-hidden": "true", text: t("calc.exact_word") }), exact,
          el("span", { class: "calc-exact-unit", "aria-hidden": "true", text: "%" }));
        const clear = el("button", { type: "button", class: "md-button calc-clear", "data-clear": item.id,
          "data-standard": id, hidden: true, text: t("calc.clear_rating") });
        const note = el("textarea", { id: `n-${item.id}`, class: "calc-note", rows: "2", "data-note": item.id,
          "data-standard": id, placeholder: t("calc.note_placeholder"), "aria-describedby": `mn-${item.id}` });
        note.value = typeof saved.notes?.[item.id] === "string" ? saved.notes[item.id] : "";
        const message = el("span", { class: "calc-invalid", id: `m-${item.id}`, role: "alert" });
        const noteMessage = el("span", { class: "calc-invalid", id: `mn-${item.id}`, role: "alert" });
        const row = el("div", { class: "calc-item", "data-item-row": item.id },
          el("p", { class: "calc-item-text", id: `t-${item.id}` },
            el("span", { class: "item-letter", text: item.label }), " ", ...words(form, item.text[lang], lang)),
          partsList(form, item, lang),
          item.quantitative ? quantity(form, item.quantitative) : null,
          group,
          exactBox,
          message,
          el("details", { class: "calc-more" }, el("summary", { text: t("calc.more") }), teaching(form, item),
            el("label", { for: note.id, text: t("calc.note") }), note, noteMessage, clear));
        fieldset.append(row);
        parts.rows.set(item.id, { row, buttons: /** @type {HTMLButtonElement[]} */ ([...group.children]),
          exact: /** @type {HTMLInputElement} */ (exact), exactBox, clear, message,
          note: /** @type {HTMLTextAreaElement} */ (note), noteMessage });
      }
      block.append(fieldset);
    }
    drawn.set(block, parts);
    blocks.push(block);
  }
  return blocks;
}

/** @param {string} id @param {import("./state.js").Form} form @param {Handlers} on */
function drawSettings(id, form, on) {
  const saved = standardState(id);
  const settings = el("div", { class: "calc-settings" });
  if (form.choose_profile) {
    const select = el("select", { id: `profile-${id}`, "data-setting": "profile", "data-standard": id });
    for (const profile of form.profiles) {
      select.append(el("option", { value: profile.id, text: say(profile.title, "result") }));
    }
    /** @type {HTMLSelectElement} */ (select).value = profileView(id)?.custom ? form.default_profile
      : (profileView(id)?.id || form.default_profile);
    settings.append(el("label", { for: select.id, text: t("calc.profile") }), select,
      el("p", { class: "calc-warning", "data-testid": "profile-provisional", hidden: true,
        text: t("calc.profile_provisional") }));
    const file = el("input", { type: "file", id: `custom-${id}`, accept: ".json,application/json",
      "data-custom-profile": id });
    settings.append(el("label", { for: file.id, text: t("calc.custom_profile") }), file);
    if (saved.customProfile) {
      let title = "";
      try { title = JSON.parse(saved.customProfile).title[lang]; } catch { title = "?"; }
      const drop = el("button", { type: "button", class: "md-button", text: t("calc.custom_remove") });
      drop.addEventListener("click", () => on.dropCustomProfile(id));
      settings.append(el("p", { class: "calc-custom", "data-testid": "custom-profile",
        text: t("calc.custom_active", { title }) }), drop);
    }
    file.addEventListener("change", () => {
      const chosen = /** @type {HTMLInputElement} */ (file).files?.[0];
      if (chosen) on.customProfile(id, chosen);
      /** @type {HTMLInputElement} */ (file).value = "";
    });
  }
  if (form.special) {
    const deductions = el("input", { id: `deductions-${id}`, type: "number", min: "0", step: "1",
      value: saved.deductions ?? "0", "data-setting": "deductions", "data-standard": id, inputmode: "numeric" });
    const bonus = el("input", { id: `bonus-${id}`, type: "checkbox", "data-setting": "bonus", "data-standard": id,
      checked: !!saved.bonus });
    deductions.setAttribute("aria-describedby", `m-deductions-${id}`);
    settings.append(el("label", { for: deductions.id, text: t("calc.deductions") }), deductions,
      el("span", { class: "calc-invalid", id: `m-deductions-${id}`, role: "alert" }),
      el("span", { class: "calc-check" }, bonus, el("label", { for: bonus.id, text: t("calc.bonus") })));
  }
  return settings.childElementCount ? settings : null;
}

/** The jump list: one link per section, with its progress. @param {string} id @param {import("./state.js").Form} form */
function jumpList(id, form) {
  const list = el("ul");
  for (const part of form.sections) {
    list.append(el("li", { "data-jump": part.id },
      el("a", { href: `#sec-${id}-${part.id}` }, `${part.id} `, ...words(form, part.title[lang], lang), " ",
        el("span", { class: "calc-count", "data-jump-progress": part.id }))));
  }
  return el("nav", { class: "calc-jump", "aria-label": `${form.code} · ${t("calc.jump")}` },
    el("p", { class: "calc-jump-title", text: t("calc.jump") }), list);
}

/**
 * The forms of the view, drawn from the state.
 * @param {string} pages the clause pages' base URL @param {Handlers} on @returns {HTMLFormElement}
 */
export function drawForms(pages, on) {
  const forms = /** @type {HTMLFormElement} */ (el("form", { class: "calc-form", novalidate: true }));
  forms.addEventListener("submit", (event) => event.preventDefault());
  const only = el("input", { type: "checkbox", id: "calc-only-unrated", "data-testid": "only-unrated",
    checked: state.ui.onlyUnrated !== null });
  only.addEventListener("change", () => on.onlyUnrated(/** @type {HTMLInputElement} */ (only).checked));
  forms.append(el("p", { class: "calc-filter" }, only, el("label", { for: only.id, text: t("calc.only_unrated") })));
  for (const id of viewIds()) {
    const form = state.forms[id];
    const section = el("section", { class: "calc-standard", "data-standard": id, "aria-label": form.code },
      el("h2", { text: `${form.code} ${form.title[lang]}` }));
    const settings = drawSettings(id, form, on);
    if (settings) section.append(settings);
    section.append(jumpList(id, form),
      el("p", { class: "calc-all-rated", "data-testid": "all-rated", hidden: true, text: t("calc.unrated_none") }),
      ...drawItemRows(id, form, pages));
    const reset = el("button", { type: "button", class: "md-button", "data-action": "reset", text: t("calc.reset") });
    reset.addEventListener("click", () => on.reset(id));
    section.append(reset);
    forms.append(section);
  }
  forms.addEventListener("click", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = /** @type {HTMLButtonElement|null} */ (target.closest(".calc-rating button"));
    if (button) {
      const group = /** @type {HTMLElement} */ (button.parentElement);
      // tapping the chosen band again keeps it: a double tap must not throw a rating away
      // (an item's rating is removed with its own button, with undo)
      if (button.getAttribute("aria-pressed") !== "true") {
        on.rate(group.dataset.standard || "", group.dataset.item || "", button.dataset.value || "");
      }
      return;
    }
    const clear = /** @type {HTMLElement|null} */ (target.closest("[data-clear]"));
    if (clear) {
      on.clear(clear.dataset.standard || "", clear.dataset.clear || "");
      return;
    }
    const bulk = /** @type {HTMLElement|null} */ (target.closest("[data-bulk]"));
    if (bulk) {
      on.bulk(bulk.dataset.standard || "", bulk.dataset.scope || "", bulk.dataset.target || "", bulk.dataset.bulk || "");
    }
  });
  forms.addEventListener("keydown", (event) => {
    // the band buttons of an item are one stop of the Tab key; the arrow keys move between them
    const target = /** @type {HTMLElement} */ (event.target);
    if (!target.matches(".calc-rating button")) return;
    const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: -Infinity, End: Infinity };
    if (!(event.key in keys)) return;
    event.preventDefault();
    const buttons = /** @type {HTMLElement[]} */ ([...(target.parentElement?.children || [])]);
    const step = keys[/** @type {keyof typeof keys} */ (event.key)];
    const index = Math.max(0, Math.min(buttons.length - 1,
      Number.isFinite(step) ? buttons.indexOf(target) + step : step < 0 ? 0 : buttons.length - 1));
    for (const [i, b] of buttons.entries()) b.tabIndex = i === index ? 0 : -1;
    buttons[index].focus();
  });
  forms.addEventListener("input", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    const id = target.dataset.standard || "";
    if (target.dataset.exact) on.exact(id, target.dataset.exact, target.value);
    else if (target.dataset.note) on.note(id, target.dataset.note, target.value);
    else if (target.dataset.setting === "deductions") on.setting(id, "deductions", target.value);
  });
  forms.addEventListener("change", (event) => {
    const target = /** @type {HTMLInputElement} */ (event.target);
    const id = target.dataset.standard || "";
    if (target.dataset.setting === "profile") on.setting(id, "profile", target.value);
    else if (target.dataset.setting === "bonus") on.setting(id, "bonus", target.checked);
  });
  return forms;
}

/** @param {HTMLElement} node @param {boolean} hidden */
function hide(node, hidden) {
  if (node.hidden !== hidden) node.hidden = hidden;
}

/** Set an attribute, or remove it (null), only when that changes it.
 *  @param {HTMLElement} node @param {string} name @param {string|null} value */
function attr(node, name, value) {
  if (node.getAttribute(name) === value) return;
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

/** Bring every control of the drawn forms in line with the state. @param {HTMLElement} root */
export function refreshForms(root) {
  const only = state.ui.onlyUnrated;
  const active = document.activeElement;
  for (const id of viewIds()) {
    const section = /** @type {HTMLElement|null} */ (root.querySelector(`section[data-standard="${id}"]`));
    const form = state.forms[id];
    if (!section || !form) continue;
    const saved = standardState(id);
    const view = profileView(id);
    const scoredSections = new Set(view ? view.sections : []);
    const note = /** @type {HTMLElement|null} */ (section.querySelector("[data-testid=profile-provisional]"));
    if (note) hide(note, !view?.provisional);
    const counts = progress(id);
    let standardShown = false;
    for (const part of form.sections) {
      const block = /** @type {HTMLElement} */ (document.getElementById(`sec-${id}-${part.id}`));
      const parts = /** @type {{rows: Map<string, RowParts>, backs: Map<string, HTMLElement>}} */ (drawn.get(block));
      let anyShown = false;
      for (const clause of part.clauses) {
        const fieldset = /** @type {HTMLElement} */ (document.getElementById(`clause-${id}-${clause.id}`));
        let clauseShown = false;
        for (const item of clause.items) {
          const { row, buttons, exact, exactBox, clear, message, note: noteBox, noteMessage } =
            /** @type {RowParts} */ (parts.rows.get(item.id));
          const entry = saved.ratings[item.id];
          const choice = entry && typeof entry.choice === "string" ? entry.choice : "";
          const pressedIndex = buttons.findIndex((b) => b.dataset.value === choice);
          const focused = buttons.findIndex((b) => b === active);
          const stop = focused >= 0 ? focused : pressedIndex >= 0 ? pressedIndex : 0;
          buttons.forEach((button, index) => {
            attr(button, "aria-pressed", String(index === pressedIndex));
            const tab = index === stop ? 0 : -1;
            if (button.tabIndex !== tab) button.tabIndex = tab;
          });
          hide(exactBox, choice !== "exact");
          hide(clear, !choice);
          const typed = entry?.exact || "";
          if (exact.value !== typed && active !== exact) exact.value = typed;
          const bad = ratingValue(entry) === "invalid";
          setText(message, bad ? t("calc.exact_bad", { value: typed }) : "");
          attr(exact, "aria-invalid", bad ? "true" : null);
          // a note: as stored (another tab may have changed it) unless being typed or too long to store
          const long = state.ui.longNotes[`${id}/${item.id}`];
          const kept = typeof saved.notes?.[item.id] === "string" ? saved.notes[item.id] : "";
          if (long === undefined && noteBox.value !== kept && active !== noteBox) noteBox.value = kept;
          setText(noteMessage, long === undefined ? "" : t("calc.note_too_long", { length: long, limit: form.limits.note_chars }));
          attr(noteBox, "aria-invalid", long === undefined ? null : "true");
          const shown = !only || only.has(item.id);
          hide(row, !shown);
          clauseShown ||= shown;
        }
        hide(fieldset, !clauseShown);
        hide(/** @type {HTMLElement} */ (parts.backs.get(clause.id)), state.ui.backFrom !== `${id}/${clause.id}`);
        anyShown ||= clauseShown;
      }
      const scored = scoredSections.has(part.id);
      // a profile that does not score a section (SB/T Table A.2, Appendix B for production)
      // hides it; its ratings stay saved, and Python lists any that are sent under "not scored"
      hide(block, !scored || !anyShown);
      standardShown ||= scored && anyShown;
      const row = counts.sections[part.id];
      setText(/** @type {HTMLElement} */ (block.querySelector("[data-section-progress]")),
        t("calc.rated", { rated: row.rated, total: row.total }));
      const jump = /** @type {HTMLElement|null} */ (section.querySelector(`[data-jump="${part.id}"]`));
      if (jump) {
        hide(jump, !scored);
        setText(/** @type {HTMLElement} */ (jump.querySelector("[data-jump-progress]")), `${row.rated}/${row.total}`);
        jump.classList.toggle("calc-done", row.total > 0 && row.rated === row.total);
      }
    }
    // a special deductions count Python refused: said under the field, which stays as typed
    const deductions = /** @type {HTMLInputElement|null} */ (section.querySelector("[data-setting=deductions]"));
    if (deductions) {
      const bad = state.fieldError && state.fieldError.standard === id ? state.fieldError : null;
      setText(/** @type {HTMLElement} */ (section.querySelector(`#m-deductions-${CSS.escape(id)}`)),
        bad ? t("calc.deductions_bad", { value: bad.value }) : "");
      attr(deductions, "aria-invalid", bad ? "true" : null);
    }
    // "show unrated only" with nothing left to rate
    hide(/** @type {HTMLElement} */ (section.querySelector("[data-testid=all-rated]")), standardShown);
  }
}
