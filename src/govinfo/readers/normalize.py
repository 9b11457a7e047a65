"""Text normalisation for matching labels, and reading the value written in a cell.

Labels are compared by their *key*: the text folded with NFKC (full-width ``（一）：`` become
``(一):``), Traditional characters mapped to Simplified, quotation marks dropped and every
whitespace character (ASCII, U+00A0, U+3000, newlines) removed — so ``商业\\n企业``,
``商业 企业`` and ``商業企業`` all have the key ``商业企业`` (deviations D8, D9, D15, D23, D24).

Traditional → Simplified: the labels of the format use about 230 distinct characters; the
table :data:`TRADITIONAL` maps the Traditional form of each of them that has one (written by
hand from the character list the catalogue gives; ``tests/test_parse_normalize.py`` checks
that every entry maps onto a character the catalogue uses and that Traditional spellings of
the labels fold to them), plus the two vocabulary swaps seen in Traditional mirrors
(``檔案`` for ``文件``, ``資訊`` for ``信息``). Labels are all we match,
so a converter such as OpenCC (a compiled dependency with megabytes of dictionaries) would buy
nothing here; prose is kept exactly as published and never converted.

>>> label_key("（三） 不予公開")
'(三)不予公开'
>>> read_value("\\u00a012").value, read_value("103.3879万元").unit, read_value("/").value is None
(12, '万元', True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import attrs

from .._unicode import nfkc
from ..catalogue.spec import MONEY_UNITS, MONEY_UNITS_EN

__all__ = [
    "BLANK_MARKS",
    "TRADITIONAL",
    "CellValue",
    "fold_with_map",
    "label_key",
    "read_value",
]

# Traditional form → Simplified, for the characters the catalogue's labels use (see the test
# ``test_traditional_table_covers_catalogue``). Only characters whose Traditional form differs.
_PAIRS = (
    "萬万 業业 為为 舉举 於于 會会 體体 關关 內内 決决 況况 減减 製制 辦办 務务 動动 區区 華华 單单 "
    "發发 後后 國国 處处 復复 複复 審审 對对 屬属 廢废 開开 強强 當当 總总 執执 護护 報报 據据 "
    "數数 無无 條条 構构 權权 機机 沒没 現现 確确 穩稳 類类 係系 糾纠 納纳 組组 織织 經经 結结 繼继 "
    "續续 維维 繳缴 罰罚 範范 獲获 補补 規规 計计 認认 議议 許许 訟讼 訪访 訴诉 試试 詢询 請请 購购 "
    "費费 轉转 過过 這这 進进 問问 項项 題题 額额 採采 祕秘 與与 產产 實实 徵征 佈布 號号 "
    "辭辞 託托 訊讯 頁页 碼码 網网 門门 統统 稱称 億亿 負负 "
    # Not label characters: the words of a sentence naming the report (``現將北坡鎮2022年…``,
    # ``編制``) and the ends of agency names (镇, 乡, 县, 厅), so that identity reads Traditional
    # copies; the name itself is kept as published.
    "將将 編编 鎮镇 鄉乡 縣县 廳厅 標标 "
)
#: Traditional → Simplified for the label characters (one character to one character).
TRADITIONAL: dict[str, str] = {p[0]: p[1] for p in _PAIRS.split()}
# Vocabulary swaps in Traditional mirrors (D23); same length, so positions are kept.
_WORDS = (("檔案", "文件"), ("資訊", "信息"))

#: Filler written in a cell that states nothing (D1–D4): read as "not stated", raw text kept.
BLANK_MARKS = frozenset({"", "/", "-", "—", "－", "――", "——", "--", "无", "無", "空", "\\", "_", "＿", "__"})

_QUOTES = frozenset("“”\"'‘’「」『』")
#: Every character ``str.isspace`` accepts (after NFKC), found once.
_SPACES = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())
_DROP = _QUOTES | _SPACES
_TRANSLATE: dict[int, str | None] = {ord(t): s for t, s in TRADITIONAL.items()}
_TRANSLATE.update({ord(c): None for c in _DROP})
_KEPT = re.compile("[^" + re.escape("".join(sorted(_DROP))) + "]+")
_QUOTE = re.compile("[" + re.escape("".join(sorted(_QUOTES))) + "]")
_TRADITIONAL_CHAR = re.compile("[" + re.escape("".join(sorted(TRADITIONAL))) + "]")


def _fold(normal: str) -> str:
    """``normal.translate(_TRANSLATE)`` (Simplified, no quotes, no whitespace), quicker.

    ``str.split`` drops exactly the whitespace of :data:`_SPACES`, and text holding no
    Traditional character needs no per-character table lookup.
    """
    text = _QUOTE.sub("", "".join(normal.split()))
    return text.translate(_TRANSLATE) if _TRADITIONAL_CHAR.search(text) else text


def _words(text: str) -> str:
    for trad, simp in _WORDS:
        if trad[0] in text or trad.translate(_TRANSLATE)[0] in text:
            text = text.replace(trad.translate(_TRANSLATE), simp)
    return text


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """The key labels are compared by: NFKC, Simplified, no quotes, no whitespace."""
    return fast_key(text)


def fast_key(text: str) -> str:
    """:func:`label_key` without the cache, for long text (string operations in C only)."""
    return _words(_fold(nfkc(text)))


def _composing_pieces(text: str) -> Iterator[tuple[int, str]]:
    """``(start, NFKC of the piece)`` for the pieces of ``text`` that NFKC folds one by one:
    a character with the combining marks after it, joined to the next such group while NFKC
    composes the two (``ᄀ`` + ``ᅡ`` → ``가``). Linear: a group is normalised whole, and a piece
    joins at most a few groups."""
    n, i = len(text), 0

    def group_end(j: int) -> int:
        k = j + 1
        while k < n and unicodedata.combining(text[k]):
            k += 1
        return k

    while i < n:
        j = group_end(i)
        piece = unicodedata.normalize("NFKC", text[i:j])
        for _ in range(8):
            if j >= n:
                break
            k = group_end(j)
            joined = unicodedata.normalize("NFKC", text[i:k])
            if joined == piece + unicodedata.normalize("NFKC", text[j:k]):
                break
            piece, j = joined, k
        yield i, piece
        i = j


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`label_key` of ``text`` with, for each character of the key, its index in ``text``.

    Linear in the length of ``text``; used to find labels inside text that ran together.
    """
    normal = nfkc(text)
    if len(normal) != len(text):
        # Some character folded to several (or none), or composed with the next: map piece by
        # piece, each piece a character and what composes with it (its combining marks, a
        # Hangul syllable's jamo), so that the pieces fold together as the whole text does.
        chars: list[str] = []
        where: list[int] = []
        for i, piece in _composing_pieces(text):
            for f in piece:
                if f not in _DROP:
                    chars.append(f)
                    where.append(i)
        return _words("".join(chars).translate(_TRANSLATE)), where
    where = []
    for m in _KEPT.finditer(normal):
        where.extend(range(m.start(), m.end()))
    return _words(_fold(normal)), where


