"""Who reported, and on which year: the year, agency and title from every place a report states them.

A report states its year and agency in several places, and real pages differ in which ones
they keep (report-format.md §1, issue 14):

- the **title**, in its real forms: ``<机关><YYYY>年度政府信息公开工作年度报告``,
  ``<YYYY>年度<机关>政府信息公开工作年度报告`` (year first), ``<机关><YYYY>年政府信息公开工作年度报告``
  (年 not 年度), ``<机关>关于<YYYY>年度政府信息公开工作情况的报告``, often over two or three lines;
- the page's own fields: HTML ``<title>``, a ``标题：`` / ``发布机构：`` header;
- the **statistics period** of the preamble: ``统计期限自2020年1月1日起至2020年12月31日止``;
- a sentence of the preamble naming the report: ``现将我办2022年度政府信息公开情况报告如下``;
- the file name: ``2022年度XX局政府信息公开工作年度报告.pdf``;
- and what the user says (``parse(..., year=2022, agency="某局")``).

Each :class:`Statement` keeps where it was read. :func:`decide` picks the value by the order of
:data:`PRECEDENCE` and reports every disagreement between stated values as a diagnostic
(``year_conflict``, ``agency_conflict``): never a silent choice, and never a guess — a year
that no place states stays ``None``.

>>> s = title_statements(["2022年度杭州市某某局政府信息公开工作年度报告"], where=lambda i: "line 1")
>>> [(t.field, t.value) for t in s]
[('year', 2022), ('agency', '杭州市某某局'), ('title', '2022年度杭州市某某局政府信息公开工作年度报告')]
>>> text = "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"
>>> [t.value for t in period_statements(text, "preamble")]
[2020]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import attrs

from ..catalogue import common
from .normalize import label_key

__all__ = [
    "PRECEDENCE",
    "Statement",
    "body_statements",
    "clause_year_statements",
    "decide",
    "is_agency_line",
    "is_title_field",
    "name_statements",
    "overview_statements",
    "period_statements",
    "quoted_statements",
    "title_statements",
]

#: Where a value may come from, most trusted first.
#: ``overview`` is the first sentence of 一、总体情况 when it opens with the year (``2023年，…``);
#: ``first line`` is a first line that is only an agency's name, with no title;
#: ``publisher`` is a page's ``发布机构``: often the site's operator, not the reporting agency.
PRECEDENCE = (
    "user", "title", "page title", "page header", "statistics period", "first line", "body", "file name",
    "overview", "sign-off", "publisher",
)  # fmt: skip

_YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
#: The end of a title: 政府信息公开(工作)(年度)(情况)(的)报告; also 政务信息公开工作开展年度报告.
_END = r"(?:政府|政务)?信息公开(?:工作|开展|年度|情况|的){0,5}(?:报告(?:书)?|年报)"
#: ``年`` after the year, or straight into the title's words (``2022政府信息公开工作年度报告``).
_YEAR_WORD = r"(?:年度?|(?=(?:政府|政务)?信息公开))"
_TITLE = re.compile(r"^(?P<a1>.{0,60}?)" + _YEAR + _YEAR_WORD + r"(?P<a2>.{0,60}?)" + _END + "$")
#: The year after the words: ``<机关>政府信息公开工作2022年度报告``.
_TITLE_YEAR_LATE = re.compile(
    r"^(?P<a1>.{0,60}?)(?:政府)?信息公开(?:工作)?" + _YEAR + r"年度?(?:工作)?报告(?:书)?$(?P<a2>)"
)
#: govinfo's English title: ``<机关>: Annual Report on Government Information Disclosure, 2023``.
_TITLE_EN = re.compile(
    "^(?P<a1>.{1,60}?)"
    + re.escape(label_key(common.TITLE_TEMPLATE_EN.split("{agency}", 1)[1].split("{year}", 1)[0]))
    + _YEAR
    + "$(?P<a2>)"
)
_TITLE_RUN_ON = re.compile(
    r"^(?P<a1>[^。，,；;《》0-9]{0,40}?)"
    + _YEAR
    + r"年度?(?P<a2>[^。，,；;《》0-9]{0,40}?)"
    + _END
    # ``…年度报告(以下简称年报)是根据…``: the report's short name in brackets, then the verb.
    + r"(?P<next>(?:\((?:以下简称|下称|简称)[^()]{1,12}\))?(?:是|系)?(?:根据|依据|按照|为进一步|现将))"
)
_TITLE_NO_YEAR = re.compile(r"(?P<a1>.{0,60}?)" + _END)
_QUOTED = re.compile(r"《([^《》]{6,80})》")
_TRAILING_BRACKET = re.compile(r"\([^()]{1,30}\)$")
_TITLE_IN = re.compile(_YEAR + r"年度?(?P<a2>[^。，；,;]{0,40}?)" + _END)
_PERIOD = re.compile(
    r"统计(?:期限|时限|期间|时间|区间)[^0-9。]{0,6}"
    + _YEAR
    + r"年0?1月0?1日[^0-9。]{0,4}(?:(?P<end>(?:19|20)[0-9]{2})年)?12月31日"
)
_REPORTS = re.compile(
    r"(?:现将|现公布|特发布|予以公布|编制)[^。]{0,40}?" + _YEAR + r"年度?[^。]{0,20}?政府信息公开"
)
_ABOUT = re.compile(r"关于$")
#: The name of a page's title field (``标题``, ``名称``), in a metadata line or row.
_TITLE_FIELD = re.compile(r"^(?:标题|题目|文章标题|名称)$")
#: A page header's field name before a title (``标题：``).
_HEADER = re.compile(r"^(?:(?:标题|题目|文章标题|名称)[:：]|[Pp]age[0-9]{1,4}[-–—])")
#: The same in the text as written: also with the name spaced out and followed by a space or a
#: cell's bar instead of a colon (``标      题 西藏自治区审计厅2025年…``, ``标 题 | …``).
#: Traditional copies write 標題 / 名稱, some with a pinyin reading after a character (``標(biāo)``).
_PY = r"(?:\([a-z\u00e0-\u01dc]{1,8}\))?"
_RAW_FIELD = (
    rf"(?:[标標]{_PY}\s*[题題]{_PY}|[题題]{_PY}\s*目|文章[标標]{_PY}[题題]{_PY}|名{_PY}\s*[称稱]{_PY})"
)
_RAW_HEADER = re.compile(rf"^\s*(?:{_RAW_FIELD}\s*(?:[:：|]|\s(?=\S))|[Pp]age\s*[0-9]{{1,4}}\s*[-–—])\s*")
#: What no agency's name holds: a field name's colon (``文字解读:…``), Latin letters or symbols
#: (a betting brand run into the title, ``uedbet体育_uedbet官网@:西柳镇人民政府``).
_NOT_A_NAME = re.compile(r"[:：A-Za-z_@$#%&*|]")
#: Marks that end or divide a sentence, or quote a title: no agency's name holds them. A line cut
#: right after the report's name in the opening sentence (``根据《…条例》要求,现公布<机关>2020年度
#: …年度报告``) ends like a title, but what stands before its year is a clause, not the agency.
_SENTENCE_MARK = re.compile(r"[，,。；;！？!?《》〈〉]")
#: The dash between a site's name and a page's title (no agency's name holds one).
_SITE_DASH = re.compile(r"[-－—–]")
#: A pinyin reading injected after a character (``西藏自治區(qū)``): the name as written is damaged.
_PINYIN = re.compile(r"\([a-z\u00e0-\u01dc]{1,8}\)")
#: A line that can be an agency's name: short, no digits or sentence punctuation.
_NAME_LINE = re.compile(r"^[^0-9。，,；;：:！？!?]{2,40}$")
#: Words that end an agency name (a title's agency part is checked against them loosely).
_AGENCY_END = re.compile(
    r"(?:局|委|办|厅|府|院|会|室|处|所|署|部|中心|街道|镇|乡|区|县|市|州|旗|省|队|站|馆|行|司|集团|管委会|海关)$"
)
#: A name made of Chinese characters (and brackets) only: no chrome, marks or digits.
_PLAIN_NAME = re.compile(r"^[\u4e00-\u9fff()（）]{2,40}$")


@attrs.frozen(kw_only=True)
class Statement:
    """One place where a report states its year, agency or title."""

    field: str  # "year" | "agency" | "title"
    value: object
    source: str  # one of PRECEDENCE
    where: str = ""
    raw: str = ""

    def describe(self) -> str:
        return f"{self.source}{f' ({self.where})' if self.where else ''}"


def is_title_field(text: str) -> bool:
    """Whether ``text`` is the name of a page's title field (``标 题``, ``名称``)."""
    return bool(_TITLE_FIELD.match(label_key(_PINYIN.sub("", text))))


