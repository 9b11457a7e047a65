"""The officer's spreadsheet: the template, reading a filled workbook, its errors, a hand-made sheet.

The Linping figures are filled in cell by cell through :func:`govinfo.template.template_cells`
and read back by the table matcher; the hand-made workbook is laid out by the reader-test
builders (tests/docbuilders.py), not by the template.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

import govinfo
from docbuilders import appeal_grid, proactive_grid, request_grid
from govinfo.cli import main
from govinfo.template import template_cells, xlsx_template

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

LINPING = govinfo.examples.linping_education_2023()


def _save(wb: Any) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _filled_by_hand() -> bytes:
    """The blank 2021 template, filled with the Linping figures and text by a program."""
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(edition="2021")))
    info = wb["基本信息"]
    fields = {info.cell(row=r, column=1).value: r for r in range(1, 8)}
    info.cell(row=fields["机关"], column=2, value=LINPING.agency)
    info.cell(row=fields["年度"], column=2, value=LINPING.year)
    values = {}
    for table in (LINPING.proactive, LINPING.requests, LINPING.appeals):
        for spec in table.spec.cells:
            values[".".join(("$", table.spec.key, *spec.path))] = table.cells[spec.index]
    for path, (sheet, a1) in template_cells("2021").items():
        wb[sheet][a1] = values[path]
    text = wb["正文"]
    text.delete_rows(2, text.max_row)
    rows: list[tuple[str | None, str | None, str]] = []
    for heading, narrative in (
        ("一、总体情况", LINPING.overview),
        ("五、存在的主要问题及改进情况", LINPING.problems),
        ("六、其他需要报告的事项", LINPING.other_matters),
    ):
        part: list[tuple[str | None, str | None, str]] = [(None, None, p) for p in narrative.paragraphs]
        for n, sub in enumerate(narrative.subsections):
            part += [
                (None, f"（{'一二三四五六'[n]}）{sub.title}" if k == 0 else None, p)
                for k, p in enumerate(sub.paragraphs)
            ]
        part[0] = (heading, part[0][1], part[0][2])
        rows += part
    for row in rows:
        text.append(list(row))
    return _save(wb)


def test_template_filled_by_a_program_reads_back_as_linping(tmp_path: Path) -> None:
    path = tmp_path / "表格.xlsx"
    path.write_bytes(_filled_by_hand())
    result = govinfo.read_xlsx(path)
    assert result.complete
    assert result.report == LINPING
    assert govinfo.parse(path) == LINPING  # found by content, through parse as well


def test_template_layout() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(edition="2021")))
    assert wb.sheetnames == ["基本信息", "正文", "表二", "表三", "表四"]
    ws = wb["表三"]
    assert ws["A1"].value == "三、收到和处理政府信息公开申请情况"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A2:C4" in merged  # the note in the corner: 3 columns, 3 rows (report-format.md §3)
    assert "D2:J2" in merged  # 申请人情况 over the 7 columns
    assert ws["D2"].value == "申请人情况"
    assert ws.protection.sheet
    assert ws["A2"].protection.locked
    assert not ws["D5"].protection.locked  # 一、本年新收政府信息公开申请数量 / 自然人
    rules = [(dv.type, dv.operator, dv.formula1, str(dv.sqref)) for dv in ws.data_validations.dataValidation]
    assert any(
        t == "whole" and op == "greaterThanOrEqual" and f == "0" and "D5" in ref for t, op, f, ref in rules
    )
    assert ws["D5"].value is None  # blank: not stated
    assert wb["表四"]["A2"].value == "行政复议"
    assert "A2:E2" in {str(r) for r in wb["表四"].merged_cells.ranges}


def test_template_2019_has_a_unit_cell() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(edition="2019")))
    sheet, a1 = template_cells("2019")["$.proactive.procurement.unit"]
    rules = [(dv.type, dv.formula1, str(dv.sqref)) for dv in wb[sheet].data_validations.dataValidation]
    assert ("list", '"元,万元"', a1) in rules


def _mutated(change: Any) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_template(report=LINPING)))
    change(wb)
    return _save(wb)


def test_text_in_a_number_cell_names_label_sheet_and_cell() -> None:
    sheet, a1 = template_cells("2021")["$.requests.results.unable.not_held.natural_person"]
    assert (sheet, a1) == ("表三", "D17")

    def change(wb: Any) -> None:
        wb[sheet][a1] = "十二"
        wb["表四"]["B5"] = "x"  # and a second problem, reported at the same time

    result = govinfo.read_xlsx(_mutated(change))
    bad = [d for d in result.diagnostics if d.code == "not_a_number"]
    assert [d.location.element for d in bad] == ["表三!D17", "表四!B5"]
    assert (
        "1.本机关不掌握相关政府信息 / 自然人, sheet 表三, cell D17: '十二' is not a number" in bad[0].message
    )
    assert result.report is not None
    assert result.report.requests["results.unable.not_held", "natural_person"] is None
    assert result.report.requests["results.unable.not_held", "total"] == 1  # the rest of the row is read
    assert result.section("requests").status == "partly_read"
    with pytest.raises(govinfo.IncompleteReportError):
        govinfo.parse(_mutated(change))


def test_negative_count_names_sheet_and_cell() -> None:
    sheet, a1 = template_cells("2021")["$.proactive.licensing.decisions"]

    def change(wb: Any) -> None:
        wb[sheet][a1] = -3

    result = govinfo.read_xlsx(_mutated(change))
    bad = [d for d in result.diagnostics if d.code == "negative_value"]
    assert len(bad) == 1
    assert bad[0].location.element == f"{sheet}!{a1}"
    assert f"sheet {sheet}, cell {a1}" in bad[0].message
    assert "行政许可" in bad[0].message
    assert result.report is not None
    assert result.report.proactive["licensing", "decisions"] is None


def test_missing_sheet() -> None:
    def change(wb: Any) -> None:
        del wb["表四"]

    result = govinfo.read_xlsx(_mutated(change))
    missing = [d for d in result.diagnostics if d.code == "xlsx_missing_sheet"]
    assert [d.location.element for d in missing] == ["表四"]
    assert result.section("appeals").status == "not_found"
    with pytest.raises(govinfo.IncompleteReportError) as e:
        govinfo.parse(_mutated(change))
    assert any(x.code == "section_not_found" for x in e.value.exceptions)


def _hand_made(*, odd_label: str | None = None) -> bytes:
    """One sheet, the official layout typed by hand: title, headings, prose, three tables."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    row = 1

    def text(value: str) -> None:
        nonlocal row
        ws.cell(row=row, column=1, value=value)
        row += 1

    def table(grid: Any) -> None:
        nonlocal row
        for r, c, rs, cs, value in grid.cells:
            cell = ws.cell(row=row + r, column=1 + c)
            if value.isdigit():
                cell.value = int(value)
            else:
                cell.value = value.replace("（一）予以公开", "(一) 予以公开").replace(
                    "行政规范性文件", "行政规范性 文件"
                )
                if odd_label is not None and value == "行政许可":
                    cell.value = odd_label
            if rs > 1 or cs > 1:
                ws.merge_cells(
                    start_row=row + r, start_column=1 + c, end_row=row + r + rs - 1, end_column=c + cs
                )
        row += grid.rows + 1

    text(LINPING.title_or_default)
    for i, (key, content) in enumerate(LINPING.sections()):
        text(f"{'一二三四五六'[i]}、{LINPING.edition_spec.section(key).label}")
        if key == "proactive":
            table(proactive_grid(content))  # type: ignore[arg-type]
        elif key == "requests":
            table(request_grid(content))  # type: ignore[arg-type]
        elif key == "appeals":
            table(appeal_grid(content))  # type: ignore[arg-type]
        else:
            for p in content.paragraphs:  # type: ignore[union-attr]
                text(p)
            for j, sub in enumerate(content.subsections):  # type: ignore[union-attr]
                text(f"（{'一二三四五六'[j]}）{sub.title}")
                for p in sub.paragraphs:
                    text(p)
    text(LINPING.agency)
    return _save(wb)


