"""The interchange format (``docs/interchange.md``): dicts and JSON in, reports out, and back.

Conversion goes through govinfo's own :class:`cattrs.Converter` (:func:`make_converter`), whose
hooks for the three tables are generated from the catalogue: one walk over each table layout's
rows and columns reads, checks and places every cell. Every problem found is collected with
its JSON path and a stable code, then raised once as an
:class:`~govinfo.errors.InvalidReportError`; no ``KeyError``, ``TypeError`` or cattrs error
reaches the caller.

>>> from govinfo import GovinfoError, Report
>>> from govinfo.examples import linping_education_2023
>>> r = linping_education_2023()
>>> Report.from_dict(r.to_dict()) == r
True
>>> try:
...     Report.from_dict({"edition": "2021", "agency": "某局", "year": 2023,
...                       "appeals": {"review": {"upheld": -1}}})
... except GovinfoError as e:
...     print(e)
the report dict is not valid (6 problems):
  $.appeals.review.upheld: a count cannot be negative (got -1) [negative_count]
  $.appeals.review.corrected: missing key 'corrected' [missing_key]
  $.appeals.review.other: missing key 'other' [missing_key]
  $.appeals.review.pending: missing key 'pending' [missing_key]
  $.appeals.litigation_direct: missing key 'litigation_direct' [missing_key]
  $.appeals.litigation_after_review: missing key 'litigation_after_review' [missing_key]
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any, TypeVar

import attrs
import cattrs

from .appeals import AppealTable
from .catalogue import EDITIONS, CellKind, Edition, RowSpec, TableSpec, object_tree
from .catalogue.spec import ObjectTree
from .errors import GovinfoError, InvalidReportError, describe
from .narrative import Narrative, Subsection, checked_narrative, checked_subsection
from .proactive import Proactive
from .report import Report
from .requests import RequestTable
from .table import MAX_COUNT, Cell, Table, path_of

__all__ = [
    "FORMAT_VERSION",
    "configure_converter",
    "dumps",
    "loads",
    "make_converter",
    "structure_report",
    "unstructure_report",
]

_T = TypeVar("_T", bound=Table)

#: The interchange format version this govinfo reads and writes.
FORMAT_VERSION = 1

_TOP_KEYS = (
    "format_version",
    "edition",
    "agency",
    "year",
    "title",
    "published",
    "preamble",
    "overview",
    "proactive",
    "requests",
    "appeals",
    "problems",
    "other_matters",
)
_TOP_KEY_SET = frozenset(_TOP_KEYS)
_NARRATIVE_KEYS = frozenset({"paragraphs", "subsections"})
_ARRAY = (list, tuple)
_MONEY = re.compile(r"[0-9]{1,30}(?:\.[0-9]{1,30})?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Problems:
    """Collects problems while a dict is read."""

    __slots__ = ("errors",)

    def __init__(self) -> None:
        self.errors: list[GovinfoError] = []

    def add(self, path: str, code: str, message: str) -> None:
        self.errors.append(GovinfoError(message, code=code, path=path))


def _type_name(value: object) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", float: "number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


# --- tables: plans generated from the catalogue ----------------------------------------------


@attrs.frozen
class _Leaf:
    """A row: its column keys with cell index, kind and whether it is the 总计 column."""

    row: RowSpec
    columns: tuple[tuple[str, int, CellKind, bool], ...]
    keys: frozenset[str]
    #: The column keys in official order.
    names: tuple[str, ...]
    #: The row's cells are ``cells[start:stop]``: a row is contiguous in a table's flat order.
    start: int
    stop: int
    #: The row's values from its object, in column order (one C call for the whole row).
    values: Callable[[dict[str, Any]], tuple[Any, ...]]
    #: ``(column key, cell index)`` of the cells that hold money (written as decimal strings).
    money: tuple[tuple[str, int], ...]


_Node = dict[str, "_Node | _Leaf"]


def _values_getter(keys: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    if len(keys) == 1:  # itemgetter of one key returns the value, not a 1-tuple
        (key,) = keys
        return lambda obj: (obj[key],)
    return itemgetter(*keys)


@cache
def _plan(spec: TableSpec) -> _Node:
    """The nested-object tree of a table layout, with each row a :class:`_Leaf`."""

    def leaf(row: RowSpec) -> _Leaf:
        grid = spec.grid_of(row.key)
        columns = tuple((c.key, spec.cell(row.key, c.key).index, c.kind, c.is_total) for c in grid.columns)
        keys = tuple(c[0] for c in columns)
        return _Leaf(
            row,
            columns,
            frozenset(keys),
            keys,
            start=columns[0][1],
            stop=columns[-1][1] + 1,
            values=_values_getter(keys),
            money=tuple((k, i) for k, i, kind, _ in columns if kind is CellKind.MONEY),
        )

    def convert(node: ObjectTree) -> _Node:
        return {k: leaf(v) if isinstance(v, RowSpec) else convert(v) for k, v in node.items()}

    root = convert(object_tree(spec))
    # The tree lists the rows in the table's cell order (rows of one group are adjacent in the
    # catalogue), so reading the leaves in tree order gives the flat cells: see _copy_exact.
    starts = [(leaf.start, leaf.stop) for leaf in _leaves(root)]
    assert [a for a, _ in starts] == [0, *(b for _, b in starts[:-1])], spec.variant
    return root


def _leaves(node: _Node) -> Iterator[_Leaf]:
    for child in node.values():
        if isinstance(child, _Leaf):
            yield child
        else:
            yield from _leaves(child)


@cache
def _special_cells(spec: TableSpec) -> tuple[tuple[int, CellKind, str], ...]:
    """``(index, kind, path)`` of the cells that are not plain counts (money, units, signed)."""
    return tuple((c.index, c.kind, path_of(c, spec)) for c in spec.cells if c.kind is not CellKind.COUNT)


@cache
def _known_elsewhere(table: str) -> Mapping[tuple[str, ...], tuple[str, ...]]:
    """For every object path of a table in any edition, the editions that have it."""
    out: dict[tuple[str, ...], list[str]] = {}
    for edition in EDITIONS.values():
        specs = {
            "proactive": (edition.proactive,),
            "requests": edition.requests,
            "appeals": (edition.appeals,),
        }
        for spec in specs[table]:
            for cell in spec.cells:
                for i in range(1, len(cell.path) + 1):
                    eds = out.setdefault(cell.path[:i], [])
                    if edition.key not in eds:
                        eds.append(edition.key)
    return {k: tuple(v) for k, v in out.items()}


def _read_cell(kind: CellKind, value: object, path: str, problems: _Problems) -> Cell:
    if value is None:
        return None
    if kind is CellKind.COUNT or kind is CellKind.SIGNED:
        if type(value) is int:
            if value < 0 and kind is CellKind.COUNT:
                problems.add(path, "negative_count", f"a count cannot be negative (got {describe(value)})")
                return None
            if not -MAX_COUNT <= value <= MAX_COUNT:
                problems.add(
                    path, "too_large", f"a count must be at most {MAX_COUNT} (got {describe(value)})"
                )
                return None
            return value
        problems.add(path, "wrong_type", f"a count must be an integer or null, not {_type_name(value)}")
        return None
    if kind is CellKind.MONEY:
        if isinstance(value, str):
            if _MONEY.fullmatch(value):
                return Decimal(value)
            if value.startswith("-") and _MONEY.fullmatch(value[1:]):
                problems.add(path, "negative_money", f"money cannot be negative (got {describe(value)})")
            else:
                problems.add(
                    path,
                    "bad_money",
                    f'money must be a decimal string such as "103.5", not {describe(value)}',
                )
            return None
        if isinstance(value, float):
            problems.add(
                path,
                "money_not_string",
                f"money must be a decimal string ({describe(str(value))}), not a float",
            )
            return None
        problems.add(path, "money_not_string", f"money must be a decimal string, not {_type_name(value)}")
        return None
    if isinstance(value, str) and value in ("元", "万元"):
        return value
    problems.add(path, "bad_unit", f'unit must be "元", "万元" or null, not {describe(value)}')
    return None


def _copy_exact(obj: object, node: _Node, cells: list[Cell]) -> bool:
    """Append the values of an object with exactly the layout's keys to ``cells``, in cell order.

    False as soon as an object is not an object or has more or fewer keys than the layout;
    :class:`KeyError` for a missing key. (An object with as many keys as the layout and every
    key of the layout has no other key: counting the keys is the whole check for unknown ones.)
    """
    if type(obj) is not dict or len(obj) != len(node):
        return False
    for key, child in node.items():
        value = obj[key]
        if isinstance(child, _Leaf):
            if type(value) is not dict or len(value) != len(child.columns):
                return False
            cells += child.values(value)
        elif not _copy_exact(value, child, cells):
            return False
    return True


def _clean_table(cls: type[_T], data: object, spec: TableSpec) -> _T | None:
    """The table of a complete object whose every value is right for its cell, else ``None``.

    The fast path for the common case: rows are copied whole, and the counts are checked once,
    all together, by the table's constructor. Anything else (an omitted total, a wrong key or
    value) gives ``None``, and :func:`_read_table` reads the object cell by cell, naming each
    problem.
    """
    cells: list[Cell] = []
    try:
        if not _copy_exact(data, _plan(spec), cells):
            return None
    except KeyError:
        return None
    if not spec.counts_only:
        unused = _Problems()
        for index, kind, path in _special_cells(spec):
            cells[index] = _read_cell(kind, cells[index], path, unused)
        if unused.errors:
            return None
    try:
        return cls(spec=spec, cells=tuple(cells))
    except GovinfoError:
        return None


def _read_table(data: object, spec: TableSpec, problems: _Problems) -> list[Cell]:
    """Read one table's interchange object into a flat cell list, deriving omitted totals."""
    cells: list[Cell] = [None] * len(spec.cells)
    missing_totals: list[tuple[int, _Leaf]] = []  # (column position, row) of omitted 总计 cells
    missing_rows: list[_Leaf] = []
    elsewhere = _known_elsewhere(spec.key)

    def unknown(path: str, keys: tuple[str, ...], key: object) -> None:
        where = f"{path}.{key}"
        other = elsewhere.get((*keys, key)) if isinstance(key, str) else None
        if other:
            names = " and ".join(other)
            problems.add(
                where,
                "other_edition_key",
                f"{describe(key)} belongs to the {names} edition layout, not this one",
            )
        else:
            problems.add(where, "unknown_key", f"unknown key {describe(key)}")

    def walk(obj: object, node: _Node | _Leaf, path: str, keys: tuple[str, ...]) -> None:
        if not isinstance(obj, dict):
            problems.add(path, "wrong_type", f"expected an object, not {_type_name(obj)}")
            return
        if isinstance(node, _Leaf):
            if obj.keys() - node.keys:
                for key in obj:
                    if key not in node.keys:
                        unknown(path, keys, key)
            for pos, (key, index, kind, is_total) in enumerate(node.columns):
                if key in obj:
                    value = obj[key]
                    if kind is CellKind.COUNT and type(value) is int and value >= 0:  # the common case
                        cells[index] = value
                    else:
                        cells[index] = _read_cell(kind, value, f"{path}.{key}", problems)
                elif is_total:
                    missing_totals.append((pos, node))
                else:
                    problems.add(f"{path}.{key}", "missing_key", f"missing key {describe(key)}")
            return
        if obj.keys() - node.keys():
            for key in obj:
                if key not in node:
                    unknown(path, keys, key)
        for key, child in node.items():
            if key in obj:
                walk(obj[key], child, f"{path}.{key}", (*keys, key))
            elif isinstance(child, _Leaf) and child.row.is_total:
                missing_rows.append(child)
            else:
                problems.add(f"{path}.{key}", "missing_key", f"missing key {describe(key)}")

    walk(data, _plan(spec), f"$.{spec.key}", ())
    for pos, leaf in missing_totals:
        parts = [cells[i] for _, i, _, t in leaf.columns if not t]
        cells[leaf.columns[pos][1]] = _sum(parts)
    for leaf in missing_rows:
        members = spec.summed_rows(leaf.row.key)
        for col_key, index, _, _ in leaf.columns:
            cells[index] = _sum([cells[spec.cell(r.key, col_key).index] for r in members])
    return cells