def _agency(a1: str, a2: str, year: str = "") -> str | None:
    a1 = _ABOUT.sub("", a1).removesuffix("關於")
    # ``长沙市政府门户网站-2022年长沙市卫生健康委员会…年度报告``: a page title's site name before a
    # dash is no part of the title; the title (and its agency) starts after it.
    a1 = _SITE_DASH.split(a1)[-1]
    if year and a1.startswith(year) and not a1[len(year) : len(year) + 1].isdigit():
        # ``2025湖口县大垅乡2025年度…``: the title's year glued before it (a column name run into
        # the title) is no part of the name.
        a1 = a1[len(year) :]
    name = a1 or a2
    if not name or len(name) < 2 or any(ch.isdigit() for ch in name):
        return None
    if is_title_field(label_key(name)[:2]) or _PINYIN.search(name) or _NOT_A_NAME.search(name):
        # a metadata field's name, a pinyin reading or a brand run into the title: not a name
        return None
    if _SENTENCE_MARK.search(name):
        return None  # a sentence that names the report, not a title
    if name.endswith("人民"):
        # ``张义镇人民政府信息公开工作年度报告``: 政府 belongs to the name and to the title's words.
        name += "政府"
    return name


def is_agency_line(key: str) -> bool:
    """A line (its :func:`label_key`) that is only an agency's name (``桃江县松木塘镇人民政府``,
    ``武昌经开区管委会(滨江商务区管委会)``)."""
    bare = _TRAILING_BRACKET.sub("", key)
    return bool(_NAME_LINE.match(key)) and "、" not in key and bool(_AGENCY_END.search(bare))


