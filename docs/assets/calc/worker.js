// Runs Python in a Web Worker so the page stays responsive: loads Pyodide from this
// site (never a CDN), unpacks the calculator package, and answers score requests. A
// rubric is loaded the first time a request needs it. Every number the page shows
// comes from calculator.api.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let root = null;
let ready = null;
const rubrics = new Map();

function progress(stage, total) {
  postMessage({ type: "progress", stage, total });
}

function fetchText(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${new URL(url).pathname}: HTTP ${response.status}`);
    return response;
  });
}

function rubricText(id) {
  if (!rubrics.has(id)) rubrics.set(id, { text: fetchText(new URL(`data/${id}.json`, root)).then((r) => r.text()), added: false });
  return rubrics.get(id);
}

async function start(first) {
  progress(1, 3);
  // fetch the package and the first rubrics while Pyodide starts
  const zip = fetchText(new URL("calculator.zip", import.meta.url)).then((r) => r.arrayBuffer());
  first.forEach(rubricText);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", root).href });
  progress(2, 3);
  pyodide.unpackArchive(await zip, "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  const api = pyodide.pyimport("calculator.api");
  progress(3, 3);
  return api;
}

async function ensure(api, ids) {
  for (const id of ids) {
    const entry = rubricText(id);
    if (entry.added) continue;
    const answer = JSON.parse(api.add_rubric(await entry.text));
    if (!answer.ok) throw new Error(answer.error.message);
    entry.added = true;
  }
}

let announced = false;
async function answer(message) {
  const api = await ready;
  await ensure(api, message.standards || []);
  if (!announced) {
    announced = true;
    postMessage({ type: "ready" });
  }
  const payload = JSON.parse(api.score_json(message.text, message.profile || null));
  postMessage({ type: "result", id: message.id, payload });
}

async function study(message) {
  const api = await ready;
  await ensure(api, ["cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"]);
  if (!announced) {
    announced = true;
    postMessage({ type: "ready" });
  }
  postMessage({ type: "study", id: message.id, payload: JSON.parse(api.study_json(message.seed, message.count)) });
}

let chain = Promise.resolve();
onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    root = message.root;
    ready = start(message.standards || []);
    ready.catch((error) => postMessage({ type: "fatal", message: String(error && error.message ? error.message : error) }));
  } else if (message.type === "study") {
    chain = chain.then(() => study(message)).catch((error) =>
      postMessage({ type: "fatal", message: String(error && error.message ? error.message : error) }));
  } else if (message.type === "score") {
    // answered in order; a failure to load a rubric is reported, not thrown away
    chain = chain.then(() => answer(message)).catch((error) =>
      postMessage({ type: "fatal", message: String(error && error.message ? error.message : error) }));
  }
};
