"""The documentation cannot lie: its examples run, its generated pages match the code, every
public name has an example in its docstring and a place in the API reference.

The examples themselves run elsewhere: doctests through ``--doctest-glob=*.md``, shell examples
through ``docs/conftest.py``. These tests check that nothing escapes them.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path

import pytest

import govinfo
from docexamples import DOCS, ROOT, blocks, markdown_files, unchecked_blocks, walk_page
from docgen import PAGE, editions_markdown
from govinfo.catalogue import get_edition

#: Pages whose owners have yet to mark their untested blocks (<!-- not run: … -->): each is an
#: install or tooling command (pip, nox, a regeneration script). Remove a page once it is clean.
UNMARKED_PAGES = {
    "docs/cli.md": "the opening block of example commands",
    "docs/pdf-docx.md": "pip install commands",
    "docs/performance.md": "nox -s bench commands",
    "docs/rendering.md": "the golden-file regeneration command",
}

#: Public names whose docstrings have no example yet, by owner (reported to the lead).
NO_EXAMPLE_YET = {
    "govinfo.ParseResult",  # parser
    "govinfo.parse_document",  # parser
}

PUBLIC_MODULES = ("govinfo", "govinfo.catalogue", "govinfo.testing")


def _public_names() -> list[tuple[str, object]]:
    names = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in module.__all__:
            names.append((f"{module_name}.{name}", getattr(module, name)))
    return names


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# --- every block is run or marked -----------------------------------------------------------


@pytest.mark.parametrize("path", markdown_files(), ids=_relative)
def test_every_code_block_is_run_or_marked(path: Path) -> None:
    problems = list(unchecked_blocks(path))
    if _relative(path) in UNMARKED_PAGES:
        # Shell and text blocks wait for their owner's marker; python and console blocks do not.
        problems = [p for p in problems if "block is not run" not in p or "python" in p]
    assert not problems, "\n".join(problems)


def test_the_unmarked_pages_still_exist() -> None:
    for page in UNMARKED_PAGES:
        assert (ROOT / page).exists(), f"{page} is gone: remove it from UNMARKED_PAGES"


def test_a_block_that_is_neither_run_nor_marked_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\nprint(1)\n```\n\n"
        "<!-- not run: installs things -->\n```sh\npip install x\n```\n\n"
        "```sh\npip install y\n```\n\n"
        "```console\n$ ls\n```\n\n"
        "```python\n>>> 1 + 1\n2\n\n```\n",
        encoding="utf-8",
    )
    problems = list(unchecked_blocks(page))
    kinds = [b.not_run for b in blocks(page)]
    assert kinds == [None, "installs things", None, None, None]
    assert len(problems) == 3
    assert "python block must be a doctest" in problems[0]
    assert "sh block is not run" in problems[1]
    assert "only govinfo commands, not 'ls'" in problems[2]


def test_a_walkthrough_fails_when_the_page_is_wrong(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "```python\n>>> from pathlib import Path\n>>> _ = Path('r.json').write_text("
        "__import__('govinfo').examples.linping_education_2023().to_json())\n\n```\n\n"
        "```console\n$ govinfo check r.json --lang en\n"
        "r.json: 杭州市临平区教育局 2023 (2021 edition; json, utf-8)\n"
        "  no findings\n\n1 file: 1 clean, ...\n```\n",
        encoding="utf-8",
    )
    work = tmp_path / "work"
    work.mkdir()
    assert walk_page(page, work) == []
    # The same page with a wrong output, and with a wrong doctest, fails.
    page.write_text(page.read_text(encoding="utf-8").replace("no findings", "2 findings"), encoding="utf-8")
    (work / "r.json").unlink()
    [failure] = walk_page(page, work)
    assert "$ govinfo check r.json --lang en" in failure
    assert "2 findings" in failure
    page.write_text("```python\n>>> 1 + 1\n3\n\n```\n", encoding="utf-8")
    [failure] = walk_page(page, work)
    assert "Expected:\n    3\nGot:\n    2" in failure


# --- generated and hand-written reference pages ------------------------------------------------


def test_the_editions_page_is_generated_from_the_catalogue() -> None:
    assert PAGE.read_text(encoding="utf-8") == editions_markdown(), (
        "docs/reference/editions.md is out of date: run python tests/docgen.py"
    )


def test_the_editions_page_lists_every_label() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for key in ("2021", "2019"):
        edition = get_edition(key)
        for spec in (edition.proactive, *edition.requests, edition.appeals):
            for cell in spec.cells:
                assert f"`{cell.row.key}` | {cell.row.full_label} | {cell.row.full_label_en} |" in page
                assert f"{cell.column.label_en}" in page
    # Written by hand from report-format.md §2.1 and §3.2: a label and its English name.
    assert "| `fees` | 行政事业性收费 | Administrative and institutional fees |" in page
    assert (
        "| `results.withheld.state_secret` | （三）不予公开 · 1.属于国家秘密 |"
        " (3) Not disclosed · 1. State secret |" in page
    )


def test_the_interchange_shapes_load() -> None:
    """The JSON shapes of docs/interchange.md are real interchange JSON of their section."""
    shapes = [json.loads(b.text) for b in blocks(DOCS / "interchange.md") if b.language == "json"]
    where = [("2021", "proactive"), ("2019", "proactive"), ("2021", "appeals")]
    assert len(shapes) == len(where), "docs/interchange.md: update this test's list of JSON shapes"
    for shape, (edition, section) in zip(shapes, where):
        report = govinfo.Report.from_dict(
            {"edition": edition, "agency": "某局", "year": 2023, section: shape}
        )
        assert report.to_dict()[section] == {**shape, **report.to_dict()[section]}
        assert not getattr(report, section).is_blank()


def test_every_page_is_in_a_table_of_contents() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = {
        line.strip()
        for block in re.findall(r"```\{toctree\}\n(.*?)```", index, flags=re.S)
        for line in block.splitlines()
        if line.strip() and not line.startswith(":")
    }
    pages = {p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md")} - {"index"}
    assert pages - listed == set(), "add these pages to a {toctree} in docs/index.md"
    assert listed - pages == set(), "these toctree entries have no page"


# --- docstrings and the API reference ---------------------------------------------------------


def test_every_public_name_has_an_example() -> None:
    missing = []
    for qualname, obj in _public_names():
        if not (inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj) or callable(obj)):
            continue  # data: EDITIONS, MONEY_UNITS, __version__
        if qualname in NO_EXAMPLE_YET:
            continue
        if ">>>" not in (inspect.getdoc(obj) or ""):
            missing.append(qualname)
    assert missing == [], f"these public names have no >>> example in their docstring: {missing}"


def test_the_names_without_examples_are_public() -> None:
    public = {qualname for qualname, _ in _public_names()}
    assert public >= NO_EXAMPLE_YET, NO_EXAMPLE_YET - public


def test_the_api_reference_lists_every_public_name() -> None:
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto(?:class|function|exception|module|data)::\s+(\S+)", page, re.M))
    # automodule with :members: documents the names it lists.
    for module, members in re.findall(r"^\.\. automodule::\s+(\S+)\n\s+:members:\s*(.*)$", page, re.M):
        documented |= {f"{module}.{m.strip()}" for m in members.split(",") if m.strip()}
    aliases = {"govinfo.readers.parse": "govinfo.parse"}  # documented where it is defined
    documented |= {aliases.get(d, d) for d in documented}
    missing = [
        qualname
        for qualname, _ in _public_names()
        if qualname not in documented and f"`{qualname}`" not in page
    ]
    assert missing == [], f"add these to docs/reference/api.md: {missing}"
