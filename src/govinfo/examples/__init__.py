"""Reports that ship with govinfo.

>>> from govinfo.examples import linping_education_2023
>>> r = linping_education_2023()
>>> r.agency, r.year, r.requests["new_received", "total"]
('杭州市临平区教育局', 2023, 12)
"""

from __future__ import annotations

from importlib import resources

from ..report import Report

__all__ = ["EXAMPLES", "example", "linping_education_2023"]

#: The names of the built-in examples.
EXAMPLES: tuple[str, ...] = ("linping-education-2023",)


def example_json(name: str) -> str:
    """The interchange JSON text of a built-in example."""
    if name not in EXAMPLES:
        raise KeyError(f"no example {name!r}; known: {', '.join(EXAMPLES)}")
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def example(name: str) -> Report:
    """A built-in example report by name."""
    return Report.from_json(example_json(name))


def linping_education_2023() -> Report:
    """杭州市临平区教育局's report on 2023 (2021 edition), as published, in full.

    It satisfies every hard identity; its prose in 一 states the request counts of 三.
    """
    return example("linping-education-2023")
