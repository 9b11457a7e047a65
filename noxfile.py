"""Development sessions.

``nox`` runs the default sessions (tests, lint, typing, docs), each installing **exactly** the
versions pinned in ``requirements/constraints.txt``, so that a green run stays green however
upstream moves. ``nox -s latest`` runs the tests against the newest releases instead: that is
where a Babel/CLDR (or any other) upgrade is noticed. ``nox -s lock`` refreshes the pins and
regenerates the renderers' golden files with the new Babel, in one command; review
``git diff requirements tests/golden`` and commit.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = ["3.10", "3.11", "3.12", "3.13"]
ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
#: Every pinned version of every development tool and optional dependency (uv pip compile output).
CONSTRAINTS = "requirements/constraints.txt"
#: The extras the test suite exercises.
TEST_EXTRAS = "testing,fast,pdf,docx,xlsx,parquet,pandas,polars,dask,ocr"


def _install(session: nox.Session, *groups: str, extras: str = TEST_EXTRAS, latest: bool = False) -> None:
    """govinfo (editable, with ``extras``) and the dependency ``groups``: pinned unless ``latest``."""
    requirements = nox.project.dependency_groups(PYPROJECT, *groups) if groups else ()
    if latest:
        session.install("-e", f".[{extras}]" if extras else ".", *requirements)
        return
    pins = ("-c", CONSTRAINTS)
    # The build backend is pinned too: build without isolation, from the pinned hatchling.
    session.install(*pins, *nox.project.dependency_groups(PYPROJECT, "build"))
    target = f".[{extras}]" if extras else "."
    session.install(*pins, "--no-build-isolation", "-e", target, *requirements)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, property and doc tests) with the pinned versions."""
    _install(session, "test")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHON)
def tests_all(session: nox.Session) -> None:
    """Run the tests on every supported Python that is installed (pinned versions)."""
    _install(session, "test")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def latest(session: nox.Session) -> None:
    """The tests against the newest release of every dependency (not a default session).

    A failure here that the default ``tests`` session does not show is an upstream change to
    adopt: run ``nox -s lock``, review the diff, commit.
    """
    _install(session, "test", latest=True)
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def lock(session: nox.Session) -> None:
    """Refresh ``requirements/*.txt`` to the newest releases and regenerate the golden files.

    One command after an upstream release: ``nox -s lock``; then ``git diff requirements
    tests/golden`` shows what changed (a golden file that changes is a change of rendered
    output, which needs a changelog line), and ``nox`` checks everything with the new pins.
    """
    session.install("uv")
    groups = [f"--group=pyproject.toml:{g}" for g in ("test", "typing", "lint", "docs", "bench", "build")]
    common = ["--universal", "--python-version=3.10", "--no-header", "--annotation-style=line", "--upgrade"]
    session.run("uv", "pip", "compile", "pyproject.toml", "--all-extras", *groups, *common, "-o", CONSTRAINTS)
    session.run("uv", "pip", "compile", "requirements/nox.in", *common, "-o", "requirements/nox.txt")
    _install(session, "test")
    session.run("python", "tests/golden/regenerate.py")
    session.log("review: git diff requirements tests/golden")


@nox.session
def nightly(session: nox.Session) -> None:
    """The property suite with many more examples (the long Hypothesis profile)."""
    _install(session, "test")
    session.run("python", "-m", "pytest", "tests/property", "--hypothesis-profile=nightly", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("-c", CONSTRAINTS, *nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "src", "tests", "benchmarks", "docs", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "docs", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict over src and tests."""
    _install(session, "typing")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: a table of ratios against pydantic, msgspec and orjson (docs/performance.md).

    Not a default session and not part of the tests: ``nox -s bench -- --quick`` for a smoke run,
    ``nox -s bench -- --check`` to exit 1 when a target is missed.
    """
    _install(session, "bench", extras="fast,pdf")
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into build/docs/html; any warning fails the build.

    The examples on the pages are tested by the tests session (doctests and walkthroughs).
    """
    _install(session, "docs", extras="testing")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", "docs", "build/docs/html", *session.posargs
    )
