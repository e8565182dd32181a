"""An assessment: which standard, and a rating for each scored item.

File format (YAML or JSON, the same in the CLI, the share link and the browser)::

    standard: cts-q-zg025-2022
    ratings:
      5.1.1.a: 1        # fraction of the item's points earned, 0..1
      5.4.5.d: 0.7
      5.6.3.b: na       # excluded: the item does not apply (CTS 6.2 b)
    notes:              # optional evidence / remarks per item
      5.1.1.a: 理念手册 2024 版

An item that is not rated counts as 0 and is reported under ``unrated``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .constants import MAX_SPECIAL_BONUS
from .errors import AssessmentError, RatingError, quote
from .limits import MAX_NOTE_CHARS
from .model import Rubric
from .numbers import ONE, ZERO, NotANumber, NotFinite, to_decimal

NOT_APPLICABLE = "na"
ALLOWED_KEYS = ("standard", "title", "profile", "ratings", "notes", "report")
# What a printed report names (the calculator's "report details"), all optional text.
REPORT_KEYS = ("enterprise", "site", "assessor", "date")
# Keys that only one scoring model understands (GB/T 27922-2011 6.2 special items).
MODEL_KEYS = {"gbt-27922": ("special_deductions", "special_bonus")}


@dataclass(frozen=True)
class Assessment:
    """A checked assessment. ``ratings`` maps item id to a Decimal, or None for ``na``."""

    standard: str
    ratings: Mapping[str, Decimal | None]
    notes: Mapping[str, str]
    title: str | None = None
    profile: str | None = None
    special_deductions: int = 0
    special_bonus: int = 0
    report: Mapping[str, str] | None = None


def parse_report(value: Any) -> dict[str, str]:
    """``report``: what the printed report names, a mapping of ``enterprise``, ``site``,
    ``assessor`` and ``date`` to text (each optional); it changes no score."""
    if not isinstance(value, Mapping):
        raise AssessmentError("report-not-mapping", value=quote(value))
    out: dict[str, str] = {}
    for key, text in value.items():
        if key not in REPORT_KEYS:
            raise AssessmentError("report-unknown-key", key=str(key), allowed=list(REPORT_KEYS))
        if not isinstance(text, str):
            raise AssessmentError("report-not-text", key=str(key), value=quote(text))
        out[str(key)] = text
    return out


def parse_rating(item_id: str, value: Any) -> Decimal | None:
    """A rating is a number from 0 to 1 inclusive, or the string ``na``."""
    if isinstance(value, str):
        if value.strip().lower() == NOT_APPLICABLE:
            return None
        raise RatingError("rating-not-number", item=item_id, value=quote(value))
    if value is None:
        raise RatingError("rating-empty", item=item_id)
    try:
        rating = to_decimal(value)
    except NotFinite:
        raise RatingError("rating-not-finite", item=item_id, value=quote(value)) from None
    except NotANumber:
        raise RatingError("rating-not-number", item=item_id, value=quote(value)) from None
    if not ZERO <= rating <= ONE:
        raise RatingError("rating-range", item=item_id, value=quote(value))
    return rating


def standard_of(data: Any) -> str:
    """The ``standard`` an assessment names, checked to be a non-empty string."""
    if not isinstance(data, Mapping):
        raise AssessmentError("not-an-assessment", value=quote(data))
    if "standard" not in data:
        raise AssessmentError("no-standard")
    standard = data.get("standard")
    if not isinstance(standard, str) or not standard.strip():
        raise AssessmentError("bad-standard", value=quote(standard))
    return standard.strip()


def parse_assessment(data: Any, rubric: Rubric) -> Assessment:
    """Check an assessment against its rubric; every problem raises, none is dropped."""
    standard = standard_of(data)
    if standard != rubric.id:
        raise AssessmentError("standard-mismatch", standard=standard, rubric=rubric.id)
    allowed = ALLOWED_KEYS + MODEL_KEYS.get(rubric.model, ())
    unknown = [key for key in data if key not in allowed]
    if unknown:
        raise AssessmentError("unknown-key", key=str(unknown[0]), standard=rubric.id, allowed=list(allowed))
    raw = data.get("ratings", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise AssessmentError("ratings-not-mapping", value=quote(raw))
    ratings: dict[str, Decimal | None] = {}
    for key, value in raw.items():
        item_id = str(key)
        if item_id not in rubric.items:
            raise AssessmentError("unknown-item", item=item_id, standard=rubric.id)
        ratings[item_id] = parse_rating(item_id, value)
    raw_notes = data.get("notes", {}) or {}
    if not isinstance(raw_notes, Mapping):
        raise AssessmentError("notes-not-mapping", value=quote(raw_notes))
    notes: dict[str, str] = {}
    for key, value in raw_notes.items():
        item_id = str(key)
        if item_id not in rubric.items:
            raise AssessmentError("note-unknown-item", item=item_id, standard=rubric.id)
        if not isinstance(value, str):
            raise AssessmentError("note-not-text", item=item_id, value=quote(value))
        if len(value) > MAX_NOTE_CHARS:
            raise AssessmentError("note-too-long", item=item_id, length=len(value), limit=MAX_NOTE_CHARS)
        notes[item_id] = value
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise AssessmentError("title-not-text", value=quote(title))
    profile = data.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        raise AssessmentError("bad-profile-name", value=quote(profile))
    deductions = data.get("special_deductions", 0)
    if isinstance(deductions, bool) or not isinstance(deductions, int) or deductions < 0:
        raise AssessmentError("bad-deductions", value=quote(deductions))
    bonus = data.get("special_bonus", 0)
    if isinstance(bonus, bool) or bonus not in range(MAX_SPECIAL_BONUS + 1):
        raise AssessmentError("bad-bonus", value=quote(bonus))
    report = parse_report(data["report"]) if "report" in data else None
    return Assessment(standard, ratings, notes, title, profile, deductions, bonus, report)
