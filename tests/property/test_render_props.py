"""The renderers never raise, and nothing a report says can change the structure they draw.

Structure is checked by parsing the output with standards-conforming parsers (html5lib for
HTML; cmark-gfm, GitHub's own Markdown parser, then html5lib, for Markdown) and by display
width (wcwidth) for the text tables; the expected structure comes from the catalogue.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import attrs
import cmarkgfm
import html5lib
import wcwidth
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import Narrative, Report
from govinfo.render._common import BIDI_CONTROLS
from govinfo.table import path_of
from govinfo.testing.strategies import narratives, reports

RENDERERS: tuple[Callable[..., str], ...] = (
    govinfo.render_text,
    govinfo.render_markdown,
    govinfo.render_html,
)
LOCALES = st.sampled_from(["zh_CN", "en", "en_GB", "zh_Hant_TW", "ja"])
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# Text that tries to be markup, structure or a terminal escape, in every format.
NASTY = (
    "<script>alert(1)</script>", "</p></td></tr></table>", "<!--", "]]>", "&amp;", "&lt;", "|", "||",
    "`", "```", "~~~", "\n", "\r\n", "\r", "\n\n", "\t", "    ", "#", "## ", "- ", "+ ", "* ", "1. ",
    "2) ", ">", "---", "===", "***", "_", "**", "[x](http://e.x)", "![i](x.png)", "[^1]", "\\", "$x$",
    "\x00", "\x1b[2J", "\x07", "\x7f", "\x85", "\u2028", "\u2029", "\u202e", "\ufeff", "\u3000\u3000",
    "二、主动公开政府信息情况", "（一）", "+---+", "|---|", "| a | b |", "www.example.com", "@user",
)  # fmt: skip
TEXT = st.text() | st.lists(st.sampled_from(NASTY) | st.text(max_size=3), max_size=8).map("".join)


def _with_titles(narrative: Narrative) -> st.SearchStrategy[Narrative]:
    n = len(narrative.subsections)
    return st.lists(TEXT, min_size=n, max_size=n).map(
        lambda titles: attrs.evolve(
            narrative,
            subsections=tuple(attrs.evolve(s, title=t) for s, t in zip(narrative.subsections, titles)),
        )
    )


HOSTILE_NARRATIVES = narratives(paragraphs=TEXT).flatmap(_with_titles)


@st.composite
def hostile_reports(draw: st.DrawFn) -> Report:
    return attrs.evolve(
        draw(reports()),
        agency=draw(TEXT),
        title=draw(st.none() | TEXT),
        preamble=tuple(draw(st.lists(TEXT, max_size=3))),
        overview=draw(HOSTILE_NARRATIVES),
        problems=draw(HOSTILE_NARRATIVES),
        other_matters=draw(HOSTILE_NARRATIVES),
    )


def narratives_of(report: Report) -> list[Narrative]:
    return [report.overview, report.problems, report.other_matters]


def paragraphs_of(report: Report) -> list[str]:
    return [*report.preamble, *(p for n in narratives_of(report) for p in n.all_paragraphs())]


def parse_html(page: str) -> ET.Element:
    return html5lib.parse(page, treebuilder="etree", namespaceHTMLElements=False)  # type: ignore[no-any-return]


def tags(root: ET.Element) -> set[str]:
    return {e.tag for e in root.iter()}


def count(root: ET.Element, tag: str) -> int:
    return sum(1 for _ in root.iter(tag))


def squeeze(text: str) -> str:
    """Text without whitespace, controls, lone surrogates and U+FFFD, bidirectional controls shown
    as ``[U+202E]``: what must survive every escaping."""
    text = "".join(f"[U+{ord(ch):04X}]" if ch in BIDI_CONTROLS else ch for ch in text)
    return "".join(
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cs") and ch != "\ufffd"
    )


def text_blocks(text: str) -> list[list[str]]:
    """The tables of a text rendering: runs of lines starting with + or |, after the title line."""
    blocks: list[list[str]] = []
    previous = False
    for line in text.splitlines()[1:]:
        is_table = line[:1] in ("+", "|")
        if is_table and not previous:
            blocks.append([])
        if is_table:
            blocks[-1].append(line)
        previous = is_table
    return blocks


def assert_tables_aligned(text: str, report: Report) -> None:
    blocks = text_blocks(text)
    assert len(blocks) == 3
    for block in blocks:
        assert block[0].startswith("+")
        assert block[-1].startswith("+")
        assert len({wcwidth.wcswidth(line) for line in block}) == 1
    # 三: one line per data row, each with 7 values whose | sit at the same columns
    body = blocks[1][next(i for i, line in enumerate(blocks[1]) if line.startswith("+=")) + 1 : -1]
    rows = [line for line in body if line.count("|") == 9]
    assert len(rows) == len(report.requests.spec.rows)
    assert (
        len({tuple(wcwidth.wcswidth(line[:i]) for i, c in enumerate(line) if c == "|") for line in rows}) == 1
    )


@given(report=reports(), locale=LOCALES)
def test_renderers_never_raise_and_text_tables_line_up(report: Report, locale: str) -> None:
    for render in RENDERERS:
        out = render(report, locale=locale)
        assert out.endswith("\n")
    assert_tables_aligned(govinfo.render_text(report, locale=locale), report)


@given(report=hostile_reports())
def test_hostile_text_cannot_alter_the_text_layout(report: Report) -> None:
    text = govinfo.render_text(report)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]", text)
    lines = text.splitlines()
    assert [line for line in lines[1:] if line in HEADINGS] == HEADINGS
    paragraphs = paragraphs_of(report)
    assert sum(line.startswith("\u3000\u3000") for line in lines[1:]) == len(paragraphs)
    subsections = sum(len(n.subsections) for n in narratives_of(report))
    assert sum(bool(re.match(r"（[一二三四五六七八九十]+）", line)) for line in lines[1:]) >= subsections
    tables = sum(len(b) for b in text_blocks(text))
    # title, blank, preamble (+ blank), 6 headings + 5 blanks, paragraphs, subsection titles,
    # tables, blank, agency
    expected = 2 + (len(report.preamble) + 1 if report.preamble else 0) + 11
    expected += len(paragraphs) - len(report.preamble) + subsections + tables + 2
    expected += report.published is not None  # the date under the agency
    assert len(lines) == expected
    assert_tables_aligned(text, report)


ALLOWED_MARKDOWN = {"html", "head", "body", "h1", "h2", "h3", "p", "strong", "hr", "a"}
ALLOWED_MARKDOWN |= {"table", "thead", "tbody", "tr", "th", "td"}


@given(report=hostile_reports())
def test_hostile_text_cannot_alter_the_markdown(report: Report) -> None:
    md = govinfo.render_markdown(report)
    # Raw HTML is let through (UNSAFE), so anything unescaped would show up as an element.
    root = parse_html(cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE))
    assert tags(root) <= ALLOWED_MARKDOWN
    for a in root.iter("a"):  # only GFM's autolinks of bare URLs: plain text, a web or mail address
        assert len(a) == 0
        assert a.get("href", "").lower().startswith(("http://", "https://", "mailto:", "www."))
    assert count(root, "h1") == 1
    assert count(root, "h2") == 6
    assert count(root, "h3") == sum(len(n.subsections) for n in narratives_of(report))
    assert count(root, "hr") == 1
    grids = report.proactive.spec.grids
    # A blank paragraph cannot be written in Markdown: one that is only whitespace once line
    # breaks and tabs are spaces is left out. Other control characters show (as U+FFFD).
    visible = re.compile(r"[^\s]|[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
    nonblank = [p for p in paragraphs_of(report) if visible.search(p)]
    signature = 1 + (report.published is not None)  # the agency and the date
    assert count(root, "p") == len(nonblank) + len(grids) + signature  # + the captions of 二
    tables = list(root.iter("table"))
    assert len(tables) == len(grids) + 2
    # Every line of a pipe table has as many unescaped pipes as its header.
    for block in re.findall(r"(?m)(?:^\|.*\n)+", md):
        pipes = {len(re.findall(r"(?<!\\)\|", line)) for line in block.splitlines()}
        assert len(pipes) == 1
    requests = tables[len(grids)]
    assert count(requests, "tr") == 1 + len(report.requests.spec.rows) + 1  # header, rows, 三、本年度办理结果


ALLOWED_HTML = {"html", "head", "meta", "title", "style", "body", "article", "section", "footer"}
ALLOWED_HTML |= {
    "h1",
    "h2",
    "h3",
    "p",
    "br",
    "span",
    "time",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


@given(report=hostile_reports(), locale=st.sampled_from(["zh_CN", "en"]))
def test_hostile_text_cannot_alter_the_html(report: Report, locale: str) -> None:
    root = parse_html(govinfo.render_html(report, locale=locale))
    assert tags(root) <= ALLOWED_HTML
    assert count(root, "h1") == 1
    assert count(root, "h2") == 6
    assert count(root, "h3") == sum(len(n.subsections) for n in narratives_of(report))
    article = root.find("body/article")
    assert article is not None
    paragraphs = list(article.iter("p"))
    expected = paragraphs_of(report)
    signature = 1 + (report.published is not None)  # the agency and the date
    assert len(paragraphs) == len(expected) + signature
    for element, paragraph in zip(paragraphs, expected):
        assert squeeze("".join(element.itertext())) == squeeze(paragraph)
    assert squeeze("".join(paragraphs[len(expected)].itertext())) == squeeze(report.agency)
    two, three, four = root.iter("table")
    groups = [g for g in two if g.tag == "tbody"]
    assert [len(g) for g in groups] == [2 + len(grid.rows) for grid in report.proactive.spec.grids]
    (head,) = (g for g in three if g.tag == "thead")
    (body,) = (g for g in three if g.tag == "tbody")
    assert len(head) == 3
    assert len(body) == len(report.requests.spec.rows)
    assert all(sum(c.tag == "td" for c in tr) == 7 for tr in body)
    assert [sum(c.tag == "td" for c in tr) for g in four if g.tag == "tbody" for tr in g] == [15]


def _paths(report: Report) -> list[str]:
    return [
        path_of(c, t.spec) for t in (report.proactive, report.requests, report.appeals) for c in t.spec.cells
    ]


@attrs.frozen
class Located:
    path: Any
    code: Any = None


@given(data=st.data(), report=reports(), locale=LOCALES)
def test_findings_never_raise_and_mark_their_cells(data: st.DataObject, report: Report, locale: str) -> None:
    paths = data.draw(st.lists(st.sampled_from(_paths(report)), max_size=6, unique=True))
    junk = data.draw(st.lists(st.one_of(st.none(), st.integers(), TEXT, st.just("$.requests")), max_size=3))
    findings = [Located(p, "E1") for p in paths] + [Located(j, j) for j in junk]
    # A unit (2019 procurement) is printed in its amount's cell, so a finding there marks that cell.
    cells = {re.sub(r"\.unit$", ".amount", p) for p in paths}
    md = govinfo.render_markdown(report, locale=locale, findings=findings)
    assert sum(line.count("\\*") for line in md.splitlines() if line.startswith("|")) == len(cells)
    text = govinfo.render_text(report, locale=locale, findings=findings)
    marked = sum(line.count("*") for block in text_blocks(text) for line in block)
    assert marked == len(cells)
    assert_tables_aligned(text, report)
    flagged = list(parse_html(govinfo.render_html(report, locale=locale, findings=findings)).iter("td"))
    assert sum(td.get("class") == "flagged" for td in flagged) == len(cells)
