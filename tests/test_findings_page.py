"""The check's HTML page: one self-contained document, parsed by a standards-conforming parser."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import html5lib

import govinfo
from govinfo.render.findings_page import render_findings_page

DATA = Path(__file__).parent / "data"
NS = "{http://www.w3.org/1999/xhtml}"


def parse(page: str) -> ET.Element:
    return html5lib.parse(page)  # type: ignore[no-any-return]


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("hongze-government-2023.tables.json", "linping-education-2023.txt", "pingtan-2019.txt"):
        (folder / name).write_bytes((DATA / name).read_bytes())
    linping = govinfo.examples.linping_education_2023()
    later = attrs.evolve(linping, year=2024, requests=linping.requests.replace("carried_over", "total", 2))
    (folder / "linping-2024.json").write_text(later.to_json(), encoding="utf-8")
    (folder / "notes.txt").write_text("会议纪要", encoding="utf-8")
    return folder


def test_the_page_of_a_folder(tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    out = tmp_path / "check.html"
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "check", str(folder), "--html", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert p.returncode == 2  # notes.txt is unreadable
    assert "最常见的问题：" in p.stdout
    page = out.read_text(encoding="utf-8")
    root = parse(page)
    # self-contained: no external resource at all
    for el in root.iter():
        for attr in ("src", "href"):
            value = el.get(attr)
            assert value is None or value.startswith("#"), (el.tag, value)
    assert root.find(f"{NS}head/{NS}script") is None
    assert len(list(root.iter(f"{NS}script"))) == 1
    assert root.find(f"{NS}body/{NS}h1") is not None
    tables = {t.get("id"): t for t in root.iter(f"{NS}table") if t.get("id") in ("reports", "findings")}
    reports = tables["reports"].find(f"{NS}tbody")
    assert reports is not None
    assert len(list(reports)) == 5  # one row per file
    findings = tables["findings"].find(f"{NS}tbody")
    assert findings is not None
    rows = list(findings)
    hongze = govinfo.validate(
        govinfo.Report.from_json((DATA / "hongze-government-2023.tables.json").read_text())
    )
    assert sum(1 for r in rows if "hongze" in "".join(r[0].itertext())) == len(hongze)
    # every finding links to its mark in an embedded report, and every id is unique
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for row in rows:
        link = row[3].find(f"{NS}a")
        assert link is not None
        assert link.get("href", "")[1:] in ids
    # a chart of the most frequent codes, and the agency's figures by year
    assert root.find(f".//{NS}svg") is not None or "<svg" in page
    assert "历年主要数据" in page
    assert "部分读取: 1" in page  # Pingtan's section 二 cannot be read in full


def test_the_page_in_english_and_with_no_findings() -> None:
    result = govinfo.read_file(DATA / "linping-education-2023.json", validate=True)
    page = render_findings_page([result], lang="en")
    assert '<html lang="en">' in page
    assert "no findings" in page
    assert "问题" not in page.split("<details")[0]
