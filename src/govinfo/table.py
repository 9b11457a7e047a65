"""The immutable grid of cells that all three tables share.

A table holds its cells in one flat tuple, in the order its :class:`~govinfo.catalogue.TableSpec`
lists them (grid by grid, row by row, column by column). Row views, cell lookup by key and
computed sums are derived from the spec; nothing here spells a label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import attrs

from .catalogue import MONEY_UNITS, CellKind, CellSpec, ColumnSpec, RowSpec, TableSpec
from .errors import GovinfoError, InvalidReportError, describe

__all__ = ["Cell", "RowView", "Table", "all_counts", "cell_problem", "path_of"]

#: What a cell holds: a count, a signed count, money, a unit, or ``None`` (not stated).
Cell = int | Decimal | str | None

T = TypeVar("T", bound="Table")


#: The largest count a cell holds (and the largest magnitude of a signed net change): far
#: beyond any real report, and well inside every JSON library's integers.
MAX_COUNT = 10**15 - 1
#: Money is at most this many digits before and after the decimal point.
MAX_MONEY_DIGITS = 40


def cell_problem(kind: CellKind, value: object) -> tuple[str, str] | None:
    """``(code, message)`` if ``value`` cannot be held by a cell of ``kind``, else ``None``."""
    if value is None:
        return None
    if kind is CellKind.COUNT or kind is CellKind.SIGNED:
        if type(value) is not int:
            return "wrong_type", f"a count must be an integer or null, not {type(value).__name__}"
        if kind is CellKind.COUNT and value < 0:
            return "negative_count", f"a count cannot be negative (got {describe(value)})"
        if not -MAX_COUNT <= value <= MAX_COUNT:
            return "too_large", f"a count must be at most {MAX_COUNT} (got {describe(value)})"
        return None
    if kind is CellKind.MONEY:
        if not isinstance(value, Decimal):
            return "wrong_type", f"money must be a Decimal, not {type(value).__name__}"
        if not value.is_finite():
            return "bad_money", f"money must be a finite amount (got {value})"
        if value < 0:
            return "negative_money", f"money cannot be negative (got {value})"
        exponent = value.as_tuple().exponent
        digits = len(value.as_tuple().digits)
        if (
            value.adjusted() >= MAX_MONEY_DIGITS
            or (isinstance(exponent, int) and -exponent > MAX_MONEY_DIGITS)
            or digits > 2 * MAX_MONEY_DIGITS
        ):
            return (
                "too_large",
                f"money has at most {MAX_MONEY_DIGITS} digits before and after the point (got {value:.3e})",
            )
        return None
    if value not in MONEY_UNITS:
        return "bad_unit", f"a unit must be one of {', '.join(MONEY_UNITS)} or null (got {describe(value)})"
    return None


def all_counts(cells: Iterable[Cell]) -> bool:
    """True when every cell is a non-negative ``int`` or ``None`` (a count or not stated).

    The common case of a whole table, checked in one plain loop: the hot path of loading a
    report. (``bool`` is not ``int`` here, as elsewhere.)

    >>> all_counts([0, 3, None]), all_counts([0, -1]), all_counts([1, True]), all_counts([])
    (True, False, False, True)
    """
    for c in cells:
        if type(c) is int:
            if c < 0 or c > MAX_COUNT:
                return False
        elif c is not None:
            return False
    return True


def _cell_tuple(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    return cells if type(cells) is tuple else tuple(cells)


def _check_cells(inst: Table, attribute: attrs.Attribute[Any], cells: tuple[Cell, ...]) -> None:
    spec = inst.spec
    if len(cells) != len(spec.cells):
        raise GovinfoError(
            f"the {spec.key} table ({spec.variant}) has {len(spec.cells)} cells, not {len(cells)}",
            code="wrong_shape",
            path=f"$.{spec.key}",
        )
    if _all_valid(spec, cells):  # the fast path
        return
    errors = []
    for cs, value in zip(spec.cells, cells):
        problem = cell_problem(cs.kind, value)
        if problem:
            errors.append(GovinfoError(problem[1], code=problem[0], path=path_of(cs, spec)))
    InvalidReportError.collect(errors, f"invalid cells in the {spec.key} table")


@cache
def _special_cells(spec: TableSpec) -> tuple[CellSpec, ...]:
    """The cells of a layout that are not plain counts: money, units, signed counts."""
    return tuple(c for c in spec.cells if c.kind is not CellKind.COUNT)


def _all_valid(spec: TableSpec, cells: tuple[Cell, ...]) -> bool:
    """True when every cell holds what its kind allows: the counts in one loop (:func:`all_counts`),
    then the few other cells (money, units, signed counts) one by one."""
    if spec.counts_only:
        return all_counts(cells)
    special = _special_cells(spec)
    counts = list(cells)
    for cs in special:
        counts[cs.index] = None
    return all_counts(counts) and not any(cell_problem(cs.kind, cells[cs.index]) for cs in special)


def path_of(cell: CellSpec, spec: TableSpec) -> str:
    """The JSON path of a cell, e.g. ``$.requests.results.total.natural_person``."""
    return ".".join(("$", spec.key, *cell.path))


@attrs.frozen(repr=False)
class RowView(Mapping[str, Cell]):
    """One row of a table, read-only: a mapping from column key to value.

    Iterating gives the column keys in official order; :meth:`cells` gives
    ``(ColumnSpec, value)`` pairs.

    >>> import govinfo
    >>> row = govinfo.examples.linping_education_2023().requests.row("results.unable.not_held")
    >>> row["natural_person"], row.total, row.computed_total
    (1, 1, 1)
    >>> [(column.label, value) for column, value in row.cells()][:2]
    [('自然人', 1), ('商业企业', 0)]
    >>> row["applicants"]
    Traceback (most recent call last):
    ...
    KeyError: 'applicants'
    """

    spec: RowSpec
    columns: tuple[ColumnSpec, ...]
    data: tuple[Cell, ...]

    def __repr__(self) -> str:
        return f"RowView({self.spec.key!r}, {dict(zip(self, self.data))!r})"

    def __getitem__(self, key: str) -> Cell:
        for c, v in zip(self.columns, self.data):
            if c.key == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (c.key for c in self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    @property
    def key(self) -> str:
        return self.spec.key

    def cells(self) -> Iterator[tuple[ColumnSpec, Cell]]:
        """``(column, value)`` pairs in official order."""
        return zip(self.columns, self.data)

    @property
    def total(self) -> Cell:
        """The stated value of the row's 总计 column (``None`` if the row has none or it is blank)."""
        for c, v in zip(self.columns, self.data):
            if c.is_total:
                return v
        return None

    @property
    def computed_total(self) -> int | None:
        """The sum of the row's non-total count cells; blanks count as 0, all blank gives ``None``."""
        parts = [v for c, v in zip(self.columns, self.data) if not c.is_total and type(v) is int]
        return sum(parts) if parts else None


