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
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Any

import attrs
import cattrs

from .appeals import AppealTable
from .catalogue import EDITIONS, CellKind, Edition, RowSpec, TableSpec
from .errors import GovinfoError, InvalidReportError
from .narrative import Narrative, Subsection
from .proactive import Proactive
from .report import Report
from .requests import RequestTable
from .table import Cell, Table

__all__ = [
    "FORMAT_VERSION",
    "configure_converter",
    "dumps",
    "loads",
    "make_converter",
    "structure_report",
    "unstructure_report",
]

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


_Node = dict[str, "_Node | _Leaf"]


@cache
def _plan(spec: TableSpec) -> _Node:
    """The nested-object tree of a table layout, with each row a :class:`_Leaf`."""
    root: _Node = {}
    for grid in spec.grids:
        for row in grid.rows:
            node = root
            *parents, last = row.path
            for key in parents:
                child = node.setdefault(key, {})
                assert isinstance(child, dict)
                node = child
            columns = tuple(
                (c.key, spec.cell(row.key, c.key).index, c.kind, c.is_total) for c in grid.columns
            )
            node[last] = _Leaf(row, columns, frozenset(c[0] for c in columns))
    return root


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
                problems.add(path, "negative_count", f"a count cannot be negative (got {value})")
                return None
            return value
        problems.add(path, "wrong_type", f"a count must be an integer or null, not {_type_name(value)}")
        return None
    if kind is CellKind.MONEY:
        if isinstance(value, str):
            if _MONEY.fullmatch(value):
                return Decimal(value)
            if value.startswith("-") and _MONEY.fullmatch(value[1:]):
                problems.add(path, "negative_money", f"money cannot be negative (got {value!r})")
            else:
                problems.add(
                    path, "bad_money", f'money must be a decimal string such as "103.5", not {value!r}'
                )
            return None
        if isinstance(value, float):
            problems.add(path, "money_not_string", f'money must be a decimal string ("{value}"), not a float')
            return None
        problems.add(path, "money_not_string", f"money must be a decimal string, not {_type_name(value)}")
        return None
    if isinstance(value, str) and value in ("元", "万元"):
        return value
    problems.add(path, "bad_unit", f'unit must be "元", "万元" or null, not {value!r}')
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
                where, "other_edition_key", f"{key!r} belongs to the {names} edition layout, not this one"
            )
        else:
            problems.add(where, "unknown_key", f"unknown key {key!r}")

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
                    problems.add(f"{path}.{key}", "missing_key", f"missing key {key!r}")
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
                problems.add(f"{path}.{key}", "missing_key", f"missing key {key!r}")

    walk(data, _plan(spec), f"$.{spec.key}", ())
    for pos, leaf in missing_totals:
        parts = [cells[i] for _, i, _, t in leaf.columns if not t]
        cells[leaf.columns[pos][1]] = _sum(parts)
    for leaf in missing_rows:
        outer = leaf.row.groups[:1]
        members = [r for r in spec.rows if r.groups[:1] == outer and not r.is_total]
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
            out[key] = {
                k: (format(v, "f") if isinstance(v, Decimal) else v)
                for k, i, _, _ in child.columns
                for v in (cells[i],)
            }
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


def _read_narrative(obj: object, path: str, problems: _Problems) -> Narrative:
    if not isinstance(obj, dict):
        problems.add(path, "wrong_type", f"expected an object, not {_type_name(obj)}")
        return Narrative()
    for key in obj:
        if key not in ("paragraphs", "subsections"):
            problems.add(f"{path}.{key}", "unknown_key", f"unknown key {key!r}")
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
                problems.add(f"{where}.{key}", "unknown_key", f"unknown key {key!r}")
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


