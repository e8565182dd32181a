"""Bad input gives a clean error, never a traceback.

CLI contract (calculator/cli.py): exit status 2, nothing on stdout, and stderr is exactly
one line ``error: <what is wrong>`` naming the bad id, value or key. Python API: the
documented exception class, with the bad value quoted. Browser API
(``calculator.api.score_json``): ``{"ok": false, "error": {...}}``, never an exception.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from calculator import api, loaders
from calculator.errors import (
    AssessmentError,
    CalculatorError,
    InputFileError,
    RatingError,
    UnknownStandardError,
    quote,
)
from calculator.jsontext import loads
from calculator.loaders import parse_text, read_file
from calculator.scoring import score

from conftest import CTS, RUBRICS_DIR, assert_clean_error, assert_clean_result
from strategies import SCORE_JSON_TEXTS, SETTINGS

A = "5.1.1.a"


def rated(value: Any, item_id: str = A) -> dict[str, Any]:
    return {"standard": CTS, "ratings": {item_id: value}}


def as_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")




# Each file case: (id, file name, file bytes, fragments the one-line message must hold).
# The file's path is added to the arguments as `score PATH`.
FILE_CASES = [
    ("unknown-standard", "a.json", as_json({"standard": "nope-2020", "ratings": {}}),
     ["unknown standard 'nope-2020'", CTS]),
    ("standard-names-the-schema", "a.json", as_json({"standard": "schema", "ratings": {}}),
     ["unknown standard 'schema'"]),
    ("standard-is-a-path", "a.json", as_json({"standard": f"../rubrics/{CTS}", "ratings": {}}),
     [f"unknown standard '../rubrics/{CTS}'"]),
    ("standard-not-text", "a.json", as_json({"standard": 123, "ratings": {}}), ["'standard'", "123"]),
    ("unknown-item-id", "a.json", as_json(rated(1, "5.1.1.z")), ["unknown item id '5.1.1.z'"]),
    ("clause-id-as-item", "a.json", as_json(rated(1, "5.1.1")), ["unknown item id '5.1.1'"]),
    ("rating-1.5", "a.json", as_json(rated(1.5)), [A, "1.5", "outside 0..1"]),
    ("rating-minus-0.1", "a.json", as_json(rated(-0.1)), [A, "-0.1", "outside 0..1"]),
    ("rating-2", "a.json", as_json(rated(2)), [A, "2 is outside 0..1"]),
    ("rating-high", "a.json", as_json(rated("high")), [A, '"high"']),
    ("rating-true", "a.json", as_json(rated(True)), [A, "true"]),
    ("rating-null", "a.json", as_json(rated(None)), [A, "empty"]),
    ("rating-string-0.7", "a.json", as_json(rated("0.7")), [A, '"0.7"']),
    ("rating-list", "a.json", as_json(rated([1])), [A, "[1]"]),
    ("rating-object", "a.json", as_json(rated({"v": 1})), [A, '{"v": 1}']),
    ("rating-infinite", "a.json", b'{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1e400}}',
     [A, "finite", "Infinity"]),
    ("rating-yaml-nan", "a.yaml", b"standard: cts-q-zg025-2022\nratings:\n  5.1.1.a: .nan\n", [A, "NaN"]),
    ("all-items-na", "a.json", None, ["nothing applies", "'na'"]),
    ("malformed-json", "a.json", b'{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1,}}',
     ["a.json", "not valid JSON", "line 1"]),
    ("malformed-json-by-content", "a.txt", b'{"standard": "cts-q-zg025-2022",',
     ["a.txt", "not valid JSON"]),
    ("malformed-yaml", "a.yaml", b"standard: cts-q-zg025-2022\nratings:\n  5.1.1.a: [1\n",
     ["a.yaml", "not valid YAML", "line"]),
    ("malformed-yaml-indent", "a.yaml", b"standard: cts-q-zg025-2022\n ratings: 1\n  - x\n",
     ["a.yaml", "not valid YAML"]),
    ("yaml-duplicate-key", "a.yaml", b"standard: cts-q-zg025-2022\nratings:\n  5.1.1.a: 1\n  5.1.1.a: 0\n",
     ["a.yaml", "duplicate key '5.1.1.a'", "line 4"]),
    ("yaml-duplicate-top-key", "a.yaml", b"standard: cts-q-zg025-2022\nstandard: cts-q-zg025-2022\n",
     ["duplicate key 'standard'"]),
    ("json-duplicate-key", "a.json",
     b'{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1, "5.1.1.a": 0}}',
     ["a.json", "duplicate key '5.1.1.a'"]),
    ("json-nan", "a.json", b'{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": NaN}}',
     ["a.json", "NaN"]),
    ("json-infinity", "a.json", b'{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": -Infinity}}',
     ["a.json", "Infinity"]),
    ("not-utf8", "a.json", b'{"standard": "cts-q-zg025-2022", "title": "\xd7\xd4\xc6\xc0"}',
     ["a.json", "not UTF-8"]),
    ("utf16", "a.json", '{"standard": "cts-q-zg025-2022"}'.encode("utf-16"), ["a.json", "not UTF-8"]),
    ("nul-in-yaml", "a.yaml", b"standard: cts\x00\n", ["a.yaml", "not valid YAML"]),
    ("yaml-python-tag", "a.yaml", b"standard: !!python/object/apply:os.system [echo hi]\n",
     ["a.yaml", "not valid YAML"]),
    ("assessment-is-a-list", "a.json", as_json([{"standard": CTS}]), ["expected a mapping", "[{"]),
    ("assessment-is-empty-yaml", "a.yaml", b"", ["expected a mapping", "null"]),
    ("assessment-is-a-number", "a.yaml", b"42\n", ["expected a mapping", "42"]),
    ("missing-standard", "a.json", as_json({"ratings": {A: 1}}), ["'standard'"]),
    ("unknown-top-level-key", "a.json", as_json({"standard": CTS, "ratings": {}, "rating": {}}),
     ["unknown key 'rating'"]),
    ("ratings-is-a-list", "a.json", as_json({"standard": CTS, "ratings": [A]}), ["'ratings'", '["5.1.1.a"]']),
    ("notes-not-text", "a.json", as_json({"standard": CTS, "ratings": {}, "notes": {A: 3}}), [A, "3"]),
    ("notes-unknown-id", "a.json", as_json({"standard": CTS, "ratings": {}, "notes": {"9.9.a": "x"}}),
     ["'9.9.a'"]),
    ("title-not-text", "a.json", as_json({"standard": CTS, "ratings": {}, "title": 7}), ["'title'", "7"]),
    ("report-not-mapping", "a.json", as_json({"standard": CTS, "ratings": {}, "report": "甲公司"}),
     ["'report'", "甲公司"]),
    ("report-unknown-key", "a.json", as_json({"standard": CTS, "ratings": {}, "report": {"boss": "x"}}),
     ["'boss'", "enterprise"]),
    ("report-not-text", "a.json", as_json({"assessments": [{"standard": CTS}], "report": {"date": 20261130}}),
     ["'report.date'", "20261130"]),
]

# Bad YAML that once escaped as a raw Python exception (TypeError, ValueError,
# RecursionError from inside PyYAML) instead of an InputFileError.
YAML_CRASHES = [
    # a YAML mapping key that is a list: the strict loader's duplicate check does `key in set()`
    ("yaml-list-as-key", "a.yaml", b"standard: cts-q-zg025-2022\nratings:\n  ? [a, b]\n  : 1\n",
     ["a.yaml"]),
    ("yaml-flow-list-as-key", "a.yaml", b"standard: cts-q-zg025-2022\nratings: {[1]: 2}\n", ["a.yaml"]),
    # a YAML integer longer than Python's 4300-digit int conversion limit (ValueError)
    ("yaml-5000-digit-int", "a.yaml", b"standard: cts-q-zg025-2022\nratings:\n  5.1.1.a: " + b"9" * 5000 + b"\n",
     ["a.yaml"]),
    # deeply nested YAML flow sequences (RecursionError in the composer)
    ("yaml-deep-nesting", "a.yaml", b"standard: cts-q-zg025-2022\nratings: " + b"[" * 3000 + b"]" * 3000 + b"\n",
     ["a.yaml"]),
]


def _file_bytes(content: bytes | None, item_ids: list[str]) -> bytes:
    if content is None:  # every item na
        return as_json({"standard": CTS, "ratings": dict.fromkeys(item_ids, "na")})
    return content


@pytest.mark.parametrize("name,filename,content,fragments", FILE_CASES + YAML_CRASHES,
                         ids=[c[0] for c in FILE_CASES + YAML_CRASHES])
def test_cli_bad_file(name, filename, content, fragments, cli, tmp_path, item_ids):
    """A bad assessment file makes the CLI exit 2 with one 'error: ' line naming the problem."""
    path = tmp_path / filename
    path.write_bytes(_file_bytes(content, item_ids))
    assert_clean_error(cli("--lang", "en", "score", path), *fragments)


def test_cli_missing_file(cli, tmp_path):
    """A file that does not exist is named in a one-line error."""
    path = tmp_path / "nowhere.json"
    assert_clean_error(cli("--lang", "en", "score", path), str(path), "no such file")


def test_cli_folder_instead_of_file(cli, tmp_path):
    """A folder given as the file is named in a one-line error."""
    assert_clean_error(cli("--lang", "en", "score", tmp_path), str(tmp_path), "is a folder")


@pytest.mark.parametrize("args,fragments", [
    (["frobnicate"], ["invalid choice", "'frobnicate'"]),
    (["score"], ["required", "file"]),
    ([], ["required", "command"]),
    (["items"], ["required", "standard"]),
    (["score", "x.json", "--format", "xml"], ["--format", "'xml'"]),
    (["score", "x.json", "--lang", "fr"], ["--lang", "'fr'"]),
    (["standards", "--bogus"], ["unrecognized arguments", "--bogus"]),
    (["items", "nope-2020"], ["unknown standard 'nope-2020'", CTS]),
], ids=["unknown-command", "score-without-file", "no-command", "items-without-standard", "bad-format",
        "bad-lang", "unknown-option", "items-unknown-standard"])
def test_cli_usage_errors(args, fragments, cli):
    """Usage mistakes (unknown command, missing argument, bad option) are one-line errors, exit 2."""
    assert_clean_error(cli("--lang", "en", *args), *fragments)


def test_cli_empty_rubrics_folder(cli, tmp_path, write_assessment):
    """--rubrics pointing at a folder without rubrics says the folder holds no rubric, naming it."""
    path = write_assessment({"standard": CTS, "ratings": {}})
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # not a standard's id: not a rubric
    assert_clean_error(cli("--lang", "en", "--rubrics", empty, "score", path), f"the rubrics folder {empty}",
                       "holds no rubric")
    assert_clean_error(cli("--rubrics", empty, "standards"), f"评分规则文件夹 {empty} 中没有评分规则文件")


@pytest.mark.parametrize("make, fragment, chinese", [
    (lambda folder: None, "does not exist", "不存在"),
    (lambda folder: folder.write_text("x", encoding="utf-8"), "is not a folder", "不是文件夹"),
], ids=["missing", "a-file"])
def test_cli_rubrics_folder_that_is_not_one(make, fragment, chinese, cli, tmp_path, write_assessment):
    """--rubrics naming nothing, or a file, says so about that path (in either language), for every command."""
    path = write_assessment({"standard": CTS, "ratings": {}})
    folder = tmp_path / "nowhere"
    make(folder)
    for command in (["score", path], ["standards"], ["items", CTS], ["profiles", CTS]):
        assert_clean_error(cli("--lang", "en", "--rubrics", folder, *command), str(folder), fragment)
        assert_clean_error(cli("--rubrics", folder, *command), str(folder), chinese)


def test_cli_accepts_a_utf8_bom(cli, tmp_path):
    """A JSON file that starts with a UTF-8 byte order mark is read (not an error)."""
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + as_json({"standard": CTS, "ratings": {A: 1}}))
    run = cli("score", path)
    assert assert_clean_result(run)["earned"] == 1


# --- the Python API -------------------------------------------------------------------------

API_CASES = [
    # (id, assessment data, exact exception class, fragments of the message)
    ("unknown-standard", {"standard": "nope-2020", "ratings": {}}, UnknownStandardError, ["'nope-2020'"]),
    ("unknown-item-id", rated(1, "5.1.1.z"), AssessmentError, ["'5.1.1.z'"]),
    ("rating-1.5", rated(1.5), RatingError, [A, "1.5"]),
    ("rating-minus-0.1", rated(-0.1), RatingError, [A, "-0.1"]),
    ("rating-high", rated("high"), RatingError, [A, '"high"']),
    ("rating-true", rated(True), RatingError, [A, "true"]),
    ("rating-false", rated(False), RatingError, [A, "false"]),
    ("rating-none", rated(None), RatingError, [A]),
    ("rating-string-0.7", rated("0.7"), RatingError, [A, '"0.7"']),
    ("rating-nan", rated(float("nan")), RatingError, [A, "NaN"]),
    ("rating-inf", rated(float("inf")), RatingError, [A, "Infinity"]),
    ("rating-list", rated([0.5]), RatingError, [A, "[0.5]"]),
    ("assessment-list", [CTS], AssessmentError, ['["cts-q-zg025-2022"]']),
    ("assessment-none", None, AssessmentError, ["null"]),
    ("missing-standard", {"ratings": {}}, AssessmentError, ["'standard'"]),
    ("blank-standard", {"standard": "  ", "ratings": {}}, AssessmentError, ['"  "']),
    ("unknown-key", {"standard": CTS, "ratings": {}, "extra": 1}, AssessmentError, ["'extra'"]),
    ("ratings-list", {"standard": CTS, "ratings": [1, 2]}, AssessmentError, ["'ratings'", "[1, 2]"]),
    ("ratings-text", {"standard": CTS, "ratings": "all 1"}, AssessmentError, ['"all 1"']),
    ("notes-list", {"standard": CTS, "notes": ["x"]}, AssessmentError, ["'notes'", '["x"]']),
    ("title-number", {"standard": CTS, "title": 3}, AssessmentError, ["'title'", "3"]),
]


@pytest.mark.parametrize("name,data,cls,fragments", API_CASES, ids=[c[0] for c in API_CASES])
def test_api_error_class_and_message(name, data, cls, fragments, rubrics):
    """calculator.scoring.score raises the documented class, with the bad value quoted."""
    with pytest.raises(CalculatorError) as caught:
        score(rubrics, data)
    assert type(caught.value) is cls
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def test_api_all_na_is_an_assessment_error(rubrics, item_ids):
    """Rating every item 'na' raises AssessmentError saying nothing applies."""
    with pytest.raises(AssessmentError, match="nothing applies"):
        score(rubrics, {"standard": CTS, "ratings": dict.fromkeys(item_ids, "na")})


def test_api_long_values_are_shortened(rubrics):
    """A huge bad value is quoted shortened, so the message stays one short line."""
    with pytest.raises(RatingError) as caught:
        score(rubrics, rated("x" * 10_000))
    assert len(str(caught.value)) < 200 and "xxx..." in str(caught.value)


READ_CASES = [
    # (id, file name, bytes or None for "do not create", fragments)
    ("missing", "gone.json", None, ["gone.json", "no such file"]),
    ("not-utf8", "a.yaml", b"standard: \xff\n", ["a.yaml", "not UTF-8", "offset 10"]),
    ("malformed-json", "a.json", b"{", ["a.json", "not valid JSON"]),
    ("malformed-yaml", "a.yaml", b"a: [\n", ["a.yaml", "not valid YAML"]),
    ("yaml-duplicate", "a.yaml", b"a: 1\na: 2\n", ["a.yaml", "duplicate key 'a'", "line 2"]),
    ("json-duplicate", "a.json", b'{"a": 1, "a": 2}', ["a.json", "duplicate key 'a'"]),
    ("json-nan", "a.json", b'{"a": NaN}', ["a.json", "NaN"]),
]


@pytest.mark.parametrize("name,filename,content,fragments", READ_CASES + list(YAML_CRASHES),
                         ids=[c[0] for c in READ_CASES + YAML_CRASHES])
def test_read_file_raises_input_file_error(name, filename, content, fragments, tmp_path):
    """calculator.loaders.read_file turns every unreadable or unparsable file into InputFileError."""
    path = tmp_path / filename
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        read_file(path)
    for fragment in fragments:
        assert fragment in str(caught.value)


YAML_TEXTS = [
    ("plain", "standard: cts-q-zg025-2022\nratings:\n  5.1.1.a: 0.5\n  5.1.1.b: na\ndate: 2024-01-31\n"),
    ("flow", "{standard: x, ratings: {a: [1, 2.5, true, null, '07']}}\n"),
    ("anchors", "a: &x {k: 1}\nb: *x\n"),
]


@pytest.mark.parametrize("name,filename,content,fragments", [c for c in READ_CASES if c[1].endswith(".yaml")]
                         + list(YAML_CRASHES), ids=[c[0] for c in READ_CASES + YAML_CRASHES if c[1].endswith(".yaml")])
def test_both_yaml_loaders_refuse_alike(name, filename, content, fragments, tmp_path, yaml_loader):
    """The strict loader refuses each bad YAML file with the same error on the C and the Python parser."""
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(InputFileError) as caught:
        read_file(path)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize("name,text", YAML_TEXTS, ids=[c[0] for c in YAML_TEXTS])
def test_both_yaml_loaders_read_alike(name, text):
    """The C and the Python strict loader give the same data (dates kept as text)."""
    import yaml

    got = [yaml.load(text, Loader=loaders.strict_loader(base))
           for base in (yaml.CSafeLoader, yaml.SafeLoader)]
    assert got[0] == got[1]
    assert "2024-01-31" not in str(got[0]) or got[0]["date"] == "2024-01-31"


def test_the_default_loader_is_the_c_loader():
    """Where PyYAML has libyaml, files are parsed by the C loader."""
    import yaml

    _, loader = loaders._yaml_loader()
    assert issubclass(loader, yaml.CSafeLoader) is bool(yaml.__with_libyaml__)


def test_read_file_folder_is_input_file_error(tmp_path):
    """read_file on a folder raises InputFileError naming it."""
    with pytest.raises(InputFileError, match="is a folder"):
        read_file(tmp_path)


def test_parse_text_and_loads_name_their_input():
    """parse_text and jsontext.loads prefix the message with the name of the input."""
    with pytest.raises(InputFileError, match=r"^share-link: not valid JSON"):
        loads("{oops}", "share-link")
    with pytest.raises(InputFileError, match=r"^pasted\.yaml: duplicate key 'k'"):
        parse_text("k: 1\nk: 2\n", "pasted.yaml")


def test_yaml_dates_stay_text():
    """The strict YAML loader keeps an ISO date as text (so JSON output never breaks on it)."""
    assert parse_text("issued: 2022-10-10\n", "x.yaml") == {"issued": "2022-10-10"}


# --- the browser API ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_api():
    """calculator.api with the CTS rubric added as JSON text, as the Web Worker does."""
    rubric_json = json.dumps(read_file(RUBRICS_DIR / f"{CTS}.yaml"), ensure_ascii=False)
    answer = json.loads(api.add_rubric(rubric_json))
    assert answer["ok"] is True and answer["id"] == CTS and len(answer["items"]) == 88
    return api


SCORE_JSON_CASES = [
    # (id, input, error type, fragment of the message)
    ("malformed", '{"standard": ', "InputFileError", "not valid JSON"),
    ("nan", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": NaN}}', "InputFileError", "NaN"),
    ("duplicate", '{"standard": "cts-q-zg025-2022", "standard": "x"}', "InputFileError", "duplicate key 'standard'"),
    ("unknown-standard", '{"standard": "nope-2020"}', "UnknownStandardError", "'nope-2020'"),
    ("unknown-item", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.z": 1}}', "AssessmentError", "'5.1.1.z'"),
    ("rating-1.5", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1.5}}', "RatingError", "1.5"),
    ("rating-text", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": "0.7"}}', "RatingError", '"0.7"'),
    ("rating-true", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": true}}', "RatingError", "true"),
    ("rating-huge", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1e400}}', "RatingError", "Infinity"),
    ("list", "[1, 2]", "AssessmentError", "[1, 2]"),
    ("deep", "[" * 100_000, "InputFileError", "nested more than 64 levels deep from line 1"),
    ("huge-int", '{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": ' + "9" * 5000 + "}}",
     "InputFileError", "is 5000 characters long; a number may have at most 100"),
    ("empty", "", "InputFileError", "not valid JSON"),
    ("none", None, "InputFileError", "not valid JSON"),
    ("number", 12, "InputFileError", "not valid JSON"),
]


@pytest.mark.parametrize("name,text,kind,fragment", SCORE_JSON_CASES, ids=[c[0] for c in SCORE_JSON_CASES])
def test_score_json_reports_errors(name, text, kind, fragment, browser_api):
    """api.score_json answers {"ok": false, "error": {type, message}} for bad input instead of raising."""
    answer = json.loads(browser_api.score_json(text))
    assert answer["ok"] is False and set(answer) == {"ok", "error"}
    assert answer["error"]["type"] == kind
    assert fragment in answer["error"]["message"]


def test_score_json_all_na(browser_api, item_ids):
    """api.score_json reports an all-'na' assessment as an AssessmentError with a code the page can word."""
    text = json.dumps({"standard": CTS, "ratings": dict.fromkeys(item_ids, "na")})
    answer = json.loads(browser_api.score_json(text))
    assert answer == {"ok": False, "error": {"type": "AssessmentError", "message": answer["error"]["message"],
                                             "code": "nothing-applies",
                                             "params": {"count": 88, "standard": CTS}}}
    assert "nothing applies" in answer["error"]["message"]


def test_score_json_good_input(browser_api, item_ids):
    """api.score_json answers {"ok": true, "result": ...} with the same numbers as the CLI format."""
    text = json.dumps({"standard": CTS, "ratings": dict.fromkeys(item_ids, 0.7)})
    answer = json.loads(browser_api.score_json(text))
    assert answer["ok"] is True and answer["result"]["score_text"] == "70.00"


def test_add_rubric_reports_a_bad_rubric(browser_api):
    """api.add_rubric answers ok: false for a malformed rubric instead of raising."""
    for text in ("{", '{"id": "x-2020"}', "[]"):
        answer = json.loads(browser_api.add_rubric(text))
        assert answer["ok"] is False and answer["error"]["type"] in ("InputFileError", "RubricError")


@SETTINGS
@given(text=SCORE_JSON_TEXTS)
def test_score_json_never_raises(text, browser_api):
    """Whatever text arrives, api.score_json returns JSON with a boolean 'ok' and never raises."""
    answer = json.loads(browser_api.score_json(text))
    assert answer["ok"] in (True, False)
    if answer["ok"]:
        assert 0 <= answer["result"]["score"] <= 100
    else:
        assert answer["error"]["message"] and answer["error"]["type"].endswith("Error")


def test_a_real_process_prints_what_the_in_process_run_prints(tmp_path):
    """``python -m calculator`` as a process gives the same exit status, output and one-line
    error as the in-process runs the other CLI tests use."""
    from conftest import run_cli, run_cli_process

    good = tmp_path / "good.json"
    good.write_text(json.dumps({"standard": CTS, "ratings": {"5.1.1.a": 1}}), encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\na: 2\n")
    for args in (("score", good), ("--lang", "en", "score", bad), ("--lang", "en", "bogus")):
        process, in_process = run_cli_process(*args), run_cli(*args)
        assert (process.returncode, process.stdout, process.stderr) == (
            in_process.returncode, in_process.stdout, in_process.stderr), args
    assert_clean_error(run_cli_process("--lang", "en", "score", bad), "duplicate key 'a'")


# --- what a message quotes: short, on one line, whatever the value -------------------------


def _bomb(levels: int) -> list[Any]:
    """A list standing for 9**levels strings, as a YAML alias bomb constructs it (shared lists)."""
    value: list[Any] = ["lol"] * 9
    for _ in range(levels):
        value = [value] * 9
    return value


def test_quote_is_short_and_quick_whatever_the_value():
    """quote shows the first 57 characters of any value and '...': an alias bomb of 9**30 strings,
    a list that holds itself, a mapping of a million keys, an int too long for str()."""
    assert quote(_bomb(30)) == "[" * 31 + '"lol", "lol", "lol", "lol"...'  # 31 + 26 = 57 characters
    loop: list[Any] = []
    loop.append(loop)
    assert quote(loop) == "[[...]]"
    assert quote({str(n): n for n in range(1_000_000)}) == '{"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, ...'
    huge = 10 ** 5000  # str() refuses more than 4300 digits; shown in hexadecimal
    assert quote(huge) == hex(huge)[:57] + "..."
    assert quote({1: None, None: True}) == '{"1": null, "null": true}'  # keys as JSON writes them


@pytest.mark.parametrize("item, shown_as", [
    ("a\nb", "a\\nb"), ("\x1b[2J", "\\u001b[2J"), ("x\u2028y", "x\\u2028y"), ("tab\there", "tab\\there"),
    ("k" * 5000 + "END", "k" * 98 + "..." + "k" * 95 + "END"),
], ids=["newline", "escape-sequence", "line-separator", "tab", "5000-characters"])
def test_a_named_value_is_shown_on_one_line(item, shown_as, cli, write_assessment):
    """An item id with a line break, a terminal escape or 5,000 characters is named on the one error
    line as an escape, or with its middle left out (98 + '...' + 98 characters)."""
    path = write_assessment({"standard": CTS, "ratings": {item: 1}})
    run = cli("--lang", "en", "score", path)
    assert_clean_error(run, f"unknown item id '{shown_as}' for {CTS}")
    assert len(run.stderr) < 300
