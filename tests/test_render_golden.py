"""Golden files: the Linping example in every format and locale, byte for byte.

The files were made by ``tests/golden/regenerate.py`` with the Babel and CLDR versions in
``tests/golden/versions.json``; after an intended change of output (or a Babel upgrade), run
``.venv/bin/python tests/golden/regenerate.py`` and review ``git diff tests/golden``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType, SimpleNamespace

import attrs
import babel
import pytest
from babel.core import get_cldr_version

GOLDEN = Path(__file__).parent / "golden"


def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", GOLDEN / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REGEN = _regenerate()


def test_golden_files_record_the_babel_and_cldr_versions_in_use() -> None:
    recorded = json.loads((GOLDEN / "versions.json").read_text(encoding="utf-8"))
    in_use = {"babel": babel.__version__, "cldr": str(get_cldr_version())}
    assert recorded == in_use, (
        f"golden files were made with {recorded}, this is {in_use}: "
        "run tests/golden/regenerate.py and review the diff"
    )


@pytest.mark.parametrize("locale", REGEN.LOCALES)
@pytest.mark.parametrize("ext", list(REGEN.FORMATS))
def test_linping_matches_its_golden_file(ext: str, locale: str) -> None:
    expected = REGEN.golden_path(locale, ext).read_text(encoding="utf-8")
    assert REGEN.render(locale, ext) == expected


def test_linping_matches_its_golden_files_after_other_reports() -> None:
    """The renderers cache what they derive from a table's layout (labels, spans, borders,
    markup): nothing of another report (its values, their widths, the cells its findings mark)
    may stay behind in what the next rendering of the same layout prints."""
    import govinfo

    linping = govinfo.examples.example(REGEN.EXAMPLE)
    changed = {}
    for key in ("proactive", "requests", "appeals"):
        table = getattr(linping, key)
        cells = [10**15 - 1 - i if type(v) is int else v for i, v in enumerate(table.cells)]
        cells[-1] = None
        changed[key] = type(table)(spec=table.spec, cells=tuple(cells))
    other = attrs.evolve(linping, **changed)
    total = SimpleNamespace(path="$.requests.results.total", code="x", message="m")
    findings = [*govinfo.validate(other), total]
    for ext, name in REGEN.FORMATS.items():
        for locale in REGEN.LOCALES:
            render = getattr(govinfo, name)
            assert render(other, locale=locale, findings=findings) != render(linping, locale=locale)
            expected = REGEN.golden_path(locale, ext).read_text(encoding="utf-8")
            assert REGEN.render(locale, ext) == expected
