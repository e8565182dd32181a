"""Markdown for the generated pages: one overview per standard, one page per clause.

Pages are produced in memory at build time (see :mod:`.hooks`) from the checked rubric
data; nothing here is written to ``docs/``. Templates live in ``sitegen/templates``.
URLs are built from ids only: ``<standard-id>/`` and ``<standard-id>/<clause-id>/``.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import jinja2
from markupsafe import escape

from calculator.form import item_label, sign
from calculator.profiles import Profile

from . import i18n
from . import terms as termbase
from .clauses import ClauseRef, leaf_clauses, profiles_of
from .langmark import HTML_LANG, mark
from .links import clause_src, href, overview_src, shared
from .rubrics import LoadedRubric
from .sources import Sources, sources_for_build
from .templating import environment, prov_tag


def mark_sic(html: str, item: dict[str, Any], lang: str) -> str:
    """The escaped Chinese text of ``item`` with each doubtful character of its ``sic``
    list kept and marked, its likely reading beside it ("徽" -> 徽〔疑为“做”〕)."""
    html = str(html)  # Markup.replace would escape the mark-up inserted here
    for sic in item.get("sic", []):
        wrong = str(escape(sic["text"]))
        note = i18n.label("sic_reading", lang, reading=sic["reading"])
        marked = (f'<mark class="sic">{wrong}</mark>'
                  f'<span class="sic-note" lang="{HTML_LANG[lang]}">{mark(note, lang, lang)}</span>')
        html = html.replace(wrong, marked, 1)
    return html


@cache
def _renderings() -> dict[str, dict[str, str]]:
    """Our words for the defined terms (rubrics/terms.yaml), read once per build."""
    return termbase.load().renderings()


def _environment(lang: str, rubric: LoadedRubric, sources: Sources | None = None) -> jinja2.Environment:
    env = environment(lang)
    default = rubric.data["text_provenance"]
    sources = sources or sources_for_build()

    def text(node: dict[str, Any], in_lang: str = lang) -> str:
        return mark(i18n.text_of(node, in_lang), in_lang, lang)

    def plain(node: dict[str, Any]) -> str:
        """A title in the page's language, escaped, for places that take no markup."""
        return str(escape(i18n.text_of(node, lang)))

    def prov(node: dict[str, Any], in_lang: str = lang) -> str:
        return prov_tag(i18n.provenance_of(node, in_lang, default), lang)

    def prov_if_other(node: dict[str, Any], in_lang: str = lang) -> str:
        """The label only where it differs from the file's default (titles, level names)."""
        key = i18n.provenance_of(node, in_lang, default)
        return prov_tag(key, lang) if key != default[in_lang] else ""

    def mixed(item: dict[str, Any], in_lang: str = lang) -> bool:
        """Whether an item's parts come from somewhere else than its lead-in (GB/T 5.1.3.2)."""
        lead = i18n.provenance_of(item["text"], in_lang, default)
        return any(i18n.provenance_of(part, in_lang, default) != lead for part in item.get("parts", []))

    def cite(source_id: str) -> str:
        """A document's name (author, title, date) as escaped HTML, names in the other language marked."""
        return str(mark(sources.cite(source_id, lang), lang, lang) if source_id in sources.by_id else escape(source_id))

    def num(value: Any) -> str:
        return f"{value:g}" if isinstance(value, float) else str(value)

    profiles = profiles_of(rubric)

    annex_of = {section["id"]: section.get("annex") for section in rubric.data["sections"]}
    section_of = {item_id: item.section_id for item_id, item in rubric.model.items.items()}
    applies_to = {annex["id"]: annex["applies_to"] for annex in rubric.data.get("annexes", [])}

    def unscored(profile: Profile, ids: list[str]) -> tuple[bool, str]:
        """Why ``profile`` gives ``ids`` no points, as (applicable, text): the items belong
        to an annex for another kind of enterprise (not applicable: SB/T Appendix A under
        the sales profile), or the profile's table leaves them out (Table A.2)."""
        annexes = {annex_of[s] for s in profile.sections} - {None}
        theirs = {annex_of[section_of[i]] for i in ids} - {None}
        if annexes and theirs and not theirs & annexes:
            annex = sorted(theirs)[0]
            return False, i18n.label("not_applicable", lang, annex=annex, kind=applies_to[annex][lang])
        return True, i18n.label("not_scored", lang)

    def points(ids: list[str]) -> list[dict[str, Any]]:
        rows = []
        for p in profiles:
            kind = _provenance(p, ids)
            sources_named = sorted({source for i in ids if i in p.items and (source := p.items[i].source)})
            rows.append({"profile": p, "points": _points(p, ids), "provenance": kind,
                         "label": i18n.POINTS_BADGES[kind][lang], "why_not": unscored(p, ids)[1],
                         "applicable": unscored(p, ids)[0],
                         "sources": sources_named if kind == "reported" else []})
        return rows

    env.globals["TG"] = text
    env.globals.update(
        renderings=_renderings(),
        profiles=profiles, points=points, points_prov_names=i18n.POINTS_PROVENANCE, points_badges=i18n.POINTS_BADGES,
        pts=lambda value: i18n.label('points_one' if value == 1 else 'points_amount', lang, points=num(value)),
        PX=prov_if_other, mixed=mixed, cite=cite, SRC=sources, summary_tag=prov_tag("summary", lang), prov_tag_of=lambda key: prov_tag(key, lang),
        mark_sic=lambda html, item: mark_sic(html, item, lang),
        T=text, TP=plain, P=prov, num=num, LA=lambda key: str(escape(i18n.label(key, lang))),
        link_sentence=lambda kind: mark(i18n.LINK_SENTENCES[kind][lang], lang, lang),
        std=rubric.data,
        provenance_names=i18n.PROVENANCE, kind=i18n.KIND[rubric.data["kind"]][lang],
    )
    return env