def _title_key(line: str) -> str:
    """A line's key without a page header's field name before the title (``标 题 ``, ``名称：``)."""
    key = _HEADER.sub("", label_key(_RAW_HEADER.sub("", line, count=1)))
    return "" if is_title_field(key) else key


def _match_title(joined: str) -> re.Match[str] | None:
    return _TITLE.match(joined) or _TITLE_YEAR_LATE.match(joined) or _TITLE_EN.match(joined)


def title_statements(
    lines: Sequence[str], *, where: Callable[[int], str], source: str = "title"
) -> list[Statement]:
    """The year, agency and title of the first title in ``lines`` (a title may span 3 lines).

    Real forms: ``<机关><YYYY>年度…年度报告``, ``<YYYY>年度<机关>…年度报告``, ``<机关>关于<YYYY>年度…
    情况的报告``, ``<机关>…工作<YYYY>年度报告``, ``<机关>…信息公开工作报告`` (no 政府), and a title
    without the agency whose agency stands alone on the line above or below it.
    """
    keys = [_title_key(t) if len(t) < 200 else "" for t in lines]
    for j, key in enumerate(keys):
        if not key.endswith(("报告", "报告书", "年报")) and not _TITLE_EN.match(key):
            continue
        for i in range(j, max(-1, j - 3), -1):
            joined = "".join(keys[i : j + 1])
            m = _match_title(joined)
            if m is None:
                continue
            if _agency(m["a1"], m["a2"]) is None and i > 0 and _NAME_LINE.match(keys[i - 1]):
                # ``<机关>\n关于2022年度政府信息公开工作情况的报告``: the agency is the line above.
                longer = _match_title(keys[i - 1] + joined)
                if longer is not None and _agency(longer["a1"], longer["a2"]) is not None:
                    i, m = i - 1, longer
            raw = "".join(t.strip() for t in lines[i : j + 1])
            headed = _RAW_HEADER.match(raw)
            if headed is not None:
                raw, source = raw[headed.end() :], "page header" if source == "title" else source
            out = [Statement(field="year", value=int(m["year"]), source=source, where=where(i), raw=raw)]
            # The agency as published (Traditional characters, full-width brackets kept) when the
            # folded key lines up with the text character for character.
            compact = _HEADER.sub("", "".join(raw.split()))
            a1, a2 = m["a1"], m["a2"]
            if len(compact) == len(joined):
                a1, a2 = compact[m.start("a1") : m.end("a1")], compact[m.start("a2") : m.end("a2")]
            agency = _agency(a1, a2, m["year"])
            if agency is None and j + 1 < len(keys) and is_agency_line(keys[j + 1]):
                # ``2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府``: the agency below.
                agency = "".join(lines[j + 1].split())
            if agency is None and joined.endswith("年报"):
                break  # ``2020年信息公开年报``, a site's column name above the title: not the title
            if agency is not None:
                out.append(Statement(field="agency", value=agency, source=source, where=where(i), raw=raw))
            out.append(Statement(field="title", value=raw, source=source, where=where(i), raw=raw))
            return out
    for j, line in enumerate(lines[:5]):
        # The title run into the first sentence: ``安镇街道2024年政府信息公开工作年度报告根据《…》``,
        # or at the start of a run-together line up to a space (``襄州区水利局 2024年度…年度报告 2024年,…``).
        m = _TITLE_RUN_ON.match(label_key(line[:160]))
        a1 = a2 = ""
        if m is not None:
            raw = m[0].removesuffix(m["next"])
            a1, a2 = m["a1"], m["a2"]
        else:
            m, raw = _leading_title(line)
            if m is not None and len(raw) == len(m.string):  # the name as published
                a1, a2 = raw[m.start("a1") : m.end("a1")], raw[m.start("a2") : m.end("a2")]
        if m is None:
            continue
        out = [Statement(field="year", value=int(m["year"]), source=source, where=where(j), raw=raw)]
        agency = _agency(a1, a2, m["year"])
        if agency is not None and _AGENCY_END.search(agency) and _PLAIN_NAME.match(agency):
            out.append(Statement(field="agency", value=agency, source=source, where=where(j), raw=raw))
        return [*out, Statement(field="title", value=raw, source=source, where=where(j), raw=raw)]
    for j, key in enumerate(keys):
        # No year in the title: ``<机关>政府信息公开工作年度报告`` (or the agency on the line above or
        # below a bare ``政府信息公开工作年度报告``) still names the agency; the year is elsewhere.
        m = _TITLE_NO_YEAR.fullmatch(key)
        if m is None:
            continue
        agency = m["a1"] or None
        at = j
        if agency is None and j > 0 and is_agency_line(keys[j - 1]):
            agency, at = "".join(lines[j - 1].split()), j - 1
        elif agency is None and j + 1 < len(keys) and is_agency_line(keys[j + 1]):
            agency, at = "".join(lines[j + 1].split()), j + 1
        if agency is not None and _NAME_LINE.match(agency):
            return [Statement(field="agency", value=agency, source=source, where=where(at), raw=agency)]
    return []


