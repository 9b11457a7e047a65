"""Reading Word (.docx) reports: documents built here with python-docx, and broken files."""

from __future__ import annotations

import io
import sys
import zipfile
from typing import Any

import pytest

import govinfo
from docbuilders import docx_bytes, outline, report_docx
from govinfo import ParseError, Report
from govinfo.readers import parse_document
from govinfo.readers.cells import TableBlock, TextBlock
from govinfo.readers.docx import read_docx


@pytest.fixture(scope="module")
def linping() -> Report:
    return govinfo.examples.linping_education_2023()


def _tables(data: bytes) -> list[TableBlock]:
    return [b for b in read_docx(data).blocks if isinstance(b, TableBlock)]


def test_linping_docx_round_trips(linping: Report) -> None:
    result = parse_document(report_docx(linping))
    assert result.report == linping
    assert result.layout == "docx"
    assert result.codes() == ["edition"]


def test_merged_cells_keep_their_grid_position_and_spans(linping: Report) -> None:
    requests = _tables(report_docx(linping))[1]
    assert requests.positional
    first = requests.rows[0].cells
    # The corner note spans 3 rows × 3 columns; 申请人情况 spans the 7 value columns.
    assert [(c.column, c.rowspan, c.colspan) for c in first] == [(0, 3, 3), (3, 1, 7)]
    assert first[1].text == "申请人情况"
    second = requests.rows[1].cells
    assert [(c.text, c.column, c.rowspan, c.colspan) for c in second] == [
        ("自然人", 3, 2, 1),
        ("法人或其他组织", 4, 1, 5),
        ("总计", 9, 2, 1),
    ]
    # 三、本年度办理结果 spans the 22 outcome rows (2021 edition) in column 0.
    group = requests.rows[5].cells[0]
    assert (group.text, group.column, group.rowspan) == ("三、本年度办理结果", 0, 22)
    appeals = _tables(report_docx(linping))[2]
    assert [(c.text, c.colspan) for c in appeals.rows[0].cells] == [("行政复议", 5), ("行政诉讼", 10)]
    assert len(appeals.rows[3].cells) == 15


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document_with_body_xml(body: str, numbering: str | None = None) -> bytes:
    """A .docx whose body is ``body`` (WordprocessingML), built from python-docx's template."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    element = document.element.body
    for child in list(element):
        if not child.tag.endswith("sectPr"):
            element.remove(child)
    wrapper = parse_xml(f'<w:body xmlns:w="{W}">{body}</w:body>')
    sect = element[-1] if len(element) else None
    for child in list(wrapper):
        if sect is not None:
            sect.addprevious(child)
        else:
            element.append(child)
    if numbering is not None:
        root = document.part.numbering_part.element
        for child in parse_xml(f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'):
            root.append(child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _p(text: str, extra: str = "") -> str:
    return f"<w:p>{extra}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


def test_grid_before_hmerge_vmerge_and_content_controls() -> None:
    body = (
        "<w:tbl>"
        # Row 1: one column skipped (gridBefore), then a legacy hMerge over two columns.
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>"
        + _tc("甲", "<w:hMerge w:val='restart'/>")
        + _tc("", "<w:hMerge/>")
        + _tc("乙", "<w:vMerge w:val='restart'/>")
        + "</w:tr>"
        # Row 2: a gridSpan of 3, a vMerge continuation, inside a content control.
        + "<w:tr><w:sdt><w:sdtContent>"
        + _tc("丙", "<w:gridSpan w:val='3'/>")
        + "</w:sdtContent></w:sdt>"
        + _tc("", "<w:vMerge/>")
        + "</w:tr>"
        "</w:tbl>" + f"<w:sdt><w:sdtContent>{_p('控件里的段落')}</w:sdtContent></w:sdt>"
    )
    blocks = read_docx(_document_with_body_xml(body)).blocks
    table = blocks[0]
    assert isinstance(table, TableBlock)
    cells = [(c.text, c.row, c.column, c.rowspan, c.colspan) for c in table.cells()]
    assert cells == [("甲", 0, 1, 1, 2), ("乙", 0, 3, 2, 1), ("丙", 1, 0, 1, 3)]
    assert blocks[1] == TextBlock(text="控件里的段落", location=blocks[1].location)


def test_word_automatic_numbering_is_read_as_printed() -> None:
    level = (
        "<w:lvl w:ilvl='{}'><w:start w:val='1'/><w:numFmt w:val='chineseCounting'/>"
        "<w:lvlText w:val='{}'/></w:lvl>"
    )
    numbering = (
        "<w:abstractNum w:abstractNumId='90'>"
        + level.format(0, "%1、")
        + level.format(1, "（%2）")
        + "</w:abstractNum>"
        "<w:num w:numId='90'><w:abstractNumId w:val='90'/></w:num>"
    )

    def numbered(text: str, level: int) -> str:
        return _p(text, f"<w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='90'/></w:numPr></w:pPr>")

    body = numbered("总体情况", 0) + numbered("主动公开情况", 1) + numbered("依申请公开情况", 1)
    body += _p("正文。") + numbered("主动公开政府信息情况", 0) + numbered("第一项", 1)
    texts = [
        b.text for b in read_docx(_document_with_body_xml(body, numbering)).blocks if isinstance(b, TextBlock)
    ]
    assert texts == [
        "一、总体情况",
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "正文。",
        "二、主动公开政府信息情况",
        "（一）第一项",
    ]


def test_legacy_doc_is_refused_with_advice() -> None:
    with pytest.raises(ParseError) as info:
        govinfo.parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert info.value.code == "docx_unsupported"
    assert ".docx" in info.value.message


def test_truncated_docx(linping: Report) -> None:
    data = report_docx(linping)
    with pytest.raises(ParseError) as info:
        govinfo.parse(data[: len(data) // 2])
    assert info.value.code == "docx_damaged"


def test_zip_that_is_not_word() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "一、总体情况")
    with pytest.raises(ParseError) as info:
        govinfo.parse(out.getvalue())
    assert info.value.code == "not_a_report"
    assert "word/document.xml" in info.value.message


def test_docx_of_a_report_without_tables_says_which_table_is_missing(linping: Report) -> None:
    items: list[tuple[str, Any]] = [(k, v) for k, v in outline(linping) if k != "table"]
    with pytest.raises(govinfo.IncompleteReportError) as info:
        govinfo.parse(docx_bytes(items))
    assert "$.proactive" in [path for _, path, _ in info.value.problems()]


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch, linping: Report) -> None:
    data = report_docx(linping)
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(ParseError) as info:
        govinfo.parse(data)
    assert info.value.code == "missing_extra"
    assert "govinfo-cn[docx]" in info.value.message
