"""Test helper: replace one value somewhere inside an interchange dict (a random walk)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def replace_one_value(d: Any, data: st.DataObject, values: st.SearchStrategy[Any]) -> None:
    """Walk from ``d`` into a random object or array and replace one of its values, in place."""
    node: Any = d
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, (dict, list)) and child and data.draw(st.booleans()):
            node = child
            continue
        node[key] = data.draw(values)
        return
