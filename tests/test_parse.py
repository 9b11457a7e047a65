"""Reading published reports: the corpus, each layout, each §7 deviation, errors and cost.

Expected values are written by hand from the published documents and the format spec.
"""

from __future__ import annotations

import contextlib
import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo import ParseError, Report
from govinfo.readers import ParseResult, parse_document, read_source
from govinfo.readers.cells import Block, SourceCell, SourceLocation, SourceRow, TableBlock, TextBlock
from govinfo.readers.document import read_blocks
from govinfo.readers.text import read_text

DATA = Path(__file__).parent / "data"
LINPING = (DATA / "linping-education-2023.txt").read_text(encoding="utf-8")
PINGTAN = (DATA / "pingtan-2019.txt").read_text(encoding="utf-8")


def report_of(result: ParseResult) -> Report:
    """The report of a parse result that states its year."""
    assert result.report is not None
    return result.report


def linping() -> Report:
    return Report.from_json((DATA / "linping-education-2023.json").read_text(encoding="utf-8"))


def codes(text: str, **kw: Any) -> list[str]:
    return parse_document(text, **kw).codes()


# --- the corpus ----------------------------------------------------------------------------


def test_linping_text_parses_to_the_published_json() -> None:
    result = parse_document(DATA / "linping-education-2023.txt")
    assert result.report == linping()
    assert result.layout == "text"
    assert result.codes() == ["edition"]


def test_linping_from_bytes_in_gbk() -> None:
    assert govinfo.parse(LINPING.encode("gb18030")) == linping()


def test_pingtan_tables_edition_and_year() -> None:
    expected = json.loads((DATA / "pingtan-2019.tables.json").read_text(encoding="utf-8"))
    result = parse_document(PINGTAN)
    got = report_of(result).to_dict()
    assert got["edition"] == "2019"
    assert got["year"] == 2019
    assert got["requests"] == expected["requests"]
    assert got["appeals"] == expected["appeals"]
    assert result.layout == "crawler"
    published = report_of(result).published
    assert published is not None
    assert published.isoformat() == "2020-01-20"


def test_pingtan_section_two_is_ambiguous_and_said_so() -> None:
    result = parse_document(PINGTAN)
    pro = report_of(result).proactive
    # 规章000: three zeros, one reading only.
    assert [pro["rules", c] for c in ("new_made", "new_published", "total_published")] == [0, 0, 0]
    # 规范性文件898989 could be 89/89/89 or 8/98/989 or …: not stated, with a diagnostic.
    assert pro["normative_documents", "new_made"] is None
    ambiguous = [d for d in result.diagnostics if d.code == "ambiguous_run"]
    assert any("规范性文件" in (d.raw or "") for d in ambiguous)
    assert any("行政事业性收费" in (d.raw or "") for d in ambiguous)


# --- layouts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("render", ["render_text", "render_markdown", "render_html"])
def test_our_renderings_read_back(render: str) -> None:
    report = linping()
    assert govinfo.parse(getattr(govinfo, render)(report)) == report


