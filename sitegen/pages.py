"""Markdown for the generated pages: one overview per standard, one page per clause.

Pages are produced in memory at build time (see :mod:`.hooks`) from the checked rubric
data; nothing here is written to ``docs/``. Templates live in ``sitegen/templates``.
URLs are built from ids only: ``<standard-id>/`` and ``<standard-id>/<clause-id>/``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import escape

from . import i18n
from calculator.messages import render
from calculator.profiles import Profile, standard_profile

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

    profiles = profiles_of(rubric)

    def points(ids: list[str]) -> list[dict[str, Any]]:
        return [{"profile": p, "points": _points(p, ids), "provenance": _provenance(p, ids),
                 "label": i18n.POINTS_PROVENANCE[_provenance(p, ids)][lang]} for p in profiles]

    env.globals["TG"] = text
    env.globals.update(
        profiles=profiles, points=points, points_prov_names=i18n.POINTS_PROVENANCE,
        lang=lang, T=text, P=prov, L=lambda key: i18n.label(key, lang), num=num,
        colon="：" if lang == "zh" else ": ", comma="，" if lang == "zh" else ", ",
        semicolon="；" if lang == "zh" else "; ",
        paren=lambda inner: f"（{inner}）" if lang == "zh" else f"({inner})",
        std=rubric.data,
        provenance_names=i18n.PROVENANCE, kind=i18n.KIND[rubric.data["kind"]][lang],
    )
    return env


def profiles_of(rubric: LoadedRubric) -> list[Profile]:
    """The weight profiles a reader sees on a page: the standard's own points, or each
    shipped profile (default first)."""
    model = rubric.model
    if model.points_provenance:
        own = standard_profile(model)  # its title is a message: worded here in both languages
        return [replace(own, title={lang: render(own.title, "result", lang, i18n.CATALOGUE) for lang in i18n.LANGS})]
    ordered = sorted(model.profiles.values(), key=lambda p: (p.id != model.default_profile, p.id))
    return ordered


def _points(profile: Profile, ids: list[str]) -> Any:
    """Points of ``ids`` in ``profile`` (None when the profile does not score them)."""
    if not all(i in profile.items for i in ids):
        return None
    total = sum(profile.items[i].points for i in ids)
    return float(total) if total != total.to_integral_value() else int(total)


def _provenance(profile: Profile, ids: list[str]) -> str:
    """The weakest provenance among the points of ``ids`` (provisional < reported < official)."""
    kinds = {profile.items[i].provenance for i in ids if i in profile.items}
    for kind in ("provisional", "reported", "official"):
        if kind in kinds:
            return kind
    return "official"


def clause_page(rubric: LoadedRubric, ref: ClauseRef, lang: str, links: list[Any] | None = None,
                titles: dict[str, Any] | None = None, linker: Any = None) -> str:
    """The Markdown page of one clause in ``lang``: its items, the clauses the crosswalk
    links to it (``links``, seen from this clause) and glossary links (``linker``)."""
    env = _environment(lang, rubric)
    if linker is not None:
        env.globals["TG"] = linker
    clause_id = ref.clause["id"]
    return env.get_template("clause.md.j2").render(
        section=ref.section, parents=ref.parents, clause=ref.clause,
        item_ids=[item["id"] for item in ref.clause["items"]],
        calculator_link=f"{'../../'}calculator/?standard={rubric.id}#clause-{rubric.id}-{clause_id}",
        links=links or [], titles=titles or {}, link_type=lambda kind: i18n.LINK_TYPES[kind][lang],
        codes={"sb-t-10401-2006": "SB/T 10401-2006", "gb-t-27922-2011": "GB/T 27922-2011",
               "cts-q-zg025-2022": "CTS Q/ZG025-2022"},
        label=lambda item: (item["id"][len(clause_id) + 1:] + ")")
        if item["id"].startswith(clause_id + ".") and item["id"][len(clause_id) + 1:].isalpha() else item["id"],
    )


def overview_page(rubric: LoadedRubric, lang: str) -> str:
    """The Markdown overview page of one standard in ``lang``."""
    env = _environment(lang, rubric)
    rows = []
    for section in rubric.data["sections"]:
        refs = list(leaf_clauses({"sections": [section]}))
        ids = [item["id"] for r in refs for item in r.clause["items"]]
        rows.append({
            "section": section,
            "ids": ids,
            "clauses": [(r, [item["id"] for item in r.clause["items"]]) for r in refs],
        })
    root = "../" if lang == i18n.DEFAULT else "../../"
    return env.get_template("overview.md.j2").render(rows=rows, model=rubric.model, data_root=root + "data/")


def nav_entries(rubric: LoadedRubric, lang: str) -> list[dict[str, Any]]:
    """Navigation for one standard: overview, then sections with their clause pages."""
    standard = rubric.id
    entries: list[dict[str, Any]] = [{i18n.label("overview", lang): overview_src(standard)}]
    for section in rubric.data["sections"]:
        pages = [{f"{r.clause['id']} {r.clause['title'][lang]}": clause_src(standard, r.clause["id"])}
                 for r in leaf_clauses({"sections": [section]})]
        entries.append({f"{section['id']} {section['title'][lang]}": pages})
    return entries


def worksheet_src(standard: str) -> str:
    return f"worksheet/{standard}.md"


def worksheet_page(rubric: LoadedRubric, lang: str) -> str:
    """A printable A4 checklist: every clause and item, its points, the evidence to look
    for (from the clause guidance), blank columns for rating, evidence seen and notes."""
    env = _environment(lang, rubric)
    hint = "0–100% / NA" if rubric.model.model != "completeness" else ("b1–b5 / NA")
    return env.get_template("worksheet.md.j2").render(clauses=list(leaf_clauses(rubric.data)), rating_hint=hint)
