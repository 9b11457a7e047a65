"""`import govinfo` stays light: no optional or heavy modules, nothing registered."""

from __future__ import annotations

import subprocess
import sys


def test_import_does_not_pull_in_heavy_or_optional_modules() -> None:
    code = (
        "import sys, govinfo\n"
        "heavy = {'hypothesis', 'babel', 'html5lib', 'lxml', 'pdfplumber', 'pypdfium2', 'docx',"
        " 'importlib.metadata', 'govinfo.testing', 'govinfo.cli'}\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names_are_sorted_and_exported() -> None:
    import govinfo

    assert list(govinfo.__all__) == sorted(govinfo.__all__)
    for name in govinfo.__all__:
        assert getattr(govinfo, name) is not None
