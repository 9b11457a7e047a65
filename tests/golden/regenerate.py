"""Regenerate the renderers' golden files: ``.venv/bin/python tests/golden/regenerate.py``.

Writes the Linping example rendered in every format and locale that
``tests/test_render_golden.py`` checks, and ``versions.json`` with the Babel and CLDR versions
they were made with. Review the diff (``git diff tests/golden``) before committing: a change
here is a change of govinfo's rendered output, which is API (CHANGELOG).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
FORMATS = {"txt": "render_text", "md": "render_markdown", "html": "render_html"}
LOCALES = ("zh_CN", "en")
EXAMPLE = "linping-education-2023"


def versions() -> dict[str, str]:
    """The Babel version and the CLDR version of its locale data."""
    import babel
    from babel.core import get_cldr_version

    return {"babel": babel.__version__, "cldr": str(get_cldr_version())}


def golden_path(locale: str, ext: str) -> Path:
    return HERE / f"{EXAMPLE}.{locale}.{ext}"


def render(locale: str, ext: str) -> str:
    import govinfo

    report = govinfo.examples.example(EXAMPLE)
    return str(getattr(govinfo, FORMATS[ext])(report, locale=locale))


def main() -> None:
    for locale in LOCALES:
        for ext in FORMATS:
            golden_path(locale, ext).write_text(render(locale, ext), encoding="utf-8", newline="\n")
    (HERE / "versions.json").write_text(json.dumps(versions(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(LOCALES) * len(FORMATS)} golden files and versions.json in {HERE}")


if __name__ == "__main__":
    main()
