"""The vocabulary the catalogue is written in.

A catalogue describes one edition of the official format as data: its six sections, and for
each of the three tables the rows and columns with their interchange key, official label and
reviewed English name, in the official order. Everything else in govinfo (model, converter,
parsers, renderers, validators) reads labels and order from here.

This module imports nothing from the rest of govinfo.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = [
    "CellKind",
    "CellSpec",
    "ColumnSpec",
    "Edition",
    "GridSpec",
    "GroupSpec",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "object_tree",
    "table_spec",
]


class CellKind(enum.Enum):
    """What a cell may hold.

    >>> from govinfo.catalogue import CellKind, get_edition
    >>> fees = get_edition("2021").proactive.cell("fees", "amount")
    >>> fees.kind, fees.kind is CellKind.MONEY
    (<CellKind.MONEY: 'money'>, True)
    """

    #: A non-negative integer count, or ``None`` when not stated.
    COUNT = "count"
    #: A signed integer (the 2019 ``本年增/减`` net change), or ``None``.
    SIGNED = "signed"
    #: A non-negative :class:`~decimal.Decimal` amount of money, or ``None``.
    MONEY = "money"
    #: The unit of a money cell: ``"元"``, ``"万元"`` or ``None`` (not said). Not printed as a column.
    UNIT = "unit"


#: The units a :attr:`CellKind.UNIT` cell may name.
MONEY_UNITS: tuple[str, ...] = ("元", "万元")
#: The English names of :data:`MONEY_UNITS`, in the same order.
MONEY_UNITS_EN: tuple[str, ...] = ("yuan", "10,000 yuan")


@attrs.frozen(kw_only=True, cache_hash=True)
class GroupSpec:
    """A label that spans several rows or columns and holds no values of its own.

    >>> from govinfo.catalogue import get_edition
    >>> row = get_edition("2021").requests[0].row("results.withheld.state_secret")
    >>> [(g.label, g.label_en, g.qualifies) for g in row.groups]
    [('三、本年度办理结果', 'III. Outcomes this year', False), ('（三）不予公开', '(3) Not disclosed', True)]
    """

    key: str
    label: str
    label_en: str
    #: Whether the group's label is part of its members' full labels (``（三）不予公开 · 1.…``).
    qualifies: bool = True


@attrs.frozen(kw_only=True, cache_hash=True)
class ColumnSpec:
    """One column of a grid.

    >>> from govinfo.catalogue import get_edition
    >>> [(c.key, c.label) for c in get_edition("2021").appeals.grids[0].columns][:2]
    [('upheld', '结果维持'), ('corrected', '结果纠正')]
    >>> total = get_edition("2021").appeals.grids[0].columns[-1]
    >>> total.label, total.label_en, total.is_total
    ('总计', 'Total', True)
    """

    key: str
    label: str
    label_en: str
    kind: CellKind = CellKind.COUNT
    #: The spanning header above this column, if any (e.g. ``法人或其他组织``).
    group: GroupSpec | None = None
    #: True for the ``总计`` column, whose value is the sum of the others.
    is_total: bool = False
    #: Other spellings seen in published reports (matched after normalisation).
    aliases: tuple[str, ...] = ()
    #: For a money column whose unit the format fixes in its header (2021: ``万元``), that unit,
    #: one of :data:`MONEY_UNITS`; ``None`` when a unit cell (or nothing) says.
    unit: str | None = None


@attrs.frozen(kw_only=True, cache_hash=True)
class RowSpec:
    """One data row of a grid.

    >>> from govinfo.catalogue import get_edition
    >>> row = get_edition("2021").requests[0].row("results.unable.not_held")
    >>> row.label, row.path
    ('1.本机关不掌握相关政府信息', ('results', 'unable', 'not_held'))
    >>> row.full_label_en
    '(4) Cannot be provided · 1. This agency does not hold the information'
    """

    #: Dotted path of the row inside its table's interchange object,
    #: e.g. ``"results.withheld.state_secret"``.
    key: str
    label: str
    label_en: str
    #: The spanning row labels above this row, outermost first.
    groups: tuple[GroupSpec, ...] = ()
    #: True for a row whose values are sums of other rows (``（七）总计``).
    is_total: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def path(self) -> tuple[str, ...]:
        """The row key split into interchange object keys."""
        return tuple(self.key.split("."))

    @property
    def full_label(self) -> str:
        """The label with its groups, e.g. ``（三）不予公开 · 1.属于国家秘密``."""
        return " · ".join([*(g.label for g in self.groups if g.qualifies), self.label])

    @property
    def full_label_en(self) -> str:
        """The English label with its groups."""
        return " · ".join([*(g.label_en for g in self.groups if g.qualifies), self.label_en])


@attrs.frozen(kw_only=True, cache_hash=True)
class GridSpec:
    """A block of rows × columns with a caption, as printed in the official form.

    >>> from govinfo.catalogue import get_edition
    >>> for grid in get_edition("2021").proactive.grids:
    ...     print(grid.caption, grid.caption_en, len(grid.rows), len(grid.columns))
    第二十条第（一）项 Article 20, item (1) 2 3
    第二十条第（五）项 Article 20, item (5) 1 1
    第二十条第（六）项 Article 20, item (6) 2 1
    第二十条第（八）项 Article 20, item (8) 1 1
    """

    key: str
    caption: str
    caption_en: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]
    #: The text of the top-left header cell (``信息内容`` or the 三 table's note).
    corner: str = ""
    corner_en: str = ""
    #: A header spanning every value column (``申请人情况``), if any.
    header: GroupSpec | None = None
    #: True when the official form prints every value of the grid in one table row, the row
    #: labels standing in the header above their columns (section 四: 15 values in one row).
    one_row: bool = False


@attrs.frozen(kw_only=True)
class CellSpec:
    """One value cell of a table: where it is, what it holds, and its interchange path.

    >>> from govinfo.catalogue import get_edition
    >>> cell = get_edition("2021").requests[0].cell("carried_forward", "research")
    >>> cell.label, cell.path, cell.index
    ('四、结转下年度继续办理 / 科研机构', ('carried_forward', 'research'), 170)
    """

    index: int
    grid: GridSpec
    row: RowSpec
    column: ColumnSpec

    @property
    def kind(self) -> CellKind:
        return self.column.kind

    @property
    def path(self) -> tuple[str, ...]:
        """Keys from the table's interchange object down to this cell."""
        return (*self.row.path, self.column.key)

    @property
    def label(self) -> str:
        """The official row and column labels, e.g. ``（三）不予公开 · 1.属于国家秘密 / 自然人``."""
        return f"{self.row.full_label} / {self.column.label}"

    @property
    def label_en(self) -> str:
        return f"{self.row.full_label_en} / {self.column.label_en}"


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class TableSpec:
    """The layout of one of the report's three tables: its grids and, derived, its cells.

    Build one with :func:`table_spec`; the cell list and indexes are computed from the grids.

    >>> from govinfo.catalogue import get_edition
    >>> layout = get_edition("2019").requests[0]
    >>> layout.variant, len(layout.rows), len(layout.cells)
    ('undivided-other', 23, 161)
    >>> layout.find("results.other.unpaid_fee", "total") is None   # 2019: （六） has no sub-rows
    True
    """

    #: The report field holding the table: ``"proactive"``, ``"requests"`` or ``"appeals"``.
    key: str
    #: Which layout this is, e.g. ``"2021"``, ``"2021/undivided-other"``, ``"2019"``.
    variant: str
    grids: tuple[GridSpec, ...]
    cells: tuple[CellSpec, ...] = attrs.field(eq=False, hash=False, repr=False)
    _by_key: Mapping[tuple[str, str], CellSpec] = attrs.field(eq=False, hash=False, repr=False)
    _rows: Mapping[str, RowSpec] = attrs.field(eq=False, hash=False, repr=False)
    #: True when every cell is a :attr:`CellKind.COUNT` (lets validation take a fast path).
    counts_only: bool = attrs.field(eq=False, hash=False, repr=False, default=False)

    def __repr__(self) -> str:
        return f"<TableSpec {self.key} {self.variant}: {len(self.cells)} cells>"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle by name so that a report sent to another process gets the catalogue's own
        # objects back (the model compares layouts by identity).
        return (_restore_table_spec, (self.key, self.variant, self.grids))

    def cell(self, row: str, column: str) -> CellSpec:
        """The cell at (row key, column key); :class:`KeyError` if there is none."""
        return self._by_key[row, column]

    def find(self, row: str, column: str) -> CellSpec | None:
        """The cell at (row key, column key), or ``None``."""
        return self._by_key.get((row, column))

    def row(self, key: str) -> RowSpec:
        """The row with this key; :class:`KeyError` if there is none."""
        return self._rows[key]

    @property
    def rows(self) -> tuple[RowSpec, ...]:
        """Every data row, in official order."""
        return tuple(self._rows.values())

    def summed_rows(self, total: str) -> tuple[RowSpec, ...]:
        """The rows a total row (``is_total``) adds up: the other rows of its outermost group.

        >>> from govinfo.catalogue import get_edition
        >>> rows = get_edition("2021").requests[0].summed_rows("results.total")
        >>> len(rows), rows[0].label, rows[-1].label  # （一）, （二）, 8 + 3 + 5 + 3 sub-rows
        (21, '（一）予以公开', '3.其他')
        """
        outer = self.row(total).groups[:1]
        return tuple(r for r in self._rows.values() if r.groups[:1] == outer and not r.is_total)

    def grid_of(self, row: str) -> GridSpec:
        """The grid that holds the row with this key."""
        for grid in self.grids:
            if any(r.key == row for r in grid.rows):
                return grid
        raise KeyError(row)

    def row_keys(self) -> tuple[str, ...]:
        return tuple(self._rows)


