// @ts-check
// Building page elements without HTML strings: text always goes in as text, so nothing a
// user typed or imported is ever parsed as markup.

/** el("p", {class: "x", text: "hi"}, child, ...): an element with attributes and children.
 *  `text` sets textContent; true sets an empty attribute; false, null and undefined skip it.
 *  @param {string} tag @param {Record<string, any>} [attrs] @param {...(Node|string|null|undefined)} children
 *  @returns {HTMLElement} */
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
