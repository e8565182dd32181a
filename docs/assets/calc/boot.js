// @ts-check
// Starts Python's worker (worker.js) as soon as the calculator's element is in the page, before
// the page's own modules have loaded: app.js waits for the fifteen files it imports, which on
// a slow link takes half a second or more, while the worker's first step is to download
// Pyodide (3.4 MB). The page loads this file on its own (<script type="module" async>, no
// imports), so it runs at once; bridge.js takes the worker over (takeEarly) with every event
// the worker has sent until then, and starts a new one for a retry.

/** What the worker's "init" message carries, from the calculator's element: the site's root,
 *  the runtime's size in bytes (download progress), the Excel export's wheel, the package lock
 *  (inline, so that Pyodide does not fetch it) and the Python snapshot's key the page was built
 *  with. @returns {{root: string, bytes: number, xlsxWheel: string, lock: string, snapshot: string}} */
export function settings() {
  const host = /** @type {HTMLElement} */ (document.getElementById("calc"));
  return { root: new URL(host.dataset.root || "./", location.href).href, bytes: Number(host.dataset.pyodideBytes) || 0,
    xlsxWheel: host.dataset.xlsxWheel || "", lock: host.dataset.pyodideLock || "", snapshot: host.dataset.snapshot || "" };
}

/** The worker started here and what it has sent (messages, errors), until bridge.js takes it.
 *  @type {{worker: Worker, events: Event[]}|null} */
let early = null;

/** The worker started early and its events so far, once (null after, or if none was started). */
export function takeEarly() {
  const taken = early;
  early = null;
  return taken;
}

if (document.getElementById("calc") && typeof Worker === "function") {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  /** @type {Event[]} */
  const events = [];
  worker.onmessage = (event) => events.push(event);
  worker.onerror = (event) => { event.preventDefault(); events.push(event); };
  worker.onmessageerror = (event) => events.push(event);
  worker.postMessage({ type: "init", ...settings(), standards: [] });
  early = { worker, events };
}
