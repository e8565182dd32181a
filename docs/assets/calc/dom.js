// @ts-check
// Building page elements without HTML strings: text always goes in as text, so nothing a
// user typed or imported is ever parsed as markup.

/** el("p", {class: "x", text: "hi"}, child, ...): an element with attributes and children.
 *  `text` sets textContent; true sets an empty attribute; false, null and undefined skip it.
 *  The element's type follows its tag (el("input") is an HTMLInputElement).
 *  @template {keyof HTMLElementTagNameMap} K
 *  @param {K} tag @param {Record<string, any>} [attrs] @param {...(Node|string|null|undefined)} children
 *  @returns {HTMLElementTagNameMap[K]} */
/** Today's date where the visitor is (not UTC), YYYY-MM-DD: file names, incoming names and the
 *  printed report's "produced on" all say the same day. */
export function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Set a node's text only when it differs: a redraw that writes the same text still costs the
 *  browser a layout. @param {Node} node @param {string} text */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** The list an item's text introduces ("including: a) ... b) ..."), lettered where the standard
 *  letters it, as the form model gives it; null for an item without one.
 *  @param {any} form @param {import("./state.js").FormItem} item @param {string} lang @returns {HTMLElement|null} */
export function partsList(form, item, lang) {
  if (!item.parts?.length) return null;
  return el("ul", { class: "calc-item-parts" }, ...item.parts.map((part) => el("li", { class: part.label ? "lettered" : null },
    part.label ? el("span", { class: "item-letter", text: part.label }) : null, part.label ? " " : null,
    ...words(form, part.text[lang], lang))));
}

/** A rubric text of the page's language as nodes: where the build found words of the other
 *  language in it (the form model's `runs`, cut by sitegen/langmark.py), each such run is a
 *  span with its `lang`, so browsers pick its glyphs and screen readers its voice.
 *  @param {{runs?: Record<string, Record<string, [string, string|null][]>>}|undefined} form
 *  @param {string} text @param {string} lang the page's language @returns {(Node|string)[]} */
export function words(form, text, lang) {
  const cut = form?.runs?.[lang]?.[text];
  if (!cut) return [text];
  return cut.map(([part, other]) => other ? el("span", { lang: other === "zh" ? "zh-Hans" : other, text: part }) : part);
}
