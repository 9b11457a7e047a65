"""1 worker against 2 on a batch of mixed files: wall time and CPU time (issue 18).

Generates ``--texts`` published texts (the example 临平区教育局 2023 rendered, each with its own
agency and year) and ``--pdfs`` PDFs (copies of the two PDFs in tests/data), then reads the
folder with ``govinfo.read_many(workers=N)`` in a fresh interpreter per run, under GNU
``/usr/bin/time`` (wall; user + system CPU of the run and of its worker processes), the
settings alternating run by run. Prints every run (with the CPU time of the calling process
alone: with workers it decodes the results), the medians, and the load average seen.

    python benchmarks/workers.py                       # 400 texts + 20 PDFs, 1 and 2 workers, 3 rounds
    python benchmarks/workers.py --texts 800 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

import govinfo

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PDFS = ("hongze-government-2023.pdf", "huaian-government-2024.pdf")


def generate(folder: Path, texts: int, pdfs: int) -> None:
    base = govinfo.examples.linping_education_2023()
    for i in range(texts):
        report = attrs.evolve(base, agency=f"测试市第{i}局", year=2021 + i % 4)
        (folder / f"t{i:05d}.txt").write_text(govinfo.render_text(report), encoding="utf-8")
    for i in range(pdfs):
        shutil.copy(DATA / PDFS[i % len(PDFS)], folder / f"p{i:03d}-{PDFS[i % len(PDFS)]}")


def run(folder: Path, workers: int) -> tuple[float, float, float]:
    """(wall s, CPU s of all processes, CPU s of the calling process alone) of reading the folder
    with ``workers`` in a fresh interpreter."""
    code = (
        "import resource, sys, govinfo\n"
        "n = sum(1 for r in govinfo.read_many([sys.argv[1]], workers=int(sys.argv[2])) if r.ok)\n"
        "assert n > 0\n"
        "u = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(u.ru_utime + u.ru_stime)\n"
    )
    cmd = ["/usr/bin/time", "-f", "%e %U %S", sys.executable, "-c", code, str(folder), str(workers)]
    p = subprocess.run(cmd, check=True, capture_output=True, text=True)
    wall, user, system = p.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), float(p.stdout.split()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--texts", type=int, default=400)
    p.add_argument("--pdfs", type=int, default=20)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    print(f"python {sys.version.split()[0]}, govinfo {govinfo.__version__}, {os.cpu_count()} CPUs")
    print(f"{args.texts} texts + {args.pdfs} PDFs; load average before: {os.getloadavg()}")
    times: dict[int, list[tuple[float, float, float]]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.texts, args.pdfs)
        for r in range(args.rounds):
            for workers in (1, 2) if r % 2 == 0 else (2, 1):
                wall, cpu, own = run(folder, workers)
                times[workers].append((wall, cpu, own))
                load = os.getloadavg()[0]
                print(f"round {r + 1}  workers={workers}  wall {wall:6.1f} s  CPU {cpu:6.1f} s "
                      f"(calling process {own:5.1f} s)  load {load:.1f}", flush=True)  # fmt: skip
    med = {
        w: (statistics.median(t[0] for t in ts), statistics.median(t[1] for t in ts))
        for w, ts in times.items()
    }
    for w, (wall, cpu) in med.items():
        print(f"median workers={w}: wall {wall:.1f} s, CPU {cpu:.1f} s")
    print(f"wall ratio 2/1: {med[2][0] / med[1][0]:.2f}; CPU ratio 2/1: {med[2][1] / med[1][1]:.2f}")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
