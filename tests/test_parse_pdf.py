"""Reading PDF reports: the two real PDFs of the corpus, PDFs built here, and broken files.

Expected values are written by hand from the published PDFs (read page by page) and from
``tests/data/*.tables.json``; none is computed by the code under test.
"""

from __future__ import annotations

import io
import json
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo
from docbuilders import break_table, outline, pdf_bytes
from govinfo import AppealTable, ParseError, Report
from govinfo.readers import ParseResult, parse_document
from govinfo.readers.pdf import read_pdf

DATA = Path(__file__).parent / "data"
HUAIAN = DATA / "huaian-government-2024.pdf"
HONGZE = DATA / "hongze-government-2023.pdf"


@pytest.fixture(scope="module")
def huaian() -> ParseResult:
    return parse_document(HUAIAN)


@pytest.fixture(scope="module")
def hongze() -> ParseResult:
    return parse_document(HONGZE)


def report_of(result: ParseResult) -> Report:
    """The report of a parse result that states its year."""
    assert result.report is not None
    return result.report


def _expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix("").with_suffix(".tables.json").read_text("utf-8"))
    return data


# --- the real PDFs: tables ---------------------------------------------------------------------


@pytest.mark.parametrize("path", [HUAIAN, HONGZE], ids=["huaian", "hongze"])
def test_real_pdf_tables_match_the_published_values(path: Path) -> None:
    got = govinfo.parse(path).to_dict()
    want = _expected(path)
    for key in ("edition", "year", "requests", "appeals"):
        assert got[key] == want[key], key


def test_huaian_section_two_by_hand(huaian: ParseResult) -> None:
    p = report_of(huaian).proactive
    assert [p["rules", c] for c in ("issued", "repealed", "in_force")] == [1, 0, 11]
    assert [p["normative_documents", c] for c in ("issued", "repealed", "in_force")] == [8, 26, 66]
    assert p["licensing", "decisions"] == 447228
    assert p["penalties", "decisions"] == 3985758
    assert p["coercion", "decisions"] == 88283
    assert p["fees", "amount"] == Decimal("96171.6")


