"""The govinfo command, run as a user runs it (a subprocess)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_show_without_file_shows_the_built_in_example() -> None:
    p = run("show")
    assert p.returncode == 0, p.stderr
    assert "杭州市临平区教育局" in p.stdout
    assert "2023" in p.stdout


def test_show_a_file(tmp_path: Path) -> None:
    p = run("show", str(DATA / "huaian-government-2024.tables.json"))
    assert p.returncode == 0, p.stderr
    assert "淮安市人民政府" in p.stdout


def test_missing_file_exits_2_with_a_message(tmp_path: Path) -> None:
    p = run("show", str(tmp_path / "nope.json"))
    assert p.returncode == 2
    assert "cannot read" in p.stderr
    assert "Traceback" not in p.stderr


def test_broken_json_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"edition": "2021", "agency": 1, "year": 2023}', encoding="utf-8")
    p = run("show", str(bad))
    assert p.returncode == 2
    assert "$.agency" in p.stderr
    assert "Traceback" not in p.stderr


def test_help_has_an_example() -> None:
    p = run("show", "--help")
    assert p.returncode == 0
    assert "Example:" in p.stdout
