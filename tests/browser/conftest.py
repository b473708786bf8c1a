"""The browser tests' one Chromium per module (each module skips without Playwright or
Chromium before this fixture is used)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_site import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
