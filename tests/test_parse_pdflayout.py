"""The geometry of the PDF reader, on glyphs and rules placed by hand (no PDF library needed)."""

from __future__ import annotations

from collections.abc import Sequence

from govinfo.readers.cells import TableBlock, TextBlock
from govinfo.readers.pdflayout import Glyph, PageContent, Rule, layout_blocks

EM = 10.0


def text(s: str, x: float, top: float, em: float = EM, gap: float = 0.0) -> list[Glyph]:
    """Glyphs of ``s`` from ``x`` on one line: CJK one em wide, ASCII half an em."""
    out = []
    for ch in s:
        w = em if ord(ch) > 0x2E80 else em / 2
        out.append(Glyph(ch, x, top, x + w, top + em * 1.1, em))
        x += w + gap
    return out


def grid(xs: Sequence[float], ys: Sequence[float], skip_h: Sequence[tuple[int, int]] = ()) -> list[Rule]:
    """Rules of a full grid; ``skip_h`` leaves out the piece of horizontal line ``i`` over column ``j``."""
    rules = [Rule(x, ys[0], x, ys[-1]) for x in xs]
    for i, y in enumerate(ys):
        for j in range(len(xs) - 1):
            if (i, j) not in skip_h:
                rules.append(Rule(xs[j], y, xs[j + 1], y))
    return rules


def page(number: int, glyphs: Sequence[Glyph], rules: Sequence[Rule] = ()) -> PageContent:
    return PageContent(number=number, width=600, height=800, glyphs=tuple(glyphs), rules=tuple(rules))


def test_merged_cell_and_header_broken_into_single_characters() -> None:
    xs, ys = [100, 200, 220, 240], [100, 140, 170]
    # Row 0: a label merged down over both rows; a header word printed one character a line
    # in a narrow column (D17); row 1: two numbers.
    glyphs = [
        *text("分组", 120, 130),
        *text("其", 205, 102),
        *text("他", 205, 114),
        *text("结", 205, 126),
        *text("果", 225, 110),
        *text("7", 205, 150),
        *text("12", 222, 150),
    ]
    rules = grid(xs, ys, skip_h=[(1, 0)])
    blocks, _ = layout_blocks([page(1, glyphs, rules)])
    (table,) = blocks
    assert isinstance(table, TableBlock)
    assert table.positional
    cells = [(c.text, c.row, c.column, c.rowspan, c.colspan) for c in table.cells()]
    assert cells == [
        ("分组", 0, 0, 2, 1),
        ("其\n他\n结", 0, 1, 1, 1),
        ("果", 0, 2, 1, 1),
        ("7", 1, 1, 1, 1),
        ("12", 1, 2, 1, 1),
    ]


def test_paragraphs_lines_and_spaces() -> None:
    glyphs = [
        *text("标题", 250, 50, em=16),
        # A paragraph: first line indented two characters, wrapped at the right margin (300).
        *text("2024", 120, 100),
        *text("年，全", 140, 100),  # a gap before 年 (the PDF's autospace), no space in the text
        *text("年共受理申请十件。", 100, 115),
        *text("二、下一段", 120, 130),
        *text("Jisupdf", 100, 145),
        *text("Editor", 138, 145),
    ]
    # Make the paragraph's first line reach the right margin.
    glyphs += text("一二三四五六七八九十一二", 170, 100)
    glyphs += text("一二三四五六七八九十一二三四五六七八九十", 100, 160)
    blocks, _ = layout_blocks([page(1, glyphs)])
    assert [b.text for b in blocks if isinstance(b, TextBlock)] == [
        "标题",
        "2024年，全一二三四五六七八九十一二年共受理申请十件。",
        "二、下一段",
        "Jisupdf Editor",
        "一二三四五六七八九十一二三四五六七八九十",
    ]


def _two_page_table(
    first_row_page_two: list[Glyph], skip_top: Sequence[tuple[int, int]] = ()
) -> list[PageContent]:
    xs = [100, 150, 250, 280]
    # Page 1: header row, then a row whose group label （四）无 is cut by the page break.
    p1 = [
        *text("组", 105, 102),
        *text("项目", 155, 102),
        *text("数", 255, 102),
        *text("（四）无", 102, 122),
        *text("1.不掌握", 155, 122),
        *text("9", 255, 122),
        *text("- 1 -", 290, 770),
    ]
    p2 = [*first_row_page_two, *text("- 2 -", 290, 770)]
    return [
        page(1, p1, grid(xs, [100, 120, 140])),
        page(2, p2, grid(xs, [60, 80, 100], skip_h=list(skip_top))),
    ]


def test_group_label_continued_on_the_next_page_is_joined() -> None:
    row = [*text("法提供", 102, 62), *text("2.另行制作", 155, 62), *text("3", 255, 62)]
    row += [*text("3.不明确", 155, 82), *text("0", 255, 82)]
    blocks, diagnostics = layout_blocks(_two_page_table(row, skip_top=[(1, 0)]))
    (table,) = blocks
    assert isinstance(table, TableBlock)
    label = next(c for c in table.cells() if c.column == 0 and c.row == 1)
    assert (label.text, label.rowspan) == ("（四）无\n法提供", 3)
    # The page number between the two parts is dropped and said so.
    assert [(d.code, d.raw) for d in diagnostics] == [
        ("pdf_page_chrome", "- 1 -"),
        ("pdf_cell_across_pages", "法提供"),
    ]


def test_row_cut_by_the_page_break_is_joined() -> None:
    # The second page starts with the rest of the row label and empty value cells.
    row = [*text("其他", 155, 62), *text("2.下一项", 155, 82), *text("4", 255, 82)]
    blocks, _ = layout_blocks(_two_page_table(row))
    (table,) = blocks
    assert isinstance(table, TableBlock)
    texts = [[c.text for c in r.cells] for r in table.rows]
    assert texts == [["组", "项目", "数"], ["（四）无", "1.不掌握\n其他", "9"], ["", "2.下一项", "4"]]
    assert [c.rowspan for c in table.rows[1].cells] == [1, 1, 1]  # one row again


def test_repeated_header_rows_are_dropped() -> None:
    row = [*text("组", 105, 62), *text("项目", 155, 62), *text("数", 255, 62)]
    row += [*text("（五）", 102, 82), *text("1.信访", 155, 82), *text("5", 255, 82)]
    blocks, diagnostics = layout_blocks(_two_page_table(row))
    (table,) = blocks
    assert isinstance(table, TableBlock)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["组", "项目", "数"],
        ["（四）无", "1.不掌握", "9"],
        ["（五）", "1.信访", "5"],
    ]
    assert "pdf_repeated_header" in [d.code for d in diagnostics]


def test_title_over_two_centered_lines_is_one_paragraph() -> None:
    # 600 points wide: the middle is x=300. The title is set larger than the body text.
    glyphs = [
        *text("淮安市人民政府", 300 - 3.5 * 22, 60, em=22),
        *text("2024年政府信息公开工作年度报告", 300 - 8 * 22, 88, em=22),
        *text("本报告由办公室编制。", 100, 130),
        *text("一、总体情况", 120, 150),
    ]
    blocks, _ = layout_blocks([page(1, glyphs)])
    assert [b.text for b in blocks if isinstance(b, TextBlock)] == [
        "淮安市人民政府2024年政府信息公开工作年度报告",
        "本报告由办公室编制。",
        "一、总体情况",
    ]
