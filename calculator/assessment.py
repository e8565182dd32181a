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

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping

from .errors import AssessmentError, RatingError, quote
from .model import Rubric
from .numbers import ONE, ZERO, to_decimal

NOT_APPLICABLE = "na"
ALLOWED_KEYS = ("standard", "title", "profile", "ratings", "notes")
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


def parse_rating(item_id: str, value: Any) -> Decimal | None:
    """A rating is a number from 0 to 1 inclusive, or the string ``na``."""
    if isinstance(value, str):
        if value.strip().lower() == NOT_APPLICABLE:
            return None
        raise RatingError(f"rating of {item_id}: expected a number from 0 to 1 or 'na', got {quote(value)}",
                          "rating-not-number", item=item_id, value=quote(value))
    if value is None:
        raise RatingError(f"rating of {item_id}: empty; give a number from 0 to 1 or 'na'",
                          "rating-empty", item=item_id)
    try:
        rating = to_decimal(value, f"rating of {item_id}")
    except RatingError as exc:
        raise RatingError(str(exc), "rating-not-number", item=item_id, value=quote(value)) from None
    if not ZERO <= rating <= ONE:
        raise RatingError(f"rating of {item_id}: {quote(value)} is outside 0..1", "rating-range",
                          item=item_id, value=quote(value))
    return rating


def standard_of(data: Any) -> str:
    """The ``standard`` an assessment names, checked to be a non-empty string."""
    if not isinstance(data, Mapping):
        raise AssessmentError(f"assessment: expected a mapping with 'standard' and 'ratings', got {quote(data)}",
                              "not-an-assessment")
    standard = data.get("standard")
    if not isinstance(standard, str) or not standard.strip():
        raise AssessmentError(f"assessment: 'standard' must name a standard, got {quote(standard)}",
                              "no-standard", value=quote(standard))
    return standard.strip()


def parse_assessment(data: Any, rubric: Rubric) -> Assessment:
    """Check an assessment against its rubric; every problem raises, none is dropped."""
    standard = standard_of(data)
    if standard != rubric.id:
        raise AssessmentError(f"assessment: standard {standard!r} does not match rubric {rubric.id!r}")
    allowed = ALLOWED_KEYS + MODEL_KEYS.get(rubric.model, ())
    unknown = [key for key in data if key not in allowed]
    if unknown:
        raise AssessmentError(f"assessment: unknown key {quote(str(unknown[0]))} for {rubric.id}; "
                              f"allowed: {', '.join(allowed)}", "unknown-key", key=str(unknown[0]),
                              standard=rubric.id, allowed=", ".join(allowed))
    raw = data.get("ratings", {})
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise AssessmentError(f"assessment: 'ratings' must map item ids to ratings, got {quote(raw)}",
                              "ratings-not-mapping")
    ratings: dict[str, Decimal | None] = {}
    for key, value in raw.items():
        item_id = str(key)
        if item_id not in rubric.items:
            raise AssessmentError(f"unknown item id {item_id!r} for {rubric.id}", "unknown-item",
                                  item=item_id, standard=rubric.id)
        ratings[item_id] = parse_rating(item_id, value)
    raw_notes = data.get("notes", {}) or {}
    if not isinstance(raw_notes, Mapping):
        raise AssessmentError(f"assessment: 'notes' must map item ids to text, got {quote(raw_notes)}")
    notes: dict[str, str] = {}
    for key, value in raw_notes.items():
        item_id = str(key)
        if item_id not in rubric.items:
            raise AssessmentError(f"notes: unknown item id {item_id!r} for {rubric.id}", "unknown-item",
                                  item=item_id, standard=rubric.id)
        if not isinstance(value, str):
            raise AssessmentError(f"notes of {item_id}: expected text, got {quote(value)}", "note-not-text",
                                  item=item_id)
        notes[item_id] = value
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        raise AssessmentError(f"assessment: 'title' must be text, got {quote(title)}")
    profile = data.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile.strip()):
        raise AssessmentError(f"assessment: 'profile' must name a weight profile, got {quote(profile)}")
    deductions = data.get("special_deductions", 0)
    if isinstance(deductions, bool) or not isinstance(deductions, int) or deductions < 0:
        raise AssessmentError(f"special_deductions: expected a whole number 0 or more, got {quote(deductions)}",
                              "bad-deductions", value=quote(deductions))
    bonus = data.get("special_bonus", 0)
    if isinstance(bonus, bool) or bonus not in (0, 1):
        raise AssessmentError(f"special_bonus: expected 0 or 1 (at most one special bonus), got {quote(bonus)}",
                              "bad-bonus", value=quote(bonus))
    return Assessment(standard, ratings, notes, title, profile, deductions, bonus)
