"""Exact arithmetic for scores.

Points and ratings are held as :class:`decimal.Decimal` built from the decimal text the
user wrote, so ``0.7`` is exactly seven tenths and never the binary float nearest to it.
Percentages are divided exactly (as fractions) and rounded once, half up, to two decimals:

    CTS Q/ZG025-2022 6.3 and GB/T 27922-2011 6.3 state the level bounds to two decimals
    ("70.00 分 ... 79.99 分"); the score is rounded half up to 2 decimals before it is
    compared with a bound.
"""

from __future__ import annotations

import functools
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

CENT = Decimal("0.01")
HALF_CENT = Fraction(1, 200)
"""Half of 0.01: a raw score of ``bound - HALF_CENT`` already rounds half up to ``bound``."""
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)


class NotANumber(ValueError):
    """The value is not a number (text, ``true``, a list ...); the caller raises its own error."""


class NotFinite(NotANumber):
    """The value is NaN or an infinity."""


def to_decimal(value: object) -> Decimal:
    """Turn a number from parsed JSON/YAML into an exact Decimal.

    ``bool`` is refused (``true`` is not a rating), as are strings (:class:`NotANumber`),
    NaN and infinities (:class:`NotFinite`); each caller words the problem with its own
    error code. Floats go through ``repr`` so ``0.7`` becomes ``Decimal('0.7')``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise NotANumber(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise NotFinite(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise NotFinite(value)
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """``part / whole x 100`` rounded half up to 2 decimals, computed exactly.

    The quotient is formed as a Fraction, so a value such as 64.995 is not mistaken for
    64.99499... before rounding: 64.995 rounds to 65.00, 64.9949 to 64.99.
    """
    if whole <= 0:
        raise ValueError("percent of a non-positive whole")
    exact = Fraction(part) * 100 / Fraction(whole)
    return round_half_up(exact)


def round_half_up(value: Fraction | Decimal) -> Decimal:
    """Round a non-negative or negative exact value half up (away from zero) to 0.01.

    A Decimal is rounded by Decimal itself (``quantize`` rounds the exact value; a result of
    zero never keeps a minus sign); a Fraction with integers: the cents are
    floor(|n|/d x 100 + 1/2) = (200|n| + d) // 2d. Scoring rounds amounts a great many times,
    and this is several times faster than adding and flooring Fractions.
    """
    if isinstance(value, Decimal):
        rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
        return rounded if rounded else abs(rounded)  # -0.001 rounds to 0.00, not -0.00
    exact = value if isinstance(value, Fraction) else Fraction(value)
    numerator, denominator = exact.numerator, exact.denominator
    cents = (200 * abs(numerator) + denominator) // (2 * denominator)
    return (Decimal(-cents if numerator < 0 else cents) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def ceil_cents(value: Fraction) -> Decimal:
    """Round a non-negative amount up to the next 0.01 (a negative amount counts as 0)."""
    return Decimal(math.ceil(max(value, Fraction(0)) * 100)) / 100


def exact_or_cents(value: Fraction) -> Decimal:
    """A decimal amount exactly when it has at most 4 decimals, else rounded half up to 0.01."""
    scaled = value * 10_000
    if scaled.denominator == 1:
        return Decimal(scaled.numerator).scaleb(-4).normalize()
    return round_half_up(value)


def plain(value: Decimal) -> int | float:
    """A Decimal as a JSON number: an int when whole, otherwise the shortest float.

    Values here carry at most a few decimals, so the float prints back exactly as the
    decimal text (``Decimal('61.70')`` becomes ``61.7``).
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)


@functools.lru_cache(maxsize=1024)
def cents(value: Fraction | Decimal) -> str:
    """An exact amount as people read it: rounded half up to 0.01, with two decimals
    (``Fraction(39, 40)`` -> ``"0.98"``).

    A result prints the same few amounts many times (each item's points and earned points,
    each clause's and section's sums), so the text of the last thousand amounts is kept. The
    text depends on the amount's value alone, and amounts of equal value are equal keys
    (``Decimal("0.5")``, ``Decimal("0.50")`` and ``Fraction(1, 2)``), so any of them may
    answer for the others."""
    return f"{round_half_up(value):.2f}"


def text(value: Decimal, places: int = 2) -> str:
    """A Decimal for people, with a fixed number of decimals (half up)."""
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def rating_percent(value: object) -> str:
    """A rating (a share from 0 to 1, as a result or file gives it) as the page shows it, a
    percentage with every decimal it has: 0.84 -> "84%", 0.125 -> "12.5%", 1 -> "100%"."""
    return f"{format((Decimal(str(value)) * 100).normalize(), 'f')}%"
