"""Registers govinfo's strategies with Hypothesis, through its ``hypothesis`` entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, in any project where
govinfo is installed (``[project.entry-points.hypothesis]`` in govinfo's ``pyproject.toml``),
so ``st.from_type(govinfo.Report)`` works with no import from :mod:`govinfo.testing`.

The hook is light: it imports govinfo's model (which never imports Hypothesis) and registers
resolvers; :mod:`govinfo.testing.strategies` is imported only when a strategy is first needed.
It also teaches Hypothesis to print a table's layout as the expression that gives it, so a
falsifying example shows ``Proactive(spec=govinfo.catalogue.EDITIONS['2021'].proactive, cells=…)``
instead of the layout's every row and column.
"""

from __future__ import annotations

from typing import Any

__all__: list[str] = []


def _resolve(thing: type) -> Any:
    """The default strategy for one of govinfo's types (imported on first use)."""
    from .. import AppealTable, Narrative, Proactive, Report, RequestTable
    from . import strategies

    resolvers: dict[type, Any] = {
        Report: strategies.reports,
        Narrative: strategies.narratives,
        Proactive: strategies.proactive_tables,
        RequestTable: strategies.request_tables,
        AppealTable: strategies.appeal_tables,
    }
    return resolvers[thing]()


def _layout_expression(spec: Any) -> str:
    """A table layout as the expression that gives it, e.g. ``EDITIONS['2021'].proactive``."""
    from ..catalogue import EDITIONS

    for edition in EDITIONS.values():
        where = f"govinfo.catalogue.EDITIONS[{edition.key!r}]"
        if spec is edition.proactive:
            return f"{where}.proactive"
        if spec is edition.appeals:
            return f"{where}.appeals"
        if spec in edition.requests:
            return f"{where}.request_layout({spec.variant!r})"
    return f"<TableSpec {spec.key}/{spec.variant}>"


def _pretty_table_spec(spec: Any, printer: Any, cycle: bool) -> None:
    printer.text(_layout_expression(spec))


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .. import AppealTable, Narrative, Proactive, Report, RequestTable

    for cls in (Report, Narrative, Proactive, RequestTable, AppealTable):
        st.register_type_strategy(cls, _resolve)
    # A falsifying example holding a table would otherwise print its whole layout (megabytes).
    # The printer registry is Hypothesis's vendored IPython ``pretty``: if a release moves it,
    # examples print long, but Hypothesis itself must keep working in every project.
    try:
        from hypothesis.vendor import pretty

        pretty.for_type_by_name("govinfo.catalogue.spec", "TableSpec", _pretty_table_spec)
    except (ImportError, AttributeError):  # pragma: no cover - depends on the Hypothesis release
        pass
