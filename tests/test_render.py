"""The renderers against the published Linping report and the format specification.

Expected values are read from the published text (tests/data/linping-education-2023.txt) or
written here by hand from report-format.md §2–4; none is computed by the renderers.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import html5lib
import pytest
import wcwidth

import govinfo
from govinfo import Narrative, Report, Subsection
from govinfo.catalogue import get_edition
from govinfo.table import Cell

DATA = Path(__file__).parent / "data"
PUBLISHED = (DATA / "linping-education-2023.txt").read_text(encoding="utf-8")
RENDERERS: dict[str, Callable[..., str]] = {
    "text": govinfo.render_text,
    "markdown": govinfo.render_markdown,
    "html": govinfo.render_html,
}
CJK = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def linping() -> Report:
    return govinfo.examples.linping_education_2023()


# --- reading the published text --------------------------------------------------------------


def published_cells(start: str, end: str) -> list[str]:
    """The non-empty cells (one per line) of the published text between two headings."""
    lines = PUBLISHED.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == start)
    last = next(i for i, line in enumerate(lines) if line.strip() == end)
    return [s for s in (line.strip() for line in lines[first + 1 : last]) if s]


def published_rows(cells: list[str]) -> list[tuple[str, list[int]]]:
    """(label, numbers) in published order: numbers belong to the last label before them."""
    rows: list[tuple[str, list[int]]] = []
    label = None
    for cell in cells:
        if cell.isdigit():
            if not rows or rows[-1][0] != label:
                assert label is not None
                rows.append((label, []))
            rows[-1][1].append(int(cell))
        else:
            label = cell
    return rows


SECTION_2 = published_rows(published_cells("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"))
SECTION_3 = published_rows(
    published_cells("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况")
)
SECTION_4 = [
    int(c)
    for c in published_cells("四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")
    if c.isdigit()
]


def test_the_published_text_reads_as_expected() -> None:
    # Guards the reading above: 6 rows in 二, 25 in 三 (2021 edition), 15 numbers in 四.
    assert [label for label, _ in SECTION_2] == [
        "规章",
        "行政规范性文件",
        "行政许可",
        "行政处罚",
        "行政强制",
        "行政事业性收费",
    ]
    assert SECTION_2[-1] == ("行政事业性收费", [11615])
    assert len(SECTION_3) == 25
    assert all(len(values) == 7 for _, values in SECTION_3)
    assert SECTION_3[0] == ("一、本年新收政府信息公开申请数量", [12, 0, 0, 0, 0, 0, 12])
    assert SECTION_4 == [0] * 15


# --- reading the renderings back (independently of the renderers) ----------------------------


def number(text: str) -> int | None:
    text = text.strip().replace(",", "")
    return int(text) if text else None


def text_blocks(text: str) -> list[list[str]]:
    """The text rendering's tables: runs of lines starting with ``+`` or ``|``."""
    blocks: list[list[str]] = []
    previous = False
    for line in text.splitlines():
        is_table = line[:1] in ("+", "|")
        if is_table:
            if not previous:
                blocks.append([])
            blocks[-1].append(line)
        previous = is_table
    return blocks


def text_rows(block: list[str]) -> list[list[str]]:
    return [[c.strip() for c in line[1:-1].split("|")] for line in block if line.startswith("|")]


def markdown_blocks(text: str) -> list[list[list[str]]]:
    """The Markdown rendering's tables, each as rows of cells (header first, rule dropped)."""
    blocks: list[list[list[str]]] = []
    previous = False
    for line in text.splitlines():
        is_table = line.startswith("|")
        if is_table:
            if not previous:
                blocks.append([])
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if not all(set(c) <= set("-:") for c in cells):
                blocks[-1].append(cells)
        previous = is_table
    return blocks


def parse_html(page: str) -> ET.Element:
    return html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)  # type: ignore[no-any-return]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def html_rows(table: ET.Element, part: str | None = None) -> list[list[ET.Element]]:
    groups = [g for g in table if g.tag in ("thead", "tbody") and (part is None or g.tag == part)]
    return [[c for c in tr if c.tag in ("th", "td")] for g in groups for tr in g if tr.tag == "tr"]


