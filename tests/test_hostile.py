"""Hostile input, refused with one message in the reader's language, in bounded time and memory.

Each case is a file the CLI is given (``score FILE``, ``--profile FILE``): an alias bomb, a
file or document too large, a number of thousands of digits in any notation, nesting too
deep, text that is not Unicode (a lone surrogate), names that mean something to JavaScript
(``__proto__``, ``constructor``). The CLI must exit 2 with one line
``error: ...`` naming the problem (the limit, the field), in Chinese and in English, within
seconds, and leave the file as it was. The limits are typed
in here from calculator/limits.py's statement of them (2 MiB, 50,000 values, 64 levels, 100
characters), not read from it.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import loaders
from calculator.errors import InputFileError
from calculator.loaders import parse_text, read_file

from conftest import CTS, assert_clean_error, assert_clean_result, run_cli
from strategies import (
    ASSESSMENT_KEYS_CHECKED,
    FUZZ_SETTINGS,
    PROFILE_KEYS_CHECKED,
    SBT,
    base_assessments,
    base_profiles,
    hostile_documents,
    to_json,
    to_yaml,
)

GBT = "gb-t-27922-2011"
MIB = 2 * 1024 * 1024  # 2 MiB
VALUES = 50_000
SECONDS = 5  # far more than any case takes (well under a second each); a hang fails it
A = "5.1.1.a"


@pytest.fixture(scope="module", autouse=True)
def read_once():
    """The catalogue and the rubrics do not change from run to run: the CLI runs of this module
    read them once (cached copies), so the runs spend their time on the hostile input."""
    from calculator import cli as cli_module

    from conftest import CATALOGUE

    cache: dict[tuple[str, Path], Any] = {}
    read_rubric = loaders.load_standard

    def load_standard(standard: str, folder: Path) -> Any:
        if (standard, folder) not in cache:
            cache[standard, folder] = read_rubric(standard, folder)
        return cache[standard, folder]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_module, "read_catalogue", lambda: CATALOGUE)
        patch.setattr(loaders, "load_standard", load_standard)
        yield


def refused(path: Path, english: list[str], chinese: list[str], *extra: str | Path) -> None:
    """``score PATH`` in English and in Chinese: exit 2, one line holding the fragments, within
    SECONDS each; the file is left as it was."""
    before = path.read_bytes() if path.is_file() else None
    for lang, fragments in (("en", english), ("zh", chinese)):
        start = time.perf_counter()
        run = run_cli("--lang", lang, "score", path, *extra)
        assert time.perf_counter() - start < SECONDS, (lang, path.name)
        assert_clean_error(run, *fragments)
    if before is not None:
        assert path.read_bytes() == before


def bomb(levels: int = 8, indent: str = "") -> str:
    """A YAML flow list of anchors, each a list of nine aliases of the one before: a few hundred
    bytes that stand for 9**(levels+1) strings."""
    parts = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    parts += [f"&a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "[" + ", ".join(parts) + "]"


# --- file size -----------------------------------------------------------------------------


def test_a_file_over_2_mib_is_refused_quoting_its_size_and_the_limit(tmp_path):
    """A JSON assessment one byte over 2 MiB (a long title) is refused naming its size and the limit;
    the same file one byte shorter is scored."""
    head = '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}, "title": "'
    tail = '"}'
    path = tmp_path / "big.json"
    path.write_bytes((head + "x" * (MIB - len(head) - len(tail)) + tail).encode("ascii"))
    assert path.stat().st_size == MIB
    assert assert_clean_result(run_cli("score", path))["earned"] == 1
    path.write_bytes((head + "x" * (MIB + 1 - len(head) - len(tail)) + tail).encode("ascii"))
    refused(path, [f"{path}: {MIB + 1} bytes, more than the {MIB} bytes (2 MiB) a file may hold"],
            [f"{path}：文件有 {MIB + 1} 字节，超过上限 {MIB} 字节（2 MiB）"])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_file_is_read_no_further_than_the_limit():
    """/dev/zero (endless, size 0) is refused after reading 2 MiB and a byte, not read forever."""
    refused(Path("/dev/zero"), [f"/dev/zero: >{MIB} bytes, more than the {MIB} bytes"],
            [f"/dev/zero：文件有 >{MIB} 字节"])


# --- values and alias bombs ----------------------------------------------------------------


def values_document(count: int, fmt: str) -> str:
    """A document of exactly ``count`` values: the mapping, its key and its list, and the list's zeros."""
    zeros = count - 3
    return ('{"a": [' + ", ".join(["0"] * zeros) + "]}") if fmt == "json" else "a: [" + ", ".join(["0"] * zeros) + "]\n"


