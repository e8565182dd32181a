"""The result every scoring model returns: one shape for all standards (JSON-ready)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .explain import next_message
from .model import Level, Rubric
from .numbers import cents, plain
from .profiles import Profile
from .tally import Tally


def build(rubric: Rubric, profile: Profile, tally: Tally, *, score: Decimal, level: Level,
          passed: bool, reason: dict[str, Any] | None, earned: Any, applicable: Any,
          next_level: dict[str, Any] | None, fix_first: list[dict[str, Any]],
          provisional: bool, **extra: Any) -> dict[str, Any]:
    """Assemble a result; ``extra`` adds model-specific keys (special deductions, items).

    ``reason`` (why it fails) and ``next_message`` (the next-level line) are messages,
    ``{code, params}`` of the catalogue's ``result`` group, never sentences.
    """
    excluded = sum((s.excluded for s in tally.sections), Decimal(0))
    return {
        "standard": rubric.id,
        "code": rubric.code,
        "model": rubric.model,
        "profile": {"id": profile.id, "title": dict(profile.title)},
        "earned": plain(earned),
        "applicable": plain(applicable),
        "excluded": plain(excluded),
        # the same three amounts as people read them: two decimals, rounded half up
        "earned_text": cents(earned),
        "applicable_text": cents(applicable),
        "excluded_text": cents(excluded),
        "total": plain(rubric.total_points),
        "score": plain(score),
        "score_text": f"{score:.2f}",
        "stars": level.stars if passed else None,
        "level": level.id,
        "level_label": dict(level.label),
        "passed": passed,
        "reason": reason,
        "provisional_weights": provisional,
        "unrated": tally.unrated,
        "excluded_items": tally.excluded,
        "not_scored": tally.not_scored,
        **extra,
        "next_level": next_level,
        "next_message": next_message(next_level, "%" if rubric.model == "completeness" else ""),
        "fix_first": fix_first,
        "sections": [s.row() for s in tally.sections],
        "clauses": [c.row() for c in tally.clauses],
        "items": tally.items,
    }
