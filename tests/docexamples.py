"""The code examples of the Markdown documentation: find them, classify them, run them.

Every fenced block in ``docs/**/*.md`` and ``README.md`` is one of:

- a doctest: a ``python`` block of ``>>>`` examples (pytest runs them with ``--doctest-glob``);
- a shell example: a ``console`` block of ``$ govinfo …`` commands, each followed by the output
  it prints; :func:`walk_page` runs them with bash (``docs/conftest.py`` collects one test per
  page that has any), after the page's doctests that come before them, in one fresh directory;
- a block marked ``<!-- not run: why -->`` on the line before its fence (installing packages,
  a data shape, output shown for illustration);
- a MyST directive (a fence whose info string starts with ``{``, e.g. ``{toctree}``), which is
  not an example.

:func:`unchecked_blocks` lists the blocks that are none of these (``tests/test_docs.py``).
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: The comment that marks a block which is not run, with the reason: ``<!-- not run: … -->``.
NOT_RUN = re.compile(r"^<!--\s*not run:\s*(?P<why>\S.*?)\s*-->$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
#: Doctest options, as in ``[tool.pytest.ini_options]``.
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@attrs.frozen
class Block:
    """One fenced block of a Markdown file."""

    path: Path
    #: The line of the opening fence, from 1.
    line: int
    #: The info string's first word: ``python``, ``console``, ``{toctree}``, … (``""`` if none).
    language: str
    text: str
    #: The reason given by a ``<!-- not run: … -->`` comment just above the fence, if any.
    not_run: str | None

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def is_directive(self) -> bool:
        return self.language.startswith("{")

    @property
    def is_doctest(self) -> bool:
        first = next((s.strip() for s in self.text.splitlines() if s.strip()), "")
        return self.language in ("python", "py", "pycon") and first.startswith(">>>")

    @property
    def is_console(self) -> bool:
        return self.language == "console"


def blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if m is None:
            i += 1
            continue
        fence, info = m["fence"], m["info"].strip()
        start = i
        i += 1
        body: list[str] = []
        while i < len(lines) and not (lines[i].startswith(fence) and not lines[i].strip(fence[0]).strip()):
            body.append(lines[i])
            i += 1
        above = NOT_RUN.match(lines[start - 1].strip()) if start else None
        found.append(
            Block(
                path=path,
                line=start + 1,
                language=info.split()[0] if info else "",
                text="\n".join(body) + "\n",
                not_run=above["why"] if above else None,
            )
        )
        i += 1
    return found


def markdown_files() -> list[Path]:
    """``README.md`` and every Markdown page under ``docs/``."""
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def unchecked_blocks(path: Path) -> Iterator[str]:
    """Why each block of ``path`` that is neither run nor marked is a problem."""
    for b in blocks(path):
        if b.is_directive or b.not_run:
            continue
        if b.is_doctest:
            continue
        if b.is_console:
            for command, _ in console_steps(b):
                if command.split()[0] != "govinfo":
                    yield f"{b.where}: a console block runs only govinfo commands, not {command!r}"
            continue
        if b.language in ("python", "py", "pycon"):
            yield f"{b.where}: a python block must be a doctest (>>> prompts) or be marked not run"
        else:
            yield f"{b.where}: a {b.language or 'plain'} block is not run: make it a doctest or a console block, or mark it <!-- not run: why -->"


def console_steps(block: Block) -> list[tuple[str, str]]:
    """``(command, expected output)`` for each ``$`` line of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:].strip(), []))
        elif steps:
            steps[-1][1].append(line)
    return [(command, "\n".join(out).strip("\n") + "\n" if any(out) else "") for command, out in steps]


def run_command(command: str, cwd: Path) -> str:
    """Run one documented shell command with bash in ``cwd``; stdout and stderr together.

    ``govinfo`` is the command of the Python running the tests (``python -m govinfo``), so the
    examples test the govinfo being tested, wherever its script is.
    """
    env = {**os.environ, "GOVINFO_PYTHON": sys.executable, "PYTHONIOENCODING": "utf-8"}
    script = 'govinfo() { "$GOVINFO_PYTHON" -m govinfo "$@"; }\n' + command
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return done.stdout


def walk_page(path: Path, cwd: Path) -> list[str]:
    """Follow a page as a reader would, in ``cwd``: its doctests and its console commands in the
    order they appear, sharing one namespace and one directory. Returns the failures."""
    failures: list[str] = []
    parser = doctest.DocTestParser()
    checker = doctest.OutputChecker()
    globs: dict[str, object] = {"__name__": "__main__"}
    runner = doctest.DocTestRunner(checker=checker, optionflags=OPTIONS)
    report: list[str] = []
    old = Path.cwd()
    os.chdir(cwd)
    try:
        for b in blocks(path):
            if b.not_run or b.is_directive:
                continue
            if b.is_doctest:
                test = parser.get_doctest(b.text, globs, b.where, str(path), b.line)
                result = runner.run(test, out=report.append, clear_globs=False)
                globs.update(test.globs)  # DocTest copies its globals: carry them to the next block
                if result.failed:
                    failures.append("".join(report))
                    report.clear()
            elif b.is_console:
                for command, expected in console_steps(b):
                    got = run_command(command, cwd)
                    if not checker.check_output(expected, got, OPTIONS):
                        failures.append(f"{b.where}: $ {command}\nexpected:\n{expected}got:\n{got}")
    finally:
        os.chdir(old)
    return failures
