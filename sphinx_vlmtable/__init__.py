"""Comparison tables with merged headers, built from YAML, for every Sphinx builder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ``vlmtable check`` imports this package without Sphinx
    from sphinx.application import Sphinx

__version__ = "0.4.0"
#: Bumped when what a page's reading stores (the compact body, the domain) changes shape.
ENV_VERSION = 3


def setup(app: Sphinx) -> dict[str, Any]:
    from sphinx_vlmtable.extension import register

    register(app)
    return {
        "version": __version__,
        # The environment's and domain's data: a change of their shape rereads every page.
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