def test_hand_made_sheet_is_read_by_the_matcher() -> None:
    result = govinfo.read_xlsx(_hand_made())
    assert result.complete, result.problems()
    assert result.report == LINPING


def test_unknown_label_in_a_hand_made_sheet() -> None:
    result = govinfo.read_xlsx(_hand_made(odd_label="行政审批事项"))
    unknown = [d for d in result.diagnostics if d.code == "unknown_text"]
    assert unknown
    assert unknown[0].raw == "行政审批事项"
    assert unknown[0].message.startswith("sheet Sheet1, cell A")
    assert result.report is not None
    assert result.report.proactive["licensing", "decisions"] is None


def test_damaged_and_bomb() -> None:
    with pytest.raises(govinfo.ParseError) as e:
        govinfo.read_xlsx(b"PK\x03\x04 not really a zip")
    assert e.value.code == "xlsx_damaged"
    import zipfile

    from govinfo.readers import docx as docx_reader

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (docx_reader.MAX_XML + 1))
    with pytest.raises(govinfo.ParseError) as e:
        govinfo.read_xlsx(out.getvalue())
    assert e.value.code == "xlsx_too_large"


def test_cli_template_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "表格.xlsx"
    assert main(["template", "--edition", "2019", "-o", str(blank)]) == 0
    assert openpyxl.load_workbook(blank)["基本信息"]["B1"].value == "2019"
    filled = tmp_path / "filled.xlsx"
    filled.write_bytes(_filled_by_hand())
    assert main(["check", str(filled)]) == 0
    assert main(["render", str(filled), "--to", "text", "-o", str(tmp_path / "r.txt")]) == 0
    assert govinfo.parse(tmp_path / "r.txt") == LINPING


