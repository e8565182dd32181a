"""Guidance (ours, per clause): present for every clause in both languages, never shared
between clauses, with calculations where a clause has a quantitative condition."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitegen.clauses import leaf_clauses
from sitegen.rubrics import load_all

RUBRICS = load_all()
CLAUSES = [(sid, ref.clause) for sid, r in RUBRICS.items() for ref in leaf_clauses(r.data)]


def texts(guidance: dict[str, Any]) -> Iterator[dict[str, str]]:
    yield guidance["intent"]
    for key in ("evidence", "gaps", "calculation"):
        yield from guidance.get(key, [])
    yield from guidance.get("bands", {}).values()


def test_every_clause_has_guidance_in_both_languages() -> None:
    """All 92 clauses carry intent, evidence and gaps, every text non-empty in Chinese and English."""
    assert len(CLAUSES) == 92
    for sid, clause in CLAUSES:
        guidance = clause.get("guidance")
        assert guidance, (sid, clause["id"])
        assert len(guidance["evidence"]) >= 2 and len(guidance["gaps"]) >= 2
        for text in texts(guidance):
            assert text["zh"].strip() and text["en"].strip(), (sid, clause["id"])


def test_no_two_clauses_share_guidance_text() -> None:
    """No guidance text (in either language) appears under two clauses."""
    for lang in ("zh", "en"):
        owners: dict[str, list[str]] = {}
        for sid, clause in CLAUSES:
            for text in {t[lang] for t in texts(clause["guidance"])}:
                owners.setdefault(text, []).append(f"{sid}/{clause['id']}")
        shared = {text: where for text, where in owners.items() if len(where) > 1}
        assert not shared, list(shared.items())[:3]


def test_quantitative_clauses_explain_the_calculation() -> None:
    """A clause with a quantitative condition says how to compute the figure, with numbers."""
    for sid, clause in CLAUSES:
        if any("quantitative" in item for item in clause["items"]):
            calculation = clause["guidance"].get("calculation")
            assert calculation, (sid, clause["id"])
            assert any(ch.isdigit() for entry in calculation for ch in entry["zh"]), (sid, clause["id"])


def test_cts_guidance_shows_what_the_bands_look_like() -> None:
    """Every CTS clause illustrates at least the lowest, middle and top bands of Table 1."""
    for sid, clause in CLAUSES:
        if sid == "cts-q-zg025-2022":
            assert {"b1", "b3", "b5"} <= set(clause["guidance"]["bands"]), clause["id"]


# The floor of the rich guidance (the CTS and GB/T clauses written first, e.g. CTS 5.4.5,
# 5.3.x): counts of evidence and gap entries and characters per language over the
# intent, evidence, gaps, calculations and bands. Guidance thinner than this says too
# little about what assessors sample and what loses points.
MIN_EVIDENCE, MIN_GAPS, MIN_ZH, MIN_EN = 4, 3, 380, 1400


def test_every_clause_has_guidance_as_deep_as_the_rich_clauses() -> None:
    """Each clause has at least 4 evidence and 3 gap entries and 380 Chinese / 1,400 English characters of guidance."""
    thin = []
    for sid, clause in CLAUSES:
        guidance = clause["guidance"]
        zh = sum(len(text["zh"]) for text in texts(guidance))
        en = sum(len(text["en"]) for text in texts(guidance))
        if (len(guidance["evidence"]) < MIN_EVIDENCE or len(guidance["gaps"]) < MIN_GAPS
                or zh < MIN_ZH or en < MIN_EN):
            thin.append((sid, clause["id"], len(guidance["evidence"]), len(guidance["gaps"]), zh, en))
    assert not thin, thin