def _points(profile: Profile, ids: list[str]) -> Any:
    """Points of ``ids`` in ``profile`` (None when the profile does not score them)."""
    if not all(i in profile.items for i in ids):
        return None
    total = sum((profile.items[i].points for i in ids), Decimal(0))
    return float(total) if total != total.to_integral_value() else int(total)


def _provenance(profile: Profile, ids: list[str]) -> str:
    """The weakest provenance among the points of ``ids`` (provisional < reported < official)."""
    kinds = {profile.items[i].provenance for i in ids if i in profile.items}
    for kind in ("provisional", "reported", "official"):
        if kind in kinds:
            return kind
    return "official"


def clause_page(rubric: LoadedRubric, ref: ClauseRef, lang: str, links: list[Any] | None = None,
                titles: dict[str, Any] | None = None, linker: Any = None, predecessors: list[Any] | None = None,
                no_successor: dict[str, Any] | None = None) -> str:
    """The Markdown page of one clause in ``lang``: its items, the clauses the crosswalk
    links to it (``links``, seen from this clause), glossary links (``linker``), and for
    the two editions: the older clauses this one succeeds (``predecessors``) and what of
    the older edition has no direct successor (``no_successor``, id -> note)."""
    env = _environment(lang, rubric)
    if linker is not None:
        env.globals["TG"] = linker
    clause_id = ref.clause["id"]
    here = clause_src(rubric.id, clause_id)
    default = rubric.data["text_provenance"]

    def items_provenance(in_lang: str) -> str:
        """What the clause's item texts are in ``in_lang`` (the footer follows the items, not
        the file's default): one name, or the names of each kind in the order they occur."""
        kinds: list[str] = []
        for item in ref.clause["items"]:
            for node in (item["text"], *item.get("parts", [])):
                kind = i18n.provenance_of(node, in_lang, default)
                if kind not in kinds:
                    kinds.append(kind)
        if kinds == ["summary"] and in_lang == "zh":
            return i18n.label("summary_no_original", lang)
        return i18n.CATALOGUE.text("format.list_separator", lang).join(i18n.PROVENANCE[kind][lang] for kind in kinds)

    return env.get_template("clause.md.j2").render(
        items_provenance=items_provenance,
        section=ref.section, parents=ref.parents, clause=ref.clause,
        item_ids=[item["id"] for item in ref.clause["items"]],
        calculator_link=href(here, "calculator.md") + f"?standard={rubric.id}#clause-{rubric.id}-{clause_id}",
        sources_href=href(here, "sources.md"), overview_href=href(here, overview_src(rubric.id)),
        links=links or [], titles=titles or {}, link_type=lambda kind: i18n.LINK_TYPES[kind][lang],
        predecessors=predecessors or [], no_successor=no_successor or {},
        codes={"cts-q-zg025-2022": "CTS Q/ZG025-2022", "gb-t-27922-2011": "GB/T 27922-2011",
               "sb-t-10401-2006": "SB/T 10401-2006"},
        label=lambda item: item_label(item["id"], clause_id), sign=sign,
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
    data_root = shared(overview_src(rubric.id), lang, "data/")
    return env.get_template("overview.md.j2").render(rows=rows, model=rubric.model, data_root=data_root)


def nav_entries(rubric: LoadedRubric, lang: str) -> list[dict[str, Any]]:
    """Navigation for one standard: overview, then sections with their clause pages."""
    standard = rubric.id
    entries: list[dict[str, Any]] = [{i18n.label("overview", lang): overview_src(standard)}]
    for section in rubric.data["sections"]:
        pages = [{f"{r.clause['id']} {r.clause['title'][lang]}": clause_src(standard, r.clause["id"])}
                 for r in leaf_clauses({"sections": [section]})]
        entries.append({f"{section['id']} {section['title'][lang]}": pages})
    return entries


def worksheet_page(rubric: LoadedRubric, lang: str) -> str:
    """A printable A4 checklist: every clause and item, its points, the evidence to look
    for (from the clause guidance), blank columns for rating, evidence seen and notes."""
    env = _environment(lang, rubric)
    return env.get_template("worksheet.md.j2").render(clauses=list(leaf_clauses(rubric.data)))
