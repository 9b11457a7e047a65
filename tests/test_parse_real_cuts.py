"""Real pages cut off anywhere are read without a wrong value (tests/real/, cut shorter still).

Copies of reports are cut off anywhere: mid-table, mid-row, mid-number, mid-title. Each real
fragment is cut again at a bounded, deterministic sample of places, and each prefix is read:

- every cell returned is one the label states (``cells`` or ``maybe_cells``) with that value;
- no cell depends on a number the prefix ends in (spaces and line breaks after it aside): that
  number may be cut short (``12`` of ``123``), so it is a diagnostic, never a value (a lone ``0``
  is whole as a count: no count goes on from it; as an amount it may be ``0.35``);
- no ``blank_cells`` key gets a value;
- a year or agency returned is the labelled one (where the label gives one); where the label
  gives none, an agency returned is the one the whole page gives.

The places: every line end of the table part of each page with cells (the line with its line
break), the same line cut inside its last number, and, on every page, the opening lines cut at
their end and right after each ``报告`` (where a sentence naming the report looks like a title).
``benchmarks/cuts.py`` measures many more places (every character, with ``--every``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

import govinfo
from govinfo.catalogue import CellKind
from test_parse_real import FIXTURES, REAL, Key, _cells, _flat, _same

#: What a prefix states that the whole page's label leaves out, read by hand from the prefix.
#: ``rwldrm-mirror-jiaoyu-mixed-2021`` mixes the editions, so its section-二 cells are not labelled;
#: a prefix that ends before the 2021-edition (五) table shows a 2019-edition (一) table only,
#: whose 规章 and 规范性文件 rows state 0 / 0 / 0.
PREFIX_CELLS: dict[str, dict[Key, Any]] = {
    "rwldrm-mirror-jiaoyu-mixed-2021": {
        ("proactive", row, col): 0
        for row in ("rules", "normative_documents")
        for col in ("new_made", "new_published", "total_published")
    },
}

#: A line that holds a number standing alone, as a table cell does (``0``, ``| 12 |``, `` 3 ``).
_CELL_LINE = re.compile(r"(?:^|\|)\s*[+-]?[0-9][0-9.,]*\s*(?:\||$)")
#: The number a prefix ends in, but for white space after it.
_LAST_NUMBER = re.compile(r"[0-9][0-9.,]*(?=\s*$)")


def cut_cells(
    prefix: str,
    result: govinfo.ParseResult,
    parse: Callable[[str], govinfo.ParseResult | str],
) -> tuple[str, list[Key]]:
    """The number ``prefix`` ends in (white space aside), and the cells of its reading
    ``result`` that were read from it, which may be cut short: those that read otherwise when the
    number goes on (``12`` → ``127``). A lone ``0`` goes on only as an amount (``0.35``): as a
    count it is whole."""
    last = _LAST_NUMBER.search(prefix)
    got = _cells(result)
    if last is None or not got:
        return "", []
    lone_zero = last.group() == "0"
    longer = parse(prefix[: last.end()] + (".35" if lone_zero else "7") + prefix[last.end() :])
    more = _cells(longer) if isinstance(longer, govinfo.ParseResult) else {}
    money = {
        (section, c.row.key, c.column.key)
        for section, table in result.tables
        for c in table.spec.cells
        if c.column.kind is CellKind.MONEY
    }
    return last.group(), [
        k
        for k, v in got.items()
        if (k not in more or not _same(v, more[k])) and (not lone_zero or k in money)
    ]


def _label(slug: str) -> dict[str, Any]:
    label: dict[str, Any] = json.loads((REAL / f"{slug}.expected.json").read_text(encoding="utf-8"))
    return label


def _text(slug: str) -> str:
    return (REAL / f"{slug}.txt").read_text(encoding="utf-8")


def _table_cuts(text: str) -> list[int]:
    """Each line end from a few lines above the first line holding a lone number (with its line
    break), and each line that ends in a number of two or more digits cut before its last digit."""
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if _CELL_LINE.search(ln)), None)
    if first is None:
        return []
    cuts: set[int] = set()
    at = 0
    for i, line in enumerate(lines):
        end = at + len(line)
        if i >= first - 5:
            cuts.add(min(end + 1, len(text)))
            m = re.search(r"([0-9]{2,})\s*$", line)
            if m is not None:
                cuts.add(at + m.end(1) - 1)
        at = end + 1
    return sorted(c for c in cuts if c > 0)


def _head_cuts(text: str) -> list[int]:
    """The opening lines cut at their end and just before it, and right after each 报告."""
    head = text[: min(len(text), 600)]
    cuts: set[int] = set()
    at = 0
    for line in head.split("\n")[:8]:
        end = at + len(line)
        cuts.update({end, end - 1})
        at = end + 1
    cuts.update(m.end() for m in re.finditer("报告|報告|年报|年報", head))
    return sorted(c for c in cuts if 0 < c <= len(text))


@cache
def _parse(text: str) -> govinfo.ParseResult | str:
    """The reading of a prefix, or the code it was refused with."""
    try:
        return govinfo.parse_document(text)
    except govinfo.ParseError as e:
        return e.code


@cache
def _whole_agency(slug: str) -> str:
    result = _parse(_text(slug))
    return result.report.agency if isinstance(result, govinfo.ParseResult) and result.report else ""


def _problems(slug: str, cut: int) -> list[str]:
    label = _label(slug)
    cells, maybe, blank = (_flat(label.get(k)) for k in ("cells", "maybe_cells", "blank_cells"))
    maybe = {**PREFIX_CELLS.get(slug, {}), **maybe}
    prefix = _text(slug)[:cut]
    result = _parse(prefix)
    if not isinstance(result, govinfo.ParseResult):
        # Refused: only as no report at all (a prefix of chrome or prose), never a traceback.
        return [] if result in ("not_a_report", "empty_input") else [f"refused ({result})"]
    out: list[str] = []
    got = _cells(result)
    last, from_last = cut_cells(prefix, result, _parse)
    out.extend(f"cut_value {k}={got[k]!r} from the last number {last!r}" for k in from_last)
    got = {k: v for k, v in got.items() if k not in from_last}
    for k, v in got.items():
        if k in blank:
            out.append(f"blank {k}={v!r}")
        elif k in cells or k in maybe:
            want = cells[k] if k in cells else maybe[k]
            if not _same(want, v):
                out.append(f"wrong {k}={v!r} (label {want!r})")
        else:
            out.append(f"invented {k}={v!r}")
    report = result.report
    if report is not None:
        if label["year"] is not None and report.year is not None and report.year != label["year"]:
            out.append(f"year {report.year} (label {label['year']})")
        if label["agency"] is not None and report.agency and report.agency != label["agency"]:
            out.append(f"agency {report.agency!r} (label {label['agency']!r})")
        if label["agency"] is None and report.agency and report.agency != _whole_agency(slug):
            # No expectation, but a cut never makes up a name the whole page does not give.
            out.append(f"agency {report.agency!r} (the whole page: {_whole_agency(slug)!r})")
    return out


WITH_CELLS = [s for s in FIXTURES if any(_label(s).get(k) for k in ("cells", "maybe_cells", "blank_cells"))]


@pytest.mark.parametrize("slug", WITH_CELLS)
def test_a_real_table_cut_at_any_line_or_inside_its_last_number_reads_no_wrong_cell(slug: str) -> None:
    text = _text(slug)
    problems = {c: p for c in _table_cuts(text) if (p := _problems(slug, c))}
    assert not problems, "\n".join(
        f"cut at {c} (…{text[max(0, c - 30) : c]!r}): {'; '.join(p)}" for c, p in problems.items()
    )


@pytest.mark.parametrize("slug", FIXTURES)
def test_a_real_opening_cut_after_the_reports_name_reads_no_wrong_identity(slug: str) -> None:
    text = _text(slug)
    problems = {c: p for c in _head_cuts(text) if (p := _problems(slug, c))}
    assert not problems, "\n".join(
        f"cut at {c} (…{text[max(0, c - 30) : c]!r}): {'; '.join(p)}" for c, p in problems.items()
    )