@pytest.mark.parametrize("fmt", ["json", "yaml-c", "yaml-python"])
def test_the_limit_on_values_is_exact(fmt, monkeypatch):
    """With the limit set to 300 (50,000 takes a second to build in YAML), 300 values are read and
    301 refused, in JSON and by both YAML parsers (a mapping, its key and its list count)."""
    import yaml

    from calculator import jsontext

    monkeypatch.setattr(jsontext, "MAX_VALUES", 300)
    monkeypatch.setattr(loaders, "MAX_VALUES", 300)
    if fmt == "yaml-python":
        monkeypatch.setattr(loaders, "_LOADER", loaders.strict_loader(yaml.SafeLoader))
    name = "x.json" if fmt == "json" else "x.yaml"
    assert len(parse_text(values_document(300, fmt[:4]), name)["a"]) == 297
    with pytest.raises(InputFileError, match=f"^{name}: more than 300 values"):
        parse_text(values_document(301, fmt[:4]), name)


def test_json_of_more_than_50000_values_is_refused_before_it_is_built():
    """A JSON list of 50,001 values is refused as more than 50,000 (counted in the text, not built)."""
    with pytest.raises(InputFileError, match=r"^x\.json: more than 50000 values"):
        parse_text(values_document(VALUES + 1, "json"), "x.json")


BOMBS = [
    # (id, assessment YAML with a bomb in one field)
    ("ratings", f"standard: {CTS}\nratings:\n  {A}: {bomb()}\n"),
    ("notes", f"standard: {CTS}\nnotes:\n  {A}: {bomb()}\n"),
    ("report", f"standard: {CTS}\nreport:\n  enterprise: {bomb()}\n"),
    ("title", f"standard: {CTS}\ntitle: {bomb()}\n"),
    ("special-deductions", f"standard: {GBT}\nspecial_deductions: {bomb()}\n"),
    ("unknown-key", f"standard: {CTS}\nlol: {bomb()}\n"),
    ("combined", f"assessments: {bomb()}\n"),
    ("key", f"standard: {CTS}\nratings:\n  ? {bomb()}\n  : 1\n"),
    # merge keys: each mapping merges the one before twice
    ("merge-keys", "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n"
     + "".join(f"m{n}: &m{n} {{<<: [*m{n - 1}, *m{n - 1}, *m{n - 1}]}}\n" for n in range(1, 12))),
]


@pytest.mark.parametrize("name, text", BOMBS, ids=[b[0] for b in BOMBS])
def test_an_alias_bomb_in_any_field_is_refused_at_once(name, text, tmp_path):
    """A YAML alias bomb (a few hundred bytes standing for billions of values) in any field of an
    assessment is refused as too many values, in seconds and without building it."""
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    refused(path, ["bomb.yaml: more than 50000 values (an alias counting as all it repeats)"],
            ["bomb.yaml：内容超过 50000 个值（YAML 别名按其引用的全部内容计数）"])


def test_an_alias_bomb_in_a_profile_file_is_refused(tmp_path, write_assessment):
    """A profile file whose title (beside zh and en) or method holds an alias bomb is refused as too many values."""
    assessment = write_assessment({"standard": GBT, "ratings": {}})
    for field in (f"title: {{zh: 甲, en: A, lol: {bomb()}}}", f"method: {bomb()}"):
        profile = tmp_path / "profile.yaml"
        profile.write_text(f"standard: {GBT}\nid: body-x\n{field}\ntotal: 100\n", encoding="utf-8")
        refused(assessment, ["profile.yaml: more than 50000 values"], ["profile.yaml：内容超过 50000 个值"],
                "--profile", profile)


