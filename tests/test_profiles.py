"""Weight profiles: the shipped numbers, their provenance and method, and user profiles.

* Every provisional number in a shipped profile is what ``sitegen.splits.equal_split``
  gives under the method the profile states (recomputed here from the rubric's structure
  and the official totals typed in below), so the method written is the method used.
* Every official number equals the standard's table (typed in from public copies of the
  standards' Chinese text, never read from the profiles).
* Bad profiles are refused, naming the problem, by ``calculator.profiles.load_profile`` and
  by the CLI (``score FILE --profile BAD.yaml``: exit 2, one line ``error: ...``).
* A valid custom profile changes the result as worked by hand.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator.errors import ProfileError
from calculator.loaders import load_standard, read_file
from calculator.profiles import load_profile
from calculator.scoring import score
from sitegen.splits import equal_split

from conftest import CTS, REPO, RUBRICS_DIR, assert_clean_error, assert_clean_result, dec, run_cli

GBT = "gb-t-27922-2011"
SBT = "sb-t-10401-2006"
RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in (GBT, SBT, CTS)}

# Typed in: GB/T 27922-2011 6.2.1 (official), and 5.1.2.2 (reported by the explanatory
# article on GB/T 27922 certification by Shenzhen Tenglian Enterprise Management Consulting
# Co., Ltd., listed in rubrics/sources.yaml as tenglian-gbt-27922-explainer).
GBT_SECTIONS = {"5.1": 40, "5.2": 35, "5.3": 25}
GBT_REPORTED = {"5.1.2.2": 5}
# SB/T 10401-2006 Table A.1 and Table A.2 (official); Table B.1 is unknown: the sales
# profile's points are provisional.
SBT_TABLES = {
    "production-durable": {"A.1": 6, "A.2": 6, "A.3": 8, "A.4": 10, "A.5": 20, "A.6": 30, "A.7": 10, "A.8": 10},
    "production-fmcg": {"A.1": 12, "A.2": 12, "A.3": 20, "A.6": 40, "A.8": 16},
}
SHIPPED = {GBT: ["default"], SBT: ["production-durable", "production-fmcg", "sales"]}


def profile_path(standard: str, profile_id: str) -> Path:
    return RUBRICS_DIR / "profiles" / standard / f"{profile_id}.yaml"


def raw_profile(standard: str, profile_id: str) -> dict[str, Any]:
    """A shipped profile file as data (a fresh copy)."""
    return copy.deepcopy(read_file(profile_path(standard, profile_id)))


def units(standard: str, section_id: str) -> list[str]:
    """The scored units of one section of a rubric, in the standard's order."""
    section = next(s for s in RUBRICS[standard].sections if s.id == section_id)
    return [item.id for clause in section.clauses for item in clause.items]


def shipped_profiles() -> list[tuple[str, str]]:
    return [(standard, pid) for standard, ids in SHIPPED.items() for pid in ids]




# --- the shipped profiles: method and provenance ------------------------------------------


def test_shipped_profiles_are_the_ones_listed(cli):
    """`profiles STANDARD` lists the shipped profiles: three for SB/T, `default` for GB/T, `standard` for CTS."""
    for standard, ids in SHIPPED.items():
        run = cli("profiles", standard)
        assert run.returncode == 0, run.stderr
        assert run.stdout.split() == ids
        assert sorted(RUBRICS[standard].profiles) == ids
        assert sorted(p.stem for p in (RUBRICS_DIR / "profiles" / standard).glob("*.yaml")) == ids
    run = cli("profiles", CTS)
    assert run.returncode == 0 and run.stdout.split() == ["standard"]


@pytest.mark.parametrize("standard,profile_id", shipped_profiles(), ids=[p for _, p in shipped_profiles()])
def test_method_text_states_the_equal_split(standard, profile_id):
    """Each shipped profile's method says: shared equally to 0.01, left-over cents first (largest remainder)."""
    method = raw_profile(standard, profile_id)["method"]
    assert "shared equally" in method["en"] and "0.01" in method["en"] and "largest-remainder" in method["en"]
    assert "平均分配" in method["zh"] and "0.01" in method["zh"] and "最大余数法" in method["zh"]
    assert "provisional" in method["en"] and "暂定" in method["zh"]


