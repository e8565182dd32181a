"""The comparison vectors (tests/vectors/compare.json) and the assessment files their specs
describe: shared by tests/test_compare.py and the browser's compare test."""

from __future__ import annotations

import json
from typing import Any

from calculator.loaders import load_standard

from conftest import REPO, RUBRICS_DIR

VECTORS = REPO / "tests" / "vectors" / "compare.json"
DOC = json.loads(VECTORS.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DOC["cases"]
RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")}


def section_items(standard: str, section_id: str) -> list[str]:
    """The item ids of one section of a standard, in the standard's order."""
    section = next(s for s in RUBRICS[standard].sections if s.id == section_id)
    return [item.id for clause in section.clauses for item in clause.items]


def build_one(spec: dict[str, Any]) -> dict[str, Any]:
    """One assessment from a spec (see the vectors file's ``format``)."""
    standard = spec["standard"]
    ratings: dict[str, Any] = {}
    if "uniform" in spec:
        appendix = "B." if spec.get("profile") == "sales" else "A."
        ratings = {item: spec["uniform"] for item in RUBRICS[standard].items
                   if not standard.startswith("sb-t") or item.startswith(appendix)}
    for section_id, value in spec.get("sections", {}).items():
        for item in section_items(standard, section_id):
            if value is None:
                ratings.pop(item, None)
            else:
                ratings[item] = value
    for item, value in spec.get("ratings", {}).items():
        if value is None:
            ratings.pop(item, None)
        else:
            ratings[item] = value
    data: dict[str, Any] = {"standard": standard}
    for key in ("profile", "special_deductions", "special_bonus"):
        if key in spec:
            data[key] = spec[key]
    data["ratings"] = ratings
    return data


def build(spec: dict[str, Any], title: str | None = None) -> dict[str, Any]:
    """The assessment file a spec describes (combined when it holds ``assessments``), with a title if given."""
    head = {"title": title} if title else {}
    if "assessments" in spec:
        return {**head, "assessments": [build_one(one) for one in spec["assessments"]]}
    return {**head, **build_one(spec)}
