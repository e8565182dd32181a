// Runs Python in a Web Worker so the page stays responsive: loads Pyodide from this
// site (never a CDN), unpacks the calculator package, loads the rubric JSON, then
// answers score requests. Every number the page shows comes from calculator.api.
import { loadPyodide } from "../../pyodide/pyodide.mjs";

let api = null;
const queue = [];

function progress(stage, total) {
  postMessage({ type: "progress", stage, total });
}

async function start(root, standards) {
  progress(1, 3);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", root).href });
  progress(2, 3);
  const zip = await fetch(new URL("calculator.zip", import.meta.url));
  if (!zip.ok) throw new Error(`calculator.zip: HTTP ${zip.status}`);
  pyodide.unpackArchive(await zip.arrayBuffer(), "zip", { extractDir: "/home/pyodide/app" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/app')");
  const module = pyodide.pyimport("calculator.api");
  progress(3, 3);
  for (const id of standards) {
    const response = await fetch(new URL(`data/${id}.json`, root));
    if (!response.ok) throw new Error(`data/${id}.json: HTTP ${response.status}`);
    const answer = JSON.parse(module.add_rubric(await response.text()));
    if (!answer.ok) throw new Error(answer.error.message);
  }
  api = module;
  postMessage({ type: "ready" });
  while (queue.length) answer(queue.shift());
}

function answer(message) {
  const payload = JSON.parse(api.score_json(message.text));
  postMessage({ type: "result", id: message.id, payload });
}

onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message.root, message.standards).catch((error) =>
      postMessage({ type: "fatal", message: String(error && error.message ? error.message : error) }));
  } else if (message.type === "score") {
    if (api) answer(message); else queue.push(message);
  }
};