def _read_requests(obj: object, edition: Edition, problems: _Problems) -> RequestTable | None:
    """Read 三 in whichever of the edition's layouts fits (the official one first)."""
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
    for key in data:
        if key not in _TOP_KEYS:
            p.add(f"$.{key}", "unknown_key", f"unknown key {key!r}")
    for key in ("edition", "agency", "year"):
        if key not in data:
            p.add(f"$.{key}", "missing_key", f"missing key {key!r}")

    version = data.get("format_version", FORMAT_VERSION)
    if type(version) is not int or version != FORMAT_VERSION:
        p.add(
            "$.format_version",
            "bad_format_version",
            f"format_version must be {FORMAT_VERSION}, not {version!r}",
        )

    edition = None
    ed_key = data.get("edition")
    if "edition" in data:
        if isinstance(ed_key, str) and ed_key in EDITIONS:
            edition = EDITIONS[ed_key]
        else:
            known = " or ".join(f'"{k}"' for k in EDITIONS)
            p.add("$.edition", "bad_edition", f"edition must be {known}, not {ed_key!r}")

    agency = data.get("agency")
    if "agency" in data and not isinstance(agency, str):
        p.add("$.agency", "wrong_type", f"agency must be a string, not {_type_name(agency)}")
    year = data.get("year")
    if "year" in data:
        if type(year) is not int:
            p.add("$.year", "wrong_type", f"year must be an integer, not {_type_name(year)}")
        elif not 1000 <= year <= 9999:
            p.add("$.year", "bad_year", f"year must have four digits, not {year}")
    title = data.get("title")
    if title is not None and not isinstance(title, str):
        p.add("$.title", "wrong_type", f"title must be a string or null, not {_type_name(title)}")
    published: _dt.date | None = None
    pub = data.get("published")
    if pub is not None:
        if not isinstance(pub, str) or not _DATE.fullmatch(pub):
            p.add("$.published", "bad_date", f"published must be a date written YYYY-MM-DD, not {pub!r}")
        else:
            try:
                published = _dt.date.fromisoformat(pub)
            except ValueError:
                p.add("$.published", "bad_date", f"{pub!r} is not a calendar date")
    preamble = _read_paragraphs(data.get("preamble", []), "$.preamble", p)
    narratives = {
        key: _read_narrative(data[key], f"$.{key}", p) if key in data else Narrative()
        for key in ("overview", "problems", "other_matters")
    }

    tables: dict[str, Table | None] = {}
    if edition is not None:
        if "proactive" in data:
            cells = _read_table(data["proactive"], edition.proactive, p)
            tables["proactive"] = (
                Proactive(spec=edition.proactive, cells=tuple(cells)) if not p.errors else None
            )
        if "requests" in data:
            tables["requests"] = _read_requests(data["requests"], edition, p)
        if "appeals" in data:
            before = len(p.errors)
            cells = _read_table(data["appeals"], edition.appeals, p)
            if len(p.errors) == before:
                tables["appeals"] = AppealTable(spec=edition.appeals, cells=tuple(cells))
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
        n = _read_narrative(obj, "$", p)
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


def _json_loader() -> Callable[[str | bytes], Any]:
    try:
        import orjson
    except ImportError:  # pragma: no cover - depends on the environment
        return json.loads
    return orjson.loads


_loads: Callable[[str | bytes], Any] | None = None


def loads(text: str | bytes) -> Report:
    """Parse interchange JSON (uses orjson when installed, else the standard library)."""
    global _loads
    if _loads is None:
        _loads = _json_loader()
    if not isinstance(text, (str, bytes, bytearray)):
        raise GovinfoError(
            f"JSON text must be str or bytes, not {type(text).__name__}", code="wrong_type", path="$"
        )
    try:
        data = _loads(text)
    except ValueError as e:  # json.JSONDecodeError and orjson.JSONDecodeError are ValueErrors
        raise GovinfoError(f"not valid JSON: {e}", code="bad_json", path="$") from None
    return structure_report(data)


def dumps(report: Report, *, indent: int | None = None) -> str:
    """The report as interchange JSON text; non-ASCII characters are written as themselves."""
    return json.dumps(
        unstructure_report(report),
        ensure_ascii=False,
        indent=indent,
        separators=(",", ":") if indent is None else (",", ": "),
    )
