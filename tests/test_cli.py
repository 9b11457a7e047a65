"""The govinfo command, run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.cli import build_parser

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
    assert "无法读取该文件" in p.stderr
    assert "[unreadable_file]" in p.stderr
    assert "Traceback" not in p.stderr
    p = run("show", str(tmp_path / "nope.json"), "--lang", "en")
    assert p.returncode == 2
    assert "cannot read" in p.stderr


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


# --- every subcommand, through a subprocess ---------------------------------------------------

LINPING_JSON = DATA / "linping-education-2023.json"
LINPING_TXT = DATA / "linping-education-2023.txt"
HONGZE_JSON = DATA / "hongze-government-2023.tables.json"  # two wrong 总计 in 四 (README)


def run_in(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govinfo", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(Path(govinfo.__file__).parents[1])},
    )


def test_every_subcommand_has_help_with_an_example() -> None:
    for name in ("show", "check", "render", "convert", "diff", "schema", "export"):
        p = run(name, "--help")
        assert p.returncode == 0, name
        assert "Example" in p.stdout, name
        assert f"govinfo {name}" in p.stdout, name


def test_usage_errors_exit_2() -> None:
    for args in ((), ("check",), ("check", "--format", "xml", "x"), ("nonsense",), ("render", "x.json"),
                 ("check", "-j", "0", "x"), ("export", "x")):  # fmt: skip
        p = run(*args)
        assert p.returncode == 2, (args, p.stdout, p.stderr)
        assert "Traceback" not in p.stderr


def test_check_exit_codes() -> None:
    clean = run("check", str(LINPING_JSON), str(LINPING_TXT))
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.count("未发现问题") == 2
    errors = run("check", str(HONGZE_JSON), str(LINPING_JSON))
    assert errors.returncode == 1, errors.stderr
    findings_part = errors.stdout.split("最常见的问题")[0]
    assert findings_part.count("E4-appeal-total") == 2
    assert "最常见的问题：B-section-not-stated（4）、E4-appeal-total（2）" in errors.stdout
    unreadable = run("check", str(HONGZE_JSON), str(DATA / "README.md"), "no-such-file.html")
    assert unreadable.returncode == 2  # unreadable input wins over findings
    assert "README.md" in unreadable.stdout
    assert "no-such-file.html" in unreadable.stdout
    assert "E4-appeal-total" in unreadable.stdout  # the readable file was still checked


def test_check_in_english() -> None:
    wide = {**os.environ, "COLUMNS": "250"}
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "check", str(HONGZE_JSON), "--lang", "en"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env=wide,
    )  # fmt: skip
    assert p.returncode == 1
    assert "(2021 edition; json, utf-8)" in p.stdout
    assert "四 · 行政复议 / 总计 [IV · Administrative review / Total]: states 0" in p.stdout
    assert "6 findings (2 errors, 4 info)" in p.stdout
    assert "1 file: 0 clean, 1 with errors" in p.stdout
    assert "zh:" not in p.stdout
    assert "en:" not in p.stdout


def test_check_json_is_one_object_per_report() -> None:
    p = run("check", str(HONGZE_JSON), str(LINPING_TXT), "missing.txt", "--format", "json")
    assert p.returncode == 2
    hongze, linping, missing = (json.loads(line) for line in p.stdout.splitlines())
    assert (hongze["status"], hongze["counts"]) == ("errors", {"error": 2, "warning": 0, "info": 4})
    assert [f["path"] for f in hongze["findings"] if f["severity"] == "error"] == [
        "$.appeals.review.total",
        "$.appeals.litigation_after_review.total",
    ]
    assert (linping["status"], linping["layout"], linping["encoding"], linping["findings"]) == (
        "clean",
        "text",
        "utf-8",
        [],
    )
    assert (missing["status"], missing["error"]["code"]) == ("unreadable", "unreadable_file")


def test_chinese_file_names_and_directories(tmp_path: Path) -> None:
    folder = tmp_path / "年报 2023"
    folder.mkdir()
    (folder / "临平区教育局.txt").write_bytes(LINPING_TXT.read_bytes())
    (folder / "洪泽区人民政府.json").write_bytes(HONGZE_JSON.read_bytes())
    p = run("check", str(folder), "--format", "json")
    assert p.returncode == 1
    names = [Path(json.loads(line)["path"]).name for line in p.stdout.splitlines()]
    assert names == ["临平区教育局.txt", "洪泽区人民政府.json"]
    # Relative Chinese paths, printed as given.
    p = run_in(tmp_path, "check", "年报 2023/临平区教育局.txt")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("年报 2023/临平区教育局.txt：杭州市临平区教育局 2023年")


def test_output_survives_an_ascii_terminal() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "check", str(LINPING_JSON)],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert p.returncode == 0, p.stderr
    assert b"\\u672a\\u53d1\\u73b0" in p.stdout  # 未发现, escaped rather than a UnicodeEncodeError


def test_show_reports_the_check_status() -> None:
    p = run("show", str(HONGZE_JSON))
    assert p.returncode == 0
    assert "检查：错误 2 项，警告 0 项，提示 4 项" in p.stdout
    p = run("show", "--lang", "en")
    assert "check: 0 errors, 0 warnings, 0 info" in p.stdout


def test_show_reads_any_layout() -> None:
    p = run("show", str(LINPING_TXT))
    assert p.returncode == 0, p.stderr
    assert "依申请公开：本年新收 12，上年结转 0，办结 12，结转下年度 0" in p.stdout
    assert "2021 版 · 2023 年度 · 杭州市临平区教育局" in p.stdout
    en = run("show", str(LINPING_TXT), "--lang", "en")
    assert "requests: 12 new, 0 carried over, 12 concluded, 0 carried forward" in en.stdout
    assert "Overview: 8 paragraphs" in en.stdout


def test_render_every_format(tmp_path: Path) -> None:
    linping = govinfo.examples.linping_education_2023()
    for to in ("json", "text", "markdown", "html"):
        out = tmp_path / f"out.{to}"
        p = run("render", str(LINPING_TXT), "--to", to, "-o", str(out))
        assert p.returncode == 0, (to, p.stderr)
        assert govinfo.read_file(out).report == linping, to
    p = run("render", str(LINPING_JSON), "--to", "markdown", "--lang", "en")
    assert p.stdout.startswith(
        "# 杭州市临平区教育局: Annual Report on Government Information Disclosure, 2023"
    )
    p = run("render", "missing.json", "--to", "html")
    assert p.returncode == 2
    assert "无法读取该文件" in p.stderr


def test_convert_one_file_and_a_directory(tmp_path: Path) -> None:
    linping = govinfo.examples.linping_education_2023()
    p = run("convert", str(LINPING_TXT))
    assert p.returncode == 0
    assert govinfo.Report.from_json(p.stdout) == linping
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_bytes(LINPING_TXT.read_bytes())
    (source / "b.html").write_text(govinfo.render_html(linping), encoding="utf-8")
    (source / "b.md").write_text(govinfo.render_markdown(linping), encoding="utf-8")  # same stem as b.html
    (source / "c.json").write_text("{", encoding="utf-8")
    p = run("convert", str(source), "-d", str(tmp_path / "out"))
    assert p.returncode == 2  # c.json unreadable; b.md would overwrite b.json
    assert sorted(f.name for f in (tmp_path / "out").iterdir()) == ["a.json", "b.json"]
    assert "c.json" in p.stderr
    assert "已有另一个输入写入了" in p.stderr
    assert "第 1 行第 2 列" in p.stderr  # the place of the JSON error, in Chinese
    assert govinfo.Report.from_json((tmp_path / "out" / "a.json").read_text(encoding="utf-8")) == linping
    p = run("convert", str(tmp_path / "out" / "a.json"), "--to", "html", "-d", str(tmp_path / "html"))
    assert p.returncode == 0
    assert govinfo.parse(tmp_path / "html" / "a.html") == linping
    # Several inputs need -d; never overwrite an input.
    assert run("convert", str(LINPING_TXT), str(LINPING_JSON)).returncode == 2
    p = run("convert", str(tmp_path / "out" / "a.json"), "-d", str(tmp_path / "out"))
    assert p.returncode == 2
    assert "不覆盖输入文件" in p.stderr


def test_diff(tmp_path: Path) -> None:
    linping = govinfo.examples.linping_education_2023()
    later = attrs.evolve(linping, year=2024, requests=linping.requests.replace("carried_over", "total", 2))
    new = tmp_path / "2024.html"
    new.write_text(govinfo.render_html(later), encoding="utf-8")
    p = run("diff", str(LINPING_TXT), str(new))
    assert p.returncode == 0, p.stderr
    assert "年度：2023 → 2024" in p.stdout
    en = run("diff", str(LINPING_TXT), str(new), "--lang", "en")
    assert "year: 2023 → 2024" in en.stdout
    assert "三 · 二、上年结转政府信息公开申请数量 / 总计" in p.stdout
    assert "S1-carry-over" in p.stdout
    p = run("diff", str(LINPING_TXT), str(new), "--format", "json", "--lang", "en")
    d = json.loads(p.stdout)
    assert [(c["path"], c["old"], c["new"], c["delta"]) for c in d["cells"]] == [
        ("$.requests.carried_over.total", 0, 2, 2)
    ]
    assert [f["code"] for f in d["findings"]] == ["S1-carry-over"]
    p = run("diff", str(LINPING_TXT), str(HONGZE_JSON))
    assert "注意：两份报告的机关不同" in p.stderr
    assert run("diff", str(LINPING_TXT), "missing.json").returncode == 2


# --- docs/cli.md cannot drift from the parser ------------------------------------------------


def test_docs_cli_md_is_generated_from_the_parser() -> None:
    from govinfo.cli import reference_markdown

    doc = (Path(__file__).parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    generated = reference_markdown()
    assert generated in doc, (
        "docs/cli.md is out of date: run\n"
        "  python -c 'from govinfo.cli import write_reference; write_reference(\"docs/cli.md\")'"
    )
    parser = build_parser()
    for name in ("show", "check", "render", "convert", "diff", "schema", "export"):
        assert f"### `govinfo {name}`" in doc
        assert parser.parse_args([name, *REQUIRED.get(name, ())]).command == name


REQUIRED = {
    "check": ("x",),
    "render": ("x", "--to", "json"),
    "convert": ("x",),
    "diff": ("a", "b"),
    "export": ("x", "-o", "y.csv"),
}


def test_a_directory_without_reports_exits_2(tmp_path: Path) -> None:
    p = run("check", str(tmp_path))
    assert p.returncode == 2
    assert "没有找到报告文件" in p.stderr
    p = run("export", str(tmp_path), "-o", str(tmp_path / "cells.csv"), "--lang", "en")
    assert p.returncode == 2
    assert "no report files found" in p.stderr
    p = run("export", str(LINPING_JSON), "-o", str(tmp_path / "cells.xlsx"))
    assert p.returncode == 2
    assert ".csv 或 .parquet" in p.stderr


def test_check_says_a_cut_off_report_is_only_partly_read(tmp_path: Path) -> None:
    text = LINPING_TXT.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("四、政府信息公开行政复议")], encoding="utf-8")
    p = run("check", str(cut), "--format", "json")
    assert p.returncode == 1, p.stderr
    (obj,) = (json.loads(line) for line in p.stdout.splitlines())
    assert (obj["status"], obj["read"]) == ("partial", "partial")
    statuses = {s["key"]: s["status"] for s in obj["sections"]}
    assert statuses == {
        "overview": "read",
        "proactive": "read",
        "requests": "read",
        "appeals": "not_found",
        "problems": "not_found",
        "other_matters": "not_found",
    }
    zh = run("check", str(cut))
    assert "只读取了部分内容" in zh.stdout
    assert "四、政府信息公开行政复议、行政诉讼情况：未找到" in zh.stdout
    assert "1 份只读取了部分" in zh.stdout
    en = run("check", str(cut), "--lang", "en")
    assert "partly read; these sections were not read in full:" in en.stdout


def test_year_and_agency_can_be_given_for_a_page_that_does_not_state_them(tmp_path: Path) -> None:
    text = LINPING_TXT.read_text(encoding="utf-8")
    body = tmp_path / "body.txt"
    body.write_text(text[text.index("一、总体情况") :].replace("2023年", "本年"), encoding="utf-8")
    p = run("check", str(body), "--format", "json")
    assert p.returncode == 2
    assert json.loads(p.stdout)["error"]["code"] == "no_year"
    p = run("check", str(body), "--format", "json", "--year", "2023", "--agency", "杭州市临平区教育局")
    obj = json.loads(p.stdout)
    assert (obj["year"], obj["agency"], obj["read"]) == (2023, "杭州市临平区教育局", "complete")
    assert run("check", str(body), "--year", "23").returncode == 2


def _widest(text: str, ambiguous: int) -> int:
    import wcwidth

    def width(line: str) -> int:
        total = 0
        for ch in line:
            w = wcwidth.wcwidth(ch)
            if w == 1 and ambiguous == 2 and __import__("unicodedata").east_asian_width(ch) == "A":
                w = 2
            total += max(w, 0)
        return total

    return max(width(line) for line in text.splitlines())


def test_check_fits_an_80_column_terminal_in_chinese_and_english(tmp_path: Path) -> None:
    for ambiguous in ("1", "2"):
        env = {**os.environ, "COLUMNS": "80", "GOVINFO_AMBIGUOUS_WIDTH": ambiguous}
        for lang in ("zh", "en"):
            p = subprocess.run(
                [sys.executable, "-m", "govinfo", "check", str(HONGZE_JSON), "--lang", lang],
                capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
            )  # fmt: skip
            assert p.returncode == 1
            assert _widest(p.stdout, int(ambiguous)) <= 80, p.stdout
            assert "E4-appeal-total" in p.stdout


def test_chinese_output_has_no_english_words_and_the_reverse() -> None:
    import re

    allowed = {"json", "utf", "text", "pdf", "html"}  # format names
    zh = run("check", str(HONGZE_JSON)).stdout + run("show").stdout
    zh = zh.replace(str(HONGZE_JSON), "").replace("govinfo check", "")  # the file and the command
    words = {w.lower() for w in re.findall(r"(?<![-\w.])[A-Za-z]{3,}(?![-\w])", zh)}
    assert words - allowed == set(), words
    en = run("check", str(HONGZE_JSON), "--lang", "en").stdout
    assert "错误" not in en
    assert "提示" not in en
    assert "error" in en


def test_standard_input_is_read_as_dash() -> None:
    text = LINPING_TXT.read_text(encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "check", "-", "--format", "json"],
        input=text, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert (obj["path"], obj["agency"], obj["read"]) == ("-", "杭州市临平区教育局", "complete")


def test_inputs_that_are_no_report_get_their_own_error(tmp_path: Path) -> None:
    import gzip

    cases = {
        "empty.txt": (b"", "empty_input"),
        "zipped.txt": (gzip.compress(LINPING_TXT.read_bytes()), "compressed_input"),
        "binary.txt": (bytes(range(256)) * 8, "binary_input"),
        "list.txt": (b"[1, 2]", "json_not_a_report"),
    }
    for name, (data, code) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(govinfo.ParseError) as info:
            govinfo.parse(tmp_path / name)
        assert info.value.code == code, name
    # a path given as str is read when the file exists, and named in the error when it does not
    assert govinfo.parse(str(LINPING_TXT)).agency == "杭州市临平区教育局"
    with pytest.raises(govinfo.ParseError) as info:
        govinfo.parse("/no/such/report.txt")
    assert "pathlib.Path" in info.value.message


REAL = Path(__file__).parent / "real"


def _english_words(text: str) -> set[str]:
    import re

    text = re.sub(r"\[[A-Za-z0-9_-]+\]", "", text).replace("govinfo check", "")  # codes, the command
    text = re.sub(r"\b[EWSBP]\d?-[a-z-]+", "", text)  # finding codes (E1-column-balance, B-blank-row)
    words = {w.lower() for w in re.findall(r"(?<![-\w./])[A-Za-z]{3,}(?![-\w])", text)}
    return words - {
        "json",
        "utf",
        "pdf",
        "html",
        "markdown",
        "word",
        "gzip",
        "zstd",
        "rar",
        "govinfo",
    }  # format names, the command


def test_chinese_output_of_unreadable_and_partial_inputs_has_no_english(tmp_path: Path) -> None:
    import gzip

    inputs = {
        "empty.txt": b"",
        "zipped.txt": gzip.compress(LINPING_TXT.read_bytes()),
        "binary.txt": bytes(range(256)) * 8,
        "list.json": b"[1, 2]",
        "noise.txt": "这不是一份报告".encode(),
    }
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    partial = REAL / "beijing-tongzhou-2019.txt"  # three sections not read in full (tests/real/README.md)
    no_year = REAL / "bjbahr-haidian-tables-only.txt"  # only the tables: no title, no year
    p = run(
        "check", str(tmp_path), str(partial), str(no_year), str(tmp_path / "missing.txt"), "--diagnostics"
    )
    out = p.stdout + p.stderr
    for code in ("empty_input", "compressed_input", "binary_input", "json_not_a_report", "not_a_report",
                 "no_year", "unreadable_file", "missing_row"):  # fmt: skip
        assert f"[{code}]" in out, code
    assert "部分读取" in out
    assert "文件是空的" in out
    shown = out.replace(str(tmp_path), "").replace(str(REAL), "")
    assert _english_words(shown) == set(), shown
    # and a failing single-file command's error line
    q = run("render", str(tmp_path / "missing.txt"), "--to", "text")
    assert q.returncode == 2
    assert q.stderr.startswith("govinfo："), q.stderr
    assert _english_words(q.stderr.replace(str(tmp_path), "")) == set(), q.stderr
    e = run("render", str(tmp_path / "missing.txt"), "--to", "text", "--lang", "en")
    assert "cannot read" in e.stderr
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in e.stderr), e.stderr


def test_diff_and_show_in_chinese_have_no_english() -> None:
    old = REAL / "beijing-tongzhou-2019.txt"
    p = run("diff", str(LINPING_JSON), str(HONGZE_JSON))
    shown = p.stdout.replace(str(LINPING_JSON), "").replace(str(HONGZE_JSON), "")
    assert "→" in shown
    assert _english_words(shown) == set(), shown
    s = run("show", str(old))
    assert _english_words(s.stdout.replace(str(old), "")) == set(), s.stdout


def test_every_reader_code_has_chinese_wording() -> None:
    import re

    from govinfo.messages_zh import MESSAGES_ZH

    src = Path(govinfo.__file__).parent
    codes: set[str] = set()
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(re.findall(r'code="([a-z_]+)"', text))
        codes.update(re.findall(r'\bdiag\(\s*"([a-z_]+)"', text))
        for field in ("year", "agency"):  # readers/document.py: code=f"{field}_source" / _conflict
            if 'code=f"{field}_' in text:
                codes.update({f"{field}_source", f"{field}_conflict"})
    assert len(codes) > 40  # the scan finds the codes at all
    assert sorted(codes - set(MESSAGES_ZH)) == []


def test_render_text_fits_an_80_column_terminal(tmp_path: Path) -> None:
    for ambiguous in ("1", "2"):
        env = {**os.environ, "COLUMNS": "80", "GOVINFO_AMBIGUOUS_WIDTH": ambiguous}
        for lang in ("zh", "en"):
            p = subprocess.run(
                [sys.executable, "-m", "govinfo", "render", str(LINPING_TXT), "--to", "text", "--lang", lang],
                capture_output=True, text=True, encoding="utf-8", timeout=120, env=env,
            )  # fmt: skip
            assert p.returncode == 0, p.stderr
            assert _widest(p.stdout, int(ambiguous)) <= 80, p.stdout
            # the wide tables became records: every cell still shown, none as 0 when blank
            assert ("自然人：12" if lang == "zh" else "Natural persons: 12") in p.stdout
    # to a file, or with --width 0, the full official layout (what the text reader reads back)
    out = tmp_path / "r.txt"
    env = {**os.environ, "COLUMNS": "80"}
    subprocess.run(
        [sys.executable, "-m", "govinfo", "render", str(LINPING_TXT), "--to", "text", "-o", str(out)],
        check=True, env=env, timeout=120,
    )  # fmt: skip
    full = out.read_text(encoding="utf-8")
    assert full == govinfo.render_text(govinfo.examples.linping_education_2023())
    assert _widest(full, 1) > 80
    assert run("render", str(LINPING_TXT), "--to", "text", "--width", "5").returncode == 2


def test_a_missing_extra_names_its_install_command_in_chinese_too() -> None:
    from govinfo.cli import _error_zh

    error = govinfo.ParseError(
        "reading PDF needs the pypdfium2 package: pip install 'govinfo-cn[pdf]'", code="missing_extra"
    )
    assert _error_zh(error) == "读取这种文件需要安装可选组件：pip install 'govinfo-cn[pdf]' [missing_extra]"
    assert error.message_zh.endswith("pip install 'govinfo-cn[pdf]'")
