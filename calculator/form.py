"""The form model: what the calculator page draws for a standard, computed here once.

The page never re-derives a rule of the rubric. For a standard it gets from this module
(at build time as ``assets/calc/form/<standard>.json``, and from the worker only for a
custom weight profile):

* the sections, clauses and items in the standard's order, each item with its label
  (``a)`` for a lettered item, as on the clause pages; the item id otherwise), its text, the
  list its text introduces ("including: a) ... b) ...") and its quantitative condition with
  the comparator as a sign (``>=`` -> ``≥``);
* the rating choices: CTS Q/ZG025-2022 rates by the bands of Table 1 (each counted at its
  upper bound, the calculator's convention), GB/T 27922 and SB/T 10401 by met / not met;
  both may be partly met (an exact percentage) or not applicable (excluded);
* what the rater is told about rating (the bands' descriptors, or the rating rule);
* a view per weight profile: which sections it scores (the others are hidden: SB/T
  Table A.2 leaves three items out, a production profile scores Appendix A only), which
  items, and whether any of its points is provisional.

Labels the page words are messages ``{code, params}`` of the catalogue's ``calc`` group.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .limits import MAX_FILE_BYTES, MAX_NOTE_CHARS
from .model import Rubric
from .numbers import to_decimal
from .profiles import Profile, standard_profile

SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


def number_text(value: Any) -> str:
    """A number as people write it: ``0.2`` -> ``"0.2"``, ``1.0`` -> ``"1"``, ``10`` -> ``"10"``."""
    return format(to_decimal(value).normalize(), "f")


def sign(comparator: str) -> str:
    """The comparator of a quantitative condition as the sign a reader expects (``>=`` -> ``≥``)."""
    return SIGNS.get(comparator, comparator)


def item_label(item_id: str, clause_id: str) -> str:
    """``5.1.1.a`` in clause ``5.1.1`` -> ``a)`` (the standard's own lettering); an item
    without a letter of its own (GB/T indicators, SB/T conditions) is named by its id."""
    tail = item_id[len(clause_id) + 1:] if item_id.startswith(clause_id + ".") else ""
    return f"{tail})" if tail.isalpha() else item_id


def item_parts(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The list an item's text introduces ("..., including:"), in order: each part with its
    letter (``a)``) where the standard letters them (``parts_style: letters``), else none."""
    lettered = item.get("parts_style") == "letters"
    return [{"label": f"{chr(ord('a') + index)})" if lettered else None, "text": _text(part)}
            for index, part in enumerate(item.get("parts", []))]


def _message(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


def rating_options(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rating choices, in the order they are offered, with the value each stores.

    ``full`` marks the choice that counts an item as fully met (the bulk action "fully met").
    """
    bands = data["scoring"].get("bands")
    options: list[dict[str, Any]] = []
    if bands:
        options.append({"value": "0", "label": _message("not_met"), "short": _message("short_band", counts="0")})
        for band in bands:
            counts = number_text(to_decimal(band["value"]) * 100)
            options.append({"value": number_text(band["value"]),
                            "label": _message("band", min=band["min_percent"], max=band["max_percent"],
                                              counts=counts),
                            "short": _message("short_band", counts=counts)})
    else:
        options.append({"value": "1", "label": _message("met"), "short": _message("short_met")})
        options.append({"value": "0", "label": _message("not_met"), "short": _message("short_not_met")})
    for option in options:
        option["full"] = Decimal(option["value"]) == 1
    options.append({"value": "exact", "label": _message("exact"), "short": _message("short_exact"), "full": False})
    options.append({"value": "na", "label": _message("na"), "short": _message("short_na"), "full": False})
    return options


def _teaching(data: Mapping[str, Any]) -> dict[str, Any]:
    scoring = data["scoring"]
    if scoring.get("bands"):
        return {"bands": [{"range": f"{b['min_percent']}%–{b['max_percent']}%",
                           "descriptors": [{"zh": d["zh"], "en": d["en"]} for d in b["descriptors"]]}
                          for b in scoring["bands"]]}
    return {"rule": {"zh": scoring["rating"]["zh"], "en": scoring["rating"]["en"]}}


def _quantity(raw: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not raw:
        return None
    out = {"quantity": {"zh": raw["quantity"]["zh"], "en": raw["quantity"]["en"]}, "sign": sign(raw["comparator"]),
           "threshold": number_text(raw["threshold"]), "unit": raw.get("unit", "")}
    if raw.get("also"):
        out["also"] = {"zh": raw["also"]["zh"], "en": raw["also"]["en"]}
    return out


def _leaves(clauses: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for clause in clauses:
        out.extend(_leaves(clause["clauses"]) if "clauses" in clause else [clause])
    return out


def _text(value: Mapping[str, Any]) -> dict[str, str]:
    return {"zh": value["zh"], "en": value["en"]}


def profile_view(rubric: Rubric, profile: Profile, custom: bool = False) -> dict[str, Any]:
    """What a weight profile changes on the form: the sections it scores (the only ones
    shown), the items it scores (rated counts are out of these), whether it is provisional."""
    scored = [item_id for item_id in rubric.items if item_id in profile.items]
    sections = [s.id for s in rubric.sections if any(i.id in profile.items for c in s.clauses for i in c.items)]
    return {"id": profile.id, "title": dict(profile.title), "provisional": profile.provisional, "custom": custom,
            "sections": sections, "items": scored}


def profiles_of(rubric: Rubric) -> list[Profile]:
    """The profiles a reader can choose: the default first, then the others by id; a
    standard that fixes its own points (CTS) has only those."""
    if rubric.points_provenance:
        return [standard_profile(rubric)]
    return sorted(rubric.profiles.values(), key=lambda p: (p.id != rubric.default_profile, p.id))


def form_model(data: Mapping[str, Any], rubric: Rubric) -> dict[str, Any]:
    """The form of one standard (``data`` the rubric JSON, ``rubric`` loaded from it)."""
    sections = []
    for raw in data["sections"]:
        clauses = []
        for clause in _leaves(raw["clauses"]):
            items = [{"id": item["id"], "label": item_label(item["id"], clause["id"]), "text": _text(item["text"]),
                      "parts": item_parts(item), "quantitative": _quantity(item.get("quantitative"))}
                     for item in clause["items"]]
            clauses.append({"id": clause["id"], "title": _text(clause["title"]), "items": items})
        sections.append({"id": raw["id"], "title": _text(raw["title"]), "annex": raw.get("annex"),
                         "clauses": clauses})
    shipped = profiles_of(rubric)
    return {
        "standard": rubric.id,
        "code": rubric.code,
        "title": _text(data["title"]),
        "model": rubric.model,
        "choose_profile": not rubric.points_provenance,
        "default_profile": shipped[0].id,
        "special": rubric.model == "gbt-27922",
        "options": rating_options(data),
        "teaching": _teaching(data),
        "profiles": [profile_view(rubric, p) for p in shipped],
        "sections": sections,
        "limits": {"note_chars": MAX_NOTE_CHARS, "file_bytes": MAX_FILE_BYTES},
    }