def _leading_title(line: str) -> tuple[re.Match[str] | None, str]:
    """A title at the start of a line that runs on, ending where the line has a space."""
    text = line[:200].strip()
    for space in list(re.finditer(r"\s+", text))[:4]:
        raw = text[: space.start()]
        m = _match_title(label_key(raw))
        if m is not None:
            return m, "".join(raw.split())
    return None, ""


def quoted_statements(text: str, where: str) -> list[Statement]:
    """A title quoted in the preamble: ``现发布《临洮县新添镇2022年政府信息公开工作年度报告》``."""
    out: list[Statement] = []
    for quoted in _QUOTED.findall(text[:2000]):
        found = title_statements([quoted], where=lambda i: where, source="body")
        out.extend(s for s in found if s.field != "title")
        if found:
            break
    return out


def period_statements(text: str, where: str) -> list[Statement]:
    """The year of a statistics period (``统计期限自2020年1月1日起至2020年12月31日止``)."""
    key = label_key(text) if len(text) < 100_000 else ""
    m = _PERIOD.search(key)
    if m is None or (m["end"] and m["end"] != m["year"]):
        return []
    return [Statement(field="year", value=int(m["year"]), source="statistics period", where=where, raw=m[0])]


#: A sentence naming the report with its agency, without 《》: ``现将乐山市金口河区文化广播电视体育和
#: 旅游局2024年政府信息公开工作年度报告如下``, ``现公布西秀区黄腊乡2021年政府信息公开工作年度报告``.
#: ``编制`` alone only where a clause starts (``…的规定,编制大理白族自治州2023年…``) or after 梳理.
_VERBS = (
    r"(?:现将|现公布|现发布|特发布|现予公布|予以公布|特编制|现编制|编制了|向社会公布"
    r"|(?:(?<=[,;。])|^|梳理)编制)"
)
_REPORTS_AGENCY = re.compile(_VERBS + r"(?P<agency>[^。，,；;：:《》0-9]{2,40}?)" + _YEAR + r"年度?" + _END)
_REPORTS_AGENCY_LATE = re.compile(_VERBS + _YEAR + r"年度?(?P<agency>[^。，,；;：:《》0-9]{2,40}?)" + _END)
#: The year after the words, in a sentence: ``特向社会公布台州电业局政府信息公开工作2021年度报告``.
_REPORTS_YEAR_LATE = re.compile(
    _VERBS
    + r"(?P<agency>[^。，,；;：:《》0-9]{2,40}?)(?:政府)?信息公开(?:工作)?"
    + _YEAR
    + r"年度?(?:工作)?报告"
)
#: First-person names an agency uses for itself: not an agency's name.
_SELF = re.compile(r"^(?:我|本|该)")
#: A title's own words caught as a name (``特编制了2024年政府信息公开工作年度报告``): no agency.
_GENERIC = re.compile(r"(?:人民)?政府|政务")


