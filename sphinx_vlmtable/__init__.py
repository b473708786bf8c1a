"""Comparison tables with merged headers, built from YAML, for every Sphinx builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ``vlmtable check`` imports this package without Sphinx
    from sphinx.application import Sphinx

__version__ = "0.3.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import register

    register(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
