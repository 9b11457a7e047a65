"""Reading scanned reports: speed per page and cells right, per resolution (``docs/ocr.md``).

The table pages of the two real PDFs of ``tests/data`` are rendered with PDFium at each dpi,
saved by Pillow as image-only PDFs and read with ``govinfo.parse_document`` (the ``ocr`` extra).
For sections 三 and 四 each cell is counted right, named in a diagnostic, or silently wrong
(compared with ``tests/data/*.tables.json``). Wall-clock and CPU seconds (all threads of this
process) per page are printed with the machine's load average.

    python benchmarks/ocr.py            # 150 and 300 dpi
    python benchmarks/ocr.py --dpi 200
"""

from __future__ import annotations

import argparse
import io
import json
import os
import time
from pathlib import Path
from typing import Any

import pypdfium2

from govinfo.readers import parse_document

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DOCS = {"huaian-government-2024": (3, 4, 5), "hongze-government-2023": (2, 3, 4)}


def _leaves(value: Any, path: str) -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(_leaves(v, f"{path}.{k}"))
        return out
    return {path: value}


def measure(name: str, pages: tuple[int, ...], dpi: int) -> tuple[int, int, int, float, float]:
    """(right, named, silently wrong, wall seconds, CPU seconds) for one document at one dpi."""
    doc = pypdfium2.PdfDocument(DATA / f"{name}.pdf")
    images = [doc[n - 1].render(scale=dpi / 72).to_pil().convert("L") for n in pages]
    doc.close()
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    want = json.loads((DATA / f"{name}.tables.json").read_text("utf-8"))
    wall, cpu = time.perf_counter(), time.process_time()
    result = parse_document(buf.getvalue(), edition=want["edition"], year=want["year"])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert result.report is not None
    got = _leaves({k: result.report.to_dict()[k] for k in ("requests", "appeals")}, "$")
    named = {d.path for d in result.diagnostics if d.path}
    partial = {f"$.{s}" for s in ("requests", "appeals") if result.section(s).status != "read"}
    right = flagged = wrong = 0
    for path, value in _leaves({k: want[k] for k in ("requests", "appeals")}, "$").items():
        if got.get(path) == value:
            right += 1
        elif any(path == n or path.startswith(n + ".") for n in named) or (
            got.get(path) is None and any(path.startswith(p + ".") for p in partial)
        ):
            flagged += 1
        else:
            wrong += 1
    return right, flagged, wrong, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dpi", type=int, action="append", help="resolution (repeatable; default 150 and 300)"
    )
    args = parser.parse_args()
    for dpi in args.dpi or [150, 300]:
        totals = [0, 0, 0, 0.0, 0.0]
        count = 0
        for name, pages in DOCS.items():
            figures = measure(name, pages, dpi)
            totals = [a + b for a, b in zip(totals, figures)]
            count += len(pages)
        right, flagged, wrong, wall, cpu = totals
        cells = right + flagged + wrong
        print(
            f"{dpi} dpi: {int(right)}/{int(cells)} cells right ({right / cells:.1%}), {int(flagged)} named, "
            f"{int(wrong)} silently wrong; {wall / count:.1f} s wall, {cpu / count:.1f} s CPU per page "
            f"(load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
