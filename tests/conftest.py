"""Shared helpers for the calculator and rubric tests.

* ``REPO`` is the repository root; ``VECTORS`` the hand-worked CTS vectors.
* ``rubric`` / ``rubrics`` load the real CTS rubric once per session.
* ``cli`` / ``run_cli`` run the command line (``calculator.cli.main``) in this process with its
  output captured, and return a ``CliResult``; ``run_cli_process`` runs ``python -m calculator``
  in a subprocess (the test interpreter, from the repository root) where the process matters.
* ``write_assessment`` writes an assessment as JSON or YAML into a temporary folder.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import configuration as hypothesis_configuration
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parent.parent

# Hypothesis keeps its caches in the system temp folder, not in ./.hypothesis, and keeps
# no example database: a failure is reported with its shrunk example, nothing is stored.
hypothesis_configuration.set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "aftersales-tests-hypothesis")
# Profiles (max_examples per property): "default" for the normal suite, "deep" for a long run
# (HYPOTHESIS_PROFILE=deep); the strategies and SETTINGS are in tests/strategies.py.
for _name, _examples in (("default", 60), ("deep", 1000)):
    hypothesis_settings.register_profile(_name, max_examples=_examples, deadline=None, database=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# The site and browser fixtures live in tests/sitefixtures.py (built site, chromium).
pytest_plugins = ["sitefixtures"]  # site build, static server and chromium fixtures

from calculator import loaders, messages  # noqa: E402
from calculator.cli import main as cli_main  # noqa: E402
from calculator.loaders import load_standard, read_catalogue  # noqa: E402
from calculator.model import Rubric  # noqa: E402

# Error messages (str(error)) and text reports are worded from the string catalogue, as
# the command line and the site build word them.
CATALOGUE = read_catalogue()
messages.use(CATALOGUE)


def english(message: Any, group: str = "result") -> str:
    """A message of a result (``{code, params}``) in English, as the CLI's --lang en shows it."""
    return messages.render(message, group, "en", CATALOGUE)

CTS = "cts-q-zg025-2022"
RUBRICS_DIR = REPO / "rubrics"
VECTORS = REPO / "tests" / "vectors" / f"{CTS}.json"


def load_vectors() -> dict[str, Any]:
    """The vectors file, parsed as the CLI and the browser parse JSON (plain floats)."""
    return json.loads(VECTORS.read_text(encoding="utf-8"))


def vector_cases() -> list[dict[str, Any]]:
    """The vector cases, each as parsed from the file."""
    return load_vectors()["cases"]


def dec(value: Any) -> Decimal:
    """A JSON number (int, float or Decimal) as an exact Decimal via its shortest text.

    The numbers in results and vectors carry a few decimals, so ``str(float)`` is the
    decimal text that was written (``52.79`` -> ``Decimal('52.79')``).
    """
    assert not isinstance(value, bool), value
    return value if isinstance(value, Decimal) else Decimal(str(value))


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    """The CTS rubric as the calculator loads it from rubrics/."""
    return load_standard(CTS, RUBRICS_DIR)


@pytest.fixture(scope="session")
def rubrics(rubric: Rubric) -> dict[str, Rubric]:
    """The mapping ``calculator.scoring.score`` takes."""
    return {rubric.id: rubric}


@pytest.fixture(scope="session")
def item_ids(rubric: Rubric) -> list[str]:
    """Every CTS item id in the standard's order."""
    return list(rubric.items)


