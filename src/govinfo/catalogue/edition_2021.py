"""The 2021 edition: 《中华人民共和国政府信息公开工作年度报告格式》 (国办公开办函〔2021〕30号).

Used for reports on 2021 onward. Source: ``report-format.md`` §0, §2.1, §3.2, §4.
"""

from __future__ import annotations

from . import common
from .spec import CellKind, ColumnSpec, Edition, GridSpec, RowSpec, table_spec

ISSUED = ColumnSpec(key="issued", label="本年制发件数", label_en="Issued this year")
REPEALED = ColumnSpec(key="repealed", label="本年废止件数", label_en="Repealed this year")
IN_FORCE = ColumnSpec(key="in_force", label="现行有效件数", label_en="Currently in force")
DECISIONS = ColumnSpec(key="decisions", label="本年处理决定数量", label_en="Decisions this year")
FEE_AMOUNT = ColumnSpec(
    key="amount",
    label="本年收费金额（单位：万元）",
    label_en="Fees collected this year (10,000 yuan)",
    kind=CellKind.MONEY,
    unit="万元",
)

RULES = RowSpec(key="rules", label="规章", label_en="Government rules")
NORMATIVE_DOCUMENTS = RowSpec(
    key="normative_documents",
    label="行政规范性文件",
    label_en="Administrative normative documents",
    aliases=("规范性文件",),
)
LICENSING = RowSpec(key="licensing", label="行政许可", label_en="Administrative licensing")
PENALTIES = RowSpec(key="penalties", label="行政处罚", label_en="Administrative penalties")
COERCION = RowSpec(key="coercion", label="行政强制", label_en="Administrative compulsion")
FEES = RowSpec(key="fees", label="行政事业性收费", label_en="Administrative and institutional fees")


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
    "2021",
    (
        _grid("documents", "一", "1", (RULES, NORMATIVE_DOCUMENTS), (ISSUED, REPEALED, IN_FORCE)),
        _grid("licensing", "五", "5", (LICENSING,), (DECISIONS,)),
        _grid("enforcement", "六", "6", (PENALTIES, COERCION), (DECISIONS,)),
        _grid("fees", "八", "8", (FEES,), (FEE_AMOUNT,)),
    ),
)

EDITION = Edition(
    key="2021",
    title="《中华人民共和国政府信息公开工作年度报告格式》",
    title_en="Format of the Annual Report on Government Information Disclosure of the PRC",
    issued_by="国办公开办函〔2021〕30号",
    years=(2021, None),
    sections=common.SECTIONS,
    proactive=PROACTIVE,
    # Some 2021-edition reports print （六）其他处理 as one row (Hongze 2023): admitted, not guessed.
    requests=(common.REQUESTS_DIVIDED, common.REQUESTS_UNDIVIDED),
    appeals=common.APPEALS,
    markers=(ISSUED.label, *(r.label for r in common.OTHER_DIVIDED)),
)