#: A table's interchange object as a tree: object keys down to each row's :class:`RowSpec`.
ObjectTree = dict[str, "ObjectTree | RowSpec"]


def object_tree(spec: TableSpec) -> ObjectTree:
    """The nested objects of a table's interchange form, each row at its path, in official order.

    >>> from govinfo.catalogue import get_edition
    >>> tree = object_tree(get_edition("2021").requests[0])
    >>> list(tree), list(tree["results"]["withheld"])[:2]
    (['new_received', 'carried_over', 'results', 'carried_forward'], ['state_secret', 'prohibited_by_law'])
    """
    root: ObjectTree = {}
    for grid in spec.grids:
        for row in grid.rows:
            node = root
            *parents, last = row.path
            for key in parents:
                child = node.setdefault(key, {})
                if not isinstance(child, dict):
                    raise ValueError(f"row {row.key!r} lies under row {key!r} in table {spec.key!r}")
                node = child
            node[last] = row
    return root


def _restore_table_spec(key: str, variant: str, grids: tuple[GridSpec, ...]) -> TableSpec:
    from . import EDITIONS  # the registry sits above this module

    for edition in EDITIONS.values():
        for spec in (edition.proactive, *edition.requests, edition.appeals):
            if spec.key == key and spec.variant == variant and spec.grids == grids:
                return spec
    return table_spec(key, variant, grids)