@pytest.mark.parametrize("text, line", [
    ("a: &a [*a]\n", 1),
    # a value starts where its anchor is written
    (f"standard: {CTS}\nratings:\n  {A}: &x\n    - 1\n    - [2, *x]\n", 3),
    ("a: &m {b: {c: *m}}\n", 1),
], ids=["flow", "block", "mapping"])
def test_an_alias_inside_its_own_value_is_refused(text, line, tmp_path):
    """A value that holds an alias of itself (a loop, which would never end when written out) is
    refused naming the line where the value starts."""
    path = tmp_path / "loop.yaml"
    path.write_text(text, encoding="utf-8")
    refused(path, [f"loop.yaml: the value from line {line} holds an alias of itself (a loop)"],
            [f"loop.yaml：第 {line} 行起的值包含指向它自身的别名"])


# --- nesting -------------------------------------------------------------------------------


def test_deep_json_is_refused_naming_the_limit_and_the_line(tmp_path):
    """JSON nested 70 lists deep on line 3 is refused as nested more than 64 levels from line 3 (the
    mapping is level 1, so the 64th '[' opens level 65); 63 lists deep is read."""
    path = tmp_path / "deep.json"
    path.write_text('{"standard": "cts-q-zg025-2022",\n"ratings":\n' + "[" * 70 + "]" * 70 + "}", encoding="utf-8")
    refused(path, ["deep.json: nested more than 64 levels deep from line 3"], ["deep.json：第 3 行起嵌套超过 64 层"])
    ok = parse_text('{"a":\n' + "[" * 63 + "]" * 63 + "}", "ok.json")
    depth, node = 2, ok["a"]  # the mapping is level 1, its list level 2
    while node:
        node, depth = node[0], depth + 1
    assert depth == 64  # 63 lists: the innermost (empty) one is level 64


def test_json_too_deep_for_the_parser_is_refused_with_the_same_message(tmp_path):
    """100,000 unclosed brackets (deeper than Python's JSON parser can go) get the nesting message too."""
    path = tmp_path / "deeper.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    refused(path, ["deeper.json: nested more than 64 levels deep from line 1"], ["deeper.json：第 1 行起嵌套超过 64 层"])