def data_rows(fmt: str, page: str) -> list[list[tuple[str, list[int | None]]]]:
    """For 二, 三 and 四, (label, values) of every row holding values, in order."""
    if fmt == "text":
        out = []
        for block in text_blocks(page):
            rows = []
            for r in text_rows(block):
                if _numeric(r):  # 四: values only
                    rows.append(("", [number(v) for v in r]))
                elif len(r) > 1 and _numeric(r[1:]):
                    rows.append((r[0], [number(v) for v in r[1:]]))
            out.append(rows)
        return out
    if fmt == "markdown":
        # the group row of 三 holds no values: it is not a data row
        groups = (fold("三、本年度办理结果"), fold("III. Outcomes this year"))
        blocks = [
            [(r[0], [number(v) for v in r[1:]]) for r in block[1:] if fold(r[0]) not in groups]
            for block in markdown_blocks(page)
        ]
        # 二's sub-tables come first (one per grid), then 三, then 四.
        return [[r for b in blocks[:-2] for r in b], blocks[-2], blocks[-1]]
    out = []
    for table in parse_html(page).iter("table"):
        rows = []
        for cells in html_rows(table, "tbody"):
            tds = [c for c in cells if c.tag == "td"]
            ths = [c for c in cells if c.tag == "th"]
            if tds:
                rows.append((text_of(ths[-1]) if ths else "", [number(text_of(td)) for td in tds]))
        out.append(rows)
    return out


def _numeric(cells: list[str]) -> bool:
    return all(re.fullmatch(r"[\d,]*", c) for c in cells)


# --- the Linping report, as published -----------------------------------------------------


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_linping_every_number_as_published(fmt: str, locale: str) -> None:
    page = RENDERERS[fmt](linping(), locale=locale)
    two, three, four = data_rows(fmt, page)
    assert [values for _, values in two] == [values for _, values in SECTION_2]
    assert [values for _, values in three] == [values for _, values in SECTION_3]
    assert [v for _, values in four for v in values] == SECTION_4
    if locale == "zh_CN":
        # and each row under its published label (the last part of the full label)
        for (label, _), (published, _) in zip(three, SECTION_3):
            assert fold(label).endswith(fold(published))
        assert [fold(label) for label, _ in two] == [fold(label) for label, _ in SECTION_2]


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_linping_every_label_and_sentence_as_published(fmt: str) -> None:
    page = RENDERERS[fmt](linping())
    if fmt == "html":
        page = text_of(parse_html(page).find("body"))  # type: ignore[arg-type]
    rendered = fold(page)
    missing = [
        line.strip()
        for line in PUBLISHED.splitlines()
        if line.strip() and not line.strip().isdigit() and fold(line) not in rendered
    ]
    assert missing == []


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_english_labels_headings_and_units(fmt: str) -> None:
    report = linping()
    page = RENDERERS[fmt](report, locale="en")
    # Only the report's own words (agency, prose, subsection titles) stay Chinese.
    own = [report.agency]
    for narrative in (report.overview, report.problems, report.other_matters):
        own += narrative.all_paragraphs()
        own += [s.title for s in narrative.subsections]
    for text in sorted(own, key=len, reverse=True):
        assert text in page
        page = page.replace(text, "")
    assert CJK.findall(page) == []
    for english in (
        "Overview",
        "Natural persons",
        "Administrative review",
        "(3) Not disclosed",
        "1. State secret",
    ):
        assert english in page
    if fmt != "html":  # a full label on one line; HTML has the group in a cell of its own
        assert "(3) Not disclosed · 1. State secret" in page


def test_english_headings_numbered_in_roman() -> None:
    lines = govinfo.render_text(linping(), locale="en").splitlines()
    headings = [line for line in lines if re.match(r"[IVX]+\. ", line)]
    assert [h.split(". ")[0] for h in headings] == ["I", "II", "III", "IV", "V", "VI"]
    assert "(1) 主动公开情况" in lines


def test_chinese_layout_of_the_text() -> None:
    lines = govinfo.render_text(linping()).splitlines()
    assert lines[0] == "杭州市临平区教育局2023年度政府信息公开工作年度报告"
    assert lines[1] == ""
    headings = [line for line in lines if re.match(r"[一二三四五六]、", line)]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    subsections = [line for line in lines if line.startswith("（")]
    assert subsections == [
        "（一）主动公开情况",
        "（二）依申请公开情况",
        "（三）政府信息管理情况",
        "（四）平台建设情况",
        "（五）监督保障情况",
    ]
    assert "\u3000\u3000本年度未收取信息处理费。" in lines
    assert lines[-1].endswith("杭州市临平区教育局")
    assert lines[-1].startswith("  ")


