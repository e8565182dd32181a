"""Every Hypothesis strategy of the tests, and the settings they run with.

Assessments are drawn as one byte string per assessment, two bytes a slot (much faster than
one draw per item), and shrink toward zero bytes, i.e. toward ratings of 0. A slot is a
rating with up to three decimals, one of a few band values, 'na', no rating at all
(:data:`ABSENT`) or 1.

Settings: the profile ``default`` runs each property on 60 examples (the normal suite);
``HYPOTHESIS_PROFILE=deep`` runs 1000 (a deep run, e.g. before a release). Neither keeps an
example database; a failure is reported with its shrunk example. The CLI fuzzer
(:data:`FUZZ_SETTINGS`, tests/test_hostile.py) runs twice as many: 120 cases a property by
default, 2000 deep.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from calculator.loaders import load_standard, read_file

from conftest import CTS, RUBRICS_DIR

SETTINGS = settings()  # the profile tests/conftest.py loaded ("default" or "deep"), as a decorator
FUZZ_SETTINGS = settings(SETTINGS, max_examples=SETTINGS.max_examples * 2,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""The fuzzer's: twice the examples; a case (a document with a 3000-digit number or nesting
3000 deep) may take a while to draw."""

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


# --- hostile CLI input: the fuzzer of tests/test_hostile.py ---------------------------------
#
# A case is a valid assessment (or weight profile) with random noise in any field and at
# least one fault that must be refused wherever it is: a text with a lone surrogate, a number
# of more than 100 characters, nesting deeper than 64 levels, a JSON constant (NaN), a YAML
# alias bomb or alias loop, a reserved or unknown name as a key where keys are checked.
# Documents are trees of Python values whose leaves may be `Raw` text, written out by
# `to_json` / `to_yaml` (YAML: block keys at the top, flow values below).


class Raw:
    """Text put into a document as it is (a number as written, a constant, an alias bomb);
    ``yaml`` is None where JSON has no such thing and the other way round."""

    def __init__(self, json_text: str | None, yaml_text: str | None) -> None:
        self.json, self.yaml = json_text, yaml_text

    def __repr__(self) -> str:
        return f"Raw({(self.json or self.yaml or '')[:60]!r}...)"


def _flow(value: Any, fmt: str) -> str:
    """``value`` in JSON syntax, which is also YAML flow syntax (texts double-quoted, a lone
    surrogate as its escape); a Raw leaf as its text in ``fmt``."""
    if isinstance(value, Raw):
        text = value.json if fmt == "json" else value.yaml
        assert text is not None, (fmt, value)
        return text
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key)}: {_flow(entry, fmt)}" for key, entry in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(entry, fmt) for entry in value) + "]"
    return json.dumps(value)


def to_json(document: dict[str, Any]) -> str:
    """A document as JSON text."""
    return _flow(document, "json")


def to_yaml(document: dict[str, Any]) -> str:
    """A document as YAML text: one block key per line at the top (so it is read as YAML, not
    as JSON-shaped text), each value in flow style."""
    return "".join(f"{json.dumps(key)}: {_flow(value, 'yaml')}\n" for key, value in document.items())


