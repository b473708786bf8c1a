"""Shared fixtures: Sphinx's own test application, with our test roots."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

ROOTS = Path(__file__).parent / "roots"
DOCS = Path(__file__).parent.parent / "docs"
SEED = Path(__file__).parent.parent.parent / "shared" / "seed" / "000_fd729446953b8959.txt"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def resolved_doctree(app: Any, docname: str) -> nodes.document:
    """The doctree as a writer gets it: post-transforms applied (``tags`` from Sphinx 9 on)."""
    params = inspect.signature(app.env.get_and_resolve_doctree).parameters
    extra = {"tags": app.tags} if "tags" in params else {}
    return app.env.get_and_resolve_doctree(docname, app.builder, **extra)  # type: ignore[no-any-return]
