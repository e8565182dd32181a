"""Command line for assessors.

    python -m calculator standards                       list the rubric ids
    python -m calculator profiles STANDARD               list the shipped weight profiles
    python -m calculator items STANDARD [--profile P]    every scored item id, one per line
    python -m calculator score FILE [--profile P] [--format json|text|xlsx] [--output F]
    python -m calculator export FILE [--profile P] [--format csv]
    python -m calculator plan FILE [--target LEVEL] [--profile P] [--format json|text]
    python -m calculator compare A B [--profile P] [--format json|text]

``FILE`` is JSON, YAML or a CSV export (``.csv``, headers in either language). ``compare``
scores two such files and prints what changed from ``A`` to ``B`` (:mod:`calculator.compare`).

Everywhere: ``--rubrics DIR`` (another rubric folder) and ``--lang zh|en`` (default zh),
the language of the text report, of ``--help`` and of every error. ``--profile`` takes a
shipped profile id or a profile file (YAML or JSON), such as a certification body's
scoring sheet. Every user error prints one line, ``error: <what is wrong>``, to stderr in
the chosen language and exits 2. The words come from the string catalogue
(``rubrics/strings.yaml``, groups ``cli``, ``report``, ``plan``, ``compare`` and ``error``).

``score --format xlsx --output F.xlsx`` writes an Excel workbook (:mod:`calculator.xlsx`,
words in ``--lang``); a workbook is binary, so it needs ``--output`` (``--output -`` writes it
to standard output only when that is not a terminal). ``--output`` writes any format to a file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import messages
from .errors import CalculatorError, UsageError
from .exports import csv_rows, to_csv
from .jsontext import dumps
from .loaders import RubricFolder, known_standards, load_standard, read_catalogue, read_file, read_profile, rubrics_dir
from .model import Rubric
from .plan import plan
from .profiles import Profile
from .report import render, render_plan
from .scoring import choose_profile, score

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
# command -> its positional arguments, and the options it takes (None: any value, else the choices)
COMMANDS: dict[str, tuple[str, ...]] = {"standards": (), "profiles": ("standard",), "items": ("standard",),
                                        "score": ("file",), "export": ("file",), "plan": ("file",),
                                        "compare": ("a", "b")}
GLOBAL_OPTIONS: dict[str, tuple[str, ...] | None] = {"--rubrics": None, "--lang": LANGS}
OPTIONS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "items": {"--profile": None},
    "score": {"--profile": None, "--format": ("json", "text", "xlsx"), "--output": None},
    "export": {"--profile": None, "--format": ("csv",)},
    "plan": {"--profile": None, "--format": ("json", "text"), "--target": None},
    "compare": {"--profile": None, "--format": ("json", "text")},
}


@dataclass
class Arguments:
    """A parsed command line."""

    command: str | None = None
    positional: tuple[str, ...] = ()
    rubrics: str | None = None
    lang: str = DEFAULT_LANG
    profile: str | None = None
    format: str | None = None
    output: str | None = None
    target: str | None = None
    help: bool = False

    @property
    def standard(self) -> str:
        return self.positional[0]

    @property
    def file(self) -> str:
        return self.positional[0]


def language_of(argv: Sequence[str]) -> str:
    """The language asked for anywhere on the line (the last valid ``--lang``), else zh; it
    words even the errors found while the line is parsed."""
    lang = DEFAULT_LANG
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else (
            arg.partition("=")[2] if arg.startswith("--lang=") else None)
        if value in LANGS:
            lang = value
    return lang


def parse(argv: Sequence[str]) -> Arguments:
    """Parse the command line; every mistake is a :class:`UsageError` naming it."""
    out = Arguments()
    positional: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        index += 1
        if arg in ("-h", "--help"):
            out.help = True
        elif arg.startswith("-") and arg != "-":
            name, equals, value = arg.partition("=")
            allowed = {**GLOBAL_OPTIONS, **OPTIONS.get(out.command or "", {})}
            if name not in allowed:
                raise UsageError("usage-unknown-argument", prog=program(), arguments=[arg])
            if not equals:
                if index >= len(argv):
                    raise UsageError("usage-missing-value", prog=program(), option=name)
                value = argv[index]
                index += 1
            choices = allowed[name]
            if choices is not None and value not in choices:
                raise UsageError("usage-bad-choice", prog=program(), option=name, value=value, choices=list(choices))
            setattr(out, name[2:], value)
        elif out.command is None:
            if arg not in COMMANDS:
                raise UsageError("usage-unknown-command", prog=program(), command=arg, commands=list(COMMANDS))
            out.command = arg
        else:
            positional.append(arg)
    if out.help:
        return out
    if out.command is None:
        raise UsageError("usage-no-command", prog=program(), commands=list(COMMANDS))
    wanted = COMMANDS[out.command]
    if len(positional) < len(wanted):
        raise UsageError("usage-missing-argument", prog=program(), command=out.command, argument=wanted[len(positional)])
    if len(positional) > len(wanted):
        raise UsageError("usage-unknown-argument", prog=program(), arguments=positional[len(wanted):])
    out.positional = tuple(positional)
    return out


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
        raise UsageError("profile-needs-one-standard", prog=program(), profile=given)
    return choose_profile(rubrics[named[0]], given)


def run(argv: Sequence[str]) -> int:
    """Run one command; raises CalculatorError for anything the user got wrong."""
    args = parse(argv)
    if args.help:
        sys.stdout.write(messages.required("--help").text("cli.help", args.lang, prog=program()) + "\n")
        return 0
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
            raise UsageError("profile-other-standard", prog=program(), profile=args.profile, standard=profile.standard,
                             rubric=rubric.id)
        print("\n".join(item for item in rubric.items if item in profile.items))
    elif args.command == "compare":
        run_compare(args, folder)
    elif args.command == "export":
        data = read_file(args.file)
        rubrics = RubricFolder(folder)
        rows = csv_rows(data, rubrics, args.lang, _custom_profile(args.profile, rubrics, _standards_named(data)))
        sys.stdout.write(to_csv(rows))
    elif args.command == "score" and args.format == "xlsx":
        if args.output is None or (args.output == "-" and sys.stdout.isatty()):
            raise UsageError("usage-xlsx-output", prog=program())
        data = read_file(args.file)
        rubrics = RubricFolder(folder)
        from .xlsx import workbook

        _write(args.output, workbook(rubrics, data, args.lang,
                                     _custom_profile(args.profile, rubrics, _standards_named(data))))
    elif args.command == "plan":
        data = read_file(args.file)
        rubrics = RubricFolder(folder)
        made = plan(rubrics, data, args.target, _custom_profile(args.profile, rubrics, _standards_named(data)))
        sys.stdout.write(render_plan(made, args.lang) if args.format == "text" else dumps(made) + "\n")
    else:
        data = read_file(args.file)
        rubrics = RubricFolder(folder)
        result = score(rubrics, data, _custom_profile(args.profile, rubrics, _standards_named(data)))
        text = render(result, args.lang) if args.format == "text" else dumps(result) + "\n"
        if args.output is None or args.output == "-":
            sys.stdout.write(text)
        else:
            _write(args.output, text.encode("utf-8"))
    return 0


def run_compare(args: Arguments, folder: Path) -> None:
    """``compare A B``: both files scored, then what changed from A to B (JSON or text)."""
    from .compare import compare
    from .compare import render as render_comparison

    data = [read_file(path) for path in args.positional]
    rubrics = RubricFolder(folder)
    custom = _custom_profile(args.profile, rubrics, _standards_named(data[0]) + _standards_named(data[1]))
    comparison = compare(rubrics, data[0], data[1], custom, names=args.positional)
    sys.stdout.write(render_comparison(comparison, args.lang) if args.format == "text" else dumps(comparison) + "\n")


def _write(output: str, data: bytes) -> None:
    """``--output``: the bytes to the file named (``-``: standard output)."""
    if output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(data)
    except FileNotFoundError:
        raise UsageError("output-no-folder", file=output) from None
    except IsADirectoryError:
        raise UsageError("output-is-folder", file=output) from None
    except PermissionError:
        raise UsageError("output-not-permitted", file=output) from None
    except OSError as exc:  # the system's own words would be English on a Chinese line: its number instead
        raise UsageError("usage-output-failed", file=output, errno=exc.errno or 0) from None


def program() -> str:
    """The command as the reader runs it: ``aftersales`` (the installed command) or
    ``python -m calculator``; help and usage errors name it."""
    return "aftersales" if Path(sys.argv[0]).name == "aftersales" else "python -m calculator"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one-line errors in the reader's language, exit status 2 for bad input, 0 on success."""
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language_of(argv)
    try:
        messages.use(read_catalogue())
        return run(argv)
    except CalculatorError as exc:
        print(f"error: {exc.text(lang)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
