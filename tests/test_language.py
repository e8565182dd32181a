"""The command line speaks the reader's language: ``--lang zh`` (the default) and ``--lang en``
word the text report, the reasons, the next-level line, the combined rating and every
``error:`` line from the string catalogue, with no sentence of the other language.

"No English" is checked precisely: after removing what stays the same in both languages --
the standards' codes (``GB/T 27922-2011``), the profile ids the result names, and ids of
items, clauses and sections (``5.1.1.a``, ``A.6``) -- no Latin word of two or more letters
is left. "No Chinese": no character of the CJK blocks or of the full-width forms.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from calculator import cli
from calculator.loaders import load_standard

from conftest import RUBRICS_DIR, assert_clean_result, run_cli

STANDARDS = ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")
RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in STANDARDS}
CODES = [r.code for r in RUBRICS.values()]
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
IDS = re.compile(r"\b(?:[A-Z]\.)?\d+(?:\.\d+)*(?:\.[a-z])?\b|\b[A-Z]\.\d+(?:\.\d+)*\b")


def uniform(standard: str, value: Any, **extra: Any) -> dict[str, Any]:
    """Every item of ``standard`` (of its profile, if named) rated ``value``."""
    rubric = RUBRICS[standard]
    profile = extra.get("profile") or rubric.default_profile
    items = rubric.profiles[profile].items if profile else rubric.items
    return {"standard": standard, "ratings": {i: value for i in rubric.items if i in items}, **extra}


def sbt_item_rule() -> dict[str, Any]:
    """SB/T Table A.1 at 90% everywhere but item A.6 (30 points) at 40%: the total 75 passes, the 50% item rule fails."""
    data = uniform("sb-t-10401-2006", 0.9, profile="production-durable")
    data["ratings"].update({i: 0.4 for i in data["ratings"] if i.startswith("A.6.")})
    return data


CASES = {
    "cts-failing": uniform("cts-q-zg025-2022", 0.5),
    "sbt-item-rule": sbt_item_rule(),
    "gbt-five-deductions": uniform("gb-t-27922-2011", 1, special_deductions=5),
    "combined": {"assessments": [uniform("gb-t-27922-2011", 0.85), uniform("cts-q-zg025-2022", 0.5)]},
    "combined-passing": {"assessments": [uniform("gb-t-27922-2011", 0.96), uniform("cts-q-zg025-2022", 0.81)]},
}


# Keys of the assessment and profile files, which a Chinese message quotes as the reader writes them.
FILE_KEYS = ["assessments", "special_deductions", "special_bonus", "standard", "ratings", "notes", "title",
             "profile", "na"]


# The command line's own vocabulary: its name, commands, options and their choices.
CLI_WORDS = ["python -m calculator --help", *cli.COMMANDS, *cli.GLOBAL_OPTIONS,
             *{option for options in cli.OPTIONS.values() for option in options},
             "json", "text", "csv", "xlsx", "CSV", "UTF-8", "BOM", "file", "standard"]


def english_left(text: str, profile_ids: list[str]) -> list[str]:
    """The Latin words of ``text`` once standard codes, profile ids and item/clause ids are removed."""
    for fixed in CODES + sorted(profile_ids, key=len, reverse=True):
        text = text.replace(fixed, " ")
    return re.findall(r"[A-Za-z]{2,}", IDS.sub(" ", text))


def profile_ids(result: dict[str, Any]) -> list[str]:
    return [one["profile"]["id"] for one in result.get("results", [result])]


@pytest.mark.parametrize("name", CASES)
def test_text_report_in_chinese_has_no_english(name: str, write_assessment: Any) -> None:
    """`score --format text` (default --lang zh) words the report, the reason and the next level in Chinese only."""
    path = write_assessment(CASES[name], name=name)
    result = assert_clean_result(run_cli("score", path))
    done = run_cli("score", path, "--format", "text")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert english_left(done.stdout, profile_ids(result)) == [], done.stdout
    assert CJK.search(done.stdout)
    if name != "combined-passing":
        assert "原因：" in done.stdout or "不合格：" in done.stdout


@pytest.mark.parametrize("name", CASES)
def test_text_report_in_english_has_no_chinese(name: str, write_assessment: Any) -> None:
    """`score --format text --lang en` has no Chinese character at all, reasons and combined rating included."""
    path = write_assessment(CASES[name], name=name)
    done = run_cli("score", path, "--format", "text", "--lang", "en")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert not CJK.search(done.stdout), CJK.findall(done.stdout)
    assert "Next level: " in done.stdout


def test_chinese_report_says_why_in_chinese(write_assessment: Any) -> None:
    """The reasons read as the standards' rules: the SB/T item rule, five special deductions, the combined failure."""
    report = lambda name: run_cli("score", write_assessment(CASES[name], name=name), "--format", "text").stdout  # noqa: E731
    assert "原因：单项低于其分值的 50%：A.6（总分 " in report("sbt-item-rule")
    assert "原因：有 5 项特别扣分：5 项及以上特别扣分不论得分均为不合格（6.3）" in report("gbt-five-deductions")
    assert "下一等级：达标级（≥ 70.00）无法达到：有 5 项特别扣分" in report("gbt-five-deductions")
    combined = report("combined").splitlines()
    assert combined[1] == "  不合格：CTS Q/ZG025-2022 不合格：完善程度 50.00% 低于最低要求 60.00%"
    passing = report("combined-passing").splitlines()
    assert passing[1] == "  12 星——合格（GB/T 27922-2011 5 星 + CTS Q/ZG025-2022 7 星 = 12 星（最多 12 星））"


