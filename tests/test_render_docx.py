"""The Word renderer: page set-up, fonts, the official merged cells, numbers, the CLI.

Expected spans are those of report-format.md §3–§4 (not read from the renderer's grids).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.cli import main

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(data: bytes) -> object:
    return docx.Document(io.BytesIO(data))


Cell = tuple[int, str, int, "str | None", int]


def _cells(tbl: object) -> list[Cell]:
    """(row, text, gridSpan, vMerge, grid column) of every ``w:tc``."""
    out: list[Cell] = []
    for r, tr in enumerate(tbl.findall(qn("w:tr"))):  # type: ignore[attr-defined]
        column = 0
        for tc in tr.findall(qn("w:tc")):
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            out.append((r, text, span, None if vm is None else vm.get(qn("w:val"), "continue"), column))
            column += span
    return out


def _rowspan(cells: list[Cell], text: str) -> int:
    """Rows a restarted vertical merge covers: the continuation cells below it in its column."""
    starts = [c for c in cells if c[1] == text and c[3] == "restart"]
    assert len(starts) == 1, text
    row, column = starts[0][0], starts[0][4]
    continued = {c[0] for c in cells if c[4] == column and c[3] == "continue"}
    span = 1
    while row + span in continued:
        span += 1
    return span


def test_a4_portrait_and_east_asian_fonts() -> None:
    data = govinfo.render_docx(govinfo.examples.linping_education_2023())
    doc = _document(data)
    section = doc.sections[0]  # type: ignore[attr-defined]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert section.orientation == 0  # portrait
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        fonts = z.read("word/fontTable.xml").decode()
    for font in ("仿宋", "黑体", "宋体", "楷体"):
        assert f'w:eastAsia="{font}"' in styles
        assert f'w:name="{font}"' in fonts
    assert 'w:altName w:val="FangSong"' in fonts  # the fallback name Word substitutes by
    assert 'w:eastAsia="zh-CN"' in styles


def test_sections_headings_and_paragraphs() -> None:
    report = govinfo.examples.linping_education_2023()
    doc = _document(govinfo.render_docx(report))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]  # type: ignore[attr-defined]
    assert paragraphs[0] == ("Title", "杭州市临平区教育局2023年度政府信息公开工作年度报告")
    headings = [t for s, t in paragraphs if s == "Heading 1"]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert ("Heading 2", "（一）主动公开情况") in paragraphs
    assert paragraphs[-1][1] == "杭州市临平区教育局"


def test_official_merged_cells_2021() -> None:
    doc = _document(govinfo.render_docx(govinfo.examples.linping_education_2023()))
    proactive, requests, appeals = (t._tbl for t in doc.tables)  # type: ignore[attr-defined]
    # 二: the one-column sub-tables' value spans 3 columns; numbers grouped as written
    cells = _cells(proactive)
    assert ("本年收费金额（单位：万元）", 3) in [(t, s) for _, t, s, _, _ in cells]
    assert "11,615" in [t for _, t, _, _, _ in cells]
    # 三: three header rows, the note in the corner spanning 3 columns and 3 rows
    cells = _cells(requests)
    spans = {t: s for _, t, s, v, _ in cells if v != "continue"}
    assert spans["申请人情况"] == 7
    assert spans["法人或其他组织"] == 5
    assert spans["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"] == 3
    assert _rowspan(cells, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == 3
    assert _rowspan(cells, "自然人") == 2
    assert _rowspan(cells, "总计") == 2
    assert _rowspan(cells, "三、本年度办理结果") == 22
    assert _rowspan(cells, "（三）不予公开") == 8
    assert _rowspan(cells, "（四）无法提供") == 3
    assert _rowspan(cells, "（五）不予处理") == 5
    assert _rowspan(cells, "（六）其他处理") == 3
    header_rows = [
        tr
        for tr in requests.findall(qn("w:tr"))
        if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    ]
    assert len(header_rows) == 3
    # 四: 行政复议 over 5 columns, 行政诉讼 over 10; one row of 15 values
    cells = _cells(appeals)
    spans = {t: s for _, t, s, v, _ in cells if v != "continue"}
    assert spans["行政复议"] == 5
    assert spans["行政诉讼"] == 10
    assert spans["未经复议直接起诉"] == 5
    assert spans["复议后起诉"] == 5
    assert _rowspan(cells, "结果维持") == 2
    assert len([c for c in cells if c[0] == 3]) == 15


def test_2019_edition_other_handling_is_one_row() -> None:
    from hypothesis import given, settings

    from govinfo.testing.strategies import reports

    @settings(max_examples=3)
    @given(reports(editions=["2019"]))
    def check(r: govinfo.Report) -> None:
        doc = _document(govinfo.render_docx(r))
        cells = _cells(doc.tables[1]._tbl)  # type: ignore[attr-defined]
        assert _rowspan(cells, "三、本年度办理结果") == 20
        assert "（六）其他处理" in [t for _, t, _, v, _ in cells if v is None]

    check()


def test_blank_cells_stay_blank() -> None:
    report = govinfo.examples.linping_education_2023()
    report = attrs.evolve(report, appeals=report.appeals.replace("review", "corrected", None))
    doc = _document(govinfo.render_docx(report))
    cells = _cells(doc.tables[2]._tbl)  # type: ignore[attr-defined]
    assert [t for r, t, _, _, _ in cells if r == 3] == ["0", ""] + ["0"] * 13


def test_english_has_no_chinese_labels() -> None:
    doc = _document(govinfo.render_docx(govinfo.examples.linping_education_2023(), locale="en"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]  # type: ignore[attr-defined]
    assert headings[0] == "I. Overview"
    cells = _cells(doc.tables[2]._tbl)  # type: ignore[attr-defined]
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in t) for _, t, _, _, _ in cells)


def test_unknown_locale() -> None:
    with pytest.raises(govinfo.RenderError) as e:
        govinfo.render_docx(govinfo.examples.linping_education_2023(), locale="xx")
    assert e.value.code == "unknown_locale"


def test_control_characters_do_not_break_the_file() -> None:
    report = govinfo.examples.linping_education_2023()
    report = attrs.evolve(report, preamble=("a\x00b\ufffec\nd",))
    data = govinfo.render_docx(report)
    doc = _document(data)
    assert doc.paragraphs[1].text == "a\ufffdb\ufffdc\nd"  # type: ignore[attr-defined]


def test_cli_render_docx(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert main(["render", "tests/data/linping-education-2023.txt", "--to", "docx", "-o", str(out)]) == 0
    assert govinfo.parse(out) == govinfo.examples.linping_education_2023()