def test_yaml_nested_50000_deep_is_refused_not_a_crash(tmp_path):
    """YAML nested 50,000 lists deep (100 KB) is refused from the line it starts on; libyaml's
    composer, which recurses in C, crashed the process on it before (run as a process here)."""
    from conftest import run_cli_process

    path = tmp_path / "deep.yaml"
    path.write_text(f"standard: {CTS}\nratings:\n  " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    for lang, fragment in (("en", "nested more than 64 levels deep from line 3"), ("zh", "第 3 行起嵌套超过 64 层")):
        assert_clean_error(run_cli_process("--lang", lang, "score", path), fragment)


def test_yaml_nested_deep_through_an_alias_is_refused(tmp_path):
    """An anchor 40 levels deep used 40 levels deep is 80 levels in the data: refused, though no
    line of the file nests more than 41."""
    path = tmp_path / "deep.yaml"
    path.write_text("a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 40 + "*a" + "]" * 40 + "\n", encoding="utf-8")
    refused(path, ["deep.yaml: nested more than 64 levels deep from line 1"], ["deep.yaml：第 1 行起嵌套超过 64 层"])


# --- numbers -------------------------------------------------------------------------------


def long_number(body: str) -> tuple[str, str, int]:
    """A number's text, the first 40 characters a message quotes, and its length."""
    return body, body[:40] + "...", len(body)


NUMBERS = [
    # (id, file name, the number as written, where it goes)
    ("json-decimal-50000-digits", "a.json", "0." + "7" * 50_000, "rating"),
    ("json-int-5000-digits", "a.json", "1" + "0" * 5000, "rating"),
    ("json-exponent-5000-digits", "a.json", "1e-" + "9" * 5000, "rating"),
    ("json-deductions-5000-digits", "a.json", "9" * 5000, "deductions"),
    ("yaml-int-5000-digits", "a.yaml", "9" * 5000, "rating"),
    ("yaml-float-5000-digits", "a.yaml", "0." + "5" * 5000 + "e+3", "rating"),
    ("yaml-leading-dot-float", "a.yaml", "." + "5" * 5000 + "e+3", "rating"),
    ("yaml-hex", "a.yaml", "0x" + "f" * 50_000, "rating"),
    ("yaml-octal", "a.yaml", "0" + "7" * 50_000, "rating"),
    ("yaml-binary", "a.yaml", "0b" + "1" * 200_000, "rating"),
    ("yaml-base-60-int", "a.yaml", "1" + ":59" * 100_000, "rating"),  # took 16 s before
    ("yaml-base-60-float", "a.yaml", "1" + ":59" * 200 + ".5", "rating"),  # an OverflowError traceback before
    ("yaml-deductions", "a.yaml", "9" * 5000, "deductions"),
]


@pytest.mark.parametrize("name, filename, number, where", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_a_number_of_thousands_of_digits_is_refused(name, filename, number, where, tmp_path):
    """A number written with more than 100 characters, in any notation JSON or YAML reads as a
    number, is refused quoting its start and its length, whichever field it is in."""
    if where == "rating":
        data = f'{{"standard": "{CTS}", "ratings": {{"{A}": {number}}}}}' if filename.endswith(".json") else \
            f"standard: {CTS}\nratings:\n  {A}: {number}\n"
    else:
        data = f'{{"standard": "{GBT}", "special_deductions": {number}}}' if filename.endswith(".json") else \
            f"standard: {GBT}\nspecial_deductions: {number}\n"
    path = tmp_path / filename
    path.write_text(data, encoding="utf-8")
    _, start, length = long_number(number)
    refused(path, [f"{filename}: the number {start} is {length} characters long; a number may have at most 100"],
            [f"{filename}：数字 {start} 长 {length} 个字符，超过上限 100 个字符"])


@pytest.mark.parametrize("cell, item", [("0." + "7" * 50_000, A), ("0" * 5000 + "1", A)], ids=["decimal", "int"])
def test_a_long_number_in_a_csv_is_refused(cell, item, tmp_path):
    """A CSV rating of 50,002 or 5,001 characters is refused naming the row, the item and its length."""
    path = tmp_path / "a.csv"
    path.write_text("Standard,Item,Rating\n" + f"{CTS},{item},{cell}\n", encoding="utf-8")
    refused(path, [f"a.csv: CSV row 2: the number of {item} is {len(cell)} characters long; a number may have at most 100"],
            [f"a.csv：CSV 第 2 行：{item} 的数字长 {len(cell)} 个字符，超过上限 100 个字符"])


def test_a_number_of_100_characters_is_read(tmp_path):
    """A rating written with exactly 100 characters is scored (0.5 followed by 97 zeros is 0.5);
    with 101 it is refused."""
    path = tmp_path / "a.json"
    path.write_text(f'{{"standard": "{CTS}", "ratings": {{"{A}": 0.5{"0" * 97}}}}}', encoding="utf-8")
    assert assert_clean_result(run_cli("score", path))["earned"] == 0.5
    path.write_text(f'{{"standard": "{CTS}", "ratings": {{"{A}": 0.5{"0" * 98}}}}}', encoding="utf-8")
    assert_clean_error(run_cli("--lang", "en", "score", path), "is 101 characters long")


@pytest.mark.parametrize("filename, number", [
    ("a.json", "9e999999999"), ("a.yaml", "9.0e+999999999"), ("a.json", "-1e999999999"),
], ids=["json", "yaml", "json-negative"])
def test_a_huge_exponent_is_not_a_finite_number(filename, number, tmp_path):
    """A rating of 9e999999999 is read at once (as infinity) and refused as not a finite number."""
    path = tmp_path / filename
    path.write_text(f'{{"standard": "{CTS}", "ratings": {{"{A}": {number}}}}}', encoding="utf-8")
    refused(path, [f"rating of {A}: must be a finite number, got", "Infinity"],
            [f"评分项 {A} 的评分应为有限的数，实为", "Infinity"])


@pytest.mark.parametrize("filename, number", [("a.json", "1e-999999999"), ("a.yaml", "1.0e-999999999")],
                         ids=["json", "yaml"])
def test_a_tiny_exponent_is_read_at_once_as_zero(filename, number, tmp_path):
    """A rating of 1e-999999999 is read at once as the float it rounds to, 0 (as a browser reads it), and scored."""
    path = tmp_path / filename
    path.write_text(f'{{"standard": "{CTS}", "ratings": {{"{A}": {number}, "5.1.1.b": 1}}}}', encoding="utf-8")
    start = time.perf_counter()
    result = assert_clean_result(run_cli("score", path))
    assert time.perf_counter() - start < SECONDS
    assert result["earned"] == 1 and A not in result["unrated"]


# --- memory --------------------------------------------------------------------------------


def _flat(fmt: str) -> str:
    """Just under 2 MiB of one-character values: the most values a file of the allowed size holds."""
    count = MIB // 2 - 20
    return ('{"a": [' + ",".join(["0"] * count) + "]}") if fmt == "json" else "a: [" + ",".join(["0"] * count) + "]\n"


MEMORY_CASES: list[tuple[str, str, Callable[[], str], str]] = [
    ("yaml-values", "a.yaml", lambda: _flat("yaml"), "more than 50000 values"),
    ("json-values", "a.json", lambda: _flat("json"), "more than 50000 values"),
    ("yaml-bomb", "a.yaml", lambda: f"standard: {CTS}\nratings:\n  {A}: {bomb(12)}\n", "more than 50000 values"),
    ("yaml-deep", "a.yaml", lambda: "a: " + "[" * 200_000 + "]" * 200_000 + "\n", "nested more than 64 levels"),
]


@pytest.mark.parametrize("name, filename, make, fragment", MEMORY_CASES, ids=[m[0] for m in MEMORY_CASES])
def test_refusing_the_worst_files_takes_little_memory(name, filename, make, fragment, tmp_path):
    """Refusing a file of a million values, a bomb of 9**13 strings or 200,000 levels of nesting
    allocates less than 64 MiB in Python (measured with tracemalloc)."""
    path = tmp_path / filename
    path.write_text(make(), encoding="utf-8")
    assert path.stat().st_size <= MIB
    tracemalloc.start()
    try:
        with pytest.raises(InputFileError, match=fragment):
            read_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{name}: {peak / 2**20:.0f} MiB"


# --- the pure-Python YAML parser refuses alike ----------------------------------------------


@pytest.mark.parametrize("text, fragment", [
    (f"standard: {CTS}\nratings:\n  {A}: {bomb()}\n", "more than 50000 values"),
    ("a: &a [*a]\n", "the value from line 1 holds an alias of itself"),
    ("a: " + "9" * 200 + "\n", "is 200 characters long"),
    ("a: 1" + ":59" * 200 + ".5\n", "is 603 characters long"),
    ("a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 40 + "*a" + "]" * 40 + "\n", "nested more than 64 levels"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "nested more than 64 levels deep from line 1"),
], ids=["bomb", "loop", "long-int", "long-base-60-float", "deep-alias", "deep"])
def test_both_yaml_parsers_refuse_hostile_yaml_alike(text, fragment, yaml_loader):
    """libyaml and the pure-Python parser refuse each hostile YAML text with the same message."""
    with pytest.raises(InputFileError) as caught:
        parse_text(text, "x.yaml")
    assert fragment in str(caught.value)


def test_the_rubrics_are_far_inside_the_limits():
    """The shipped rubrics, profiles and catalogue are read under the limits with room to spare:
    each is under a sixth of 2 MiB and of 50,000 values."""
    folder = Path(__file__).resolve().parent.parent / "rubrics"
    files = [*folder.glob("*.yaml"), *folder.glob("profiles/*/*.yaml")]
    assert len(files) >= 10
    for path in files:
        assert path.stat().st_size < MIB / 6, path
        data = read_file(path)
        count, stack = 0, [data]
        while stack:
            value = stack.pop()
            count += 1
            if isinstance(value, dict):
                count += len(value)
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        assert count < VALUES / 6, (path, count)


# --- text that is not Unicode: lone surrogates ---------------------------------------------

SURROGATE_CASES = [
    # (id, JSON text with the escape \ud800 somewhere, the field the message names)
    ("title", f'{{"standard": "{CTS}", "title": "\\ud800x"}}', "title: the text"),
    ("note", f'{{"standard": "{CTS}", "notes": {{"{A}": "ok \\udfff"}}}}', f"notes[{A}]: the text"),
    ("note-id", f'{{"standard": "{CTS}", "notes": {{"\\ud800": "x"}}}}', "the key notes[\\ud800]"),
    ("item-id", f'{{"standard": "{CTS}", "ratings": {{"5.1\\udc00": 1}}}}', "the key ratings[5.1\\udc00]"),
    ("report", f'{{"standard": "{CTS}", "report": {{"enterprise": "\\ud83d"}}}}', "report.enterprise: the text"),
    ("standard", '{"standard": "cts\\ud800"}', "standard: the text"),
    ("profile", f'{{"standard": "{CTS}", "profile": "\\udbff"}}', "profile: the text"),
    ("top-key", f'{{"standard": "{CTS}", "\\ud800": 1}}', "the key \\ud800"),
    ("combined", f'{{"assessments": [{{"standard": "{CTS}", "title": "\\ud800"}}]}}', "assessments[0].title: the text"),
    ("deep-in-unknown-key", f'{{"standard": "{CTS}", "x": [[{{"y": "\\ud800"}}]]}}', "x[0][0].y: the text"),
]


@pytest.mark.parametrize("name, text, where", SURROGATE_CASES, ids=[c[0] for c in SURROGATE_CASES])
def test_a_lone_surrogate_in_any_json_field_is_refused_naming_it(name, text, where, tmp_path):
    """A lone surrogate (\\ud800 written in JSON: half of a UTF-16 pair, not a character) in any text or
    key is refused naming the field, in both languages; the message shows it as an escape."""
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    escape = "\\" + text.split("\\", 1)[1][:5]  # the first escape the text holds
    refused(path, [f"a.json: {where}", f"holds {escape}, a lone surrogate"], ["a.json：", escape, "孤立的代理码位"])


def test_a_surrogate_pair_is_one_character_and_is_read(tmp_path):
    """\\ud83d\\ude00 written as a pair in JSON is the one character 😀: read and scored, never refused."""
    path = tmp_path / "a.json"
    path.write_text(f'{{"standard": "{CTS}", "title": "\\ud83d\\ude00", "ratings": {{"{A}": 1}}}}', encoding="utf-8")
    assert assert_clean_result(run_cli("score", path))["earned"] == 1


@pytest.mark.parametrize("text, line, column, escape", [
    (f'standard: {CTS}\ntitle: "ab\\ud800x"\n', 2, 8, "\\ud800"),
    (f'standard: {CTS}\nnotes:\n  "5.1.1\\U0000dc00": x\n', 3, 3, "\\udc00"),
    (f'standard: {CTS}\nreport: {{site: "\\udfff"}}\n', 2, 16, "\\udfff"),
], ids=["title", "key", "flow"])
def test_a_lone_surrogate_in_yaml_is_refused_naming_its_line_by_both_parsers(text, line, column, escape, tmp_path,
                                                                             yaml_loader):
    """A lone surrogate written as an escape in YAML is refused naming the line and column where the text
    starts, by libyaml (which refuses the escape itself) and by the pure-Python parser alike, in both
    languages (the CLI's runs are in the test above and the fuzzer: the pure-Python parser would read the
    catalogue slowly)."""
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_file(path)
    english, chinese = caught.value.text("en"), caught.value.text("zh")
    assert f"a.yaml: the text at line {line}, column {column} holds" in english
    assert "not a Unicode character" in english
    assert f"a.yaml：第 {line} 行第 {column} 列的文字含有" in chinese and "不是 Unicode 字符" in chinese
    if yaml_loader == "python":  # the character as it is; libyaml quotes the escape as written
        assert f"holds {escape}," in english and f"含有 {escape}：" in chinese


def test_a_lone_surrogate_in_yaml_is_refused_by_the_cli(tmp_path):
    """The CLI refuses a YAML title holding "\\ud800" with one line naming its line and column."""
    path = tmp_path / "a.yaml"
    path.write_text(f'standard: {CTS}\ntitle: "ab\\ud800x"\n', encoding="utf-8")
    refused(path, ["a.yaml: the text at line 2, column 8 holds \\ud800, which is not a Unicode character"],
            ["a.yaml：第 2 行第 8 列的文字含有 \\ud800：它不是 Unicode 字符"])


def test_a_lone_surrogate_in_a_profile_file_is_refused(tmp_path, write_assessment):
    """A profile file (JSON) whose title or an item id holds a lone surrogate is refused naming the field."""
    assessment = write_assessment({"standard": GBT, "ratings": {}})
    profile = tmp_path / "p.json"
    for text, where in (('{"standard": "gb-t-27922-2011", "id": "x", "title": {"zh": "\\ud800", "en": "x"}}',
                         "title.zh: the text"),
                        ('{"standard": "gb-t-27922-2011", "id": "x", "items": {"5.1\\ud800": 1}}',
                         "the key items[5.1\\ud800]")):
        profile.write_text(text, encoding="utf-8")
        refused(assessment, [f"p.json: {where}"], ["p.json：", "孤立的代理码位"], "--profile", profile)


# --- reserved names (JavaScript's object properties) --------------------------------------

RESERVED = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"]
SHIPPED = "production-durable, production-fmcg, sales"


@pytest.mark.parametrize("name", RESERVED)
def test_a_reserved_name_is_an_unknown_name_everywhere(name, tmp_path, write_assessment):
    """__proto__, constructor, toString ... as an item id, a note's id, a key, a report key, a
    standard, a profile named by the assessment or on the command line, or a command's standard:
    each is refused as the unknown name it is, never a crash."""
    sbt = "sb-t-10401-2006"
    cases = [
        ({"standard": CTS, "ratings": {name: 1}}, [], f"unknown item id '{name}' for {CTS}"),
        ({"standard": CTS, "notes": {name: "x"}}, [], f"notes: unknown item id '{name}' for {CTS}"),
        ({"standard": CTS, name: {}}, [], f"unknown key '{name}' for {CTS}"),
        ({"standard": CTS, "report": {name: "x"}}, [], f"unknown key '{name}' in 'report'"),
        ({"standard": name}, [], f"unknown standard '{name}'; known: {CTS}, {GBT}, {sbt}"),
        ({"assessments": [{"standard": name}]}, [], f"unknown standard '{name}'"),
        ({"standard": sbt, "profile": name}, [], f"unknown profile '{name}' for {sbt}; shipped: {SHIPPED}"),
        ({"standard": sbt}, ["--profile", name], f"unknown profile '{name}' for {sbt}; shipped: {SHIPPED}"),
    ]
    for data, extra, fragment in cases:
        assert_clean_error(run_cli("--lang", "en", "score", write_assessment(data), *extra), fragment)
    for command in ("items", "profiles"):
        assert_clean_error(run_cli("--lang", "en", command, name), f"unknown standard '{name}'")


@pytest.mark.parametrize("name", ["__proto__", "toString", "../default", "Body X", ""])
def test_a_profile_file_whose_id_is_not_a_plain_name_is_refused(name, tmp_path, write_assessment):
    """A profile file's id must be lower-case letters, digits and hyphens (as profile.schema.json says):
    __proto__, toString, a path or a blank is refused quoting it; its unknown item '__proto__' too."""
    import json

    from test_profiles import raw_profile

    data = {**raw_profile(GBT, "default"), "id": name}
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(data), encoding="utf-8")
    assessment = write_assessment({"standard": GBT, "ratings": {}})
    fragment = "the profile's 'id' must name it" if not name else \
        f"the profile's 'id' must be lower-case letters, digits and hyphens (such as body-x), got \"{name}\""
    assert_clean_error(run_cli("--lang", "en", "score", assessment, "--profile", profile), fragment)
    data = {**raw_profile(GBT, "default"), "items": {**raw_profile(GBT, "default")["items"], "__proto__": 1}}
    profile.write_text(json.dumps(data), encoding="utf-8")
    assert_clean_error(run_cli("--lang", "en", "score", assessment, "--profile", profile),
                       f"items: unknown item '__proto__' for {GBT}")


# --- the fuzzer ------------------------------------------------------------------------------

FUZZ_SECONDS = 5  # each run; far more than any takes


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory):
    """A folder for the fuzzer's files."""
    return tmp_path_factory.mktemp("fuzz")


