"""Chinese wording of every error and parser diagnostic code, for Chinese output.

The English message of an error or diagnostic carries its details (sizes, labels, the edit
distance of a fuzzy label); the Chinese one says what the code means and what to do, in the
words a disclosure officer uses. Output in Chinese shows this text followed by the code, so
that nothing English appears in it; ``--lang en`` shows the English message.

Every code the readers, the file layer and the batch reader raise or report has an entry (a
test scans the source for codes and checks this table).

>>> from govinfo.messages_zh import message_zh
>>> message_zh("empty_input")
'文件是空的'
>>> message_zh("no_such_code") is None
True
"""

from __future__ import annotations

import re

__all__ = ["LAYOUTS_ZH", "MESSAGES_ZH", "location_zh", "message_zh"]

#: code → Chinese message.
MESSAGES_ZH: dict[str, str] = {
    # errors: the input as a whole
    "empty_input": "文件是空的",
    "binary_input": "文件是二进制数据，不是报告的文本、PDF 或 Word 文件",
    "compressed_input": "文件是压缩包（gzip、bzip2、xz、zstd、7z 或 rar），请先解压再读取其中的报告",
    "json_not_a_report": "文件是 JSON，但不是报告的交换格式，也不是已发布的报告",
    "not_a_report": "没有找到政府信息公开工作年度报告的任何一节标题",
    "not_a_file": "所给路径不是普通文件",
    "no_files": "没有找到报告文件",
    "unreadable_file": "无法读取该文件（不存在或没有权限）",
    "unwritable_file": "无法写入该文件",
    "too_large": "输入过大，远超任何一份真实报告",
    "too_deep": "输入嵌套层数过多，无法读取",
    "wrong_type": "数据类型不对",
    "wrong_shape": "数据结构不符合交换格式",
    "unknown_key": "有交换格式中没有的字段",
    "bad_json": "不是有效的 JSON",
    "bad_edition": "未知的版本（已知：2019、2021）",
    "bad_year": "年度必须是四位数字",
    "no_year": "文件中没有写明报告年度；请用 --year 指定",
    "no_agency": "没有找到报告机关，留空",
    "edition_mismatch": "报告内容与所指定的版本不符",
    "missing_extra": "读取这种文件需要安装可选组件（见 pip install 'govinfo-cn[…]'）",
    "parse_error": "读出的内容无法组成一份报告",
    "internal_error": "读取时发生内部错误（请报告此问题）",
    "worker_crashed": "读取该文件的工作进程意外退出",
    "bad_wire": "工作进程传回的结果无法识别",
    "bad_dataset": "输出数据集已损坏（文件清单无法读取）",
    "usage": "命令用法有误",
    "unknown_locale": "未知的语言区域",
    "unreadable_locale": "无法读取这种语言的报告",
    "duplicate_year": "同一机关同一年度有多份报告",
    "bad_width": "宽度过小",
    "docx_too_large": "Word 文件解压后过大或部件过多（疑似压缩炸弹），不予读取",
    "docx_damaged": "Word 文件已损坏或不完整，无法打开",
    "docx_unsupported": "这是旧版 Word（.doc/.wps）或加密文档，请另存为 .docx 后再读取",
    "xlsx_too_large": "表格文件解压后过大或部件过多（疑似压缩炸弹），不予读取",
    "xlsx_damaged": "表格文件已损坏或不完整，无法打开",
    "xlsx_missing_sheet": "表格文件缺少模板中的工作表",
    "xlsx_bad_value": "“基本信息”表中的这一项无法读取",
    "not_a_number": "这一格填的不是数字，按未填报处理",
    "image_damaged": "图片已损坏或不完整，无法读取",
    "image_too_large": "图片像素过多，远超任何一页真实报告，不予读取",
    "ocr_unavailable": "这一页是扫描图片，需要安装文字识别组件（govinfo-cn[ocr]）才能读取",
    "ocr_page": "这一页是扫描图片，已用文字识别读取",
    "ocr_unsure": "识别出的数字把握不足（或两次识别结果不同），按未填报处理",
    "ocr_confirmed": "识别把握不足的数字经勾稽关系核实后采用",
    "ocr_identities": "扫描页读出的数字：成立和不成立的勾稽关系数",
    "ocr_suspect": "勾稽关系不成立，这一格可能识别有误",
    "pdf_too_large": "PDF 页数或文字过多，远超任何一份真实报告",
    "pdf_encrypted": "PDF 有密码保护，请用密码打开后另存一份无保护的副本再读取",
    "pdf_damaged": "PDF 已损坏或不完整（可能下载不全），无法读取",
    "pdf_no_text": "PDF 没有文字层（可能是扫描件），需要先做文字识别",
    # diagnostics: the document
    "heading_missing": "没有找到这一节的标题，按表格内容定位",
    "missing_section": "缺少这一节",
    "no_sections": (
        "文中有年度报告的标题，但没有现行格式（2019、2021版）的任何一节标题（可能是旧版提纲），各节均未读取"
    ),
    "edition": "按表格样式确定了版本",
    "edition_assumed": "没有表格显示样式，按年度推定版本",
    "edition_year_mismatch": "表格样式与报告年度对应的版本不一致",
    "cut_value": "输入在这个数字处结束，数字可能被截断，按未填报处理",
    "cut_name": "输入在机关名称处结束，名称可能被截断，未读取",
    "pdf_repeated_header": "跨页重复的表头已去掉",
    "pdf_cell_across_pages": "跨页断开的单元格已合并",
    "pdf_page_chrome": "表格中间的页码或页眉已去掉",
    "pdf_page_damaged": "这一页无法载入，内容缺失",
    "pdf_text_lost": "这一页有文字无法解码，可能缺失",
    "pdf_no_tables": "PDF 中没有带框线的表格（表格可能是图片或缺失）",
    # diagnostics: tables and cells
    "stray_value": "不属于任何一行的数字已忽略",
    "foreign_header": "这一分表的栏目是另一版格式的写法，其中的数字不予读取",
    "unknown_text": "表格中有不是本表标签的文字",
    "fuzzy_label": "标签与官方写法略有不同，按最接近的标签读取",
    "label_gloss": "标签后附加的说明已忽略",
    "ambiguous_label": "标签可对应多行，不予读取",
    "caption_without_item": "表题缺了项号（如“第二十条第”），其下各行按各自的行标签读取",
    "duplicate_row": "这一行重复出现，保留第一次",
    "unreadable_number": "不是可以读取的数字，按未填报处理",
    "not_stated": "空白单元格，按未填报处理",
    "space_in_number": "数字中的空格已去掉",
    "odd_number": "数字写法不规范",
    "negative_value": "不能为负数，按未填报处理",
    "unit_converted": "单元格另写了单位，已换算",
    "unit_in_cell": "单元格中写了单位",
    "not_a_count": "件数必须是整数，按未填报处理",
    "signed_value": "数字带正负号",
    "subtotal_row": "发布者加的小计行已忽略",
    "subtotal_column": "发布者加的小计列已忽略",
    "ambiguous_run": "一串数字有多种拆分方式，均不予读取",
    "unreadable_run": "一串数字无法拆分到各格，不予读取",
    "empty_row": "这一行没有单元格，按未填报处理",
    "too_many_cells": "这一行的单元格多于栏数，均不予读取",
    "missing_row": "表格缺少这一行",
    "split_run": "一行数字被拆成了几段",
    "omitted_cells": "这一行的单元格少于栏数，无法确定各属哪一栏，均不予读取",
    # where the year and the agency were read (readers/identity.py)
    "year_source": "标题中没有写明年度，年度取自文中其他位置",
    "agency_source": "标题中没有写明机关，机关取自文中其他位置",
    "year_conflict": "文中不同位置写的年度不一致",
    "agency_conflict": "文中不同位置写的机关不一致",
    # section status reasons
    "section_not_found": "没有找到这一节",
    "table_not_placed": "表格无法对应到官方样式",
    "partly_read": "只读取了部分",
}