def test_hongze_section_two_by_hand(hongze: ParseResult) -> None:
    p = report_of(hongze).proactive
    assert [p["rules", c] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [p["normative_documents", c] for c in ("issued", "repealed", "in_force")] == [0, 5, 5]
    assert p["licensing", "decisions"] == 550
    assert p["penalties", "decisions"] == 4119
    assert p["coercion", "decisions"] == 195
    assert p["fees", "amount"] == Decimal("7730.28")


def test_hongze_undivided_other_row_and_label_typo(hongze: ParseResult) -> None:
    r = report_of(hongze)
    assert not r.requests.other_divided
    assert r.requests.row("results.other").total == 0
    fuzzy = [d for d in hongze.diagnostics if d.code == "fuzzy_label"]
    assert [d.raw for d in fuzzy] == ["2.其他法律行政止公开"]
    assert fuzzy[0].location.page == 3


def test_hongze_validates_with_its_two_published_e4_errors(hongze: ParseResult) -> None:
    findings = [f for f in govinfo.validate(report_of(hongze)) if f.severity == "error"]
    assert sorted(f.path for f in findings) == [
        "$.appeals.litigation_after_review.total",
        "$.appeals.review.total",
    ]
    assert {f.code for f in findings} == {"E4-appeal-total"}


def test_huaian_table_across_pages_is_joined(huaian: ParseResult) -> None:
    # Pages 3→4 split section 二, pages 4→5 split section 三 inside the （四）无法提供 label.
    chrome = [(d.location.page, d.raw) for d in huaian.diagnostics if d.code == "pdf_page_chrome"]
    assert chrome == [(3, "- 3 -"), (4, "- 4 -")]
    joined = [d for d in huaian.diagnostics if d.code == "pdf_cell_across_pages"]
    assert [(d.location.page, d.raw) for d in joined] == [(5, "法提供")]
    assert report_of(huaian).requests.row("results.unable.needs_creation").total == 11


# --- the real PDFs: text -------------------------------------------------------------------------

HUAIAN_PREAMBLE = (
    "本报告由淮安市人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）（以下简称"
    "《条例》）规定编制。报告所列统计期限自2024年1月1日至2024年12月31日。如对本报告有疑问，请与"
    "淮安市人民政府办公室联系（地址：淮安市翔宇南道1号，邮编：223001，电话：0517-83605210，电子邮箱："
    "hazwgkc@163.com）。"
)
HUAIAN_PROBLEMS_1 = (
    "对照上级新要求和公众新期待，还有一些需要加强和改进的地方。主要表现在：一是政策解读质量仍需提升，"
    "个别单位政策解读内容简单、形式单一；二是政务公开队伍建设还需进一步加强，个别单位存在人员配备不足、"
    "兼职多、流动性过快的问题。"
)
HUAIAN_OTHER = (
    "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"
)
HUAIAN_OVERVIEW_1 = (
    "2024年，我市坚持以习近平新时代中国特色社会主义思想为指导，认真学习宣传贯彻党的二十大和二十届二中、"
    "三中全会精神，按照党中央国务院、省委省政府决策部署和市委工作要求，严格落实《中华人民共和国政府信息"
    "公开条例》各项规定，圆满完成了各项任务。"
)


def test_huaian_narrative_comes_out_whole(huaian: ParseResult) -> None:
    r = report_of(huaian)
    assert r.agency == "淮安市人民政府"
    assert r.preamble == (HUAIAN_PREAMBLE,)
    overview = r.overview.all_paragraphs()
    assert overview[0] == HUAIAN_OVERVIEW_1
    # Five numbered points, each one paragraph although four of them cross a page break or a line.
    assert [p[:3] for p in overview[1:]] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert overview[1].endswith("努力传递政府声音、宣传政策法规、回应舆论关切。")  # crosses pages 1→2
    assert overview[4].endswith("在省办2024年四个季度政务新媒体检查抽查中，合格率均为100%。")  # 2→3
    assert r.problems.paragraphs[0] == HUAIAN_PROBLEMS_1
    assert len(r.problems.paragraphs) == 2
    assert r.problems.paragraphs[1].endswith("同时加强先进典型宣传和正面激励，增强队伍凝聚力。")  # 5→6
    assert r.other_matters.paragraphs == (HUAIAN_OTHER,)


def test_hongze_narrative_comes_out_whole(hongze: ParseResult) -> None:
    r = report_of(hongze)
    assert r.preamble[0].startswith(
        "本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》"
    )
    assert r.preamble[0].endswith("电话：0517-87222589，电子邮箱：hzzwgk@126.com）。")
    problems = r.problems.all_paragraphs()
    assert len(problems) == 1  # one paragraph over pages 4→5
    assert problems[0].startswith(
        "2023年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。"
    )
    assert problems[0].endswith(
        "实行政府信息公开工作人员跟班学习制度，不断提高各单位政府信息公开工作人员的思想认识和业务工作水平。"
    )
    assert r.other_matters.paragraphs == (
        "2023年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。",
    )


def test_reading_a_real_pdf_is_quick() -> None:
    data = HUAIAN.read_bytes()
    start = time.perf_counter()
    read_pdf(data)
    assert time.perf_counter() - start < 2.0


# --- PDFs built here from the Linping example ------------------------------------------------


def _title_lines(report: Report) -> list[str]:
    """The title broken after ``<机关名称><YYYY>年度``, as real reports print it."""
    title = report.title_or_default
    cut = title.index(str(report.year)) + len(str(report.year)) + 2
    return [title[:cut], title[cut:]]


@pytest.fixture(scope="module")
def linping() -> Report:
    return govinfo.examples.linping_education_2023()


def test_built_pdf_with_a_table_across_pages_round_trips(linping: Report) -> None:
    # 三 is cut after （三）7: the header rows repeat on the next page, the merged labels
    # 三、本年度办理结果 and （三）不予公开 are cut in the middle of their text, a running
    # header and a page number fall between the two parts.
    items = break_table(outline(linping, title_lines=_title_lines(linping)), 1, 14, split_text=True)
    result = parse_document(pdf_bytes(items, running_header="临平区教育局政务公开"))
    assert result.report == linping
    codes = result.codes()
    assert codes.count("pdf_repeated_header") == 1
    assert codes.count("pdf_cell_across_pages") >= 1
    # The footer of each page the table leaves and the header of the page it continues on.
    chrome = [(d.location.page or 0, d.raw) for d in result.diagnostics if d.code == "pdf_page_chrome"]
    pages = sorted({page for page, _ in chrome})
    assert chrome == [item for p in pages[:-1] for item in ((p, f"- {p} -"), (p + 1, "临平区教育局政务公开"))]


def test_built_pdf_with_a_row_cut_by_the_page_break_round_trips(linping: Report) -> None:
    # The long （六）1 row is cut: its label continues on the next page above empty cells;
    # the continuation has no repeated header, and the merged labels continue empty.
    items = break_table(
        outline(linping, title_lines=_title_lines(linping)), 1, 23, split_row=True, repeat_header=False
    )
    result = parse_document(pdf_bytes(items))
    assert result.report == linping
    joined = [d for d in result.diagnostics if d.code == "pdf_cell_across_pages"]
    assert len(joined) == 1


def test_built_pdf_of_section_four_across_pages(linping: Report) -> None:
    # 四 cut between its header rows and its 15 numbers, which must keep their order.
    numbers = [1, 2, 3, 4, 10, 5, 0, 1, 0, 6, 0, 7, 0, 2, 9]
    cells = dict(zip(((c.row.key, c.column.key) for c in linping.appeals.spec.cells), numbers))
    report = attrs.evolve(linping, appeals=AppealTable.from_cells(linping.appeals.spec, cells))
    items = break_table(outline(report, title_lines=_title_lines(report)), 2, 3, repeat_header=False)
    assert parse_document(pdf_bytes(items)).report == report


# --- files that are not readable reports -----------------------------------------------------


def _canvas_pdf(draw: Any, **kwargs: Any) -> bytes:
    from reportlab.pdfgen import canvas

    from docbuilders import FONT, _register_font

    _register_font()
    out = io.BytesIO()
    c = canvas.Canvas(out, **kwargs)
    c.setFont(FONT, 12)
    draw(c)
    c.showPage()
    c.save()
    return out.getvalue()


def _quick_error(data: bytes) -> ParseError:
    start = time.perf_counter()
    with pytest.raises(ParseError) as info:
        govinfo.parse(data)
    assert time.perf_counter() - start < 2.0
    return info.value


def test_pdf_without_tables() -> None:
    def draw(c: Any) -> None:
        c.drawString(72, 700, "某县2023年度政府信息公开工作年度报告")
        c.drawString(72, 670, "一、总体情况")
        c.drawString(72, 640, "全年主动公开信息74条。")
        c.drawString(72, 610, "二、主动公开政府信息情况")

    data = _canvas_pdf(draw)
    result = govinfo.parse_document(data)
    (d,) = [d for d in result.diagnostics if d.code == "pdf_no_tables"]
    assert "no ruled tables" in d.message
    assert result.section("proactive").status == "not_placeable"
    assert result.section("requests").status == "not_found"
    assert not result.complete
    e = _quick_error(data)
    assert e.code == "incomplete_report"


def test_scanned_pdf() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    page = ImageReader(Image.new("L", (120, 160), 255))
    e = _quick_error(_canvas_pdf(lambda c: c.drawImage(page, 72, 300, 400, 500)))
    assert e.code == "pdf_no_text"
    assert "scan" in e.message
    assert "OCR" in e.message


def test_encrypted_pdf() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(lambda c: c.drawString(72, 700, "一、总体情况"), encrypt=StandardEncryption("secret"))
    e = _quick_error(data)
    assert e.code == "pdf_encrypted"
    assert "password" in e.message


def test_pdf_with_only_an_owner_password_is_read(linping: Report) -> None:
    # Restrictions without a password to open (common on government sites) do not stop reading.
    items = outline(linping, title_lines=_title_lines(linping))
    assert govinfo.parse(pdf_bytes(items, encrypt="")) == linping


@pytest.mark.parametrize("keep", [0.5, 0.98])
def test_truncated_pdf(keep: float) -> None:
    data = HONGZE.read_bytes()
    e = _quick_error(data[: int(len(data) * keep)])
    assert e.code == "pdf_damaged"
    assert "truncated" in e.message


def test_detection_is_by_content_not_by_name(tmp_path: Path) -> None:
    misnamed = tmp_path / "report.txt"
    misnamed.write_bytes(HONGZE.read_bytes())
    assert govinfo.parse(misnamed).year == 2023
    assert govinfo.parse(HONGZE.read_bytes()).year == 2023


def test_text_pdfium_cannot_decode_is_reported(linping: Report) -> None:
    # PDFium drops a one-character string drawn in a non-embedded CID font (docs/pdf-docx.md):
    # the loss is reported, not silent.
    items = [*outline(linping, title_lines=_title_lines(linping)), ("paragraph", "告")]
    result = parse_document(pdf_bytes(items))
    lost = [d for d in result.diagnostics if d.code == "pdf_text_lost"]
    read = report_of(result).other_matters
    if read == linping.other_matters:
        # The character is missing from the text: its loss is reported.
        assert len(lost) == 1
    else:
        # A machine with a system CJK font (fonts-noto-cjk) lets PDFium decode it: then it is read.
        assert lost == []
        assert read.all_paragraphs()[-1].endswith("告")


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ParseError) as info:
        govinfo.parse(HONGZE.read_bytes())
    assert info.value.code == "missing_extra"
    assert "govinfo-cn[pdf]" in info.value.message