# --- section 三 lines up ----------------------------------------------------------------------


def separators(line: str) -> list[int]:
    """The display columns (by wcwidth, not govinfo's own width function) of ``|`` and ``+``."""
    return [wcwidth.wcswidth(line[:i]) for i, ch in enumerate(line) if ch in "|+"]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize(
    ("edition", "variant"),
    [("2021", "divided-other"), ("2021", "undivided-other"), ("2019", "undivided-other")],
)
def test_section_three_columns_line_up(edition: str, variant: str, locale: str) -> None:
    base = linping() if edition == "2021" else Report(edition="2019", agency="某县教育局", year=2020)
    spec = get_edition(edition).request_layout(variant)
    cells = {(c.row.key, c.column.key): 1000 * (c.index % 3) + c.index for c in spec.cells}
    report = attrs.evolve(base, requests=govinfo.RequestTable.from_cells(spec, cells))
    three = text_blocks(govinfo.render_text(report, locale=locale))[1]
    body = three[next(i for i, line in enumerate(three) if line.startswith("+=")) :]
    data = [line for line in body if line.startswith("|") and len(line.split("|")) == 10]
    assert len(data) == len(spec.rows)
    columns = separators(data[0])
    assert len(columns) == 9
    for line in data:
        assert separators(line) == columns
    for line in three:  # every line, borders and headers included, ends at the same column
        assert wcwidth.wcswidth(line) == columns[-1] + 1
        assert set(separators(line)) <= set(columns)
    # and the values are those given, row by row (grouped with commas by Python, not Babel)
    for line, row in zip(data, spec.rows):
        values = [c.strip() for c in line[1:-1].split("|")[1:]]
        assert values == [f"{cells[row.key, c.key]:,}" for c in spec.grids[0].columns]


# --- HTML: the official merged cells ----------------------------------------------------------


def spans(row: list[ET.Element]) -> list[tuple[str, int, int]]:
    return [(c.tag, int(c.get("rowspan", "1")), int(c.get("colspan", "1"))) for c in row]


