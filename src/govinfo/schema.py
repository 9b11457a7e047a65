"""The JSON Schema of the interchange format, generated from the catalogue.

:func:`json_schema` walks each edition's table layouts (rows, columns, cell kinds, which keys are
totals) exactly as the converter does, so the schema cannot drift from what
:meth:`Report.from_dict <govinfo.Report.from_dict>` accepts. It is JSON Schema draft 2020-12;
``govinfo schema`` prints it.

What the schema checks: every key and its type, that no unknown key is present, counts
non-negative (only the 2019 ``net_change`` may be negative), money a decimal string, units, the
year's four digits, a ``published`` date's form, each edition's table layouts (both layouts the
2021 edition admits for 三), and which keys may be left out (every ``total``, and the ``total``
rows, which are then derived). What only ``from_dict`` checks: that ``published`` is a real
calendar date, and that a count is written without a fraction (JSON Schema counts ``1.0`` as
an integer; govinfo does not).

>>> import govinfo
>>> schema = govinfo.json_schema()
>>> schema["properties"]["edition"]["enum"]
['2021', '2019']
>>> sorted(schema["$defs"])[:3]
['appeals', 'count', 'money']
>>> json_schema(edition="2020")
Traceback (most recent call last):
...
KeyError: "no edition '2020'; known: '2021', '2019'"
"""

from __future__ import annotations

from typing import Any

from .catalogue import (
    EDITIONS,
    MONEY_UNITS,
    CellKind,
    ColumnSpec,
    RowSpec,
    TableSpec,
    common,
    get_edition,
    object_tree,
)
from .catalogue.spec import ObjectTree

__all__ = ["SCHEMA_ID", "json_schema"]

#: The schema's ``$id``: names the interchange format version it describes.
SCHEMA_ID = "urn:govinfo:interchange:1"

_Node = dict[str, "_Node | tuple[RowSpec, tuple[ColumnSpec, ...]]"]

_CELL_DEFS: dict[CellKind, str] = {
    CellKind.COUNT: "count",
    CellKind.SIGNED: "signed",
    CellKind.MONEY: "money",
    CellKind.UNIT: "unit",
}


def _def_name(spec: TableSpec) -> str:
    # "requests.2021/undivided-other" would need JSON-pointer escaping in a $ref: use "--".
    variant = spec.variant.replace("/", "--")
    return spec.key if spec.key == "appeals" else f"{spec.key}.{variant}"


def _tree(spec: TableSpec) -> _Node:
    def convert(node: ObjectTree) -> _Node:
        return {
            k: (v, spec.grid_of(v.key).columns) if isinstance(v, RowSpec) else convert(v)
            for k, v in node.items()
        }

    return convert(object_tree(spec))


def _row_schema(row: RowSpec, columns: tuple[ColumnSpec, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "title": row.full_label,
        "description": row.full_label_en,
        "properties": {
            c.key: {
                "$ref": f"#/$defs/{_CELL_DEFS[c.kind]}",
                "title": c.label,
                "description": c.label_en
                + (" (derived from the other columns when left out)" if c.is_total else ""),
            }
            for c in columns
        },
        "required": [c.key for c in columns if not c.is_total],
        "additionalProperties": False,
    }


def _node_schema(node: _Node) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for key, child in node.items():
        if isinstance(child, tuple):
            row, columns = child
            properties[key] = _row_schema(row, columns)
            if not row.is_total:
                required.append(key)
        else:
            properties[key] = _node_schema(child)
            required.append(key)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _table_schema(spec: TableSpec) -> dict[str, Any]:
    out = _node_schema(_tree(spec))
    out["description"] = f"The {spec.key} table, {spec.variant} layout."
    return out


def _cell_defs() -> dict[str, Any]:
    return {
        "count": {"description": "A count; null when not stated.", "type": ["integer", "null"], "minimum": 0},
        "signed": {
            "description": "A signed count (2019 本年增/减); null when not stated.",
            "type": ["integer", "null"],
        },
        "money": {
            "description": 'Money as a decimal string ("11615", "103.3879"); null when not stated.',
            "anyOf": [{"type": "string", "pattern": r"^[0-9]{1,30}(\.[0-9]{1,30})?$"}, {"type": "null"}],
        },
        "unit": {
            "description": "The unit of a money amount; null when not said.",
            "enum": [*MONEY_UNITS, None],
        },
        "paragraphs": {"type": "array", "items": {"type": "string"}},
        "narrative": {
            "type": "object",
            "properties": {
                "paragraphs": {"$ref": "#/$defs/paragraphs"},
                "subsections": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "title": {"type": "string"},
                            "paragraphs": {"$ref": "#/$defs/paragraphs"},
                        },
                        "required": ["title"],
                        "additionalProperties": False,
                    },
                },
            },
            "additionalProperties": False,
        },
    }


def _edition_rule(key: str) -> dict[str, Any]:
    edition = get_edition(key)
    layouts = [{"$ref": f"#/$defs/{_def_name(s)}"} for s in edition.requests]
    return {
        "if": {"properties": {"edition": {"const": key}}, "required": ["edition"]},
        "then": {
            "properties": {
                "proactive": {"$ref": f"#/$defs/{_def_name(edition.proactive)}"},
                "requests": layouts[0] if len(layouts) == 1 else {"anyOf": layouts},
                "appeals": {"$ref": f"#/$defs/{_def_name(edition.appeals)}"},
            }
        },
    }


def json_schema(*, edition: str | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report's interchange dict, as a new dict.

    ``edition`` restricts it to one edition (``"2021"`` or ``"2019"``); by default it admits
    every edition, each with its own table layouts.

    >>> schema = json_schema(edition="2021")
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> json_schema(edition="2020")
    Traceback (most recent call last):
    ...
    KeyError: "no edition '2020'; known: '2021', '2019'"
    """
    keys = list(EDITIONS) if edition is None else [get_edition(edition).key]
    defs = _cell_defs()
    for key in keys:
        ed = EDITIONS[key]
        for spec in (ed.proactive, *ed.requests, ed.appeals):
            defs[_def_name(spec)] = _table_schema(spec)
    sections = {s.key: s for s in common.SECTIONS}
    narrative = {
        key: {
            "$ref": "#/$defs/narrative",
            "title": f"{common.NUMERALS[i]}、{s.label}",
            "description": s.label_en,
        }
        for i, (key, s) in enumerate(sections.items())
        if s.kind == "narrative"
    }
    titles = {
        key: {"title": f"{common.NUMERALS[i]}、{s.label}", "description": s.label_en}
        for i, (key, s) in enumerate(sections.items())
        if s.kind != "narrative"
    }
    properties: dict[str, Any] = {
        "format_version": {"const": 1},
        "edition": {"enum": keys},
        "agency": {"type": "string", "description": "机关名称, the agency that reports"},
        "year": {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "the year reported on"},
        "title": {"type": ["string", "null"]},
        "published": {
            "anyOf": [{"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, {"type": "null"}]
        },
        "preamble": {"$ref": "#/$defs/paragraphs"},
    }
    for s in common.SECTIONS:
        properties[s.key] = narrative[s.key] if s.key in narrative else titles[s.key]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "govinfo report (interchange format 1)",
        "description": "One 政府信息公开工作年度报告 (government information disclosure annual report), "
        "as docs/interchange.md describes it.",
        "type": "object",
        "properties": properties,
        "required": ["edition", "agency", "year"],
        "additionalProperties": False,
        "allOf": [_edition_rule(key) for key in keys],
        "$defs": defs,
    }