def _pipe(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def test_pipe_table_with_triple_bars_for_spans_d12() -> None:
    md = govinfo.render_markdown(linping())
    # D12: a dump where spanned cells are empty cells: `| 行政许可 | 955 |||`.
    md = md.replace("| 行政许可 |              955 |", "| 行政许可 |              955 |||")
    assert govinfo.parse(md) == linping()


def test_one_cell_per_line_pipe_dump_d13() -> None:
    text = LINPING.replace("\t行政规范性文件\n\t1\n\t1\n\t12\n", "行政规范性文件\n|\n1 |\n1 |\n12 |\n")
    assert govinfo.parse(text) == linping()


def test_html_with_spans_and_malformed_markup() -> None:
    html = govinfo.render_html(linping())
    broken = html.replace("</td>", "", 40).replace("</tr>", "</td></tr>", 5)
    assert govinfo.parse(broken) == linping()


def test_html_inside_a_layout_table() -> None:
    html = govinfo.render_html(linping())
    body = html[html.index("<article>") : html.index("</article>")]
    page = (
        f"<html><body><table><tr><td>首页 > 政务公开</td></tr><tr><td>{body}</td></tr></table></body></html>"
    )
    assert govinfo.parse(page) == linping()


def test_html_location_in_diagnostics() -> None:
    html = govinfo.render_html(linping()).replace(">955<", ">/<")
    result = parse_document(html)
    d = next(d for d in result.diagnostics if d.code == "not_stated")
    assert d.raw == "/"
    assert d.path == "$.proactive.licensing.decisions"
    assert d.location.element is not None
    assert d.location.element.startswith("table[")
    assert report_of(result).proactive["licensing", "decisions"] is None


def test_blocks_api_for_other_readers() -> None:
    loc = SourceLocation(page=1)

    def row(*texts: str) -> SourceRow:
        return SourceRow(
            cells=tuple(SourceCell(text=t, row=0, column=i, location=loc) for i, t in enumerate(texts))
        )

    base = parse_document(LINPING)  # reuse the narrative sections; swap 四 for a PDF-like block
    assert report_of(base).appeals.cells == (0,) * 15
    doc = read_source(LINPING)
    blocks = list(doc.blocks)
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, TextBlock) and b.text.startswith("四、政府")
    )
    end = next(i for i, b in enumerate(blocks) if isinstance(b, TextBlock) and b.text.startswith("五、"))
    numbers = "1 0 0 0 1 0 0 0 2 2 0 0 0 0 0"
    blocks[start + 1 : end] = [
        TableBlock(
            rows=(row("行政复议", "行政诉讼"), row("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
        ),
        TextBlock(text=numbers, location=loc),
    ]
    result = read_blocks(blocks)
    assert report_of(result).appeals.row("review").total == 1
    assert report_of(result).appeals.row("litigation_direct").total == 2


# --- §7 deviations --------------------------------------------------------------------------


def _row(label: str, values: list[str]) -> str:
    return f"\t{label}\n" + "".join(f"\t{v}\n" for v in values)


NEW = "一、本年新收政府信息公开申请数量"


def _replace_row(text: str, label: str, values: list[str]) -> str:
    start = text.index(f"\t{label}\n")
    end = text.index("\n\n", start)
    return text[:start] + _row(label, values).rstrip("\n") + text[end:]


def test_blank_cells_d1_d2_are_not_stated_with_raw_text() -> None:
    text = _replace_row(LINPING, NEW, ["", "", "", "", "", "", "12"])
    result = parse_document(text)
    row = report_of(result).requests.row("new_received")
    assert [row[c] for c in row] == [None, None, None, None, None, None, 12]
    blanks = [d for d in result.diagnostics if d.code == "not_stated"]
    assert len(blanks) == 6
    assert blanks[0].path == "$.requests.new_received.natural_person"
    assert blanks[0].location.line is not None


@pytest.mark.parametrize("filler", ["/", "-", "—", "－", "无"])
def test_fillers_d3_d4_are_not_stated(filler: str) -> None:
    text = LINPING.replace("\t规章\n\t0\n", f"\t规章\n\t{filler}\n", 1)
    result = parse_document(text)
    assert report_of(result).proactive["rules", "issued"] is None
    d = next(d for d in result.diagnostics if d.code == "not_stated")
    assert d.raw == filler


def _y2019_text() -> str:
    """A 2019-edition report in the one-cell-per-line layout, from the Linping text."""
    text = LINPING.replace("本年制发件数", "本年新制作数量").replace("本年废止件数", "本年新公开数量")
    text = text.replace("现行有效件数", "对外公开总数量").replace("\t行政规范性文件", "\t规范性文件")
    start = text.index("\t第二十条第（五）项")
    end = text.index("三、收到和处理")
    two = (
        "\t第二十条第（五）项\n\n\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量\n\n"
        + _row("行政许可", ["10", "+3", "955"])
        + "\n"
        + _row("其他对外管理服务事项", ["5", "--253", "2"])
        + "\n"
        + "\t第二十条第（六）项\n\n\t信息内容\n\t上一年项目数量\n"
        + "\t本年增/减(指2019年增加或减少的事项数,减用负值表示,如-8)\n\t处理决定数量\n\n"
        + _row("行政处罚", ["7", "-8", "0"])
        + "\n"
        + _row("行政强制", ["1", "0", "-"])
        + "\n"
        + "\t第二十条第（八）项\n\n\t信息内容\n\t上一年项目数量\n\t本年增/减\n\n"
        + _row("行政事业性收费", ["3", "0"])
        + "\n"
        + "\t第二十条第（九）项\n\n\t信息内容\n\t采购项目数\n\t采购总金额(万元,保留四位小数)\n\n"
        + _row("政府集中采购", ["2", "103.3879万元"])
        + "\n\n"
    )
    text = text[:start] + two + text[end:]
    # （六）其他处理 as one row.
    start = text.index("\t（六）其他处理")
    end = text.index("\t（七）总计")
    return text[:start] + _row("（六）其他处理", ["0"] * 7) + "\n\t\n" + text[end:]


def test_2019_edition_signed_values_units_and_glosses_d5_d6_d7() -> None:
    result = parse_document(_y2019_text())
    r = report_of(result)
    assert r.edition == "2019"
    assert r.proactive["licensing", "net_change"] == 3
    assert r.proactive["other_services", "net_change"] == -253  # the typo --253, flagged
    assert r.proactive["penalties", "net_change"] == -8
    assert r.proactive["coercion", "decisions"] is None  # D4: "-"
    assert r.proactive["procurement", "projects"] == 2  # D7: 采购项目数
    assert r.proactive["procurement", "amount"] == Decimal("103.3879")  # D6
    assert r.proactive["procurement", "unit"] == "万元"
    assert r.requests.row("results.other").total == 0
    found = result.codes()
    assert "odd_number" in found  # --253
    assert "label_gloss" in found  # D7b/D7c header glosses
    assert "unit_in_cell" in found


def test_unit_from_header_gloss_and_yuan_in_cell() -> None:
    text = _y2019_text().replace("103.3879万元", "251000元")
    r = govinfo.parse(text)
    assert r.proactive["procurement", "amount"] == Decimal("251000")
    assert r.proactive["procurement", "unit"] == "元"
    text = _y2019_text().replace("103.3879万元", "103.3879")
    assert govinfo.parse(text).proactive["procurement", "unit"] == "万元"  # from the header gloss


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("\t商业\n企业", "\t商业 企业"),  # D9
        ("\t科研\n机构", "\t科研\u3000机构"),  # D9, ideographic space
        ("\t社会公益组织", "\t社會公益組織"),  # D23, Traditional
        ("\t（一）予以公开", "\t(一)予以公开"),  # D24, half-width
        ("\t（三）不予公开", "\t(三) 不予公开"),  # D15b
        ("\t第二十条第（五）项", "\t第二十条  第(五)项"),  # D15
        ("\t行政规范性文件", "\t规范性文件"),  # D14
        ("\t行政规范性文件", "\t行政規範性檔案"),  # D23 vocabulary swap
        ("\t尚未\n审结", "\t尚未\n"),  # D11: header text lost
    ],
)
def test_label_variants_read_exactly(old: str, new: str) -> None:
    assert old in LINPING
    assert govinfo.parse(LINPING.replace(old, new, 1)) == linping()


