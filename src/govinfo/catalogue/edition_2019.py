"""The 2019 trial edition: 《中华人民共和国政府信息公开工作年度报告格式（试行）》 (国办公开办函〔2019〕60号).

Used for reports on 2019 and 2020, and by some agencies later (deviation D20).
Source: ``report-format.md`` §0, §2.2, §3.3, §4.
"""

from __future__ import annotations

from . import common
from .spec import CellKind, ColumnSpec, Edition, GridSpec, RowSpec, table_spec

NEW_MADE = ColumnSpec(
    key="new_made", label="本年新制作数量", label_en="Newly made this year", aliases=("本年新制作",)
)
NEW_PUBLISHED = ColumnSpec(key="new_published", label="本年新公开数量", label_en="Newly published this year")
TOTAL_PUBLISHED = ColumnSpec(
    key="total_published", label="对外公开总数量", label_en="Total published to date"
)
ITEMS_LAST_YEAR = ColumnSpec(
    key="items_last_year", label="上一年项目数量", label_en="Items on last year's list"
)
NET_CHANGE = ColumnSpec(
    key="net_change",
    label="本年增/减",
    label_en="Net change this year",
    kind=CellKind.SIGNED,
    aliases=("本年增/",),
)
DECISIONS = ColumnSpec(key="decisions", label="处理决定数量", label_en="Decisions")
PROJECTS = ColumnSpec(
    key="projects", label="采购项目数量", label_en="Procurement projects", aliases=("采购项目数",)
)
AMOUNT = ColumnSpec(
    key="amount", label="采购总金额", label_en="Total procurement amount", kind=CellKind.MONEY
)
UNIT = ColumnSpec(key="unit", label="单位", label_en="Unit", kind=CellKind.UNIT)

RULES = RowSpec(key="rules", label="规章", label_en="Government rules")
NORMATIVE_DOCUMENTS = RowSpec(key="normative_documents", label="规范性文件", label_en="Normative documents")
LICENSING = RowSpec(key="licensing", label="行政许可", label_en="Administrative licensing")
OTHER_SERVICES = RowSpec(
    key="other_services", label="其他对外管理服务事项", label_en="Other external management and service items"
)
PENALTIES = RowSpec(key="penalties", label="行政处罚", label_en="Administrative penalties")
COERCION = RowSpec(key="coercion", label="行政强制", label_en="Administrative compulsion")
FEES = RowSpec(key="fees", label="行政事业性收费", label_en="Administrative and institutional fees")
PROCUREMENT = RowSpec(key="procurement", label="政府集中采购", label_en="Centralised government procurement")

ITEM_COLUMNS = (ITEMS_LAST_YEAR, NET_CHANGE, DECISIONS)


def _grid(
    key: str, item: str, item_en: str, rows: tuple[RowSpec, ...], columns: tuple[ColumnSpec, ...]
) -> GridSpec:
    caption, caption_en = common.article_20(item, item_en)
    return GridSpec(
        key=key,
        caption=caption,
        caption_en=caption_en,
        rows=rows,
        columns=columns,
        corner=common.INFO_CONTENT,
        corner_en=common.INFO_CONTENT_EN,
    )


PROACTIVE = table_spec(
    "proactive",
    "2019",
    (
        _grid(
            "documents", "一", "1", (RULES, NORMATIVE_DOCUMENTS), (NEW_MADE, NEW_PUBLISHED, TOTAL_PUBLISHED)
        ),
        _grid("licensing", "五", "5", (LICENSING, OTHER_SERVICES), ITEM_COLUMNS),
        _grid("enforcement", "六", "6", (PENALTIES, COERCION), ITEM_COLUMNS),
        _grid("fees", "八", "8", (FEES,), (ITEMS_LAST_YEAR, NET_CHANGE)),
        _grid("procurement", "九", "9", (PROCUREMENT,), (PROJECTS, AMOUNT, UNIT)),
    ),
)

EDITION = Edition(
    key="2019",
    title="《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    title_en="Format of the Annual Report on Government Information Disclosure of the PRC (trial)",
    issued_by="国办公开办函〔2019〕60号",
    years=(2019, 2020),
    sections=common.SECTIONS,
    proactive=PROACTIVE,
    requests=(common.REQUESTS_UNDIVIDED,),
    appeals=common.APPEALS,
    markers=(NEW_MADE.label, PROACTIVE.grids[-1].caption),
)
