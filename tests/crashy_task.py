"""A worker task that kills its process on one file (for tests/test_batch.py).

A module of its own so that worker processes (started with "spawn") can import it by name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from govinfo import batch


def read_or_die(paths: Sequence[str], edition: str | None, validate: bool) -> list[Any]:
    if any(os.path.basename(p).startswith("crash") for p in paths):
        os._exit(70)  # as a segfault in a native library would: no exception, no cleanup
    return batch._read_chunk(paths, edition, validate)
