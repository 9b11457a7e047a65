"""govinfo's benchmarks: a table of ratios measured side by side in one process.

Run with ``nox -s bench`` (or ``python benchmarks/bench.py`` in an environment with
the ``bench`` dependency group installed). Options: ``--rounds N``, ``--min-time SECONDS``, ``--quick``,
``--only load,dump,validate,parse,pdf,render,import,scaling``, ``--check`` (exit 1 when a target
is missed). See ``docs/performance.md`` for what each line means and the latest figures.

Operations that other parts of govinfo provide (``validate``, ``parse``, the renderers) are
looked up when the benchmark runs; a line whose function does not exist yet says
"not available" instead of failing.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import dataclasses
import importlib
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

import govinfo
from govinfo.examples import example_json

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import Group, Ratio, measure  # noqa: E402

DATA = HERE.parent / "tests" / "data"
LINPING_TEXT = DATA / "linping-education-2023.txt"
PINGTAN_TEXT = DATA / "pingtan-2019.txt"
#: The development PDFs (5 and 6 pages), parsed against PDFium's own time for the same file.
PDFS = (DATA / "hongze-government-2023.pdf", DATA / "huaian-government-2024.pdf")
SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
SECTIONS = ("load", "dump", "validate", "parse", "pdf", "render", "import", "scaling", "floors")


@dataclass(frozen=True)
class Line:
    """One line of the table: ``subject`` against ``baseline``."""

    section: str
    subject: str
    baseline: str
    ratio: str
    spread: str = ""
    target: str = "—"
    verdict: str = ""
    per_call: str = ""


def _fmt_time(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _versus(section: str, group: Group, subject: str, baseline: str, target: float | None = None) -> Line:
    r = group.ratio(subject, baseline)
    verdict = "" if target is None else ("ok" if r.median <= target else "MISS")
    return Line(
        section,
        subject,
        baseline,
        f"{r.median:.2f}×",
        f"{r.low:.2f}–{r.high:.2f}",
        f"≤ {target:.1f}×" if target is not None else "—",
        verdict,
        _fmt_time(group.median(subject)),
    )


def _bind(fn: Callable[..., object], *args: object, **kwargs: object) -> Callable[[], object]:
    """``fn`` with its arguments bound now (a lambda in a loop would see only the last ones)."""
    return lambda: fn(*args, **kwargs)


def _missing(section: str, subject: str, why: str) -> Line:
    return Line(section, subject, "", "not available", verdict=why)


def _optional(*names: str) -> Callable[..., Any] | None:
    """The first of ``govinfo.<name>`` / ``govinfo.<module>.<name>`` that exists, else None."""
    for name in names:
        module_name, _, attr = name.rpartition(".")
        try:
            module = importlib.import_module(f"govinfo.{module_name}" if module_name else "govinfo")
        except ImportError:
            continue
        fn = getattr(module, attr, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def _works(fn: Callable[[], object]) -> str | None:
    """None if ``fn()`` runs, else a short description of what it raised."""
    try:
        fn()
    except Exception as e:  # any failure of code under development is reported, not raised
        text = str(e).splitlines()[0] if str(e) else ""
        return f"fails: {type(e).__name__}: {text}"[:100]
    return None


class Bench:
    def __init__(self, rounds: int, min_time: float) -> None:
        self.rounds = rounds
        self.min_time = min_time
        self.json = example_json("linping-education-2023").encode()
        self.report = govinfo.Report.from_json(self.json)
        self.floor = ("orjson.loads", lambda: orjson.loads(self.json))

    def run(self, fns: dict[str, Callable[[], object]], rounds: int | None = None) -> Group:
        return measure(fns, rounds=rounds or self.rounds, min_time=self.min_time)

    # --- JSON ----------------------------------------------------------------------------------

    def load(self) -> list[Line]:
        data = self.json
        fns: dict[str, Callable[[], object]] = {"Report.from_json": lambda: govinfo.Report.from_json(data)}
        try:
            import pydantic_model

            fns["pydantic model_validate_json"] = lambda: pydantic_model.Report.model_validate_json(self.json)
        except ImportError:
            pass
        try:
            import msgspec_model

            fns["msgspec decode"] = lambda: msgspec_model.DECODER.decode(self.json)
        except ImportError:
            pass
        fns[self.floor[0]] = self.floor[1]
        g = self.run(fns)
        lines = []
        for other, target in (("pydantic model_validate_json", 0.8), ("msgspec decode", None)):
            if other in fns:
                lines.append(_versus("load", g, "Report.from_json", other, target))
            else:
                lines.append(_missing("load", other, "pydantic/msgspec not installed"))
        lines.append(_versus("load", g, "Report.from_json", "orjson.loads"))
        lines += [_versus("load", g, other, "orjson.loads") for other in list(fns)[1:-1]]
        return lines

    def dump(self) -> list[Line]:
        report, data = self.report, orjson.loads(self.json)
        fns: dict[str, Callable[[], object]] = {"Report.to_json": report.to_json}
        try:
            import pydantic_model

            model = pydantic_model.Report.model_validate_json(self.json)
            fns["pydantic model_dump_json"] = model.model_dump_json
        except ImportError:
            pass
        try:
            import msgspec_model

            struct = msgspec_model.DECODER.decode(self.json)
            fns["msgspec encode"] = lambda: msgspec_model.ENCODER.encode(struct)
        except ImportError:
            pass
        fns["orjson.dumps (plain dict)"] = lambda: orjson.dumps(data)
        fns["Report.to_dict"] = report.to_dict
        g = self.run(fns)
        names = list(fns)
        return [_versus("dump", g, "Report.to_json", other) for other in names[1:-1]] + [
            _versus("dump", g, "Report.to_dict", "orjson.dumps (plain dict)"),
            *(_versus("dump", g, other, "orjson.dumps (plain dict)") for other in names[1:-2]),
        ]

    # --- validate, parse, render ---------------------------------------------------------------

    def validate(self) -> list[Line]:
        validate = _optional("validate", "validation.validate")
        if validate is None:
            return [_missing("validate", "govinfo.validate(report)", "govinfo.validate does not exist yet")]
        report = self.report
        why = _works(lambda: validate(report))
        if why:
            return [_missing("validate", "govinfo.validate(report)", why)]
        g = self.run({"govinfo.validate(report)": lambda: validate(report), self.floor[0]: self.floor[1]})
        return [_versus("validate", g, "govinfo.validate(report)", "orjson.loads", 2.0)]

    def parse(self) -> list[Line]:
        parse = _optional("parse", "readers.parse")
        if parse is None:
            return [_missing("parse", "govinfo.parse(text)", "govinfo.parse does not exist yet")]
        fns: dict[str, Callable[[], object]] = {}
        lines: list[Line] = []
        for name, path in (("Linping", LINPING_TEXT), ("Pingtan-2019", PINGTAN_TEXT)):
            text = path.read_text(encoding="utf-8")
            subject = f"govinfo.parse({name} text)"
            why = _works(_bind(govinfo.parse_document, text))
            if why:
                lines.append(_missing("parse", subject, why))
            else:  # parse_document: Pingtan-2019 is partly read, which parse() refuses
                fns[subject] = _bind(govinfo.parse_document, text)
        render_html = _optional("render_html", "render.render_html")
        if render_html is None:
            why = "govinfo.render_html does not exist yet"
            lines.append(_missing("parse", "govinfo.parse(HTML rendering)", why))
        else:
            html = ""
            why = _works(lambda: render_html(self.report))
            if not why:
                html = render_html(self.report)
                why = _works(lambda: parse(html))
            if why:
                lines.append(_missing("parse", "govinfo.parse(HTML rendering)", why))
            else:
                fns["govinfo.parse(HTML rendering)"] = lambda: parse(html)
        if fns:
            fns[self.floor[0]] = self.floor[1]
            g = self.run(fns)
            targets = {
                "govinfo.parse(Linping text)": 20.0,
                "govinfo.parse(Pingtan-2019 text)": 20.0,
                "govinfo.parse(HTML rendering)": 40.0,
            }
            names = list(fns)[:-1]
            lines = [_versus("parse", g, name, "orjson.loads", targets.get(name)) for name in names] + lines
        return lines

    def pdf(self) -> list[Line]:
        """Parsing a PDF against PDFium's own time for the same file: open it, load every page and
        its text page (what any PDFium-based reader must do before it reads a character)."""
        try:
            import pypdfium2
        except ImportError:
            return [_missing("pdf", "govinfo.parse_document(PDF)", "pypdfium2 not installed")]

        def pdfium_floor(data: bytes) -> None:
            doc = pypdfium2.PdfDocument(data)
            for n in range(len(doc)):
                page = doc[n]
                page.get_textpage().close()
                page.close()
            doc.close()

        lines = []
        for path in PDFS:
            data = path.read_bytes()
            subject, floor = f"parse {path.name}", f"PDFium open + pages + text pages ({path.name})"
            why = _works(_bind(govinfo.parse_document, data))
            if why:
                lines.append(_missing("pdf", subject, why))
                continue
            g = self.run({subject: _bind(govinfo.parse_document, data), floor: _bind(pdfium_floor, data)})
            lines.append(_versus("pdf", g, subject, floor, 1.5))
        return lines

    def render(self) -> list[Line]:
        fns: dict[str, Callable[[], object]] = {}
        lines: list[Line] = []
        report = self.report
        for name in ("render_text", "render_markdown", "render_html"):
            fn = _optional(name, f"render.{name}")
            for locale in ("zh_CN", "en"):
                label = f"govinfo.{name}(report, locale={locale!r})"
                if fn is None:
                    lines.append(_missing("render", label, f"govinfo.{name} does not exist yet"))
                    break
                call = _bind(fn, report, locale=locale)
                why = _works(call)
                if why:
                    lines.append(_missing("render", label, why))
                else:
                    fns[label] = call
        if fns:
            fns[self.floor[0]] = self.floor[1]
            g = self.run(fns)
            lines = [_versus("render", g, name, "orjson.loads", 20.0) for name in list(fns)[:-1]] + lines
        return lines

    # --- floors: what the design costs before it does its work ---------------------------------

    def floors(self) -> list[Line]:
        """The parts of a parse no faster code inside the present design can avoid, timed against
        the same baselines as the targets: where one alone is above a target, that target needs
        another design, not a faster version of this one (docs/performance.md, "Floors")."""
        from html.parser import HTMLParser

        from govinfo.readers.cells import SourceCell, SourceLocation
        from govinfo.readers.text import read_text

        text = LINPING_TEXT.read_text(encoding="utf-8")
        doc = read_text(text)
        rows = [r for b in doc.blocks for r in getattr(b, "rows", ())]
        cells = [(c.text, c.row, c.column) for r in rows for c in r.cells]
        n_cells = len(cells)

        def source_cells() -> object:
            # One frozen value per published cell, with where it is (what every diagnostic names).
            return [
                SourceCell(text=t, row=r, column=c, location=SourceLocation(line=r + 1)) for t, r, c in cells
            ]

        html = govinfo.render_html(self.report)

        def tokenise_html() -> None:
            HTMLParser(convert_charrefs=True).feed(html)

        fns: dict[str, Callable[[], object]] = {
            f"{n_cells} SourceCell values (the Linping text's cells)": source_cells,
            "read_text(Linping text): lines into blocks, no matching": _bind(read_text, text),
            "html.parser tokenising the HTML rendering, no handlers": tokenise_html,
            self.floor[0]: self.floor[1],
        }
        g = self.run(fns)
        lines = [_versus("floors", g, name, self.floor[0]) for name in list(fns)[:-1]]
        return lines + self._load_floor() + self._pdf_floors()

    def _load_floor(self) -> list[Line]:
        """Decoding the JSON and building the report's frozen, checked attrs values from data
        already in hand (no conversion at all): the least any ``from_json`` of this model costs."""
        try:
            import pydantic_model
        except ImportError:
            return []
        plan = _construction_plan(self.report)
        data = self.json
        subject = "orjson.loads + the report's attrs values built from ready arguments"
        fns: dict[str, Callable[[], object]] = {
            subject: lambda: (orjson.loads(data), _construct(plan)),
            "pydantic model_validate_json": lambda: pydantic_model.Report.model_validate_json(data),
        }
        g = self.run(fns)
        return [_versus("floors", g, subject, "pydantic model_validate_json")]

    def _pdf_floors(self) -> list[Line]:
        try:
            import pypdfium2
        except ImportError:
            return [_missing("floors", "PDF", "pypdfium2 not installed")]
        from govinfo.readers.pdf import _api, pdf_pages
        from govinfo.readers.pdflayout import layout_blocks

        raw = pypdfium2.raw
        api = _api(raw)
        lines = []
        for path in PDFS:
            data = path.read_bytes()

            def pdfium_floor(data: bytes = data) -> None:
                doc = pypdfium2.PdfDocument(data)
                for n in range(len(doc)):
                    page = doc[n]
                    page.get_textpage().close()
                    page.close()
                doc.close()

            def glyph_minimum(data: bytes = data) -> None:
                # PDFium's own work plus the least any per-glyph reader asks of it through ctypes:
                # the page's text in one call, one box per character, one type per page object.
                doc = pypdfium2.PdfDocument(data)
                rect = raw.FS_RECTF()
                at = ctypes.addressof(rect)
                for n in range(len(doc)):
                    page = doc[n]
                    textpage = page.get_textpage()
                    tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
                    count = api.count_chars(tp)
                    buf = ctypes.create_string_buffer(2 * (count + 1))
                    api.get_text(tp, 0, count, ctypes.addressof(buf))
                    for i in range(count):
                        api.loose_box(tp, i, at)
                    pg = ctypes.cast(page.raw, ctypes.c_void_p).value
                    for i in range(api.count_objects(pg)):
                        api.object_type(api.get_object(pg, i))
                    textpage.close()
                    page.close()
                doc.close()

            pages = pdf_pages(data)
            floor = f"PDFium open + pages + text pages ({path.name})"
            fns: dict[str, Callable[[], object]] = {
                f"PDFium + a box per glyph, a type per object ({path.name})": glyph_minimum,
                f"pdf_pages({path.name}): glyphs, rules, images": _bind(pdf_pages, data),
                f"layout_blocks of {path.name}'s pages: lines, tables": _bind(layout_blocks, pages),
                floor: pdfium_floor,
            }
            g = self.run(fns)
            lines += [_versus("floors", g, name, floor) for name in list(fns)[:-1]]
        return lines

    # --- import time and scaling ---------------------------------------------------------------

    def import_time(self) -> list[Line]:
        # An absolute time (the target is one), so a loaded machine shows in it; next to it, the
        # ratio to importing attrs alone (govinfo's one runtime dependency imported with it), in
        # the same fresh interpreters, which a loaded machine moves far less.
        def seconds(module: str) -> float:
            code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
            command = [sys.executable, "-c", code]
            return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

        runs = max(10, self.rounds)
        pairs = [(seconds("govinfo"), seconds("attrs")) for _ in range(runs)]
        times = [g for g, _ in pairs]
        best, median = min(times), statistics.median(times)
        ratio = Ratio.of([g / a for g, a in pairs])
        return [
            Line(
                "import",
                f"import govinfo (fresh interpreter, best of {runs})",
                "",
                f"{best * 1e3:.1f} ms",
                f"median {median * 1e3:.1f} ms",
                "≤ 100 ms",
                "ok" if best <= 0.1 else "MISS",
            ),
            Line(
                "import",
                "import govinfo",
                "import attrs",
                f"{ratio.median:.2f}×",
                f"{ratio.low:.2f}–{ratio.high:.2f}",
                per_call=f"attrs: best {min(a for _, a in pairs) * 1e3:.1f} ms",
            ),
        ]

    def scaling(self) -> list[Line]:
        lines: list[Line] = []
        rounds = max(3, self.rounds // 3)
        parse = _optional("parse", "readers.parse")
        if parse is None:
            lines.append(_missing("scaling", "govinfo.parse", "govinfo.parse does not exist yet"))
        else:
            texts = {size: padded_text(size) for size in SIZES}
            why = _works(lambda: parse(texts[SIZES[0]]))
            if why:
                lines.append(_missing("scaling", "govinfo.parse", why))
            else:
                # An input the parser refuses (e.g. one too large to be a report) is timed as
                # what it costs to refuse it, and the line says so.
                notes = {n: _refusal(parse, t) for n, t in texts.items()}
                g = self.run({_size(n): _bind(_quietly, parse, t) for n, t in texts.items()}, rounds)
                lines += _scaling_lines("parse text", g, notes)
                lines += self._per_character(parse)
        docs = {size: padded_json(size) for size in SIZES}
        g = self.run({_size(n): _bind(govinfo.Report.from_json, d) for n, d in docs.items()}, rounds)
        lines += _scaling_lines("from_json", g, {})
        return lines

    def _per_character(self, parse: Callable[[str], object]) -> list[Line]:
        """The parse cost per character of inputs up to the parser's limit, against 100 KB's.

        Flat (target 1.2×) means the parse stays linear to the largest input it accepts:
        ``govinfo.readers.MAX_INPUT_CHARS`` characters, about 6 MB of Chinese text.
        """
        from govinfo.readers import MAX_INPUT_CHARS

        texts = {"100 KB": padded_text(100_000), "1 MB": padded_text(1_000_000)}
        texts["the limit"] = padded_chars(MAX_INPUT_CHARS)
        g = self.run({name: _bind(parse, t) for name, t in texts.items()}, max(3, self.rounds // 3))
        lines = []
        base = texts["100 KB"]
        for name in ("1 MB", "the limit"):
            scale = len(base) / len(texts[name])
            per_char = Group({k: [t * (scale if k == name else 1) for t in v] for k, v in g.times.items()})
            line = _versus("scaling", per_char, name, "100 KB", 1.2)
            subject = f"parse text per character, {name} ({len(texts[name]):,} characters)"
            lines.append(
                dataclasses.replace(
                    line,
                    subject=subject,
                    baseline=f"per character, 100 KB ({len(base):,})",
                    per_call=_fmt_time(g.median(name)),
                )
            )
        return lines


def _construction_plan(value: object) -> tuple[Any, ...]:
    """How to build ``value`` again: each attrs value of govinfo's model (the catalogue's specs
    are kept as they are) with the arguments its constructor takes."""
    import attrs

    kind = type(value)
    if attrs.has(kind) and not kind.__module__.startswith("govinfo.catalogue"):
        fields = attrs.fields(kind)
        return ("new", kind, {f.alias: _construction_plan(getattr(value, f.name)) for f in fields if f.init})
    if isinstance(value, tuple):
        return ("tuple", [_construction_plan(x) for x in value])
    return ("value", value)


def _construct(plan: tuple[Any, ...]) -> object:
    if plan[0] == "new":
        return plan[1](**{name: _construct(p) for name, p in plan[2].items()})
    if plan[0] == "tuple":
        return tuple(_construct(p) for p in plan[1])
    return plan[1]


def _quietly(fn: Callable[..., object], *args: object) -> object:
    try:
        return fn(*args)
    except govinfo.GovinfoError as e:
        return e


def _refusal(fn: Callable[..., object], *args: object) -> str:
    """ "" if ``fn(*args)`` returns, else the code of the GovinfoError it raises."""
    error = _quietly(fn, *args)
    return f" (refused: {error.code})" if isinstance(error, govinfo.GovinfoError) else ""


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def _scaling_lines(what: str, g: Group, notes: dict[int, str]) -> list[Line]:
    small = _size(SIZES[0])
    out = []
    for n in SIZES[1:]:
        target = 1.2 * n / SIZES[0] if n == SIZES[-1] else None
        line = _versus("scaling", g, _size(n), small, target)
        subject = f"{what}, {_size(n)}{notes.get(n, '')}"
        out.append(dataclasses.replace(line, subject=subject, baseline=f"{what}, {small}"))
    return out


# --- inputs ------------------------------------------------------------------------------------


def _filler() -> list[str]:
    """Real paragraphs to pad with: every paragraph of the Linping report's prose."""
    report = govinfo.Report.from_json(example_json("linping-education-2023"))
    return [p for n in (report.overview, report.problems, report.other_matters) for p in n.all_paragraphs()]


