"""Every cut of a real page: is anything read wrong? (measurement, not a test)

For every fixture in tests/real and many cut positions (each line end, with and without its
newline; three offsets inside each line; after every digit of every number; after each 报告),
the prefix is parsed and checked:

- ``wrong`` / ``invented``: a cell returned that the label gives another value or does not state;
- ``cut_value``: the prefix ends (but for spaces) in a number and a returned cell depends on that
  last number (it reads differently when the number goes on; a lone ``0`` goes on only as an
  amount, ``0.35``): a value that may be cut short;
- ``blank``: a ``blank_cells`` key given a value;
- ``year`` / ``agency``: a returned identity that differs from a non-null label;
- ``complete``: a cut fragment called complete;
- ``error`` / ``hang``: a traceback, or a parse slower than 10 s.

Identities returned for fixtures labelled ``null`` that differ from what the whole fragment gives
are listed (``agency_null`` / ``year_null``) for reading by hand.

Usage: PYTHONPATH=src python benchmarks/cuts.py [--lines-only | --every] [--jobs N] [slug-substring ...]
(``--every``: every character of the pages with cells.)
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "real"
sys.path.insert(0, str(ROOT / "tests"))

import govinfo  # noqa: E402
from test_parse_real import _cells, _flat, _same  # noqa: E402
from test_parse_real_cuts import cut_cells  # noqa: E402


def cut_positions(text: str, lines_only: bool, every: bool = False) -> list[int]:
    if every:
        return list(range(1, len(text) + 1))
    pos: set[int] = set()
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            pos.add(i)
            pos.add(i + 1)
            if not lines_only:
                n = i - start
                if n >= 4:
                    pos.update({start + 1, start + n // 2, i - 1})
            start = i + 1
    if not lines_only:
        for m in re.finditer(r"[0-9]+", text):
            pos.update(range(m.start() + 1, m.end() + 1))
        # where an opening sentence naming the report looks like a title when cut
        pos.update(m.end() for m in re.finditer("报告|報告|年报|年報", text))
    pos.discard(0)
    pos.add(len(text))
    return sorted(p for p in pos if 0 < p <= len(text))


class Hang(Exception):
    pass


def _alarm(*_: Any) -> None:
    raise Hang


def _parse(text: str) -> tuple[str, Any]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(10)
    try:
        return "ok", govinfo.parse_document(text)
    except govinfo.ParseError as e:
        return "refused", e.code
    except Hang:
        return "hang", None
    except Exception as e:
        return "error", f"{type(e).__name__}: {e}"
    finally:
        signal.alarm(0)


def check(slug: str, lines_only: bool, every: bool = False) -> dict[str, Any]:
    expected = json.loads((REAL / f"{slug}.expected.json").read_text(encoding="utf-8"))
    text = (REAL / f"{slug}.txt").read_text(encoding="utf-8")
    cells, maybe, blank = (_flat(expected.get(k)) for k in ("cells", "maybe_cells", "blank_cells"))
    fails: list[tuple[str, int, str]] = []
    null_ids: dict[str, set[Any]] = {"agency": set(), "year": set()}
    whole = _parse(text)
    report = whole[1].report if whole[0] == "ok" else None
    whole_ids = (report.agency, report.year) if report is not None else (None, None)
    n = 0
    for p in cut_positions(text, lines_only, every):
        prefix = text[:p]
        n += 1
        status, result = _parse(prefix)
        if status in ("hang", "error"):
            fails.append((status, p, str(result)[:200]))
            continue
        if status == "refused":
            if result not in ("not_a_report", "empty_input"):
                fails.append(("refused", p, result))
            continue
        got = _cells(result)
        last, from_last = cut_cells(prefix, result, lambda t: _parse(t)[1])
        suspect = set(from_last)
        for k, v in got.items():
            if k in suspect:
                fails.append(("cut_value", p, f"{k}={v!r} from {last!r}"))
            elif k in cells and not _same(cells[k], v):
                fails.append(("wrong", p, f"{k}={v!r} (label {cells[k]!r})"))
            elif k in maybe and not _same(maybe[k], v):
                fails.append(("wrong", p, f"{k}={v!r} (maybe-label {maybe[k]!r})"))
            elif k not in cells and k not in maybe:
                fails.append(("blank" if k in blank else "invented", p, f"{k}={v!r}"))
        rep = result.report
        if rep is not None:
            if expected["year"] is not None and rep.year is not None and rep.year != expected["year"]:
                fails.append(("year", p, f"{rep.year} (label {expected['year']})"))
            if expected["agency"] is not None and rep.agency and rep.agency != expected["agency"]:
                fails.append(("agency", p, f"{rep.agency!r} (label {expected['agency']!r})"))
            if expected["agency"] is None and rep.agency and rep.agency != whole_ids[0]:
                null_ids["agency"].add((rep.agency, p))
            if expected["year"] is None and rep.year is not None and rep.year != whole_ids[1]:
                null_ids["year"].add((rep.year, p))
        if result.complete:
            fails.append(("complete", p, ""))
    return {
        "slug": slug,
        "cuts": n,
        "fails": fails,
        "null_ids": {k: sorted(v, key=lambda x: x[1])[:5] for k, v in null_ids.items()},
        "len": len(text),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines-only", action="store_true")
    ap.add_argument("--every", action="store_true", help="every character of pages with cells")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", help="write all failures here")
    ap.add_argument("only", nargs="*")
    args = ap.parse_args()
    slugs = sorted(p.name[: -len(".expected.json")] for p in REAL.glob("*.expected.json"))
    if args.only:
        slugs = [s for s in slugs if any(o in s for o in args.only)]
    if args.every:
        slugs = [s for s in slugs if json.loads((REAL / f"{s}.expected.json").read_text()).get("cells")]
    t0 = time.time()
    with multiprocessing.Pool(args.jobs) as pool:
        reports = pool.starmap(check, [(s, args.lines_only, args.every) for s in slugs])
    kinds: collections.Counter[str] = collections.Counter()
    pages: dict[str, set[str]] = collections.defaultdict(set)
    examples: dict[str, list[tuple[int, str, int, str]]] = collections.defaultdict(list)
    cuts = 0
    for r in reports:
        cuts += r["cuts"]
        for kind, p, what in r["fails"]:
            kinds[kind] += 1
            pages[kind].add(r["slug"])
            examples[kind].append((p, r["slug"], p, what))
    print(f"{len(slugs)} pages, {cuts} cuts, {time.time() - t0:.0f} s")
    for kind, count in kinds.most_common():
        print(f"{kind}: {count} failures on {len(pages[kind])} pages")
        seen: set[str] = set()
        for _, slug, p, what in sorted(examples[kind]):
            if slug in seen:
                continue
            seen.add(slug)
            print(f"    {slug} @{p}: {what}")
    for r in reports:
        for k, v in r["null_ids"].items():
            if v:
                print(f"{k} returned where labelled null, unlike the whole page: {r['slug']}: {v}")
    if args.json:
        Path(args.json).write_text(
            json.dumps([r for r in reports if r["fails"]], ensure_ascii=False, indent=1, default=str),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
