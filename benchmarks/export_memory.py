"""Peak memory of ``govinfo export`` against the number of reports (issue 18).

Generates N small reports (the example 临平区教育局 2023, each with its own agency and a year
of 2021–2024), as interchange JSON (``--layout json``, the default: reading costs little, so
the export itself is what is measured) or as published text (``--layout text``), then runs
``python -m govinfo export DIR -o OUT -j 1`` in a child process for each N and each output
(CSV, Parquet) and prints the child's peak RSS, wall time and CPU time as GNU ``/usr/bin/time``
measures them (``%M %e %U+%S``). ``-j 1``: one process does everything, so its peak is the whole run's.

    python benchmarks/export_memory.py                # 2,000 and 20,000 reports
    python benchmarks/export_memory.py --counts 500 --layout text
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

import govinfo


def generate(folder: Path, n: int, layout: str) -> None:
    base = govinfo.examples.linping_education_2023()
    for i in range(n):
        r = attrs.evolve(base, agency=f"测试市第{i}局", year=2021 + i % 4)
        if layout == "json":
            (folder / f"r{i:06d}.json").write_text(r.to_json(), encoding="utf-8")
        else:
            (folder / f"r{i:06d}.txt").write_text(govinfo.render_text(r), encoding="utf-8")


def run(folder: Path, out: Path) -> tuple[float, float, float]:
    """(peak RSS in MB, wall s, CPU s) of one export in a fresh child process, by GNU time."""
    cmd = [sys.executable, "-m", "govinfo", "export", str(folder), "-o", str(out), "-j", "1", "--no-progress"]
    p = subprocess.run(
        ["/usr/bin/time", "-f", "%M %e %U %S", *cmd], check=True, capture_output=True, text=True
    )
    rss_kb, wall, user, system = p.stderr.strip().splitlines()[-1].split()
    return int(rss_kb) / 1024, float(wall), float(user) + float(system)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--counts", default="2000,20000", help="numbers of reports (ascending)")
    p.add_argument("--layout", choices=("json", "text"), default="json")
    p.add_argument("--formats", default="csv,parquet")
    args = p.parse_args()
    counts = [int(c) for c in args.counts.split(",")]
    print(f"python {sys.version.split()[0]}, govinfo {govinfo.__version__}, load {os.getloadavg()[0]:.1f}")
    print("reports  layout  output   peak RSS MB  wall s  CPU s")
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            folder = Path(tmp, f"in{n}")
            folder.mkdir()
            generate(folder, n, args.layout)
            for fmt in args.formats.split(","):
                rss, wall, cpu = run(folder, Path(tmp, f"out{n}.{fmt}"))
                print(
                    f"{n:>7}  {args.layout:<6}  {fmt:<7}  {rss:>11.0f}  {wall:>6.1f}  {cpu:>5.1f}", flush=True
                )


if __name__ == "__main__":
    main()