def padded_text(size: int) -> str:
    """The Linping text with paragraphs added to section 一 until it is ``size`` bytes (UTF-8)."""
    text = LINPING_TEXT.read_text(encoding="utf-8")
    report = govinfo.Report.from_json(example_json("linping-education-2023"))
    first = report.overview.paragraphs[0]
    at = text.index(first) + len(first)
    return text[:at] + "\n" + _padding(size - len(text.encode()), "\n") + text[at:]


def padded_chars(chars: int) -> str:
    """The Linping text padded (as :func:`padded_text`) to at most ``chars`` characters."""
    text = padded_text(chars * 3)
    while len(text) > chars:
        text = padded_text(len(text.encode()) - 3 * (len(text) - chars) - 1000)
    return text


def padded_json(size: int) -> bytes:
    """The Linping interchange JSON with paragraphs added to section 一, ``size`` bytes long."""
    data = orjson.loads(example_json("linping-education-2023"))
    base = len(orjson.dumps(data))
    extra = _padding(size - base, "\n").split("\n")
    data["overview"]["paragraphs"] += extra
    return orjson.dumps(data)


def _padding(nbytes: int, sep: str) -> str:
    filler, out, total, i = _filler(), [], 0, 0
    while total < nbytes:
        p = filler[i % len(filler)]
        out.append(p)
        total += len(p.encode()) + len(sep)
        i += 1
    return sep.join(out)