def test_gbt_provisional_numbers_are_the_stated_equal_split():
    """GB/T default: each first-level total minus its reported points is shared equally among the rest."""
    items = raw_profile(GBT, "default")["items"]
    for section_id, total in GBT_SECTIONS.items():
        ids = units(GBT, section_id)
        fixed = {i: p for i, p in GBT_REPORTED.items() if i in ids}
        rest = [i for i in ids if i not in fixed]
        # 5.1: 40 - 5 (5.1.2.2) among the other 18 indicators; 5.2: 35 among 24; 5.3: 25 among 8
        assert len(rest) == {"5.1": 18, "5.2": 24, "5.3": 8}[section_id]
        expected = equal_split(Decimal(total) - sum(Decimal(p) for p in fixed.values()), rest)
        for item_id in rest:
            assert items[item_id]["provenance"] == "provisional", item_id
            assert dec(items[item_id]["points"]) == expected[item_id], item_id
    assert set(items) == {i for s in GBT_SECTIONS for i in units(GBT, s)}


@pytest.mark.parametrize("profile_id", ["production-durable", "production-fmcg", "sales"])
def test_sbt_provisional_numbers_are_the_stated_equal_split(profile_id):
    """SB/T: each item's points are shared equally among its conditions; every condition point is provisional."""
    data = raw_profile(SBT, profile_id)
    for section_id, weight in data["sections"].items():
        ids = units(SBT, section_id)
        expected = equal_split(dec(weight["points"]), ids)
        for item_id in ids:
            assert data["items"][item_id]["provenance"] == "provisional", item_id
            assert dec(data["items"][item_id]["points"]) == expected[item_id], item_id
    assert set(data["items"]) == {i for s in data["sections"] for i in units(SBT, s)}


# Worked by hand (cents): total x 100 = n x share + left; `left` units get share + 1 cent.
HAND_SPLITS = [
    # (standard, profile, section, units, how many get the higher value, higher, lower)
    (GBT, "default", "5.1", 18, 8, "1.95", "1.94"),    # 3500 = 18 x 194 + 8 (5.1.2.2 set aside)
    (GBT, "default", "5.2", 24, 20, "1.46", "1.45"),   # 3500 = 24 x 145 + 20
    (GBT, "default", "5.3", 8, 4, "3.13", "3.12"),     # 2500 = 8 x 312 + 4
    (SBT, "production-durable", "A.1", 11, 6, "0.55", "0.54"),   # 600 = 11 x 54 + 6
    (SBT, "production-durable", "A.6", 6, 0, "5", "5"),          # 3000 = 6 x 500
    (SBT, "production-durable", "A.7", 9, 1, "1.12", "1.11"),    # 1000 = 9 x 111 + 1
    (SBT, "production-fmcg", "A.1", 11, 1, "1.10", "1.09"),      # 1200 = 11 x 109 + 1
    (SBT, "production-fmcg", "A.6", 6, 4, "6.67", "6.66"),       # 4000 = 6 x 666 + 4
    (SBT, "sales", "B.4", 3, 2, "6.67", "6.66"),                 # 2000 = 3 x 666 + 2
]


@pytest.mark.parametrize("standard,profile_id,section_id,count,high_count,high,low", HAND_SPLITS,
                         ids=[f"{h[1]}-{h[2]}" for h in HAND_SPLITS])
def test_hand_worked_splits(standard, profile_id, section_id, count, high_count, high, low):
    """Spot checks of the largest-remainder split, worked by hand, in the shipped files and in equal_split."""
    items = raw_profile(standard, profile_id)["items"]
    ids = [i for i in units(standard, section_id) if i not in GBT_REPORTED]
    assert len(ids) == count
    want = [Decimal(high)] * high_count + [Decimal(low)] * (count - high_count)
    assert [dec(items[i]["points"]) for i in ids] == want
    assert list(equal_split(sum(want), ids).values()) == want


