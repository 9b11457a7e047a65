"""The catalogue against the format specification and the published Linping report."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from govinfo.catalogue import EDITIONS, CellKind, get_edition

DATA = Path(__file__).parent / "data"


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    ("edition", "variant", "rows", "cells"),
    [
        # report-format.md §3.2 and §3.3: 25 rows × 7 (2021), 23 rows × 7 (2019 and undivided).
        ("2021", "divided-other", 25, 175),
        ("2021", "undivided-other", 23, 161),
        ("2019", "undivided-other", 23, 161),
    ],
)
def test_request_table_shape(edition: str, variant: str, rows: int, cells: int) -> None:
    spec = get_edition(edition).request_layout(variant)
    assert len(spec.rows) == rows
    assert len(spec.cells) == cells


def test_section_two_shapes() -> None:
    # §2.1: 6 data rows, 10 value cells; §2.2: 8 data rows, 22 value cells (+ the unit of 采购总金额).
    p21 = get_edition("2021").proactive
    p19 = get_edition("2019").proactive
    assert (len(p21.rows), len(p21.cells)) == (6, 10)
    assert len(p19.rows) == 8
    assert len([c for c in p19.cells if c.kind is not CellKind.UNIT]) == 22
    # 本年增/减 of 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制, 行政事业性收费
    assert [c.kind for c in p19.cells].count(CellKind.SIGNED) == 5


def test_appeals_shape() -> None:
    spec = get_edition("2021").appeals
    assert len(spec.cells) == 15
    assert spec is get_edition("2019").appeals


def test_official_order_of_columns() -> None:
    cols = [c.label for c in get_edition("2021").requests[0].grids[0].columns]
    assert cols == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def test_2021_labels_appear_in_the_published_linping_report() -> None:
    published = _fold((DATA / "linping-education-2023.txt").read_text(encoding="utf-8"))
    edition = get_edition("2021")
    labels = {s.label for s in edition.sections}
    for spec in (edition.proactive, edition.requests[0], edition.appeals):
        for grid in spec.grids:
            labels |= {grid.caption, grid.corner} - {""}
            labels |= {c.label for c in grid.columns} | {r.label for r in grid.rows}
            labels |= {g.label for r in grid.rows for g in r.groups}
            labels |= {c.group.label for c in grid.columns if c.group}
    missing = sorted(lbl for lbl in labels if _fold(lbl) not in published)
    assert missing == []


def test_keys_are_unique_and_english_labels_present() -> None:
    for edition in EDITIONS.values():
        for spec in (edition.proactive, *edition.requests, edition.appeals):
            keys = [(c.row.key, c.column.key) for c in spec.cells]
            assert len(keys) == len(set(keys))
            for cell in spec.cells:
                assert cell.row.label_en.isascii()
                assert cell.column.label_en.isascii()


def test_edition_markers_distinguish_editions() -> None:
    m21, m19 = set(get_edition("2021").markers), set(get_edition("2019").markers)
    assert "本年制发件数" in m21
    assert "本年新制作数量" in m19
    assert not m21 & m19


def test_unknown_edition() -> None:
    with pytest.raises(KeyError, match="no edition '2020'"):
        get_edition("2020")