def test_header_split_across_two_rows_d10() -> None:
    text = LINPING.replace("\t商业\n企业\n\t科研\n机构\n", "\t商业\n\t科研\n\n\t企业\n\t机构\n")
    assert govinfo.parse(text) == linping()


def test_stray_spaces_in_numbers_d25() -> None:
    text = _replace_row(LINPING, NEW, ["1 2", "\u00a00", "0\u00a0", "0", "0", "0", " 12 "])
    result = parse_document(text)
    assert result.report == linping()
    assert "space_in_number" in result.codes()


def test_label_typo_within_edit_distance() -> None:
    text = LINPING.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")  # Hongze 2023's typo
    result = parse_document(text)
    assert result.report == linping()
    d = next(d for d in result.diagnostics if d.code == "fuzzy_label")
    assert d.raw == "2.其他法律行政止公开"


def test_ambiguous_label_is_not_guessed() -> None:
    # "属于" alone is as near to several rows: a diagnostic, and the row is not read.
    text = LINPING.replace("1.属于国家秘密", "属于")
    result = parse_document(text)
    assert "missing_row" in result.codes()
    assert report_of(result).requests["results.withheld.state_secret", "total"] is None


def test_subtotal_column_is_tolerated() -> None:
    # A tool added a 小计 column after 其他: every row holds 8 values, the 8th being the
    # subtotal of 法人或其他组织 (0 throughout Linping's table).
    text = LINPING.replace("\t法律服务机构\n\t其他\n", "\t法律服务机构\n\t其他\n\t小计\n")
    head, rest = text.split("三、收到和处理政府信息公开申请情况", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    out: list[str] = []
    run = 0
    for line in table.split("\n"):
        numeric = line.startswith("\t") and line.strip().isdigit()
        run = run + 1 if numeric else 0
        out.append(line)
        if run == 6:
            out.append("\t0")
    text = head + "三、收到和处理政府信息公开申请情况" + "\n".join(out) + "四、政府信息公开行政复议" + tail
    result = parse_document(text)
    assert result.report == linping()
    assert "subtotal_column" in result.codes()


def test_subtotal_row_is_skipped() -> None:
    text = LINPING.replace("\t（四）无法提供\n", _row("小计", ["0"] * 7) + "\n\t\n\t（四）无法提供\n")
    result = parse_document(text)
    assert result.report == linping()
    assert "subtotal_row" in result.codes()


def test_omitted_cells_d16_are_not_stated() -> None:
    # `3 | 3`: which applicant column holds the 3 is not said: not stated, never guessed; nor
    # `0 | 0` (the dropped cells may be blank, and blank is not 0) nor a lone `0`.
    for values in (["3", "3"], ["0", "0"], ["0"]):
        text = _replace_row(LINPING, "二、上年结转政府信息公开申请数量", values)
        result = parse_document(text)
        row = report_of(result).requests.row("carried_over")
        assert all(row[c] is None for c in row), values
        assert "omitted_cells" in result.codes()
        # every other row is read as published
        assert report_of(result).requests.row("new_received") == linping().requests.row("new_received")


def test_a_value_spanned_over_columns_in_a_pipe_dump_is_not_stated() -> None:
    # tests/real/xizang-guoziwei-2020: ``规范性文件 | 11 | ||`` — bars with nothing between them
    # after the one value mark a cell merged over the row's columns; whether 11 is 本年新制作数量
    # or stands for all three is not said. A real empty cell (``11 | | |``) is a blank, not a span.
    head = (
        "某某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第(一)项 | |||\n"
        "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n规章 | 0 | 0 | 0 |\n"
    )
    keys = ("new_made", "new_published", "total_published")
    spanned = parse_document(head + "规范性文件 | 11 | ||\n")
    assert [report_of(spanned).proactive["normative_documents", k] for k in keys] == [None] * 3
    assert report_of(spanned).proactive["rules", "new_made"] == 0
    assert "omitted_cells" in spanned.codes()
    blanks = parse_document(head + "规范性文件 | 11 | | |\n")
    assert [report_of(blanks).proactive["normative_documents", k] for k in keys] == [11, None, None]


def test_heading_variants_d18() -> None:
    text = LINPING.replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议提起行政诉讼情况"
    )
    text = text.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    assert govinfo.parse(text) == linping()