RESERVED_NAMES = ("__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "valueOf")
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@st.composite
def surrogate_texts(draw: Any) -> str:
    """A text holding a lone surrogate somewhere."""
    return draw(st.text(max_size=6)) + draw(SURROGATES) + draw(st.text(max_size=6))


@st.composite
def long_numbers(draw: Any, fmt: str) -> Raw:
    """A number written with more than 100 characters, in a notation ``fmt`` reads as a number."""
    digits = draw(st.integers(101, 3000))
    notations = ["decimal", "int", "exponent", "negative"]
    if fmt == "yaml":
        notations += ["hex", "octal", "binary", "base-60", "base-60-float", "leading-dot"]
    notation = draw(st.sampled_from(notations))
    text = {
        "decimal": "0." + "7" * digits,
        "int": "1" + "0" * digits,
        "exponent": "1e-" + "9" * digits if fmt == "json" else "1.0e-" + "9" * digits,
        "negative": "-" + "9" * digits,
        "hex": "0x" + "f" * digits,
        "octal": "0" + "7" * digits,
        "binary": "0b" + "1" * digits,
        "base-60": "1" + ":59" * (digits // 3 + 1),
        "base-60-float": "1" + ":59" * (digits // 3 + 1) + ".5",
        "leading-dot": "." + "5" * digits + "e+3",
    }[notation]
    return Raw(text, text)


@st.composite
def deep_values(draw: Any) -> Raw:
    """Lists or mappings nested 64 to 3000 deep: too deep wherever they are put."""
    depth = draw(st.integers(64, 3000))
    text = "[" * depth + "]" * depth if draw(st.booleans()) else '{"a": ' * depth + "1" + "}" * depth
    return Raw(text, text)


@st.composite
def alias_bombs(draw: Any) -> Raw:
    """A YAML flow list of anchors, each nine aliases of the one before: 9**5 to 9**13 values."""
    levels, name = draw(st.integers(4, 12)), draw(st.sampled_from(["a", "lol", "x_1"]))
    parts = [f'&{name}0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    parts += [f"&{name}{n} [{', '.join([f'*{name}{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return Raw(None, "[" + ", ".join(parts) + "]")


def fatal_values(fmt: str) -> st.SearchStrategy[Any]:
    """A value that must be refused wherever it is put in a ``fmt`` document."""
    both = [surrogate_texts(), long_numbers(fmt), deep_values()]
    if fmt == "json":
        return st.one_of(*both, st.sampled_from(["NaN", "Infinity", "-Infinity"]).map(lambda name: Raw(name, None)))
    return st.one_of(*both, alias_bombs(), st.just(Raw(None, "&loop [1, *loop]")))


def _positions(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[str, tuple[Any, ...]]]:
    """Every place in a document: ("value", path) of each value below the top and ("key",
    path) of each key."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        found.append(("value", (*path, key)))
        if isinstance(node, dict):
            found.append(("key", (*path, key)))
        found += _positions(child, (*path, key))
    return found


def _put(document: Any, place: str, path: tuple[Any, ...], new: Any) -> None:
    """Replace the value at ``path`` by ``new``, or (place "key") rename its key to ``new``."""
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if place == "value":
        parent[path[-1]] = new
    else:  # keep the order of the keys, the one renamed in its place
        entries = list(parent.items())
        parent.clear()
        parent.update((new if key == path[-1] else key, value) for key, value in entries)


@st.composite
def hostile_documents(draw: Any, base: st.SearchStrategy[dict[str, Any]], fmt: str,
                      checked: tuple[tuple[Any, ...], ...]) -> dict[str, Any]:
    """``base`` with noise in up to two places (any JSON value), then at least one fault:
    a fatal value or key anywhere, or a reserved or unknown name as a key of a mapping whose
    keys are ``checked`` (paths; ``()`` is the top)."""
    document = draw(base)
    for _ in range(draw(st.integers(0, 2))):
        place, path = draw(st.sampled_from(_positions(document)))
        if place == "value":
            _put(document, place, path, draw(JSON_VALUES))
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["value", "value", "key", "name"]))
        if kind == "name":
            mappings = [p for p in checked if isinstance(_at(document, p), dict)]
            if mappings:
                name = draw(st.sampled_from(RESERVED_NAMES) | st.text(min_size=1, max_size=8).map(lambda t: "x-" + t))
                _at(document, draw(st.sampled_from(mappings)))[name] = draw(JSON_VALUES)
                continue
            kind = "value"
        places = [p for p in _positions(document) if p[0] == kind]
        place, path = draw(st.sampled_from(places))
        _put(document, place, path, draw(surrogate_texts() if kind == "key" else fatal_values(fmt)))
    return document


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    """The node at ``path``, or None where the path no longer leads anywhere (noise replaced it)."""
    node = document
    for step in path:
        if (isinstance(node, dict) and step in node) or (
                isinstance(node, list) and isinstance(step, int) and step < len(node)):
            node = node[step]
        else:
            return None
    return node


@st.composite
def base_assessments(draw: Any) -> dict[str, Any]:
    """A small valid assessment of any standard (or a combined GB/T + CTS file) with every field:
    title, profile, ratings, notes, report, and GB/T's special deductions and bonus."""
    def one(standard: str) -> dict[str, Any]:
        ids = list(RUBRICS[standard].items)
        rated = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
        data: dict[str, Any] = {"standard": standard, "title": draw(st.text(max_size=10))}
        data["profile"] = {CTS: "standard", GBT: "default", SBT: "production-durable"}[standard]
        data["ratings"] = {i: draw(st.sampled_from([0, 0.5, 1, "na", 0.25])) for i in rated}
        data["notes"] = {rated[0]: draw(st.text(max_size=10))}
        data["report"] = {"enterprise": "甲公司", "site": "x", "assessor": "y", "date": "2024-01-01"}
        if standard == GBT:
            data["special_deductions"], data["special_bonus"] = draw(st.integers(0, 3)), draw(st.integers(0, 1))
        return data

    kind = draw(st.sampled_from([CTS, GBT, SBT, "combined"]))
    if kind != "combined":
        return one(kind)
    return {"assessments": [one(GBT), one(CTS)], "title": "合并", "report": {"enterprise": "甲公司"}}


# the mappings of an assessment whose keys the calculator checks
ASSESSMENT_KEYS_CHECKED = ((), ("ratings",), ("notes",), ("report",), ("assessments", 0), ("assessments", 1),
                           ("assessments", 0, "ratings"), ("assessments", 1, "notes"))


SHIPPED_PROFILES = {(standard, profile_id): read_file(RUBRICS_DIR / "profiles" / standard / f"{profile_id}.yaml")
                    for standard, profile_id in ((GBT, "default"), (SBT, "production-durable"),
                                                 (SBT, "production-fmcg"), (SBT, "sales"))}


@st.composite
def base_profiles(draw: Any) -> dict[str, Any]:
    """A shipped weight profile (GB/T default, SB/T durable, FMCG or sales) as data, a fresh copy."""
    return copy.deepcopy(SHIPPED_PROFILES[draw(st.sampled_from(sorted(SHIPPED_PROFILES)))])


# the mappings of a profile whose keys the calculator checks (a weight's too)
PROFILE_KEYS_CHECKED = ((), ("items",), ("sections",), ("items", "5.1.1.1"), ("sections", "A.1"))


@st.composite
def plan_cases(draw: Any) -> tuple[dict[str, Any], str]:
    """A small assessment and a target level for the plan's brute-force check: at most eight
    items below full marks (any rating, a band, or none), every other scored item at full
    marks or 'na' (mostly 'na', so the open items decide the level), and a passed level of
    the standard. GB/T gets 0 to 5 special deductions and maybe the bonus."""
    kind = draw(st.sampled_from(sorted(KINDS)))
    standard, profile, _ = KINDS[kind]
    scored = SCORED[kind]
    chosen = draw(st.lists(st.sampled_from(scored), min_size=1, max_size=8, unique=True))
    share_na = draw(st.sampled_from((0.8, 0.95, 1.0)))
    fill = draw(st.lists(st.floats(0, 1), min_size=len(scored), max_size=len(scored)))
    ratings: dict[str, Any] = {i: ("na" if f < share_na else 1) for i, f in zip(scored, fill) if i not in chosen}
    for item in chosen:
        value = draw(st.one_of(st.sampled_from(BANDS[:-1]), st.integers(0, 999).map(lambda n: n / 1000), st.none()))
        if value is not None:
            ratings[item] = value
    data: dict[str, Any] = {"standard": standard, "ratings": ratings}
    if profile is not None:
        data["profile"] = profile
    if standard == GBT:
        data["special_deductions"] = draw(st.sampled_from((0, 0, 1, 3, 4, 5)))
        data["special_bonus"] = draw(st.integers(0, 1))
    levels = [lv.id for lv in RUBRICS[standard].levels if lv.passed]
    return data, draw(st.sampled_from(levels))
