"""The method behind every provisional number in the shipped weight profiles.

Where no source gives the points of the units inside a total (GB/T 27922 below its three
first-level indicators; SB/T 10401 inside each item), the total is shared equally, to
the cent, and the cents that do not divide evenly go one each to the first units in the
standard's order (largest-remainder method). ``scripts/make-profiles`` writes the shipped
profiles with it, and a test checks that every provisional number there is what this
method gives, so the method written in each profile is the method actually used.
"""

from __future__ import annotations

from decimal import Decimal


def equal_split(total: Decimal, ids: list[str]) -> dict[str, Decimal]:
    """Share ``total`` equally among ``ids`` to 0.01; left-over cents to the first ids."""
    if not ids:
        raise ValueError("nothing to split")
    cents = int((total * 100).to_integral_exact())
    if Decimal(cents) != total * 100:
        raise ValueError(f"{total} is not a whole number of cents")
    share, left = divmod(cents, len(ids))
    return {unit: Decimal(share + (1 if index < left else 0)) / 100 for index, unit in enumerate(ids)}