def test_gbt_official_and_reported_numbers_are_the_standards():
    """GB/T default: 5.1 40, 5.2 35, 5.3 25 official (6.2.1); 5.1.2.2 5 reported with its source; nothing else."""
    data = raw_profile(GBT, "default")
    assert {k: (dec(v["points"]), v["provenance"]) for k, v in data["sections"].items()} == {
        k: (Decimal(p), "official") for k, p in GBT_SECTIONS.items()}
    manager = data["items"]["5.1.2.2"]
    assert (dec(manager["points"]), manager["provenance"]) == (5, "reported")
    assert manager["source"] == "tenglian-gbt-27922-explainer", "a reported number names its document"
    others = {k: v["provenance"] for k, v in data["items"].items() if k != "5.1.2.2"}
    assert set(others.values()) == {"provisional"}
    assert dec(data["total"]) == 100


@pytest.mark.parametrize("profile_id", sorted(SBT_TABLES))
def test_sbt_official_numbers_are_tables_a1_and_a2(profile_id):
    """The production profiles' item points are exactly Table A.1 / Table A.2, all official."""
    data = raw_profile(SBT, profile_id)
    assert {k: (dec(v["points"]), v["provenance"]) for k, v in data["sections"].items()} == {
        k: (Decimal(p), "official") for k, p in SBT_TABLES[profile_id].items()}
    assert list(data["sections"]) == list(SBT_TABLES[profile_id])
    assert dec(data["total"]) == 100


def test_sbt_sales_numbers_are_all_provisional():
    """Table B.1 is unknown: every number of the sales profile is provisional, none claims to be official."""
    data = raw_profile(SBT, "sales")
    assert list(data["sections"]) == [f"B.{n}" for n in range(1, 9)]
    assert {v["provenance"] for v in [*data["sections"].values(), *data["items"].values()]} == {"provisional"}
    assert sum(dec(v["points"]) for v in data["sections"].values()) == 100
    assert RUBRICS[SBT].profiles["sales"].provisional


def test_cts_points_are_the_standards_one_each():
    """CTS Q/ZG025-2022 6.2 a): every one of the 88 items is worth 1 point, official; no profile is shipped."""
    rubric = RUBRICS[CTS]
    assert len(rubric.items) == 88 and rubric.total_points == 88
    assert {item.points for item in rubric.items.values()} == {Decimal(1)}
    assert rubric.points_provenance == "official" and not rubric.profiles


def test_the_rubrics_hold_the_standards_own_tables():
    """The official figures a profile is checked against (the rubrics' official_points) are 6.2.1's
    40 / 35 / 25 and Tables A.1 and A.2, as typed in here from the standards."""
    assert [(t.name["en"], t.sections) for t in RUBRICS[GBT].official] == [
        ("GB/T 27922-2011 6.2.1", {k: Decimal(v) for k, v in GBT_SECTIONS.items()})]
    assert [(t.name["en"], t.sections) for t in RUBRICS[SBT].official] == [
        (f"SB/T 10401-2006 Table {name}", {k: Decimal(v) for k, v in SBT_TABLES[pid].items()})
        for name, pid in (("A.1", "production-durable"), ("A.2", "production-fmcg"))]
    assert RUBRICS[CTS].official == ()


def moved_points(provenance: str) -> dict[str, Any]:
    """The custom GB/T profile with 5 points moved from 5.2 to 5.1 (5.1.1.1 22 -> 27, 5.2.1.1 12 -> 7):
    sections 45 / 30 / 25, still 100 in all, the sections marked ``provenance``."""
    data = custom_gbt()
    data["items"]["5.1.1.1"]["points"] = 27
    data["items"]["5.2.1.1"]["points"] = 7
    data["sections"] = {"5.1": {"points": 45, "provenance": provenance}, "5.2": {"points": 30, "provenance": provenance},
                        "5.3": {"points": 25, "provenance": provenance}}
    return data