@pytest.mark.parametrize(
    "heading",
    # Seen in real reports (tests/real): longchang-huangjia-2019, shuangta-qianjin-2020,
    # nanchang-donghu-fuwu-2020, longtan-2017, weishan-liangcheng-2020, taihe-zyy-mirror-2019.
    ["一、工作概况", "一、总体概述", "一、概述", "一、基本工作情况", "一、工作基本情况", "一、基本情况"],
)
def test_overview_heading_variants(heading: str) -> None:
    text = LINPING.replace("一、总体情况", heading, 1)
    result = parse_document(text)
    assert result.section("overview").found_by == "heading"
    assert report_of(result) == linping()


@pytest.mark.parametrize("words", ["工作概况", "概述", "总体概述", "基本情况"])
def test_an_overview_subsection_named_like_a_variant_is_no_section(words: str) -> None:
    # ``（一）工作概况`` is the first subsection of 一, not the heading of 一: numbered like a
    # subsection, only the official words ``（一）总体情况`` may head section 一.
    from govinfo.readers.document import _heading

    assert _heading(f"（一）{words}") is None
    assert _heading(f"(一){words}") is None
    assert _heading(f"一、{words}") == 0
    assert _heading("（一）总体情况") == 0
    title, body = LINPING[: LINPING.index("    一、总体情况")], LINPING[LINPING.index("    一、总体情况") :]
    inside = body.replace("一、总体情况\n", f"一、总体情况\n（一）{words}\n", 1)
    overview = report_of(parse_document(title + inside)).overview
    assert overview.subsections[0].title == words
    # With the heading of 一 cut away, the subsection is still not taken for it.
    cut = title + inside[inside.index(f"（一）{words}") :]
    result = parse_document(cut)
    assert result.section("overview").status == "not_found"
    assert result.section("proactive").status == "read"


