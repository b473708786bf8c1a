"""The rows in view taken away as CSV and JSON, made in the page: the same rows and
cells as shown, the columns shown, spreadsheet-safe as the build's downloads, links in
their own column.

Run with ``make browser`` (CI does).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import test_explore
from browser_site import browser  # noqa: F401 (the fixture)
from test_explore import NOTES, control, press, shown
from test_interactive import open_page
from test_themes import Browser

from sphinx_vlmtable.view.export import spreadsheet_safe

pytestmark = pytest.mark.browser

#: The fixtures: one Chromium and one built site per module, as test_explore's.
site = test_explore.site


def test_download_these_rows(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    control(page, "Family").select_option(label="Mistral")
    page.locator("[data-vlm-for=board] details.vlm-column-menu summary").click()
    for label in ("Release / Lab", "Notes", *(f"Column number {i}" for i in range(6))):
        control(page, f"Show {label}").uncheck()
    control(page, "Show Notes").check()
    seen = [[cell[0] for cell in row] for row in shown(page)]
    files = {}
    for kind in ("CSV", "JSON"):
        with page.expect_download() as download:
            press(page, f"Download these rows: {kind}")
        files[kind] = Path(download.value.path()).read_text(encoding="utf-8")
        assert download.value.suggested_filename == f"board.{kind.lower()}"
    page.close()
    rows = list(csv.reader(io.StringIO(files["CSV"])))
    assert rows[0] == ["Model", "Released", "Family", "Params", "Open", "Notes"]
    # The same rows and cells as shown, each made spreadsheet-safe as the build does.
    expected = [
        [
            spreadsheet_safe(cell)
            for cell in ["Eta", "2024.07", "Mistral", "1,000M", "❌", "=cmd 6"]
        ],
        [spreadsheet_safe(c) for c in ["Theta", "2023", "Mistral", "-0.5", "✅", f"{NOTES} 7"]],
    ]
    assert rows[1:] == expected
    assert rows[1][5] == "'=cmd 6" and rows[2][3] == "-0.5"  # a number stays one
    assert seen[0][0] == "Eta" and seen[1][-1] == f"{NOTES} 7"
    records = json.loads(files["JSON"])
    assert [record["model"] for record in records] == ["Eta", "Theta"]
    assert records[0]["notes"] == "=cmd 6"  # JSON keeps the text as it is
    assert set(records[0]) == {"model", "released", "family", "params", "open", "notes"}


def test_a_link_is_its_own_column_in_the_download(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    page.locator("[data-vlm-for=board] .vlm-search").fill("alpha")
    with page.expect_download() as download:
        press(page, "Download these rows: CSV")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))
    page.close()
    assert rows[0][:3] == ["Model", "Model URL", "Released"]
    assert rows[1][:3] == ["Alpha", "https://example.org/alpha", "2023.10"]
