"""The officer's workbook: the names of its sheets, fields and columns (shared by the template
writer :mod:`govinfo.template`, the reader :mod:`govinfo.readers.xlsx` and the annotator).

These are the workbook's own words, not the format's: every label of a table comes from the
catalogue.

>>> table_sheet_name(2)
'表三'
"""

from __future__ import annotations

from .catalogue import common

__all__ = [
    "FINDINGS_SHEETS",
    "INFO_FIELDS",
    "INFO_SHEET",
    "PREAMBLE",
    "TEXT_COLUMNS",
    "TEXT_SHEET",
    "table_sheet_name",
]

#: The sheet of the report's own fields, and each field's name in its column A.
INFO_SHEET = "基本信息"
INFO_FIELDS = {"edition": "版本", "agency": "机关", "year": "年度", "title": "标题", "published": "发布日期"}
#: The sheet of the narrative sections, and its column headers.
TEXT_SHEET = "正文"
TEXT_COLUMNS = ("部分", "小标题", "段落")
#: Column A of the preamble's rows in the text sheet.
PREAMBLE = "开头部分"
#: The sheet an annotated copy lists its findings in (Chinese, English): never read as report.
FINDINGS_SHEETS = {"zh": "校验发现", "en": "Findings"}


def table_sheet_name(index: int) -> str:
    """The sheet of the table of section ``index`` (0-based): ``表二`` for 二."""
    return "表" + common.NUMERALS[index]
