"""The rubric files: every one passes the schema and the lint; the CTS rubric has the
standard's shape; a broken rubric fails naming the file, the path inside it and the reason.

The CTS counts are counted by hand from the full Chinese text of CTS Q/ZG025-2022
(中赣国际认证有限公司, 2022) and from its 6.2 a) / 6.3.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from calculator.loaders import known_standards, read_file
from sitegen.rubrics import SCHEMA, RubricCheckError, check_file, lint, load_all, schema_errors

from conftest import CTS, LEVELS_6_3, RUBRICS_DIR

# Counted from CTS Q/ZG025-2022 chapter 5: items per clause holding items, in the standard's order.
ITEMS_PER_CLAUSE = {
    "5.1.1": 3, "5.1.2": 3, "5.1.3": 2, "5.1.4": 3, "5.2.1": 3, "5.2.2": 3, "5.2.3": 3,
    "5.3.1.1": 2, "5.3.1.2": 4, "5.3.2": 3, "5.3.3": 3, "5.3.4": 4, "5.3.5": 2, "5.4.1.1": 3,
    "5.4.1.2": 2, "5.4.1.3": 3, "5.4.2": 3, "5.4.3": 3, "5.4.4": 4, "5.4.5": 9, "5.4.6": 2,
    "5.5.1": 4, "5.5.2": 4, "5.5.3": 5, "5.6.1": 3, "5.6.2": 3, "5.6.3": 2,
}


# --- the real rubrics ----------------------------------------------------------------------


def test_every_rubric_passes_load_all():
    """sitegen.rubrics.load_all() loads every rubric in rubrics/ without a RubricCheckError."""
    loaded = load_all()
    assert CTS in loaded
    for rubric_id, entry in loaded.items():
        assert entry.id == rubric_id == entry.model.id
        assert entry.file == RUBRICS_DIR / f"{rubric_id}.yaml"


def test_every_rubric_file_passes_schema_and_lint():
    """Each rubric file in rubrics/ (named by a standard id: not the template, crosswalk, catalogue or sources) has no schema error and no lint problem."""
    files = [RUBRICS_DIR / f"{standard}.yaml" for standard in known_standards(RUBRICS_DIR)]
    assert len(files) == 3
    for path in files:
        data = read_file(path)
        assert schema_errors(data) == [], path.name
        assert lint(data, path.name) == [], path.name


def test_schema_is_a_valid_json_schema():
    """rubrics/schema.json is itself a valid Draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_template_passes_the_schema():
    """rubrics/_template.yaml, the commented example, has the shape the schema asks for."""
    assert schema_errors(read_file(RUBRICS_DIR / "_template.yaml")) == []


def test_cts_has_88_items_of_one_point():
    """The CTS rubric has 88 scored items, each worth 1 point, total 88 (6.2 a)."""
    model = load_all()[CTS].model
    assert len(model.items) == 88
    assert all(item.points == 1 for item in model.items.values())
    assert model.total_points == 88
    assert model.points_provenance == "official"


def test_cts_clauses_hold_the_items_the_standard_lists():
    """27 clauses hold items, with the per-clause counts counted from the standard, in order."""
    model = load_all()[CTS].model
    holding = [clause for section in model.sections for clause in section.clauses]
    assert len(holding) == 27
    assert {clause.id: len(clause.items) for clause in holding} == ITEMS_PER_CLAUSE
    assert [clause.id for clause in holding] == list(ITEMS_PER_CLAUSE)
    assert [section.id for section in model.sections] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    for clause in holding:
        letters = [item.id.rsplit(".", 1)[1] for item in clause.items]
        assert [item.id.rsplit(".", 1)[0] for item in clause.items] == [clause.id] * len(letters)
        assert letters == list("abcdefghi"[:len(letters)]), clause.id


def test_cts_levels_are_those_of_6_3():
    """The CTS levels are fail / three ... seven stars from 0, 60, 65, 70, 75, 80 (6.3)."""
    model = load_all()[CTS].model
    got = [(level.min, level.id, level.stars, level.passed) for level in model.levels]
    assert got == [tuple(row) for row in LEVELS_6_3]
    for level in model.levels:
        assert level.label["zh"] and level.label["en"]


# --- broken copies -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cts_data() -> dict[str, Any]:
    """The CTS rubric as parsed data, to be broken in copies."""
    return read_file(RUBRICS_DIR / f"{CTS}.yaml")


