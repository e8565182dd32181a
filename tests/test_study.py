"""Study mode: generated questions are reproducible by seed and each has exactly one
correct answer, which the scoring module confirms when the question is scored again."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from calculator.loaders import load_standard
from calculator.messages import render
from calculator.scoring import score
from calculator.study import KINDS, VERDICTS, questions

from conftest import CATALOGUE, RUBRICS_DIR

RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")}
SEEDS = range(0, 40)
# The overview sections a question may send the reader to (site labels of the overview's headings).
SECTIONS = {"structure", "levels", "exclusion", "pass_rule", "special_deduction", "combination"}


def shown(text: Any, lang: str) -> str:
    """A question's prompt, option or explanation as the page shows it in ``lang``."""
    if isinstance(text, dict) and "code" in text:
        return render(text, "study", lang, CATALOGUE)
    return text[lang] if isinstance(text, dict) else str(text)


def test_same_seed_same_questions_new_seed_new_set() -> None:
    """A seed reproduces its question set exactly; another seed gives a different set."""
    assert questions(RUBRICS, 1234, 14) == questions(RUBRICS, 1234, 14)
    assert questions(RUBRICS, 1234, 14) != questions(RUBRICS, 1235, 14)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_question_has_exactly_one_correct_answer(seed: int) -> None:
    """Options are distinct, the key points at one of them, and every kind of question appears."""
    asked = questions(RUBRICS, seed, 2 * len(KINDS))
    assert {q["type"] for q in asked} == {"which-clause", "points", "level", "exclusion", "item-rule", "special",
                                           "combined"}
    for q in asked:
        labels = [(shown(o, "zh"), shown(o, "en")) for o in q["options"]]
        assert len(labels) == len(set(labels)) >= 3, q
        assert 0 <= q["answer"] < len(labels)
        assert shown(q["explanation"], "zh") and shown(q["explanation"], "en")
        assert shown(q["prompt"], "zh") and shown(q["prompt"], "en")
        read = q["read"]
        assert read.get("clause") in RUBRICS[read["standard"]].clauses or read.get("section") in SECTIONS, read


def _field(result: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        result = result[part]
    return result


@pytest.mark.parametrize("seed", SEEDS)
def test_the_scoring_module_confirms_each_answer(seed: int) -> None:
    """Scoring each question's assessment again gives the keyed option, and no other option."""
    for q in questions(RUBRICS, seed, 2 * len(KINDS)):
        keyed = q["options"][q["answer"]]
        if q["type"] == "which-clause":
            rubric = RUBRICS[q["standard"]]
            item = rubric.items[q["item"]]
            assert f"“{item.text['zh']}”" in shown(q["prompt"], "zh")
            assert keyed["params"]["clause"] == item.clause_id
            # no other option holds an item with this wording (that would be a second right answer)
            for option in q["options"]:
                if option is not keyed:
                    clause = rubric.clauses[option["params"]["clause"]]
                    assert all(i.text["zh"] != item.text["zh"] for i in clause.items), (q["item"], clause.id)
        elif q["type"] == "points":
            points = Decimal(str(keyed["params"]["points"]))
            assert points > 0
            rubric = RUBRICS[q["standard"]]
            if "clause" in q["unit"]:
                clause = rubric.clauses[q["unit"]["clause"]]
                assert points == sum(i.points for i in clause.items)
            else:
                profile = rubric.profiles[q["unit"]["profile"]]
                assert points == profile.sections[q["unit"]["section"]].points
        else:
            result = score(RUBRICS, q["check"]["assessment"])
            value = _field(result, q["check"]["field"])
            if q["type"] in ("level", "special") or q["type"] == "exclusion":
                assert keyed == value
            elif q["type"] == "item-rule":
                assert (keyed == VERDICTS["ok"]) is value
            elif q["type"] == "combined":
                assert keyed == ({"code": "stars_option", "params": {"stars": value}} if value is not None
                                 else {"code": "no_stars_option", "params": {}})


@pytest.fixture
def empty_api() -> Any:
    """The browser API with no rubric loaded (and its loaded rubrics restored afterwards)."""
    from calculator import api

    saved = dict(api._RUBRICS)
    api._RUBRICS.clear()
    yield api
    api._RUBRICS.clear()
    api._RUBRICS.update(saved)


def test_study_json_without_rubrics_is_an_error_result(empty_api: Any) -> None:
    """api.study_json with no rubric loaded answers an error naming the missing rubrics, never raises."""
    answer = json.loads(empty_api.study_json(1))
    assert answer["ok"] is False
    assert answer["error"]["code"] == "study-needs-rubrics"
    assert answer["error"]["params"]["missing"] == sorted(RUBRICS, key=["cts-q-zg025-2022", "gb-t-27922-2011",
                                                                        "sb-t-10401-2006"].index)
    empty_api._RUBRICS["cts-q-zg025-2022"] = RUBRICS["cts-q-zg025-2022"]
    partial = json.loads(empty_api.study_json(1))
    assert partial["error"]["params"]["missing"] == ["gb-t-27922-2011", "sb-t-10401-2006"]


@pytest.mark.parametrize(("seed", "count"), [("x", 10), (1.5, 10), (True, 10), (1, 0), (1, "3"), (None, 10)])
def test_study_json_refuses_a_bad_seed_or_count(empty_api: Any, seed: Any, count: Any) -> None:
    """A seed or count that is not a whole number (count at least 1) is an error result quoting both."""
    empty_api._RUBRICS.update(RUBRICS)
    answer = json.loads(empty_api.study_json(seed, count))
    assert answer["ok"] is False and answer["error"]["code"] == "study-bad-numbers", answer
    assert answer["error"]["params"] == {"number": json.dumps(seed), "count": json.dumps(count)}
    assert json.loads(empty_api.study_json(7, 3))["ok"] is True


def test_no_question_asks_about_a_bare_lead_in_and_cts_levels_speak_of_completeness() -> None:
    """Which-clause prompts never quote a lead-in ending in a colon, and a CTS level question gives a completeness in %."""
    seen_cts = False
    for seed in range(1, 80):
        for q in questions(RUBRICS, seed, 14):
            if q["type"] == "which-clause":
                text = q["prompt"]["params"]["text"]["zh"].rstrip()
                assert not text.endswith(("：", ":")), (seed, q["item"], text)
            if q["type"] == "level" and q["standard"] == "cts-q-zg025-2022":
                seen_cts = True
                zh, en = shown(q["prompt"], "zh"), shown(q["prompt"], "en")
                assert "完善程度为" in zh and zh.split("完善程度为 ")[1].split("，")[0].endswith("%"), zh
                assert "completeness of" in en and "score" not in en, en
    assert seen_cts