def _sum(values: list[Cell]) -> int | None:
    ints = [v for v in values if type(v) is int]
    return sum(ints) if ints else None


def _write_table(table: Table) -> dict[str, Any]:
    return _write_node(_plan(table.spec), table.cells)


def _write_node(node: _Node, cells: tuple[Cell, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, child in node.items():
        if isinstance(child, _Leaf):
            row = dict(zip(child.names, cells[child.start : child.stop]))
            for k, i in child.money:
                v = cells[i]
                if isinstance(v, Decimal):
                    row[k] = format(v, "f")
            out[key] = row
        else:
            out[key] = _write_node(child, cells)
    return out


# --- narrative and scalar fields -------------------------------------------------------------


def _read_paragraphs(obj: object, path: str, problems: _Problems) -> tuple[str, ...]:
    if not isinstance(obj, (list, tuple)):
        problems.add(path, "wrong_type", f"expected an array of strings, not {_type_name(obj)}")
        return ()
    bad = [i for i, p in enumerate(obj) if not isinstance(p, str)]
    for i in bad:
        problems.add(f"{path}[{i}]", "wrong_type", f"a paragraph must be a string, not {_type_name(obj[i])}")
    return tuple(obj) if not bad else ()


def _all_str(items: list[Any] | tuple[Any, ...]) -> bool:
    for item in items:  # noqa: SIM110 - a plain loop is faster than all() over a generator
        if type(item) is not str:
            return False
    return True


def _clean_narrative(obj: object) -> Narrative | None:
    """The narrative of a well-formed object, else ``None``: then :func:`_read_narrative` reads it
    again, naming each problem. The fast path for the common case, as for tables."""
    if type(obj) is not dict or not obj.keys() <= _NARRATIVE_KEYS:
        return None
    paragraphs = obj.get("paragraphs", ())
    subs = obj.get("subsections", ())
    if type(paragraphs) not in _ARRAY or type(subs) not in _ARRAY or not _all_str(paragraphs):
        return None
    subsections = []
    for sub in subs:
        # Exactly the two keys: a subsection without "paragraphs" takes the careful path.
        if type(sub) is not dict or len(sub) != 2 or "title" not in sub or "paragraphs" not in sub:
            return None
        title, paras = sub["title"], sub["paragraphs"]
        if type(title) is not str or type(paras) not in _ARRAY or not _all_str(paras):
            return None
        subsections.append(checked_subsection(title, tuple(paras)))
    return checked_narrative(tuple(paragraphs), tuple(subsections))


def _narrative(obj: object, path: str, problems: _Problems) -> Narrative:
    """Read a narrative: the fast path, else the careful one."""
    clean = _clean_narrative(obj)
    return clean if clean is not None else _read_narrative(obj, path, problems)


def _read_narrative(obj: object, path: str, problems: _Problems) -> Narrative:
    if not isinstance(obj, dict):
        problems.add(path, "wrong_type", f"expected an object, not {_type_name(obj)}")
        return Narrative()
    for key in obj:
        if key not in ("paragraphs", "subsections"):
            problems.add(f"{path}.{key}", "unknown_key", f"unknown key {describe(key)}")
    paragraphs = _read_paragraphs(obj.get("paragraphs", []), f"{path}.paragraphs", problems)
    subs_obj = obj.get("subsections", [])
    subsections: list[Subsection] = []
    if not isinstance(subs_obj, (list, tuple)):
        problems.add(f"{path}.subsections", "wrong_type", f"expected an array, not {_type_name(subs_obj)}")
        subs_obj = []
    for i, sub in enumerate(subs_obj):
        where = f"{path}.subsections[{i}]"
        if not isinstance(sub, dict):
            problems.add(where, "wrong_type", f"expected an object, not {_type_name(sub)}")
            continue
        for key in sub:
            if key not in ("title", "paragraphs"):
                problems.add(f"{where}.{key}", "unknown_key", f"unknown key {describe(key)}")
        title = sub.get("title")
        if "title" not in sub:
            problems.add(f"{where}.title", "missing_key", "missing key 'title'")
        elif not isinstance(title, str):
            problems.add(f"{where}.title", "wrong_type", f"a title must be a string, not {_type_name(title)}")
        paras = _read_paragraphs(sub.get("paragraphs", []), f"{where}.paragraphs", problems)
        if isinstance(title, str):
            subsections.append(Subsection(title=title, paragraphs=paras))
    return Narrative(paragraphs=paragraphs, subsections=subsections)


def _write_narrative(n: Narrative) -> dict[str, Any]:
    return {
        "paragraphs": list(n.paragraphs),
        "subsections": [{"title": s.title, "paragraphs": list(s.paragraphs)} for s in n.subsections],
    }


def _read_whole_table(cls: type[_T], data: object, spec: TableSpec, problems: _Problems) -> _T | None:
    """Read a table of this layout: the table, or ``None`` with its problems added."""
    table = _clean_table(cls, data, spec)
    if table is not None:
        return table
    before = len(problems.errors)
    cells = _read_table(data, spec, problems)
    return cls(spec=spec, cells=tuple(cells)) if len(problems.errors) == before else None


def _read_requests(obj: object, edition: Edition, problems: _Problems) -> RequestTable | None:
    """Read 三 in whichever of the edition's layouts fits (the official one first)."""
    for spec in edition.requests:
        table = _clean_table(RequestTable, obj, spec)
        if table is not None:
            return table
    best: tuple[_Problems, TableSpec, list[Cell]] | None = None
    for spec in edition.requests:
        attempt = _Problems()
        cells = _read_table(obj, spec, attempt)
        if not attempt.errors:
            return RequestTable(spec=spec, cells=tuple(cells))
        if best is None or len(attempt.errors) < len(best[0].errors):
            best = (attempt, spec, cells)
    assert best is not None
    problems.errors.extend(best[0].errors)
    return None


def structure_report(data: object) -> Report:
    """Build a :class:`~govinfo.Report` from its interchange dict, or raise every problem at once."""
    p = _Problems()
    if not isinstance(data, Mapping):
        raise InvalidReportError(
            "the report dict is not valid",
            [
                GovinfoError(
                    f"a report must be an object, not {_type_name(data)}", code="wrong_type", path="$"
                )
            ],
        )
    if not data.keys() <= _TOP_KEY_SET:
        for key in data:
            if key not in _TOP_KEY_SET:
                p.add(f"$.{key}", "unknown_key", f"unknown key {describe(key)}")
    for key in ("edition", "agency", "year"):
        if key not in data:
            p.add(f"$.{key}", "missing_key", f"missing key {describe(key)}")

    version = data.get("format_version", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:
        p.add(
            "$.format_version",
            "bad_format_version",
            f"format_version must be {FORMAT_VERSION}, not {describe(version)}",
        )

    edition = None
    ed_key = data.get("edition")
    if "edition" in data:
        if isinstance(ed_key, str) and ed_key in EDITIONS:
            edition = EDITIONS[ed_key]
        else:
            known = " or ".join(f'"{k}"' for k in EDITIONS)
            p.add("$.edition", "bad_edition", f"edition must be {known}, not {describe(ed_key)}")

    agency = data.get("agency")
    if "agency" in data and not isinstance(agency, str):
        p.add("$.agency", "wrong_type", f"agency must be a string, not {_type_name(agency)}")
    year = data.get("year")
    if "year" in data:
        if type(year) is not int:
            p.add("$.year", "wrong_type", f"year must be an integer, not {_type_name(year)}")
        elif not 1000 <= year <= 9999:
            p.add("$.year", "bad_year", f"year must have four digits, not {describe(year)}")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        p.add("$.title", "wrong_type", f"title must be a string or null, not {_type_name(title)}")
    published: _dt.date | None = None
    pub = data.get("published")
    if pub is not None:
        if not isinstance(pub, str) or not _DATE.fullmatch(pub):
            p.add(
                "$.published", "bad_date", f"published must be a date written YYYY-MM-DD, not {describe(pub)}"
            )
        else:
            try:
                published = _dt.date.fromisoformat(pub)
            except ValueError:
                p.add("$.published", "bad_date", f"{describe(pub)} is not a calendar date")
    preamble = _read_paragraphs(data.get("preamble", []), "$.preamble", p)
    narratives = {
        key: _narrative(data[key], f"$.{key}", p) if key in data else Narrative()
        for key in ("overview", "problems", "other_matters")
    }

    tables: dict[str, Table | None] = {}
    if edition is not None:
        if "proactive" in data:
            tables["proactive"] = _read_whole_table(Proactive, data["proactive"], edition.proactive, p)
        if "requests" in data:
            tables["requests"] = _read_requests(data["requests"], edition, p)
        if "appeals" in data:
            tables["appeals"] = _read_whole_table(AppealTable, data["appeals"], edition.appeals, p)
    for path, text in _texts(agency, title, preamble, narratives):
        if _SURROGATE.search(text):
            p.add(path, "bad_text", "the text holds a lone surrogate (U+D800–U+DFFF): it cannot be UTF-8")
    InvalidReportError.collect(p.errors, "the report dict is not valid")
    assert isinstance(ed_key, str)
    assert isinstance(agency, str)
    assert isinstance(year, int)
    return Report(
        edition=ed_key,
        agency=agency,
        year=year,
        title=title,
        published=published,
        preamble=preamble,
        overview=narratives["overview"],
        problems=narratives["problems"],
        other_matters=narratives["other_matters"],
        **{k: v for k, v in tables.items() if v is not None},  # type: ignore[arg-type]
    )


#: A lone surrogate: Python text that no UTF-8 (and so no JSON file) can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _texts(
    agency: object, title: object, preamble: tuple[str, ...], narratives: Mapping[str, Narrative]
) -> Iterator[tuple[str, str]]:
    """``(JSON path, text)`` of every text field of a report being read."""
    if isinstance(agency, str):
        yield "$.agency", agency
    if isinstance(title, str):
        yield "$.title", title
    for i, para in enumerate(preamble):
        yield f"$.preamble[{i}]", para
    for key, n in narratives.items():
        for i, para in enumerate(n.paragraphs):
            yield f"$.{key}.paragraphs[{i}]", para
        for j, sub in enumerate(n.subsections):
            yield f"$.{key}.subsections[{j}].title", sub.title
            for i, para in enumerate(sub.paragraphs):
                yield f"$.{key}.subsections[{j}].paragraphs[{i}]", para


def unstructure_report(report: Report) -> dict[str, Any]:
    """The interchange dict of a report, in the key order of the format document."""
    return {
        "format_version": FORMAT_VERSION,
        "edition": report.edition,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "published": report.published.isoformat() if report.published else None,
        "preamble": list(report.preamble),
        "overview": _write_narrative(report.overview),
        "proactive": _write_table(report.proactive),
        "requests": _write_table(report.requests),
        "appeals": _write_table(report.appeals),
        "problems": _write_narrative(report.problems),
        "other_matters": _write_narrative(report.other_matters),
    }


# --- the converter ---------------------------------------------------------------------------


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach a cattrs converter govinfo's types, e.g. for your own classes holding a Report.

    >>> import attrs, cattrs
    >>> from govinfo import Report
    >>> @attrs.define
    ... class Batch:
    ...     name: str
    ...     reports: list[Report]
    >>> conv = cattrs.Converter()
    >>> configure_converter(conv)
    >>> from govinfo.examples import linping_education_2023
    >>> b = Batch("demo", [linping_education_2023()])
    >>> conv.structure(conv.unstructure(b), Batch) == b
    True
    """

    def narrative(obj: object, _: object) -> Narrative:
        p = _Problems()
        n = _narrative(obj, "$", p)
        InvalidReportError.collect(p.errors, "the narrative is not valid")
        return n

    converter.register_structure_hook(Report, lambda obj, _: structure_report(obj))
    converter.register_unstructure_hook(Report, unstructure_report)
    converter.register_structure_hook(Narrative, narrative)
    converter.register_unstructure_hook(Narrative, _write_narrative)
    converter.register_unstructure_hook(Proactive, _write_table)
    converter.register_unstructure_hook(RequestTable, _write_table)
    converter.register_unstructure_hook(AppealTable, _write_table)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter that knows govinfo's types (never the global one)."""
    converter = cattrs.Converter()
    configure_converter(converter)
    return converter


_CONVERTER = make_converter()


def converter() -> cattrs.Converter:
    """govinfo's own converter, as used by :meth:`Report.from_dict`."""
    return _CONVERTER


# --- JSON --------------------------------------------------------------------------------------


@cache
def _orjson() -> Any:
    """The orjson module if it is installed (the ``fast`` extra), else ``None``; imported on first
    use, not with govinfo."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return orjson


def loads(text: str | bytes) -> Report:
    """Parse interchange JSON (uses orjson when installed, else the standard library)."""
    if not isinstance(text, (str, bytes, bytearray)):
        raise GovinfoError(
            f"JSON text must be str or bytes, not {type(text).__name__}", code="wrong_type", path="$"
        )
    orjson = _orjson()
    try:
        data = json.loads(text) if orjson is None else orjson.loads(text)
    except ValueError as e:  # json.JSONDecodeError and orjson.JSONDecodeError are ValueErrors
        raise GovinfoError(f"not valid JSON: {e}", code="bad_json", path="$") from None
    except RecursionError:  # the standard library's decoder recurses once per nesting level
        raise GovinfoError("not valid JSON: nested too deeply", code="bad_json", path="$") from None
    return structure_report(data)


def dumps(report: Report, *, indent: int | None = None) -> str:
    """The report as interchange JSON text; non-ASCII characters are written as themselves.

    Compact text is written by orjson when it is installed: the same text as the standard
    library's, faster.
    """
    data = unstructure_report(report)
    orjson = _orjson() if indent is None else None
    if orjson is not None:
        try:
            return orjson.dumps(data).decode()  # type: ignore[no-any-return]
        except TypeError:  # a count beyond 64 bits or a lone surrogate: json writes those
            pass
    return json.dumps(
        data,
        ensure_ascii=False,
        indent=indent,
        separators=(",", ":") if indent is None else (",", ": "),
    )
