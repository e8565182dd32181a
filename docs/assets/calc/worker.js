// @ts-check
// Runs Python in a Web Worker so the page stays responsive: loads Pyodide from this
// site (never a CDN), unpacks the calculator package, and answers score requests. Every
// number the page shows comes from calculator.api.
//
// Rubrics: the calculator page draws its form from the form model the site build made
// (assets/calc/form/<id>.json) and never needs the rubric itself; the worker fetches each
// rubric it scores with, starting at once for the standards named in {type: "init"}. A
// rubric that cannot be fetched ends in {type: "fatal", rubric: true}.
//
// Excel export ({type: "xlsx"}): the XlsxWriter wheel the site serves under pyodide/ is
// fetched and unpacked only when a visitor exports, never for a score; the words of the
// workbook (strings-xlsx.json) and the rest of the standard library likewise. A wheel that cannot be fetched answers
// {ok: false, unavailable: problem}: the page says so and Python goes on scoring.
//
// The standard library: not Pyodide's python_stdlib.zip but the archive the site build made
// of the modules Pyodide's start-up and the calculator's first score import, without
// docstrings, part of them as bytecode (pyodide/stdlib-core.zip, sitegen/stdlib.py), given to
// loadPyodide as stdLibURL;
// the package lock comes inline from the page ({type: "init", lock}), so neither the full
// library nor pyodide-lock.json is requested. The rest of the library (pyodide/
// stdlib-rest.zip) is fetched once, when something needs more: the Excel export always,
// and any call that still fails with ModuleNotFoundError once the calculator's other modules
// (calculator-more.zip, below) are in, which is then made again.
//
// Progress: {type: "progress", stage, total} for the start-up steps and {type: "download",
// done, total} with the bytes of the Python runtime received so far (total: the size the
// page was built with, else the sizes the server announced).
//
// Start-up: the first visit starts Python from scratch (about 2 s), imports the calculator
// and then stores a Pyodide memory snapshot of that state in the browser's Cache Storage.
// Later visits restore the snapshot instead (about 0.3 s). The snapshot is taken before any
// rubric or assessment reaches Python, so it holds no one's ratings or notes. It is keyed by
// the Pyodide version and a hash of calculator.zip and of the standard library archive (the
// snapshot holds zipimport's index of both): a new deployment of any makes a new snapshot and
// the old one is deleted. A snapshot that cannot be restored is deleted and
// Python starts from scratch; nothing the visitor entered depends on it.
//
// `_makeSnapshot`, `_loadSnapshot` and `makeMemorySnapshot` are Pyodide's experimental
// options (underscored: not a stable API). They are used with the exact Pyodide pinned in
// package-lock.json, and the browser tests cover a fresh start, a restored start and a
// corrupt snapshot.
import { loadPyodide, version } from "../../pyodide/pyodide.mjs";

const APP = "/home/pyodide/calculator.zip";  // imported from the zip itself (zipimport)
const CORE = "stdlib-core.zip";  // under pyodide/: the standard library of the first score
const REST = "stdlib-rest.zip";  // under pyodide/: the rest of it, on demand
const REST_PATH = "/lib/stdlib-rest.zip";
const SNAPSHOTS = "calculator-python-snapshot";

let root = null;
let ready = null;
let python = null;  // the Pyodide instance, for unpacking the Excel export's library
let xlsxWheel = "";  // its file name under pyodide/ (from the page)
let started = "fresh";  // how Python started: "fresh", "snapshot" or "fresh-after-bad-snapshot"
let lock = "";  // the package lock, inline (from the page)
let built = "";  // the snapshot key's hex part the page was built with (from the page; may be empty)
const rubrics = new Map();

function progress(stage, total) {
  postMessage({ type: "progress", stage, total });
}

