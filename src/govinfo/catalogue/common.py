"""Parts of the format that are word for word the same in the 2019 and 2021 editions.

Sources: ``report-format.md`` §1 (sections), §3 (the request table; the only difference between
the editions is whether （六）其他处理 has sub-rows) and §4 (the appeal table). English names
are ours, reviewed against the 《条例》 articles each row refers to (§6 of the format spec).

>>> from govinfo.catalogue import common
>>> [c.label for c in common.REQUEST_COLUMNS]
['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']
>>> common.TITLE_TEMPLATE.format(agency="某县教育局", year=2023)
'某县教育局2023年度政府信息公开工作年度报告'
"""

from __future__ import annotations

from .spec import ColumnSpec, GridSpec, GroupSpec, RowSpec, SectionSpec, TableSpec, table_spec

#: Chinese numerals used to number sections (``一、``) and subsections (``（一）``).
NUMERALS: tuple[str, ...] = (
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
)  # fmt: skip

#: The default title; ``{agency}`` and ``{year}`` are filled in.
TITLE_TEMPLATE = "{agency}{year}年度政府信息公开工作年度报告"
TITLE_TEMPLATE_EN = "{agency}: Annual Report on Government Information Disclosure, {year}"
#: Other title wordings seen in published reports (``<机关名称><YYYY>年(度)…``, report-format.md §1).
TITLE_VARIANTS: tuple[str, ...] = ("{agency}{year}年政府信息公开工作年度报告",)

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        key="overview",
        label="总体情况",
        label_en="Overview",
        kind="narrative",
        aliases=("工作概况", "总体概述", "概述", "基本工作情况", "工作基本情况", "基本情况"),
    ),
    SectionSpec(
        key="proactive",
        label="主动公开政府信息情况",
        label_en="Proactive disclosure of government information",
        kind="table",
    ),
    SectionSpec(
        key="requests",
        label="收到和处理政府信息公开申请情况",
        label_en="Requests for government information received and handled",
        kind="table",
    ),
    SectionSpec(
        key="appeals",
        label="政府信息公开行政复议、行政诉讼情况",
        label_en="Administrative reviews and lawsuits over government information disclosure",
        kind="table",
        aliases=(
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议和提起行政诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议及行政诉讼情况",
        ),
    ),
    SectionSpec(
        key="problems",
        label="存在的主要问题及改进情况",
        label_en="Main problems and improvements",
        kind="narrative",
        aliases=(
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进措施",
            "存在的主要问题和改进情况",
        ),
    ),
    SectionSpec(
        key="other_matters",
        label="其他需要报告的事项",
        label_en="Other matters to report",
        kind="narrative",
        aliases=("其他报告的事项",),
    ),
)

# --- 三: the request table (§3) ------------------------------------------------------------

LEGAL_PERSONS = GroupSpec(
    key="legal_persons", label="法人或其他组织", label_en="Legal persons and other organisations"
)

REQUEST_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(key="natural_person", label="自然人", label_en="Natural persons"),
    ColumnSpec(
        key="commercial",
        label="商业企业",
        label_en="Commercial enterprises",
        group=LEGAL_PERSONS,
    ),
    ColumnSpec(key="research", label="科研机构", label_en="Research institutions", group=LEGAL_PERSONS),
    ColumnSpec(
        key="public_interest",
        label="社会公益组织",
        label_en="Public-interest organisations",
        group=LEGAL_PERSONS,
    ),
    ColumnSpec(
        key="legal_services",
        label="法律服务机构",
        label_en="Legal service providers",
        group=LEGAL_PERSONS,
    ),
    ColumnSpec(key="other", label="其他", label_en="Others", group=LEGAL_PERSONS),
    ColumnSpec(key="total", label="总计", label_en="Total", is_total=True),
)

REQUEST_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REQUEST_NOTE_EN = "(In every column: item I plus item II equals item III plus item IV)"
APPLICANTS = GroupSpec(key="applicants", label="申请人情况", label_en="Applicants")

RESULTS = GroupSpec(
    key="results", label="三、本年度办理结果", label_en="III. Outcomes this year", qualifies=False
)
WITHHELD = GroupSpec(key="withheld", label="（三）不予公开", label_en="(3) Not disclosed")
UNABLE = GroupSpec(key="unable", label="（四）无法提供", label_en="(4) Cannot be provided")
NOT_PROCESSED = GroupSpec(key="not_processed", label="（五）不予处理", label_en="(5) Not processed")
OTHER_HANDLING = GroupSpec(key="other", label="（六）其他处理", label_en="(6) Otherwise handled")


def _row(key: str, label: str, label_en: str, *groups: GroupSpec, **kw: object) -> RowSpec:
    return RowSpec(key=key, label=label, label_en=label_en, groups=groups, **kw)  # type: ignore[arg-type]


