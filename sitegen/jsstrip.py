"""The site's own scripts served without their comments.

The calculator's scripts (``assets/calc/*.js``) and the offline helper (``assets/offline.js``)
are written with long comments and JSDoc types for their readers and for the type check
(``tsc``, scripts/test); a visitor's browser needs none of it, and on the calculator's first
visit the comments were a third of the page's own download (69 KB of scripts gzipped, 45 KB
without them). ``python -m sitegen.jsstrip SITE_DIR`` (sitegen/build.py runs it after MkDocs,
before sw.js lists the files with their hashes) rewrites each of those files in the built site
as TypeScript's own printer gives it back with ``removeComments`` (``ts.transpileModule``:
the same parser the type check uses, JavaScript in and out, no type or syntax changed:
``target`` ESNext and ``verbatimModuleSyntax``, so every import and export stays as written).
The sources in ``docs/`` keep their comments; TypeScript comes from ``node_modules`` (the
type check's, installed by scripts/setup).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPESCRIPT = ROOT / "node_modules" / "typescript"
PATTERNS = ("assets/calc/*.js", "assets/offline.js")

# read [path, ...] on stdin; rewrite each file without comments; exit 1 naming the first failure
NODE_STRIP = """
const ts = require(process.argv[1]);
const fs = require("fs");
const files = JSON.parse(fs.readFileSync(0, "utf8"));
for (const file of files) {
  const source = fs.readFileSync(file, "utf8");
  const out = ts.transpileModule(source, { fileName: file, reportDiagnostics: true, compilerOptions: {
    allowJs: true, removeComments: true, target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext,
    verbatimModuleSyntax: true } });
  const problems = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (problems.length) {
    console.error(`${file}: ${ts.flattenDiagnosticMessageText(problems[0].messageText, "\\n")}`);
    process.exit(1);
  }
  fs.writeFileSync(file, out.outputText);
}
"""


def scripts(site: Path) -> list[Path]:
    """The files of ``site`` that are served without comments."""
    return sorted(path for pattern in PATTERNS for path in site.glob(pattern))


def strip(site: Path) -> int:
    """Rewrite the site's own scripts without comments; how many. Raises when Node or TypeScript
    is missing (scripts/setup installs both) or a script does not parse."""
    node = shutil.which("node")
    if node is None or not TYPESCRIPT.is_dir():
        raise FileNotFoundError("node and node_modules/typescript are needed to strip the scripts' comments: run scripts/setup")
    files = scripts(site)
    subprocess.run([node, "-e", NODE_STRIP, str(TYPESCRIPT)], input=json.dumps([str(path) for path in files]),
                   text=True, check=True, timeout=300)
    return len(files)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitegen.jsstrip SITE_DIR")
    print(f"stripped the comments of {strip(Path(sys.argv[1]))} scripts")