def tables_of(report: Report, locale: str = "zh_CN") -> list[ET.Element]:
    return list(parse_html(govinfo.render_html(report, locale=locale)).iter("table"))


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_html_section_three_2021_merged_cells(locale: str) -> None:
    table = tables_of(linping(), locale)[1]
    head = html_rows(table, "thead")
    # report-format.md §3.1: the note (colspan 3, rowspan 3) and 申请人情况 (colspan 7); 自然人 and
    # 总计 (rowspan 2) around 法人或其他组织 (colspan 5); then the five organisations.
    assert spans(head[0]) == [("td", 3, 3), ("th", 1, 7)]
    assert spans(head[1]) == [("th", 2, 1), ("th", 1, 5), ("th", 2, 1)]
    assert spans(head[2]) == [("th", 1, 1)] * 5
    body = html_rows(table, "tbody")
    assert len(body) == 25
    value = [("td", 1, 1)] * 7
    assert spans(body[0]) == [("th", 1, 3), *value]  # 一
    assert spans(body[1]) == [("th", 1, 3), *value]  # 二
    assert spans(body[2]) == [("th", 22, 1), ("th", 1, 2), *value]  # 三 (rowspan 22) · （一）
    assert spans(body[3]) == [("th", 1, 2), *value]  # （二）
    assert spans(body[4]) == [("th", 8, 1), ("th", 1, 1), *value]  # （三） rowspan 8 · 1.
    assert all(spans(r) == [("th", 1, 1), *value] for r in body[5:12])  # （三）2.–8.
    assert spans(body[12]) == [("th", 3, 1), ("th", 1, 1), *value]  # （四） rowspan 3
    assert spans(body[15]) == [("th", 5, 1), ("th", 1, 1), *value]  # （五） rowspan 5
    assert spans(body[20]) == [("th", 3, 1), ("th", 1, 1), *value]  # （六） rowspan 3
    assert spans(body[23]) == [("th", 1, 2), *value]  # （七）总计
    assert spans(body[24]) == [("th", 1, 3), *value]  # 四
    scopes = [c.get("scope") for c in body[4] if c.tag == "th"]
    assert scopes == ["rowgroup", "row"]
    if locale == "zh_CN":
        assert [text_of(c) for c in body[2][:2]] == ["三、本年度办理结果", "（一）予以公开"]
        assert [text_of(c) for c in body[20][:2]] == [
            "（六）其他处理",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_html_section_three_undivided_other(edition: str) -> None:
    spec = get_edition(edition).request_layout("undivided-other")
    base = Report(edition=edition, agency="某县", year=2020 if edition == "2019" else 2023)
    report = attrs.evolve(
        base, requests=govinfo.RequestTable.from_cells(spec, {("results.other", "total"): 5})
    )
    body = html_rows(tables_of(report)[1], "tbody")
    assert len(body) == 23
    value = [("td", 1, 1)] * 7
    assert spans(body[2]) == [("th", 20, 1), ("th", 1, 2), *value]  # §3.3: 三 spans 20 rows
    assert spans(body[20]) == [("th", 1, 2), *value]  # （六）其他处理, one undivided row
    assert text_of(body[20][0]) == "（六）其他处理"
    assert [text_of(c) for c in body[20][1:]] == ["", "", "", "", "", "", "5"]
    assert spans(body[21]) == [("th", 1, 2), *value]  # （七）总计


def test_html_section_four_merged_cells() -> None:
    table = tables_of(linping())[2]
    head = html_rows(table, "thead")
    # report-format.md §4
    assert spans(head[0]) == [("th", 1, 5), ("th", 1, 10)]
    assert [text_of(c) for c in head[0]] == ["行政复议", "行政诉讼"]
    assert spans(head[1]) == [("th", 2, 1)] * 5 + [("th", 1, 5)] * 2
    assert [text_of(c) for c in head[1]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert spans(head[2]) == [("th", 1, 1)] * 10
    assert [text_of(c) for c in head[2]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2
    body = html_rows(table, "tbody")
    assert spans(body[0]) == [("td", 1, 1)] * 15


def test_html_section_two_merged_cells_2021() -> None:
    table = tables_of(linping())[0]
    groups = [g for g in table if g.tag == "tbody"]
    assert len(groups) == 4
    rows = [[list(tr) for tr in g] for g in groups]
    # §2: a caption row spanning all columns, a header row starting 信息内容; §2.1: in the
    # one-column sub-tables the value spans 3 columns.
    assert [spans(g[0]) for g in rows] == [[("th", 1, 4)]] * 4
    assert [text_of(g[0][0]) for g in rows] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert spans(rows[0][1]) == [("th", 1, 1)] * 4
    assert [spans(r) for r in rows[0][2:]] == [[("th", 1, 1), *[("td", 1, 1)] * 3]] * 2
    for g in rows[1:]:
        assert spans(g[1]) == [("th", 1, 1), ("th", 1, 3)]
        assert text_of(g[1][0]) == "信息内容"
        assert all(spans(r) == [("th", 1, 1), ("td", 1, 3)] for r in g[2:])
    assert text_of(rows[3][2][1]) == "11,615"


def test_html_section_two_2019_with_unit_and_signed_change() -> None:
    spec = get_edition("2019").proactive
    cells: dict[tuple[str, str], Cell] = {
        ("licensing", "net_change"): -8,
        ("procurement", "amount"): Decimal("103.3879"),
        ("procurement", "unit"): "万元",
        ("fees", "items_last_year"): 2,
    }
    report = Report(
        edition="2019", agency="某县", year=2020, proactive=govinfo.Proactive.from_cells(spec, cells)
    )
    table = tables_of(report)[0]
    groups = [[list(tr) for tr in g] for g in table if g.tag == "tbody"]
    assert len(groups) == 5
    assert [spans(g[0]) for g in groups] == [[("th", 1, 4)]] * 5
    # three-column sub-grids need no span; the two-column ones (（八）, （九）) span the last column
    assert spans(groups[1][2]) == [("th", 1, 1), *[("td", 1, 1)] * 3]
    assert spans(groups[3][2]) == [("th", 1, 1), ("td", 1, 1), ("td", 1, 2)]
    assert [text_of(c) for c in groups[1][2]] == ["行政许可", "", "-8", ""]
    assert [text_of(c) for c in groups[4][1]] == ["信息内容", "采购项目数量", "采购总金额"]
    assert [text_of(c) for c in groups[4][2]] == ["政府集中采购", "", "103.3879万元"]
    en = tables_of(report, "en")[0]
    assert "103.3879 (10,000 yuan)" in [text_of(c) for c in en.iter("td")]


def test_html_document_is_accessible_and_self_contained() -> None:
    page = govinfo.render_html(linping())
    root = parse_html(page)
    assert root.get("lang") == "zh-CN"
    assert root.find("head/meta[@charset]").get("charset") == "utf-8"  # type: ignore[union-attr]
    tables = list(root.iter("table"))
    assert [text_of(t.find("caption")) for t in tables] == [  # type: ignore[arg-type]
        "主动公开政府信息情况",
        "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况",
    ]
    ths = [th for t in tables for th in t.iter("th")]
    assert all(th.get("scope") in ("col", "colgroup", "row", "rowgroup") for th in ths)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    for td in (td for t in tables for td in t.iter("td") if "note" not in (td.get("class") or "")):
        assert td.get("headers")
        assert set(td.get("headers", "").split()) <= set(ids)
    assert not [e for e in root.iter() if e.tag in ("script", "link", "img", "iframe")]
    assert parse_html(govinfo.render_html(linping(), locale="en")).get("lang") == "en"


# --- cells: blank, wrong totals, money, locales ----------------------------------------------


def with_cells(report: Report, table: str, changes: dict[tuple[str, str], object]) -> Report:
    t = getattr(report, table)
    for (row, column), value in changes.items():
        t = t.replace(row, column, value)
    return attrs.evolve(report, **{table: t})


def test_blank_cells_are_blank_and_wrong_totals_as_stated() -> None:
    report = with_cells(
        linping(),
        "requests",
        {
            ("new_received", "commercial"): None,
            ("results.total", "total"): 99,
            ("carried_forward", "total"): None,
        },
    )
    text_rows_ = text_rows(text_blocks(govinfo.render_text(report))[1])
    new = next(r for r in text_rows_ if r[0].endswith("一、本年新收政府信息公开申请数量"))
    assert new[1:] == ["12", "", "0", "0", "0", "0", "12"]
    total = next(r for r in text_rows_ if r[0].endswith("（七）总计"))
    assert total[-1] == "99"
    forward = next(r for r in text_rows_ if r[0].endswith("四、结转下年度继续办理"))
    assert forward[-1] == ""
    md = markdown_blocks(govinfo.render_markdown(report))[4]
    assert next(r for r in md if r[0] == "一、本年新收政府信息公开申请数量")[1:] == [
        "12",
        "",
        "0",
        "0",
        "0",
        "0",
        "12",
    ]
    html_body = html_rows(tables_of(report)[1], "tbody")
    assert [text_of(c) for c in html_body[0][1:]] == ["12", "", "0", "0", "0", "0", "12"]
    assert text_of(html_body[23][-1]) == "99"


@pytest.mark.parametrize(
    ("amount", "zh", "fr"),
    [
        ("0.5000", "0.5000", "0,5000"),
        ("11615", "11,615", "11\u202f615"),
        ("1234567.10", "1,234,567.10", "1\u202f234\u202f567,10"),
        ("1E+3", "1,000", "1\u202f000"),
        ("12345678901234567890123456789012.1234", "12,345,678,901,234,567,890,123,456,789,012.1234", None),
    ],
)
def test_money_keeps_its_stated_precision(amount: str, zh: str, fr: str | None) -> None:
    report = with_cells(linping(), "proactive", {("fees", "amount"): Decimal(amount)})
    assert f" {zh} |" in govinfo.render_text(report)
    assert f" {zh} |" in govinfo.render_markdown(report)
    if fr is not None:
        # French writes 11 615 and 0,5: numbers that would not read back, so it is refused.
        with pytest.raises(govinfo.RenderError) as info:
            govinfo.render_text(report, locale="fr")
        assert info.value.code == "unreadable_locale"


def test_other_locales_keep_chinese_labels_and_their_own_numbers() -> None:
    report = with_cells(linping(), "proactive", {("licensing", "decisions"): 1955})
    text = govinfo.render_text(report, locale="zh_Hant_TW")
    assert "一、总体情况" in text
    assert "本年处理决定数量" in text
    assert " 1,955 |" in text
    page = govinfo.render_html(report, locale="ja")
    assert parse_html(page).get("lang") == "zh-CN"
    assert "1,955" in page


@pytest.mark.parametrize("locale", ["de_DE", "de", "fr", "ru", "es"])
def test_locales_whose_numbers_do_not_read_back_are_refused(locale: str) -> None:
    # German 11615 is "11.615": read back, 11.615. Refused rather than silently misread.
    with pytest.raises(govinfo.RenderError) as info:
        govinfo.render_text(linping(), locale=locale)
    assert info.value.code == "unreadable_locale"
    assert "zh_CN" in info.value.message


@pytest.mark.parametrize("fmt", list(RENDERERS))
@pytest.mark.parametrize("locale", ["xx_YY", "", "zh-XX-bad!", 7])
def test_unknown_locale(fmt: str, locale: object) -> None:
    with pytest.raises(govinfo.RenderError) as info:
        RENDERERS[fmt](linping(), locale=locale)
    assert info.value.code == "unknown_locale"
    assert isinstance(info.value, govinfo.GovinfoError)


def test_locale_spelled_with_a_hyphen() -> None:
    assert govinfo.render_text(linping(), locale="zh-CN") == govinfo.render_text(linping())


def test_publication_date_in_the_signature() -> None:
    report = attrs.evolve(linping(), published=dt.date(2024, 1, 15))
    assert govinfo.render_text(report).splitlines()[-1].strip() == "2024年1月15日"
    assert govinfo.render_text(report, locale="en").splitlines()[-1].strip() == "January 15, 2024"
    assert '<time datetime="2024-01-15">2024年1月15日</time>' in govinfo.render_html(report)
    assert govinfo.render_markdown(report).endswith("---\n\n杭州市临平区教育局\n\n2024年1月15日\n")


# --- findings -----------------------------------------------------------------------------------


@attrs.frozen
class FakeFinding:
    """Stands in for :class:`govinfo.validation.Finding`: the renderers only read these attributes."""

    path: str
    code: str
    message_zh: str = "总计不符"
    message_en: str = "total differs"


def finding(path: str, code: str = "E3-results-total") -> FakeFinding:
    return FakeFinding(path, code)


def test_findings_mark_cells_and_are_listed() -> None:
    report = with_cells(linping(), "requests", {("results.total", "natural_person"): 13})
    findings = [
        finding("$.requests.results.total.natural_person"),
        finding("$.appeals.review", "E4-appeal-total"),  # a whole row
        finding("$.requests", "table"),  # a whole table: listed, marks nothing
        finding("$.overview.paragraphs[0]", "S6"),
    ]
    text = govinfo.render_text(report, findings=findings)
    total = next(r for r in text_rows(text_blocks(text)[1]) if r[0].endswith("（七）总计"))
    assert total[1:] == ["13*", "0", "0", "0", "0", "0", "12"]
    four = text_rows(text_blocks(text)[2])[-1]
    assert four == ["0*"] * 5 + ["0"] * 10
    assert text.count("*") == 6
    tail = text.splitlines()[-5:]
    assert tail[0] == "校验发现"
    assert tail[1] == "[1] $.requests.results.total.natural_person [E3-results-total] 总计不符"
    assert tail[4] == "[4] $.overview.paragraphs[0] [S6] 总计不符"
    assert "total differs" in govinfo.render_text(report, locale="en", findings=findings)

    md = govinfo.render_markdown(report, findings=findings)
    assert next(r for r in markdown_blocks(md)[4] if r[0] == "（七）总计")[1] == "13\\*"
    assert "1. \\$.requests.results.total.natural\\_person \\[E3-results-total\\] 总计不符" in md

    root = parse_html(govinfo.render_html(report, findings=findings))
    flagged = [td for td in root.iter("td") if td.get("class") == "flagged"]
    assert len(flagged) == 6
    assert flagged[0].get("aria-describedby") == "finding-1"
    assert text_of(flagged[0]) == "13*"
    items = [text_of(li) for li in root.iter("li")]
    assert items[0] == "$.requests.results.total.natural_person [E3-results-total] 总计不符"
    assert len(items) == 4


def test_no_findings_no_marks() -> None:
    for fmt, render in RENDERERS.items():
        assert render(linping(), findings=[]) == render(linping()), fmt
        assert "校验发现" not in render(linping(), findings=[])


# --- hostile text -------------------------------------------------------------------------------

HOSTILE = (
    "<script>alert(1)</script>",
    "| a | b |\n|---|---|\n| c | d |",
    "```\ncode\n```",
    "\n\n## 七、假的标题\n",
    "二、主动公开政府信息情况",
    "\x00\x1b[2J\x07\r\n\u2028\u2029\t&amp; &lt; *x* _y_ `z` [l](http://e.x) ![i](x.png)",
    "    indented code",
    "1. list\n- item\n> quote\n---\n===",
)


def hostile() -> Report:
    narrative = Narrative(
        paragraphs=HOSTILE, subsections=(Subsection(title="<b>x</b>\n| y", paragraphs=HOSTILE),)
    )
    return attrs.evolve(
        linping(),
        agency="<i>机关</i>|\n#",
        title="# <h1>标题</h1>\n|",
        preamble=HOSTILE,
        overview=narrative,
        problems=narrative,
        other_matters=narrative,
    )


def test_hostile_text_is_text_in_html() -> None:
    root = parse_html(govinfo.render_html(hostile()))
    tags = {e.tag for e in root.iter()} - {"html", "head", "body"}
    assert tags <= {"meta", "title", "style", "article", "section", "h1", "h2", "h3", "p", "br", "span"} | {
        "table", "caption", "thead", "tbody", "tr", "th", "td", "footer"
    }  # fmt: skip
    assert len(list(root.iter("table"))) == 3
    assert len(list(root.iter("h2"))) == 6
    assert len(list(root.iter("h3"))) == 3
    paragraphs = list(root.find("body/article").iter("p"))  # type: ignore[union-attr]
    assert len(paragraphs) == len(HOSTILE) * 7 + 1  # preamble, 3 × (paragraphs + subsection's), signature
    assert text_of(paragraphs[0]) == "<script>alert(1)</script>"
    assert "\x00" not in govinfo.render_html(hostile())


def test_hostile_text_cannot_alter_the_text_layout() -> None:
    text = govinfo.render_text(hostile())
    lines = text.splitlines()
    assert lines[0] == "# <h1>标题</h1> |"
    assert [line for line in lines if re.match(r"[一二三四五六七]、", line)] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert sum(line.startswith("\u3000\u3000") for line in lines) == len(HOSTILE) * 7
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text)
    assert len(text_blocks(text)) == 3


def test_hostile_text_cannot_alter_the_markdown() -> None:
    md = govinfo.render_markdown(hostile())
    assert len([line for line in md.splitlines() if line.startswith("## ")]) == 6
    assert len([line for line in md.splitlines() if line.startswith("### ")]) == 3
    assert len(markdown_blocks(md)) == 6
    assert "\\<script\\>" in md


# --- a real 2021-edition report whose （六） is one row, with wrong totals ----------------------


def hongze() -> Report:
    return Report.from_json((DATA / "hongze-government-2023.tables.json").read_bytes())


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_hongze_undivided_other_and_wrong_totals_as_published(fmt: str) -> None:
    two, three, four = data_rows(fmt, RENDERERS[fmt](hongze()))
    # tests/data/README.md: 四 as published, both 总计 wrong (10 + 1 stated as 0; 5 stated as 0).
    assert [v for _, values in four for v in values] == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
    # （六）其他处理 is one row (23 rows in all), between （五）5. and （七）总计.
    assert len(three) == 23
    labels = [fold(label) for label, _ in three]
    other = next(i for i, label in enumerate(labels) if label.endswith(fold("（六）其他处理")))
    assert labels[other - 1].endswith(fold("5.要求行政机关确认或重新出具已获取信息"))
    assert labels[other + 1].endswith(fold("（七）总计"))
    # Section 二 was not given: every cell blank, none 0.
    assert all(v is None for _, values in two for v in values)
    assert len(two) == 6


def test_a_finding_on_a_unit_marks_the_amount_that_shows_it() -> None:
    spec = get_edition("2019").proactive
    cells: dict[tuple[str, str], Cell] = {
        ("procurement", "amount"): Decimal("251000"),
        ("procurement", "unit"): "元",
    }
    report = Report(
        edition="2019", agency="某县", year=2020, proactive=govinfo.Proactive.from_cells(spec, cells)
    )
    text = govinfo.render_text(report, findings=[FakeFinding("$.proactive.procurement.unit", "S5")])
    row = next(r for r in text_rows(text_blocks(text)[0]) if r[0] == "政府集中采购")
    assert row[1:] == ["", "251,000元*"]
    assert text.splitlines()[-1] == "[1] $.proactive.procurement.unit [S5] 总计不符"
