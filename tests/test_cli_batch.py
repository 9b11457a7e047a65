"""``govinfo check`` over a directory of generated reports in mixed layouts and encodings.

One directory (built once per module) holds generated reports written as interchange JSON,
plain text, Markdown and HTML, some in GB18030/GBK (HTML with ``<meta charset=gbk>``, text with
no declaration), some with a BOM and CRLF line ends, all with Chinese file names; every tenth
report has one planted fault (``faulty_reports()``), and one file is not a report at all.

Size: 1,000 reports when ``CI`` is set (the issue's figure), 200 otherwise (quick local runs);
``GOVINFO_BATCH_REPORTS`` overrides. Generating a report takes ~20 ms here, so the 1,000 cost
~25 s to build and the check itself a few seconds more (figures in docs/cli.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.testing.strategies import FaultyReport, faulty_reports, narratives, reports

N = int(os.environ.get("GOVINFO_BATCH_REPORTS", "1000" if os.environ.get("CI") else "200"))
LAYOUTS = ("json", "text", "markdown", "html")
SUFFIX = {"json": ".json", "text": ".txt", "markdown": ".md", "html": ".html"}


def generate(strategy: st.SearchStrategy[Any], n: int, at: int) -> list[Any]:
    """``n`` examples of a strategy, reproducibly (seeded, no example database)."""
    out: list[Any] = []

    @seed(at)
    @settings(
        max_examples=n,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(x: Any) -> None:
        out.append(x)

    collect()
    assert len(out) == n
    return out


def write(report: Report, i: int, directory: Path) -> tuple[Path, str, str]:
    """Write report ``i`` in layout ``i % 4``; returns (path, layout, encoding expected)."""
    layout = LAYOUTS[i % 4]
    name = f"{i:04d}-{report.agency}{report.year}{SUFFIX[layout]}"  # Chinese file names
    if layout == "json":
        text = report.to_json(indent=2)
    elif layout == "text":
        text = govinfo.render_text(report)
    elif layout == "markdown":
        text = govinfo.render_markdown(report)
    else:
        text = govinfo.render_html(report)
    variant = (i // 4) % 3
    if variant == 0:  # plain UTF-8, LF
        data, encoding = text.encode("utf-8"), "utf-8"
    elif variant == 1:  # a BOM and CRLF line ends (Windows tools)
        data, encoding = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "utf-8-sig"
    elif layout == "html":  # GBK, declared in the page (older sites)
        data = text.replace('<meta charset="utf-8">', '<meta charset="gbk">').encode("gbk")
        encoding = "gb18030"
    elif layout == "text" or layout == "markdown":  # GBK, declared nowhere
        data, encoding = text.encode("gbk"), "gb18030"
    else:  # JSON is UTF-8 by definition (RFC 8259)
        data, encoding = text.encode("utf-8"), "utf-8"
    path = directory / name
    path.write_bytes(data)
    return path, layout, encoding


class Corpus:
    def __init__(self, directory: Path, files: dict[str, tuple[Report, str, str, FaultyReport | None]]):
        self.directory = directory
        self.files = files
        self.junk = directory / "9999-下载失败.html"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    directory = tmp_path_factory.mktemp("reports")
    faults = N // 10
    # Prose in every narrative, so that a clean report has no finding at all (not even the info
    # "section not stated"): the only findings are the planted ones.
    prose = narratives().filter(lambda n: bool(n.all_paragraphs()))
    clean = generate(reports(narratives=prose), N - faults, at=8)
    faulty = generate(faulty_reports(), faults, at=9)
    files = {}
    for i in range(N):
        planted = faulty[i // 10] if i % 10 == 0 else None
        report = planted.report if planted else clean[i - i // 10 - 1]
        path, layout, encoding = write(report, i, directory)
        files[path.name] = (report, layout, encoding, planted)
    c = Corpus(directory, files)
    c.junk.write_bytes("<html><body>页面不存在</body></html>".encode("gbk"))
    return c


def run(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        **kwargs,
    )


def plain(findings: list[Any]) -> list[Any]:
    return json.loads(json.dumps([f.to_dict() for f in findings], ensure_ascii=False))  # type: ignore[no-any-return]


def children_cpu() -> float:
    """CPU seconds used by finished child processes (and theirs), where the platform says."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def test_check_lists_exactly_the_planted_faults(corpus: Corpus) -> None:
    cpu, start = children_cpu(), time.perf_counter()
    p = run("check", str(corpus.directory), "--format", "json")
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu
    print(f"check of {N + 1} files: {wall:.1f} s wall, {cpu:.1f} s CPU (children)")

    assert p.returncode == 2, p.stderr  # the junk file is unreadable: reported, and the rest checked
    assert "\r" not in p.stderr  # no progress bar in a pipe, nor with --format json
    objects = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(objects) == N + 1
    # In order (sorted by name), one per file.
    assert [Path(o["path"]).name for o in objects] == sorted([*corpus.files, corpus.junk.name])

    by_name = {Path(o["path"]).name: o for o in objects}
    junk = by_name.pop(corpus.junk.name)
    assert junk["status"] == "unreadable"
    assert junk["error"]["code"] == "not_a_report"

    flagged = {name for name, o in by_name.items() if o["findings"]}
    planted = {name for name, (_, _, _, fault) in corpus.files.items() if fault is not None}
    assert flagged == planted
    codes: Counter[str] = Counter()
    for name, o in by_name.items():
        report, layout, encoding, fault = corpus.files[name]
        assert o["layout"] == layout if layout != "text" else o["layout"] in ("text", "pipe"), name
        assert o["encoding"] == encoding, name
        assert (o["agency"], o["year"], o["edition"]) == (report.agency, report.year, report.edition)
        if fault is None:
            assert o["status"] == "clean", (name, o["findings"])
            continue
        codes[fault.code] += 1
        found = [(f["code"], f["path"]) for f in o["findings"]]
        suspects = {c["path"] for f in o["findings"] for c in ([f["suspect"]] if f["suspect"] else [])}
        suspects |= {c["path"] for f in o["findings"] for c in f["candidates"]}
        # The planted fault, where it was planted (or, for a changed cell, named as the suspect).
        assert fault.code in {c for c, _ in found}, (name, fault, found)
        assert fault.path in {path for _, path in found} | suspects, (name, fault, found)
        # And exactly what validating the report in memory finds: nothing lost or added by reading
        # it back from its layout and encoding in another process.
        assert o["findings"] == plain(govinfo.validate(report)), name
        assert o["status"] == (
            "errors" if any(f["severity"] == "error" for f in o["findings"]) else "findings"
        )
    assert sum(codes.values()) == N // 10


