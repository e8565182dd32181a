// Run by sitegen/stdlib.py (node sitegen/stdlib.mjs CONFIG.json): Pyodide from node_modules,
// in Node, answering one JSON object on stdout.
//
// mode "trace": start Pyodide on its full standard library as the site's worker does
// (docs/assets/calc/worker.js: the lock given inline, a memory snapshot made after
// `import calculator.api`), make the first score's calls (sitegen/firstscore.py), and answer
// {files, startup, package, provided, stdlib, calculator, answers}: the archive's files behind
// every module then imported (Pyodide's start-up included), those of them imported before the
// calls (by Pyodide's start and `import calculator.api`), the calculator's modules imported then
// (calculator/api, ...), the modules Pyodide has without an archive (built
// in or frozen), each of those files and each module of the calculator package without
// docstrings and comments (sitegen/pystrip.py) and compiled to bytecode (sitegen/pycompile.py,
// base64), both by Pyodide's own Python, and the calls' answers.
//
// mode "check": start Pyodide on the reduced archive alone, with the calculator package as the
// site serves it (its other modules added from their own zip after the start), the same way, make the same calls, import every module of the archive, then
// start again from the memory snapshot and make the calls once more; answer {answers,
// restored, imported}. A module the calculator imports that the archive lacks fails the calls
// (ModuleNotFoundError), and the build with it.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${config.pyodide}/pyodide.mjs`).href);
const APP = "/home/pyodide/calculator.zip";  // imported from the zip itself, as the worker does
const MORE = "/home/pyodide/calculator-more.zip";  // the package's other modules (mode "check")
const TOOLS = "/home/pyodide/tools";
const lock = JSON.parse(readFileSync(`${config.pyodide}/pyodide-lock.json`, "utf8"));
const lockFileContents = JSON.stringify({ info: lock.info, packages: {} });
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) };

async function boot(stdlib, snapshot) {
  const options = { indexURL: `${config.pyodide}/`, stdLibURL: stdlib, lockFileContents, ...quiet };
  const pyodide = await loadPyodide(snapshot ? { ...options, _loadSnapshot: snapshot } : { ...options, _makeSnapshot: true });
  pyodide.FS.writeFile(APP, new Uint8Array(readFileSync(config.calculator)));
  let made = null;
  if (!snapshot) {
    pyodide.runPython(`import sys; sys.path.insert(0, '${APP}'); import calculator.api`);
    made = pyodide.makeMemorySnapshot();
  }
  return { pyodide, made };
}

// the package's modules the first score does not import, from their own zip, as the worker adds them
function addMore(pyodide) {
  if (!config.more) return;
  pyodide.FS.writeFile(MORE, new Uint8Array(readFileSync(config.more)));
  pyodide.runPython(`import calculator; calculator.__path__.append('${MORE}/calculator')`);
}

function answers(pyodide) {
  // the driver's own file lies outside the standard library, as the calculator's does
  pyodide.FS.mkdirTree(TOOLS);
  pyodide.FS.writeFile(`${TOOLS}/firstscore.py`, readFileSync(config.driver));
  pyodide.globals.set("inputs_text", readFileSync(config.inputs, "utf8"));
  const found = pyodide.runPython(`
import sys
sys.path.append('${TOOLS}')
import calculator.api, firstscore
sys.path.remove('${TOOLS}')
firstscore.exercise(calculator.api, inputs_text)
`);
  const list = found.toJs();
  found.destroy();
  return list;
}

const LOADED = `
import sys
def _loaded():
    archive = next(p for p in sys.path if p.startswith('/lib/') and p.endswith('.zip'))
    names = set()
    for module in list(sys.modules.values()):
        spec = getattr(module, '__spec__', None)
        origin = getattr(spec, 'origin', None) or getattr(module, '__file__', None) or ''
        if origin.startswith(archive + '/'):
            names.add(origin[len(archive) + 1:])
    return sorted(names)
_loaded()
`;

if (config.mode === "trace") {
  const { pyodide } = await boot(config.stdlib, null);
  // what Python's start imports (Pyodide's own and `import calculator.api`), before the calls
  const startup = pyodide.runPython(LOADED).toJs();
  const package_ = pyodide.runPython(`import sys; sorted(m.replace('.', '/') for m in sys.modules if m.split('.')[0] == 'calculator')`).toJs();
  const said = answers(pyodide);
  const files = pyodide.runPython(LOADED).toJs();
  // the modules Pyodide has without any archive: built into its WebAssembly, or frozen
  const provided = pyodide.runPython(`import _imp, sys; sorted(set(sys.builtin_module_names) | set(_imp._frozen_module_names()))`).toJs();
  pyodide.FS.writeFile(`${TOOLS}/pystrip.py`, readFileSync(config.strip));
  pyodide.FS.writeFile(`${TOOLS}/pycompile.py`, readFileSync(config.compile));
  pyodide.globals.set("wanted", files);
  const made = pyodide.runPython(`
import base64, sys, zipfile
sys.path.append('${TOOLS}')
import pycompile, pystrip
def both(text, name):
    source = pystrip.strip(text, name)
    return [source, base64.b64encode(pycompile.pyc(source, name)).decode('ascii')]
archive = next(p for p in sys.path if p.startswith('/lib/') and p.endswith('.zip'))
with zipfile.ZipFile(archive) as z:
    stdlib = {name: both(z.read(name).decode('utf-8'), name) for name in wanted}
with zipfile.ZipFile('${APP}') as z:
    package = {name: both(z.read(name).decode('utf-8'), name) for name in z.namelist() if name.endswith('.py')}
[stdlib, package]
`).toJs({ dict_converter: Object.fromEntries });
  const [stdlib, calculator] = made;
  process.stdout.write(JSON.stringify({ files, startup, package: package_, provided, stdlib, calculator, answers: said }));
} else if (config.mode === "check") {
  const { pyodide, made } = await boot(config.stdlib, null);
  addMore(pyodide);
  const said = answers(pyodide);
  // every module of the archive imports (the list comes from the build: zipfile itself
  // need not be in the archive)
  pyodide.globals.set("modules", config.modules);
  const imported = pyodide.runPython(`
import importlib
[importlib.import_module(name).__name__ for name in modules]
`).toJs();
  const again = await boot(config.stdlib, made);
  again.pyodide.runPython(`import calculator.api`);
  addMore(again.pyodide);
  const restored = answers(again.pyodide);
  process.stdout.write(JSON.stringify({ answers: said, restored, imported }));
} else {
  throw new Error(`unknown mode ${config.mode}`);
}
