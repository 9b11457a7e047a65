"""Matching published labels to the catalogue: exact, alias, numbering, gloss, then fuzzy.

A :class:`Vocabulary` lists every label a table layout prints (captions, corner notes,
spanning headers, column and row labels, the row groups) as :class:`Term` values, all read
from the catalogue. :meth:`Vocabulary.match` tries, in order, and stops at the first tier
that finds something:

1. ``exact``: the :func:`~govinfo.readers.normalize.label_key` of the text equals a label's key;
2. ``alias``: it equals the key of one of the catalogue's aliases for the label;
3. ``numbering``: it equals a label once the item numbering (``1.``, ``1、``, ``(1)``) is
   dropped from both, the numbers agreeing when both have one;
4. ``gloss``: it starts with a label and the rest is a parenthesised gloss
   (``本年增/减(指2020年…)``, ``采购总金额(万元,保留四位小数)``, D7b/D7c);
5. ``fuzzy``: one label is strictly nearest within a small edit distance
   (a quarter of the label's length, at most 4; none for labels under 4 characters).

A tier that finds several different terms gives an ambiguous :class:`Match` (no guess).

>>> from govinfo.catalogue import get_edition
>>> v = Vocabulary.of(get_edition("2021").requests[0])
>>> m = v.match("2.其他法律行政止公开")
>>> m.how, m.distance, m.terms[0].row.key
('fuzzy', 3, 'results.withheld.prohibited_by_law')
>>> v.match("商業 企業").terms[0].column.key
'commercial'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable
from functools import cache

import attrs

from ..catalogue import ColumnSpec, GridSpec, GroupSpec, RowSpec, TableSpec, common
from .normalize import label_key

__all__ = ["Match", "Term", "Vocabulary", "bounded_distance"]


@attrs.frozen(kw_only=True)
class Term:
    """One printed label of a table layout and what it stands for.

    ``kind`` is ``"caption"``, ``"corner"``, ``"header"`` (a group spanning columns),
    ``"column"``, ``"row"``, ``"group"`` (a row group: no values of its own) or
    ``"subtotal"`` (a subtotal row or column some tools add).
    """

    kind: str
    label: str
    grid: GridSpec | None = None
    row: RowSpec | None = None
    column: ColumnSpec | None = None
    group: GroupSpec | None = None


@attrs.frozen(kw_only=True)
class Match:
    """The result of matching one text: the terms found, how, and at what edit distance."""

    terms: tuple[Term, ...]
    how: str
    distance: int = 0
    #: The gloss that followed the label (tier ``gloss``), for diagnostics and units.
    gloss: str = ""

    @property
    def ambiguous(self) -> bool:
        return len({(t.kind, t.label) for t in self.terms}) > 1

    @property
    def certain(self) -> bool:
        return self.how in ("exact", "alias", "numbering") and not self.ambiguous


_NUMBERING = re.compile(r"^(?:\(?([0-9]{1,2}|[一二三四五六七八九十]{1,3})[).、]|\(([0-9]{1,2})\))")


def split_numbering(key: str) -> tuple[str | None, str]:
    """``("1", "属于国家秘密")`` for ``1.属于国家秘密``; ``(None, key)`` when there is none."""
    m = _NUMBERING.match(key)
    if not m:
        return None, key
    return (m[1] or m[2]), key[m.end() :]


def bounded_distance(a: str, b: str, bound: int) -> int:
    """The Levenshtein distance of ``a`` and ``b`` if it is at most ``bound``, else ``bound + 1``.

    Only a diagonal band of width ``2 * bound + 1`` is computed: O(len × bound).
    """
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    if len(a) > len(b):
        a, b = b, a
    big = bound + 1
    prev = [j if j <= bound else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        lo, hi = max(1, i - bound), min(len(b), i + bound)
        cur = [big] * (len(b) + 1)
        cur[0] = i if i <= bound else big
        best = cur[0]
        ai = a[i - 1]
        for j in range(lo, hi + 1):
            cost = 0 if ai == b[j - 1] else 1
            v = min(prev[j - 1] + cost, prev[j] + 1, cur[j - 1] + 1)
            cur[j] = v if v <= bound else big
            best = min(best, cur[j])
        if best > bound:
            return big
        prev = cur
    return min(prev[len(b)], big)


#: The most matches a vocabulary remembers (then it forgets them all and starts again).
MEMO_SIZE = 4096
_UNSEEN = object()


def fuzzy_bound(key: str) -> int:
    """How many edits a label of this key may differ by and still match."""
    return 0 if len(key) < 4 else min(4, len(key) // 4)


@attrs.frozen(kw_only=True)
class Vocabulary:
    """Every label a table layout prints, indexed for matching."""

    terms: tuple[Term, ...]
    _exact: dict[str, tuple[Term, ...]] = attrs.field(eq=False, repr=False)
    _alias: dict[str, tuple[Term, ...]] = attrs.field(eq=False, repr=False)
    _bare: dict[str, tuple[tuple[str | None, Term], ...]] = attrs.field(eq=False, repr=False)
    _keys: tuple[tuple[str, Term], ...] = attrs.field(eq=False, repr=False)
    #: Matches made, by (key, grids): every candidate layout reads the same labels again.
    _memo: dict[tuple[str, frozenset[GridSpec] | None], Match | None] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    @classmethod
    def of(cls, *specs: TableSpec) -> Vocabulary:
        """The vocabulary of one or more table layouts (cached)."""
        return _vocabulary(specs)

    @property
    def max_key_length(self) -> int:
        return max((len(k) for k, _ in self._keys), default=0)

    def keys(self) -> Iterable[tuple[str, Term]]:
        """``(key, term)`` for every official label and alias."""
        return self._keys

    def match(self, text: str, within: Container[GridSpec] | None = None) -> Match | None:
        """Match one cell's text; ``None`` when nothing is near enough.

        ``within`` restricts the terms to those of these grids (subtotal terms always count).
        """
        key = label_key(text)
        if within is not None and not isinstance(within, frozenset):
            return self._match(key, within)
        memo = (key, within)
        found = self._memo.get(memo, _UNSEEN)
        if found is _UNSEEN:
            found = self._match(key, within)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[memo] = found
        return found  # type: ignore[return-value]  # a Match or None once seen

    def _match(self, key: str, within: Container[GridSpec] | None) -> Match | None:
        def keep(terms: Iterable[Term]) -> tuple[Term, ...]:
            if within is None:
                return tuple(terms)
            return tuple(t for t in terms if t.grid is None or t.grid in within)

        if not key:
            return None
        found = keep(self._exact.get(key, ()))
        if found:
            return Match(terms=found, how="exact")
        found = keep(self._alias.get(key, ()))
        if found:
            return Match(terms=found, how="alias")
        number, bare = split_numbering(key)
        cands = self._bare.get(bare, ())
        found = keep(t for n, t in cands if number is None or n is None or n == number)
        if found:
            return Match(terms=found, how="numbering")
        if "·" in key:
            # A label written as its path (``（三）不予公开 · 1.属于国家秘密``, ``申请人情况 · 自然人``):
            # the last part names the row or column.
            last = self.match(key.rsplit("·", 1)[1], within)
            if last is not None:
                return last
        if len(key) > self.max_key_length + 60:
            return None
        glossed = self._gloss(key, keep)
        if glossed is not None:
            return glossed
        return self._fuzzy(key, keep)

    def _gloss(self, key: str, keep: Callable[[Iterable[Term]], tuple[Term, ...]]) -> Match | None:
        best: tuple[int, list[Term]] = (0, [])
        for k, term in self._keys:
            if not keep((term,)):
                continue
            if len(k) >= 2 and len(key) > len(k) and key.startswith(k) and key[len(k)] in "([":
                if len(k) > best[0]:
                    best = (len(k), [term])
                elif len(k) == best[0]:
                    best[1].append(term)
        if not best[1]:
            return None
        return Match(terms=tuple(best[1]), how="gloss", gloss=key[best[0] :])

    def _fuzzy(self, key: str, keep: Callable[[Iterable[Term]], tuple[Term, ...]]) -> Match | None:
        found: list[tuple[int, Term]] = []
        for k, term in self._keys:
            if not keep((term,)):
                continue
            bound = fuzzy_bound(k)
            if bound == 0 or abs(len(k) - len(key)) > bound:
                continue
            d = bounded_distance(key, k, bound)
            if d <= bound:
                found.append((d, term))
        if not found:
            return None
        best = min(d for d, _ in found)
        terms = tuple(t for d, t in found if d == best)
        return Match(terms=terms, how="fuzzy", distance=best)


def _add(index: dict[str, list[Term]], key: str, term: Term) -> None:
    terms = index.setdefault(key, [])
    if term not in terms:
        terms.append(term)


@cache
def _vocabulary(specs: tuple[TableSpec, ...]) -> Vocabulary:
    exact: dict[str, list[Term]] = {}
    alias: dict[str, list[Term]] = {}

    def official(term: Term, aliases: tuple[str, ...] = ()) -> None:
        _add(exact, label_key(term.label), term)
        for a in aliases:
            _add(alias, label_key(a), term)

    # The catalogue's English labels are aliases too: govinfo's English renderings read back.
    for spec in specs:
        for grid in spec.grids:
            if grid.caption:
                official(Term(kind="caption", label=grid.caption, grid=grid), (grid.caption_en,))
            if grid.corner:
                official(Term(kind="corner", label=grid.corner, grid=grid), (grid.corner_en,))
            if grid.header:
                h = grid.header
                official(Term(kind="header", label=h.label, grid=grid, group=h), (h.label_en,))
            for column in grid.columns:
                if column.kind.value == "unit":
                    continue
                official(
                    Term(kind="column", label=column.label, grid=grid, column=column),
                    (*column.aliases, column.label_en),
                )
                if column.group:
                    g = column.group
                    official(Term(kind="header", label=g.label, grid=grid, group=g), (g.label_en,))
            for row in grid.rows:
                kind = "header" if grid.one_row else "row"
                official(Term(kind=kind, label=row.label, grid=grid, row=row), (*row.aliases, row.label_en))
                for g in row.groups:
                    official(
                        Term(kind="header" if grid.one_row else "group", label=g.label, grid=grid, group=g),
                        (g.label_en,),
                    )
    for label in common.SUBTOTAL_LABELS:
        official(Term(kind="subtotal", label=label))
    bare: dict[str, list[tuple[str | None, Term]]] = {}
    keys: list[tuple[str, Term]] = []
    for index in (exact, alias):
        for key, terms in index.items():
            number, b = split_numbering(key)
            for t in terms:
                bare.setdefault(b, []).append((number, t))
                keys.append((key, t))
    return Vocabulary(
        terms=tuple(t for ts in exact.values() for t in ts),
        exact={k: tuple(v) for k, v in exact.items()},
        alias={k: tuple(v) for k, v in alias.items()},
        bare={k: tuple(v) for k, v in bare.items()},
        keys=tuple(keys),
    )
