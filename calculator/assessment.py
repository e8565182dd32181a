"""An assessment: which standard, and a rating for each scored item.

File format (YAML or JSON, the same in the CLI, the share link and the browser)::

    standard: cts-q-zg025-2022
    ratings:
      5.1.1.a: 1        # fraction of the item's points earned, 0..1
      5.4.5.d: 0.7
      5.6.3.b: na       # excluded: the item does not apply (CTS 6.2 b)
    notes:              # optional evidence / remarks per item
      5.1.1.a: 理念手册 2024 版
    plan:               # optional: the improvement plan's target and each step's follow-up
      target: five-star #   a level id of the standard (see calculator/plan.py)
      steps:
        5.4.5.d: {owner: 张三, due: "2027-03-31", status: in-progress}

An item that is not rated counts as 0 and is reported under ``unrated``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .constants import MAX_SPECIAL_BONUS
from .errors import AssessmentError, RatingError, quote
from .limits import MAX_NOTE_CHARS, MAX_OWNER_CHARS
from .model import Rubric
from .numbers import ONE, ZERO, NotANumber, NotFinite, to_decimal

NOT_APPLICABLE = "na"
ALLOWED_KEYS = ("standard", "title", "profile", "ratings", "notes", "report", "plan")
# What a printed report names (the calculator's "report details"), all optional text.
REPORT_KEYS = ("enterprise", "site", "assessor", "date")
# What a plan step's follow-up holds, and the statuses a step can have (in their order).
STEP_KEYS = ("owner", "due", "status")
STATUSES = ("open", "in-progress", "done")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Keys that only one scoring model understands (GB/T 27922-2011 6.2 special items).
MODEL_KEYS = {"gbt-27922": ("special_deductions", "special_bonus")}


@dataclass(frozen=True)
class StepFollowUp:
    """Who fixes an item of the improvement plan, by when, and how far it got."""

    owner: str = ""
    due: str = ""
    status: str = STATUSES[0]


@dataclass(frozen=True)
class PlanFollowUp:
    """An assessment's ``plan``: the target level it plans for (``None`` where a combined
    file names it instead) and the follow-up of each step, by item id. A step's follow-up
    is kept when the plan changes, so an item that leaves the plan and comes back finds it."""

    target: str | None = None
    steps: Mapping[str, StepFollowUp] = field(default_factory=dict)


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
    plan: PlanFollowUp | None = None


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


def _step(item_id: str, value: Any) -> StepFollowUp:
    if not isinstance(value, Mapping):
        raise AssessmentError("plan-step-not-mapping", item=item_id, value=quote(value))
    out: dict[str, str] = {}
    for key, text in value.items():
        if key not in STEP_KEYS:
            raise AssessmentError("plan-step-unknown-key", item=item_id, key=str(key), allowed=list(STEP_KEYS))
        if not isinstance(text, str):
            raise AssessmentError("plan-step-not-text", item=item_id, key=str(key), value=quote(text))
        out[str(key)] = text
    owner, due, status = out.get("owner", ""), out.get("due", ""), out.get("status", STATUSES[0])
    if len(owner) > MAX_OWNER_CHARS:
        raise AssessmentError("plan-owner-too-long", item=item_id, length=len(owner), limit=MAX_OWNER_CHARS)
    if due:
        try:
            if not _ISO_DATE.match(due):
                raise ValueError(due)
            date.fromisoformat(due)
        except ValueError:
            raise AssessmentError("plan-bad-due", item=item_id, value=quote(due)) from None
    if status not in STATUSES:
        raise AssessmentError("plan-bad-status", item=item_id, value=quote(status), allowed=list(STATUSES))
    return StepFollowUp(owner, due, status)


def parse_plan(value: Any, items: Mapping[str, Any] | None, targets: list[str]) -> PlanFollowUp:
    """``plan``: ``target`` (one of ``targets``: a level id of the standard, or for a combined
    file a number of stars such as ``stars-10``) and ``steps``, each item id's ``owner``
    (text), ``due`` (a date, YYYY-MM-DD) and ``status`` (open, in-progress or done), all
    optional. ``items`` are the item ids steps may name (None: no steps allowed, the
    combined file's own ``plan``, whose steps live in each part)."""
    if not isinstance(value, Mapping):
        raise AssessmentError("plan-not-mapping", value=quote(value))
    allowed = ("target", "steps") if items is not None else ("target",)
    for key in value:
        if key not in allowed:
            raise AssessmentError("plan-unknown-key", key=str(key), allowed=list(allowed))
    target = value.get("target")
    if target is not None and (not isinstance(target, str) or target not in targets):
        raise AssessmentError("plan-bad-target", value=quote(target), allowed=targets)
    raw = value.get("steps") or {}
    if not isinstance(raw, Mapping):
        raise AssessmentError("plan-steps-not-mapping", value=quote(raw))
    steps: dict[str, StepFollowUp] = {}
    for key, entry in raw.items():
        item_id = str(key)
        if items is None or item_id not in items:
            raise AssessmentError("plan-step-unknown-item", item=item_id)
        steps[item_id] = _step(item_id, entry)
    return PlanFollowUp(target, steps)


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
    plan = parse_plan(data["plan"], rubric.items, [level.id for level in rubric.levels if level.passed]) if "plan" in data else None
    return Assessment(standard, ratings, notes, title, profile, deductions, bonus, report, plan)
