"""The ``govinfo`` command: a thin layer over the library.

Subcommands: ``show``, ``check``, ``render``, ``convert``, ``diff``, ``schema``, ``export``
(``govinfo COMMAND --help`` for each; ``docs/cli.md`` is generated from this parser by
:func:`reference_markdown`).

Exit status, for every subcommand:

- 0: success (``check``: every report read in full and no finding of error severity);
- 1: ``check`` found findings of error severity, or a report was only partly read (a section
  missing, a table cut short: its ``sections`` say which), and every file was read;
- 2: an input could not be read, or a usage error (a bad option, a missing argument);
- 130: interrupted (Ctrl-C); 141: the output pipe was closed early (``| head``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .catalogue import EDITIONS, common
from .errors import GovinfoError
from .report import Report
from .textwidth import display_width, terminal_ambiguous_width, terminal_width, wrap

if TYPE_CHECKING:
    from .batch import ReadResult
    from .diff import ReportDiff
    from .progress import Progress

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_UNREADABLE", "build_parser", "main", "reference_markdown"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141

#: Output formats of ``render`` and ``convert``: the suffix each writes.
RENDERINGS = {"json": ".json", "text": ".txt", "markdown": ".md", "html": ".html", "docx": ".docx"}
#: The narrowest ``render --width``.
MIN_TEXT_WIDTH = 20
#: ``--lang`` values and the Babel locale each renders with.
LOCALES = {"zh": "zh_CN", "en": "en"}

# --- words the command prints, in both languages ---------------------------------------------

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "header": "{path}：{agency} {year}年（{edition}版；{how}）",
        "clean": "未发现问题",
        "unreadable": "{path}：无法读取：{error}",
        "summary": "共 {n} 个文件：{clean} 份无问题，{errors} 份有错误，"
        "{warnings} 份仅有警告或提示，{partial} 份只读取了部分，{bad} 个无法读取",
        "check_status": "检查：{counts}（详见 govinfo check）",
        "counts": "错误 {error} 项，警告 {warning} 项，提示 {info} 项",
        "no_files": "在 {paths} 中没有找到报告文件",
        "diff_head": "{old} → {new}",
        "diff_fields": "基本信息变化：",
        "diff_cells": "表格变化（{n} 处）：",
        "diff_none": "表格数据相同",
        "diff_prose": "文字有改动的部分：{sections}",
        "diff_findings": "跨年度检查：",
        "diff_no_findings": "跨年度检查：未发现问题",
        "diff_same_year": "两份报告年度相同，未做跨年度检查",
        "other_agency": "注意：两份报告的机关不同（{old} / {new}）",
        "label": "位置",
        "old": "原值",
        "new": "新值",
        "delta": "增减",
        "wrote": "已写入 {path}（{n} 行）",
        "partial": "只读取了部分内容，以下部分未完整读取：",
        "frequent": "最常见的问题：{codes}",
        "read": "已读取",
        "partly_read": "部分读取",
        "not_found": "未找到",
        "not_placeable": "表格无法读取",
        "cells": "{read}/{total} 格",
        "overwrite_input": "{path}：不覆盖输入文件 {target}",
        "needs_dir": "多个输入需要用 -d/--output-dir 指定输出目录（每份报告一个文件）",
        "o_or_d": "-o/--output 和 -d/--output-dir 只能给一个",
        "table_suffix": "{path}：输出文件名须以 .csv 或 .parquet 结尾",
        "written_twice": "{path}：已有另一个输入写入了 {target}",
        "docx_terminal": "Word 文件不在终端上显示：请用 -o 文件名.docx 写入文件",
        "narrow_width": "--width 至少为 {least}（或 0 表示完整版式），不能是 {width}",
    },
    "en": {
        "header": "{path}: {agency} {year} ({edition} edition; {how})",
        "clean": "no findings",
        "unreadable": "{path}: cannot read: {error}",
        "summary": "{n} file{s}: {clean} clean, {errors} with errors, "
        "{warnings} with warnings or info only, {partial} partly read, {bad} unreadable",
        "check_status": "check: {counts} (govinfo check for details)",
        "counts": "{error} errors, {warning} warnings, {info} info",
        "no_files": "no report files found in {paths}",
        "diff_head": "{old} → {new}",
        "diff_fields": "fields that differ:",
        "diff_cells": "table cells that differ ({n}):",
        "diff_none": "the tables hold the same data",
        "diff_prose": "text differs in: {sections}",
        "diff_findings": "cross-year checks:",
        "diff_no_findings": "cross-year checks: no findings",
        "diff_same_year": "both reports are on the same year: no cross-year checks",
        "other_agency": "note: the reports are by different agencies ({old} / {new})",
        "label": "cell",
        "old": "old",
        "new": "new",
        "delta": "change",
        "wrote": "wrote {path} ({n} rows)",
        "partial": "partly read; these sections were not read in full:",
        "frequent": "most frequent findings: {codes}",
        "read": "read",
        "partly_read": "partly read",
        "not_found": "not found",
        "not_placeable": "table cannot be placed",
        "cells": "{read}/{total} cells",
        "overwrite_input": "{path}: not overwriting an input file: {target}",
        "needs_dir": "several inputs need -d/--output-dir DIR (one output file each)",
        "o_or_d": "give -o/--output or -d/--output-dir, not both",
        "table_suffix": "{path}: the output must end in .csv or .parquet",
        "written_twice": "{path}: another input was already written to {target}",
        "docx_terminal": "a Word file is not shown on a terminal: give -o FILE.docx",
        "narrow_width": "--width must be at least {least} (or 0 for the full layout), not {width}",
    },
}


def _w(lang: str, key: str, **values: object) -> str:
    return _WORDS[lang][key].format(**values)


# --- reading ---------------------------------------------------------------------------------


#: The name standard input is read under (``-`` on the command line).
STDIN = "-"


def _stdin_copy() -> str:
    """Standard input, saved to a temporary file (the readers decide the layout by content)."""
    import atexit
    import tempfile

    from .batch import MAX_BYTES

    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise GovinfoError(f"standard input holds more than {MAX_BYTES} bytes", code="too_large", path=STDIN)
    handle, name = tempfile.mkstemp(prefix="govinfo-stdin-")
    with os.fdopen(handle, "wb") as f:
        f.write(data)
    atexit.register(os.unlink, name)
    return name


def _read_stdin_result(args: argparse.Namespace, *, validate: bool) -> ReadResult:
    import attrs

    from .batch import read_file

    result = read_file(
        _stdin_copy(),
        edition=getattr(args, "edition", None),
        validate=validate,
        year=getattr(args, "year", None),
        agency=getattr(args, "agency", None),
    )
    return attrs.evolve(result, path=STDIN)


def _read(path: str, args: argparse.Namespace, *, validate: bool = False) -> ReadResult:
    """Read one file (``-``: standard input), or raise its error (exit 2)."""
    from .batch import read_file

    if path == STDIN:
        result = _read_stdin_result(args, validate=validate)
        if result.error is not None:
            raise result.error
        return result
    result = read_file(
        path,
        edition=getattr(args, "edition", None),
        validate=validate,
        year=getattr(args, "year", None),
        agency=getattr(args, "agency", None),
    )
    if result.error is not None:
        raise result.error
    return result


def _report(result: ReadResult) -> Report:
    assert result.report is not None
    return result.report


def _progress(args: argparse.Namespace, total: int, label: str) -> Progress:
    from .progress import Progress

    machine = getattr(args, "format", "text") == "json"
    enabled = None if not (machine or getattr(args, "no_progress", False)) else False
    progress = Progress(total, stream=sys.stderr, enabled=enabled, label=label)
    delay = os.environ.get("GOVINFO_PROGRESS_DELAY")  # seconds before the bar shows (default 0.5)
    if delay:
        with contextlib.suppress(ValueError):
            progress.delay = float(delay)
    return progress


@contextlib.contextmanager
def _page_progress(args: argparse.Namespace) -> Iterator[None]:
    """While one file is read in this process, a progress bar of its scanned pages (OCR takes
    seconds a page); shown only on a terminal, like the bar of files."""
    from .readers.ocr import PAGE_PROGRESS

    bars: list[Progress] = []

    def advance(done: int, total: int) -> None:
        if not bars:
            bars.append(_progress(args, total, "OCR").__enter__())
        bars[0].advance()

    token = PAGE_PROGRESS.set(advance)
    try:
        yield
    finally:
        PAGE_PROGRESS.reset(token)
        for bar in bars:
            bar.__exit__(None, None, None)


def _results(args: argparse.Namespace, *, validate: bool) -> tuple[list[Path], Iterator[ReadResult]]:
    from .batch import read_many, report_files

    if args.paths == [STDIN]:
        result = _read_stdin_result(args, validate=validate)
        return [Path(STDIN)], iter([result])
    files = report_files(args.paths)
    if not files:
        raise GovinfoError(_w(args.lang, "no_files", paths=", ".join(args.paths)), code="no_files")
    return files, read_many(
        files,
        workers=args.workers,
        edition=args.edition,
        validate=validate,
        year=getattr(args, "year", None),
        agency=getattr(args, "agency", None),
    )


def _how(result: ReadResult, lang: str = "en") -> str:
    """How a file was read: its layout and encoding."""
    from .messages_zh import LAYOUTS_ZH

    layout = LAYOUTS_ZH.get(result.layout or "", result.layout) if lang == "zh" else result.layout
    return ("，" if lang == "zh" else ", ").join(x for x in (layout, result.encoding) if x)


# --- show ------------------------------------------------------------------------------------


def _summary(report: Report, lang: str = "zh") -> str:
    """What ``show`` prints: the title, the edition/year/agency line, each section, the requests."""
    from .render._common import roman  # the renderers' own section numbering (I. Overview)

    zh = lang == "zh"
    title = report.title_or_default if zh else _english_title(report)
    lines = [
        title,
        f"{report.edition} 版 · {report.year} 年度 · {report.agency or '机关未写明'}"
        if zh
        else f"edition {report.edition} · year {report.year} · {report.agency or 'agency not stated'}",
        "",
    ]
    for i, (number, section) in enumerate(zip(common.NUMERALS, report.edition_spec.sections)):
        content = getattr(report, section.key)
        label = f"{number}、{section.label}" if zh else f"{roman(i + 1)}. {section.label_en}"
        if section.kind == "narrative":
            n = len(content.all_paragraphs())
            lines.append(f"{label}：{n} 段" if zh else f"{label}: {n} paragraph{'s' * (n != 1)}")
        else:
            stated = sum(c is not None for c in content.cells)
            total = len(content.cells)
            lines.append(
                f"{label}：已填 {stated}/{total} 格" if zh else f"{label}: {stated}/{total} cells stated"
            )
    req = report.requests
    new, carried, done, forward = (
        _show_value(req[row, "total"])
        for row in ("new_received", "carried_over", "results.total", "carried_forward")
    )
    lines += [
        "",
        f"依申请公开：本年新收 {new}，上年结转 {carried}，办结 {done}，结转下年度 {forward}"
        if zh
        else f"requests: {new} new, {carried} carried over, {done} concluded, {forward} carried forward",
    ]
    return "\n".join(lines)


def _english_title(report: Report) -> str:
    if report.title is not None:
        return report.title
    return common.TITLE_TEMPLATE_EN.format(agency=report.agency, year=report.year)


def _counts(findings: Sequence[Any]) -> dict[str, int]:
    return {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}


def _cmd_show(args: argparse.Namespace) -> int:
    from .validation import validate

    if args.file is None:
        from .examples import linping_education_2023

        report = linping_education_2023()
    else:
        report = _report(_read(args.file, args))
    print(_summary(report, args.lang))
    counts = _counts(validate(report))
    print(_w(args.lang, "check_status", counts=_w(args.lang, "counts", **counts)))
    return EXIT_OK


# --- check -----------------------------------------------------------------------------------


def _error_dict(error: GovinfoError) -> dict[str, Any]:
    return {
        "code": error.code,
        "path": error.path,
        "message": error.message,
        "problems": [{"code": c, "path": p, "message": m} for c, p, m in error.problems()],
    }


def check_object(result: ReadResult) -> dict[str, Any]:
    """The ``check --format json`` object of one file (one JSON line each)."""
    report = result.report
    findings = result.findings or ()
    counts = _counts(findings)
    if not result.readable:
        status = "unreadable"
    elif counts["error"]:
        status = "errors"
    elif result.status == "partial":
        status = "partial"
    elif findings:
        status = "findings"
    else:
        status = "clean"
    return {
        "path": result.path,
        "status": status,
        "read": result.status,
        "sections": [
            {
                "key": s.key,
                "status": s.status,
                "reason": s.reason,
                "location": str(s.location),
                "found_by": s.found_by,
                "cells_read": s.cells_read,
                "cells_total": s.cells_total,
            }
            for s in result.sections
        ],
        "agency": report.agency if report else None,
        "year": report.year if report else None,
        "edition": report.edition if report else None,
        "layout": result.layout,
        "encoding": result.encoding,
        "counts": counts,
        "findings": [f.to_dict() for f in findings],
        "diagnostics": [
            {"code": d.code, "message": d.message, "location": str(d.location), "raw": d.raw, "path": d.path}
            for d in result.diagnostics
        ],
        "error": _error_dict(result.error) if result.error is not None else None,
    }


def _indent(text: str, prefix: str = "  ") -> str:
    return "\n".join(prefix + line if line else line for line in text.splitlines())


def _error_text(result: ReadResult, lang: str = "en") -> str:
    """The error of a file, without naming the file again (in Chinese: what its code means)."""
    error = result.error
    assert error is not None
    if lang == "zh":
        return _error_zh(error, result.path)
    if error.path in (None, result.path) and not error.problems()[1:]:
        return f"{error.message} [{error.code}]"
    return str(error)


_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)")


def _error_zh(error: GovinfoError, path: str | None = None) -> str:
    """An error in Chinese: each problem's Chinese wording and code, with its place unless it is
    the file itself."""
    from .messages_zh import message_zh

    parts = []
    for code, where, message in error.problems():
        where = _LINE_COLUMN.sub(lambda m: f"第 {m[1]} 行第 {m[2]} 列", where or "")
        own = code == "usage" and any("\u4e00" <= ch <= "\u9fff" for ch in message)  # worded here
        text = f"{message if own else message_zh(code, message) or message} [{code}]"
        parts.append(text if where in ("", "$", path) else f"{where}：{text}")
    return "；".join(parts)


def _check_text(result: ReadResult, lang: str, diagnostics: bool) -> str:
    from .validation import format_findings

    if not result.readable:
        assert result.error is not None
        return _w(lang, "unreadable", path=result.path, error=_error_text(result, lang))
    report = result.report
    if report is not None:
        head = _w(
            lang,
            "header",
            path=result.path,
            agency=report.agency,
            year=report.year,
            edition=report.edition,
            how=_how(result, lang),
        )
    else:
        assert result.error is not None
        head = _w(lang, "unreadable", path=result.path, error=_error_text(result, lang))
    findings = list(result.findings or ())
    columns, ambiguous = terminal_width(), terminal_ambiguous_width()
    table = (
        format_findings(findings, lang="zh" if lang == "zh" else "en", width=columns - 2, ambiguous=ambiguous)
        if findings
        else _w(lang, "clean")
    )
    head = "\n".join(wrap(head, columns, ambiguous=ambiguous))
    lines = [head]
    unread = [s for s in result.sections if s.status != "read"]
    if unread:
        lines.append(_indent(_w(lang, "partial")))
        for s in unread:
            counts = (
                f"（{_w(lang, 'cells', read=s.cells_read or 0, total=s.cells_total)}）"
                if s.cells_total
                else ""
            )
            if lang != "zh" and counts:
                counts = f" ({_w(lang, 'cells', read=s.cells_read or 0, total=s.cells_total)})"
            sep = "：" if lang == "zh" else ": "
            lines.append(_indent(f"{s.label}{sep}{_w(lang, s.status)}{counts}", "    "))
    lines.append(_indent(table))
    if diagnostics and result.diagnostics:
        if lang == "zh":
            edition = report.edition_spec if report is not None else None
            lines += [_indent(f"解析：{d.describe_zh(edition)}") for d in result.diagnostics]
        else:
            lines += [_indent(f"parse: {d}") for d in result.diagnostics]
    return "\n".join(lines)


def _cmd_check(args: argparse.Namespace) -> int:
    from collections import Counter

    files, results = _results(args, validate=True)
    if args.annotate and len(files) != 1:
        raise GovinfoError("--annotate OUT.xlsx needs exactly one workbook to check", code="usage")
    tally = {"n": 0, "clean": 0, "errors": 0, "warnings": 0, "partial": 0, "bad": 0}
    kept: list[ReadResult] = []
    codes: Counter[str] = Counter()
    with _progress(args, len(files), "check") as bar:
        for result in results:
            tally["n"] += 1
            codes.update(f.code for f in result.findings or ())
            if args.html:
                kept.append(result)
            if args.annotate and result.readable:
                _annotate(result, args.annotate, args.lang)
            if not result.readable:
                tally["bad"] += 1
            elif result.count("error"):
                tally["errors"] += 1
            elif result.status == "partial":
                tally["partial"] += 1
            elif result.findings:
                tally["warnings"] += 1
            else:
                tally["clean"] += 1
            if args.format == "json":
                print(json.dumps(check_object(result), ensure_ascii=False), flush=True)
            else:
                bar.clear()
                print(_check_text(result, args.lang, args.diagnostics), flush=True)
                print()
            bar.advance()
    if args.format != "json":
        summary = _w(args.lang, "summary", s="" if tally["n"] == 1 else "s", **tally)
        if tally["n"] > 1 and codes:
            sep = "、" if args.lang == "zh" else ", "
            top = sep.join(
                f"{code}（{n}）" if args.lang == "zh" else f"{code} ({n})" for code, n in codes.most_common(5)
            )
            summary += "\n" + _w(args.lang, "frequent", codes=top)
        for line in summary.split("\n"):
            print("\n".join(wrap(line, terminal_width(), ambiguous=terminal_ambiguous_width())))
    if args.html:
        from .render.findings_page import render_findings_page

        _write(render_findings_page(kept, lang=args.lang), args.html)
    if tally["bad"]:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if tally["errors"] or tally["partial"] else EXIT_OK


def _annotate(result: ReadResult, out: str, lang: str) -> None:
    """Write a copy of the checked workbook with the findings' cells marked (govinfo.annotate)."""
    from .annotate import annotate_xlsx
    from .files import read_source_file

    data = read_source_file(Path(result.path), 64 * 1024 * 1024)
    _write(annotate_xlsx(data, result.findings or (), diagnostics=result.diagnostics, lang=lang), out)


