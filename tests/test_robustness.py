"""Bad input gets a govinfo error, never a traceback, a hang or unbounded memory (issue 15).

Each test is one reproducer from the fuzzing report, kept as a regression test.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo import GovinfoError, Report

DATA = Path(__file__).parent / "data"
LIN = (DATA / "linping-education-2023.txt").read_text(encoding="utf-8")


def nested(depth: int) -> Any:
    v: Any = 0
    for _ in range(depth):
        v = [v]
    return v


def linping_dict() -> dict[str, Any]:
    return govinfo.examples.linping_education_2023().to_dict()


def problems(call: Any) -> list[tuple[str, str]]:
    with pytest.raises(GovinfoError) as info:
        call()
    return [(code, path) for code, path, _ in info.value.problems()]


# --- interchange -------------------------------------------------------------------------------


def test_a_huge_year_is_a_bad_year() -> None:
    got = problems(lambda: Report.from_dict({"edition": "2021", "agency": "a", "year": 10**5000}))
    assert ("bad_year", "$.year") in got


@pytest.mark.parametrize(
    "count", [10**5000, -(10**5000), 2**64, 10**15], ids=["huge", "-huge", "2**64", "10**15"]
)
def test_a_huge_count_is_too_large(count: int) -> None:
    d = linping_dict()
    d["appeals"]["review"]["upheld"] = count
    got = problems(lambda: Report.from_dict(d))
    assert got[0] == ("negative_count" if count < 0 else "too_large", "$.appeals.review.upheld")


def test_the_largest_count_round_trips_through_json() -> None:
    d = linping_dict()
    d["appeals"]["review"]["upheld"] = 10**15 - 1
    d["appeals"]["review"]["total"] = 10**15 - 1
    report = Report.from_dict(d)
    assert Report.from_json(report.to_json()) == report


@pytest.mark.parametrize("field", ["edition", "published", "format_version", "year", "agency"])
def test_a_deeply_nested_value_is_described_briefly(field: str) -> None:
    d = linping_dict()
    d[field] = nested(1000)
    with pytest.raises(GovinfoError) as info:
        Report.from_dict(d)
    ((code, path, message),) = info.value.problems()
    assert path == f"$.{field}"
    assert code in ("wrong_type", "bad_edition", "bad_date", "bad_format_version")
    assert len(message) < 200


def test_a_nested_money_unit_is_a_bad_unit() -> None:
    d = linping_dict()
    d["edition"] = "2019"
    pingtan = Report.from_json((DATA / "pingtan-2019.tables.json").read_text(encoding="utf-8")).to_dict()
    pingtan["proactive"]["procurement"]["unit"] = nested(1000)
    assert problems(lambda: Report.from_dict(pingtan)) == [("bad_unit", "$.proactive.procurement.unit")]


@pytest.mark.parametrize("orjson", [True, False], ids=["orjson", "stdlib"])
def test_deep_json_is_a_json_error(orjson: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from govinfo import convert

    if not orjson:
        monkeypatch.setitem(sys.modules, "orjson", None)
        convert._orjson.cache_clear()
    try:
        assert problems(lambda: Report.from_json("[" * 100000))[0][0] == "bad_json"
    finally:
        convert._orjson.cache_clear()


def test_a_lone_surrogate_is_refused_where_it_is() -> None:
    d = linping_dict()
    d["agency"] = "某\ud800局"
    d["overview"]["paragraphs"][0] += "\udfff"
    assert problems(lambda: Report.from_dict(d)) == [
        ("bad_text", "$.agency"),
        ("bad_text", "$.overview.paragraphs[0]"),
    ]


def test_money_beyond_its_digits_is_too_large() -> None:
    report = govinfo.examples.linping_education_2023()
    with pytest.raises(GovinfoError) as info:
        report.proactive.replace("fees", "amount", Decimal("1E+999999"))
    assert "too_large" in str(info.value)


# --- readers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9999999999999999", "12345678901234567890", "1.234,5", "1,2,3"])
def test_a_number_that_cannot_be_read_is_a_diagnostic(number: str) -> None:
    result = govinfo.parse_document(LIN.replace("\t\xa012\n", f"\t{number}\n", 1))
    assert result.report is not None
    assert result.report.requests["new_received", "natural_person"] is None
    assert "unreadable_number" in result.codes()
    assert result.section("requests").status == "partly_read"
    # the other cells of the row keep their columns
    assert result.report.requests["new_received", "total"] == 12


def test_a_money_cell_in_european_notation_is_not_read() -> None:
    result = govinfo.parse_document(LIN.replace("11615", "1.234,5", 1))
    assert result.report is not None
    assert result.report.proactive["fees", "amount"] is None
    assert "unreadable_number" in result.codes()


@pytest.mark.parametrize("span", ["²", "①", "x", "-1", "99999999999"])
def test_html_spans_that_are_not_numbers(span: str) -> None:
    page = govinfo.render_html(govinfo.examples.linping_education_2023())
    assert 'colspan="3"' in page
    result = govinfo.parse_document(page.replace('colspan="3"', f'colspan="{span}"', 1))
    assert result.report is not None  # read, or partly read: never a ValueError


def _docx(document_xml: bytes) -> bytes:
    from docbuilders import docx_bytes

    base = docx_bytes([("p", "一、总体情况")])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = document_xml if item.filename == "word/document.xml" else src.read(item.filename)
            dst.writestr(item.filename, data)
    return out.getvalue()


@pytest.mark.parametrize("attribute", ["w:gridSpan", "w:gridBefore"])
def test_docx_grid_attributes_that_are_not_numbers(attribute: str) -> None:
    pytest.importorskip("docx")
    from docbuilders import report_docx

    data = report_docx(govinfo.examples.linping_education_2023())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    tag = attribute.split(":")[1]
    if f"<{attribute} " in xml:
        xml = xml.replace(f'<{attribute} w:val="', f'<{attribute} w:val="x', 1)
    else:
        xml = xml.replace("<w:tcPr>", f'<w:tcPr><w:{tag} w:val="x"/>', 1)
    result = govinfo.parse_document(_docx(xml.encode("utf-8")))
    assert result.report is not None


def test_a_docx_decompression_bomb_is_refused_at_once() -> None:
    pytest.importorskip("docx")
    body = b"<w:p/>" * (80 * 1024 * 1024 // 6)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>"
    )
    data = _docx(xml)
    del body, xml
    assert len(data) < 2 * 1024 * 1024  # small on disk
    start = time.perf_counter()
    with pytest.raises(govinfo.ParseError) as info:
        govinfo.parse_document(data)
    assert time.perf_counter() - start < 1.0
    assert info.value.code == "docx_too_large"


def _pdf(pages: int, text: str = "一、总体情况") -> bytes:
    from reportlab.pdfgen import canvas

    from docbuilders import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _ in range(pages):
        c.setFont(FONT, 12)
        c.drawString(72, 700, text)
        c.showPage()
    c.save()
    return out.getvalue()


def test_a_pdf_of_too_many_pages_is_refused_at_once() -> None:
    pytest.importorskip("pypdfium2")
    from govinfo.readers.pdf import MAX_PAGES

    data = _pdf(MAX_PAGES + 1)
    start = time.perf_counter()
    with pytest.raises(govinfo.ParseError) as info:
        govinfo.parse_document(data)
    assert time.perf_counter() - start < 2.0
    assert info.value.code == "pdf_too_large"


def test_a_damaged_pdf_page_is_skipped_with_a_diagnostic() -> None:
    pytest.importorskip("pypdfium2")
    from docbuilders import report_pdf

    report = govinfo.examples.linping_education_2023()
    data = report_pdf(report)
    damaged = data.replace(b"/Type /Page\n", b"/Type /Pagx\n", 1)  # PDFium cannot load page 1
    assert damaged != data
    result = govinfo.parse_document(damaged)
    (d,) = [d for d in result.diagnostics if d.code == "pdf_page_damaged"]
    assert d.location.page == 1
    assert not result.complete
    # what the other pages hold is still read, and right
    tables = dict(result.tables)
    for key, table in tables.items():
        original = getattr(report, key)
        for cell in table.spec.cells:
            v = table.cells[cell.index]
            assert v is None or v == original.cells[cell.index]


# --- renderers -----------------------------------------------------------------------------------


def test_bidi_controls_and_surrogates_are_shown_not_applied() -> None:
    report = govinfo.examples.linping_education_2023()
    evil = Report.from_dict({**report.to_dict(), "preamble": ["甲\u202e乙\u2066丙"]})
    for render in (govinfo.render_text, govinfo.render_markdown, govinfo.render_html):
        out = render(evil)
        assert "\u202e" not in out
        assert "\u2066" not in out
        assert "U+202E" in out
        out.encode("utf-8")


# --- the command line ---------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
        timeout=60,
    )  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_and_a_device_are_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    p = run("check", "pipe.txt", "zero.txt", "--format", "json", cwd=tmp_path)
    assert p.returncode == 2
    import json

    assert [json.loads(line)["error"]["code"] for line in p.stdout.splitlines()] == ["not_a_file"] * 2
    with pytest.raises(govinfo.ParseError) as info:
        govinfo.parse(tmp_path / "pipe.txt")
    assert info.value.code == "not_a_file"


def test_output_that_cannot_be_written_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes((DATA / "linping-education-2023.json").read_bytes())
    (tmp_path / "afile").write_text("x")
    p = run("convert", "a.json", "--to", "text", "-d", "afile", cwd=tmp_path)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "afile" in p.stderr
    if Path("/dev/full").exists():
        p = run("render", "a.json", "--to", "text", "-o", "/dev/full", cwd=tmp_path)
        assert p.returncode == 2
        assert "Traceback" not in p.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes")
def test_export_with_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"bad-\xff.json")
    (folder / name).write_bytes((DATA / "linping-education-2023.json").read_bytes())
    p = run("export", "in", "-o", "cells.csv", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "bad-\ufffd.json" in (tmp_path / "cells.csv").read_text(encoding="utf-8")


def test_a_large_input_pauses_the_garbage_collector_only_while_it_is_parsed() -> None:
    import gc

    from govinfo.readers import LARGE_INPUT

    text = govinfo.render_text(govinfo.examples.linping_education_2023())
    big = text + "\n" + "　　本段为填充文字，用于测试大输入。\n" * (LARGE_INPUT // 18 + 1)
    assert len(big) > LARGE_INPUT
    seen: list[str] = []
    parsing = [False]  # set and cleared without allocating (an allocation may start a collection)

    def watch(phase: str, info: dict[str, int]) -> None:
        if parsing[0]:
            seen.append(phase)

    gc.callbacks.append(watch)
    try:
        gc.collect()
        parsing[0] = True
        result = govinfo.parse_document(big)
        parsing[0] = False
        during = list(seen)
    finally:
        gc.callbacks.remove(watch)
    assert result.report is not None
    assert result.report.requests == govinfo.examples.linping_education_2023().requests
    assert during == []  # no collection ran during the parse
    assert gc.isenabled()
    with pytest.raises(govinfo.ParseError):
        govinfo.parse_document(b"\x1f\x8b" + b"0" * (LARGE_INPUT + 1))  # an error re-enables it too
    assert gc.isenabled()