def test_annotate_marks_the_cells_findings_name(tmp_path: Path) -> None:
    import attrs

    from govinfo.annotate import annotate_xlsx

    wrong = attrs.evolve(LINPING, appeals=LINPING.appeals.replace("review", "total", 7))
    findings = govinfo.validate(wrong)
    assert [f.code for f in findings] == ["E4-appeal-total"]
    out = annotate_xlsx(xlsx_template(report=wrong), findings)
    wb = openpyxl.load_workbook(io.BytesIO(out))
    sheet, a1 = template_cells("2021")["$.appeals.review.total"]
    cell = wb[sheet][a1]
    assert cell.fill.fgColor.rgb.endswith("FDE2E2")
    assert cell.comment.text.startswith("[E4-appeal-total] ")
    assert wb[sheet]["A5"].comment is None  # 结果维持: not named
    listed = list(wb["校验发现"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], r[4]) for r in listed] == [("E4-appeal-total", "错误", f"{sheet}!{a1}")]
    english = openpyxl.load_workbook(
        io.BytesIO(annotate_xlsx(xlsx_template(report=wrong), findings, lang="en"))
    )
    assert "Findings" in english.sheetnames


def test_cli_check_annotate(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb["表三"]["D17"] = "十二"

    source = tmp_path / "表格.xlsx"
    source.write_bytes(_mutated(change))
    out = tmp_path / "标注.xlsx"
    assert main(["check", str(source), "--annotate", str(out)]) == 1  # partly read
    ws = openpyxl.load_workbook(out)["表三"]
    assert "[not_a_number]" in ws["D17"].comment.text
    assert "[B-blank-cell]" in ws["D17"].comment.text  # a blank count: the check's finding too
    assert ws["D5"].comment is None
    assert main(["check", str(source), str(source), "--annotate", str(out)]) == 2  # one workbook only


def test_an_annotated_copy_reads_as_the_workbook() -> None:
    import attrs

    from govinfo.annotate import annotate_xlsx

    wrong = attrs.evolve(LINPING, appeals=LINPING.appeals.replace("review", "total", 7))
    copy = annotate_xlsx(xlsx_template(report=wrong), govinfo.validate(wrong))
    assert "校验发现" in openpyxl.load_workbook(io.BytesIO(copy)).sheetnames
    result = govinfo.read_xlsx(copy)
    assert result.complete
    assert result.report == wrong
