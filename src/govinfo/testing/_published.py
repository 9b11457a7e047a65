"""Published-looking text: ``render_text`` output with the noise of real copies (report-format.md §7).

Each deviation is a function that changes the lines of a rendered report the way published
or scraped copies differ from the clean layout, and changes the report too when the text it
encodes changes (D24 folds the report's own text). Only deviations that govinfo's parser
reads back exactly are made, so ``govinfo.parse(text) == report`` holds for every pair: the
strategies that use this module (:func:`govinfo.testing.strategies.published_texts`) are
tested for it.

Every choice is made through ``draw`` so that Hypothesis can shrink it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from ..catalogue import common
from ..narrative import Narrative, Subsection
from ..report import Report

__all__ = ["DEVIATIONS", "add_noise"]

T = TypeVar("T")

#: Cell texts that mean "not stated" in published tables (D1, D3, D4; report-format.md §6).
FILLERS = ("/", "-", "—", "－", "无")
#: Lines of the web page around a report (site navigation, print and share links, footer).
CHROME_BEFORE = (
    "当前位置：首页 > 政府信息公开 > 政府信息公开年报",
    "【字体：大 中 小】",
    "分享到：",
    "索引号：（见页面）",
)
CHROME_AFTER = (
    "【打印本页】【关闭窗口】",
    "扫一扫在手机打开当前页",
    "主办单位：区人民政府办公室",
    "网站标识码：3301130001",
    "浙ICP备05012345号",
)


@attrs.define
class Line:
    """One line of the rendered text and what it is."""

    #: title, text, heading, subheading, paragraph, border, head, caption, group, data,
    #: blank, signature, chrome
    kind: str
    text: str
    #: The key of the section the line is in ("" before the first heading).
    section: str = ""


Draw = Callable[[st.SearchStrategy[Any]], Any]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _blank(text: str) -> str:
    return " " * _width(text)


def classify(text: str, report: Report) -> list[Line]:
    """The lines of ``render_text(report)`` (zh_CN), each with its kind."""
    headings = {f"{common.NUMERALS[i]}、{s.label}": s for i, s in enumerate(report.edition_spec.sections)}
    out: list[Line] = []
    section = None
    mode = "head"
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    in_title = True
    for line in lines:
        key = section.key if section is not None else ""
        if in_title:
            if line == "":
                in_title = False
                out.append(Line("blank", line, key))
            else:
                out.append(Line("title", line, key))
            continue
        if line in headings:
            section = headings[line]
            mode = "head"
            out.append(Line("heading", line, section.key))
        elif line == "":
            out.append(Line("blank", line, key))
        elif line.startswith("\u3000"):
            out.append(Line("paragraph", line, key))
        elif line.startswith("+") or (line.startswith("|") and "+-" in line):
            if "=" in line:
                mode = "data"
            out.append(Line("border", line, key))
        elif line.startswith("|"):
            single = len(cells_of(line)) == 1
            if single and key == "proactive":
                mode = "head"
                out.append(Line("caption", line, key))
            elif single:
                out.append(Line("group", line, key))
            else:
                out.append(Line(mode, line, key))
        elif (
            line.startswith(" ")
            and section is not None
            and section.key == report.edition_spec.sections[-1].key
        ):
            out.append(Line("signature", line, key))
        elif section is not None and section.kind == "narrative":
            out.append(Line("subheading", line, key))
        else:
            out.append(Line("text", line, key))
    return out


def cells_of(line: str) -> list[str]:
    """The cells between the bars of a content line (``"| a | b |"`` → ``[" a ", " b "]``)."""
    return line.split("|")[1:-1]


def _with_cell(line: str, k: int, text: str) -> str:
    parts = line.split("|")
    parts[k + 1] = text
    return "|".join(parts)


def _centre(text: str, width: int) -> str:
    pad = max(width - _width(text), 0)
    return " " * (pad // 2) + text + " " * (pad - pad // 2)


def _cells(lines: list[Line], kinds: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(line index, cell index, cell text)`` of every cell on lines of these kinds."""
    return [
        (i, k, cell)
        for i, line in enumerate(lines)
        if line.kind in kinds
        for k, cell in enumerate(cells_of(line.text))
    ]


