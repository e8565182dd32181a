"""Every Hypothesis strategy of the tests, and the settings they run with.

Assessments are drawn as one byte string per assessment, two bytes a slot (much faster than
one draw per item), and shrink toward zero bytes, i.e. toward ratings of 0. A slot is a
rating with up to three decimals, one of a few band values, 'na', no rating at all
(:data:`ABSENT`) or 1.

Settings: the profile ``default`` runs each property on 60 examples (the normal suite);
``HYPOTHESIS_PROFILE=deep`` runs 1000 (a deep run, e.g. before a release). Neither keeps an
example database; a failure is reported with its shrunk example.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import assume, settings
from hypothesis import strategies as st

from calculator.loaders import load_standard

from conftest import CTS, RUBRICS_DIR

SETTINGS = settings()  # the profile tests/conftest.py loaded ("default" or "deep"), as a decorator

GBT = "gb-t-27922-2011"
SBT = "sb-t-10401-2006"
RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in (CTS, GBT, SBT)}
CTS_IDS = list(RUBRICS[CTS].items)
CTS_BANDS = (0, 0.2, 0.4, 0.6, 0.8, 1)


ABSENT = object()  # the item gets no rating at all


def rating_value(thousandths: int) -> int | float:
    """A rating as JSON would hold it: 0 and 1 as ints, otherwise n/1000 as a float."""
    return thousandths // 1000 if thousandths in (0, 1000) else thousandths / 1000


def slot_of(kind: int, extra: int, bands: Sequence[float]) -> Any:
    """One item's slot from two random bytes: a rating, one of ``bands``, 'na' or ABSENT."""
    choice = kind % 10
    if choice <= 3:                                  # any rating with up to 3 decimals
        return rating_value(((kind // 10) * 256 + extra) % 1001)
    if choice <= 6:                                  # a band value
        return bands[extra % len(bands)]
    if choice == 7:
        return "na"
    if choice == 8:
        return ABSENT
    return 1


@st.composite
def cts_assessments(draw: Any) -> dict[str, Any]:
    """A CTS assessment (CLI format) with at least one applicable item."""
    raw = draw(st.binary(min_size=2 * len(CTS_IDS), max_size=2 * len(CTS_IDS)))
    # a floor under every rating spreads the scores over all levels, not just around 55
    floor = draw(st.sampled_from((0, 0, 0.5, 0.6, 0.7, 0.8, 0.9)))
    slots = [slot_of(raw[2 * n], raw[2 * n + 1], CTS_BANDS) for n in range(len(CTS_IDS))]
    slots = [max(slot, floor) if isinstance(slot, (int, float)) else slot for slot in slots]
    assume(any(slot != "na" for slot in slots))
    ratings = {item_id: slot for item_id, slot in zip(CTS_IDS, slots) if slot is not ABSENT}
    return {"standard": CTS, "ratings": ratings}


@st.composite
def decimal_assessments(draw: Any) -> dict[str, Any]:
    """A CTS assessment whose ratings are any double from 0 to 1 (17 significant digits, exponents such as
    1e-300 included), 'na' or absent: what a share link or a file may carry."""
    chosen = draw(st.lists(st.sampled_from(CTS_IDS), min_size=1, max_size=30, unique=True))
    values = st.one_of(st.floats(min_value=0, max_value=1, allow_nan=False), st.just("na"), st.sampled_from(CTS_BANDS))
    ratings = {item_id: draw(values) for item_id in chosen}
    assume(any(value != "na" for value in ratings.values()))
    return {"standard": CTS, "ratings": ratings}


# (kind, standard, profile named in the assessment or None, pass bound) -- bounds typed in
# from the standards: CTS 60 (6.3), GB/T 70 (6.3, from public copies), SB/T 70 (A.10 / B.10).
KINDS = {
    "cts": (CTS, None, Decimal(60)),
    "gbt": (GBT, None, Decimal(70)),
    "sbt-durable": (SBT, "production-durable", Decimal(70)),
    "sbt-fmcg": (SBT, "production-fmcg", Decimal(70)),
    "sbt-sales": (SBT, "sales", Decimal(70)),
}
BANDS = (0, 0.2, 0.4, 0.5, 0.6, 0.8, 1)


def scored_ids(kind: str) -> list[str]:
    """The ids that carry points for this kind (every CTS / GB/T item; the profile's SB/T conditions)."""
    standard, profile, _ = KINDS[kind]
    rubric = RUBRICS[standard]
    if profile is None:
        return list(rubric.items)
    return [i for i in rubric.items if i in rubric.profiles[profile].items]


SCORED = {kind: scored_ids(kind) for kind in KINDS}
ALL_IDS = {kind: list(RUBRICS[KINDS[kind][0]].items) for kind in KINDS}


@st.composite
def assessments(draw: Any, kind: str, deductions: Any = None) -> dict[str, Any]:
    """An assessment of ``kind`` (CLI format) with at least one applicable scored item.

    Every item of the rubric gets a slot (SB/T conditions the profile does not score too);
    a floor under the ratings spreads the scores over all levels (and half of the
    assessments leave nothing unrated, so the top levels are reached); for SB/T some whole
    items may be excluded ('na' on all their conditions).
    """
    standard, profile, _ = KINDS[kind]
    ids = ALL_IDS[kind]
    raw = draw(st.binary(min_size=2 * len(ids), max_size=2 * len(ids)))
    floor = draw(st.sampled_from((0, 0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)))
    complete = draw(st.booleans())   # every item rated: no ABSENT slot (they become 1)
    slots = [slot_of(raw[2 * n], raw[2 * n + 1], BANDS) for n in range(len(ids))]
    slots = [1 if complete and s is ABSENT else s for s in slots]
    slots = [max(s, floor) if isinstance(s, (int, float)) else s for s in slots]
    ratings = {i: s for i, s in zip(ids, slots) if s is not ABSENT}
    if standard == SBT:
        sections = [s.id for s in RUBRICS[SBT].sections]
        for section_id in draw(st.lists(st.sampled_from(sections), max_size=3, unique=True)):
            for i in ids:
                if i.startswith(section_id + "."):
                    ratings[i] = "na"
    assume(any(ratings.get(i, 0) != "na" for i in SCORED[kind]))
    data: dict[str, Any] = {"standard": standard}
    if profile is not None:
        data["profile"] = profile
    data["ratings"] = ratings
    if standard == GBT:
        default = st.sampled_from((0, 0, 0, 0, 1, 2, 4, 5, 6))
        data["special_deductions"] = draw(deductions if deductions is not None else default)
        data["special_bonus"] = draw(st.integers(0, 1))
    return data


def gbt_assessments() -> st.SearchStrategy[dict[str, Any]]:
    """A GB/T 27922-2011 assessment with special deductions (0..6) and bonus (0 or 1)."""
    return assessments("gbt")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


SCORE_JSON_TEXTS = st.one_of(
    st.text(max_size=40),
    JSON_VALUES.map(json.dumps),
    st.dictionaries(st.sampled_from(["standard", "ratings", "notes", "title", "x"]), JSON_VALUES,
                    max_size=4).map(lambda d: json.dumps({"standard": CTS, **d})),
    st.dictionaries(st.sampled_from(["5.1.1.a", "5.6.3.b", "5.1.1", "bogus"]), JSON_VALUES, max_size=3)
      .map(lambda r: json.dumps({"standard": CTS, "ratings": r})),
)
"""Any text api.score_json might be handed: arbitrary text, JSON values, near-assessments."""
