"""Command line for assessors.

    python -m calculator standards                 list the rubric ids
    python -m calculator items STANDARD            every scored item id, one per line
    python -m calculator score FILE [--format json|text] [--lang zh|en]

Every user error prints one line, ``error: <what is wrong>``, to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from .errors import CalculatorError
from .jsontext import dumps
from .assessment import standard_of
from .loaders import known_standards, load_standard, read_file, rubrics_dir
from .report import render_text
from .scoring import score


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line, like every other error here."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CalculatorError(f"{message} (see 'python -m calculator --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculator",
                     description="Score after-sales service assessments (CTS Q/ZG025-2022 ...).")
    parser.add_argument("--rubrics", metavar="DIR",
                        help="folder of rubric files (default: the repository's rubrics/)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("standards", help="list the standards that have a rubric")
    items = commands.add_parser("items", help="list every scored item id of a standard")
    items.add_argument("standard")
    score = commands.add_parser("score", help="score an assessment file (JSON or YAML)")
    score.add_argument("file")
    score.add_argument("--format", choices=("json", "text"), default="json")
    score.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text report")
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one command; raises CalculatorError for anything the user got wrong."""
    args = _parser().parse_args(argv)
    folder = rubrics_dir(args.rubrics)
    if args.command == "standards":
        print("\n".join(known_standards(folder)))
        return 0
    if args.command == "items":
        print("\n".join(load_standard(args.standard, folder).items))
        return 0
    data = read_file(args.file)
    rubric = load_standard(standard_of(data), folder)
    result = score({rubric.id: rubric}, data)
    if args.format == "text":
        sys.stdout.write(render_text(result, args.lang))
    else:
        sys.stdout.write(dumps(result) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one-line errors, exit status 2 for bad input, 0 on success."""
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except CalculatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
