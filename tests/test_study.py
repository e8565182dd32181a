"""Study mode: generated questions are reproducible by seed and each has exactly one
correct answer, which the scoring module confirms when the question is scored again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from calculator.loaders import load_standard
from calculator.scoring import score
from calculator.study import KINDS, VERDICTS, questions
from conftest import RUBRICS_DIR

RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")}
SEEDS = range(0, 40)


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
        labels = [(o["zh"], o["en"]) for o in q["options"]]
        assert len(labels) == len(set(labels)) >= 3, q
        assert 0 <= q["answer"] < len(labels)
        assert q["explanation"]["zh"] and q["explanation"]["en"]
        assert q["clause"] in RUBRICS[q["standard"]].clauses


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
            assert f"“{item.text['zh']}”" in q["prompt"]["zh"]
            assert keyed["en"].split(" ")[0] == item.clause_id
            # no other option holds an item with this wording (that would be a second right answer)
            for option in q["options"]:
                if option is not keyed:
                    clause = rubric.clauses[option["en"].split(" ")[0]]
                    assert all(i.text["zh"] != item.text["zh"] for i in clause.items), (q["item"], clause.id)
        elif q["type"] == "points":
            assert Decimal(keyed["en"]) > 0
            unit = q["prompt"]["en"].split("does ")[1].split(" carry")[0]
            rubric = RUBRICS[q["standard"]]
            if unit.startswith("clause "):
                clause = rubric.clauses[unit.split(" ")[1]]
                assert Decimal(keyed["en"]) == sum(i.points for i in clause.items)
            else:
                profile_title = q["prompt"]["en"].split("(profile: ", 1)[1].removesuffix(")?")
                profile = next(p for p in rubric.profiles.values() if p.title["en"] == profile_title)
                assert Decimal(keyed["en"]) == profile.sections[unit.split(" ")[0]].points
        else:
            result = score(RUBRICS, q["check"]["assessment"])
            value = _field(result, q["check"]["field"])
            if q["type"] in ("level", "special"):
                assert keyed == value
            elif q["type"] == "exclusion":
                assert keyed["en"] == value
            elif q["type"] == "item-rule":
                assert (keyed == VERDICTS["ok"]) is value
            elif q["type"] == "combined":
                assert keyed["en"] == (f"{value} stars" if value is not None else "fails (no stars)")
