"""Sphinx configuration: the govinfo documentation site (``nox -s docs``).

The pages are Markdown (MyST); the API reference is generated from the docstrings by autodoc.
The build runs with warnings as errors (``sphinx-build -W``): a broken link, a page missing from
the table of contents or a docstring autodoc cannot import fails it.
"""

from __future__ import annotations

from importlib import metadata

project = "govinfo"
author = "The govinfo developers"
copyright = "the govinfo developers"
try:
    release = metadata.version("govinfo")
except metadata.PackageNotFoundError:  # pragma: no cover - building from a tree that is not installed
    release = "0+unknown"

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "**/.*"]
language = "en"

# MyST: Markdown links to headings (``rules.md#the-codes``) resolve; ::: fences for directives.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

# autodoc: members in source order; a class's signature is its (attrs-generated) __init__'s.
autodoc_member_order = "bysource"
autodoc_typehints = "signature"

html_theme = "furo"
version = release
html_title = f"govinfo {release}"
html_show_sourcelink = False