def table_spec(key: str, variant: str, grids: tuple[GridSpec, ...]) -> TableSpec:
    """Build a :class:`TableSpec`, deriving its cells (grid by grid, row-major)."""
    cells: list[CellSpec] = []
    rows: dict[str, RowSpec] = {}
    for grid in grids:
        for row in grid.rows:
            if row.key in rows:
                raise ValueError(f"row {row.key!r} appears twice in table {key!r}")
            rows[row.key] = row
            for column in grid.columns:
                cells.append(CellSpec(index=len(cells), grid=grid, row=row, column=column))
    by_key = {(c.row.key, c.column.key): c for c in cells}
    return TableSpec(
        key=key,
        variant=variant,
        grids=grids,
        cells=tuple(cells),
        by_key=MappingProxyType(by_key),
        rows=MappingProxyType(rows),
        counts_only=all(c.kind is CellKind.COUNT for c in cells),
    )


@attrs.frozen(kw_only=True, cache_hash=True)
class SectionSpec:
    """One of the six sections; the numeral (``一、``) is derived from its position.

    >>> from govinfo.catalogue import get_edition
    >>> [(s.key, s.kind) for s in get_edition("2021").sections][:3]
    [('overview', 'narrative'), ('proactive', 'table'), ('requests', 'table')]
    """

    key: str
    #: The canonical heading without its numeral, e.g. ``总体情况``.
    label: str
    label_en: str
    #: ``"narrative"`` or ``"table"``.
    kind: str
    #: Heading wordings seen in published reports (e.g. Art. 50's wording of 四 and 五).
    aliases: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, cache_hash=True)
class Edition:
    """One edition of the official format.

    >>> from govinfo.catalogue import get_edition
    >>> ed = get_edition("2019")
    >>> ed.title, ed.issued_by, ed.years
    ('《中华人民共和国政府信息公开工作年度报告格式（试行）》', '国办公开办函〔2019〕60号', (2019, 2020))
    >>> ed.request_layout("divided-other")
    Traceback (most recent call last):
    ...
    KeyError: 'divided-other'
    """

    #: ``"2021"`` or ``"2019"``: the value of the interchange ``edition`` key.
    key: str
    title: str
    title_en: str
    issued_by: str
    #: Reports on these years were meant to use this edition (a guide, never a rule: §0).
    years: tuple[int, int | None]
    sections: tuple[SectionSpec, ...]
    proactive: TableSpec
    #: The request table layouts this edition admits; the first is the official one.
    requests: tuple[TableSpec, ...]
    appeals: TableSpec
    #: Labels whose presence in a document marks this edition (§0 of the format spec).
    markers: tuple[str, ...] = ()

    def request_layout(self, variant: str) -> TableSpec:
        """The request table layout with this variant name."""
        for spec in self.requests:
            if spec.variant == variant:
                return spec
        raise KeyError(variant)

    def section(self, key: str) -> SectionSpec:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)