@attrs.frozen(kw_only=True)
class CellValue:
    """What a cell's text says.

    ``kind`` is ``"number"`` (``value`` holds it), ``"blank"`` (a filler such as ``/``:
    ``value`` is ``None``), ``"unreadable"`` (written like a number, but not one govinfo can read
    for sure: more than 15 digits, ``1.234,5``; it fills its cell, which is not stated, and
    ``odd`` says why), or ``"text"`` (not a value at all). ``unit`` is ``元``/``万元``
    when the cell wrote one; ``signed`` when it had an explicit sign; ``odd`` describes
    anything unusual that a diagnostic should mention (``--253``).
    """

    kind: str
    value: int | Decimal | None = None
    unit: str | None = None
    signed: bool = False
    odd: str | None = None

    @property
    def is_value(self) -> bool:
        return self.kind != "text"


# A number as agencies write it: optional sign (or the typo "--"), digits with optional
# thousands commas, an optional decimal part, an optional unit. Every quantifier is bounded
# or followed by a disjoint class, so matching is linear.
_NUMBER = re.compile(
    r"(?P<sign>[+\-]{1,2})?(?P<int>[0-9]{1,15}(?:,[0-9]{3}){0,5})(?:\.(?P<frac>[0-9]{1,15}))?"
    r"(?P<unit>万元|元|件|条|个|项|宗)?"
)
_UNITS = ("万元", "元")
#: The English unit words (catalogue ``MONEY_UNITS_EN``) and the unit each stands for.
_ENGLISH_UNITS = {"".join(en.split()): zh for en, zh in zip(MONEY_UNITS_EN, MONEY_UNITS)}
#: Text written like a number (digits, separators, a sign, a unit) that :data:`_NUMBER` rejects.
_NUMBER_LIKE = re.compile(r"[+\-]{0,2}[0-9][0-9.,]{0,60}(?:万元|元|件|条|个|项|宗)?")


