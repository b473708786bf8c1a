"""What the browser tests share: Debian's Chromium, launched one way (the ``browser``
fixture: a module imports it to have one Chromium for its tests), and a MyST site built
with a theme in a process of its own (as ``sphinx-build`` would build it)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Headless in a container: no sandbox, no GPU, nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_site(
    srcdir: Path, theme: str, html: Path, files: Mapping[str, str] | None = None
) -> Path:
    """``srcdir``'s pages (``files``, by path, and what is already there) with MyST, the
    extension and ``theme``, built to HTML in ``html``; ``html``."""
    for name, text in (files or {}).items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")
    (srcdir / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_vlmtable"]\nhtml_theme = "{theme}"\n'
        'project = "Survey"\n'
    )
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(srcdir), str(html)],
        check=True,
    )
    return html


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Chromium for a module's tests (the module skips without Playwright first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
