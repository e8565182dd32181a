// @ts-check
// Two tabs of the calculator share this browser's storage. Before a tab writes an assessment
// it merges what is stored (another tab may have written since) with its own state, and when
// another tab writes, it merges that in: a three-way merge, field by field (one item's rating,
// one note, one setting), against the copy both last agreed on. A field only one side changed
// keeps that change; a field both changed keeps the later change: the writing tab's own when
// it writes, the other tab's when it arrives. No edit of either tab is lost.

const SEP = "\u0000";

/** Each leaf of a stored assessment by its path (keys joined by NUL), as JSON text.
 *  @param {unknown} value @param {string} path @param {Map<string, string>} out */
function flatten(value, path, out) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}${SEP}${key}` : key, out);
  } else if (value !== undefined) {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** The leaves back as an object (an empty object and a missing one are the same to the page:
 *  stored.js's check fills in the defaults). @param {Map<string, string>} leaves */
function unflatten(leaves) {
  /** @type {Record<string, any>} */
  const root = Object.create(null);
  for (const [path, json] of leaves) {
    const keys = path.split(SEP);
    let node = root;
    for (const key of keys.slice(0, -1)) {
      if (!Object.prototype.hasOwnProperty.call(node, key) || typeof node[key] !== "object") node[key] = Object.create(null);
      node = node[key];
    }
    node[keys[keys.length - 1]] = JSON.parse(json);
  }
  return JSON.parse(JSON.stringify(root));  // plain objects again; every key an own property
}

/**
 * Merge `mine` and `theirs`, both changed from `base`: per field, the side that changed it
 * wins; where both changed it, `mine` when `mineLater`, else `theirs`. Fields listed in
 * `local` (the view a tab shows) are always `mine`.
 * @param {unknown} base @param {unknown} mine @param {unknown} theirs @param {boolean} mineLater
 * @param {string[]} [local] @returns {any}
 */
export function merge3(base, mine, theirs, mineLater, local = []) {
  const b = flatten(base, "", new Map()), m = flatten(mine, "", new Map()), t = flatten(theirs, "", new Map());
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const path of new Set([...m.keys(), ...t.keys(), ...b.keys()])) {
    const was = b.get(path), mineNow = m.get(path), theirsNow = t.get(path);
    const mineChanged = mineNow !== was, theirsChanged = theirsNow !== was;
    let value = theirsNow;
    if (local.includes(path.split(SEP)[0]) || (mineChanged && (!theirsChanged || mineLater))) value = mineNow;
    if (value !== undefined) out.set(path, value);
  }
  return unflatten(out);
}
