"""NFKC folding that is quick on Chinese text (used by the prose rule S6 and by the parsers).

>>> nfkc("全年受理１２件（其中：予以公开11件）")
'全年受理12件(其中:予以公开11件)'
"""

from __future__ import annotations

import unicodedata

__all__ = ["nfkc"]

#: The full-width punctuation and space of Chinese text, each with what NFKC folds it to.
_FULL_WIDTH = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？\u3000")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, quicker on Chinese text.

    Normalising costs about 0.2 µs a character, while text already normalised is recognised
    quickly. Chinese text is seldom normalised only because of its full-width punctuation, so
    that is folded first, each mark to what NFKC folds it to: the result is the same.
    """
    for wide, narrow in _FULL_WIDTH:
        text = text.replace(wide, narrow)
    return unicodedata.normalize("NFKC", text)