REQUESTS_HEAD: tuple[RowSpec, ...] = (
    _row(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        "I. New requests received this year",
    ),
    _row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        "II. Requests carried over from last year",
    ),
    _row("results.granted", "（一）予以公开", "(1) Disclosed", RESULTS),
    _row(
        "results.partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "(2) Partly disclosed (a request split into parts to disclose and to withhold counts here only)",
        RESULTS,
    ),
    _row("results.withheld.state_secret", "1.属于国家秘密", "1. State secret", RESULTS, WITHHELD),
    _row(
        "results.withheld.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "2. Disclosure prohibited by other laws or administrative regulations",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.security_stability",
        "3.危及“三安全一稳定”",
        "3. Would endanger national, public or economic security or social stability",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.third_party",
        "4.保护第三方合法权益",
        "4. Would harm the lawful rights and interests of a third party",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.internal_affairs",
        "5.属于三类内部事务信息",
        "5. Internal affairs information (three categories)",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.process_information",
        "6.属于四类过程性信息",
        "6. Process information (four categories)",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.enforcement_files",
        "7.属于行政执法案卷",
        "7. Administrative law-enforcement case files",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.withheld.query_matters",
        "8.属于行政查询事项",
        "8. Obtainable only through an administrative query procedure",
        RESULTS,
        WITHHELD,
    ),
    _row(
        "results.unable.not_held",
        "1.本机关不掌握相关政府信息",
        "1. This agency does not hold the information",
        RESULTS,
        UNABLE,
    ),
    _row(
        "results.unable.needs_creation",
        "2.没有现成信息需要另行制作",
        "2. No existing information; it would have to be newly created",
        RESULTS,
        UNABLE,
    ),
    _row(
        "results.unable.still_unclear",
        "3.补正后申请内容仍不明确",
        "3. Request still unclear after being amended",
        RESULTS,
        UNABLE,
    ),
    _row(
        "results.not_processed.complaint",
        "1.信访举报投诉类申请",
        "1. Petitions, reports or complaints made as requests",
        RESULTS,
        NOT_PROCESSED,
    ),
    _row(
        "results.not_processed.duplicate",
        "2.重复申请",
        "2. Repeat requests",
        RESULTS,
        NOT_PROCESSED,
    ),
    _row(
        "results.not_processed.publication",
        "3.要求提供公开出版物",
        "3. Requests for published materials",
        RESULTS,
        NOT_PROCESSED,
    ),
    _row(
        "results.not_processed.excessive",
        "4.无正当理由大量反复申请",
        "4. Numerous repeated requests without good reason",
        RESULTS,
        NOT_PROCESSED,
    ),
    _row(
        "results.not_processed.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "5. Requests to confirm or reissue information already obtained",
        RESULTS,
        NOT_PROCESSED,
    ),
)

#: （六）其他处理 as the 2021 edition divides it.
OTHER_DIVIDED: tuple[RowSpec, ...] = (
    _row(
        "results.other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1. Applicant failed, without good reason, to amend the request in time; no further processing",
        RESULTS,
        OTHER_HANDLING,
    ),
    _row(
        "results.other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2. Applicant did not pay the fee by the deadline in the fee notice; no further processing",
        RESULTS,
        OTHER_HANDLING,
    ),
    _row("results.other.other", "3.其他", "3. Other", RESULTS, OTHER_HANDLING),
)

#: （六）其他处理 as one undivided row (2019 edition; some 2021-edition reports).
OTHER_UNDIVIDED: tuple[RowSpec, ...] = (
    _row("results.other", OTHER_HANDLING.label, OTHER_HANDLING.label_en, RESULTS),
)

REQUESTS_TAIL: tuple[RowSpec, ...] = (
    _row("results.total", "（七）总计", "(7) Total", RESULTS, is_total=True),
    _row("carried_forward", "四、结转下年度继续办理", "IV. Carried forward to next year"),
)

#: The request table's key groups: the rows summed into ``results.total`` (E3).
RESULT_ROW_PREFIX = "results."


def request_table(variant: str, other_rows: tuple[RowSpec, ...]) -> TableSpec:
    """The request table with the given （六） rows."""
    grid = GridSpec(
        key="requests",
        caption="",
        caption_en="",
        rows=(*REQUESTS_HEAD, *other_rows, *REQUESTS_TAIL),
        columns=REQUEST_COLUMNS,
        corner=REQUEST_NOTE,
        corner_en=REQUEST_NOTE_EN,
        header=APPLICANTS,
    )
    return table_spec("requests", variant, (grid,))


#: The undivided layout is the same in both editions, so both share this one object.
REQUESTS_UNDIVIDED = request_table("undivided-other", OTHER_UNDIVIDED)
REQUESTS_DIVIDED = request_table("divided-other", OTHER_DIVIDED)

# --- 四: the appeal table (§4) -------------------------------------------------------------

LITIGATION = GroupSpec(key="litigation", label="行政诉讼", label_en="Administrative litigation")

APPEAL_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(key="upheld", label="结果维持", label_en="Upheld"),
    ColumnSpec(key="corrected", label="结果纠正", label_en="Corrected"),
    ColumnSpec(key="other", label="其他结果", label_en="Other outcome"),
    ColumnSpec(key="pending", label="尚未审结", label_en="Pending"),
    ColumnSpec(key="total", label="总计", label_en="Total", is_total=True),
)

APPEALS = table_spec(
    "appeals",
    "common",
    (
        GridSpec(
            key="appeals",
            caption="",
            caption_en="",
            rows=(
                RowSpec(key="review", label="行政复议", label_en="Administrative review"),
                RowSpec(
                    key="litigation_direct",
                    label="未经复议直接起诉",
                    label_en="Lawsuit without prior review",
                    groups=(LITIGATION,),
                ),
                RowSpec(
                    key="litigation_after_review",
                    label="复议后起诉",
                    label_en="Lawsuit after review",
                    groups=(LITIGATION,),
                ),
            ),
            columns=APPEAL_COLUMNS,
            one_row=True,
        ),
    ),
)

#: The header of every section-二 grid.
INFO_CONTENT = "信息内容"
INFO_CONTENT_EN = "Information"


def article_20(item: str, item_en: str) -> tuple[str, str]:
    """The caption of a section-二 grid: ``第二十条第（一）项`` and its English name."""
    return f"第二十条第（{item}）项", f"Article 20, item ({item_en})"


# --- words tools add to tables (tolerated on input, never emitted) ------------------------

#: Labels of subtotal rows or columns that some tools add (report-format.md §3.1, §3.2).
SUBTOTAL_LABELS: tuple[str, ...] = ("小计", "合计")