@dataclass(frozen=True)
class CliResult:
    """What a CLI run produced."""

    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def _cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CALCULATOR_RUBRICS", None)  # use the repository's rubrics/
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_cli(*args: str | os.PathLike[str]) -> CliResult:
    """Run the command line in this process, as ``python -m calculator ARGS`` runs it:
    ``calculator.cli.main(ARGS)`` with stdout and stderr captured and the repository's rubrics
    (a subprocess would add only the interpreter's start; ``run_cli_process`` does that)."""
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop("CALCULATOR_RUBRICS", None)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main([str(arg) for arg in args])
    finally:
        if saved is not None:
            os.environ["CALCULATOR_RUBRICS"] = saved
        messages.use(CATALOGUE)
    return CliResult(code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str | os.PathLike[str]) -> CliResult:
    """Run ``python -m calculator ARGS`` in a subprocess with the test interpreter from the repository root."""
    done = subprocess.run([sys.executable, "-m", "calculator", *map(str, args)], cwd=REPO,
                          env=_cli_env(), capture_output=True, timeout=60)
    return CliResult(done.returncode, done.stdout.decode("utf-8", "replace"),
                     done.stderr.decode("utf-8", "replace"))


def assert_clean_error(run: CliResult, *fragments: str) -> None:
    """Exit 2, no stdout, one stderr line 'error: ...' holding every fragment, no traceback."""
    assert "Traceback" not in run.stdout + run.stderr, run.stderr
    assert run.returncode == 2, (run.returncode, run.stdout[:200], run.stderr)
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1 and run.stderr.endswith("\n"), run.stderr
    assert lines[0].startswith("error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def assert_clean_result(run: CliResult) -> Any:
    """Exit 0 and nothing on stderr (so no traceback): returns the JSON printed on stdout."""
    assert run.returncode == 0, run.stderr
    assert run.stderr == "", run.stderr
    return run.json()


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """The ``run_cli`` function, as a fixture."""
    return run_cli


def dump_assessment(data: Any, fmt: str) -> str:
    """An assessment as JSON or YAML text."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    raise ValueError(fmt)


@pytest.fixture
def write_assessment(tmp_path: Path) -> Callable[..., Path]:
    """Write an assessment to ``tmp_path/assessment.<fmt>`` and return the path."""
    def write(data: Any, fmt: str = "json", name: str = "assessment") -> Path:
        path = tmp_path / f"{name}.{fmt}"
        path.write_text(dump_assessment(data, fmt), encoding="utf-8")
        return path
    return write


# CTS Q/ZG025-2022 6.3, typed in from the standard (not read from the rubric):
# (inclusive lower bound, level id, stars, passed).
LEVELS_6_3 = (
    (Decimal(0), "fail", None, False),
    (Decimal(60), "three-star", 3, True),
    (Decimal(65), "four-star", 4, True),
    (Decimal(70), "five-star", 5, True),
    (Decimal(75), "six-star", 6, True),
    (Decimal(80), "seven-star", 7, True),
)


def level_6_3(score: Decimal) -> tuple[Decimal, str, int | None, bool]:
    """The 6.3 level row for a score already rounded to 2 decimals."""
    return [row for row in LEVELS_6_3 if score >= row[0]][-1]


def reference_score(ratings: dict[str, Any], item_ids: list[str]) -> tuple[Fraction, Fraction, Decimal]:
    """An independent 6.2 b) computation for CTS (every item 1 point): earned, applicable, score.

    'na' leaves the denominator, an absent item earns 0; the quotient is exact (Fraction)
    and rounded half up to 0.01 by integer arithmetic.
    """
    earned = Fraction(0)
    applicable = Fraction(0)
    for item_id in item_ids:
        value = ratings.get(item_id, 0)
        if isinstance(value, str) and value.strip().lower() == "na":
            continue
        applicable += 1
        earned += Fraction(str(value))
    cents = math.floor(earned * 100 * 100 / applicable + Fraction(1, 2))
    return earned, applicable, Decimal(cents) / 100


@pytest.fixture(params=["c", "python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the strict loader on PyYAML's C loader, then on its pure-Python one."""
    if request.param == "c" and not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    base = yaml.CSafeLoader if request.param == "c" else yaml.SafeLoader
    monkeypatch.setattr(loaders, "_LOADER", loaders.strict_loader(base))
    return str(request.param)
