"""Decoding the bytes of a published report: the encoding is detected, never assumed.

Government sites still serve many pages and text files in GBK (or GB2312, which GBK extends),
some with a byte order mark, some saved by Windows tools with CRLF line ends. :func:`decode`
applies one small, deterministic rule, in this order:

1. A **byte order mark** (UTF-8, UTF-16 LE/BE) decides, and is removed. The BOM is the
   strongest signal there is (the HTML standard ranks it above any declaration).
2. **Strict UTF-8**. Text in GBK is, in practice, never valid UTF-8: a GBK character is a lead
   byte ``0x81``–``0xFE`` and a trail byte ``0x40``–``0xFE``, while UTF-8 needs every byte after a
   lead byte to be ``0x80``–``0xBF`` and the right number of them, so a few lines of Chinese in
   GBK fail strict UTF-8 at once. Trying UTF-8 *before* the declared charset also reads
   correctly the common copy that was re-saved as UTF-8 but kept its old ``<meta charset=gbk>``.
3. The **declared charset** of an HTML page (``<meta charset=…>`` or
   ``<meta http-equiv="Content-Type" content="…; charset=…">``, in the first 1024 bytes as the
   HTML standard's prescan) or of an XML declaration, decoded strictly. As in the WHATWG
   encoding standard, ``gb2312`` and ``gbk`` are read as GB18030, their superset, so a
   character outside GB2312 that a site's software wrote anyway still decodes. This is what
   reads Big5 (Traditional Chinese mirrors) and other declared encodings.
4. **GB18030**, strictly: the encoding of Chinese files that declare nothing.
5. Failing all, UTF-8 with the undecodable bytes replaced by U+FFFD, reported as
   ``"utf-8 (lossy)"`` so the caller can say so.

No statistical guessing (``charset-normalizer`` and the like): the rule above gives the same
answer on every machine, and every step can be explained to a user. Line ends are left as
they are (the readers accept CRLF, CR and LF).

>>> decode("总体情况".encode("gbk"))
('总体情况', 'gb18030')
>>> decode(b'<meta charset="big5">' + "總體情況".encode("big5"))[1]
'big5'
>>> decode(b"\\xef\\xbb\\xbf{}")
('{}', 'utf-8-sig')
>>> decode("总体情况")
Traceback (most recent call last):
...
TypeError: decode() takes bytes, not str
"""

from __future__ import annotations

import codecs
import re

__all__ = ["declared_charset", "decode"]

#: How far into a document a charset declaration is looked for (the HTML standard's prescan).
PRESCAN_BYTES = 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
_XML = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']", re.IGNORECASE)
#: Labels read as GB18030 (the WHATWG encoding standard maps gb2312/gbk to GBK, extended here
#: to GB18030, its superset in which every GBK byte sequence means the same).
_GB = frozenset({"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "ms936", "windows-936", "csgb2312", "euc-cn"})


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` tag or an XML declaration names, normalised; else ``None``.

    Only a name Python knows is returned (``gbk`` and ``gb2312`` as ``gb18030``).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb18030'
    >>> declared_charset(b"<meta charset=klingon>") is None
    True
    """
    head = data[:PRESCAN_BYTES]
    match = _XML.match(head) or _META.search(head)
    if match is None:
        return None
    label = match[1].decode("ascii").strip().lower()
    if label in _GB:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a document's bytes, by the rule in this module's docstring.

    ``encoding`` is the Python codec name used (``"utf-8"``, ``"utf-8-sig"``, ``"gb18030"``,
    ``"big5"``, …), or ``"utf-8 (lossy)"`` when nothing decoded the bytes cleanly.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return data.decode(codec, errors="replace"), f"{codec} (lossy)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    candidates = [declared] if declared is not None else []
    for codec in (*candidates, "gb18030"):
        if codec == "utf-8" or codec.startswith(("utf-16", "utf-32")):
            continue  # a UTF-16/32 declaration on bytes without a BOM is wrong (as the HTML standard says)
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8 (lossy)"