@attrs.frozen(kw_only=True)
class Table:
    """A table's cells in the order of its spec. Subclasses name the table.

    Indexing takes ``(row key, column key)``.
    """

    spec: TableSpec
    cells: tuple[Cell, ...] = attrs.field(converter=_cell_tuple, validator=_check_cells)

    @classmethod
    def empty(cls: type[T], spec: TableSpec) -> T:
        """A table of this layout with every cell not stated."""
        return cls(spec=spec, cells=(None,) * len(spec.cells))

    @classmethod
    def from_cells(cls: type[T], spec: TableSpec, values: Mapping[tuple[str, str], Cell]) -> T:
        """Build from ``{(row key, column key): value}``; cells not given are not stated."""
        unknown = [k for k in values if spec.find(*k) is None]
        if unknown:
            raise InvalidReportError(
                f"unknown cells for the {spec.key} table",
                [
                    GovinfoError(
                        f"no cell {describe(r)}/{describe(c)}",
                        code="unknown_key",
                        path=f"$.{spec.key}.{r}.{c}",
                    )
                    for r, c in unknown
                ],
            )
        cells: list[Cell] = [None] * len(spec.cells)
        for (r, c), v in values.items():
            cells[spec.cell(r, c).index] = v
        return cls(spec=spec, cells=tuple(cells))

    def __getitem__(self, key: tuple[str, str]) -> Cell:
        spec = self.spec.find(*key)
        if spec is None:
            raise KeyError(key)
        return self.cells[spec.index]

    def get(self, row: str, column: str) -> Cell:
        """The value at (row key, column key); :class:`KeyError` if the table has no such cell."""
        return self[row, column]

    def row(self, key: str) -> RowView:
        """The row with this key, e.g. ``"results.withheld.state_secret"``."""
        row = self.spec.row(key)
        grid = self.spec.grid_of(key)
        first = self.spec.cell(key, grid.columns[0].key).index
        return RowView(row, grid.columns, self.cells[first : first + len(grid.columns)])

    def rows(self) -> Iterator[RowView]:
        """Every row, in official order."""
        i = 0
        for grid in self.spec.grids:
            n = len(grid.columns)
            for row in grid.rows:
                yield RowView(row, grid.columns, self.cells[i : i + n])
                i += n

    def items(self) -> Iterator[tuple[CellSpec, Cell]]:
        """``(cell spec, value)`` for every cell, in official order."""
        return zip(self.spec.cells, self.cells)

    def replace(self: T, row: str, column: str, value: Cell) -> T:
        """A copy with one cell changed (validated like any construction)."""
        index = self.spec.cell(row, column).index
        cells = list(self.cells)
        cells[index] = value
        return attrs.evolve(self, cells=tuple(cells))

    def is_blank(self) -> bool:
        """True when no cell is stated."""
        return all(c is None for c in self.cells)