def test_check_exit_status_is_1_when_only_planted_errors(corpus: Corpus, tmp_path: Path) -> None:
    # A small directory: one clean report, one with an E4 fault (error severity).
    names = sorted(corpus.files)
    clean = next(n for n in names if corpus.files[n][3] is None)
    error = next(n for n in names if (f := corpus.files[n][3]) is not None and f.code.startswith("E"))
    for n in (clean, error):
        (tmp_path / n).write_bytes((corpus.directory / n).read_bytes())
    p = run("check", str(tmp_path))
    assert p.returncode == 1, p.stdout + p.stderr
    assert corpus.files[error][3].code in p.stdout  # type: ignore[union-attr]
    p = run("check", str(tmp_path / clean))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "未发现问题" in p.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_bar_on_a_terminal_only(corpus: Corpus, tmp_path: Path) -> None:
    import pty
    import shutil

    # 120 files and the junk one, read by one worker: long enough (~1 s) to pass the bar's
    # half-second delay, short enough to run twice.
    for name in sorted(corpus.files)[:120]:
        shutil.copy(corpus.directory / name, tmp_path / name)
    shutil.copy(corpus.junk, tmp_path / corpus.junk.name)

    def stderr_on_a_terminal(*args: str) -> str:
        try:
            leader, follower = pty.openpty()
        except OSError:  # pragma: no cover - a sandbox without pseudo-terminals
            pytest.skip("no pseudo-terminal available")
        try:
            p = subprocess.run(
                [sys.executable, "-m", "govinfo", *args],
                stdout=subprocess.DEVNULL,
                stderr=follower,
                timeout=600,
                # the bar shows at once, however fast this machine reads the files
                env={**os.environ, "GOVINFO_PROGRESS_DELAY": "0"},
            )
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # EIO: the terminal has no writer left
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            os.close(leader)
        assert p.returncode == 2  # the junk file
        return b"".join(chunks).decode("utf-8", errors="replace")

    # One worker, so the run lasts past the bar's half-second delay whatever the machine.
    shown = stderr_on_a_terminal("check", str(tmp_path), "--workers", "1")
    assert "/121 [" in shown
    assert "100%" in shown
    assert shown.rstrip("\n").endswith("\x1b[K")  # the bar erases itself
    quiet = stderr_on_a_terminal("check", str(tmp_path), "--workers", "1", "--format", "json")
    assert "[" not in quiet


def test_read_many_uses_worker_processes(corpus: Corpus) -> None:
    paths = sorted(corpus.directory.iterdir())[:200]
    results = list(govinfo.read_many(paths, workers=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    workers = {r.worker for r in results}
    assert os.getpid() not in workers
    assert len(workers) == 2
    # The same reports as reading them here, one by one.
    here = [govinfo.read_file(p) for p in paths]
    assert [r.report for r in results] == [r.report for r in here]
    assert all(r.worker == os.getpid() for r in here)
