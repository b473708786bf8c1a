"""The seed page in a real browser, in five themes: geometry and colour, not strings.

Run with ``make browser`` (CI does): it needs Debian's ``chromium`` and the ``browser``
extra (Playwright's Python package, driving that Chromium; nothing downloads a browser).
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser_site import CHROMIUM, browser, build_site  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

TOP = Path(__file__).parent.parent.parent
ARTIFACTS = TOP / "test-artifacts" / "browser"
THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
REQUIRED = os.environ.get("VLMTABLE_REQUIRE_BROWSER") == "1"

try:
    from playwright.sync_api import Browser, Locator, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    if REQUIRED:
        raise
    pytest.skip(
        "playwright is not installed (pip install -e '.[browser]')", allow_module_level=True
    )
__all__ = [
    "ARTIFACTS",
    "CHROMIUM",
    "REQUIRED",
    "THEMES",
    "TOP",
    "Browser",
    "Locator",
    "Page",
    "sync_playwright",
]

if not Path(CHROMIUM).exists():
    if REQUIRED:
        pytest.fail(f"VLMTABLE_REQUIRE_BROWSER=1 but there is no Chromium at {CHROMIUM}")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


def build_seed_page(theme: str, outdir: Path) -> Path:
    """The docs' seed page with this theme, built in a separate process."""
    srcdir = outdir / "src"
    (srcdir / "data").mkdir(parents=True)
    shutil.copy(TOP / "docs" / "data" / "vlms.yaml", srcdir / "data")
    shutil.copy(TOP / "docs" / "summary.md", srcdir / "index.md")
    html = build_site(srcdir, theme, outdir / "html")
    return html / "index.html"


@pytest.fixture(scope="module", params=THEMES)
def seed_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme: str = request.param
    return theme, build_seed_page(theme, tmp_path_factory.mktemp(theme))


def open_page(browser: Browser, page_file: Path, width: int, scheme: str) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(Path(__file__).parent / "probes.js"))
    return page


def screenshot(page: Page, theme: str, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("table.vlm-table").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / f"{theme}-{name}.png"), full_page=False)


def test_merged_header_cells_cover_what_they_span(
    browser: Browser, seed_page: tuple[str, Path]
) -> None:
    theme, page_file = seed_page
    page = open_page(browser, page_file, 1280, "light")
    first, second = page.evaluate("() => vlmProbes.headerBoxes()")
    screenshot(page, theme, "1280-light")
    page.close()
    group = next(cell for cell in first if cell["text"] == "Model Architecture")
    assert [cell["text"] for cell in second] == ["Vision Encoder", "Adapter", "LLM"]
    assert group["left"] == pytest.approx(second[0]["left"], abs=1)
    assert group["right"] == pytest.approx(second[2]["right"], abs=1)
    assert group["bottom"] == pytest.approx(second[0]["top"], abs=1)
    for cell in first:
        if cell is not group:  # Model, Year, Training Recipe, Data Recipe: both rows
            assert cell["top"] == pytest.approx(group["top"], abs=1), cell
            assert cell["bottom"] == pytest.approx(second[0]["bottom"], abs=1), cell


@pytest.mark.parametrize("width", [1280, 375])
def test_no_horizontal_page_overflow(
    browser: Browser, seed_page: tuple[str, Path], width: int
) -> None:
    theme, page_file = seed_page
    page = open_page(browser, page_file, width, "light")
    overflow = page.evaluate("() => vlmProbes.overflow()")
    screenshot(page, theme, f"{width}-light")
    page.close()
    assert overflow["page"] <= 1, overflow  # the page itself never scrolls sideways
    assert overflow["boxRight"] <= overflow["viewport"] + 1, overflow
    if width == 375:  # the table is wider than a phone: it scrolls inside its box
        assert overflow["boxScroll"] > 0, overflow


def test_dark_mode_text_contrast(browser: Browser, seed_page: tuple[str, Path]) -> None:
    theme, page_file = seed_page
    page = open_page(browser, page_file, 1280, "dark")
    if theme == "furo" or theme.startswith(("pydata", "sphinx_book")):
        page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    cells: list[dict[str, Any]] = page.evaluate("() => vlmProbes.contrast()")
    screenshot(page, theme, "1280-dark")
    page.close()
    assert len(cells) == 8 + 8 * 7
    worst = min(cells, key=lambda cell: cell["ratio"])
    assert worst["ratio"] >= 4.5, worst
