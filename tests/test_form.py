"""The calculator's form model (calculator/form.py): what the page draws for a standard and a
weight profile, made by the same code at build time and in the browser's worker."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import api
from calculator.form import form_model, item_label, profile_view, sign
from calculator.loaders import rubric_data
from calculator.model import load_rubric
from sitegen import bundle

from conftest import CTS, RUBRICS_DIR

GBT = "gb-t-27922-2011"
SBT = "sb-t-10401-2006"
STANDARDS = (CTS, GBT, SBT)


def model(standard: str) -> dict[str, Any]:
    data = rubric_data(standard, RUBRICS_DIR)
    return form_model(data, load_rubric(data))


def item_ids(form: dict[str, Any], sections: list[str] | None = None) -> list[str]:
    return [item["id"] for s in form["sections"] if sections is None or s["id"] in sections
            for c in s["clauses"] for item in c["items"]]


@pytest.mark.parametrize("standard", STANDARDS)
def test_every_item_is_in_exactly_one_visible_section_under_the_default_profile(standard: str) -> None:
    """Under the default profile every item the profile scores appears once in the sections shown, and only those."""
    form = model(standard)
    default = form["profiles"][0]
    assert default["id"] == form["default_profile"]
    shown = item_ids(form, default["sections"])
    assert len(shown) == len(set(shown))
    assert sorted(shown) == sorted(default["items"])


def test_cts_shows_all_88_lettered_items_in_its_six_sections() -> None:
    """CTS Q/ZG025-2022 6.2 a): 88 items of 1 point in 5.1 to 5.6, all shown, none provisional."""
    form = model(CTS)
    (standard,) = form["profiles"]
    assert standard["sections"] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6"]
    assert len(standard["items"]) == 88 and not standard["provisional"]
    assert form["choose_profile"] is False


def test_sbt_sections_per_profile_follow_tables_a1_a2_and_annex_b() -> None:
    """SB/T 10401-2006: Table A.1 scores the eight items of Appendix A, Table A.2 leaves out
    A.4 delivery and installation, A.5 repair and A.7 customer management; Appendix B is shown
    only under the sales profile, and never beside Appendix A."""
    form = model(SBT)
    views = {view["id"]: view for view in form["profiles"]}
    annex = {section["id"]: section["annex"] for section in form["sections"]}
    assert views["production-durable"]["sections"] == [f"A.{n}" for n in range(1, 9)]
    assert views["production-fmcg"]["sections"] == ["A.1", "A.2", "A.3", "A.6", "A.8"]
    for production in ("production-durable", "production-fmcg"):
        assert all(annex[s] == "A" for s in views[production]["sections"])  # Appendix B hidden
    assert views["sales"]["sections"] == [f"B.{n}" for n in range(1, 9)]
    assert form["profiles"][0]["id"] == "production-durable"  # the rubric's default profile comes first


def test_provisional_flags_come_from_the_profiles() -> None:
    """GB/T 27922 fixes only its three first-level totals, so the default per-indicator points are
    provisional; CTS fixes 1 point per item itself, so its points are not."""
    assert model(GBT)["profiles"][0]["provisional"] is True
    assert model(CTS)["profiles"][0]["provisional"] is False


def test_item_labels_are_the_standards_letters_or_the_item_id() -> None:
    """A lettered CTS item is 'a)' as printed; GB/T indicators and SB/T conditions keep their ids."""
    assert item_label("5.1.1.a", "5.1.1") == "a)"
    assert item_label("5.1.1.1", "5.1.1") == "5.1.1.1"
    cts = model(CTS)["sections"][0]["clauses"][0]
    assert [i["label"] for i in cts["items"]][:2] == ["a)", "b)"]
    gbt = model(GBT)["sections"][0]["clauses"][0]["items"][0]
    assert gbt["label"] == gbt["id"]


@pytest.mark.parametrize("standard", STANDARDS)
def test_items_carry_the_list_their_text_introduces(standard: str) -> None:
    """An item whose text ends "including:" carries its parts in the rubric's order and wording, lettered a), b),
    c) where the rubric says the standard letters them (GB/T 5.1.3.2 and 5.1.3.3), and no item loses a part."""
    data = rubric_data(standard, RUBRICS_DIR)
    raw = {item["id"]: item for s in data["sections"] for c in _all_clauses(s["clauses"]) for item in c["items"]}
    drawn = {item["id"]: item for s in model(standard)["sections"] for c in s["clauses"] for item in c["items"]}
    assert drawn.keys() == raw.keys()
    for item_id, item in raw.items():
        parts = item.get("parts", [])
        assert [p["text"] for p in drawn[item_id]["parts"]] == [{"zh": p["zh"], "en": p["en"]} for p in parts]
        letters = [f"{letter})" for letter in "abcdefghij"[:len(parts)]]
        expected = letters if item.get("parts_style") == "letters" else [None] * len(parts)
        assert [p["label"] for p in drawn[item_id]["parts"]] == expected, item_id
    if standard == GBT:
        assert [p["label"] for p in drawn["5.1.3.3"]["parts"]] == ["a)", "b)", "c)"]
        assert drawn["5.1.3.3"]["parts"][0]["text"]["zh"].startswith("办公场所")


def _all_clauses(clauses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for clause in clauses:
        out.extend(_all_clauses(clause["clauses"]) if "clauses" in clause else [clause])
    return out


def test_quantitative_conditions_use_the_sign_people_read() -> None:
    """'>=' in the rubric is shown as '≥' (GB/T 27922 5.1.2.2's 10%); '>' stays '>' (SB/T A.3.2.2's 70%)."""
    assert sign(">=") == "≥" and sign("<=") == "≤" and sign(">") == ">"
    quantities = {item["id"]: item["quantitative"] for s in model(GBT)["sections"] for c in s["clauses"]
                  for item in c["items"] if item["quantitative"]}
    assert any(q["sign"] == "≥" and q["threshold"] == "10" and q["unit"] == "%" for q in quantities.values())
    assert all(">=" not in json.dumps(q) for q in quantities.values())


def test_rating_choices_are_the_bands_of_table_1_or_met_and_not_met() -> None:
    """CTS rates by Table 1's five bands, each counted at its upper bound (20 ... 100%), or 0 when not
    met; GB/T and SB/T by met (1) or not met (0); all may be partly met or not applicable."""
    cts = [(o["value"], o["full"]) for o in model(CTS)["options"]]
    assert cts == [("0", False), ("0.2", False), ("0.4", False), ("0.6", False), ("0.8", False), ("1", True),
                   ("exact", False), ("na", False)]
    counts = [o["label"]["params"].get("counts") for o in model(CTS)["options"] if o["label"]["code"] == "band"]
    assert counts == ["20", "40", "60", "80", "100"]
    assert [o["value"] for o in model(GBT)["options"]] == ["1", "0", "exact", "na"]


@pytest.mark.parametrize("standard", STANDARDS)
def test_the_build_ships_what_the_worker_computes(standard: str) -> None:
    """assets/calc/form/<id>.json (build) is what calculator.api.form_json answers in the browser, plus the
    language runs the build adds."""
    data = rubric_data(standard, RUBRICS_DIR)
    built = json.loads(bundle.form_json(data, load_rubric(data)))
    assert set(built.pop("runs")) == {"zh", "en"}
    api.add_rubric(json.dumps(data, ensure_ascii=False))
    answer = json.loads(api.form_json(standard))
    assert answer["ok"] and answer["form"] == built


def test_the_build_marks_the_chinese_words_of_an_english_item_text() -> None:
    """The GB/T form's runs cut the English text of 5.1.2.2 at its Chinese term, as langmark marks it on pages,
    and hold no text without words of the other language."""
    data = rubric_data(GBT, RUBRICS_DIR)
    built = json.loads(bundle.form_json(data, load_rubric(data)))
    [item] = [item for part in built["sections"] for clause in part["clauses"] for item in clause["items"]
              if item["id"] == "5.1.2.2"]
    cut = built["runs"]["en"][item["text"]["en"]]
    assert "".join(words for words, _ in cut) == item["text"]["en"]
    assert [words for words, other in cut if other == "zh"] == ["售后服务管理师"]
    for lang, texts in built["runs"].items():
        assert all(any(other for _, other in cut) for cut in texts.values()), lang


def test_a_custom_profile_view_and_a_refused_one() -> None:
    """A user's GB/T profile gives its own view (custom, its items); one that does not add up is refused naming the sum."""
    data = rubric_data(GBT, RUBRICS_DIR)
    api.add_rubric(json.dumps(data, ensure_ascii=False))
    custom = dict(data["profiles"]["default"], id="mine", title={"zh": "我的", "en": "Mine"})
    answer = json.loads(api.profile_view_json(json.dumps(custom, ensure_ascii=False)))
    assert answer["ok"] and answer["view"]["custom"] is True and answer["view"]["id"] == "mine"
    assert answer["view"]["sections"] == ["5.1", "5.2", "5.3"]
    bad = json.loads(api.profile_view_json(json.dumps(dict(custom, total=99))))
    assert not bad["ok"] and bad["error"]["code"] == "profile-total" and bad["error"]["params"]["total"] == "99"


def test_profile_view_counts_only_scored_items() -> None:
    """Under Table A.2 the rated count is out of the items of the five scored sections."""
    data = rubric_data(SBT, RUBRICS_DIR)
    rubric = load_rubric(data)
    view = profile_view(rubric, rubric.profiles["production-fmcg"])
    form = form_model(data, rubric)
    assert view["items"] == item_ids(form, ["A.1", "A.2", "A.3", "A.6", "A.8"])