@pytest.fixture(scope="module")
def cts_text() -> str:
    """The CTS rubric's YAML text, for breaks that need the text itself."""
    return (RUBRICS_DIR / f"{CTS}.yaml").read_text(encoding="utf-8")


def _yaml_text(data: Any) -> str:
    """A rubric as YAML text, as yaml.safe_dump writes it (the same text from libyaml's emitter,
    where PyYAML has it: the Python one takes a tenth of a second for a rubric)."""
    dumper = yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


def _item(data: dict[str, Any], section: int, clause: int, item: int) -> dict[str, Any]:
    return data["sections"][section]["clauses"][clause]["items"][item]


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


def _drop(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return mutate


def _duplicate_item_id(data: dict[str, Any]) -> None:
    _item(data, 1, 2, 1)["id"] = _item(data, 1, 2, 0)["id"]          # 5.2.3.b -> 5.2.3.a


BROKEN = [
    # (id, how to break the parsed data, fragments: path and reason as the check reports them).
    # A tuple lists equivalent spellings of one path: list entries by index or by their id.
    ("missing-points", _drop(["sections", 0, "clauses", 0, "items", 1, "points"]),
     [("sections[0].clauses[0].items[1]: ", "sections[5.1].clauses[5.1.1].items[5.1.1.b]: "),
      "missing key 'points'"]),
    ("missing-top-key", _drop(["code"]), ["'code' is a required property"]),
    ("points-one", _set(["sections", 0, "clauses", 0, "items", 0, "points"], "one"),
     [("sections[0].clauses[0].items[0].points: ", "sections[5.1].clauses[5.1.1].items[5.1.1.a].points: "),
      "'one' is not of type 'number'"]),
    ("duplicate-item-id", _duplicate_item_id,
     ["sections[5.2].clauses[5.2.3].items[5.2.3.a]: ", "duplicate item id '5.2.3.a'"]),
    ("item-id-outside-clause", _set(["sections", 0, "clauses", 1, "items", 2, "id"], "5.1.9.c"),
     ["sections[5.1].clauses[5.1.2].items[5.1.9.c]: ", "does not extend clause id '5.1.2'"]),
    ("text-only-zh", _set(["sections", 0, "clauses", 0, "items", 0, "text"], {"zh": "只有中文"}),
     [("sections[0].clauses[0].items[0].text: ", "sections[5.1].clauses[5.1.1].items[5.1.1.a].text: "),
      "'en' is a required property"]),
    ("total-87", _set(["scoring", "total_points"], 87),
     ["scoring.total_points: ", "items add up to 88, not 87"]),
    ("item-worth-2", _set(["sections", 2, "clauses", 0, "clauses", 1, "items", 0, "points"], 2),
     ["scoring.total_points: ", "items add up to 89, not 88"]),
    ("levels-equal", _set(["scoring", "levels", 3, "min"], 65),
     ["scoring.levels[3].min: ", "levels must rise strictly, 65 follows 65"]),
    ("levels-fall", _set(["scoring", "levels", 3, "min"], 64),
     ["scoring.levels[3].min: ", "levels must rise strictly, 64 follows 65"]),
    ("lowest-level-not-zero", _set(["scoring", "levels", 0, "min"], 10),
     ["scoring.levels[0].min: ", "must start at 0"]),
    ("points-zero", _set(["sections", 0, "clauses", 0, "items", 0, "points"], 0),
     [("sections[0].clauses[0].items[0].points: ", "sections[5.1].clauses[5.1.1].items[5.1.1.a].points: "),
      "0"]),
    ("white-space", _set(["sections", 0, "clauses", 0, "items", 0, "text", "en"], "padded "),
     ["sections[5.1].clauses[5.1.1].items[5.1.1.a].text.en: ", "white space"]),
    ("transcription-debris", _set(["sections", 0, "clauses", 0, "items", 0, "text", "zh"], "■明确售后服务理念"),
     ["sections[5.1].clauses[5.1.1].items[5.1.1.a].text.zh: ", "transcription debris"]),
    ("id-differs-from-file", _set(["id"], "other-2022"),
     ["id: ", "differs from the file name 'cts-q-zg025-2022'"]),
    ("bands-overlap", _set(["scoring", "bands", 1, "min_percent"], 20),
     ["scoring.bands[b2]: ", "overlaps"]),
    ("official-points-unknown-section",
     _set(["scoring", "official_points"], [{"id": "table-1", "name": {"zh": "表 1", "en": "Table 1"},
                                            "sections": {"5.1": 80, "5.9": 8}}]),
     ["scoring.official_points[table-1].sections: ", "unknown section '5.9'"]),
    ("official-points-not-the-total",
     _set(["scoring", "official_points"], [{"id": "table-1", "name": {"zh": "表 1", "en": "Table 1"},
                                            "sections": {"5.1": 80, "5.2": 7}}]),
     ["scoring.official_points[table-1].sections: ", "the figures add up to 87, not the total of 88"]),
    ("unknown-key", _set(["sections", 0, "clauses", 0, "weight"], 3),
     [("sections[0].clauses[0]: ", "sections[5.1].clauses[5.1.1]: "), "'weight' was unexpected"]),
]


def _expect_failure(path: Path, fragments: list[str | tuple[str, ...]]) -> RubricCheckError:
    with pytest.raises(RubricCheckError) as caught:
        check_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message              # the file, first
    assert "cts-q-zg025-2022.yaml" in message
    for fragment in fragments:
        choices = fragment if isinstance(fragment, tuple) else (fragment,)
        assert any(choice in message for choice in choices), (fragment, message)
    assert "\n" not in message
    return caught.value


@pytest.mark.parametrize("name,mutate,fragments", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rubric_names_file_path_and_reason(name, mutate, fragments, cts_data, tmp_path):
    """check_file on a broken copy raises RubricCheckError naming the file, the path inside it and why."""
    data = copy.deepcopy(cts_data)
    mutate(data)
    path = tmp_path / f"{CTS}.yaml"
    path.write_text(_yaml_text(data), encoding="utf-8")
    error = _expect_failure(path, fragments)
    assert error.file == str(path) and error.reason


def test_unbroken_copy_passes(cts_data, tmp_path):
    """The same round trip without a break passes, so the failures above come from the breaks."""
    path = tmp_path / f"{CTS}.yaml"
    path.write_text(_yaml_text(cts_data), encoding="utf-8")
    assert check_file(path).model.total_points == 88


def test_duplicate_yaml_key_names_the_line(cts_text, tmp_path):
    """A key written twice in the YAML fails naming the key and its line."""
    first = "            points: 1\n"
    at = cts_text.index(first) + len(first)
    text = cts_text[:at] + "            points: 2\n" + cts_text[at:]
    line = text[:at].count("\n") + 1
    path = tmp_path / f"{CTS}.yaml"
    path.write_text(text, encoding="utf-8")
    _expect_failure(path, [f"duplicate key 'points' at line {line}"])


def test_duplicate_top_level_yaml_key(cts_text, tmp_path):
    """A top-level key written twice fails naming that key."""
    text = cts_text.replace("code: CTS Q/ZG025-2022\n", "code: CTS Q/ZG025-2022\ncode: again\n", 1)
    assert text != cts_text
    path = tmp_path / f"{CTS}.yaml"
    path.write_text(text, encoding="utf-8")
    _expect_failure(path, ["duplicate key 'code' at line"])


def test_unparsable_rubric_names_the_file(tmp_path):
    """A rubric that is not valid YAML fails naming the file and the position."""
    path = tmp_path / f"{CTS}.yaml"
    path.write_text("id: cts-q-zg025-2022\nsections: [\n", encoding="utf-8")
    _expect_failure(path, ["not valid YAML", "line"])


def test_load_all_fails_on_a_broken_file(cts_text, tmp_path):
    """load_all over a folder with a broken rubric raises naming that file."""
    path = tmp_path / f"{CTS}.yaml"
    path.write_text(cts_text.replace("  total_points: 88", "  total_points: 87", 1), encoding="utf-8")
    with pytest.raises(RubricCheckError) as caught:
        load_all(tmp_path)
    assert str(path) in str(caught.value) and "not 87" in str(caught.value)


def test_load_all_fails_on_an_empty_folder(tmp_path):
    """load_all over a folder without rubrics says so."""
    with pytest.raises(RubricCheckError, match="no rubric files found"):
        load_all(tmp_path)


def test_points_sum_matches_total_in_every_rubric():
    """In every rubric the points (the items' own, or each shipped profile's) add up to the total."""
    for entry in load_all().values():
        total = Decimal(str(entry.data["scoring"]["total_points"]))
        if entry.model.points_provenance:
            summed = sum((item.points for item in entry.model.items.values()), Decimal(0))
            assert summed == entry.model.total_points == total
        else:
            assert entry.model.profiles, entry.id
            for profile in entry.model.profiles.values():
                assert sum((w.points for w in profile.items.values()), Decimal(0)) == total, profile.id
