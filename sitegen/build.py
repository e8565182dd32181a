"""Build the whole site in one process: ``python -m sitegen.build [DIR]`` (scripts/build runs it).

It does what these commands do, one after the other, and stops at the first that fails:

    mkdocs build --strict --quiet -f mkdocs.yml -d DIR          # Chinese, the site root
    mkdocs build --strict --quiet -f mkdocs.en.yml -d DIR/en    # English (after: the first empties DIR)
    python -m sitegen.jsstrip DIR                               # the site's own scripts without comments
    python -m sitegen.offline DIR                               # sw.js, for both languages
    python -m sitegen.precompress DIR                           # NAME.gz and NAME.br beside large files

Each build runs through MkDocs' own command line (the same options, messages and exit
status), but both in one Python process, so the English build reuses what the Chinese one
loaded: MkDocs, its theme and plugins, the checked rubrics, jieba's dictionary and the
compiled page templates. That is a third of the build's time; the files are the same, byte
for byte. DIR defaults to ``site``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

BUILDS = (("mkdocs.yml", ""), ("mkdocs.en.yml", "en"))


def main(argv: list[str]) -> int:
    """Build both languages into ``argv[0]`` (``site``) and write sw.js; the exit status."""
    if len(argv) > 1:
        print("usage: python -m sitegen.build [SITE_DIR]", file=sys.stderr)
        return 2
    from mkdocs.__main__ import cli

    from sitegen.jsstrip import strip as strip_scripts
    from sitegen.offline import write_service_worker
    from sitegen.precompress import precompress

    out = Path(argv[0] if argv else "site")
    for config, folder in BUILDS:
        try:
            cli.main(["build", "--strict", "--quiet", "-f", config, "-d", str(out / folder)], prog_name="mkdocs")
        except SystemExit as done:  # the command line always ends so, 0 when the build succeeded
            if done.code:
                return done.code if isinstance(done.code, int) else 1
    try:
        strip_scripts(out)  # before sw.js lists the files with their hashes
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"sitegen.jsstrip: {exc}", file=sys.stderr)
        return 1
    try:
        write_service_worker(out)
    except FileNotFoundError as exc:
        print(f"sitegen.offline: {exc}", file=sys.stderr)
        return 1
    try:
        precompress(out)  # last: sw.js is compressed too, and lists none of the copies
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"sitegen.precompress: {exc}", file=sys.stderr)
        return 1
    if shutil.which("node") is None:
        print("sitegen.precompress: node is not on the PATH: no .br copies written (the .gz ones are)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