# --- render, convert -------------------------------------------------------------------------


def render(report: Report, to: str, lang: str = "zh", *, width: int | None = None) -> str | bytes:
    """The report in one of :data:`RENDERINGS` (``json``: the interchange JSON, indented;
    ``docx``: the bytes of a Word file); ``width`` fits plain text to a terminal of that many
    columns."""
    if to == "json":
        return report.to_json(indent=2) + "\n"
    if to == "docx":
        from .render.docx import render_docx

        return render_docx(report, locale=LOCALES[lang])
    from . import render as renderers

    if to == "text" and width is not None:
        return renderers.render_text(
            report, locale=LOCALES[lang], width=width, ambiguous=terminal_ambiguous_width()
        )
    function: Callable[..., str] = getattr(renderers, f"render_{to}")
    text = function(report, locale=LOCALES[lang])
    return text if text.endswith("\n") else text + "\n"


def _write(text: str | bytes, out: str | None, lang: str = "en") -> None:
    if out is None or out == "-":
        if isinstance(text, bytes):
            if sys.stdout.isatty():
                raise GovinfoError(_w(lang, "docx_terminal"), code="usage")
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
            return
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        if isinstance(text, bytes):
            Path(out).write_bytes(text)
        else:
            Path(out).write_text(text, encoding="utf-8", newline="\n")
    except OSError as e:
        raise GovinfoError(f"cannot write {out}: {e.strerror}", code="unwritable_file", path=out) from None


