// @ts-check
// Reading offline, on every page. Registers the service worker (sw.js at the site's root,
// written at build time by sitegen/offline.py) and asks it to store:
//  - the calculator's files, once a calculator or practice page has started Python
//    (data-keep on this script: the page has just downloaded them, so this costs
//    revalidations, not downloads);
//  - the whole reference of the page's language, when the visitor asks (the "save for
//    offline reading" control the build renders on the home and calculator pages).
// It also tells the visitor when a newer deployment has taken over an open page, and on
// the offline page offers to try the page that could not be opened again.
// Every text comes from the page itself (rendered by the build from rubrics/strings.yaml).
(() => {
  // this script's element: data-sw (the service worker's address), data-keep (optional)
  const script = /** @type {HTMLScriptElement & {dataset: {sw: string, keep?: string}}} */ (document.currentScript);
  const worker = new URL(script.dataset.sw, location.href);
  const root = new URL("./", worker);
  const supported = "serviceWorker" in navigator && window.isSecureContext && location.protocol !== "file:";

  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  const megabytes = (bytes) => Math.max(bytes / 1e6, 0.1).toFixed(1);

  // ---- talking to the service worker: {type: "plan" | "store", group} -> its answer ----
  function ask(message) {
    return navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      // `ready` resolves once a worker is active
      /** @type {ServiceWorker} */ (registration.active).postMessage(message, [channel.port2]);
    }));
  }

  // Store a whole group, one step at a time; onStep sees each answer. Resolves to the last
  // answer: nothing missing, or a problem ("offline", "changed", "full").
  async function store(group, onStep) {
    let answer = await ask({ type: "plan", group });
    while (answer.missing > 0 && !answer.problem) {
      answer = await ask({ type: "store", group });
      if (onStep) onStep(answer);
    }
    return answer;
  }

  // ---- the "save for offline reading" control ------------------------------------------
  function control(box) {
    const button = box.querySelector("[data-testid=save-offline]");
    const status = box.querySelector("[data-offline-status]");
    const group = box.dataset.offlineSave;
    box.hidden = false;
    if (!supported) {
      button.hidden = true;
      status.textContent = box.dataset.unsupported;
      return null;
    }
    const saved = () => {
      button.hidden = true;
      status.textContent = box.dataset.saved;
      document.body.dataset.offline = "saved";
    };
    const offer = (answer) => {
      button.textContent = fill(box.dataset.save, { size: megabytes(answer.missingBytes) });
      button.dataset.bytes = String(answer.missingBytes);
      button.disabled = false;
    };
    const plan = () => ask({ type: "plan", group }).then((answer) => {
      if (document.body.dataset.offline === "saving") return;
      if (answer.missing === 0) saved();
      else offer(answer);
    });
    plan();
    button.addEventListener("click", async () => {
      button.disabled = true;
      document.body.dataset.offline = "saving";
      const total = Number(button.dataset.bytes);
      const answer = await store(group, (step) => {
        status.textContent = fill(box.dataset.saving,
                                  { done: megabytes(Math.max(total - step.missingBytes, 0)), total: megabytes(total) });
      });
      if (answer.missing === 0 && !answer.problem) {
        saved();
        return;
      }
      const problem = { changed: "problemChanged", full: "problemFull" }[answer.problem] || "problemOffline";
      status.textContent = box.dataset[problem];
      document.body.dataset.offline = "failed";
      offer(answer);
    });
    return plan;  // asks again (once the calculator's files are kept, less is left to download)
  }

  // ---- the offline page: try the page that could not be opened again --------------------
  function retry(link) {
    const from = new URLSearchParams(location.search).get("from");
    if (from === null) return;
    const target = new URL(from, root);
    if (target.origin === root.origin && target.href.startsWith(root.href)) {
      link.href = target.href;
      link.hidden = false;
    }
  }

  // ---- start -------------------------------------------------------------------------
  for (const link of document.querySelectorAll("[data-offline-retry]")) retry(link);
  const plans = [...document.querySelectorAll("[data-offline-save]")].map(control);
  if (!supported) return;

  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // a newer deployment's worker now answers this page, which came from an older one
    const notice = /** @type {HTMLElement | null} */ (document.querySelector("[data-offline-updated]"));
    if (hadWorker && notice) notice.hidden = false;
  });
  for (const button of document.querySelectorAll("[data-offline-reload]")) {
    button.addEventListener("click", () => location.reload());
  }

  const register = () => navigator.serviceWorker.register(worker).catch(() => { /* offline reading is a bonus */ });
  const keep = script.dataset.keep;
  if (!keep) {
    // after the page's own downloads, so that the worker's few files do not compete with them
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
    return;
  }
  // the calculator and practice pages: once Python has started (or failed), not before
  const started = () => ["ready", "error"].includes(document.body.dataset.state || "");
  const go = () => register().then(() => store(keep)).then((answer) => {
    if (answer.missing === 0) document.body.dataset.kept = keep;  // the calculator works offline now
    for (const plan of plans) if (plan) plan();
  }).catch(() => {});
  if (started()) {
    go();
    return;
  }
  const watch = new MutationObserver(() => {
    if (!started()) return;
    watch.disconnect();
    go();
  });
  watch.observe(document.body, { attributes: true, attributeFilter: ["data-state"] });
})();
