"""A separate project that depends on govinfo-cn[testing] can use its strategies, as its users will.

The project is written to a temporary directory and its tests run by pytest in a subprocess
with this environment (where govinfo is installed, so its Hypothesis entry point is
registered) and none of this repository's configuration.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

PYPROJECT = """\
[project]
name = "downstream"
version = "0"
dependencies = ["govinfo-cn[testing]"]
"""

# Only govinfo and Hypothesis are imported: st.from_type works through the entry point.
TEST_FROM_TYPE = """\
import govinfo
from hypothesis import given, settings, strategies as st


@settings(max_examples=25, deadline=None)
@given(st.from_type(govinfo.Report))
def test_from_type(report):
    assert isinstance(report, govinfo.Report)
    assert not [f for f in govinfo.validate(report) if f.severity == "error"]
"""

TEST_STRATEGIES = """\
import govinfo
import govinfo.testing.strategies
from hypothesis import given, settings


@settings(max_examples=25, deadline=None)
@given(govinfo.testing.strategies.reports())
def test_reports(report):
    again = govinfo.Report.from_json(report.to_json())
    govinfo.testing.assert_reports_equal(report, again)
    govinfo.testing.assert_valid(report)
"""


def test_a_downstream_project_can_use_from_type_and_the_strategies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_from_type.py").write_text(TEST_FROM_TYPE, encoding="utf-8")
    (tmp_path / "tests" / "test_strategies.py").write_text(TEST_STRATEGIES, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HYPOTHESIS", "PYTEST"))}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-W", "error", "-p", "no:cacheprovider", "tests"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"rootdir: {tmp_path}" in output  # none of this repository's configuration
    assert "tests/test_from_type.py::test_from_type PASSED" in output, output
    assert "tests/test_strategies.py::test_reports PASSED" in output, output
    assert "2 passed" in output, textwrap.shorten(output, 2000)
