// @ts-check
// The page's words: entries of the string catalogue (rubrics/strings.yaml) in the page's
// language, written into the page at build time as <script type="application/json"
// id="calc-strings"> (sitegen/macros.py, page_strings). Filled the way calculator/messages.py
// fills them: {name} placeholders; a parameter that is a message {code, params} is worded
// too (in its own group, if it names one), a bilingual text {zh, en} in the page's language,
// a list joined with format.list_separator (format.none when empty).

const source = /** @type {HTMLElement} */ (document.getElementById("calc-strings"));
/** @type {Record<string, string>} */
const entries = JSON.parse(source.textContent || "{}");
/** @type {"zh"|"en"} the page's language */
const lang = source.dataset.lang === "en" ? "en" : "zh";
const PLACEHOLDER = /\{([a-z_][a-z0-9_]*)\}/g;

/** @param {any} value @param {string} group @returns {string} */
function shown(value, group) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    if ("code" in value) return say(value, value.group || group);
    if ("zh" in value && "en" in value) return String(value[lang]);
  }
  if (Array.isArray(value)) {
    return value.length ? value.map((entry) => shown(entry, group)).join(t("format.list_separator"))
      : t("format.none");
  }
  if (value === null || value === undefined) return t("format.none");
  return String(value);
}

/** t("calc.ready"), t("calc.band", {min, max, counts}): an entry with its placeholders filled.
 *  @param {string} name @param {Record<string, any>} [params] @returns {string} */
export function t(name, params = {}) {
  const text = entries[name];
  if (text === undefined) throw new Error(`no string ${name}`);
  return text.replace(PLACEHOLDER, (whole, key) => {
    if (!(key in params)) throw new Error(`${name}: no value for {${key}}`);
    return shown(params[key], name.split(".")[0]);
  });
}

/** A message {code, params} of a result, an error or a question, worded by entry <group>.<code>;
 *  a bilingual text {zh, en} in the page's language; a plain value (a number as text) as it is.
 *  @param {any} message @param {string} group @returns {string} */
export function say(message, group) {
  if (!message || typeof message !== "object" || !("code" in message)) return shown(message, group);
  return t(`${group}.${message.code}`, Object.fromEntries(
    Object.entries(message.params || {}).map(([key, value]) => [key, shown(value, group)])));
}

export { lang };