def test_a_subsection_of_the_overview_worded_like_section_two_is_no_section() -> None:
    # tests/real/leshan-qixiang-2020: ``一、总体情况`` then ``（二）主动公开政府信息情况`` — the
    # overview's own point on proactive disclosure, numbered like a subsection of 一.
    title, body = LINPING[: LINPING.index("    一、总体情况")], LINPING[LINPING.index("    一、总体情况") :]
    inside = body.replace("（一）主动公开情况", "（二）主动公开政府信息情况", 1)
    result = parse_document(title + inside)
    assert result.section("proactive").status == "read"
    assert result.section("proactive").location != result.section("overview").location
    overview = report_of(result).overview
    assert "主动公开政府信息情况" in [s.title for s in overview.subsections]
    # a report numbering its sections like subsections still has them: （一）总体情况, （二）…
    numbered = LINPING.replace("    一、总体情况", "    （一）总体情况", 1).replace(
        "二、主动公开政府信息情况", "（二）主动公开政府信息情况", 1
    )
    assert parse_document(numbered).section("proactive").status == "read"


def test_page_chrome_before_and_after_the_report() -> None:
    text = (
        "首页 > 信息公开 > 年度报告\n字号：大 中 小\n"
        + LINPING
        + "\n【打印本页】【关闭窗口】\n版权所有：某某局\n"
    )
    assert govinfo.parse(text) == linping()


def test_undivided_other_row_in_a_2021_report_is_recognised() -> None:
    start = LINPING.index("\t（六）其他处理")
    end = LINPING.index("\t（七）总计")
    text = LINPING[:start] + _row("（六）其他处理", ["0"] * 7) + "\n\t\n" + LINPING[end:]
    r = govinfo.parse(text)
    assert r.edition == "2021"
    assert r.requests.other_divided is False
    assert r.requests.row("results.other").total == 0


def test_edition_is_from_content_not_the_year_d20() -> None:
    text = _y2019_text().replace("2023年度", "2023年度", 1)
    r = govinfo.parse(text)
    assert (r.year, r.edition) == (2023, "2019")


def test_edition_can_be_forced_and_checked() -> None:
    assert govinfo.parse(LINPING, edition="2021") == linping()
    with pytest.raises(govinfo.IncompleteReportError) as e:
        govinfo.parse(LINPING, edition="2019")
    assert e.value.code == "incomplete_report"
    assert ("table_not_placed", "$.proactive") in [(c, p) for c, p, _ in e.value.problems()]
    # What the wrong layout could place is still right: the rows both editions share.
    forced = govinfo.parse_document(LINPING, edition="2019")
    assert forced.report is not None
    read = forced.report.requests
    for cell in read.spec.cells:
        value = read.cells[cell.index]
        if value is not None:
            assert value == linping().requests[cell.row.key, cell.column.key]
    assert read["results.other", "total"] is None  # 2019's single （六） row: not in the text