def _pick(draw: Draw, items: Sequence[T], at_most: int = 3) -> list[T]:
    """Up to ``at_most`` distinct items (none when there are none)."""
    if not items:
        return []
    return list(draw(st.lists(st.sampled_from(items), min_size=1, max_size=at_most, unique=True)))


# --- the deviations ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _fold_narrative(n: Narrative) -> Narrative:
    return Narrative(
        paragraphs=tuple(map(_fold, n.paragraphs)),
        subsections=tuple(
            Subsection(title=_fold(s.title), paragraphs=tuple(map(_fold, s.paragraphs)))
            for s in n.subsections
        ),
    )


def d24_half_width(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D24: the whole copy NFKC-folded (``（一）`` → ``(一)``, ``：`` → ``:``), as scrapers do."""
    for line in lines:
        line.text = _fold(line.text)
    return attrs.evolve(
        report,
        agency=_fold(report.agency),
        title=None if report.title is None else _fold(report.title),
        preamble=tuple(map(_fold, report.preamble)),
        overview=_fold_narrative(report.overview),
        problems=_fold_narrative(report.problems),
        other_matters=_fold_narrative(report.other_matters),
    )


def _words(lines: list[Line]) -> list[tuple[int, int, str]]:
    """Header cells holding a word of two characters or more."""
    return [(i, k, c) for i, k, c in _cells(lines, ["head"]) if len(c.strip()) >= 2 and " " not in c.strip()]


#: Sections whose header D8 does not split (yet): the parser cannot place a 四 table whose
#: header word runs over two lines of its cell (reported; lift this when it can). D8 also
#: splits at most one word per table, for the same reason.
D8_SKIPS = ("appeals",)


def d8_split_header(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D8: a header word broken over two lines of its cell (``商业\\n企业``)."""
    words = [(i, k, c) for i, k, c in _words(lines) if lines[i].section not in D8_SKIPS]
    chosen: dict[int, list[tuple[int, str]]] = {}
    tables: set[str] = set()
    for i, k, cell in _pick(draw, words, 2):
        # One split word per table: the parser cannot yet place a table where two header
        # cells run over, on one line or in two sub-grids of 二 (reported; lift when it can).
        if lines[i].section not in tables:
            tables.add(lines[i].section)
            chosen[i] = [(k, cell)]
    for i in sorted(chosen, reverse=True):  # one continuation line under each header line
        line = lines[i].text
        rest = "|".join(_blank(part) for part in line.split("|"))
        for k, cell in chosen[i]:
            word = cell.strip()
            cut = draw(st.integers(1, len(word) - 1))
            line = _with_cell(line, k, _centre(word[:cut], _width(cell)))
            rest = _with_cell(rest, k, _centre(word[cut:], _width(cell)))
        lines[i].text = line
        lines.insert(i + 1, Line("head", rest, lines[i].section))
    return report


def d9_spaced_header(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D9: a header word split by a space instead (``商业 企业``)."""
    for i, k, cell in _pick(draw, _words(lines)):
        word = cell.strip()
        cut = draw(st.integers(1, len(word) - 1))
        lines[i].text = _with_cell(lines[i].text, k, _centre(word[:cut] + " " + word[cut:], _width(cell)))
    return report


def d15_spaced_label(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D15: stray spaces inside a row label or caption (``（三） 不予公开``, ``第二十条  第（五）项``)."""
    labels = [
        (i, k, c)
        for i, k, c in _cells(lines, ["data", "caption"])
        if k == 0 and len(c.strip().lstrip("\u3000")) >= 2
    ]
    for i, k, cell in _pick(draw, labels):
        label = cell.strip().lstrip("\u3000")
        at = cell.index(label) + draw(st.integers(1, len(label) - 1))
        spaces = draw(st.sampled_from((" ", "  ")))
        new = cell[:at] + spaces + cell[at:]
        if new.endswith(" " * (len(spaces) + 1)):  # keep the column edge where it was
            new = new[: -len(spaces)]
        lines[i].text = _with_cell(lines[i].text, k, new)
    return report


def d25_spaced_numbers(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D25: no-break spaces (U+00A0) around numbers (``" 12"``, ``"0 "`` with U+00A0)."""
    numbers = [(i, k, c) for i, k, c in _cells(lines, ["data"]) if c.strip()[:1].isdigit()]
    for i, k, cell in _pick(draw, numbers, 5):
        value = cell.strip()
        at = cell.index(value)
        if at > 0 and draw(st.booleans()):
            new = cell[: at - 1] + "\u00a0" + cell[at:]
        else:
            new = cell[: at + len(value)] + "\u00a0" + cell[at + len(value) + 1 :]
        lines[i].text = _with_cell(lines[i].text, k, new)
    return report


def d3_fillers(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D1/D3/D4: a cell the report left blank written as ``/``, ``-``, ``—``, ``－`` or ``无``."""
    blanks = [(i, k, c) for i, k, c in _cells(lines, ["data"]) if not c.strip()]
    for i, k, cell in _pick(draw, blanks, 5):
        filler = draw(st.sampled_from(FILLERS))
        new = " " * max(_width(cell) - _width(filler) - 1, 0) + filler + " "
        lines[i].text = _with_cell(lines[i].text, k, new)
    return report


def d14_label_aliases(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D14, D7: a row or column label written as a variant the catalogue lists (``规范性文件``)."""
    choices: list[tuple[int, int, str, str]] = []
    for table in (report.proactive, report.requests, report.appeals):
        variants = {r.label: r.aliases for r in table.spec.rows if r.aliases}
        variants.update({c.label: c.aliases for g in table.spec.grids for c in g.columns if c.aliases})
        for i, k, cell in _cells(lines, ["data", "head"]):
            label = cell.strip().lstrip("\u3000")
            if lines[i].section == table.spec.key and label in variants:
                choices += [(i, k, label, alias) for alias in variants[label]]
    for i, k, label, alias in _pick(draw, choices):
        cell = cells_of(lines[i].text)[k]
        new = cell.replace(label, alias, 1)
        lines[i].text = _with_cell(lines[i].text, k, new + " " * (_width(cell) - _width(new)))
    return report


def d18_heading_variants(draw: Draw, lines: list[Line], report: Report) -> Report:
    """D18: a section heading in another published wording (``四、因政府信息公开工作被申请…``)."""
    sections = {s.key: (n, s) for n, s in enumerate(report.edition_spec.sections) if s.aliases}
    heads = [i for i, line in enumerate(lines) if line.kind == "heading" and line.section in sections]
    for i in _pick(draw, heads):
        n, spec = sections[lines[i].section]
        lines[i].text = f"{common.NUMERALS[n]}、{draw(st.sampled_from(spec.aliases))}"
    return report


def page_chrome(draw: Draw, lines: list[Line], report: Report) -> Report:
    """The web page around the report: navigation before the title, links and footer after it."""
    before = _pick(draw, CHROME_BEFORE)
    after = _pick(draw, CHROME_AFTER)
    lines[:0] = [*(Line("chrome", t) for t in before), Line("blank", "")]
    lines.extend([Line("blank", ""), *(Line("chrome", t) for t in after)])
    return report


def trailing_spaces(draw: Draw, lines: list[Line], report: Report) -> Report:
    """Spaces left at the ends of lines."""
    for i in _pick(draw, range(len(lines)), 10):
        lines[i].text += draw(st.sampled_from((" ", "  ", "\u3000")))
    return report


#: Every deviation :func:`add_noise` can make, by name (the ids of report-format.md §7).
DEVIATIONS: dict[str, Callable[[Draw, list[Line], Report], Report]] = {
    "D24": d24_half_width,
    "D8": d8_split_header,
    "D9": d9_spaced_header,
    "D15": d15_spaced_label,
    "D25": d25_spaced_numbers,
    "D3": d3_fillers,
    "D14": d14_label_aliases,
    "D18": d18_heading_variants,
    "chrome": page_chrome,
    "trailing-spaces": trailing_spaces,
}
#: Applied last: the line ends of the whole text.
CRLF = "crlf"


def add_noise(draw: Draw, text: str, report: Report, deviations: Sequence[str]) -> tuple[str, Report]:
    """``text`` (``render_text(report)``) with these deviations made, and the report it now encodes."""
    lines = classify(text, report)
    for name in DEVIATIONS:  # in a fixed order: D24 first, so that later noise is not folded away
        if name in deviations:
            report = DEVIATIONS[name](draw, lines, report)
    out = "\n".join(line.text for line in lines) + "\n"
    if CRLF in deviations:
        out = out.replace("\n", "\r\n")
    return out, report