def body_statements(text: str, where: str) -> list[Statement]:
    """The year of a sentence that names the report (``现将我办2022年度政府信息公开情况报告如下``),
    and the agency when the sentence names it before the year."""
    key = label_key(text) if len(text) < 100_000 else ""
    late = _REPORTS_YEAR_LATE.search(key)
    m = _REPORTS.search(key) or _TITLE_IN.search(key) or late
    if m is None:
        return []
    out = [Statement(field="year", value=int(m["year"]), source="body", where=where, raw=m[0])]
    named = _REPORTS_AGENCY.search(key)
    agency = named["agency"] if named is not None else None
    if agency is None or _SELF.match(agency):
        # ``现向社会公布2021年石家庄市教育局政府信息公开工作年度报告``: the agency after the year.
        named = _REPORTS_AGENCY_LATE.search(key)
        agency = named["agency"] if named is not None else None
    if (agency is None or _SELF.match(agency)) and late is not None and m is late:
        named, agency = late, late["agency"]
    # ``编制了2019年清江浦区人民政府信息公开工作年度报告``: 政府 belongs to the name and to the
    # report's words (as in a title, :func:`_agency`).
    fused = ""
    if named is not None and agency and agency.endswith("人民"):
        fused = "政府" if key.startswith("政府", named.end("agency")) else ""
    agency = agency + fused if agency else agency
    named_ok = (
        agency
        and not _SELF.match(agency)
        and not _PINYIN.search(agency)
        and not _GENERIC.fullmatch(agency)
        and _AGENCY_END.search(_TRAILING_BRACKET.sub("", agency))
    )
    if named is not None and agency and named_ok:
        compact = "".join(text.split())
        if len(compact) == len(key):  # the name as published (Traditional characters kept)
            agency = compact[named.start("agency") : named.end("agency")] + fused
        out.append(Statement(field="agency", value=agency, source="body", where=where, raw=named[0]))
    return out


