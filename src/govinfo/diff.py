"""Comparing two reports of one agency (say, consecutive years), cell by cell.

:func:`compare` lists every table cell whose value differs, named by its official labels (the
labels of :mod:`govinfo.validation.locations`), the header fields that differ, the narrative
sections whose text differs, and the cross-year findings of :func:`govinfo.validate_series`
(S1 carry-over, S2 documents in force, S3 items carried) when the two years differ.

Cells are matched by interchange path, so reports of different editions compare on the cells
both have; a cell only one of them has is ``"added"`` or ``"removed"``.

>>> import attrs, govinfo
>>> old = govinfo.examples.linping_education_2023()
>>> new = attrs.evolve(old, year=2024, requests=old.requests.replace("carried_over", "total", 2))
>>> d = compare(old, new)
>>> [(c.label, c.old, c.new) for c in d.cells]
[('三 · 二、上年结转政府信息公开申请数量 / 总计', 0, 2)]
>>> [(f.code, f.year) for f in d.findings]
[('S1-carry-over', 2024)]
>>> compare(old, "a report")
Traceback (most recent call last):
...
TypeError: compare() takes two govinfo.Report values, not Report and str
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .report import Report
from .table import Cell, Table

if TYPE_CHECKING:
    from .validation import Finding

__all__ = ["CellChange", "FieldChange", "ReportDiff", "compare"]

Status = Literal["changed", "added", "removed"]


def _plain(v: object) -> Any:
    return format(v, "f") if isinstance(v, Decimal) else v


@attrs.frozen(kw_only=True)
class CellChange:
    """One table cell whose value differs. ``None`` is "not stated"."""

    #: The section key: ``"proactive"``, ``"requests"`` or ``"appeals"``.
    section: str
    #: The interchange path, e.g. ``$.requests.results.total.natural_person``.
    path: str
    label: str
    label_en: str
    old: Cell
    new: Cell
    #: ``"added"``: only the new report's layout has the cell; ``"removed"``: only the old one's.
    status: Status = "changed"

    @property
    def delta(self) -> int | Decimal | None:
        """``new − old`` when both are numbers, else ``None``."""
        if isinstance(self.old, (int, Decimal)) and isinstance(self.new, (int, Decimal)):
            return self.new - self.old
        return None

    def to_dict(self) -> dict[str, Any]:
        out = attrs.asdict(self)
        out["old"], out["new"], out["delta"] = _plain(self.old), _plain(self.new), _plain(self.delta)
        return out


@attrs.frozen(kw_only=True)
class FieldChange:
    """A header field (``edition``, ``agency``, ``year``, ``title``, ``published``) that differs."""

    field: str
    old: object
    new: object

    def to_dict(self) -> dict[str, Any]:
        def show(v: object) -> Any:
            return v.isoformat() if hasattr(v, "isoformat") else v

        return {"field": self.field, "old": show(self.old), "new": show(self.new)}


@attrs.frozen(kw_only=True)
class ReportDiff:
    """What :func:`compare` found."""

    fields: tuple[FieldChange, ...]
    cells: tuple[CellChange, ...]
    #: The narrative sections (and ``preamble``) whose text differs.
    narratives: tuple[str, ...]
    #: Cross-year findings (:func:`govinfo.validate_series`); empty when both years are the same.
    findings: tuple[Finding, ...]

    @property
    def same(self) -> bool:
        """True when the reports hold the same data (findings aside)."""
        return not (self.fields or self.cells or self.narratives)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fields": [f.to_dict() for f in self.fields],
            "cells": [c.to_dict() for c in self.cells],
            "narratives": list(self.narratives),
            "findings": [f.to_dict() for f in self.findings],
        }


def _table_changes(old: Report, new: Report, key: str) -> list[CellChange]:
    from .validation.locations import cell_location

    a: Table = getattr(old, key)
    b: Table = getattr(new, key)
    out: list[CellChange] = []
    cells_a = {c.path: (c, v) for c, v in a.items()}
    cells_b = {c.path: (c, v) for c, v in b.items()}
    for path in dict.fromkeys([*cells_b, *cells_a]):  # the new layout's order, then cells it dropped
        if path in cells_a and path in cells_b:
            (_, x), (cell, y) = cells_a[path], cells_b[path]
            if x == y:
                continue
            where = cell_location(new.edition_spec, b.spec, cell)
            status: Status = "changed"
        elif path in cells_b:
            cell, y = cells_b[path]
            x, where, status = None, cell_location(new.edition_spec, b.spec, cell), "added"
        else:
            cell, x = cells_a[path]
            y, where, status = None, cell_location(old.edition_spec, a.spec, cell), "removed"
        out.append(
            CellChange(
                section=key,
                path=where.path,
                label=where.label,
                label_en=where.label_en,
                old=x,
                new=y,
                status=status,
            )
        )
    return out


def compare(old: Report, new: Report) -> ReportDiff:
    """Every difference between two reports, and the cross-year findings between them.

    The findings need two different years (:func:`govinfo.validate_series` compares consecutive
    years only; reports of the same year give none).
    """
    if not isinstance(old, Report) or not isinstance(new, Report):
        raise TypeError(
            f"compare() takes two govinfo.Report values, not {type(old).__name__} and {type(new).__name__}"
        )
    fields = tuple(
        FieldChange(field=name, old=getattr(old, name), new=getattr(new, name))
        for name in ("edition", "agency", "year", "title", "published")
        if getattr(old, name) != getattr(new, name)
    )
    cells: list[CellChange] = []
    narratives: list[str] = ["preamble"] if old.preamble != new.preamble else []
    for section in new.edition_spec.sections:
        if section.kind == "narrative":
            if getattr(old, section.key) != getattr(new, section.key):
                narratives.append(section.key)
        else:
            cells += _table_changes(old, new, section.key)
    findings: tuple[Finding, ...] = ()
    if old.year != new.year:
        from .validation import validate_series

        findings = tuple(validate_series([old, new]))
    return ReportDiff(fields=fields, cells=tuple(cells), narratives=tuple(narratives), findings=findings)
