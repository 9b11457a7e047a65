"""Findings: what validation says about a report, as data, and the catalogue of their codes.

A :class:`Finding` is one broken rule at one place: a stable ``code`` (listed in :data:`CODES`
and in ``docs/rules.md``; never renamed), its ``severity``, the ``rule`` of the format
specification it belongs to (``E1`` … ``S6``, or ``blank``), where it is (interchange ``path``
and official ``label``), the ``expected`` and ``actual`` values, a message in Chinese and in
English, and — for the hard identities — the ``suspect``: the one cell whose change would
mend every identity the finding's cell takes part in.

Severities:

- ``error``: a hard identity (E1–E4) does not hold, or a value cannot be a count (S5).
- ``warning``: a soft rule (S1–S4, S6) does not hold, or a cell of a stated table is blank
  ("not stated"; blanks count as 0 in the identities, and are reported here, apart from any
  mismatch they cause).
- ``info``: a whole section is not stated (common in extracts holding only 三 and 四); no
  claim that anything stated is wrong.

>>> CODES["E4-appeal-total"].severity
'error'
>>> sorted({c.rule for c in CODES.values()})
['E1', 'E2', 'E3', 'E4', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'blank']
>>> CODES["E9"]
Traceback (most recent call last):
...
KeyError: 'E9'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

from .locations import Location

if TYPE_CHECKING:
    from ..report import Report

__all__ = [
    "CODES",
    "SEVERITIES",
    "CodeSpec",
    "Finding",
    "Severity",
    "Suspect",
    "Validator",
    "format_findings",
    "make_finding",
    "rules_markdown",
    "sort_findings",
]

Severity = Literal["error", "warning", "info"]

#: The severities, gravest first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

#: What a finding's ``expected``/``actual`` can hold.
Value = int | Decimal | str | None


@attrs.frozen(kw_only=True)
class CodeSpec:
    """One finding code: the documented, stable meaning of a :attr:`Finding.code`."""

    code: str
    #: The rule of ``report-format.md`` §5 it belongs to (``E1`` … ``S6``), or ``blank``.
    rule: str
    severity: Severity
    #: ``"report"`` for :func:`govinfo.validate`, ``"series"`` for :func:`govinfo.validate_series`.
    scope: Literal["report", "series"]
    title_en: str
    title_zh: str
    #: The equation or condition, in interchange keys (the official labels are in the messages).
    equation: str
    #: A worked example.
    example: str


def _codes(*specs: CodeSpec) -> Mapping[str, CodeSpec]:
    return MappingProxyType({s.code: s for s in specs})


#: Every finding code govinfo can produce, in catalogue order. Codes are API: never renamed.
CODES: Mapping[str, CodeSpec] = _codes(
    CodeSpec(
        code="E1-column-balance",
        rule="E1",
        severity="error",
        scope="report",
        title_en="Requests in and out of a column of 三 do not balance",
        title_zh="三 某列 一 + 二 ≠ （七） + 四",
        equation="`new_received + carried_over = results.total + carried_forward`, in each of the seven "
        "columns of 三 (一 + 二 = （七） + 四, the note printed in the table). Reported at "
        "`carried_forward`, whose expected value is `new_received + carried_over − results.total`.",
        example="一 12 + 二 0 = 12, but （七） 11 + 四 0 = 11: at 四 / 总计, actual 0, expected 1.",
    ),
    CodeSpec(
        code="E2-row-total",
        rule="E2",
        severity="error",
        scope="report",
        title_en="A row's total in 三 is not the sum of the applicant columns",
        title_zh="三 某行总计不等于各申请人列之和",
        equation="`total = natural_person + commercial + research + public_interest + legal_services + "
        "other`, in every row of 三. Reported at the row's `total`.",
        example="（一）予以公开: 8 + 1 + 0 + 0 + 0 + 2 = 11, but 总计 states 12: actual 12, expected 11.",
    ),
    CodeSpec(
        code="E3-results-total",
        rule="E3",
        severity="error",
        scope="report",
        title_en="（七）总计 is not the sum of the outcome rows",
        title_zh="（七）总计不等于各办理结果之和",
        equation="`results.total = Σ` of every outcome leaf row under `results` (（一）, （二）, "
        "（三）1–8, （四）1–3, （五）1–5, （六）), in each column. Reported at `results.total`.",
        example="自然人: the outcome rows add up to 11, （七）总计 states 12: actual 12, expected 11.",
    ),
    CodeSpec(
        code="E4-appeal-total",
        rule="E4",
        severity="error",
        scope="report",
        title_en="A total in 四 is not the sum of its four outcomes",
        title_zh="四 某组总计不等于四项结果之和",
        equation="`total = upheld + corrected + other + pending`, in each of the three groups of 四. "
        "Reported at the group's `total`.",
        example="Hongze 2023, 行政复议: 10 + 1 + 0 + 0 = 11, but 总计 states 0: actual 0, expected 11.",
    ),
    CodeSpec(
        code="E1-column-balance-blank",
        rule="E1",
        severity="warning",
        scope="report",
        title_en="A column of 三 balances only if blank cells are filled in",
        title_zh="三 某列仅因空白格而不平衡",
        equation="The E1 equation fails with blank cells counted as 0, and non-negative values in those "
        "blank cells could make it hold (report-format.md §5: blank is reported apart from mismatch). "
        "Not an error: the blanks are named; whether the report is wrong cannot be told.",
        example="（七）总计 / 总计 12 stated, every outcome row blank: the blanks could add up to 12.",
    ),
    CodeSpec(
        code="E2-row-total-blank",
        rule="E2",
        severity="warning",
        scope="report",
        title_en="A row total of 三 holds only if blank cells are filled in",
        title_zh="三 某行总计仅因空白格而不等",
        equation="The E2 equation fails with blank cells counted as 0, and non-negative values in those "
        "blank cells could make it hold (report-format.md §5: blank is reported apart from mismatch). "
        "Not an error: the blanks are named; whether the report is wrong cannot be told.",
        example="（七）总计 / 总计 12 stated, every outcome row blank: the blanks could add up to 12.",
    ),
    CodeSpec(
        code="E3-results-total-blank",
        rule="E3",
        severity="warning",
        scope="report",
        title_en="（七）总计 holds only if blank cells are filled in",
        title_zh="（七）总计仅因空白格而不等",
        equation="The E3 equation fails with blank cells counted as 0, and non-negative values in those "
        "blank cells could make it hold (report-format.md §5: blank is reported apart from mismatch). "
        "Not an error: the blanks are named; whether the report is wrong cannot be told.",
        example="（七）总计 / 总计 12 stated, every outcome row blank: the blanks could add up to 12.",
    ),
    CodeSpec(
        code="E4-appeal-total-blank",
        rule="E4",
        severity="warning",
        scope="report",
        title_en="A total of 四 holds only if blank cells are filled in",
        title_zh="四 某组总计仅因空白格而不等",
        equation="The E4 equation fails with blank cells counted as 0, and non-negative values in those "
        "blank cells could make it hold (report-format.md §5: blank is reported apart from mismatch). "
        "Not an error: the blanks are named; whether the report is wrong cannot be told.",
        example="行政复议: 总计 2, 结果维持 blank, the other outcomes 0: the blank could be 2.",
    ),
    CodeSpec(
        code="S1-carry-over",
        rule="S1",
        severity="warning",
        scope="series",
        title_en="Carried over does not match last year's carried forward",
        title_zh="上年结转不等于上一年度报告的结转下年度",
        equation="`carried_over[c]` of year Y+1 = `carried_forward[c]` of year Y, per column "
        "(only for consecutive years both given). Reported at year Y+1's `carried_over`.",
        example="2023 四 / 总计 = 3, 2024 二 / 总计 = 2: at 2024 二 / 总计, actual 2, expected 3.",
    ),
    CodeSpec(
        code="S2-in-force-low",
        rule="S2",
        severity="warning",
        scope="report",
        title_en="Documents in force fewer than issued minus repealed",
        title_zh="现行有效件数小于本年制发件数减本年废止件数",
        equation="`in_force ≥ issued − repealed` (2021 edition, section 二), because last year's "
        "`in_force = in_force − issued + repealed` cannot be negative. Reported at `in_force`; "
        "`expected` is the least value allowed.",
        example="行政规范性文件: 制发 5, 废止 0, 现行有效 3: actual 3, expected at least 5.",
    ),
    CodeSpec(
        code="S2-in-force-change",
        rule="S2",
        severity="warning",
        scope="series",
        title_en="Documents in force do not follow from last year's",
        title_zh="现行有效件数与上年报告推算值不符",
        equation="`in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y)` (2021 edition, consecutive "
        "years). Documents that lapse or are amended also break it, hence a warning.",
        example="2023 现行有效 12; 2024 制发 1, 废止 0, 现行有效 10: actual 10, expected 13.",
    ),
    CodeSpec(
        code="S3-items-carry",
        rule="S3",
        severity="warning",
        scope="series",
        title_en="Items last year do not follow from last year's report",
        title_zh="上一年项目数量与上年报告推算值不符",
        equation="`items_last_year(Y+1) = items_last_year(Y) + net_change(Y)` (2019 edition, "
        "consecutive years, each row having both columns).",
        example="2019 行政许可 上一年 40, 增/减 +3; 2020 上一年 41: actual 41, expected 43.",
    ),
    CodeSpec(
        code="S4-published-over-total",
        rule="S4",
        severity="warning",
        scope="report",
        title_en="Newly published exceeds the total published",
        title_zh="本年新公开数量大于对外公开总数量",
        equation="`new_published ≤ total_published` (2019 edition, section 二; the total is "
        "cumulative). Reported at `total_published`; `expected` is the least value allowed.",
        example="规范性文件: 本年新公开 8, 对外公开总数 5: actual 5, expected at least 8.",
    ),
    CodeSpec(
        code="S5-negative",
        rule="S5",
        severity="error",
        scope="report",
        title_en="A count or amount is negative",
        title_zh="计数或金额为负数",
        equation="Every count and money amount is ≥ 0 (only the 2019 `net_change` may be negative). "
        "A `Report` cannot hold one, so this comes from validating an interchange dict.",
        example='`{"appeals": {"review": {"upheld": -1, …}}}`: actual -1.',
    ),
    CodeSpec(
        code="S5-not-a-number",
        rule="S5",
        severity="error",
        scope="report",
        title_en="A cell holds something that is not a number",
        title_zh="单元格不是数字",
        equation="Counts are integers, money is a decimal string, or `null` when not stated. "
        "From validating an interchange dict.",
        example='`"upheld": "10"` or `"upheld": 1.5`: actual the value given.',
    ),
    CodeSpec(
        code="S6-prose-requests",
        rule="S6",
        severity="warning",
        scope="report",
        title_en="The requests received stated in 一 disagree with 三",
        title_zh="一 中所述受理申请数与表三不符",
        equation="A count of requests received written in the prose of 一 (`全年受理依申请公开12件`, "
        "`收到政府信息公开申请12件`) equals `new_received`, `new_received + carried_over` or "
        "`results.total` of the 总计 column. Reported at the paragraph.",
        example="Prose 受理 13件, table 一 12, 一 + 二 12, （七） 12: actual 13, expected 12.",
    ),
    CodeSpec(
        code="S6-prose-outcome",
        rule="S6",
        severity="warning",
        scope="report",
        title_en="An outcome count stated in 一 disagrees with 三",
        title_zh="一 中所述办理结果数与表三不符",
        equation="A count of one outcome written in the prose of 一 (`予以公开的11件`, "
        "`本机关不掌握相关政府信息1件`, `不予公开2件`), the outcome named by its label in the "
        "catalogue, equals that row's (or group's) 总计 in 三. Reported at the paragraph.",
        example="Prose 予以公开的10件, table （一）予以公开 / 总计 11: actual 10, expected 11.",
    ),
    CodeSpec(
        code="B-blank-cell",
        rule="blank",
        severity="warning",
        scope="report",
        title_en="A cell is not stated",
        title_zh="单元格未填报",
        equation="A cell of a stated table is blank (or `/`, `-`: `null` in the interchange format). "
        "The identities count it as 0; any mismatch it causes is reported under its own code "
        "with this cell as the suspect.",
        example="三（三）不予公开 · 1.属于国家秘密 / 自然人 blank: actual null.",
    ),
    CodeSpec(
        code="B-blank-row",
        rule="blank",
        severity="warning",
        scope="report",
        title_en="A whole row is not stated",
        title_zh="整行未填报",
        equation="Every cell of a row (of two or more cells) of a stated table is blank; one finding "
        "for the row instead of one per cell.",
        example="三（六）其他处理 · 2.… all seven cells blank.",
    ),
    CodeSpec(
        code="B-blank-column",
        rule="blank",
        severity="warning",
        scope="report",
        title_en="A whole column is not stated",
        title_zh="整列未填报",
        equation="Every cell of a column (of two or more cells) of a stated table is blank, as when "
        "only the 总计 column is filled (D1); one finding for the column.",
        example="三 / 商业企业 blank in all 25 rows: one finding at `$.requests..commercial`.",
    ),
    CodeSpec(
        code="B-section-not-stated",
        rule="blank",
        severity="info",
        scope="report",
        title_en="A whole section is not stated",
        title_zh="整节未填报",
        equation="A table with every cell blank, or a narrative with no text: one finding for the "
        "section, none for its cells (extracts holding only 三 and 四 get one per missing section).",
        example="二、主动公开政府信息情况: all cells blank.",
    ),
)


@attrs.frozen(kw_only=True)
class Suspect:
    """A cell whose single change would mend every broken identity it takes part in."""

    path: str
    label: str
    label_en: str
    #: What the cell states (``None``: blank).
    stated: int | None
    #: What it would have to state.
    suggested: int

    @classmethod
    def at(cls, location: Location, stated: int | None, suggested: int) -> Suspect:
        return cls(
            path=location.path,
            label=location.label,
            label_en=location.label_en,
            stated=stated,
            suggested=suggested,
        )


class Validator(Protocol):
    """What every rule object is: ``rule(report) -> list[Finding]``, knowing its codes."""

    @property
    def codes(self) -> tuple[str, ...]: ...

    def __call__(self, report: Report, /) -> list[Finding]: ...


def _severity(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}, not {value!r}")


@attrs.frozen(kw_only=True)
class Finding:
    """One rule broken at one place in a report.

    Findings compare and hash by value; :func:`sort_findings` puts them in table order.

    >>> import attrs, govinfo
    >>> r = govinfo.examples.linping_education_2023()
    >>> appeals = r.appeals.replace("review", "upheld", 10).replace("review", "corrected", 1)
    >>> bad = attrs.evolve(r, appeals=appeals)
    >>> (f,) = govinfo.validate(bad)
    >>> f.code, f.severity, f.path, f.label, f.actual, f.expected
    ('E4-appeal-total', 'error', '$.appeals.review.total', '四 · 行政复议 / 总计', 0, 11)
    >>> for sentence in f.message_zh.split("。")[:2]:
    ...     print(sentence)
    四 · 行政复议 / 总计：填报 0，但 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 11
    疑似出错单元格：本格（改为 11 即可使相关勾稽关系全部成立）
    >>> f.suspect.path
    '$.appeals.review.total'
    >>> try:
    ...     Finding(code="E4-appeal-total", severity="fatal", rule="E4", path="$", label="", label_en="",
    ...             message_zh="", message_en="")
    ... except ValueError as e:
    ...     print(e)
    severity must be one of ('error', 'warning', 'info'), not 'fatal'
    """

    #: Stable code, one of :data:`CODES`.
    code: str
    severity: Severity = attrs.field(validator=_severity)
    #: The rule of the format specification (``E1`` … ``S6``, or ``blank``).
    rule: str
    #: Interchange JSON path of the place, e.g. ``$.requests.results.total.natural_person``.
    path: str
    #: Official labels of the place, e.g. ``三（七）总计 / 自然人``.
    label: str
    label_en: str
    expected: Value = None
    actual: Value = None
    message_zh: str
    message_en: str
    #: The single cell that explains this finding (and every other it causes), if one does.
    suspect: Suspect | None = None
    #: When several cells could each explain it alone (e.g. in 四, where each cell is in one
    #: identity only), all of them; else ``()`` or just the suspect.
    candidates: tuple[Suspect, ...] = ()
    #: The year of the report the finding is about.
    year: int | None = None
    #: Sort key: (section index, cell index); not part of the value.
    position: tuple[int, int] = attrs.field(default=(99, 0), eq=False, repr=False)

    @property
    def location(self) -> Location:
        return Location(path=self.path, label=self.label, label_en=self.label_en)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def sort_key(self) -> tuple[Any, ...]:
        order = list(CODES).index(self.code) if self.code in CODES else len(CODES)
        return (self.year or 0, self.position, order, self.path)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``Decimal`` as a string)."""

        def plain(v: Value) -> Any:
            return format(v, "f") if isinstance(v, Decimal) else v

        out = attrs.asdict(self, filter=lambda a, _: a.name != "position", recurse=True)
        out["expected"], out["actual"] = plain(self.expected), plain(self.actual)
        return out

    def __str__(self) -> str:
        return f"{self.code}: {self.message_en}"