#: A first sentence that opens with the year: ``2023年，…``, ``2019年我局…``, also after a
#: subsection's own title (``（一）主动公开情况。2024年，我局…``); never a date (``2024年1月``)
#: nor a time before it (``2019年以前``, ``2019年前``).
_OPENS_WITH_YEAR = re.compile(
    r"^(?:[(（][一二三四五六七八九十][)）][^。0-9]{0,20}[。.．:：]?)?"
    + _YEAR
    + r"年(?:度)?(?![0-9月]|以前|之前|前|底前)(?=[^\s0-9])"
)


#: A later sentence of the paragraph opening with a year (``…被评为优秀单位。2020年,海关总署…``).
_SENTENCE_YEAR = re.compile(r"[。！？；!?;]" + _YEAR + r"年(?:度)?(?![0-9月])")


def overview_statements(text: str, where: str) -> list[Statement]:
    """The year the first paragraph of 一、总体情况 opens with (``2023年，在区委…``); none when
    another of its sentences opens with another year (``2019年,在…评估中,海关总署被评为优秀单位。
    2020年,海关总署…``: the paragraph looks back before it reports, and which year it reports on
    is not said)."""
    m = _OPENS_WITH_YEAR.match(label_key(text[:60]))
    if m is None:
        return []
    if any(s["year"] != m["year"] for s in _SENTENCE_YEAR.finditer(label_key(text[:2000]))):
        return []
    return [Statement(field="year", value=int(m["year"]), source="overview", where=where, raw=m[0])]


#: A clause opening with a year and the agency as its subject: ``,2022年,我局在…``, ``。2023年度本镇…``.
_CLAUSE_YEAR = re.compile(
    r"(?:^|[,;。:])"
    + _YEAR
    + r"年度?,?(?:我|本)(?:局|委|办|厅|院|会|镇|乡|街道|区|县|市|单位|部门|中心|所|站)"
)


def clause_year_statements(lines: Sequence[tuple[str, str]]) -> list[Statement]:
    """The year of the overview's clauses that say what the agency did in it (``2022年,我局…``),
    when they all name one year; none when they name several (a comparison with another year)."""
    found: dict[int, tuple[str, str]] = {}
    for text, where in lines:
        for m in _CLAUSE_YEAR.finditer(label_key(text[:2000])):
            found.setdefault(int(m["year"]), (where, m[0]))
    if len(found) != 1:
        return []
    ((year, (where, raw)),) = found.items()
    return [Statement(field="year", value=year, source="overview", where=where, raw=raw)]


def name_statements(name: str | None) -> list[Statement]:
    """The year (and agency) of a file name such as ``2022年度XX局政府信息公开工作年度报告.pdf``."""
    if not name:
        return []
    stem = re.split(r"[\\/]", name)[-1].rsplit(".", 1)[0]
    out = title_statements([stem], where=lambda i: name, source="file name")
    return [s for s in out if s.field != "title"]


def decide(statements: Iterable[Statement], field: str) -> tuple[Statement | None, list[Statement]]:
    """The statement to use for ``field`` (by :data:`PRECEDENCE`), and those that disagree with it."""
    found = sorted((s for s in statements if s.field == field), key=lambda s: PRECEDENCE.index(s.source))
    if not found:
        return None, []
    chosen = found[0]
    if field == "agency":
        same = label_key(str(chosen.value))
        others = [
            s
            for s in found[1:]
            if s.source in ("user", "title", "page title", "page header")
            and label_key(str(s.value)) != same
            and same not in label_key(str(s.value))
            and label_key(str(s.value)) not in same
        ]
    else:
        others = [s for s in found[1:] if s.value != chosen.value and s.source != "body"]
    return chosen, others