def _text_width(args: argparse.Namespace) -> int | None:
    """The width plain text is fitted to: ``--width`` (0: the full official layout); else the
    terminal's width when writing to a terminal (or when ``COLUMNS`` is set); else none."""
    if args.width is not None:
        if args.width and args.width < MIN_TEXT_WIDTH:
            raise GovinfoError(
                _w(args.lang, "narrow_width", least=MIN_TEXT_WIDTH, width=args.width), code="usage"
            )
        return args.width or None
    if args.output not in (None, "-"):
        return None
    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return terminal_width()
    return None


def _cmd_render(args: argparse.Namespace) -> int:
    report = _report(_read(args.file, args))
    width = _text_width(args) if args.to == "text" else None
    _write(render(report, args.to, args.lang, width=width), args.output, args.lang)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    if args.output_dir is None:
        if len(args.paths) > 1 or Path(args.paths[0]).is_dir():
            raise GovinfoError(_w(args.lang, "needs_dir"), code="usage")
        report = _report(_read(args.paths[0], args))
        _write(render(report, args.to, args.lang), args.output, args.lang)
        return EXIT_OK
    if args.output is not None:
        raise GovinfoError(_w(args.lang, "o_or_d"), code="usage")
    files, results = _results(args, validate=False)
    out_dir = Path(args.output_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs = {f.resolve() for f in files}
    written: set[Path] = set()
    bad = 0
    with _progress(args, len(files), "convert") as bar:
        for result in results:
            bar.advance()
            target = out_dir / (Path(result.path).stem + RENDERINGS[args.to])
            problem = None
            if result.report is None:
                problem = _w(args.lang, "unreadable", path=result.path, error=_error_text(result, args.lang))
            elif target.resolve() in inputs:
                problem = _w(args.lang, "overwrite_input", path=result.path, target=target)
            elif target.resolve() in written:
                problem = _w(args.lang, "written_twice", path=result.path, target=target)
            if problem is not None:
                bad += 1
                bar.clear()
                print(problem, file=sys.stderr)
                continue
            assert result.report is not None
            _write(render(result.report, args.to, args.lang), str(target))
            written.add(target.resolve())
    return EXIT_UNREADABLE if bad else EXIT_OK


# --- diff ------------------------------------------------------------------------------------

#: The report's fields and parts, named in each language (never an interchange key in Chinese).
_PARTS_ZH = {"edition": "版本", "agency": "机关", "year": "年度", "title": "标题", "published": "发布日期",
             "preamble": "开头部分"}  # fmt: skip


def _part_name(lang: str, key: str) -> str:
    """A field or section of a report as a reader knows it: ``一、总体情况`` / ``Overview``."""
    for number, section in zip(common.NUMERALS, common.SECTIONS):
        if section.key == key:
            return f"{number}、{section.label}" if lang == "zh" else section.label_en
    if lang == "zh":
        return _PARTS_ZH.get(key, key)
    return key


def _width(text: str) -> int:
    """Columns in this terminal (:mod:`govinfo.textwidth`)."""
    return display_width(text, ambiguous=terminal_ambiguous_width())


def _table(rows: Sequence[Sequence[str]], numeric: set[int]) -> list[str]:
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            fill = " " * (w - _width(cell))
            cells.append(fill + cell if i in numeric else cell + fill)
        out.append("  ".join(cells).rstrip())
    return out


def _show_value(v: object) -> str:
    from decimal import Decimal

    if v is None:
        return "—"
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


def diff_text(d: ReportDiff, old: str, new: str, lang: str) -> str:
    """The ``diff`` command's readable output."""
    from .validation import format_findings

    lines = [_w(lang, "diff_head", old=old, new=new), ""]
    if d.fields:
        lines.append(_w(lang, "diff_fields"))
        sep = "：" if lang == "zh" else ": "
        lines += [
            f"  {_part_name(lang, f.field)}{sep}{_show_value(f.old)} → {_show_value(f.new)}" for f in d.fields
        ]
        lines.append("")
    if d.cells:
        lines.append(_w(lang, "diff_cells", n=len(d.cells)))
        rows = [(_w(lang, "label"), _w(lang, "old"), _w(lang, "new"), _w(lang, "delta"))]
        for c in d.cells:
            delta = c.delta
            sign = "+" if delta is not None and delta > 0 else ""
            rows.append(
                (
                    c.label_en if lang == "en" else c.label,
                    _show_value(c.old) if c.status != "added" else "",
                    _show_value(c.new) if c.status != "removed" else "",
                    f"{sign}{_show_value(delta)}" if delta is not None else "",
                )
            )
        lines += ["  " + line for line in _table(rows, {1, 2, 3})]
    else:
        lines.append(_w(lang, "diff_none"))
    if d.narratives:
        joiner = "、" if lang == "zh" else ", "
        lines += ["", _w(lang, "diff_prose", sections=joiner.join(_part_name(lang, k) for k in d.narratives))]
    lines.append("")
    if d.findings:
        lines += [
            _w(lang, "diff_findings"),
            _indent(format_findings(list(d.findings), lang="zh" if lang == "zh" else "en")),
        ]
    elif any(f.field == "year" for f in d.fields):
        lines.append(_w(lang, "diff_no_findings"))
    else:
        lines.append(_w(lang, "diff_same_year"))
    return "\n".join(lines) + "\n"


def _cmd_diff(args: argparse.Namespace) -> int:
    from .diff import compare

    old, new = _report(_read(args.old, args)), _report(_read(args.new, args))
    if old.agency != new.agency:
        print(_w(args.lang, "other_agency", old=old.agency, new=new.agency), file=sys.stderr)
    d = compare(old, new)
    if args.format == "json":
        out = {"old": args.old, "new": args.new, **d.to_dict()}
        _write(json.dumps(out, ensure_ascii=False, indent=2) + "\n", None)
    else:
        _write(diff_text(d, args.old, args.new, args.lang), None)
    return EXIT_OK


# --- schema ----------------------------------------------------------------------------------


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema

    try:
        schema = json_schema(edition=args.edition)
    except KeyError as e:
        raise GovinfoError(str(e.args[0]), code="bad_edition") from None
    _write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", args.output)
    return EXIT_OK


def _cmd_template(args: argparse.Namespace) -> int:
    from .template import xlsx_template

    report = None if args.report is None else _report(_read(args.report, args))
    if args.output in (None, "-") and sys.stdout.isatty():
        raise GovinfoError("a workbook is not shown on a terminal: give -o FILE.xlsx", code="usage")
    _write(xlsx_template(edition=args.edition or "2021", report=report), args.output)
    return EXIT_OK


# --- export ----------------------------------------------------------------------------------


def _check_table_path(path: str, lang: str = "en") -> str:
    if not path.lower().endswith((".csv", ".parquet")):
        raise GovinfoError(_w(lang, "table_suffix", path=path), code="usage")
    return path


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import CELL_COLUMNS, FINDING_COLUMNS, cell_records, finding_records
    from .writers import TableWriter, open_table

    cells_out = _check_table_path(args.output, args.lang)
    findings_out = _check_table_path(args.findings, args.lang) if args.findings else None
    files, results = _results(args, validate=findings_out is not None)
    outputs: list[tuple[str, TableWriter, Any]] = []
    bad = 0
    try:  # rows are written as each report comes: memory does not grow with the batch
        outputs.append((cells_out, open_table(cells_out, columns=CELL_COLUMNS, bom=args.bom), cell_records))
        if findings_out:
            table = open_table(findings_out, columns=FINDING_COLUMNS, bom=args.bom, which="findings")
            outputs.append((findings_out, table, finding_records))
        with _progress(args, len(files), "export") as bar:
            for result in results:
                bar.advance()
                if result.report is None:
                    bad += 1
                    bar.clear()
                    error = _error_text(result, args.lang)
                    print(_w(args.lang, "unreadable", path=result.path, error=error), file=sys.stderr)
                if result.report is not None or result.findings:
                    for _, table, records in outputs:
                        table.write(records([result]))
        for _, table, _ in outputs:
            table.close()
    except OSError as e:
        out = e.filename if isinstance(e.filename, str) else cells_out
        raise GovinfoError(f"cannot write {out}: {e.strerror}", code="unwritable_file", path=out) from None
    except ImportError as e:
        raise GovinfoError(str(e), code="missing_extra") from None
    finally:
        for _, table, _ in outputs:
            with contextlib.suppress(Exception):
                table.close()
    for out, table, _ in outputs:
        print(_w(args.lang, "wrote", path=out, n=table.rows), file=sys.stderr)
    return EXIT_UNREADABLE if bad else EXIT_OK


# --- the parser ------------------------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    """Wraps prose paragraphs; keeps the line breaks of examples (paragraphs with indented lines)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        paragraphs = []
        for para in text.split("\n\n"):
            if "\n  " in para:
                paragraphs.append("\n".join(indent + line for line in para.splitlines()))
            else:
                words = " ".join(para.split())
                paragraphs.append(
                    textwrap.fill(words, width, initial_indent=indent, subsequent_indent=indent)
                )
        return "\n\n".join(paragraphs)


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang", choices=list(LOCALES), default="zh", help="the language of the output (default: zh)"
    )