function fetchOk(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${new URL(url).pathname}: HTTP ${response.status}`);
    return response;
  });
}

// ---- the Python runtime's downloads: counted as they stream, and failures reported ----
//
// Pyodide swallows a failed WebAssembly download: it logs "wasm instantiation failed" and
// loadPyodide() never settles, so the page would say "loading" for ever. Every file this
// worker fetches from the site's pyodide/ folder therefore goes through the fetch below: an
// answer other than 200, a lost connection, or a body that breaks off part-way is reported
// at once as a fatal error naming the file, and the page offers a retry.

let expected = 0;  // the runtime's size in bytes, from the page (0: unknown)
const announced = new Map();  // url -> Content-Length
let received = 0;
let lastReport = 0;

/** What a caught failure says: its message, else the value itself (a catch gets any value).
 *  @param {unknown} error @returns {string} */
function failure(error) {
  const message = error instanceof Object && "message" in error ? error.message : "";
  return String(message || error);
}

function reportDownload(force = false) {
  const now = Date.now();
  if (!force && now - lastReport < 100) return;
  lastReport = now;
  const total = expected || [...announced.values()].reduce((a, b) => a + b, 0);
  postMessage({ type: "download", done: received, total: Math.max(total, received) });
}

const plainFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!root || !String(url).startsWith(new URL("pyodide/", root).href)) return plainFetch(input, init);
  const name = new URL(url).pathname;
  let response;
  try {
    response = await plainFetch(input, init);
  } catch (error) {
    fatal(new Error(`${name}: ${failure(error)}`));
    throw error;
  }
  if (!response.ok) fatal(new Error(`${name}: HTTP ${response.status}`));
  if (!response.ok || !response.body) return response;
  announced.set(url, Number(response.headers.get("Content-Length")) || 0);
  count(response.clone(), name);
  // the response itself, untouched: chromium keeps the WebAssembly's compiled (and optimized)
  // code for the next visit only for a response the browser made, not one made here (measured:
  // about 1 s less compiling during a return visit's first taps)
  return response;
};

/** Count a copy of a download's body as it arrives; one that breaks off is a fatal error.
 *  @param {Response} copy @param {string} name */
async function count(copy, name) {
  const reader = /** @type {ReadableStream<Uint8Array>} */ (copy.body).getReader();
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (error) {
      fatal(new Error(`${name}: ${failure(error)}`));
      return;
    }
    if (chunk.done) { reportDownload(true); return; }
    received += chunk.value.byteLength;
    reportDownload();
  }
}

function rubricText(id) {
  if (!rubrics.has(id)) {
    const url = new URL(`assets/calc/data/${id}.json`, root);
    const text = fetchOk(url).then((r) => r.text())
      .catch((error) => { throw Object.assign(error, { rubric: true }); });
    text.catch(() => { /* reported when a request needs it */ });
    rubrics.set(id, { text, added: false });
  }
  return rubrics.get(id);
}

// ---- the memory snapshot -----------------------------------------------------------

/** Where the snapshot of these archives is kept: the Pyodide version and the first 12 bytes of a
 *  SHA-256 of calculator.zip followed by the core archive, in hex. @param {string} hex */
function snapshotURL(hex) {
  return new URL(`pyodide-snapshot/${version}/${hex}`, root).href;
}

/** Whether this browser can keep a snapshot: not where Cache Storage or WebCrypto is missing (a
 *  page served over plain http from another host); Python then starts from scratch every time. */
function canKeep() {
  return typeof caches !== "undefined" && Boolean(globalThis.crypto?.subtle);
}

async function snapshotKey(zip, core) {
  if (!canKeep()) return null;
  const both = new Uint8Array(zip.byteLength + core.byteLength);
  both.set(new Uint8Array(zip), 0);
  both.set(new Uint8Array(core), zip.byteLength);
  return snapshotURL((await sha256(both)).slice(0, 24));
}

// A snapshot is stored with the SHA-256 of its bytes (header CHECKSUM) and restored only when
// they still have it: a snapshot damaged in storage can restore without an error and then
// compute with damaged memory. The digest costs about 40 ms of this thread in chromium for
// 31 MB (traced: WebCrypto copies and hashes on the calling thread); it is started as the
// restore begins, after the archives' small key, and awaited once Python is restored.
const CHECKSUM = "X-Snapshot-SHA256";

/** @param {BufferSource} bytes */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The stored snapshot under `key` (null if none) and its stored checksum. */
async function storedSnapshot(key) {
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    if (!hit) return null;
    return { bytes: await hit.arrayBuffer(), checksum: hit.headers.get(CHECKSUM) || "" };
  } catch {
    return null;
  }
}

async function keepOnly(key, bytes) {
  try {
    const cache = await caches.open(SNAPSHOTS);
    for (const old of await cache.keys()) if (old.url !== key) await cache.delete(old);
    if (bytes) {
      await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream",
        [CHECKSUM]: await sha256(bytes) } }));
    } else await cache.delete(key);
    postMessage({ type: "snapshot", stored: Boolean(bytes) });
  } catch {
    // storage full or refused: the next visit starts from scratch, as the first did
    postMessage({ type: "snapshot", stored: false });
  }
}

// ---- start-up ------------------------------------------------------------------------

/** loadPyodide's options: the standard library from the bytes already fetched (a blob: URL,
 *  so it is not downloaded twice), the lock inline. */
async function boot(indexURL, core, more) {
  const stdLibURL = URL.createObjectURL(new Blob([core], { type: "application/zip" }));
  try {
    return await loadPyodide({ indexURL, stdLibURL, ...(lock ? { lockFileContents: lock } : {}), ...more });
  } finally {
    URL.revokeObjectURL(stdLibURL);
  }
}

async function restore(indexURL, zip, core, snapshot) {
  const pyodide = await boot(indexURL, core, { _loadSnapshot: snapshot });
  python = pyodide;
  // the files behind the imported modules live outside the snapshot (Emscripten's file
  // system): put the package's zip back (the standard library's Pyodide writes itself) so
  // that a lazy import inside the package still finds its source
  pyodide.FS.writeFile(APP, new Uint8Array(zip));
  return pyodide.pyimport("calculator.api");  // already imported in the snapshot; throws if not
}

async function fresh(indexURL, zip, core, key) {
  const pyodide = await boot(indexURL, core, { _makeSnapshot: key !== null });
  python = pyodide;
  progress(2, 3);
  pyodide.FS.writeFile(APP, new Uint8Array(zip));
  pyodide.runPython(`import sys; sys.path.insert(0, '${APP}'); import calculator.api`);
  // before any rubric or assessment: the snapshot holds the interpreter and our code only
  if (key) keepOnly(key, pyodide.makeMemorySnapshot());
  return pyodide.pyimport("calculator.api");
}

async function start() {
  progress(1, 3);
  const indexURL = new URL("pyodide/", root).href;
  // the key the page was built with (sitegen/stdlib.py): the stored snapshot is read while the
  // archives download, and used once their own key, computed below, is the same
  const expected = built && canKeep() ? snapshotURL(built) : null;
  const early = expected ? storedSnapshot(expected) : null;
  const [zip, core] = await Promise.all([
    fetchOk(new URL("calculator.zip", import.meta.url)).then((r) => r.arrayBuffer()),
    fetchOk(new URL(CORE, indexURL)).then((r) => r.arrayBuffer()),
  ]);
  const key = await snapshotKey(zip, core).catch(() => null);
  const snapshot = key && (key === expected ? await early : await storedSnapshot(key));
  let api = null;
  if (snapshot) {
    const digest = sha256(snapshot.bytes);
    digest.catch(() => { /* said below */ });
    try {
      api = await restore(indexURL, zip, core, snapshot.bytes);
      if (!snapshot.checksum || (await digest) !== snapshot.checksum) throw new Error("damaged snapshot");
      started = "snapshot";
    } catch {
      api = null;
      started = "fresh-after-bad-snapshot";
      await keepOnly(key, null);
    }
  }
  if (!api) api = await fresh(indexURL, zip, core, key);
  progress(3, 3);
  return api;
}

// ---- the rest of the standard library, on demand ----------------------------------------

// Packages already imported from the first archive (importlib, encodings, ...) get the rest's
// part of them too, so that e.g. `import importlib.metadata` or a codec not traced is found.
const ADD_REST = `
import importlib, sys
sys.path.append('${REST_PATH}')
_core = next(p for p in sys.path if p.startswith('/lib/') and p.endswith('.zip') and p != '${REST_PATH}')
for _module in list(sys.modules.values()):
    _path = getattr(_module, '__path__', None)
    if isinstance(_path, list):
        _path += ['${REST_PATH}' + p[len(_core):] for p in list(_path) if p.startswith(_core + '/')]
importlib.invalidate_caches()
del _core, _module, _path
`;
/** A step done once, when first asked for (`load`); one that fails is tried again by the next
 *  call that needs it. @param {() => Promise<void>} load @returns {() => Promise<void>} */
function onDemand(load) {
  /** @type {Promise<void>|null} */
  let done = null;
  return () => {
    if (!done) {
      done = load();
      done.catch(() => { done = null; });
    }
    return done;
  };
}

/** A file of the site fetched whole, with the plain fetch (not counted as the runtime's
 *  download); a failure names the file. @param {URL} url */
async function fetchBytes(url) {
  const response = await plainFetch(url).catch((error) => { throw new Error(`${url.pathname}: ${failure(error)}`); });
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const ensureRest = onDemand(async () => {
  python.FS.writeFile(REST_PATH, await fetchBytes(new URL(`pyodide/${REST}`, root)));
  python.runPython(ADD_REST);
});

/** A call into Python; one that fails for a module it lacks is made again once the calculator's
 *  other modules are in place, and again once the rest of the standard library is.
 *  @param {() => string} call */
async function py(call) {
  for (const more of [ensureMore, ensureRest, null]) {
    try {
      return call();
    } catch (error) {
      if (!more || !(error instanceof Object && "type" in error && error.type === "ModuleNotFoundError")) throw error;
      await more();
    }
  }
  throw new Error("unreachable");
}

// ---- the calculator's other modules -------------------------------------------------------

// calculator.zip holds the modules the first score imports (as bytecode); the others (the plan,
// the comparison, the workbook, ...) are in calculator-more.zip (source: sitegen/stdlib.py),
// fetched when a call first needs one (the plan the page asks for once the visitor pauses) and
// added to the package's path.
const MORE_PATH = "/home/pyodide/calculator-more.zip";

const ensureMore = onDemand(async () => {
  python.FS.writeFile(MORE_PATH, await fetchBytes(new URL("calculator-more.zip", import.meta.url)));
  // (a new path entry needs no importlib.invalidate_caches(), which would import
  // importlib.metadata, a module of the rest of the library)
  python.runPython(`import calculator; calculator.__path__.append('${MORE_PATH}/calculator')`);
});

// ---- requests ------------------------------------------------------------------------

/** Python's answer to data added to it (a rubric, a group of words), thrown as a refusal when it
 *  says no. @param {string} text */
function accepted(text) {
  const answer = JSON.parse(text);
  if (!answer.ok) throw Object.assign(new Error(answer.error.message), { refusal: answer.error });
}

async function ensure(api, ids) {
  for (const id of ids) {
    const entry = rubricText(id);
    if (entry.added) continue;
    const text = await entry.text;
    accepted(await py(() => api.add_rubric(text)));
    entry.added = true;
  }
}

let readySent = false;
function announce() {
  if (readySent) return;
  readySent = true;
  postMessage({ type: "ready", started });
}

/** Python's answer (JSON text) to request `id`, passed on as text: the page parses it once, where
 *  a parsed answer would be parsed here and then copied object by object into the page (a score's
 *  answer was some 45 KB of JSON, 26 KB since it is compact; the copy took longer than Python's
 *  scoring).
 *  @param {string} id @param {string} text */
function reply(id, text) {
  postMessage({ type: "result", id, json: text });
}

async function answer(message) {
  for (const id of message.standards || []) rubricText(id);  // fetched while Python starts
  const api = await ready;
  await ensure(api, message.standards || []);
  announce();
  reply(message.id, await py(() => api.score_json(message.text, message.profile || null)));
}

async function study(message) {
  const api = await ready;
  await ensure(api, ["cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"]);
  announce();
  postMessage({ type: "study", id: message.id, payload: JSON.parse(await py(() => api.study_json(message.seed, message.count))) });
}

async function view(message) {
  // what a user's weight profile changes on the form (the build cannot know it)
  const api = await ready;
  await ensure(api, message.standards || []);
  announce();
  reply(message.id, await py(() => api.profile_view_json(message.profile)));
}

// The CSV's headers and words in both languages (a CSV in either is read back), from the
// catalogue's csv group the build writes beside the rubrics; fetched the first time a CSV
// is asked for.
let csvWords = null;
async function ensureCsvWords(api) {
  if (!csvWords) {
    csvWords = fetchOk(new URL("assets/calc/data/strings-csv.json", root)).then((r) => r.text()).then(async (text) => {
      accepted(await py(() => api.add_strings(text)));
    });
  }
  await csvWords;
}

async function csv(message) {
  // an assessment as CSV rows (export), or a CSV back to an assessment (import)
  const api = await ready;
  await ensure(api, message.standards || []);
  await ensureCsvWords(api);
  announce();
  reply(message.id, await py(() => (message.read ? api.read_csv_json(message.text)
    : api.csv_json(message.text, message.lang, message.profile || null))));
}

// The Excel export: its words and its library, each fetched once, when first asked for. The
// wheel is fetched with the plain fetch (not counted as the runtime's download, and a failure
// is the export's, not Python's) and unpacked beside the calculator package.
const XLSX_DIR = "/home/pyodide/xlsxwriter";
let xlsxWords = null;

const ensureXlsxLibrary = onDemand(async () => {
  if (!xlsxWheel) throw new Error("pyodide/: no XlsxWriter wheel");
  python.unpackArchive(await fetchBytes(new URL(`pyodide/${xlsxWheel}`, root)), "zip", { extractDir: XLSX_DIR });
  python.runPython(`import sys; sys.path.insert(0, '${XLSX_DIR}'); import xlsxwriter`);
});

function ensureXlsxWords(api) {
  if (!xlsxWords) {
    xlsxWords = fetchOk(new URL("assets/calc/data/strings-xlsx.json", root)).then((r) => r.text()).then(async (text) => {
      accepted(await py(() => api.add_strings(text)));
    });
    xlsxWords.catch(() => { xlsxWords = null; });
  }
  return xlsxWords;
}

async function xlsx(message) {
  const api = await ready;
  await ensure(api, message.standards || []);
  announce();
  try {
    await ensureCsvWords(api);
    await ensureXlsxWords(api);
    await ensureRest();  // XlsxWriter imports modules the first score does not
    await ensureXlsxLibrary();
  } catch (error) {
    postMessage({ type: "result", id: message.id, payload: { ok: false, unavailable: failure(error) } });
    return;
  }
  reply(message.id, await py(() => api.xlsx_json(message.text, message.lang, message.profile || null)));
}

async function plan(message) {
  // the levels a plan can aim at, and the plan to the chosen one (calculator/plan.py)
  const api = await ready;
  await ensure(api, message.standards || []);
  announce();
  reply(message.id, await py(() => api.plan_json(message.text, message.target || null, message.profile || null)));
}

async function compare(message) {
  // two assessments compared, B against A (calculator/compare.py, as `aftersales compare A B`)
  const api = await ready;
  await ensure(api, message.standards || []);
  announce();
  reply(message.id, await py(() => api.compare_json(message.a, message.b, message.profile || null, message.nameA, message.nameB)));
}

let failed = false;
function fatal(error) {
  // once: the page stops this worker on the first fatal message and offers a retry
  if (failed) return;
  failed = true;
  // a refusal from Python carries its code and parameters, for the page to word; a rubric
  // that could not be fetched says so
  postMessage({ type: "fatal", message: String(error && error.message ? error.message : error),
    refusal: (error && error.refusal) || null, rubric: Boolean(error && error.rubric) });
}

// A failure inside Pyodide's own start (a WebAssembly file that cannot be downloaded) can
// surface only as an unhandled rejection while loadPyodide() never settles: report it, so
// the page ends in a message instead of "loading" forever.
addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  fatal(event.reason);
});

let chain = Promise.resolve();
onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    root = message.root;
    expected = Number(message.bytes) || 0;
    xlsxWheel = message.xlsxWheel || "";
    lock = message.lock || "";
    built = /^[0-9a-f]{24}$/.test(message.snapshot || "") ? message.snapshot : "";
    for (const id of message.standards || []) rubricText(id);
    ready = start();
    ready.catch(fatal);
  } else if (message.type === "prefetch") {
    // the standards the page shows, when it started this worker before it knew them (boot.js)
    for (const id of message.standards || []) rubricText(id);
  } else if (message.type === "rubric") {
    // the page's copy; messages arrive in order, so it is here before any request needing it
    if (!rubrics.has(message.id)) rubrics.set(message.id, { text: Promise.resolve(message.text), added: false });
  } else if (message.type === "study") {
    chain = chain.then(() => study(message)).catch(fatal);
  } else if (message.type === "view") {
    chain = chain.then(() => view(message)).catch(fatal);
  } else if (message.type === "plan") {
    chain = chain.then(() => plan(message)).catch(fatal);
  } else if (message.type === "compare") {
    chain = chain.then(() => compare(message)).catch(fatal);
  } else if (message.type === "csv") {
    chain = chain.then(() => csv(message)).catch(fatal);
  } else if (message.type === "xlsx") {
    chain = chain.then(() => xlsx(message)).catch(fatal);
  } else if (message.type === "score") {
    // answered in order; a failure to load a rubric is reported, not thrown away
    chain = chain.then(() => answer(message)).catch(fatal);
  }
};
