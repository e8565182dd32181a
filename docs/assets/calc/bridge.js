// @ts-check
// The way to Python: the Web Worker (worker.js) running the calculator package in Pyodide.
// Score requests are answered in order and only the latest is shown; other questions
// (is this file valid? what does this profile change?) are promises. When Python cannot
// answer (a download fails, the worker dies, a rubric cannot be fetched) every pending
// question is rejected at once and `onStopped` is told why; `restart()` tries again.

/**
 * @typedef {object} Hooks
 * @property {(stage: number, total: number) => void} onProgress  a start-up step began
 * @property {(done: number, total: number) => void} onDownload  bytes of the runtime received
 * @property {(started: string) => void} onReady  Python answered for the first time
 * @property {(payload: any) => void} onResult  the answer to the latest score request
 * @property {(problem: string, kind: {refusal: any, rubric: boolean}) => void} onStopped  Python cannot answer
 * @property {(stored: boolean) => void} [onSnapshot]
 */

import { takeEarly } from "./boot.js";

/** @type {Worker|null} */
let worker = null;
/** @type {Hooks|null} */
let hooks = null;
/** @type {{root: string, bytes: number, standards: string[], xlsxWheel?: string, lock?: string, snapshot?: string}} */
let setup = { root: "", bytes: 0, standards: [] };
let stopped = false;
let ready = false;
let latest = 0;
let seq = 0;
/** @type {Map<string, {resolve: (payload: any) => void, reject: (error: Error) => void}>} */
const pending = new Map();

/** Whether Python has answered since it (re)started. */
export function isReady() {
  return ready;
}

/** Whether Python has stopped and waits for a retry. */
export function isStopped() {
  return stopped;
}

/**
 * Start the worker. @param {{root: string, bytes: number, standards: string[], xlsxWheel?: string, lock?: string, snapshot?: string}} options
 * @param {Hooks} callbacks
 */
export function start(options, callbacks) {
  setup = options;
  hooks = callbacks;
  launch();
}

function launch() {
  stopped = false;
  ready = false;
  // the first time, the worker boot.js started while the page's modules loaded
  const taken = takeEarly();
  const created = taken ? taken.worker : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker = created;
  created.onmessage = onMessage;
  // a worker that cannot load (its script or an import fails) or dies later
  /** @param {ErrorEvent} event */
  const failed = (event) => {
    event.preventDefault();
    stop(event.message || "", { refusal: null, rubric: false });
  };
  created.onerror = failed;
  created.onmessageerror = () => stop("", { refusal: null, rubric: false });
  if (!taken) {
    created.postMessage({ type: "init", root: setup.root, bytes: setup.bytes, standards: setup.standards,
      xlsxWheel: setup.xlsxWheel || "", lock: setup.lock || "", snapshot: setup.snapshot || "" });
    return;
  }
  // started before the page knew which standards it shows: their rubrics are fetched now
  created.postMessage({ type: "prefetch", standards: setup.standards });
  for (const event of taken.events) {
    if (stopped) break;
    if (event instanceof ErrorEvent) failed(event);
    else if (event.type === "messageerror") stop("", { refusal: null, rubric: false });
    else onMessage(/** @type {MessageEvent} */ (event));
  }
}

/** Start again after a failure (the retry button). */
export function restart() {
  launch();
}

/** @param {string} problem @param {{refusal: any, rubric: boolean}} kind */
function stop(problem, kind) {
  for (const question of pending.values()) question.reject(new Error(problem));
  pending.clear();
  ready = false;
  stopped = true;
  worker?.terminate();
  hooks?.onStopped(problem, kind);
}

/**
 * Ask for a score; only the answer to the latest request reaches `onResult`.
 * @param {string} text the assessment (JSON) @param {string|null} profile a custom profile (JSON)
 * @param {string[]} standards the rubrics it needs
 */
export function score(text, profile, standards) {
  if (stopped || !worker) return;  // the ratings are saved; the retry scores them
  latest += 1;
  worker.postMessage({ type: "score", id: latest, text, profile, standards });
}

/**
 * A question whose answer is awaited (is this file valid? what does this profile change?).
 * @param {Record<string, any>} message @returns {Promise<any>}
 */
function question(message) {
  seq += 1;
  const id = `ask-${seq}`;
  return new Promise((resolve, reject) => {
    if (stopped || !worker) { reject(new Error("stopped")); return; }
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

/** Check an assessment (and a custom profile) as the CLI would; the answer is Python's payload.
 *  @param {string} text @param {string|null} [profile] @param {string[]} [standards] */
export function check(text, profile = null, standards = []) {
  return question({ type: "score", text, profile, standards });
}

/** What a custom profile changes on the form: {ok, view} or {ok: false, error}.
 *  @param {string} profile @param {string[]} standards */
export function profileView(profile, standards) {
  return question({ type: "view", profile, standards });
}

/** An assessment as CSV, headers and words in `lang`: {ok, rows, text} or {ok: false, error}.
 *  @param {string} text @param {string} lang @param {string|null} profile @param {string[]} standards */
export function csvOf(text, lang, profile, standards) {
  return question({ type: "csv", text, lang, profile, standards });
}

/** An assessment as an Excel workbook, words in `lang`: {ok, base64} or {ok: false, error}, or
 *  {ok: false, unavailable: problem} when the library could not be loaded (Python goes on).
 *  @param {string} text @param {string} lang @param {string|null} profile @param {string[]} standards */
export function xlsxOf(text, lang, profile, standards) {
  return question({ type: "xlsx", text, lang, profile, standards });
}

/** The levels a plan can aim at and the plan to `target` (calculator/plan.py): {ok, targets, plan} or
 *  {ok: false, error}. @param {string} text @param {string} target @param {string|null} profile
 *  @param {string[]} standards */
export function planOf(text, target, profile, standards) {
  return question({ type: "plan", text, target, profile, standards });
}

/** A CSV export back to the assessment it holds: {ok, assessment} or {ok: false, error}. @param {string} text */
export function readCsv(text) {
  return question({ type: "csv", read: true, text, standards: [] });
}

/** Two assessments compared, B against A (calculator/compare.py): {ok, comparison} or {ok: false, error}.
 *  @param {{a: string, b: string, nameA: string, nameB: string}} pair the two files (JSON) and their names
 *  @param {string|null} profile @param {string[]} standards */
export function compare(pair, profile, standards) {
  return question({ type: "compare", ...pair, profile, standards });
}

/** @param {MessageEvent} event */
function onMessage(event) {
  const message = event.data;
  // Python's answers come as JSON text (worker.js reply), the worker's own as objects
  if (message.type === "result" && typeof message.json === "string") message.payload = JSON.parse(message.json);
  if (!hooks) return;
  if (message.type === "progress") hooks.onProgress(message.stage, message.total);
  else if (message.type === "download") hooks.onDownload(message.done, message.total);
  else if (message.type === "ready") {
    ready = true;
    hooks.onReady(message.started);
  } else if (message.type === "snapshot") hooks.onSnapshot?.(message.stored);
  else if (message.type === "fatal") stop(message.message, { refusal: message.refusal, rubric: message.rubric });
  else if (message.type === "result" && pending.has(message.id)) {
    pending.get(message.id)?.resolve(message.payload);
    pending.delete(message.id);
  } else if (message.type === "result" && message.id === latest) hooks.onResult(message.payload);
}
