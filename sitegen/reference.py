"""Pages that span the standards: crosswalk, edition changes, glossary, comparison; the
glossary links of clause pages; and the CSV clause lists offered for download."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import escape

from . import i18n
from . import terms as termbase
from .clauses import leaf_clauses, profiles_of
from .crosswalk import Crosswalk
from .langmark import inner, mark
from .rubrics import LoadedRubric
from .sources import Sources, sources_for_build
from .templating import environment, prov_tag

PAGES = ("crosswalk", "changes", "glossary", "compare", "sources")


@dataclass(frozen=True)
class Term:
    """One defined term, anchored on the glossary page as ``term-<standard>-<id>``."""

    standard: str
    code: str
    id: str
    data: dict[str, Any]

    @property
    def anchor(self) -> str:
        return f"term-{self.standard}-{self.id}"


def terms(rubrics: dict[str, LoadedRubric]) -> list[Term]:
    """Every term of every rubric, in rubric order."""
    return [Term(sid, r.data["code"], t["id"], t) for sid, r in rubrics.items() for t in r.data.get("terms", [])]


def glossary_linker(rubrics: dict[str, LoadedRubric], standard: str, lang: str,
                    to_glossary: str) -> Callable[[str], str]:
    """A function that escapes a text in the page's language, marks the runs of the other
    script in it (:func:`.langmark.inner`) and links the first use, on this page, of each term.

    Only the page's own standard's definitions are linked: a word another standard defines
    (产品 is SB/T 10401-2006 2.1, not a CTS term) is left as plain text on a CTS page, and
    GB/T 27922-2011 pages, whose definitions are not available, link no term at all. The
    link's title names the standard and clause of the definition. The words linked are the
    ones our texts use: the termbase's rendering where it has one (rubrics/terms.yaml
    `defines`: CTS prints "warranty period" for both 3.9 质保期 and 3.11 包修期, while our
    English says "quality guarantee period", "warranty period" and "free-repair period"),
    otherwise the term as printed. Longer terms win over shorter ones at the same place
    (评价体系 before 评价). English terms match whole words, ignoring case; a bracketed short
    form (保修期（保修）) is not matched on its own.
    """
    ours = termbase.load().renderings()
    chosen: dict[str, Term] = {}
    for term in (t for t in terms(rubrics) if t.standard == standard):
        rendering = ours.get(f"{term.standard}/{term.id}")
        # "保修期（保修）": the term is the part before the bracketed short form
        printed = re.sub(r"（[^）]*）|\([^)]*\)", "", term.data["term"][lang])
        word = (rendering[lang] if rendering else printed).strip().lower()
        if word:
            chosen.setdefault(word, term)
    if not chosen:
        return lambda text: inner(text, lang)
    words = sorted(chosen, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    pattern = re.compile(rf"\b({body})\b" if lang == "en" else f"({body})", re.IGNORECASE)
    linked: set[str] = set()

    def link(text: str) -> str:
        out, last = [], 0
        for match in pattern.finditer(text):
            key = match.group(1).lower()
            if key in linked:
                continue
            linked.add(key)
            term = chosen[key]
            tip = f'{term.code} {term.id}{"：" if lang == "zh" else ": "}{term.data["definition"][lang]}'
            out.append(inner(text[last:match.start()], lang))
            out.append(f'<a class="term-link" href="{to_glossary}#{term.anchor}" '
                       f'title="{escape(tip)}">{inner(match.group(1), lang)}</a>')
            last = match.end()
        out.append(inner(text[last:], lang))
        return "".join(out)

    return link


def _env(lang: str, rubrics: dict[str, LoadedRubric] | None = None) -> jinja2.Environment:
    env = environment(lang)
    defaults = {sid: r.data["text_provenance"] for sid, r in (rubrics or {}).items()}

    def prov(node: dict[str, Any], standard: str, in_lang: str = lang) -> str:
        """The provenance label of one language of a text of ``standard``'s rubric."""
        return prov_tag(i18n.provenance_of(node, in_lang, defaults[standard]), lang)

    env.globals.update(
        PS=prov,
        T=lambda node, in_lang=lang: mark(node[in_lang], in_lang, lang), TP=lambda node: str(escape(node[lang])),
        link_type=lambda kind: i18n.LINK_TYPES[kind][lang],
        link_meaning=lambda kind: i18n.LINK_MEANINGS[kind][lang], kind=lambda k: i18n.KIND[k][lang],
        summary_tag=f'<span class="prov prov-summary">{i18n.PROVENANCE["summary"][lang]}</span>',
    )
    return env


def clause_titles(rubrics: dict[str, LoadedRubric]) -> dict[str, dict[str, Any]]:
    """Every clause's title, keyed "<standard>/<clause>" (as crosswalk links name clauses)."""
    return {f"{sid}/{ref.clause['id']}": ref.clause["title"] for sid, r in rubrics.items()
            for ref in leaf_clauses(r.data)}


