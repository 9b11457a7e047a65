"""Partial reading: each cause of a refused report (issue 14), on the Linping page.

The expected values are the published report's own (tests/data/linping-education-2023.json);
a damaged copy must give them back where the text still states them, and ``None`` elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govinfo
from govinfo import Report

DATA = Path(__file__).parent / "data"
LINPING = (DATA / "linping-education-2023.txt").read_text(encoding="utf-8")
TITLE = "杭州市临平区教育局2023年度\n政府信息公开工作年度报告\n"
BODY = LINPING[LINPING.index("    一、总体情况") :]


@pytest.fixture(scope="module")
def linping() -> Report:
    return Report.from_json((DATA / "linping-education-2023.json").read_text(encoding="utf-8"))


def parsed(text: str, **kw: object) -> govinfo.ParseResult:
    return govinfo.parse_document(text, **kw)  # type: ignore[arg-type]


def test_the_development_page_is_complete(linping: Report) -> None:
    result = parsed(LINPING)
    assert result.complete
    assert result.report == linping
    assert [s.status for s in result.sections] == ["read"] * 6
    assert dict(result.provenance)["year"].startswith("title")


@pytest.mark.parametrize(
    "title",
    [
        "2023年度杭州市临平区教育局政府信息公开工作年度报告",  # year first
        "杭州市临平区教育局\n关于2023年度政府信息公开工作情况的报告",  # 关于…的报告
        "杭州市临平区教育局2023年政府信息公开工作年度报告",  # 年 not 年度
    ],
)
def test_title_forms(title: str, linping: Report) -> None:
    result = parsed(title + "\n" + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")
    assert result.report.requests == linping.requests


def test_the_year_from_the_statistics_period_when_the_title_has_none() -> None:
    body = BODY.replace("2023年", "本年")
    text = (
        "杭州市临平区教育局政府信息公开工作年度报告\n本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。\n"
        + body
    )
    result = parsed(text)
    assert result.report is not None
    assert result.report.year == 2023
    assert dict(result.provenance)["year"].startswith("statistics period")
    assert "year_source" in result.codes()


@pytest.mark.parametrize(
    ("chrome", "source"),
    [
        ("标题：杭州市临平区教育局2023年度政府信息公开工作年度报告\n发布时间：2024-01-15\n", "page header"),
        (
            "<html><head><title>杭州市临平区教育局2023年度政府信息公开工作年度报告</title></head><body>",
            "page title",
        ),
    ],
)
def test_a_title_only_in_the_page_chrome(chrome: str, source: str) -> None:
    body = BODY.replace("2023年", "本年")
    if chrome.startswith("<html>"):
        text = (
            chrome + "".join(f"<p>{line}</p>" for line in body.split("\n") if line.strip()) + "</body></html>"
        )
    else:
        text = chrome + body
    result = parsed(text)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")
    assert dict(result.provenance)["year"].startswith(source)


def test_no_year_anywhere_gives_the_tables_and_asks_for_it(linping: Report) -> None:
    body = BODY.replace("2023年", "本年")
    result = parsed(body)
    assert result.report is None
    assert "no_year" in result.codes()
    assert not result.complete
    assert dict(result.tables)["requests"] == linping.requests
    with pytest.raises(govinfo.IncompleteReportError) as e:
        govinfo.parse(body)
    assert e.value.problems()[0][:2] == ("no_year", "$.year")
    given = parsed(body, year=2023, agency="杭州市临平区教育局")
    assert given.report is not None
    assert given.complete
    assert given.report.requests == linping.requests


def test_a_year_given_that_the_text_contradicts_is_a_diagnostic() -> None:
    result = parsed(LINPING, year=2022)
    assert result.report is not None
    assert result.report.year == 2022
    (d,) = [d for d in result.diagnostics if d.code == "year_conflict"]
    assert "2023" in d.message


def test_a_misspelt_heading_is_read(linping: Report) -> None:
    text = LINPING.replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"
    )
    result = parsed(text)
    assert result.complete
    assert result.report == linping


def test_a_mirror_page_that_starts_at_the_tables(linping: Report) -> None:
    start = LINPING.index("二、主动公开政府信息情况")
    text = LINPING[start:].replace("二、主动公开政府信息情况\n", "", 1)
    result = parsed(text, year=2023, agency="杭州市临平区教育局")
    assert result.report is not None
    assert result.section("proactive").found_by == "labels"
    assert result.section("proactive").status == "read"
    assert result.report.proactive == linping.proactive
    assert result.report.requests == linping.requests
    assert result.report.appeals == linping.appeals
    assert result.section("overview").status == "not_found"
    assert not result.complete


@pytest.mark.parametrize("row", ["（三）不予公开", "（五）不予处理", "四、结转下年度继续办理"])
def test_a_copy_cut_inside_section_three(row: str, linping: Report) -> None:
    text = LINPING[: LINPING.index(row)]
    result = parsed(text)
    assert result.report is not None
    assert not result.complete
    status = result.section("requests")
    assert status.status == "partly_read"
    assert status.cells_read is not None
    assert 0 < status.cells_read < 175
    got = result.report.requests
    for cell in got.spec.cells:
        value = got.cells[cell.index]
        assert value is None or value == linping.requests.cells[cell.index]
    assert got["new_received", "total"] == 12
    assert result.report.proactive == linping.proactive
    assert result.section("appeals").status == "not_found"


def test_a_number_at_the_very_end_may_be_cut_short() -> None:
    # The fee 11615 cut to 116: never read as 116.
    text = LINPING[: LINPING.index("11615") + 3]
    result = parsed(text)
    assert result.report is not None
    assert result.report.proactive["fees", "amount"] is None
    assert "cut_value" in result.codes()


@pytest.mark.parametrize("after", ["\n", "\n\n", " ", "  \n\n", "\n\n \n"])
def test_a_number_at_the_end_may_be_cut_short_whatever_white_space_follows(after: str) -> None:
    # White space after the last number is no proof that it is whole: the fee 11615 cut to 116
    # and followed by a blank line, a cell's padding or a final newline is never read as 116.
    text = LINPING[: LINPING.index("11615") + 3] + after
    result = parsed(text)
    assert result.report is not None
    assert result.report.proactive["fees", "amount"] is None
    assert result.report.proactive["penalties", "decisions"] == 0
    assert "cut_value" in result.codes()


@pytest.mark.parametrize("after", ["", "\n", "\n\n", " "])
def test_a_lone_zero_at_the_end_is_a_whole_count_but_maybe_a_cut_amount(after: str) -> None:
    # No count goes on from 0 (tests/real/xixian-taiping-2022 ends in the 0 of a complete row),
    # but an amount does: 0 may be the start of 0.35.
    coercion = LINPING.index("\t0", LINPING.index("行政强制")) + 2
    result = parsed(LINPING[:coercion] + after)
    assert result.report is not None
    assert result.report.proactive["coercion", "decisions"] == 0
    assert "cut_value" not in result.codes()
    fee = LINPING.index("11615")
    result = parsed(LINPING[:fee] + "0" + after)
    assert result.report is not None
    assert result.report.proactive["coercion", "decisions"] == 0
    assert result.report.proactive["fees", "amount"] is None
    assert "cut_value" in result.codes()


def test_a_last_number_closed_by_its_cell_is_read() -> None:
    # ``| 11615 |``: the cell's closing bar shows that the number is whole.
    text = LINPING[: LINPING.index("11615") + 5] + " |\n"
    result = parsed(text)
    assert result.report is not None
    assert result.report.proactive["fees", "amount"] == 11615
    assert "cut_value" not in result.codes()


def test_lone_bars_are_blank_cells_in_one_cell_per_line_dumps() -> None:
    text = (
        "某局2022年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n|\n第二十条第(一)项 | |||\n|\n"
        "信息内容 |\n本年制发件数 |\n本年废止件数 |\n现行有效件数 |\n|\n规章 |\n0 |\n0 |\n|\n|\n"
        "行政规范性文件 |\n5 |\n|\n8 |\n|\n"
    )
    result = parsed(text)
    assert result.report is not None
    pro = result.report.proactive
    assert [pro["rules", c] for c in ("issued", "repealed", "in_force")] == [0, 0, None]
    assert [pro["normative_documents", c] for c in ("issued", "repealed", "in_force")] == [5, None, 8]


def test_a_2019_table_in_a_2022_report_is_a_finding_not_a_refusal() -> None:
    pingtan = (DATA / "pingtan-2019.txt").read_text(encoding="utf-8")
    result = parsed(pingtan, year=2022)
    assert result.report is not None
    assert (result.report.edition, result.report.year) == ("2019", 2022)
    assert "edition_year_mismatch" in result.codes()


def test_a_page_titled_as_a_report_without_the_formats_headings_keeps_what_it_says_of_itself() -> None:
    # A report in the pre-2019 outline (tests/real/liangzhou-zhangyi-2008): no heading of the
    # 2019/2021 format, but its title says which agency and year it is.
    text = (
        "张义镇人民政府信息公开工作2008年度报告\n"
        "一、主动公开政府信息情况\n今年共主动公开信息120条。\n"
        "二、依申请公开和不予公开政府信息的情况\n本年度未收到申请。\n"
        "三、咨询和投诉情况\n无。\n"
    )
    result = govinfo.parse_document(text)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2008, "张义镇人民政府")
    assert [s.status for s in result.sections] == ["not_found"] * 6
    assert "no_sections" in result.codes()
    assert not result.complete
    with pytest.raises(govinfo.IncompleteReportError):
        govinfo.parse(text)
    # without a title, such text is still no report
    with pytest.raises(govinfo.ParseError) as info:
        govinfo.parse_document(text.split("\n", 1)[1])
    assert info.value.code == "not_a_report"


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # tests/real/bjxrth-copy-jilin-weijian-2022: the title line names no agency, a later
        # sentence names the same year's report with it
        (
            "2023年政府信息公开工作年度报告\n根据《条例》的规定,临平区教育局编制了杭州市临平区教育局"
            "2023年政府信息公开工作年度报告。\n",
            "杭州市临平区教育局",
        ),
        # tests/real/tw-copy-suixi-beipo-2022: a Traditional copy (現將, 鎮), the name as published
        ("根據《條例》規定,現將北坡鎮2023年政府信息公開工作年度報告進行公開。\n", "北坡鎮"),
        # tests/real/rugao-scjg-2024: 现特向社会公布, year first, no 政府
        ("现特向社会公布2023年度杭州市临平区教育局信息公开工作年度报告。\n", "杭州市临平区教育局"),
        # tests/real/zyigod-mirror-taizhou-power-2021: the year after the words, in a sentence
        ("特向社会公布杭州市临平区教育局政府信息公开工作2023年度报告。\n", "杭州市临平区教育局"),
    ],
)
def test_a_sentence_naming_the_report_gives_its_agency(opening: str, agency: str) -> None:
    result = parsed(opening + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, agency)


@pytest.mark.parametrize("rest", ["", "\n" + BODY], ids=["cut", "body"])
@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # tests/real/wulanchabu-quhe-2020 cut right after the report's name: the line ends like a
        # title, but before its year stands a clause (根据《…》要求,现公布…), not the agency.
        (
            "根据《中华人民共和国政府信息公开条例》要求,现公布杭州市临平区教育局2023年度政府信息公开工作年度报告",
            "杭州市临平区教育局",
        ),
        # tests/real/quxian-jiaoke-2020 cut inside the cited notice's name: no agency at all.
        (
            "根据《中华人民共和国政府信息公开条例》和《杭州市临平区人民政府办公室关于做好2023年政府信息公开工作年度报告",
            "",
        ),
    ],
    ids=["named", "notice"],
)
def test_an_opening_sentence_cut_after_the_reports_name_is_no_title(
    opening: str, agency: str, rest: str
) -> None:
    result = parsed(opening + rest)
    assert result.report is not None
    assert result.report.agency == agency
    assert result.report.year in (2023, None)


@pytest.mark.parametrize("cut", ["杭州市", "杭州市临平区", "杭州市临平区教育局", "杭州市临平区教育局\n"])
def test_an_agencys_name_that_ends_the_text_may_be_cut_short(cut: str) -> None:
    # tests/real/taojiang-songmutang-2022 cut inside the line below its title: ``桃江县`` of
    # 桃江县松木塘镇人民政府 is no agency (and white space after it proves nothing).
    result = parsed("2023年政府信息公开工作年度报告\n" + cut)
    assert result.report is not None
    assert result.report.year == 2023
    assert result.report.agency == ""
    assert "cut_name" in result.codes()
    whole = parsed("2023年政府信息公开工作年度报告\n杭州市临平区教育局\n" + BODY)
    assert whole.report is not None
    assert whole.report.agency == "杭州市临平区教育局"
    assert "cut_name" not in whole.codes()


def test_a_tables_cut_label_is_no_sign_off() -> None:
    # tests/real/jurong-shuili-2022 cut inside a header cell (``现行`` of 现行有效件数): the padded
    # last words read as a right-set agency name, the sign-off.
    text = (
        "一、总体情况\n2022年,句容市水利局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
        "二、主动公开政府信息情况\n| \n       第二十条  第(一)项  | \n    |||\n| \n       信息内容  | \n"
        "      \n       本年制发件数  | \n      \n       本年废止件数  | \n      \n       现行"
    )
    result = parsed(text)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2022, "")


def test_a_name_in_a_title_that_goes_on_is_whole() -> None:
    # The text ends in the agency's name, but the title's own words show it whole.
    result = parsed("杭州市临平区教育局2023年政府信息公开工作年度报告\n" + BODY + "\n杭州市临平区教育局")
    assert result.report is not None
    assert result.report.agency == "杭州市临平区教育局"


@pytest.mark.parametrize("dash", ["-", "—", "－"])
def test_a_site_name_before_a_dash_is_no_part_of_the_agency(dash: str) -> None:
    # tests/real/ptshed-mirror-changsha-weijian-2022 cut right after the page title's 报告:
    # ``长沙市政府门户网站-2022年长沙市卫生健康委员会…年度报告`` named the site as the agency.
    title = f"长沙市政府门户网站{dash}2023年杭州市临平区教育局政府信息公开工作年度报告"
    for text in (title, title + "\n" + BODY):
        result = parsed(text)
        assert result.report is not None
        assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")


def test_the_title_words_alone_are_no_agency() -> None:
    # tests/real/zhyzulin-mirror-park-2024: ``特编制了2024年政府信息公开工作年度报告`` once gave
    # the agency 政府.
    result = parsed("结合园区实际特编制了2023年政府信息公开工作年度报告。\n" + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "")


def test_a_metadata_row_of_several_fields_gives_only_the_publishers_name() -> None:
    # tests/real/zyigod-mirror-taizhou-power-2021 once read the agency
    # ``台州电业局  成文日期:  2022-01-18`` from this row.
    text = "发布机构: | 杭州市临平区教育局 | 成文日期: | 2024-01-18 |\n" + BODY
    result = parsed(text, year=2023)
    assert result.report is not None
    assert result.report.agency == "杭州市临平区教育局"
    dated = parsed("发布机构: | 2024-01-18 |\n" + BODY, year=2023)
    assert dated.report is not None
    assert dated.report.agency == ""


def test_a_heading_with_a_stray_mark_after_its_words() -> None:
    # tests/real/chaoyang-zrzy-2025: ``一、总体情况、`` was no heading, and the page was refused.
    text = TITLE + BODY.replace("一、总体情况", "一、总体情况、", 1)
    result = parsed(text)
    assert result.section("overview").status == "read"


def test_a_heading_with_a_character_the_copy_could_not_show() -> None:
    # tests/real/he18tv-copy-taixia-2023: ``一、总体情况?`` was no heading, and the page was refused.
    for lost in ("?", "？", "\ufffd"):
        result = parsed(TITLE + BODY.replace("一、总体情况", "一、总体情况" + lost, 1))
        assert result.section("overview").status == "read"
        assert result.report is not None
        assert result.report.overview.paragraphs


@pytest.mark.parametrize(
    "words",
    # tests/real/uxiaoxiao-tw-dingzhou-wenlv-2020 (Traditional): 一、本年度政務信息總體公開情況
    [
        "本年度政务信息总体公开情况",
        "政府信息公开工作总体情况",
        "总体公开情况",
        "2023年度信息公开总体工作情况",
    ],
)
def test_section_one_worded_as_the_overall_situation_of_the_years_disclosure(words: str) -> None:
    from govinfo.readers.document import _heading

    assert _heading(f"一、{words}") == 0
    # only numbered 一: under another number, or with no number, these words head nothing
    assert _heading(f"二、{words}") is None
    assert _heading(words) is None
    result = parsed(TITLE + BODY.replace("一、总体情况", f"一、{words}", 1))
    assert result.section("overview").status == "read"


def test_a_page_titled_in_traditional_characters_is_read() -> None:
    # tests/real/uxiaoxiao-tw-dingzhou-wenlv-2020, tests/real/newton-tw-wuhou-2019: a Traditional
    # title (…公開工作年度報告) and no heading of the format's words as written: once refused.
    text = "杭州市臨平區教育局2023年政府信息公開工作年度報告\n2023年,我局認真貫徹《條例》。\n"
    result = parsed(text)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市臨平區教育局")
    assert "no_sections" in result.codes()


def test_a_title_ending_in_年报() -> None:
    # tests/real/qeda-jingfa-2021: …2021年政府信息公开工作年报, printed, then split after the year
    for title in (
        "杭州市临平区教育局2023年政府信息公开工作年报\n",
        "杭州市临平区教育局2023年\n\n政府信息公开工作年报\n",
    ):
        result = parsed(title + BODY)
        assert result.report is not None
        assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")
        assert dict(result.provenance)["agency"].startswith("title")
    # a site's column name 2023年信息公开年报 above no title is still no title
    column = parsed("2023年信息公开年报\n" + BODY)
    assert column.report is not None
    assert column.report.agency == ""


def test_the_title_opening_the_first_sentence_before_its_short_name() -> None:
    # tests/real/yanting-shenpi-2022: 盐亭县行政审批局2022年政府信息公开工作年度报告(以下简称年报)是根据…
    for short in ("(以下简称年报)是根据", "（以下简称“年报”）根据", "(下称《年报》)依据"):
        opening = f"杭州市临平区教育局2023年政府信息公开工作年度报告{short}《条例》编制。\n"
        result = parsed(opening + BODY)
        assert result.report is not None
        assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")


def test_a_cut_pages_last_words_set_to_the_right_are_no_sign_off() -> None:
    # tests/real/qeda-jingfa-2021 ended on the bullet ``  • 主动`` and read it as the agency.
    body = BODY.replace("2023年", "本年")
    result = parsed(body.rstrip("\n") + "\n\n  • 主动", year=2023)
    assert result.report is not None
    assert result.report.agency == ""
    assert "• 主动" in result.report.other_matters.paragraphs[-1]
    # a right-set agency's name above its date is still the sign-off
    sign_off = " " * 30 + "杭州市临平区教育局\n" + " " * 30 + "2024年1月15日\n"
    signed = parsed(body.rstrip("\n") + "\n\n" + sign_off, year=2023)
    assert signed.report is not None
    assert signed.report.agency == "杭州市临平区教育局"
    assert str(signed.report.published) == "2024-01-15"


@pytest.mark.parametrize(
    "chrome",
    [
        # tests/real/xizang-guoziwei-2020: the field's name spaced out, a pipe row
        "标 题 | 杭州市临平区教育局2023政府信息公开工作年度报告 | ||\n"
        "索引号 | 000014349/2024-00008 | 文 号 | |\n",
        # tests/real/yangxin-fenglin-2025: a markdown metadata table whose 名称 cell holds the title
        "| 名称 | 2023年度杭州市临平区教育局政府信息公开工作年度报告 | ||||\n|---|---|---|---|---|---|\n"
        "| 索引号 | 000014349/2024-04311 | 发布日期 | 2024-01-20 | 发布机构 | 临平区人民政府 |\n",
        # tests/real/xizang-shenji-2025: the field's name and the title on a line, spaces between
        "标      题 杭州市临平区教育局2023年度政府信息公开工作年度报告\n"
        "索引号 000014349/2024-00021 文      号\n",
        # tests/real/f93777-tw-copy-xizang-minwei-2023: a Traditional copy (標 題)
        "| 標 題 | 杭州市臨平區教育局2023年政府信息公開工作年度報告 | ||\n",
    ],
)
def test_a_title_in_a_metadata_field_gives_the_agency_without_the_fields_name(chrome: str) -> None:
    result = parsed(chrome + BODY)
    assert result.report is not None
    assert result.report.year == 2023
    assert result.report.agency in ("杭州市临平区教育局", "杭州市臨平區教育局")
    assert dict(result.provenance)["agency"].startswith("page header")


def test_a_title_field_with_injected_readings_gives_no_agency() -> None:
    # tests/real/jyhqs-tw-copy-xizang-2023 once read 標(biāo)題西藏自治區(qū)人民政府.
    text = "標(biāo)      題 杭州市臨平區(qū)教育局 2023年政府信息公開工作年度報告\n" + BODY
    result = parsed(text)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "")


def test_a_betting_brand_or_a_fields_colon_run_into_the_title_gives_no_agency() -> None:
    # tests/real/whentby-xiliu-mirror-2023, tests/real/lixia-daminghu-jiedu-2022
    for title in ("uedbet体育_uedbet官网@:杭州市临平区教育局", "文字解读:杭州市临平区教育局"):
        result = parsed(title + "2023年政府信息公开工作年度报告\n" + BODY)
        assert result.report is not None
        assert (result.report.year, result.report.agency) == (2023, "")


def test_a_title_in_other_words_政务信息公开工作开展() -> None:
    # tests/real/xizang-shenji-2025: 西藏自治区审计厅2025年政务信息\n\n公开工作开展年度报告
    result = parsed("杭州市临平区教育局2023年政务信息\n\n公开工作开展年度报告\n" + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")


def test_the_titles_year_glued_before_it_is_no_part_of_the_agency() -> None:
    # tests/real/hukou-dalong-2025: 2025湖口县大垅乡2025年度政府信息公开工作年度报告
    result = parsed("2023杭州市临平区教育局2023年度政府信息公开工作年度报告\n" + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")
    # another number glued before it is not known to be stray: no agency rather than a guess
    other = parsed("2022杭州市临平区教育局2023年度政府信息公开工作年度报告\n" + BODY)
    assert other.report is not None
    assert other.report.agency == ""


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # tests/real/zhanjiang-customs-2023
        ("根据《条例》等规定,梳理编制湛江海关关区2023年政府信息公开工作年度报告。\n", "湛江海关关区"),
        # tests/real/brianwinch-copy-dali-2023
        ("根据《条例》的规定,编制大理白族自治州2023年政府信息公开工作年度报告。\n", "大理白族自治州"),
        # 编制 inside a clause is no naming verb: 按要求编制完成本局… names no agency
        ("按要求编制完成本局2023年政府信息公开工作年度报告。\n", ""),
    ],
)
def test_a_sentence_naming_the_report_after_编制(opening: str, agency: str) -> None:
    result = parsed(opening + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, agency)


def test_a_title_at_the_start_of_a_page_on_one_line() -> None:
    # tests/real/xiangzhou-shuili-2024: the whole page is one line; the title ends at a space
    line = "杭州市临平区教育局 2023年度政府信息公开工作年度报告 2023年,我局依据《条例》… " + " ".join(
        ln.strip() for ln in BODY.split("\n") if ln.strip()
    )
    result = parsed(line)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, "杭州市临平区教育局")
    assert dict(result.provenance)["agency"].startswith("title")
    # a breadcrumb before it is no part of a name: no agency
    crumbs = parsed("首页>信息公开>" + line)
    assert crumbs.report is not None
    assert crumbs.report.agency == ""


def test_the_year_of_a_clause_of_the_overview_when_nothing_else_states_it() -> None:
    # tests/real/jordynalvidrez-copy-zhongjiang-2022: no title, no statistics period; the
    # overview says ``…坚持依法公开,2022年,我局在中江县人民政府网站主动公开信息416条``.
    body = BODY.replace("2023年", "本年")
    text = body.replace(
        "一、总体情况", "一、总体情况\n(一)主动公开方面。坚持依法公开,2023年,我局主动公开信息416条。", 1
    )
    result = parsed(text)
    assert result.report is not None
    assert result.report.year == 2023
    assert dict(result.provenance)["year"].startswith("overview")
    # clauses naming two years (a comparison) state none
    both = text.replace("主动公开信息416条。", "主动公开信息416条,2022年,我局主动公开信息300条。", 1)
    assert parsed(both).report is None


def test_an_overview_opening_that_looks_back_at_another_year_states_no_year() -> None:
    # tests/real/nnf9-copy-customs-hq-2020 without its title and statistics period: the overview
    # opens ``2019年,在…评估中,海关总署被评为优秀单位。2020年,海关总署…`` — the report is on 2020.
    body = BODY.replace("2023年", "本年")
    opening = "2022年,在政务公开评估中,本局被评为优秀单位。2023年,区教育局认真贯彻落实相关文件精神"
    text = body.replace("区教育局认真贯彻落实相关文件精神", opening, 1)
    result = parsed(text)
    assert result.report is None  # never 2022
    assert "no_year" in result.codes()
    # an opening that names one year still states it
    one = body.replace("区教育局认真贯彻落实相关文件精神", "2023年,区教育局认真贯彻落实相关文件精神", 1)
    assert parsed(one).report is not None
    assert parsed(one).report.year == 2023  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        # tests/real/scqsfz-copy-qingjiangpu-2019: 人民政府 fused into the report's words
        ("领导小组办公室编制了2023年杭州市临平区人民政府信息公开工作年度报告。\n", "杭州市临平区人民政府"),
        # 人民 not followed by 政府: no name is made up
        ("现将杭州市临平区人民2023年度政府信息公开工作年度报告公布如下。\n", ""),
    ],
)
def test_a_sentence_naming_a_government_report_year_first(opening: str, agency: str) -> None:
    result = parsed(opening + BODY)
    assert result.report is not None
    assert (result.report.year, result.report.agency) == (2023, agency)