#: Signs written as words in the 2019 net-change column (``减4`` is -4, ``增3`` is +3).
_WORD_SIGNS = {"减": "-", "增": "+"}


@lru_cache(maxsize=4096)
def read_value(text: str) -> CellValue:
    """Read a cell's text: a number (with sign, unit, stray spaces), a blank filler, or text.

    Cached: a table repeats the same few texts (``0``, ``/``) and every candidate layout reads
    every cell.

    >>> read_value(" 0\\u00a0").value
    0
    >>> v = read_value("+3"); (v.value, v.signed)
    (3, True)
    >>> v = read_value("--253"); (v.value, v.odd is not None)
    (-253, True)
    >>> read_value("251000元").value, read_value("251000元").unit
    (Decimal('251000'), '元')
    >>> read_value("商业企业").kind
    'text'
    >>> v = read_value("减4"); (v.value, v.signed)
    (-4, True)
    """
    key = unicodedata.normalize("NFKC", text)
    key = "".join(key.split())
    if len(key) > 40:
        return CellValue(kind="text")
    if key.endswith(")") and "(" in key:
        # govinfo's English renderings write the unit after the amount: ``4.6 (10,000 yuan)``.
        amount, _, word = key[:-1].rpartition("(")
        if word in _ENGLISH_UNITS and amount:
            key = amount + _ENGLISH_UNITS[word]
    if key in BLANK_MARKS or text.strip() in BLANK_MARKS:
        return CellValue(kind="blank")
    if "\ufffd" in key:
        # The OCR reader's mark (govinfo.readers.ocr.UNSURE): a number it could not read for sure.
        return CellValue(kind="unreadable", odd="the scanned number cannot be read for sure (see ocr_unsure)")
    if key[:1] in _WORD_SIGNS and key[1:2].isdigit():
        # ``减4`` / ``增3``: the 2019 net change with its sign written as a word (减 = decrease).
        key = _WORD_SIGNS[key[0]] + key[1:]
    m = _NUMBER.fullmatch(key)
    if m is None:
        if _NUMBER_LIKE.fullmatch(key):
            return CellValue(
                kind="unreadable",
                odd=f"{key[:40]!r} is written like a number but cannot be read as one for sure "
                "(more than 15 digits, or separators out of place)",
            )
        return CellValue(kind="text")
    sign = m["sign"] or ""
    digits = m["int"].replace(",", "")
    odd = None
    if sign in ("--", "++", "+-", "-+"):
        odd = f"the sign {sign!r} is not a sign; read as {'-' if '-' in sign else '+'}"
    negative = "-" in sign
    unit = m["unit"] if m["unit"] in _UNITS else None
    value: int | Decimal
    if m["frac"] is not None or unit is not None:
        try:
            value = Decimal(f"{digits}.{m['frac']}") if m["frac"] is not None else Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            return CellValue(kind="text")
        if negative:
            value = -value
    else:
        value = -int(digits) if negative else int(digits)
    return CellValue(kind="number", value=value, unit=unit, signed=bool(sign), odd=odd)


def small_int(value: str | None, default: int, limit: int) -> int:
    """An attribute's whole number (a span, a list level): ASCII digits only, at most ``limit``;
    ``default`` when there is none or it is not one (``"²"``, ``"x"``, ``"-1"``).

    >>> small_int("3", 1, 100), small_int("²", 1, 100), small_int("x", 0, 9), small_int("99999", 1, 100)
    (3, 1, 0, 100)
    """
    if value is None:
        return default
    text = value.strip()[:9]
    if not text or not text.isascii() or not text.isdigit():
        return default
    return min(limit, int(text))
