"""Worker tasks that call read_many with its default arguments (for tests/test_executors.py).

A module of its own so that worker processes (started with "spawn") can import it by name.
"""

from __future__ import annotations

import os

import govinfo


def read_folder(folder: str) -> tuple[int, list[tuple[str, bool, int]]]:
    """This worker's pid, and (name, ok, reading pid) of each file of ``folder``."""
    results = [(os.path.basename(r.path), r.ok, r.worker) for r in govinfo.read_many([folder])]
    return os.getpid(), results