def crosswalk_page(rubrics: dict[str, LoadedRubric], crosswalk: Crosswalk, lang: str) -> str:
    """All links, grouped by pair of standards, in both languages."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for raw in crosswalk.data["links"]:
        key = (raw["from"].split("/")[0], raw["to"].split("/")[0])
        groups.setdefault(key, []).append(raw)
    return _env(lang).get_template("crosswalk.md.j2").render(
        groups=groups, rubrics={k: v.data for k, v in rubrics.items()}, titles=clause_titles(rubrics),
        note=crosswalk.data["provenance_note"])


def changes_page(rubrics: dict[str, LoadedRubric], crosswalk: Crosswalk, lang: str) -> str:
    """SB/T 10401-2006 -> GB/T 27922-2011: the summary; per GB/T clause, the SB/T clauses it
    succeeds and the related ones that have no direct successor; then everything of SB/T
    listed without a direct successor (``editions.no_successor``), each with its related
    GB/T clauses. One list drives all three, so the page cannot contradict itself."""
    editions = crosswalk.data["editions"]
    old, new = editions["from"], editions["to"]
    gone = crosswalk.no_successor()
    rows = []
    for ref in leaf_clauses(rubrics[new].data):
        older = [l for l in crosswalk.of(new, ref.clause["id"]) if l.other_standard == old]
        rows.append((ref.clause, crosswalk.predecessors(new, ref.clause["id"]),
                     [l for l in older if l.other_clause in gone]))
    clause_of = {item_id: item.clause_id for item_id, item in rubrics[old].model.items.items()}
    dropped = []
    for old_id, note in gone.items():
        clause_id = clause_of.get(old_id, old_id)
        related = [l for l in crosswalk.of(old, clause_id) if l.other_standard == new]
        dropped.append({"id": old_id, "clause": clause_id, "item": old_id != clause_id, "note": note,
                        "related": related})
    return _env(lang).get_template("changes.md.j2").render(
        editions=editions, old=rubrics[old].data, new=rubrics[new].data, rows=rows, dropped=dropped,
        titles=clause_titles(rubrics), note=crosswalk.data["provenance_note"])


def glossary_page(rubrics: dict[str, LoadedRubric], lang: str) -> str:
    """Every defined term, with one anchor each."""
    return _env(lang, rubrics).get_template("glossary.md.j2").render(
        terms=terms(rubrics), renderings=termbase.load().renderings())


def compare_page(rubrics: dict[str, LoadedRubric], lang: str) -> str:
    """The standards side by side."""
    standards = []
    for sid, r in rubrics.items():
        profiles = profiles_of(r)
        standards.append({"id": sid, "data": r.data, "items": len(r.model.items),
                          "clauses": sum(1 for _ in leaf_clauses(r.data)), "profiles": profiles})
    return _env(lang, rubrics).get_template("compare.md.j2").render(standards=standards)


def sources_page(rubrics: dict[str, LoadedRubric], lang: str, sources: Sources | None = None) -> str:
    """Every document the project draws on, named as the site cites it, with what it
    covers and lacks and which standard's pages use it (rubrics' ``sources``)."""
    sources = sources or sources_for_build()
    env = _env(lang, rubrics)
    env.globals.update(SL=lambda key: i18n.source_label(key, lang),
                       PSRC=lambda node: prov_tag(sources.provenance(node, lang), lang))
    used_by = {sid: [(rid, entry) for rid, r in rubrics.items() for entry in r.data["sources"] if entry["id"] == sid]
               for sid in sources.by_id}
    return env.get_template("sources.md.j2").render(
        sources=sources, used_by=used_by, codes={rid: r.data["code"] for rid, r in rubrics.items()})


def _unscored(rubric: LoadedRubric, profile: Any, item_id: str) -> str:
    """The CSV's word for an item a profile gives no points: "not applicable" when the item
    belongs to an annex for another kind of enterprise, else "not scored"."""
    annex_of = {section["id"]: section.get("annex") for section in rubric.data["sections"]}
    mine = {annex_of[s] for s in profile.sections} - {None}
    theirs = annex_of[rubric.model.items[item_id].section_id]
    return "not applicable" if mine and theirs and theirs not in mine else "not scored"


def clause_csv(rubric: LoadedRubric) -> str:
    """The clause list of a standard as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    profiles = profiles_of(rubric)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["standard", "section", "clause", "clause_title_zh", "clause_title_en", "item", "text_zh",
                     "text_en", "text_zh_provenance", "text_en_provenance"]
                    + [f"points:{p.id}" for p in profiles] + [f"points_provenance:{p.id}" for p in profiles])
    default = rubric.data["text_provenance"]
    for ref in leaf_clauses(rubric.data):
        for item in ref.clause["items"]:
            parts = list(item.get("parts", []))
            zh = item["text"]["zh"] + "".join(f" {p['zh']}" for p in parts)
            en = item["text"]["en"] + "".join(f" {p['en']}" for p in parts)
            writer.writerow([rubric.data["code"], ref.section["id"], ref.clause["id"], ref.clause["title"]["zh"],
                             ref.clause["title"]["en"], item["id"], zh, en,
                             i18n.provenance_of(item["text"], "zh", default), i18n.provenance_of(item["text"], "en", default)]
                            + [str(p.items[item["id"]].points) if item["id"] in p.items else "" for p in profiles]
                            + [p.items[item["id"]].provenance if item["id"] in p.items else _unscored(rubric, p, item["id"])
                               for p in profiles])
    return "\ufeff" + buffer.getvalue()