# --- errors ----------------------------------------------------------------------------------


def test_missing_tables_d21_raise_naming_the_table() -> None:
    start = LINPING.index("\t（本列数据")
    end = LINPING.index("四、政府信息公开行政复议")
    with pytest.raises(govinfo.IncompleteReportError) as e:
        govinfo.parse(LINPING[:start] + "\n" + LINPING[end:])
    assert [(c, p) for c, p, _ in e.value.problems()] == [("table_not_placed", "$.requests")]
    assert "三" in str(e.value)
    # parse_document returns the rest: the other tables are read in full.
    result = govinfo.parse_document(LINPING[:start] + "\n" + LINPING[end:])
    assert result.section("requests").status == "not_placeable"
    assert result.report is not None
    assert result.report.proactive == linping().proactive
    assert result.report.appeals == linping().appeals
    assert all(v is None for v in result.report.requests.cells)


def test_too_many_cells_is_an_error_not_a_guess() -> None:
    text = _replace_row(LINPING, NEW, ["12", "0", "0", "0", "5", "0", "0", "0", "12"])
    with pytest.raises(ParseError) as e:
        govinfo.parse(text)
    assert "一、本年新收政府信息公开申请数量" in str(e.value)


@pytest.mark.parametrize("junk", ["", "hello", "一、总体情况", "<html></html>", b"\xff\xfe\x00", b"%PDF"])
def test_junk_raises_a_govinfo_error(junk: str | bytes) -> None:
    with pytest.raises(govinfo.GovinfoError):
        govinfo.parse(junk)


def test_wrong_type_and_missing_file() -> None:
    with pytest.raises(ParseError) as e:
        govinfo.parse(12)  # type: ignore[arg-type]
    assert e.value.code == "wrong_type"
    with pytest.raises(ParseError) as e:
        govinfo.parse(DATA / "no-such-file.txt")
    assert e.value.code == "unreadable_file"


