"""Run the documentation as a reader would follow it.

- The doctests of the pages listed in :data:`FRESH_DIRECTORY` (the getting-started pages and the
  tutorials, whose examples write files) run in an empty temporary directory; other pages run
  from the repository root, where ``tests/data`` is.
- A page with ``console`` blocks is tested as one ``walkthrough`` instead: its doctests and its
  ``$ govinfo …`` commands in the order they appear, in one fresh directory, each command's
  output compared with the page (``...`` matches anything, as in doctests), since a later
  example may read what an earlier command wrote. Its doctests are then not collected a second
  time on their own. See ``tests/docexamples.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from docexamples import blocks, walk_page

HERE = Path(__file__).resolve().parent
#: Pages whose examples write files: their doctests run in an empty temporary directory.
FRESH_DIRECTORY = ("getting-started.md", "zh/", "tutorials/")


def _fresh(path: Path) -> bool:
    try:
        relative = path.resolve().relative_to(HERE).as_posix()
    except ValueError:
        return False
    return any(relative == p or (p.endswith("/") and relative.startswith(p)) for p in FRESH_DIRECTORY)


@pytest.fixture(autouse=True)
def _page_directory(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if _fresh(Path(str(request.node.path))):
        monkeypatch.chdir(tmp_path)


class Walkthrough(pytest.Item):
    """A page's doctests and console commands, run in order in one directory."""

    def runtest(self) -> None:
        tmp = self.config._tmp_path_factory.mktemp("walkthrough")  # type: ignore[attr-defined]
        failures = walk_page(self.path, tmp)
        if failures:
            raise WalkthroughFailed("\n\n".join(failures))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: object = None) -> str:
        if isinstance(excinfo.value, WalkthroughFailed):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"walkthrough of {self.path.name}"


class WalkthroughFailed(Exception):
    """Some example of the page did not give what the page shows."""


class MarkdownPage(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        yield Walkthrough.from_parent(self, name="walkthrough")


def _walked(path: Path) -> bool:
    """True for a page tested as a walkthrough: one with a console block that is run."""
    return path.suffix == ".md" and any(b.is_console and not b.not_run for b in blocks(path))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> MarkdownPage | None:
    if _walked(file_path):
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


#: Doctest items that run inside their page's walkthrough instead of on their own.
_IN_WALKTHROUGH: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The walkthrough runs these pages' doctests, in order with their commands: they are
    # deselected here (pytest counts them as "deselected") and named in the summary, not dropped.
    moved = [item for item in items if type(item).__name__ == "DoctestItem" and _walked(Path(str(item.path)))]
    if not moved:
        return
    keep = set(map(id, moved))
    items[:] = [item for item in items if id(item) not in keep]
    config.hook.pytest_deselected(items=moved)
    _IN_WALKTHROUGH.extend(item.nodeid for item in moved)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _IN_WALKTHROUGH:
        terminalreporter.write_line(
            f"{len(_IN_WALKTHROUGH)} doctest item(s) deselected because they run inside their page's "
            "walkthrough (in order with its console commands): " + ", ".join(_IN_WALKTHROUGH)
        )