def refused_at_once(path: Path, lang: str, *extra: str | Path) -> None:
    """``score PATH`` refuses the file: exit 2, nothing on stdout, one line ``error: ...`` (in
    Chinese when asked: it holds Chinese), no traceback, within FUZZ_SECONDS; the file unchanged."""
    before = path.read_bytes()
    start = time.perf_counter()
    run = run_cli("--lang", lang, "score", path, *extra)
    assert time.perf_counter() - start < FUZZ_SECONDS
    assert_clean_error(run)
    if lang == "zh":
        assert re.search(r"[\u3000-\u9fff\uff00-\uffef]", run.stderr), run.stderr
    assert path.read_bytes() == before


@FUZZ_SETTINGS
@given(fmt=st.sampled_from(["json", "yaml"]), lang=st.sampled_from(["zh", "en"]), data=st.data())
def test_fuzz_any_hostile_assessment_is_refused_in_one_line(fmt, lang, data, fuzz_folder):
    """An assessment (one standard or combined) with noise anywhere and a fault in any field, key or
    value, JSON or YAML, is refused: exit 2, one 'error:' line in the language asked, no traceback,
    in bounded time."""
    document = data.draw(hostile_documents(base_assessments(), fmt, ASSESSMENT_KEYS_CHECKED), label="document")
    path = fuzz_folder / f"assessment.{fmt}"
    path.write_text(to_json(document) if fmt == "json" else to_yaml(document), encoding="utf-8")
    refused_at_once(path, lang)