# --- cost ------------------------------------------------------------------------------------


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t = time.perf_counter()
        with contextlib.suppress(govinfo.GovinfoError):
            govinfo.parse(text)
        best = min(best, time.perf_counter() - t)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        LINPING,
        PINGTAN,
        "三、收到和处理政府信息公开申请情况\n" + "\t1\n\t一、本年新收\n" * 200,
        "一、总体情况" + "0" * 5000,
        "<table><tr><td>" * 500 + "一、总体情况",
    ],
)
def test_cost_is_linear_in_the_input(unit: str) -> None:
    times = max(1, 100_000 // len(unit))
    small, big = unit * times, unit * (4 * times)
    ratio = _seconds(big) / max(_seconds(small), 2e-3)
    assert ratio < 10, ratio  # 4× the input: about 4× the time; quadratic would be 16×


@pytest.mark.parametrize("data", ["一、总体情况" + "x" * 10_000_000, "\t0\n" * 3_000_000, "<td>" * 2_500_000])
def test_ten_megabytes_finish_quickly(data: str) -> None:
    t = time.perf_counter()
    with pytest.raises(govinfo.GovinfoError):
        govinfo.parse(data)
    assert time.perf_counter() - t < 1.0


# --- the quick paths (performance) agree with the plain reading -------------------------------


def _sections(text: str) -> list[tuple[str, list[Block]]]:
    from govinfo.readers.document import _SECTIONS, _split

    _, sections = _split(read_source(text).blocks, [])
    return [(_SECTIONS[s.index].key, s.blocks) for s in sections]


# Linping with a cell of three numbers and a line holding a label and its numbers.
ODD_CELLS = LINPING.replace("\t955\n", "\t9 5 5\n").replace("\t行政许可\n", "行政许可 1 2\n")


@pytest.mark.parametrize("text", [LINPING, PINGTAN, ODD_CELLS], ids=["linping", "pingtan", "odd-cells"])
def test_tokens_read_once_are_those_read_cell_by_cell(text: str) -> None:
    from govinfo.catalogue import EDITIONS
    from govinfo.readers.labels import Vocabulary
    from govinfo.readers.tables import BREAK, _text_tokens, tokens

    for key, blocks in _sections(text):
        if key not in ("proactive", "requests", "appeals"):
            continue
        specs = [s for e in EDITIONS.values() for s in ((e.proactive,), e.requests, (e.appeals,))[
            ("proactive", "requests", "appeals").index(key)]]  # fmt: skip
        vocab = Vocabulary.of(*specs)
        for spec in specs:
            within = frozenset(spec.grids)
            plain = []
            for block in blocks:
                if isinstance(block, TextBlock):
                    plain += [
                        BREAK,
                        *_text_tokens(block.text, block.location, block.run_together, vocab, within, True),
                    ]
                    continue
                assert isinstance(block, TableBlock)
                for row in block.rows:
                    plain.append(BREAK)
                    for c in row.cells:
                        plain += _text_tokens(c.text, c.location, c.run_together, vocab, within)
            plain.append(BREAK)
            assert list(tokens(blocks, vocab, spec)) == plain


def test_label_matches_are_remembered_and_the_same_as_matched_afresh() -> None:
    from govinfo.catalogue import get_edition
    from govinfo.readers import labels
    from govinfo.readers.normalize import label_key

    spec = get_edition("2021").requests[0]
    vocab = labels.Vocabulary.of(spec)
    texts = [
        "自然人",
        "商業 企業",
        "2.其他法律行政止公开",
        "（三）不予公开 · 1.属于国家秘密",
        "总计(件)",
        "无关文字",
        "",
    ]
    for within in (None, frozenset(spec.grids), set(spec.grids), frozenset()):
        for text in texts:
            first = vocab.match(text, within)
            assert first == vocab._match(label_key(text), within)
            assert vocab.match(text, within) == first
    assert vocab.match("2.其他法律行政止公开").how == "fuzzy"  # type: ignore[union-attr]
    assert vocab.match("无关文字") is None
    for i in range(labels.MEMO_SIZE + 10):
        vocab.match(f"标签{i}")
    assert len(vocab._memo) <= labels.MEMO_SIZE


# --- header words over two lines, page footer under the sign-off ---------------------------

_APPEALS_SUBGRID = (
    "|          |          |          |          |      | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |"
)


def _linping_text() -> str:
    import govinfo.examples

    return govinfo.render_text(govinfo.examples.linping_education_2023())


def test_grid_header_word_over_two_lines_in_appeals() -> None:
    text = _linping_text()
    line = next(ln for ln in text.split("\n") if ln.startswith(_APPEALS_SUBGRID))
    split = line.replace("| 结果纠正 |", "|   结果   |", 1)
    # The continuation line: blank cells with 纠正 under 结果, bars where the line above has them.
    cells = line.split("|")
    blank = ["" if not c else " " * sum(2 if ord(ch) > 0x2E80 else 1 for ch in c) for c in cells]
    blank[7] = "   纠正   "
    published = text.replace(line, split + "\n" + "|".join(blank), 1)
    report = govinfo.parse(published)
    assert report.appeals.cells == (0,) * 15


def test_two_split_header_words_one_cell_per_line() -> None:
    # D13 one cell per line (``cell |``), 结果纠正 split in both sub-grids of 四.
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 |\n行政诉讼 |\n结果维持 |\n结果纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
        "未经复议直接起诉 |\n复议后起诉 |\n"
        "结果维持 |\n结果\n纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
        "结果维持 |\n结果\n纠正 |\n其他结果 |\n尚未审结 |\n总计 |\n"
        + "".join(f"{n} |\n" for n in (1, 2, 0, 0, 3, 0, 1, 0, 0, 1, 0, 0, 0, 2, 2))
    )
    full = _linping_text()
    start = full.index("四、政府信息公开行政复议")
    end = full.index("五、存在的主要问题")
    report = govinfo.parse(full[:start] + text + "\n" + full[end:])
    assert report.appeals.cells == (1, 2, 0, 0, 3, 0, 1, 0, 0, 1, 0, 0, 0, 2, 2)