#: The readers' layout names, in Chinese (format names such as HTML, PDF and Word stay as they are).
LAYOUTS_ZH: dict[str, str] = {
    "text": "纯文本",
    "pipe": "竖线分隔表格",
    "markdown": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "docx": "Word",
    "json": "交换格式 JSON",
    "crawler": "网页转存文本",
}


def message_zh(code: str, message: str = "") -> str | None:
    """The Chinese message of ``code``, or ``None`` for a code this table does not know.

    ``message`` is the English message, whose install command (``pip install 'govinfo-cn[pdf]'``)
    a ``missing_extra`` message names in Chinese too.

    >>> message_zh("missing_extra", "reading PDF needs pypdfium2: pip install 'govinfo-cn[pdf]'")
    "读取这种文件需要安装可选组件：pip install 'govinfo-cn[pdf]'"
    """
    if code == "missing_extra":
        m = _INSTALL.search(message)
        if m is not None:
            return f"读取这种文件需要安装可选组件：{m[0]}"
    return MESSAGES_ZH.get(code)


_INSTALL = re.compile(r"pip install '[^']{1,60}'")


def location_zh(page: int | None, line: int | None, column: int | None, element: str | None) -> str:
    """A place in the input, in Chinese: ``第 3 页第 12 行``.

    >>> location_zh(3, 12, None, None)
    '第 3 页第 12 行'
    >>> location_zh(None, 40, 2, "table[1]/tr[2]/td[1]")
    '第 40 行第 2 列 table[1]/tr[2]/td[1]'
    """
    parts = []
    if page is not None:
        parts.append(f"第 {page} 页")
    if line is not None:
        parts.append(f"第 {line} 行")
    if column is not None:
        parts.append(f"第 {column} 列")
    text = "".join(parts)
    if element is not None:
        text = f"{text} {element}" if text else element
    return text or "？"
