"""The ``govinfo`` command: a thin layer over the library.

Exit status: 0 success, 1 the report has errors, 2 unreadable input or a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import GovinfoError
from .report import Report

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _load(path: str | None) -> Report:
    if path is None:
        from .examples import linping_education_2023

        return linping_education_2023()
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise GovinfoError(f"cannot read {path}: {e.strerror}", code="unreadable_file", path=path) from None
    return Report.from_json(data)


def _summary(report: Report) -> str:
    lines = [report.title_or_default, f"edition {report.edition} · year {report.year} · {report.agency}", ""]
    for number, section in zip(("一", "二", "三", "四", "五", "六"), report.edition_spec.sections):
        content = getattr(report, section.key)
        if section.kind == "narrative":
            n = len(content.all_paragraphs())
            lines.append(f"{number}、{section.label}: {n} paragraph{'s' * (n != 1)}")
        else:
            stated = sum(c is not None for c in content.cells)
            lines.append(f"{number}、{section.label}: {stated}/{len(content.cells)} cells stated")
    req = report.requests
    lines += [
        "",
        f"requests: {req['new_received', 'total']} new, {req['carried_over', 'total']} carried over, "
        f"{req['results.total', 'total']} concluded, {req['carried_forward', 'total']} carried forward",
    ]
    return "\n".join(lines)


def _cmd_show(args: argparse.Namespace) -> int:
    report = _load(args.file)
    print(_summary(report))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govinfo",
        description="Read, check and render 政府信息公开工作年度报告 "
        "(government information disclosure annual reports).",
        epilog="Example: govinfo show            # the built-in example report",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"govinfo {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    show = sub.add_parser(
        "show",
        help="show a report and its check status",
        description="Show a report (the built-in Linping 2023 example when no FILE is given).",
        epilog="Example: govinfo show report.json",
    )
    show.add_argument(
        "file", nargs="?", metavar="FILE", help="an interchange JSON file (default: the built-in example)"
    )
    show.set_defaults(func=_cmd_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_UNREADABLE
    try:
        return int(args.func(args))
    except GovinfoError as e:
        print(f"govinfo: {e}", file=sys.stderr)
        return EXIT_UNREADABLE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