def test_changed_first_level_points_may_be_provisional_but_not_official(cli, write_assessment, tmp_path):
    """A body that moves 5 points from 5.2 to 5.1 may say so as provisional (the result is then marked
    provisional), never as official: that is refused naming 5.1, 45 and 6.2.1's 40, in both languages."""
    profile = load_profile(moved_points("provisional"), RUBRICS[GBT])
    assert profile.sections["5.1"].points == 45 and profile.provisional
    path = tmp_path / "moved.yaml"
    path.write_text(yaml.safe_dump(moved_points("official"), allow_unicode=True), encoding="utf-8")
    assessment = write_assessment({"standard": GBT, "ratings": {}})
    assert_clean_error(cli("--lang", "en", "score", assessment, "--profile", path),
                       "sections[5.1]: 45 is marked official, but the standard's own figure is 40 (GB/T 27922-2011 6.2.1)")
    assert_clean_error(cli("score", assessment, "--profile", path),
                       "sections[5.1]：分值 45 标为官方分值（official），但标准本身规定的是 40（GB/T 27922-2011 6.2.1）")


def cts_profile(**points: tuple[float, str]) -> dict[str, Any]:
    """A CTS profile of every item at 1 point, official, but for ``points`` (item id -> (points, provenance))."""
    items = {i: {"points": 1, "provenance": "official"} for i in RUBRICS[CTS].items}
    for item_id, (value, provenance) in points.items():
        items[item_id] = {"points": value, "provenance": provenance}
    return {"standard": CTS, "id": "cts-body", "title": {"zh": "甲", "en": "A"}, "total": 88, "items": items}


def test_cts_items_marked_official_must_be_worth_one_point():
    """CTS fixes 1 point per item (6.2 a)): a profile of 1s marked official loads; an item marked official at 2
    is refused naming the standard's 1, and a section total marked official must be its items' sum: 5.1 holds
    11 items (5.1.1 3 + 5.1.2 3 + 5.1.3 2 + 5.1.4 3, as test_rubrics counts them from the standard)."""
    assert load_profile(cts_profile(), RUBRICS[CTS]).items["5.1.1.a"].points == 1
    weighted = cts_profile(**{"5.1.1.a": (2, "official"), "5.1.1.b": (0.5, "provisional"),
                              "5.1.1.c": (0.5, "provisional")})
    with pytest.raises(ProfileError, match=re.escape(
            "items[5.1.1.a]: 2 is marked official, but the standard's own figure is 1 (CTS Q/ZG025-2022)")):
        load_profile(weighted, RUBRICS[CTS])
    for points, ok in ((11, True), (12, False)):
        data = {**cts_profile(), "sections": {"5.1": {"points": points, "provenance": "official"}}}
        if ok:
            assert load_profile(data, RUBRICS[CTS]).sections["5.1"].points == 11
        else:
            with pytest.raises(ProfileError, match=re.escape(
                    "sections[5.1]: 12 is marked official, but the standard's own figure is 11 (CTS Q/ZG025-2022)")):
                load_profile(data, RUBRICS[CTS])


@pytest.mark.parametrize("standard,profile_id", shipped_profiles(), ids=[p for _, p in shipped_profiles()])
def test_loaded_profile_equals_the_file(standard, profile_id):
    """The profile the calculator loads holds exactly the file's numbers and provenance."""
    data = raw_profile(standard, profile_id)
    loaded = RUBRICS[standard].profiles[profile_id]
    assert loaded.id == profile_id == data["id"] and loaded.standard == standard
    assert {k: (w.points, w.provenance) for k, w in loaded.items.items()} == {
        k: (dec(v["points"]), v["provenance"]) for k, v in data["items"].items()}
    assert {k: (w.points, w.provenance) for k, w in loaded.sections.items()} == {
        k: (dec(v["points"]), v["provenance"]) for k, v in data["sections"].items()}


# --- bad profiles -----------------------------------------------------------------------------