def _add_batch(p: argparse.ArgumentParser) -> None:
    from .batch import PARALLEL_THRESHOLD

    p.add_argument(
        "-j",
        "--workers",
        type=_positive,
        default=None,
        metavar="N",
        help=f"processes to read with (default: one per core for {PARALLEL_THRESHOLD} files or more)",
    )
    p.add_argument("--no-progress", action="store_true", help="never show the progress bar")


def _add_edition(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--edition",
        choices=list(EDITIONS),
        default=None,
        help="read published documents as this edition (default: decided from their tables)",
    )
    p.add_argument(
        "--year",
        type=_year,
        default=None,
        help="the year reported on, for documents that do not state it (a disagreement is noted)",
    )
    p.add_argument("--agency", default=None, help="the reporting agency, for documents that do not state it")


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"a year has four digits, not {text!r}")
    return int(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


_LAYOUTS = "any layout govinfo reads: interchange JSON, text, Markdown, HTML, PDF, Word"


def build_parser() -> argparse.ArgumentParser:
    """The ``govinfo`` argument parser (``docs/cli.md`` is generated from it)."""
    parser = argparse.ArgumentParser(
        prog="govinfo",
        description="Read, check, render, compare and export 政府信息公开工作年度报告 "
        "(government information disclosure annual reports).",
        epilog="Examples:\n  govinfo check reports/        # check every report in a folder\n"
        "  govinfo show                  # the built-in example report",
        formatter_class=_Formatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"govinfo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str, examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help, description=description, epilog=examples, formatter_class=_Formatter
        )

    show = command(
        "show",
        "show a report and its check status",
        "Show a report (the built-in Linping 2023 example when no FILE is given): its sections, "
        "its request counts, and how many findings govinfo check would report.",
        "Example:\n  govinfo show report.html",
    )
    show.add_argument(
        "file", nargs="?", metavar="FILE", help=f"a report, in {_LAYOUTS}; - reads standard input"
    )
    _add_lang(show)
    _add_edition(show)
    show.set_defaults(func=_cmd_show)

    check = command(
        "check",
        "check reports: every accounting identity, blanks, prose against tables",
        "Read each report (files, or every report file under a directory) and validate it: a table of "
        "findings per report, or one JSON object per report (JSON Lines) with --format json. Files "
        "that cannot be read are reported and the others still checked. A report only partly read "
        "(a section missing, a table cut short) says which sections were not read in full; "
        "--year and --agency supply what a page does not state.\n\n"
        "Exit status: 0 every report read in full and no error found; 1 a finding of error "
        "severity, or a report only partly read; 2 a file could not be read (or a usage error).",
        "Examples:\n  govinfo check report.html\n  govinfo check reports/ --lang en\n"
        "  govinfo check reports/ --format json > findings.jsonl",
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=f"report files or directories ({_LAYOUTS}); - reads standard input",
    )
    check.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text (default) or json: one object per report",
    )
    _add_lang(check)
    check.add_argument("--diagnostics", action="store_true", help="also list what the parser was unsure of")
    check.add_argument(
        "--html",
        metavar="FILE",
        default=None,
        help="also write one self-contained HTML page of the whole check (summary, chart, sortable "
        "tables of reports and findings, each report with its findings marked)",
    )
    check.add_argument(
        "--annotate",
        metavar="OUT",
        default=None,
        help="for one .xlsx workbook: also write a copy with the cells named by findings highlighted, "
        "each with a comment holding the message, and a sheet listing them all",
    )
    _add_edition(check)
    _add_batch(check)
    check.set_defaults(func=_cmd_check)

    rend = command(
        "render",
        "render a report as text, Markdown, HTML, Word (.docx) or interchange JSON",
        "Read a report in any layout and write it as plain text, Markdown, HTML or interchange JSON, "
        "with Chinese (default) or English labels.",
        "Examples:\n  govinfo render report.json --to html -o report.html\n"
        "  govinfo render report.pdf --to markdown --lang en\n"
        "  govinfo render report.json --to docx -o report.docx",
    )
    rend.add_argument("file", metavar="FILE", help=f"a report, in {_LAYOUTS}; - reads standard input")
    rend.add_argument("--to", choices=list(RENDERINGS), required=True, help="the output format")
    _add_lang(rend)
    rend.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    rend.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="plain text: fit lines to N display columns (wide tables become records); 0 for the "
        "full official layout (default: the terminal's width on a terminal, the full layout in a file)",
    )
    _add_edition(rend)
    rend.set_defaults(func=_cmd_render)

    conv = command(
        "convert",
        "convert reports to interchange JSON (or any rendering), one file or many",
        "Convert reports from any layout govinfo reads to interchange JSON (the default) or to a "
        "rendering. One file goes to standard output or -o OUT; several files or directories need "
        "-d DIR, which receives one file per report, named after it (report.html -> report.json).",
        "Examples:\n  govinfo convert report.pdf -o report.json\n"
        "  govinfo convert downloads/ -d json/\n  govinfo convert report.json --to html -o report.html",
    )
    conv.add_argument("paths", nargs="+", metavar="PATH", help=f"report files or directories ({_LAYOUTS})")
    conv.add_argument(
        "--to", choices=list(RENDERINGS), default="json", help="the output format (default: json)"
    )
    _add_lang(conv)
    conv.add_argument(
        "-o", "--output", metavar="OUT", help="the output file, for one input (default: standard output)"
    )
    conv.add_argument("-d", "--output-dir", metavar="DIR", help="the output directory, one file per report")
    _add_edition(conv)
    _add_batch(conv)
    conv.set_defaults(func=_cmd_convert)

    diff = command(
        "diff",
        "compare two reports of one agency, cell by cell, with cross-year checks",
        "Compare two reports (e.g. one agency's consecutive years): every table cell that differs, "
        "named by its official labels, the header fields and prose sections that differ, and the "
        "cross-year findings (S1 carry-over, S2 documents in force, S3 items carried).",
        "Example:\n  govinfo diff 2022.json 2023.html",
    )
    diff.add_argument("old", metavar="OLD", help="the earlier report")
    diff.add_argument("new", metavar="NEW", help="the later report")
    diff.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
    _add_lang(diff)
    _add_edition(diff)
    diff.set_defaults(func=_cmd_diff)

    schema = command(
        "schema",
        "print the JSON Schema of the interchange format",
        "Print the JSON Schema (draft 2020-12) of the interchange format, generated from the catalogue.",
        "Examples:\n  govinfo schema -o govinfo-report.schema.json\n  govinfo schema --edition 2019",
    )
    schema.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    schema.add_argument("--edition", choices=list(EDITIONS), default=None, help="only this edition")
    schema.set_defaults(func=_cmd_schema)

    template = command(
        "template",
        "write the spreadsheet an agency fills in (.xlsx)",
        "Write an Excel workbook laid out like the official tables (merged header cells, labels from the "
        "catalogue, locked label cells, number-only input cells; a blank cell means not stated), with a "
        "sheet for the agency, year, title and date and a sheet for the narrative sections. With --from, "
        "the workbook is filled with that report. Read it back with any command (check, render, convert).",
        "Examples:\n  govinfo template --edition 2021 -o 表格.xlsx\n"
        "  govinfo template --from report.json -o 表格.xlsx",
    )
    template.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    template.add_argument(
        "--edition", choices=list(EDITIONS), default=None, help="the edition (default: 2021, or the report's)"
    )
    template.add_argument(
        "--from", dest="report", metavar="FILE", default=None, help="fill it with this report"
    )
    template.set_defaults(func=_cmd_template, lang="zh")
    export = command(
        "export",
        "export reports as a tidy table: one row per report and cell (CSV or Parquet)",
        "Read reports and write one row per report and value cell: agency, year, edition, section, row "
        "and column keys, official and English labels, value, amount, unit, and whether it was stated "
        "or derived. --findings also writes one row per finding. A name ending in .parquet writes "
        "Parquet (needs govinfo-cn[parquet]).",
        "Examples:\n  govinfo export reports/ -o cells.csv\n"
        "  govinfo export reports/ -o cells.parquet --findings findings.csv",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help=f"report files or directories ({_LAYOUTS})")
    export.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the cell table (.csv or .parquet)"
    )
    export.add_argument("--findings", metavar="OUT", help="also write the findings table (.csv or .parquet)")
    export.add_argument("--bom", action="store_true", help="start CSV files with a UTF-8 BOM (for Excel)")
    _add_lang(export)
    _add_edition(export)
    _add_batch(export)
    export.set_defaults(func=_cmd_export)
    return parser