@FUZZ_SETTINGS
@given(fmt=st.sampled_from(["json", "yaml"]), lang=st.sampled_from(["zh", "en"]), data=st.data())
def test_fuzz_any_hostile_profile_file_is_refused_in_one_line(fmt, lang, data, fuzz_folder):
    """A shipped weight profile with noise anywhere and a fault in any field, given with --profile
    (JSON or YAML), is refused: exit 2, one 'error:' line in the language asked, no traceback, in
    bounded time."""
    document = data.draw(hostile_documents(base_profiles(), fmt, PROFILE_KEYS_CHECKED), label="profile")
    assessment = fuzz_folder / "valid.json"
    standard = document.get("standard") if document.get("standard") in (GBT, SBT) else GBT
    assessment.write_text(json.dumps({"standard": standard, "ratings": {}}), encoding="utf-8")
    path = fuzz_folder / f"profile.{fmt}"
    path.write_text(to_json(document) if fmt == "json" else to_yaml(document), encoding="utf-8")
    refused_at_once(assessment, lang, "--profile", path)


def test_a_note_over_the_limit_is_refused_naming_its_item_length_and_the_limit(tmp_path):
    """A note one character over MAX_NOTE_CHARS is refused naming the item, its length and the limit; one of
    exactly the limit is scored."""
    from calculator.limits import MAX_NOTE_CHARS

    path = tmp_path / "note.json"
    data = {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}, "notes": {"5.1.1.a": "证" * MAX_NOTE_CHARS}}
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert assert_clean_result(run_cli("score", path))["earned"] == 1
    data["notes"]["5.1.1.a"] += "x"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    refused(path, [f"notes of 5.1.1.a: {MAX_NOTE_CHARS + 1} characters, more than the limit of {MAX_NOTE_CHARS}"],
            [f"评分项 5.1.1.a 的备注有 {MAX_NOTE_CHARS + 1} 个字符，超过 {MAX_NOTE_CHARS} 个字符的上限"])
