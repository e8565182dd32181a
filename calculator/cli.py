"""Command line for assessors.

    python -m calculator standards                       list the rubric ids
    python -m calculator profiles STANDARD               list the shipped weight profiles
    python -m calculator items STANDARD [--profile P]    every scored item id, one per line
    python -m calculator score FILE [--profile P] [--format json|text] [--lang zh|en]

``--profile`` takes a shipped profile id or a profile file (YAML or JSON), such as a
certification body's scoring sheet. Every user error prints one line,
``error: <what is wrong>``, to stderr and exits 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Mapping, Sequence

from .errors import CalculatorError
from .jsontext import dumps
from .loaders import RubricFolder, known_standards, load_standard, read_file, read_profile, rubrics_dir
from .model import Rubric
from .profiles import Profile
from .report import render
from .scoring import choose_profile, score


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line, like every other error here."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CalculatorError(f"{message} (see 'python -m calculator --help')")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m calculator",
                     description="Score after-sales service assessments (GB/T 27922-2011, SB/T 10401-2006, "
                                 "CTS Q/ZG025-2022).")
    parser.add_argument("--rubrics", metavar="DIR",
                        help="folder of rubric files (default: the repository's rubrics/)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("standards", help="list the standards that have a rubric")
    profiles = commands.add_parser("profiles", help="list the shipped weight profiles of a standard")
    profiles.add_argument("standard")
    items = commands.add_parser("items", help="list every scored item id of a standard")
    items.add_argument("standard")
    items.add_argument("--profile", help="a shipped profile id or a profile file")
    scoring = commands.add_parser("score", help="score an assessment file (JSON or YAML)")
    scoring.add_argument("file")
    scoring.add_argument("--profile", help="a profile file (or shipped id) to score with")
    scoring.add_argument("--format", choices=("json", "text"), default="json")
    scoring.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the text report")
    return parser


def _is_file(given: str) -> bool:
    return Path(given).is_file() or given.endswith((".yaml", ".yml", ".json"))


def _standards_named(data: object) -> list[str]:
    """The standards an assessment file names (one, or one per entry of 'assessments')."""
    entries = data.get("assessments") if isinstance(data, dict) else None
    entries = entries if isinstance(entries, list) else [data]
    return [e["standard"] for e in entries
            if isinstance(e, dict) and isinstance(e.get("standard"), str) and e["standard"].strip()]


def _custom_profile(given: str | None, rubrics: Mapping[str, Rubric], named: list[str]) -> Profile | None:
    """``--profile``: a profile file, or the id of a shipped profile of the (only) standard."""
    if given is None:
        return None
    if _is_file(given):
        return read_profile(given, rubrics)
    if len(set(named)) != 1 or named[0] not in rubrics:
        raise CalculatorError(f"--profile {given!r}: a shipped profile id needs a single-standard "
                              "assessment; name it inside each assessment instead ('profile: ID')")
    return choose_profile(rubrics[named[0]], given)


def run(argv: Sequence[str]) -> int:
    """Run one command; raises CalculatorError for anything the user got wrong."""
    args = _parser().parse_args(argv)
    folder = rubrics_dir(args.rubrics)
    if args.command == "standards":
        print("\n".join(known_standards(folder)))
    elif args.command == "profiles":
        rubric = load_standard(args.standard, folder)
        print("\n".join(sorted(rubric.profiles) or ["standard"]))
    elif args.command == "items":
        rubric = load_standard(args.standard, folder)
        profile = _custom_profile(args.profile, RubricFolder(folder), [rubric.id]) or choose_profile(rubric, None)
        if profile.standard != rubric.id:
            raise CalculatorError(f"--profile {args.profile!r} is for {profile.standard}, not {rubric.id}")
        print("\n".join(item for item in rubric.items if item in profile.items))
    else:
        data = read_file(args.file)
        rubrics = RubricFolder(folder)
        result = score(rubrics, data, _custom_profile(args.profile, rubrics, _standards_named(data)))
        sys.stdout.write(render(result, args.lang) if args.format == "text" else dumps(result) + "\n")
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