# --- the reference page ----------------------------------------------------------------------

_BEGIN = "<!-- BEGIN generated by govinfo.cli.reference_markdown(): do not edit -->"
_END = "<!-- END generated -->"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _usage(name: str, p: argparse.ArgumentParser) -> str:
    parts = [f"govinfo {name}"]
    for a in p._actions:
        if isinstance(a, argparse._HelpAction):
            continue
        metavar = (
            a.metavar if isinstance(a.metavar, str) else (a.dest.upper() if not a.option_strings else None)
        )
        if a.choices and not a.option_strings:
            metavar = "{" + ",".join(map(str, a.choices)) + "}"
        if a.option_strings:
            opt = a.option_strings[0]
            if a.nargs == 0:
                text = opt
            elif a.choices:
                text = f"{opt} {{{','.join(map(str, a.choices))}}}"
            else:
                text = f"{opt} {metavar or a.dest.upper()}"
            parts.append(text if a.required else f"[{text}]")
        else:
            text = metavar or a.dest
            if a.nargs == "+":
                text = f"{text} [{text} ...]"
            elif a.nargs == "?":
                text = f"[{text}]"
            parts.append(text)
    return " ".join(parts)


def _argument_rows(p: argparse.ArgumentParser) -> list[str]:
    rows = ["| argument | meaning |", "|---|---|"]
    for a in p._actions:
        if isinstance(a, argparse._HelpAction):
            continue
        name = ", ".join(f"`{o}`" for o in a.option_strings) or f"`{a.metavar or a.dest}`"
        meaning = (a.help or "").replace("|", "\\|")
        if a.choices and a.option_strings:
            meaning += f" (one of: {', '.join(f'`{c}`' for c in a.choices)})"
        if a.required and a.option_strings:
            meaning += " (required)"
        rows.append(f"| {name} | {meaning} |")
    return rows