@pytest.mark.parametrize("args,zh,en", [
    (["score", "{bad}"], "评分项 5.1.1.a 的评分 1.5 超出 0 到 1 的范围", "rating of 5.1.1.a: 1.5 is outside 0..1"),
    (["score", "{missing}"], "文件不存在", "no such file"),
    (["frobnicate"], "无效的命令“frobnicate”", "invalid choice 'frobnicate' for the command"),
    (["score", "{bad}", "--format", "xml"], "--format 的值“xml”无效", "invalid choice 'xml' for --format"),
    (["score", "{combined}"], "第 2 份评估（assessments[1]）：评分项 5.1.1.a 的评分应为 0 到 1 之间的数或 \"na\"，实为 \"x\"",
     "assessments[1] (assessment 2): rating of 5.1.1.a: expected a number from 0 to 1 or \"na\", got \"x\""),
    (["score", "{bad}", "--profile", "{profile}"], "分值方案的总分 99 不等于标准的总分 100",
     "total 99 is not the standard's total of 100 points"),
], ids=["rating", "missing-file", "usage", "bad-choice", "nested", "profile"])
def test_error_line_in_the_readers_language(args: list[str], zh: str, en: str, tmp_path: Any,
                                            write_assessment: Any) -> None:
    """An `error:` line is Chinese by default and English with --lang en, naming the same problem."""
    import yaml

    profile = yaml.safe_load((RUBRICS_DIR / "profiles" / "gb-t-27922-2011" / "default.yaml").read_text("utf-8"))
    places = {
        "bad": write_assessment({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1.5}}, name="bad"),
        "missing": tmp_path / "missing.json",
        "combined": write_assessment({"assessments": [{"standard": "gb-t-27922-2011", "ratings": {}},
                                                      {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": "x"}}]},
                                     name="combined"),
        "profile": write_assessment({**profile, "total": 99}, name="profile"),
    }
    argv = [str(places[a[1:-1]]) if a.startswith("{") else a for a in args]
    chinese, english = run_cli(*argv), run_cli(*argv, "--lang", "en")
    for done, words in ((chinese, zh), (english, en)):
        assert done.returncode == 2 and done.stdout == "" and len(done.stderr.splitlines()) == 1, done.stderr
        assert done.stderr.startswith("error: ") and words in done.stderr, done.stderr
    without_paths = re.sub(r"\S*/\S*", " ", chinese.stderr.removeprefix("error: "))  # a file's name is its own
    assert english_left(without_paths, FILE_KEYS + CLI_WORDS + args) == [], chinese.stderr
    assert not CJK.search(english.stderr), english.stderr


def test_help_in_both_languages() -> None:
    """--help prints the usage in Chinese by default and in English with --lang en, and exits 0."""
    zh, en = run_cli("--help"), run_cli("--help", "--lang", "en")
    assert zh.returncode == en.returncode == 0
    assert zh.stdout.startswith("用法：python -m calculator") and "命令：" in zh.stdout
    assert en.stdout.startswith("Usage: python -m calculator") and not CJK.search(en.stdout)
