"""Random assessment slots for the Hypothesis property tests (test_properties*.py).

Hypothesis draws all of an assessment's slots as one byte string (much faster than one
draw per item) and shrinks it toward zero bytes, i.e. toward ratings of 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ABSENT = object()  # the item gets no rating at all


def rating_value(thousandths: int) -> int | float:
    """A rating as JSON would hold it: 0 and 1 as ints, otherwise n/1000 as a float."""
    return thousandths // 1000 if thousandths in (0, 1000) else thousandths / 1000


def slot_of(kind: int, extra: int, bands: Sequence[float]) -> Any:
    """One item's slot from two random bytes: a rating, one of ``bands``, 'na' or ABSENT."""
    choice = kind % 10
    if choice <= 3:                                  # any rating with up to 3 decimals
        return rating_value(((kind // 10) * 256 + extra) % 1001)
    if choice <= 6:                                  # a band value
        return bands[extra % len(bands)]
    if choice == 7:
        return "na"
    if choice == 8:
        return ABSENT
    return 1