def reference_markdown() -> str:
    """The command reference of ``docs/cli.md``, generated from :func:`build_parser`."""
    parser = build_parser()
    lines = [_BEGIN, ""]
    for name, p in _subcommands(parser).items():
        lines += [f"### `govinfo {name}`", "", "```text", _usage(name, p), "```", ""]
        lines += [p.description or "", ""]
        lines += _argument_rows(p)
        lines += ["", "```text", (p.epilog or "").strip(), "```", ""]
    lines.append(_END)
    return "\n".join(lines)


def write_reference(path: str | os.PathLike[str] = "docs/cli.md") -> bool:
    """Replace the generated block of ``path`` with :func:`reference_markdown`; True if it changed."""
    target = Path(path)
    text = target.read_text(encoding="utf-8")
    start, end = text.index(_BEGIN), text.index(_END) + len(_END)
    new = text[:start] + reference_markdown() + text[end:]
    if new != text:
        target.write_text(new, encoding="utf-8")
    return new != text


# --- main ------------------------------------------------------------------------------------


def _streams_can_print_chinese() -> None:
    """On a stream that cannot encode Chinese (``PYTHONIOENCODING=ascii``), escape instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "报告".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    _streams_can_print_chinese()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_UNREADABLE
    zh = getattr(args, "lang", "zh") == "zh"
    single = getattr(args, "file", None)
    inputs: list[str] = [single] if single else list(getattr(args, "paths", None) or [])
    one_file = len(inputs) == 1 and inputs[0] != STDIN and Path(inputs[0]).is_file()
    try:
        if one_file:
            with _page_progress(args):
                return int(args.func(args))
        return int(args.func(args))
    except GovinfoError as e:
        print(f"govinfo：{_error_zh(e)}" if zh else f"govinfo: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    except BrokenPipeError:
        # The reader went away (| head): stop quietly; point stdout at nothing so the interpreter's
        # final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as e:
        # A file or folder the command writes cannot be written (a file where a folder is
        # wanted, a missing folder, a full disk, /dev/full): say which, with the system's reason.
        where = os.fsdecode(e.filename) if e.filename is not None else "the output"
        shown = where.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if zh:
            print(f"govinfo：无法写入 {shown} [write_failed]", file=sys.stderr)
        else:
            print(
                f"govinfo: cannot write {shown}: {e.strerror or type(e).__name__} [write_failed]",
                file=sys.stderr,
            )
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("govinfo：已中断" if zh else "govinfo: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