# --- the bulk paths agree with the per-item ones they replace (issue 17) ----------------------


@pytest.mark.parametrize("path", [HONGZE, HUAIAN], ids=lambda p: p.stem)
def test_page_text_in_one_call_gives_the_glyphs_asked_per_character(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's text read in one ``FPDFText_GetText`` call is matched to PDFium's character
    indices one to one; asking ``FPDFText_GetUnicode`` per character gives the same glyphs."""
    from govinfo.readers import pdf

    bulk = pdf.pdf_pages(path.read_bytes())
    monkeypatch.setattr(pdf, "_page_text", lambda api, tp, count: None)
    each = pdf.pdf_pages(path.read_bytes())
    assert sum(len(p.glyphs) for p in bulk) > 2000
    assert [p.glyphs for p in bulk] == [p.glyphs for p in each]


@pytest.mark.parametrize("path", [HONGZE, HUAIAN], ids=lambda p: p.stem)
def test_a_filled_path_box_from_its_bounds_is_the_box_of_its_points(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filled-only path's rule comes from PDFium's bounds of the object; walking its segments
    (as for any path under a rotated or sheared matrix) finds the same rules."""
    from govinfo.readers import pdf

    bounds = pdf.pdf_pages(path.read_bytes())
    monkeypatch.setattr(pdf, "_axis_aligned", lambda m: False)
    walked = pdf.pdf_pages(path.read_bytes())
    assert sum(len(p.rules) for p in bounds) > 50
    for a, b in zip(bounds, walked, strict=True):
        assert len(a.rules) == len(b.rules)
        for r, s in zip(a.rules, b.rules, strict=True):
            assert (r.x0, r.top, r.x1, r.bottom) == pytest.approx((s.x0, s.top, s.x1, s.bottom), abs=1e-3)


class _FakeApi:
    """Writes ``units`` (UTF-16 code units) as ``FPDFText_GetText`` would, and says it wrote them."""

    def __init__(self, units: list[int]) -> None:
        self.units = units

    def get_text(self, tp: int, start: int, count: int, at: int) -> int:
        import ctypes

        n = min(len(self.units), count)
        buf = (ctypes.c_uint16 * (n + 1)).from_address(at)
        for k, unit in enumerate(self.units[:n]):
            buf[k] = unit
        buf[n] = 0
        return n + 1


@pytest.mark.parametrize(
    ("units", "count", "expected"),
    [
        ([0x89C4, 0x7AE0, 0x31], 3, "规章1"),
        # A character outside the BMP takes two units: indices would shift, so ask per character.
        ([0xD840, 0xDC00, 0x31], 3, None),
        # PDFium leaves control characters out of the page text: fewer units than characters.
        ([0x89C4, 0x31], 3, None),
        ([], 0, ""),
    ],
)
def test_page_text_is_used_only_when_it_matches_one_to_one(
    units: list[int], count: int, expected: str | None
) -> None:
    from govinfo.readers.pdf import _page_text

    assert _page_text(_FakeApi(units), 0, count) == expected  # type: ignore[arg-type]
