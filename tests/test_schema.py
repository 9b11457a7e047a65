"""The JSON Schema of the interchange format agrees with Report.from_dict."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import govinfo
from govinfo.schema import json_schema
from govinfo.testing.strategies import BrokenDict, broken_dicts, reports

jsonschema = pytest.importorskip("jsonschema")

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_the_example_and_the_dev_corpus_are_valid(validator: Any) -> None:
    assert list(validator.iter_errors(govinfo.examples.linping_education_2023().to_dict())) == []
    for path in DATA.glob("*.json"):
        assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == [], path.name


@given(reports(blanks=True))
def test_every_generated_report_is_valid(report: govinfo.Report) -> None:
    schema = _VALIDATOR
    assert list(schema.iter_errors(report.to_dict())) == []


@given(reports(undivided_other=True, consistent=False))
def test_undivided_other_and_inconsistent_reports_are_valid(report: govinfo.Report) -> None:
    assert list(_VALIDATOR.iter_errors(report.to_dict())) == []


_MISSING = object()


def _at(data: Any, path: str) -> Any:
    node = data
    for key in re.findall(r"\.([^.\[]+)|\[(\d+)\]", path):
        name, index = key
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return node


def _schema_cannot_tell(b: BrokenDict) -> bool:
    """The mistakes JSON Schema cannot see (documented in govinfo.schema): ``1.0`` is an integer
    to JSON Schema, and a date of the right form need not exist."""
    value = _at(b.data, b.path)
    if isinstance(value, float) and value.is_integer():
        return True
    return (
        b.code == "bad_date"
        and isinstance(value, str)
        and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) is not None
    )


@given(broken_dicts())
def test_every_broken_dict_is_invalid(b: BrokenDict) -> None:
    if _schema_cannot_tell(b):
        return
    errors = list(_VALIDATOR.iter_errors(b.data))
    assert errors, (b.code, b.path, b.mistake)


def test_a_total_may_be_left_out_but_not_a_cell() -> None:
    data = govinfo.examples.linping_education_2023().to_dict()
    del data["requests"]["new_received"]["total"]
    del data["requests"]["results"]["total"]
    assert list(_VALIDATOR.iter_errors(data)) == []
    del data["requests"]["new_received"]["natural_person"]
    [error] = _VALIDATOR.iter_errors(data)
    assert "natural_person" in error.message


def test_each_edition_has_its_own_layout() -> None:
    data = govinfo.examples.linping_education_2023().to_dict()
    data["edition"] = "2019"  # a 2021 二 under a 2019 edition
    assert list(_VALIDATOR.iter_errors(data))
    only_2021 = jsonschema.Draft202012Validator(json_schema(edition="2021"))
    assert list(only_2021.iter_errors(data))  # not a 2021-only edition either
    data["edition"] = "2021"
    assert list(only_2021.iter_errors(data)) == []


def test_labels_come_from_the_catalogue() -> None:
    schema = json_schema()
    row = schema["$defs"]["requests.divided-other"]["properties"]["results"]["properties"]["withheld"][
        "properties"
    ]
    cell = row["state_secret"]["properties"]["natural_person"]
    spec = (
        govinfo.catalogue.get_edition("2021")
        .requests[0]
        .cell("results.withheld.state_secret", "natural_person")
    )
    assert row["state_secret"]["title"] == spec.row.full_label
    assert (cell["title"], cell["description"]) == (spec.column.label, spec.column.label_en)
    assert "requests.undivided-other" in schema["$defs"]


def test_govinfo_schema_command_prints_it(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "govinfo", "schema"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == json_schema()
    out = tmp_path / "s.json"
    q = subprocess.run(
        [sys.executable, "-m", "govinfo", "schema", "--edition", "2019", "-o", str(out)], timeout=60
    )
    assert q.returncode == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json_schema(edition="2019")


_VALIDATOR = jsonschema.Draft202012Validator(json_schema())
