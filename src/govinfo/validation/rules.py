"""The single-report rules, as reusable validator objects, and the fault locator.

Each rule is a callable object with a clear ``repr``: ``rule(report)`` returns its findings
(a list, possibly empty) and never raises on a :class:`~govinfo.Report`. They can be used one at
a time, or all together through :func:`govinfo.validate`.

The hard identities E1–E4 are generated from the catalogue, not written out: a row whose
``is_total`` flag is set sums the rows of its group (E3), a column whose ``is_total`` flag is
set sums the other columns of its row (E2 in 三, E4 in 四), and the top-level items of 三 —
rows outside any group and each group's total row — balance: those before the first group
come in, the group's total and those after go out (E1: 一 + 二 = （七） + 四). A new edition's
catalogue brings its identities with it.

Locating the fault. The identities of one table share cells: a 自然人 result cell is in its
row's E2 and in the 自然人 column's E3. When identities break, every cell of a broken identity
is a candidate; a candidate *explains* the breaks if every identity it takes part in is broken,
one change of the same size mends them all, and the changed value is not negative. The
candidate explaining the most broken identities, when there is exactly one, is the
``suspect`` of each finding it explains. In 三 every cell is in at least two identities and
no two cells share the same ones, so a single wrong cell is always found; in 四 each cell is in
one identity only, so the arithmetic cannot tell which cell of a group is wrong unless only
one change keeps the counts non-negative — the findings then list the ``candidates``.

>>> import govinfo
>>> from govinfo.validation import rules
>>> rules.E2
RowTotals(code='E2-row-total', table='requests')
>>> r = govinfo.examples.linping_education_2023()
>>> rules.E2(r)
[]
>>> bad = r.requests.replace("results.withheld.state_secret", "natural_person", 2)
>>> import attrs
>>> findings = govinfo.validate(attrs.evolve(r, requests=bad))
>>> [(f.code, f.label) for f in findings]
[('E2-row-total', '三（三）不予公开 · 1.属于国家秘密 / 总计'), ('E3-results-total', '三（七）总计 / 自然人')]
>>> {f.suspect.label for f in findings}
{'三（三）不予公开 · 1.属于国家秘密 / 自然人'}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..catalogue import EDITIONS, CellKind, CellSpec, Edition, GridSpec, GroupSpec, RowSpec, TableSpec
from ..table import Table, cell_problem
from .findings import Finding, Suspect, Validator, make_finding
from .locations import (
    Location,
    cell_location,
    column_location,
    row_location,
    section_index,
    section_location,
    short_label,
    short_label_en,
    strip_numbering,
)
from .prose import S6, ProseCounts

if TYPE_CHECKING:
    from ..report import Report

__all__ = [
    "BLANKS",
    "E1",
    "E2",
    "E3",
    "E4",
    "IDENTITIES",
    "RULES",
    "S2",
    "S4",
    "S5",
    "S6",
    "Blanks",
    "CellValues",
    "ColumnBalance",
    "Equation",
    "GroupTotals",
    "Identity",
    "NotLess",
    "ProseCounts",
    "RowTotals",
    "Rule",
    "identities_hold",
    "identity_findings",
]

_TABLES = ("proactive", "requests", "appeals")


class Rule:
    """A single-report rule: ``rule(report) -> list[Finding]``."""

    @property
    def codes(self) -> tuple[str, ...]:
        """The finding codes this rule can produce."""
        return ()

    def __call__(self, report: Report) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def _table(report: Report, key: str) -> Table:
    table = getattr(report, key)
    assert isinstance(table, Table)
    return table


def _int(value: object) -> int:
    return value if type(value) is int else 0


#: ``pick(cells)``: some of a table's cells, as a sequence.
Picker = Callable[[Sequence[Any]], Sequence[Any]]


def _picker(indices: Sequence[int]) -> Picker:
    """The cells at ``indices``, always as a sequence (to be summed)."""
    if not indices:
        return lambda cells: ()
    if len(indices) == 1:  # ``itemgetter(i)`` would give the bare value
        return itemgetter(slice(indices[0], indices[0] + 1))
    return itemgetter(*indices)


# --- identities -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Equation:
    """``Σ lhs = Σ rhs`` over cells of one table; findings are reported at ``anchor``."""

    code: str
    table: TableSpec
    lhs: tuple[CellSpec, ...]
    rhs: tuple[CellSpec, ...]
    anchor: CellSpec
    style: Literal["row", "group", "balance"]

    def terms(self) -> list[tuple[CellSpec, int]]:
        """``(cell, coefficient)``: +1 on the left, -1 on the right."""
        return [(c, 1) for c in self.lhs] + [(c, -1) for c in self.rhs]


class Identity(Rule):
    """A hard identity (E1–E4): a set of equations over one table.

    Subclasses are hashable values (frozen attrs classes): their equations are compiled once
    per layout, cached by the identity and the layout.
    """

    table: str

    def equations(self, report: Report) -> list[Equation]:
        return list(self._equations(_table(report, self.table).spec))

    def _equations(self, spec: TableSpec) -> tuple[Equation, ...]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, report: Report) -> list[Finding]:
        if identities_hold(report, (self,)):
            return []
        return identity_findings(report, self.equations(report))


def identities_hold(report: Report, identities: Sequence[Identity]) -> bool:
    """True when every equation of these identities holds (blanks count as 0).

    The quick test of the common case, before :func:`identity_findings` locates what breaks:
    sums over the cells each equation names (compiled once per set of layouts: see
    :class:`_Check`), no finding built.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> identities_hold(r, IDENTITIES)
    True
    >>> identities_hold(attrs.evolve(r, appeals=r.appeals.replace("review", "total", 3)), [E4])
    False
    """
    check = _check(tuple(identities), report.proactive.spec, report.requests.spec, report.appeals.spec)
    return check.holds(report)


def _generated(name: str, tests: Sequence[str]) -> Callable[[tuple[Any, ...]], bool]:
    """A function of a tuple ``v`` that is True when every one of ``tests`` (Python expressions
    over ``v``, made from the catalogue) is: ``tests`` joined by ``and``. Its ``source`` attribute
    holds its text."""
    source = "def test(v):\n    return (\n        " + "\n        and ".join(tests or ["True"]) + "\n    )\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{name}>", "exec"), namespace)  # text made from the catalogue
    test: Callable[[tuple[Any, ...]], bool] = namespace["test"]
    test.source = source  # type: ignore[attr-defined]
    return test


def _side(indices: Sequence[int]) -> str:
    """Python source summing the cells at ``indices`` of ``v``: ``v[3] + v[4]``, ``0`` for none,
    or one ``sum`` of a slice for a long run of evenly spaced cells (a column of rows)."""
    ordered = sorted(indices)
    if len(ordered) > 8:
        first, last, step = ordered[0], ordered[-1], ordered[1] - ordered[0]
        if step > 0 and ordered == list(range(first, last + 1, step)):
            return f"sum(v[{first}:{last + 1}:{step}])"
    return " + ".join(f"v[{i}]" for i in ordered) or "0"


class _Check:
    """The equations of some identities over one set of layouts, as index arithmetic.

    The cells of the tables the identities read are put end to end in one tuple ``v``, and every
    equation becomes an expression over it, e.g. ``v[6] == v[0] + v[1] + v[2] + v[3] + v[4] +
    v[5]``; the expressions of all the equations are joined by ``and`` into one function
    generated from the catalogue once per set of layouts (:attr:`source`). Indexing a tuple by a
    constant and adding ints are among the cheapest things CPython does, and nothing is built.
    """

    __slots__ = ("raw", "tables", "test")

    def __init__(self, identities: tuple[Identity, ...], specs: Mapping[str, TableSpec]) -> None:
        self.tables = tuple(dict.fromkeys(i.table for i in identities))
        offsets, at = {}, 0
        for key in self.tables:
            offsets[key] = at
            at += len(specs[key].cells)
        tests = []
        for identity in identities:
            spec, base = specs[identity.table], offsets[identity.table]
            for eq in identity._equations(spec):
                lhs = _side([base + c.index for c in eq.lhs])
                rhs = _side([base + c.index for c in eq.rhs])
                tests.append(f"{lhs} == {rhs}")
        #: Every table holds only counts and blanks: the cells are summed as they are first, and
        #: read with blanks as 0 only when that fails (a blank can neither be added nor equal a sum).
        self.raw = all(specs[key].counts_only for key in self.tables)
        #: ``test(v)``: True when every equation holds over ``v`` (its source is ``test.source``).
        self.test = _generated(" ".join(map(repr, identities)), tests)

    def holds(self, report: Report) -> bool:
        values: tuple[Any, ...] = ()
        for key in self.tables:
            values += _table(report, key).cells
        if self.raw:
            try:
                if self.test(values):
                    return True
            except TypeError:  # a blank among the cells added
                pass
            if None not in values:
                return False
        return self.test(tuple([_int(v) for v in values]))


@cache
def _check(
    identities: tuple[Identity, ...], proactive: TableSpec, requests: TableSpec, appeals: TableSpec
) -> _Check:
    """The compiled check of some identities on reports of these layouts."""
    return _Check(identities, {"proactive": proactive, "requests": requests, "appeals": appeals})


def _total_column(grid: GridSpec) -> str | None:
    return next((c.key for c in grid.columns if c.is_total), None)


@cache
def _row_equations(code: str, spec: TableSpec) -> tuple[Equation, ...]:
    out = []
    for grid in spec.grids:
        total = _total_column(grid)
        if total is None:
            continue
        for row in grid.rows:
            parts = tuple(
                spec.cell(row.key, c.key) for c in grid.columns if not c.is_total and c.kind is CellKind.COUNT
            )
            anchor = spec.cell(row.key, total)
            out.append(Equation(code=code, table=spec, lhs=(anchor,), rhs=parts, anchor=anchor, style="row"))
    return tuple(out)


@attrs.frozen(kw_only=True, cache_hash=True)
class RowTotals(Identity):
    """In every row of ``table`` that has a 总计 column: 总计 = the sum of the other columns (E2, E4)."""

    code: str
    table: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, f"{self.code}-blank")

    def _equations(self, spec: TableSpec) -> tuple[Equation, ...]:
        return _row_equations(self.code, spec)


def _members(spec: TableSpec, total: RowSpec) -> tuple[RowSpec, ...]:
    return spec.summed_rows(total.key)


@cache
def _group_equations(code: str, spec: TableSpec) -> tuple[Equation, ...]:
    out = []
    for total in spec.rows:
        if not (total.is_total and total.groups):
            continue
        members = _members(spec, total)
        grid = spec.grid_of(total.key)
        for column in grid.columns:
            anchor = spec.cell(total.key, column.key)
            parts = tuple(spec.cell(r.key, column.key) for r in members)
            out.append(
                Equation(code=code, table=spec, lhs=(anchor,), rhs=parts, anchor=anchor, style="group")
            )
    return tuple(out)


@attrs.frozen(kw_only=True, cache_hash=True)
class GroupTotals(Identity):
    """In every column: a total row (``is_total``) = the sum of the rows of its group (E3)."""

    code: str
    table: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, f"{self.code}-blank")

    def _equations(self, spec: TableSpec) -> tuple[Equation, ...]:
        return _group_equations(self.code, spec)


def flows(spec: TableSpec) -> tuple[tuple[RowSpec, ...], tuple[RowSpec, ...]] | None:
    """The top-level items of a table split into (coming in, going out), or ``None``.

    Items are the rows outside any group and, for each group, its total row. Those before the
    first group come in; the group's total and those after go out. ``None`` when the table has
    no group with a total row (section 四).
    """
    items: list[RowSpec] = []
    seen: set[GroupSpec] = set()
    first_group = None
    for row in spec.rows:
        if not row.groups:
            items.append(row)
            continue
        outer = row.groups[0]
        if outer in seen:
            continue
        seen.add(outer)
        total = next((r for r in spec.rows if r.is_total and r.groups[:1] == (outer,)), None)
        if total is None:
            return None
        if first_group is None:
            first_group = len(items)
        items.append(total)
    if first_group is None or first_group == 0:
        return None
    return tuple(items[:first_group]), tuple(items[first_group:])


@cache
def _balance_equations(code: str, spec: TableSpec) -> tuple[Equation, ...]:
    split = flows(spec)
    if split is None:
        return ()
    ins, outs = split
    grid = spec.grid_of(ins[0].key)
    out = []
    for column in grid.columns:
        lhs = tuple(spec.cell(r.key, column.key) for r in ins)
        rhs = tuple(spec.cell(r.key, column.key) for r in outs)
        out.append(Equation(code=code, table=spec, lhs=lhs, rhs=rhs, anchor=rhs[-1], style="balance"))
    return tuple(out)


@attrs.frozen(kw_only=True, cache_hash=True)
class ColumnBalance(Identity):
    """In every column: the items coming in = the items going out (E1: 一 + 二 = （七） + 四)."""

    code: str
    table: str

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, f"{self.code}-blank")

    def _equations(self, spec: TableSpec) -> tuple[Equation, ...]:
        return _balance_equations(self.code, spec)


def _cell_value(report: Report, cell: CellSpec, table: TableSpec) -> int | None:
    v = _table(report, table.key).cells[cell.index]
    return v if type(v) is int else None


def _join(labels: Sequence[str], sep: str = " + ") -> str:
    return sep.join(labels)


def _describe(
    eq: Equation, expected: int, actual: int, sums: tuple[int, int], where: Location, blank: bool = False
) -> tuple[str, str]:
    loc_zh, loc_en = where.label, f"{where.label} [{where.label_en}]"
    # A blank anchor is described as blank, never as stating 0.
    said_zh = "未填报" if blank else f"填报 {actual}"
    said_en = "is blank" if blank else f"states {actual}"
    if eq.style == "row":
        parts_zh = _join([c.column.label for c in eq.rhs])
        parts_en = _join([c.column.label_en for c in eq.rhs])
        return (
            f"{loc_zh}：{said_zh}，但 {parts_zh} = {expected}。",
            f"{loc_en}: {said_en}, but {parts_en} = {expected}.",
        )
    if eq.style == "group":
        group = eq.anchor.row.groups[0]
        g_zh, g_en = strip_numbering(group.label), group.label_en.split(". ", 1)[-1]
        return (
            f"{loc_zh}：{said_zh}，但本列“{g_zh}”各行之和为 {expected}。",
            f"{loc_en}: {said_en}, but the rows under “{g_en}” add up to {expected} in this column.",
        )
    ins_zh = _join([short_label(c.row) for c in eq.lhs])
    outs_zh = _join([short_label(c.row) for c in eq.rhs])
    ins_en = _join([short_label_en(c.row) for c in eq.lhs])
    outs_en = _join([short_label_en(c.row) for c in eq.rhs])
    col_zh, col_en = eq.anchor.column.label, eq.anchor.column.label_en
    return (
        f"{loc_zh}：{said_zh}，但{col_zh}列 {ins_zh} = {sums[0]}，{outs_zh} = {sums[1]}，"
        f"两者应相等（本格应为 {expected}）。",
        f"{loc_en}: {said_en}, but in the {col_en} column {ins_en} = {sums[0]} while "
        f"{outs_en} = {sums[1]}; they must be equal (this cell should be {expected}).",
    )


def _blank_finding(report: Report, eq: Equation, residual: int, blanks: Sequence[CellSpec]) -> Finding:
    """The finding of an equation that only its blank cells keep from holding (a warning)."""
    edition = report.edition_spec
    where = cell_location(edition, eq.table, eq.anchor)
    named = [cell_location(edition, eq.table, c) for c in blanks]
    shown_zh = "、".join(n.label for n in named[:6]) + (f" 等 {len(named)} 格" if len(named) > 6 else "")
    shown_en = "; ".join(f"{n.label} [{n.label_en}]" for n in named[:6]) + (
        f" and {len(named) - 6} more" if len(named) > 6 else ""
    )
    gap = abs(residual)
    stated = _table(report, eq.table.key).cells[eq.anchor.index]
    return make_finding(
        f"{eq.code}-blank",
        report,
        where,
        message_zh=f"{where.label}：空白格按 0 计时该勾稽关系相差 {gap}；空白格（{shown_zh}）"
        f"若填入合计为 {gap} 的数即可成立，无法判断是否有误。",
        message_en=f"{where.label} [{where.label_en}]: with its blank cells (not stated) counted as 0 "
        f"this identity is off by {gap}; the blank cells ({shown_en}) could hold values adding up "
        f"to {gap}, so whether the report is wrong cannot be told.",
        expected=None,
        actual=stated if type(stated) is int else None,
        position=(section_index(edition, eq.table.key), eq.anchor.index),
    )


def _suspect_text(
    where: Location, suspect: Suspect | None, candidates: tuple[Suspect, ...]
) -> tuple[str, str]:
    def fix_zh(s: Suspect) -> str:
        return f"{'未填报，应填' if s.stated is None else '改为'} {s.suggested}"

    def fix_en(s: Suspect) -> str:
        return f"{'blank; filling in' if s.stated is None else 'changing it to'} {s.suggested}"

    if suspect is not None:
        if suspect.path == where.path:
            return (
                f"疑似出错单元格：本格（{fix_zh(suspect)} 即可使相关勾稽关系全部成立）。",
                f"Likely wrong cell: this one ({fix_en(suspect)} would satisfy every identity it is in).",
            )
        return (
            f"疑似出错单元格：{suspect.label}（{fix_zh(suspect)} 即可使相关勾稽关系全部成立）。",
            f"Likely wrong cell: {suspect.label} [{suspect.label_en}] ({fix_en(suspect)} would satisfy "
            "every identity it is in).",
        )
    if candidates:
        return (
            "无法确定是哪一格出错，以下任一格单独改正均可："
            + "；".join(f"{c.label}（{fix_zh(c)}）" for c in candidates)
            + "。",
            "Any one of these cells alone could be the wrong one: "
            + "; ".join(f"{c.label} [{c.label_en}] ({fix_en(c)})" for c in candidates)
            + ".",
        )
    return (
        "没有哪一格单独改正能使其成立（可能不止一处有误）。",
        "No single cell explains it (more than one value may be wrong).",
    )


def identity_findings(report: Report, equations: Sequence[Equation]) -> list[Finding]:
    """Evaluate equations together (blanks count as 0) and locate the fault of each broken one."""
    edition = report.edition_spec
    cells = {key: _table(report, key).cells for key in _TABLES}
    CellId = tuple[str, int]

    def value(cid: CellId) -> int:
        return _int(cells[cid[0]][cid[1]])

    residuals: list[int] = []
    membership: dict[CellId, dict[int, int]] = {}
    for i, eq in enumerate(equations):
        r = 0
        for cell, coef in eq.terms():
            cid = (eq.table.key, cell.index)
            r += coef * value(cid)
            coefs = membership.setdefault(cid, {})
            coefs[i] = coefs.get(i, 0) + coef
        residuals.append(r)
    broken = {i for i, r in enumerate(residuals) if r}
    if not broken:
        return []
    # Blank is not a mismatch (report-format.md §5): an equation that fails only with its blank
    # cells read as 0, and that non-negative values in those blanks could satisfy, is its own
    # finding (a warning naming the blanks), and takes no part in locating a wrong cell.
    fillable: dict[int, list[CellSpec]] = {}
    for i in broken:
        eq = equations[i]
        cells_of = cells[eq.table.key]
        lhs_blank = [c for c in eq.lhs if cells_of[c.index] is None]
        rhs_blank = [c for c in eq.rhs if cells_of[c.index] is None]
        if (residuals[i] < 0 and lhs_blank) or (residuals[i] > 0 and rhs_blank):
            fillable[i] = lhs_blank + rhs_blank
    blank_findings = [
        _blank_finding(report, equations[i], residuals[i], fillable[i]) for i in sorted(fillable)
    ]
    broken -= set(fillable)
    if not broken:
        return blank_findings

    # Candidates: cells every one of whose identities is broken and mended by one change.
    cover: dict[CellId, tuple[frozenset[int], int]] = {}
    for cid in {(eq.table.key, c.index) for i in broken for eq in (equations[i],) for c, _ in eq.terms()}:
        coefs = {i: k for i, k in membership[cid].items() if k}
        if not coefs or any(i not in broken for i in coefs):
            continue
        if any(residuals[i] % k for i, k in coefs.items()):
            continue
        deltas = {-residuals[i] // k for i, k in coefs.items()}
        if len(deltas) != 1:
            continue
        (delta,) = deltas
        new = value(cid) + delta
        if new < 0:
            continue
        cover[cid] = (frozenset(coefs), new)

    specs = {eq.table.key: eq.table for eq in equations}

    def suspect_of(cid: CellId) -> Suspect:
        spec = specs[cid[0]]
        where = cell_location(edition, spec, spec.cells[cid[1]])
        v = cells[cid[0]][cid[1]]
        return Suspect.at(where, v if type(v) is int else None, cover[cid][1])

    out = blank_findings
    for i in sorted(broken):
        eq = equations[i]
        mine = [cid for cid, (eqs, _) in cover.items() if i in eqs]
        best: list[CellId] = []
        if mine:
            most = max(len(cover[c][0]) for c in mine)
            best = sorted((c for c in mine if len(cover[c][0]) == most), key=lambda c: c[1])
        suspect = suspect_of(best[0]) if len(best) == 1 else None
        candidates = tuple(suspect_of(c) for c in best)
        where = cell_location(edition, eq.table, eq.anchor)
        anchor_coef = 1 if eq.anchor in eq.lhs else -1
        actual = value((eq.table.key, eq.anchor.index))
        expected = actual - residuals[i] * anchor_coef
        sums = (
            sum(value((eq.table.key, c.index)) for c in eq.lhs),
            sum(value((eq.table.key, c.index)) for c in eq.rhs),
        )
        zh, en = _describe(eq, expected, actual, sums, where, cells[eq.table.key][eq.anchor.index] is None)
        blanks = sum(cells[eq.table.key][c.index] is None for c, _ in eq.terms())
        if blanks:
            zh += f"（其中 {blanks} 格未填报，按 0 计。）"
            en += f" ({blanks} blank cell{'s' if blanks > 1 else ''} counted as 0.)"
        s_zh, s_en = _suspect_text(where, suspect, candidates)
        stated = cells[eq.table.key][eq.anchor.index]
        out.append(
            make_finding(
                eq.code,
                report,
                where,
                message_zh=zh + s_zh,
                message_en=f"{en} {s_en}",
                expected=expected,
                actual=stated if type(stated) is int else None,
                suspect=suspect,
                candidates=candidates,
                position=(section_index(edition, eq.table.key), eq.anchor.index),
            )
        )
    return out


# --- soft single-report rules ---------------------------------------------------------------


@attrs.frozen(kw_only=True, cache_hash=True)
class NotLess(Rule):
    """In every row of ``table`` having these columns: ``subject ≥ Σ plus − Σ minus`` (S2, S4).

    Rows where any of the cells is blank are skipped (the blank has its own finding).
    """

    code: str
    table: str
    subject: str
    plus: tuple[str, ...]
    minus: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code,)

    def __call__(self, report: Report) -> list[Finding]:
        table = _table(report, self.table)
        spec, cells = table.spec, table.cells
        try:
            if _not_less_test(self, spec)(cells):  # every row holds: the common case
                return []
        except TypeError:  # a blank (or a unit) among the cells
            pass
        out = []
        for row, subject, plus, minus in _rows_having(spec, self.subject, self.plus, self.minus):
            values = (cells[subject], *plus(cells), *minus(cells))
            if any(type(v) is not int for v in values):
                continue
            bound = sum(plus(cells)) - sum(minus(cells))
            actual = cells[subject]
            assert type(actual) is int
            if actual >= bound:
                continue
            edition = report.edition_spec
            cell = spec.cells[subject]
            where = cell_location(edition, spec, cell)

            def terms(attr: str, spec: TableSpec = spec, row: RowSpec = row) -> str:
                text = " + ".join(getattr(spec.cell(row.key, k).column, attr) for k in self.plus)
                for k in self.minus:
                    text += " − " + getattr(spec.cell(row.key, k).column, attr)
                return text

            out.append(
                make_finding(
                    self.code,
                    report,
                    where,
                    message_zh=f"{where.label}：填报 {actual}，但 {terms('label')} = {bound}，"
                    f"{cell.column.label}不应小于此数。",
                    message_en=f"{where.label} [{where.label_en}]: states {actual}, but "
                    f"{terms('label_en')} = {bound}, and {cell.column.label_en} cannot be less.",
                    expected=bound,
                    actual=actual,
                    position=(section_index(edition, self.table), cell.index),
                )
            )
        return out


@cache
def _not_less_test(rule: NotLess, spec: TableSpec) -> Callable[[tuple[Any, ...]], bool]:
    """``test(cells)``: the inequality of ``rule`` in every row of the layout having its columns,
    as one generated expression (``v[3] >= v[1] - v[2]``). True says no row breaks it; False or
    a ``TypeError`` (a blank) says to look row by row, skipping rows with a blank."""
    tests = []
    for row in spec.rows:
        if any(spec.find(row.key, k) is None for k in (rule.subject, *rule.plus, *rule.minus)):
            continue
        plus = " + ".join(f"v[{spec.cell(row.key, k).index}]" for k in rule.plus) or "0"
        minus = "".join(f" - v[{spec.cell(row.key, k).index}]" for k in rule.minus)
        tests.append(f"v[{spec.cell(row.key, rule.subject).index}] >= {plus}{minus}")
    return _generated(f"{rule.code} {spec.key} {spec.variant}", tests)


@cache
def _rows_having(
    spec: TableSpec, subject: str, plus: tuple[str, ...], minus: tuple[str, ...]
) -> tuple[tuple[RowSpec, int, Picker, Picker], ...]:
    """``(row, subject cell index, plus cells, minus cells)`` for the rows having all these columns."""
    out = []
    for row in spec.rows:
        if any(spec.find(row.key, k) is None for k in (subject, *plus, *minus)):
            continue
        index = spec.cell(row.key, subject).index
        out.append(
            (
                row,
                index,
                _picker([spec.cell(row.key, k).index for k in plus]),
                _picker([spec.cell(row.key, k).index for k in minus]),
            )
        )
    return tuple(out)


@attrs.frozen(kw_only=True)
class CellValues(Rule):
    """S5: every count is a non-negative integer, money a non-negative Decimal.

    A :class:`~govinfo.Report` cannot be built otherwise, so on a report this finds nothing;
    :func:`govinfo.validate` reports S5 for interchange dicts, whose bad cells it reads first.
    """

    @property
    def codes(self) -> tuple[str, ...]:
        return ("S5-negative", "S5-not-a-number")

    def __call__(self, report: Report) -> list[Finding]:
        edition = report.edition_spec
        out = []
        for key in _TABLES:
            table = _table(report, key)
            for cell, v in table.items():
                problem = cell_problem(cell.kind, v)
                if problem is None:
                    continue
                where = cell_location(edition, table.spec, cell)
                out.append(
                    s5_finding(report, where, problem[0], v, (section_index(edition, key), cell.index))
                )
        return out


def s5_finding(
    report: Report, where: Location, problem: str, value: object, position: tuple[int, int]
) -> Finding:
    """The S5 finding for a cell-value problem code of the model or the converter."""
    negative = problem.startswith("negative")
    shown = value if isinstance(value, (int, Decimal, str)) and not isinstance(value, bool) else repr(value)
    if negative:
        zh = f"{where.label}：填报 {shown}，计数和金额不能为负数。"
        en = f"{where.label} [{where.label_en}]: states {shown}; counts and amounts cannot be negative."
    else:
        zh = f"{where.label}：{shown!r} 不是数字（计数应为整数，金额应为十进制数字串）。"
        en = (
            f"{where.label} [{where.label_en}]: {shown!r} is not a number (a count is an integer, "
            "money a decimal string)."
        )
    return make_finding(
        "S5-negative" if negative else "S5-not-a-number",
        report,
        where,
        message_zh=zh,
        message_en=en,
        actual=shown,
        position=position,
    )


# --- blanks ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Blanks(Rule):
    """Cells not stated, each reported once, apart from any mismatch they cause.

    - a section wholly unstated (every cell of a table blank, or a narrative with no text):
      one ``B-section-not-stated`` (info) and nothing for its cells;
    - otherwise, per grid: a column of two or more cells all blank gives one ``B-blank-column``,
      a row of two or more cells all blank one ``B-blank-row``, and every other blank cell a
      ``B-blank-cell`` (warnings). Unit cells (the 2019 procurement unit) are never blank findings:
      a report need not say its unit.
    """

    @property
    def codes(self) -> tuple[str, ...]:
        return ("B-blank-cell", "B-blank-row", "B-blank-column", "B-section-not-stated")

    def __call__(self, report: Report) -> list[Finding]:
        out: list[Finding] = []
        for si, key, is_table in _sections(report.edition):
            content = getattr(report, key)
            if is_table:
                if _has_blank(content):
                    out.extend(self._table(report, report.edition_spec, si, content))
            elif not content.paragraphs and not content.subsections:  # Narrative.is_empty
                out.append(self._section(report, report.edition_spec, si, key))
        return out

    def _section(self, report: Report, edition: Edition, si: int, key: str) -> Finding:
        where = section_location(edition, key)
        return make_finding(
            "B-section-not-stated",
            report,
            where,
            message_zh=f"{where.label}：整节未填报。",
            message_en=f"{where.label} [{where.label_en}]: the whole section is not stated.",
            position=(si, -1),
        )

    def _table(self, report: Report, edition: Edition, si: int, table: Table) -> list[Finding]:
        if not _has_blank(table):  # nothing blank: the common case
            return []
        spec = table.spec
        blank = {c.index for c, v in table.items() if v is None and c.kind is not CellKind.UNIT}
        valued = [c for c in spec.cells if c.kind is not CellKind.UNIT]
        if all(c.index in blank for c in valued):
            return [self._section(report, edition, si, spec.key)]
        out: list[Finding] = []
        covered: set[int] = set()
        for grid in spec.grids:
            columns = [c for c in grid.columns if c.kind is not CellKind.UNIT]
            if len(grid.rows) >= 2:
                for col in columns:
                    idx = [spec.cell(r.key, col.key).index for r in grid.rows]
                    if all(i in blank for i in idx):
                        covered.update(idx)
                        where = column_location(edition, spec, grid, col.key)
                        out.append(
                            make_finding(
                                "B-blank-column",
                                report,
                                where,
                                message_zh=f"{where.label}：整列 {len(idx)} 格均未填报（按 0 计）。",
                                message_en=f"{where.label} [{where.label_en}]: all {len(idx)} cells of the "
                                "column are not stated (counted as 0 in the identities).",
                                position=(si, idx[0]),
                            )
                        )
            if len(columns) >= 2:
                for row in grid.rows:
                    idx = [spec.cell(row.key, c.key).index for c in columns]
                    if all(i in blank for i in idx) and not all(i in covered for i in idx):
                        covered.update(idx)
                        where = row_location(edition, spec, row)
                        out.append(
                            make_finding(
                                "B-blank-row",
                                report,
                                where,
                                message_zh=f"{where.label}：整行 {len(idx)} 格均未填报（按 0 计）。",
                                message_en=f"{where.label} [{where.label_en}]: all {len(idx)} cells of the "
                                "row are not stated (counted as 0 in the identities).",
                                position=(si, idx[0]),
                            )
                        )
        for cell in spec.cells:
            if cell.index in blank and cell.index not in covered:
                where = cell_location(edition, spec, cell)
                out.append(
                    make_finding(
                        "B-blank-cell",
                        report,
                        where,
                        message_zh=f"{where.label}：未填报（空白、“/”或“-”），勾稽关系中按 0 计。",
                        message_en=f"{where.label} [{where.label_en}]: not stated (blank, “/” or “-”); "
                        "counted as 0 in the identities.",
                        position=(si, cell.index),
                    )
                )
        return out


@cache
def _sections(edition: str) -> tuple[tuple[int, str, bool], ...]:
    """``(section index, report field, whether it is a table)`` of each section of an edition."""
    return tuple((si, s.key, s.key in _TABLES) for si, s in enumerate(EDITIONS[edition].sections))


def _has_blank(table: Table) -> bool:
    """True when some cell of the table is blank (``None``).

    A table of counts holds only ints and blanks, and ``sum`` adds ints in C until it meets a
    blank: quicker than ``None in cells``, which compares every count with ``None``.
    """
    if table.spec.counts_only:
        try:
            sum(table.cells)  # type: ignore[arg-type]  # ints and None: None raises
        except TypeError:
            return True
        return False
    return None in table.cells


# --- the default rule set -------------------------------------------------------------------

#: E1: 一 + 二 = （七） + 四 in every column of 三.
E1 = ColumnBalance(code="E1-column-balance", table="requests")
#: E2: every row of 三: 总计 = the sum of the six applicant columns.
E2 = RowTotals(code="E2-row-total", table="requests")
#: E3: every column of 三: （七）总计 = the sum of the outcome rows.
E3 = GroupTotals(code="E3-results-total", table="requests")
#: E4: every group of 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
E4 = RowTotals(code="E4-appeal-total", table="appeals")
#: S2 (one report): 现行有效件数 ≥ 本年制发件数 − 本年废止件数 (2021 edition).
S2 = NotLess(
    code="S2-in-force-low", table="proactive", subject="in_force", plus=("issued",), minus=("repealed",)
)
#: S4: 本年新公开数量 ≤ 对外公开总数量 (2019 edition).
S4 = NotLess(
    code="S4-published-over-total", table="proactive", subject="total_published", plus=("new_published",)
)
#: S5: counts and money are non-negative numbers.
S5 = CellValues()
#: Blank cells and unstated sections.
BLANKS = Blanks()

#: The hard identities, located together.
IDENTITIES: tuple[Identity, ...] = (E1, E2, E3, E4)


#: Every single-report rule, in the order :func:`govinfo.validate` runs them.
RULES: tuple[Validator, ...] = (*IDENTITIES, S2, S4, S5, S6, BLANKS)