def test_sign_off_date_above_a_page_footer() -> None:
    text = (
        _linping_text().rstrip("\n")
        + "\n"
        + " " * 40
        + "2024年1月15日\n\n【打印本页】【关闭窗口】\n主办单位：区人民政府办公室\n"
    )
    report = govinfo.parse(text)
    assert str(report.published) == "2024-01-15"


def _tab_separated(text: str) -> str:
    """The Linping page with each table row's cells on one line, separated by tabs."""
    out: list[str] = []
    row: list[str] = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            row.append(line[1:].strip())
        elif row and line.strip() and "、" not in line[:4]:
            row[-1] += line.strip()  # a header word over two lines (D8)
        else:
            if row:
                out.append("\t".join(row))
                row = []
            out.append(line)
    return "\n".join([*out, "\t".join(row)] if row else out)


def test_a_tab_separated_table_is_read() -> None:
    text = _tab_separated(LINPING)
    assert "规章\t0\t0\t0" in text
    result = parse_document(text)
    assert result.complete
    assert report_of(result) == linping()


def test_lines_with_tabs_that_are_no_table_are_text() -> None:
    # one tab-separated line alone, and lines of words only: no table
    for extra in ("联系电话\t0571-86220000\n", "主办\t区教育局\n\n承办\t办公室\n"):
        blocks = read_text(extra + "一、总体情况\n很好。\n").blocks
        assert all(isinstance(b, TextBlock) for b in blocks), blocks
    rows = read_text("规章\t0\t0\t0\n\n行政规范性文件\t1\t1\t12\n").blocks
    assert [[c.text for c in r.cells] for b in rows if isinstance(b, TableBlock) for r in b.rows] == [
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "1", "1", "12"],
    ]


def test_paragraphs_indented_with_a_tab_are_text() -> None:
    # tests/real/muncard-copy-guangyuan-tongji-2024: every paragraph starts with a tab; it was
    # read as one table of cells, no heading was found and the page was refused.
    text = (
        "杭州市临平区教育局2023年度政府信息公开工作年度报告\n"
        "\t一、总体情况 \n"
        "\t(一)主动公开信息情况。2023年,我局主动公开政府信息276条。\n"
        "\t(二)依申请公开信息情况。全年共收到依申请公开9件。\n"
        "\t五、存在的主要问题及改进情况\n"
        "\t一是公开内容还不够丰富。\n"
    )
    result = parse_document(text)
    assert result.section("overview").status == "read"
    assert result.section("problems").status == "read"
    assert not result.tables or all(not any(v is not None for v in t.cells) for _, t in result.tables)


@pytest.mark.parametrize("damaged", ["第二十条第", "第二十条", "第二十条第()项"])
def test_captions_that_lost_their_item_numbers(damaged: str) -> None:
    # tests/real/htq-xuwang-2025: every caption of 二 printed as 第二十条第; the rows' own labels
    # say which sub-table each is in.
    text = LINPING
    for item in "一五六八":
        text = text.replace(f"第二十条第（{item}）项", damaged)
    result = parse_document(text)
    assert report_of(result).proactive == linping().proactive
    assert "caption_without_item" in result.codes()
    # a value whose row label is lost too is stated nowhere, never put into the sub-table above
    for row in ("行政许可", "行政处罚", "行政事业性收费"):
        lost = parse_document(text.replace(f"\t{row}\n", "\t\n"))
        cells = dict(lost.tables)["proactive"].cells
        expected = list(linping().proactive.cells)
        for i, cell in enumerate(linping().proactive.spec.cells):
            if cell.row.label == row:
                expected[i] = None
        assert list(cells) == expected, row
