"""Development sessions: ``nox`` runs tests, lint, typing and docs; ``nox -s bench`` the benchmarks."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typing", "docs"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = False

PYTHON = ["3.10", "3.11", "3.12", "3.13"]


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, property and doc tests)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python=PYTHON)
def tests_all(session: nox.Session) -> None:
    """Run the tests on every supported Python that is installed."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session
def nightly(session: nox.Session) -> None:
    """The property suite with many more examples (the long Hypothesis profile)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", "tests/property", "--hypothesis-profile=nightly", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install("ruff>=0.6")
    session.run("ruff", "check", "src", "tests", "benchmarks", "docs", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "benchmarks", "docs", "noxfile.py")


@nox.session
def typing(session: nox.Session) -> None:
    """mypy --strict over src and tests."""
    session.install("-e", ".[test,lint]")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: a table of ratios against pydantic, msgspec and orjson (docs/performance.md).

    Not a default session and not part of the tests: ``nox -s bench -- --quick`` for a smoke run,
    ``nox -s bench -- --check`` to exit 1 when a target is missed.
    """
    session.install("-e", ".[bench]")
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into build/docs/html; any warning fails the build.

    The examples on the pages are tested by the tests session (doctests and walkthroughs).
    """
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-q", "-b", "html", "docs", "build/docs/html", *session.posargs
    )
