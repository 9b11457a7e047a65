"""Display width in a terminal or a monospaced file: the one width function govinfo uses.

Widths come from `wcwidth <https://pypi.org/project/wcwidth/>`_ (MIT, pure Python, the
library terminals' own width tables are checked against): East Asian Wide and Fullwidth
characters take 2 columns, combining marks and format characters 0. A control character, which
govinfo's outputs show as U+FFFD, counts 1.

Characters whose width is **East Asian Ambiguous** (``·``, ``“ ”``, ``…``) take 1 column in
most terminals and 2 in terminals set up for Chinese, Japanese or Korean. The choice is made
explicitly, never guessed per character:

- files govinfo writes (the text rendering) count them as 1, as Unicode UAX #11 advises when
  the context is unknown, so a rendering is the same on every machine;
- terminal output (``govinfo check``, ``show``, ``diff``) uses :func:`terminal_ambiguous_width`:
  ``GOVINFO_AMBIGUOUS_WIDTH`` (``1`` or ``2``) when set, else 2 when the locale
  (``LC_ALL``, ``LC_CTYPE``, ``LANG``) is Chinese, Japanese or Korean, else 1.

>>> display_width("自然人"), display_width("Total"), display_width("“”·"), display_width("“”·", ambiguous=2)
(6, 5, 3, 6)
>>> wrap("全年受理依申请公开12件，其中予以公开11件。", 12)
['全年受理依申', '请公开12件，', '其中予以公开', '11件。']
"""

from __future__ import annotations

import functools
import os
import unicodedata

__all__ = ["display_width", "terminal_ambiguous_width", "terminal_width", "wrap"]


def display_width(text: str, *, ambiguous: int = 1) -> int:
    """Columns ``text`` takes; East Asian Ambiguous characters count ``ambiguous`` (1 or 2)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return _width(text, ambiguous)


@functools.lru_cache(maxsize=8192)
def _width(text: str, ambiguous: int) -> int:
    from wcwidth import wcwidth

    total = 0
    for ch in text:
        w = wcwidth(ch)
        if w < 0:  # a control character
            w = 1
        elif w == 1 and ambiguous == 2 and unicodedata.east_asian_width(ch) == "A":
            w = 2
        total += w
    return total


def terminal_ambiguous_width() -> int:
    """How many columns ambiguous characters take in this terminal (see the module docs)."""
    forced = os.environ.get("GOVINFO_AMBIGUOUS_WIDTH", "").strip()
    if forced in ("1", "2"):
        return int(forced)
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return 2 if value.lower().startswith(("zh", "ja", "ko")) else 1
    return 1


def terminal_width(default: int = 100) -> int:
    """The terminal's width in columns (``COLUMNS`` first), at least 40."""
    import shutil

    return max(40, shutil.get_terminal_size((default, 24)).columns)


def wrap(text: str, width: int, *, ambiguous: int = 1) -> list[str]:
    """``text`` broken into lines of at most ``width`` columns.

    Chinese text breaks between any two characters; a run of Latin letters or digits is kept
    whole when it fits on a line; spaces at a break are dropped.
    """
    lines: list[str] = []
    line, used = "", 0
    last = ""  # the last token of the line, moved down with a closing mark that does not fit
    for token in _tokens(text):
        w = display_width(token, ambiguous=ambiguous)
        if used + w > width and line:
            carry = ""
            if token in _CLOSING and last and len(line) > len(last):
                # No line starts with a closing mark (）、。，): the token before it comes along.
                line, carry = line[: -len(last)], last
            while len(line) > 1 and line[-1] in _OPENING:
                # ... and no line ends with an opening one (（「).
                line, carry = line[:-1], line[-1] + carry
            lines.append(line.rstrip())
            line, used = carry, display_width(carry, ambiguous=ambiguous)
            if token.isspace():
                continue
        if w > width:  # a token longer than a line: break it anywhere
            for ch in token:
                cw = display_width(ch, ambiguous=ambiguous)
                if used + cw > width and line:
                    lines.append(line)
                    line, used = "", 0
                line, used = line + ch, used + cw
            continue
        line, used, last = line + token, used + w, token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


#: Marks that close a phrase: a line never starts with one.
_CLOSING = frozenset("）)」』】〕》〉，,。．、；;：:！!？?")
_OPENING = frozenset("（(「『【〔《〈")


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        out.append(ch)
    if word:
        out.append(word)
    return out
