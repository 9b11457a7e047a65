"""Splitting runs of digits back into cells (text whose cells ran together, D17 and crawlers).

A run such as ``230 000023`` holds several cells written with no separator. Whitespace is taken
as a cell boundary; inside a group of digits any split is possible, except that a number never
has a leading zero (``023`` is ``0``, ``23`` or ``0``, ``2``, ``3``). :func:`splits` lists every
way to read the groups as exactly ``n`` numbers; the caller keeps those that satisfy the
identities. The work is bounded: runs longer than :data:`MAX_DIGITS` or with more than
:data:`MAX_SPLITS` readings are reported as too ambiguous instead of enumerated.

>>> splits(["230", "000023"], 7)[:3]
[(2, 30, 0, 0, 0, 0, 23), (23, 0, 0, 0, 0, 0, 23), (230, 0, 0, 0, 0, 2, 3)]
>>> splits(["000000000000000"], 15)
[(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

__all__ = ["MAX_DIGITS", "MAX_NUMBER_DIGITS", "MAX_SPLITS", "TooAmbiguous", "splits"]

#: The longest run (in digits) that is split at all.
MAX_DIGITS = 200
#: The most digits one number may have (counts in these reports stay far below 10^9).
MAX_NUMBER_DIGITS = 9
#: The most readings enumerated before giving up.
MAX_SPLITS = 20000


class TooAmbiguous(Exception):
    """Raised when a run has too many readings to enumerate."""


@lru_cache(maxsize=1024)
def _group_splits(digits: str, most: int) -> tuple[tuple[int, ...], ...]:
    """Every way to read one group of digits as at most ``most`` numbers with no leading zeros."""
    out: list[tuple[int, ...]] = []

    def walk(i: int, acc: tuple[int, ...]) -> None:
        if len(out) > MAX_SPLITS:
            raise TooAmbiguous(digits)
        if len(acc) > most or len(acc) + -(-(len(digits) - i) // MAX_NUMBER_DIGITS) > most:
            return
        if i == len(digits):
            out.append(acc)
            return
        if digits[i] == "0":
            walk(i + 1, (*acc, 0))
            return
        for j in range(i + 1, min(len(digits), i + MAX_NUMBER_DIGITS) + 1):
            walk(j, (*acc, int(digits[i:j])))

    walk(0, ())
    return tuple(out)


def splits(groups: Sequence[str], n: int) -> list[tuple[int, ...]]:
    """Every reading of the digit ``groups`` as exactly ``n`` numbers, in increasing order.

    Raises :class:`TooAmbiguous` when the run is too long or has too many readings.
    """
    if sum(len(g) for g in groups) > MAX_DIGITS:
        raise TooAmbiguous("".join(groups))
    per_group = []
    for g in groups:
        # A group of k digits gives between ceil(k / MAX_NUMBER_DIGITS) and k numbers.
        per_group.append(_group_splits(g, n))
    out: list[tuple[int, ...]] = []

    def combine(i: int, acc: tuple[int, ...]) -> None:
        if len(out) > MAX_SPLITS:
            raise TooAmbiguous("".join(groups))
        if i == len(per_group):
            if len(acc) == n:
                out.append(acc)
            return
        rest_min = sum(-(-len(g) // MAX_NUMBER_DIGITS) for g in groups[i + 1 :])
        rest_max = sum(len(g) for g in groups[i + 1 :])
        for s in per_group[i]:
            size = len(acc) + len(s)
            if size + rest_min <= n <= size + rest_max:
                combine(i + 1, acc + s)

    combine(0, ())
    return sorted(out)
