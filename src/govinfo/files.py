"""Reading input files safely: regular files only, never more than a bounded number of bytes.

A named pipe would block a reader forever and a device (``/dev/zero``, or a ``.txt`` link to
it) would never end; both are refused before they are opened, as is a file larger than the
limit (its size is checked first, and no more than ``max_bytes + 1`` bytes are ever read).

>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     fifo = os.path.join(d, "pipe.txt")
...     os.mkfifo(fifo)
...     try:
...         read_input(fifo, 1024)
...     except ParseError as e:
...         print(e.code)
not_a_file
"""

from __future__ import annotations

import os
import stat

from .errors import ParseError

__all__ = ["read_input", "read_source_file"]


def read_input(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; :class:`OSError` when it cannot be
    opened, :class:`~govinfo.errors.ParseError` (``not_a_file``, ``too_large``) otherwise."""
    name = os.fsdecode(path)
    info = os.stat(path)  # follows links: a link to a device is a device
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "a named pipe, socket or device"
        raise ParseError(f"{name} is {kind}, not a regular file", code="not_a_file", path=name)
    if info.st_size > max_bytes:
        raise ParseError(f"the file is larger than {max_bytes} bytes", code="too_large", path=name)
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we read it
        raise ParseError(f"the file is larger than {max_bytes} bytes", code="too_large", path=name)
    return data


def read_source_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """:func:`read_input`, with an :class:`OSError` reported as ``unreadable_file``."""
    try:
        return read_input(path, max_bytes)
    except OSError as e:
        name = os.fsdecode(path)
        raise ParseError(
            f"cannot read the file: {e.strerror or type(e).__name__}", code="unreadable_file", path=name
        ) from None