def gbt(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = raw_profile(GBT, "default")
    change(data)
    return data


def sbt_fmcg(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = raw_profile(SBT, "production-fmcg")
    change(data)
    return data


def sbt_sales(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = raw_profile(SBT, "sales")
    change(data)
    return data


def _set(path: list[str], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _drop(path: list[str]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)
    return change


def _numeric_section_id(data: dict[str, Any]) -> None:
    data["sections"] = {(5.1 if k == "5.1" else k): v for k, v in data["sections"].items()}


# (id, bad profile data, standard of the assessment it is used with, fragments of the message)
BAD_PROFILES = [
    ("points-sum-to-101", gbt(_both(_drop(["sections"]),
                                    _set(["items", "5.1.1.1"], {"points": 2.95, "provenance": "provisional"}))),
     GBT, ["points add up to 101", "total of 100"]),
    ("total-not-100", gbt(_set(["total"], 90)), GBT, ["total", "90", "100"]),
    ("unknown-item-id", gbt(_set(["items", "5.9.9.9"], {"points": 1, "provenance": "provisional"})), GBT,
     ["unknown item '5.9.9.9'", GBT]),
    ("clause-id-as-item", gbt(_set(["items", "5.1.1"], {"points": 1, "provenance": "provisional"})), GBT,
     ["unknown item '5.1.1'"]),
    ("unknown-section", gbt(_set(["sections", "5.4"], {"points": 10, "provenance": "official"})), GBT,
     ["unknown section '5.4'"]),
    ("item-left-out", gbt(_drop(["items", "5.3.2.3"])), GBT, ["no points for '5.3.2.3'", "'5.3'"]),
    ("unscored-item-of-fmcg-given-points",
     sbt_fmcg(_set(["items", "A.4.1.1"], {"points": 1, "provenance": "provisional"})), SBT,
     ["no points for 'A.4.1.2'", "'A.4'"]),
    ("items-not-adding-up-to-section",
     gbt(_set(["items", "5.1.1.1"], {"points": 2.95, "provenance": "provisional"})), GBT,
     ["items of section '5.1' add up to 41", "40"]),
    ("numeric-section-id", gbt(_numeric_section_id), GBT, ["5.1", "quoted text"]),
    ("reported-without-source", gbt(_set(["items", "5.1.2.2"], {"points": 5, "provenance": "reported"})), GBT,
     ["5.1.2.2", "reported number must name its source"]),
    ("reported-with-blank-source", gbt(_set(["items", "5.1.2.2"], {"points": 5, "provenance": "reported",
                                                                     "source": "  "})), GBT,
     ["5.1.2.2", "must name its source"]),
    ("zero-points", gbt(_set(["items", "5.1.1.1"], {"points": 0, "provenance": "provisional"})), GBT,
     ["5.1.1.1", "must be positive", "0"]),
    ("negative-points", gbt(_set(["items", "5.1.1.1"], {"points": -1.95, "provenance": "provisional"})), GBT,
     ["5.1.1.1", "must be positive", "-1.95"]),
    ("negative-section", gbt(_set(["sections", "5.3"], {"points": -25, "provenance": "official"})), GBT,
     ["5.3", "must be positive"]),
    ("points-as-text", gbt(_set(["items", "5.1.1.1"], {"points": "1.95", "provenance": "provisional"})), GBT,
     ["5.1.1.1", "must be a number", '"1.95"']),
    ("unknown-top-level-key", gbt(_set(["weights"], {})), GBT, ["unknown key 'weights'"]),
    ("unknown-weight-key", gbt(_set(["items", "5.1.1.1"], {"points": 1.95, "provenance": "provisional",
                                                          "note": "x"})), GBT,
     ["5.1.1.1", "unknown key 'note'"]),
    ("unknown-provenance", gbt(_set(["items", "5.1.1.1"], {"points": 1.95, "provenance": "guess"})), GBT,
     ["5.1.1.1", "provenance", '"guess"']),
    ("no-items", gbt(_set(["items"], {})), GBT, ["no scored items"]),
    ("no-id", gbt(_drop(["id"])), GBT, ["'id'"]),
    # a number marked official must be the standard's own figure (6.2.1: 40, 35, 25; Tables A.1 / A.2)
    ("official-section-changed", gbt(_set(["sections", "5.1"], {"points": 45, "provenance": "official"})), GBT,
     ["sections[5.1]: 45 is marked official, but the standard's own figure is 40 (GB/T 27922-2011 6.2.1)"]),
    ("official-item", gbt(_set(["items", "5.1.1.1"], {"points": 1.95, "provenance": "official"})), GBT,
     ["items[5.1.1.1]: marked official, but GB/T 27922-2011 fixes no points for it"]),
    ("official-from-the-other-table", sbt_fmcg(_set(["sections", "A.1"], {"points": 6, "provenance": "official"})),
     SBT, ["sections[A.1]: 6 is marked official, but the standard's own figure is 12 (SB/T 10401-2006 Table A.2)"]),
    ("official-table-b1", sbt_sales(_set(["sections", "B.1"], {"points": 6, "provenance": "official"})), SBT,
     ["sections[B.1]: marked official, but SB/T 10401-2006 fixes no points for it"]),
    ("id-not-a-plain-name", gbt(_set(["id"], "__proto__")), GBT, ["'id'", "lower-case", '"__proto__"']),
    ("no-title", gbt(_drop(["title"])), GBT, ["'title'"]),
]
BAD_IDS = [b[0] for b in BAD_PROFILES]


@pytest.mark.parametrize("name,data,standard,fragments", BAD_PROFILES, ids=BAD_IDS)
def test_bad_profile_refused_by_load_profile(name, data, standard, fragments):
    """load_profile refuses the bad profile with a ProfileError naming the problem."""
    with pytest.raises(ProfileError) as caught:
        load_profile(data, RUBRICS[standard])
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize("name,data,standard,fragments", BAD_PROFILES, ids=BAD_IDS)
def test_bad_profile_refused_by_cli(name, data, standard, fragments, cli, write_assessment, tmp_path):
    """`score FILE --profile BAD.yaml` exits 2 with one line naming the problem."""
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assessment = write_assessment({"standard": standard, "ratings": dict.fromkeys(RUBRICS[standard].items, 1)})
    assert_clean_error(cli("--lang", "en", "score", assessment, "--profile", path), *fragments)


def test_numeric_id_really_is_unquoted_yaml(tmp_path):
    """The numeric-id case is the YAML a user writes without quotes: `5.1:` reads as a number."""
    data = dict(BAD_PROFILES[BAD_IDS.index("numeric-section-id")][1])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    assert "\n  5.1:" in text
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    assert 5.1 in read_file(path)["sections"]


def test_profile_for_another_standard_is_refused(cli, write_assessment):
    """An SB/T profile is refused for a GB/T rubric (load_profile) and for a GB/T assessment (CLI)."""
    data = raw_profile(SBT, "production-fmcg")
    with pytest.raises(ProfileError, match=r"profile is for 'sb-t-10401-2006', not 'gb-t-27922-2011'"):
        load_profile(data, RUBRICS[GBT])
    assessment = write_assessment({"standard": GBT, "ratings": dict.fromkeys(RUBRICS[GBT].items, 1)})
    assert_clean_error(cli("--lang", "en", "score", assessment, "--profile", profile_path(SBT, "production-fmcg")),
                       "'production-fmcg'", SBT, GBT)


def test_items_with_a_profile_for_another_standard_is_refused(cli):
    """`items gb-t-27922-2011 --profile SBT-PROFILE.yaml` is a clean error, not an empty list and exit 0."""
    run = cli("items", GBT, "--profile", profile_path(SBT, "production-fmcg"))
    assert_clean_error(run, SBT, GBT)


# --- a valid custom profile ---------------------------------------------------------------------


def custom_gbt() -> dict[str, Any]:
    """All 51 GB/T indicators: 5.1 = 5.1.1.1 22 + 18 x 1; 5.2 = 5.2.1.1 12 + 23 x 1; 5.3 = 5.3.1.1 18 + 7 x 1."""
    heavy = {"5.1.1.1": 22, "5.2.1.1": 12, "5.3.1.1": 18}
    items = {i: {"points": heavy.get(i, 1), "provenance": "provisional"}
             for s in GBT_SECTIONS for i in units(GBT, s)}
    return {
        "standard": GBT, "id": "body-x", "title": {"zh": "某认证机构评分表", "en": "Body X scoring sheet"},
        "method": {"zh": "测试用", "en": "for the tests"}, "total": 100,
        "sections": {k: {"points": p, "provenance": "official"} for k, p in GBT_SECTIONS.items()},
        "items": items,
    }


CUSTOM_CASES = [
    # (name, overrides on all-1 ratings, default-profile score, custom score, custom level)
    # default: 5.1.1.1 (1.95) lost -> 98.05 five stars; custom: 22 lost -> 78.00 dabiao
    ("heavy-indicator-lost", {"5.1.1.1": 0}, "98.05", "78", "dabiao"),
    # custom: 5.3.1.1 (18) excluded -> applicable 82; 5.2.1.1 (12) at half loses 6 -> 76 / 82 = 92.6829... -> 92.68
    # default: applicable 100 - 3.13 = 96.87; 1.46 x 0.5 = 0.73 lost -> 96.14 / 96.87 = 99.2464... -> 99.25
    ("excluded-and-half", {"5.3.1.1": "na", "5.2.1.1": 0.5}, "99.25", "92.68", "four-star"),
    # a light indicator lost costs 1 point under the custom profile: 99.00; default 5.1.7.3 (1.94) -> 98.06
    ("light-indicator-lost", {"5.1.7.3": 0}, "98.06", "99", "five-star"),
]


@pytest.mark.parametrize("name,overrides,default_score,custom_score,level", CUSTOM_CASES,
                         ids=[c[0] for c in CUSTOM_CASES])
def test_custom_profile_changes_the_result(name, overrides, default_score, custom_score, level, cli,
                                           write_assessment, tmp_path):
    """A valid custom GB/T profile is accepted and gives the hand-worked score, in the API and the CLI."""
    data = {"standard": GBT, "ratings": {**dict.fromkeys(RUBRICS[GBT].items, 1), **overrides}}
    custom = load_profile(custom_gbt(), RUBRICS[GBT])
    assert dec(score(RUBRICS, data)["score"]) == Decimal(default_score)
    result = score(RUBRICS, data, custom)
    assert dec(result["score"]) == Decimal(custom_score) and result["level"] == level
    assert result["profile"] == {"id": "body-x", "title": custom_gbt()["title"]}
    path = tmp_path / "body-x.yaml"
    path.write_text(yaml.safe_dump(custom_gbt(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    run = cli("score", write_assessment(data), "--profile", path)
    assert assert_clean_result(run) == result


def test_custom_profile_without_sections_scores_the_same():
    """`sections` is optional: without it the section totals are the items' sums, and the result is the same."""
    data = {"standard": GBT, "ratings": {**dict.fromkeys(RUBRICS[GBT].items, 1), "5.1.1.1": 0}}
    with_sections = load_profile(custom_gbt(), RUBRICS[GBT])
    without = load_profile({k: v for k, v in custom_gbt().items() if k != "sections"}, RUBRICS[GBT])
    assert score(RUBRICS, data, without) == score(RUBRICS, data, with_sections)


def test_custom_profile_listed_by_items(cli, tmp_path):
    """`items gb-t-27922-2011 --profile FILE` lists the 51 indicators the custom profile scores."""
    path = tmp_path / "body-x.json"
    path.write_text(json.dumps(custom_gbt(), ensure_ascii=False), encoding="utf-8")
    run = cli("items", GBT, "--profile", path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == list(RUBRICS[GBT].items) and len(run.stdout.split()) == 51


# --- profiles named by an assessment or on the command line -------------------------------------


@pytest.mark.parametrize("standard,shipped", [
    (SBT, "production-durable, production-fmcg, sales"), (GBT, "default"), (CTS, "standard")])
def test_unknown_profile_named_in_assessment(standard, shipped, cli, write_assessment):
    """`profile: retail` in an assessment is refused with the shipped profiles listed (API and CLI)."""
    data = {"standard": standard, "profile": "retail", "ratings": {}}
    with pytest.raises(ProfileError) as caught:
        score(RUBRICS, data)
    assert f"unknown profile 'retail' for {standard}; shipped: {shipped}" in str(caught.value)
    assert_clean_error(cli("--lang", "en", "score", write_assessment(data)), "unknown profile 'retail'",
                       f"shipped: {shipped}")


def test_unknown_profile_on_the_command_line(cli, write_assessment):
    """`--profile retail` (not a file, not a shipped id) is a clean error listing the shipped ones."""
    path = write_assessment({"standard": SBT, "ratings": {}})
    assert_clean_error(cli("--lang", "en", "score", path, "--profile", "retail"), "unknown profile 'retail'",
                       "production-durable, production-fmcg, sales")
    assert_clean_error(cli("--lang", "en", "items", SBT, "--profile", "retail"), "unknown profile 'retail'")


def test_missing_profile_file_is_a_clean_error(cli, write_assessment, tmp_path):
    """`--profile nothing.yaml` that does not exist: one line naming the file."""
    path = write_assessment({"standard": GBT, "ratings": {}})
    assert_clean_error(cli("--lang", "en", "score", path, "--profile", tmp_path / "nothing.yaml"), "nothing.yaml",
                       "no such file")


def test_items_of_the_fmcg_profile(cli):
    """`items sb-t-10401-2006 --profile production-fmcg` lists exactly the conditions of A.1, A.2, A.3, A.6, A.8."""
    run = cli("items", SBT, "--profile", "production-fmcg")
    assert run.returncode == 0, run.stderr
    listed = run.stdout.split()
    assert listed == [i for s in ("A.1", "A.2", "A.3", "A.6", "A.8") for i in units(SBT, s)]
    # A.1 11 + A.2 11 + A.3 12 + A.6 6 + A.8 7 conditions
    assert len(listed) == 47 and listed[0] == "A.1.1.1" and listed[-1] == "A.8.3.3"
    assert not [i for i in listed if i.startswith(("A.4.", "A.5.", "A.7.", "B."))]
    assert "A.6.1" in listed and "A.6.2" in listed


def test_profile_given_twice_is_refused(write_assessment: Any) -> None:
    """An assessment naming one profile and --profile naming another is refused, not silently overridden."""
    data = {"standard": "sb-t-10401-2006", "profile": "production-fmcg", "ratings": {}}
    done = run_cli("score", write_assessment(data), "--profile",
                   str(REPO / "rubrics" / "profiles" / "sb-t-10401-2006" / "sales.yaml"))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "production-fmcg" in done.stderr and "sales" in done.stderr


def test_items_with_another_standards_profile_names_both() -> None:
    """items STANDARD --profile FILE of another standard says which standard the profile is for."""
    done = run_cli("--lang", "en", "items", "gb-t-27922-2011", "--profile",
                   str(REPO / "rubrics" / "profiles" / "sb-t-10401-2006" / "production-fmcg.yaml"))
    assert done.returncode == 2
    assert "is for sb-t-10401-2006, not gb-t-27922-2011" in done.stderr


# What a JSON schema cannot say, which calculator/profiles.py checks on its own: ids the rubric
# knows, complete sections, sums and the total of 100, and keys that must be text.
SCHEMA_CANNOT = {"points-sum-to-101", "total-not-100", "unknown-item-id", "clause-id-as-item", "unknown-section",
                 "item-left-out", "unscored-item-of-fmcg-given-points", "items-not-adding-up-to-section",
                 "numeric-section-id", "official-section-changed", "official-item", "official-from-the-other-table",
                 "official-table-b1"}


@pytest.mark.parametrize("name,data,standard,fragments", BAD_PROFILES, ids=BAD_IDS)
def test_bad_profile_against_the_published_schema(name, data, standard, fragments):
    """rubrics/profile.schema.json refuses every bad profile whose fault is one of shape, and accepts
    exactly those whose fault only the calculator can see, so the two checks cannot drift apart."""
    import jsonschema

    schema = json.loads((REPO / "rubrics" / "profile.schema.json").read_text("utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(json.dumps(data, default=str))))
    if name in SCHEMA_CANNOT:
        assert errors == [], [e.message for e in errors]
    else:
        assert errors, f"{name}: the schema accepts what the calculator refuses"


def test_shipped_profiles_pass_the_published_schema():
    """Every shipped weight profile is valid against rubrics/profile.schema.json."""
    import jsonschema

    schema = json.loads((REPO / "rubrics" / "profile.schema.json").read_text("utf-8"))
    files = sorted((REPO / "rubrics" / "profiles").glob("*/*.yaml"))
    assert len(files) == 4
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
