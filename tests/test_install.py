"""``pip install .`` from a clean checkout gives a working ``aftersales`` command.

The checkout's tracked files are copied to a temporary folder, built into a wheel (with the
set-up's setuptools, no build isolation: nothing is downloaded for the build) and installed
into a fresh virtualenv together with PyYAML, the package's one dependency. The command
then runs from a folder outside any checkout, so it can only find its rubrics inside the
installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator.loaders import load_standard
from calculator.scoring import score

from conftest import REPO, RUBRICS_DIR

pytestmark = pytest.mark.install

GBT = "gb-t-27922-2011"


def _tracked_files() -> list[str]:
    """The files a clean checkout has: tracked or new, never ignored (no .venv, no build/)."""
    done = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True,
                          text=True, check=True)
    return [name for name in done.stdout.splitlines() if (REPO / name).is_file()]


def _pip(*args: str | Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *map(str, args)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the package installed from a wheel built from a clean copy."""
    work = tmp_path_factory.mktemp("install")
    checkout = work / "checkout"
    for name in _tracked_files():
        target = checkout / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    wheels = work / "wheels"
    _pip("wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", wheels, checkout)
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    (wheel,) = wheels.glob("*.whl")
    _pip("--python", python, "install", "--quiet", "--no-deps", wheel, f"PyYAML=={yaml.__version__}")
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "CALCULATOR_RUBRICS", "VIRTUAL_ENV")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run([str(env_dir / "bin" / args[0]), *args[1:]], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_wheel_declares_pyyaml_and_the_command(installed: Path) -> None:
    """The wheel's metadata requires PyYAML and its entry points name ``aftersales``."""
    (wheel,) = (installed.parent / "wheels").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
        entry_points = next(archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "Requires-Dist: PyYAML>=6.0" in metadata.splitlines()
    assert "aftersales = calculator.cli:main" in entry_points
    assert "calculator/rubrics/strings.yaml" in names and f"calculator/rubrics/{GBT}.yaml" in names
    assert "calculator/rubrics/profiles/sb-t-10401-2006/sales.yaml" in names
    assert not [n for n in names if n.startswith(("tests/", "sitegen/", "docs/"))]


def test_aftersales_scores_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    """``aftersales score FILE`` run from a folder outside the checkout prints the result the
    checkout's package computes, with rubrics read from inside the installed package; its help and
    usage errors name ``aftersales`` (``python -m calculator`` when run as the module)."""
    assessment: dict[str, Any] = {"standard": GBT, "special_deductions": 1,
                                  "ratings": {"5.1.1.1": 1, "5.1.1.2": 0.5, "5.1.2.1": "na"}}
    file = tmp_path / "assessment.yaml"
    file.write_text(yaml.safe_dump(assessment, allow_unicode=True), encoding="utf-8")
    done = _run(installed, "aftersales", "score", str(file), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    expected = score({GBT: load_standard(GBT, RUBRICS_DIR)}, assessment)
    assert json.loads(done.stdout) == json.loads(json.dumps(expected))

    listed = _run(installed, "aftersales", "standards", cwd=tmp_path)
    assert listed.stdout.split() == ["cts-q-zg025-2022", GBT, "sb-t-10401-2006"], listed.stderr
    where = _run(installed, "python", "-c", "import calculator.loaders as l; print(l.DEFAULT_RUBRICS)", cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout + where.stderr
    english = _run(installed, "python", "-m", "calculator", "--lang", "en", "score", str(file), "--format", "text",
                   cwd=tmp_path)
    assert english.returncode == 0 and "GB/T 27922-2011" in english.stdout, english.stderr
    # help and usage errors name the command as it was run
    assert _run(installed, "aftersales", "--lang", "en", "--help", cwd=tmp_path).stdout.startswith("Usage: aftersales ")
    wrong = _run(installed, "aftersales", "--lang", "en", "bogus", cwd=tmp_path)
    assert wrong.returncode == 2 and "(see 'aftersales --help')" in wrong.stderr, wrong.stderr
    module = _run(installed, "python", "-m", "calculator", "--lang", "en", "--help", cwd=tmp_path)
    assert module.stdout.startswith("Usage: python -m calculator "), module.stdout