# --- output ------------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in ("orjson", "pydantic", "msgspec", "attrs", "cattrs"):
        with contextlib.suppress(ImportError, AttributeError):
            versions.append(f"{name} {importlib.import_module(name).__version__}")
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs ({cpu}); {', '.join(versions)}"
    )


def table(lines: list[Line]) -> str:
    head = ("section", "measured", "against", "ratio (median)", "spread (IQR)", "target", "", "per call")
    rows = [head, tuple("---" for _ in head)]
    rows += [
        (x.section, x.subject, x.baseline, x.ratio, x.spread, x.target, x.verdict, x.per_call) for x in lines
    ]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=15, help="rounds per comparison (default 15)")
    ap.add_argument("--min-time", type=float, default=0.05, help="seconds per sample (default 0.05)")
    ap.add_argument("--quick", action="store_true", help="5 rounds of 0.01 s samples: a smoke run")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated, of {', '.join(SECTIONS)}")
    ap.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = ap.parse_args(argv)
    if args.quick:
        args.rounds, args.min_time = 5, 0.01
    bench = Bench(args.rounds, args.min_time)
    steps: dict[str, Callable[[], list[Line]]] = {
        "load": bench.load,
        "dump": bench.dump,
        "validate": bench.validate,
        "parse": bench.parse,
        "pdf": bench.pdf,
        "render": bench.render,
        "import": bench.import_time,
        "scaling": bench.scaling,
        "floors": bench.floors,
    }
    print(f"govinfo benchmarks: {machine()}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"rounds={args.rounds} min_time={args.min_time}s; load average {load}; python {' '.join(sys.argv)}")
    print()
    lines: list[Line] = []
    for name in args.only.split(","):
        new = steps[name.strip()]()
        lines += new
        print(f"{name}: done", file=sys.stderr, flush=True)
    print(table(lines))
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    missed = [x for x in lines if x.verdict == "MISS"]
    if missed:
        print(f"\n{len(missed)} target(s) missed: " + "; ".join(f"{x.subject} {x.ratio}" for x in missed))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