def make_finding(
    code: str,
    report: Report | None,
    location: Location,
    *,
    message_zh: str,
    message_en: str,
    expected: int | Decimal | str | None = None,
    actual: int | Decimal | str | None = None,
    suspect: Suspect | None = None,
    candidates: tuple[Suspect, ...] = (),
    position: tuple[int, int] = (99, 0),
    year: int | None = None,
) -> Finding:
    """A :class:`Finding` with the severity and rule of ``code`` (from :data:`CODES`)."""
    spec = CODES[code]
    return Finding(
        code=code,
        severity=spec.severity,
        rule=spec.rule,
        path=location.path,
        label=location.label,
        label_en=location.label_en,
        expected=expected,
        actual=actual,
        message_zh=message_zh,
        message_en=message_en,
        suspect=suspect,
        candidates=candidates,
        year=year if year is not None or report is None else report.year,
        position=position,
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in table order (section, then cell), without duplicates.

    Equal findings (same code, place, values and messages) are kept once.
    """
    return list(dict.fromkeys(sorted(findings, key=Finding.sort_key)))


# --- rendering -----------------------------------------------------------------------------


def _width(text: str, ambiguous: int = 1) -> int:
    from ..textwidth import display_width

    return display_width(text, ambiguous=ambiguous)


def _pad(text: str, width: int, *, right: bool = False, ambiguous: int = 1) -> str:
    fill = " " * max(0, width - _width(text, ambiguous))
    return fill + text if right else text + fill


def _value(v: Value) -> str:
    if v is None:
        return "—"
    return format(v, "f") if isinstance(v, Decimal) else str(v)


#: The severities in Chinese: one vocabulary everywhere (错误/警告/提示, error/warning/info).
SEVERITY_ZH: Mapping[str, str] = MappingProxyType({"error": "错误", "warning": "警告", "info": "提示"})
_HEADERS = {
    "zh": ("序号", "代码", "级别", "位置", "填报", "应为", "疑似出错单元格"),
    "en": ("#", "code", "severity", "location", "actual", "expected", "suspect"),
    "both": ("#", "code", "severity", "位置 location", "填报 actual", "应为 expected", "疑似 suspect"),
}


def _heading(findings: Sequence[Finding], lang: str) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    n = len(findings)
    zh = f"共 {n} 项（" + "，".join(f"{SEVERITY_ZH[s]} {k} 项" for s, k in counts.items() if k) + "）"
    en = (
        f"{n} finding{'s' if n != 1 else ''} ("
        + ", ".join(f"{k} {s}{'s' if k != 1 and s != 'info' else ''}" for s, k in counts.items() if k)
        + ")"
    )
    return {"zh": zh, "en": en}.get(lang, f"{en} / {zh}")


def format_findings(
    findings: Sequence[Finding],
    *,
    lang: Literal["zh", "en", "both"] = "both",
    width: int | None = None,
    ambiguous: int = 1,
) -> str:
    """A readable table of findings, with each message below its row (for terminals and test failures).

    ``lang="zh"`` is all Chinese and ``"en"`` all English (``"both"``, the default, is for test
    failures). With ``width``, no line is wider than that many columns: a table that would be
    wider is printed as one record per finding, its message wrapped (``ambiguous``: the width
    of East Asian Ambiguous characters, see :mod:`govinfo.textwidth`).

    >>> import govinfo
    >>> print(format_findings(govinfo.validate(govinfo.examples.linping_education_2023())))
    no findings / 未发现问题
    >>> print(format_findings([], lang="zh"))
    未发现问题
    """
    if not findings:
        return {"zh": "未发现问题", "en": "no findings"}.get(lang, "no findings / 未发现问题")
    header = _HEADERS[lang]

    def severity(f: Finding) -> str:
        return SEVERITY_ZH[f.severity] if lang == "zh" else f.severity

    def where(f: Finding) -> str:
        year = "" if f.year is None else (f"（{f.year}）" if lang == "zh" else f" ({f.year})")
        return f.label + year

    def suspect(f: Finding) -> str:
        if f.suspect:
            return f.suspect.label
        return " | ".join(c.label for c in f.candidates) if f.candidates else ""

    rows = [
        (str(i), f.code, severity(f), where(f), _value(f.actual), _value(f.expected), suspect(f))
        for i, f in enumerate(findings, 1)
    ]
    widths = [max(_width(r[i], ambiguous) for r in (header, *rows)) for i in range(len(header))]
    numeric = {0, 4, 5}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            _pad(c, w, right=i in numeric, ambiguous=ambiguous) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    def messages(f: Finding) -> list[str]:
        if lang == "zh":
            return [f.message_zh]
        if lang == "en":
            return [f.message_en]
        return [f"zh: {f.message_zh}", f"en: {f.message_en}"]

    out = [_heading(findings, lang)]
    indent = " " * (widths[0] + 2)
    table = [line(header), *(line(r) for r in rows)]
    if width is None or all(_width(t, ambiguous) <= width for t in table):
        out.append(table[0])
        for f, text in zip(findings, table[1:]):
            out.append(text)
            for m in messages(f):
                out.extend(_wrapped(indent, m, width, ambiguous))
        return "\n".join(out)
    # Too wide for the terminal: one record per finding.
    zh = lang == "zh"
    for i, f in enumerate(findings, 1):
        first = f"{i}. [{severity(f)}] {f.code}"
        out.extend(_wrapped("", first, width, ambiguous))
        out.extend(_wrapped("   ", ("位置：" if zh else "location: ") + where(f), width, ambiguous))
        values = (
            f"填报 {_value(f.actual)}，应为 {_value(f.expected)}"
            if zh
            else f"actual {_value(f.actual)}, expected {_value(f.expected)}"
        )
        if suspect(f):
            values += ("；疑似出错单元格：" if zh else "; suspect: ") + suspect(f)
        if f.actual is not None or f.expected is not None or suspect(f):
            out.extend(_wrapped("   ", values, width, ambiguous))
        for m in messages(f):
            out.extend(_wrapped("   ", m, width, ambiguous))
    return "\n".join(out)


def _wrapped(indent: str, text: str, width: int | None, ambiguous: int) -> list[str]:
    if width is None:
        return [indent + text]
    from ..textwidth import wrap

    return [indent + piece for piece in wrap(text, max(10, width - len(indent)), ambiguous=ambiguous)]


def rules_markdown() -> str:
    """The rule catalogue table of ``docs/rules.md``, generated from :data:`CODES`."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "| code | rule | severity | scope | what it means | equation or condition | example |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in CODES.values():
        lines.append(
            f"| `{c.code}` | {c.rule} | {c.severity} | {c.scope} | {cell(c.title_en)}<br>{cell(c.title_zh)} "
            f"| {cell(c.equation)} | {cell(c.example)} |"
        )
    return "\n".join(lines)
