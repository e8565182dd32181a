"""Markdown for the generated pages: one overview per standard, one page per clause.

Pages are produced in memory at build time (see :mod:`.hooks`) from the checked rubric
data; nothing here is written to ``docs/``. Templates live in ``sitegen/templates``.
URLs are built from ids only: ``<standard-id>/`` and ``<standard-id>/<clause-id>/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import escape

from . import i18n
from .rubrics import LoadedRubric

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class ClauseRef:
    """A clause that holds items, with the chain of clauses above it (5.3.1 for 5.3.1.2)."""

    section: dict[str, Any]
    parents: tuple[dict[str, Any], ...]
    clause: dict[str, Any]


def leaf_clauses(data: dict[str, Any]) -> Iterator[ClauseRef]:
    """Every clause that holds items, in the standard's order."""

    def walk(section: dict[str, Any], parents: tuple, clauses: list) -> Iterator[ClauseRef]:
        for clause in clauses:
            if "clauses" in clause:
                yield from walk(section, parents + (clause,), clause["clauses"])
            else:
                yield ClauseRef(section, parents, clause)

    for section in data["sections"]:
        yield from walk(section, (), section["clauses"])


def overview_src(standard: str) -> str:
    return f"{standard}/index.md"


def clause_src(standard: str, clause_id: str) -> str:
    return f"{standard}/{clause_id}.md"


def _environment(lang: str, rubric: LoadedRubric) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    default = rubric.data["text_provenance"]

    def text(node: dict[str, Any], in_lang: str = lang) -> str:
        return str(escape(i18n.text_of(node, in_lang)))

    def prov(node: dict[str, Any], in_lang: str = lang) -> str:
        key = i18n.provenance_of(node, in_lang, default)
        return f'<span class="prov prov-{key}" title="{i18n.PROVENANCE[key][lang]}">{i18n.PROVENANCE[key][lang]}</span>'

    def num(value: Any) -> str:
        return f"{value:g}" if isinstance(value, float) else str(value)

    env.globals.update(
        lang=lang, T=text, P=prov, L=lambda key: i18n.label(key, lang), num=num,
        paren=lambda inner: f"（{inner}）" if lang == "zh" else f"({inner})",
        std=rubric.data, points_prov=i18n.POINTS_PROVENANCE[rubric.data["scoring"]["points_provenance"]][lang],
        provenance_names=i18n.PROVENANCE, kind=i18n.KIND[rubric.data["kind"]][lang],
    )
    return env


def _points(clause: dict[str, Any]) -> float:
    return sum(item["points"] for item in clause["items"])


def clause_page(rubric: LoadedRubric, ref: ClauseRef, lang: str) -> str:
    """The Markdown page of one clause in ``lang``."""
    env = _environment(lang, rubric)
    return env.get_template("clause.md.j2").render(
        section=ref.section, parents=ref.parents, clause=ref.clause,
        clause_points=_points(ref.clause),
        calculator_link=f"../calculator.md#clause-{ref.clause['id']}",
        letter=lambda item: item["id"][len(ref.clause["id"]) + 1:] if item["id"] != ref.clause["id"] else "",
    )


def overview_page(rubric: LoadedRubric, lang: str) -> str:
    """The Markdown overview page of one standard in ``lang``."""
    env = _environment(lang, rubric)
    rows = []
    for section in rubric.data["sections"]:
        refs = [r for r in leaf_clauses({"sections": [section]})]
        rows.append({
            "section": section,
            "clauses": [(r, _points(r.clause), len(r.clause["items"])) for r in refs],
            "points": sum(_points(r.clause) for r in refs),
            "items": sum(len(r.clause["items"]) for r in refs),
        })
    return env.get_template("overview.md.j2").render(rows=rows, model=rubric.model)


def nav_entries(rubric: LoadedRubric, lang: str) -> list[dict[str, Any]]:
    """Navigation for one standard: overview, then sections with their clause pages."""
    standard = rubric.id
    entries: list[dict[str, Any]] = [{i18n.label("overview", lang): overview_src(standard)}]
    for section in rubric.data["sections"]:
        pages = [{f"{r.clause['id']} {r.clause['title'][lang]}": clause_src(standard, r.clause["id"])}
                 for r in leaf_clauses({"sections": [section]})]
        entries.append({f"{section['id']} {section['title'][lang]}": pages})
    return entries
