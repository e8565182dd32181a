"""The worked-examples page: three fictional enterprises (rubrics/examples/*.yaml) scored
by the calculator module at build time. No number on the page is typed by hand; every
number is shown with two decimals, and the reasons and next-level lines, which results
carry as messages, are worded in the page's language from the string catalogue."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

from calculator.loaders import read_file
from calculator.messages import render
from calculator.numbers import text
from calculator.scoring import score

from . import i18n, links
from .clauses import leaf_clauses
from .langmark import mark
from .rubrics import ROOT, LoadedRubric
from .templating import environment

EXAMPLES = ROOT / "rubrics" / "examples"
PAGE_SRC = "examples.md"


def examples() -> list[dict[str, Any]]:
    """The example files, in file-name order."""
    return [read_file(path) for path in sorted(EXAMPLES.glob("*.yaml"))]


def share_code(assessment: Any) -> str:
    """The calculator's share-link code: base64url (no padding) of the UTF-8 JSON."""
    raw = json.dumps(assessment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def assessment_json(example: dict[str, Any]) -> str:
    """The example's assessment as a CLI file (JSON), for download."""
    return json.dumps(example["assessment"], ensure_ascii=False, indent=2) + "\n"


def two_decimals(value: Any) -> str:
    """A number of the result as the page shows it: two decimals, rounded half up."""
    return text(Decimal(str(value)))


def _said(node: Any, lang: str) -> str:
    """A bilingual text ``{zh, en}``, or a result's message (a reason, the next-level line), in ``lang``."""
    if isinstance(node, dict) and "code" in node:
        return render(node, "result", lang, i18n.CATALOGUE)
    return node[lang]


def without_bonus(models: dict[str, Any], assessment: dict[str, Any], result: dict[str, Any]) -> dict[str, Any] | None:
    """The result scored again with no special bonus, where that changes a level.

    The special bonus of GB/T 27922-2011 6.2 is disputed (the Tenglian article says there
    are no additional points), so a rating that rests on it is shown beside the rating
    without it: ``{"result": <that standard's result>, "combined": <combined or None>}``.
    """
    parts = assessment.get("assessments", [assessment])
    if not any(part.get("special_bonus") for part in parts):
        return None
    plain = json.loads(json.dumps(assessment))
    for part in plain.get("assessments", [plain]):
        if part.get("special_bonus"):
            part["special_bonus"] = 0
    again = score(models, plain)
    before, after = result.get("results", [result]), again.get("results", [again])
    for old, new in zip(before, after):
        if old.get("special_bonus") and (old["level"] != new["level"] or old["stars"] != new["stars"]):
            return {"result": new, "combined": again.get("combined")}
    return None


def examples_page(rubrics: dict[str, LoadedRubric], lang: str) -> str:
    """Every example with the result the calculator computes for it."""
    models = {sid: r.model for sid, r in rubrics.items()}
    titles = {sid: {ref.clause["id"]: ref.clause["title"] for ref in leaf_clauses(r.data)} for sid, r in rubrics.items()}
    sections = {sid: {s["id"]: s["title"] for s in r.data["sections"]} for sid, r in rubrics.items()}
    entries = []
    for example in examples():
        result = score(models, example["assessment"])
        entries.append({"data": example, "results": result.get("results", [result]),
                        "combined": result.get("combined"), "code": share_code(example["assessment"]),
                        "without_bonus": without_bonus(models, example["assessment"], result)})
    env = environment(lang, T=lambda node: mark(_said(node, lang), lang, lang), S=lambda node: _said(node, lang),
                      E=lambda key, **params: mark(i18n.CATALOGUE.text(f"examples.{key}", lang, **params), lang, lang),
                      F=lambda said: mark(i18n.CATALOGUE.text(f"format.{said['code']}", lang, **said["params"]), lang, lang))
    env.filters["n2"] = two_decimals
    return env.get_template("examples.md.j2").render(
        entries=entries, titles=titles, sections=sections, codes={sid: r.data["code"] for sid, r in rubrics.items()},
        calculator=links.href(PAGE_SRC, "calculator.md"), data_root=links.shared(PAGE_SRC, lang, "data/examples/"))
