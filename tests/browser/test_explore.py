"""Readers explore a table in headless Chromium: per-column filters (a range read as
:sort: reads it, a choice list, a matrix's marks by state, "contains") combined with the
search on a merged, wide table; the view in the page's address (a copied link, back and
forward, stale state ignored); hidden columns under a group header; pages; the rows in
view taken away (``test_take_away.py``); the comparison wherever the model column is.

Run with ``make browser`` (CI does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_site import browser, build_site  # noqa: F401 (the fixture)
from test_browser_options import MATRIX as OPTIONS_MATRIX
from test_interactive import ORIGIN, open_page
from test_themes import ARTIFACTS, Browser, Page

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.table import build_view

pytestmark = pytest.mark.browser

#: The fixture: one Chromium per module, started as test_interactive starts it.

NOTES = "a long note that wraps at its spaces, row"
ROWS = [
    # model, released, lab, family, params, open
    ("Alpha", "2023.10", "North", "Qwen", "7B", "✅"),
    ("Beta", "2023.9", "North", "Qwen", "70B", "❌"),
    ("Gamma", "2024.01", "South", "Qwen", "-", "✅"),
    ("Delta", "2022.05", "South", "LLaMA", "500M", "✅"),
    ("Epsilon", "-", "East", "LLaMA", "1.2T", "❌"),
    ("Zeta", "2024", "East", "LLaMA", "~13B", "✅"),
    ("Eta", "2024.07", "West", "Mistral", "1,000M", "❌"),
    ("Theta", "2023", "West", "Mistral", "-0.5", "✅"),
]
DATA = (
    "columns:\n"
    "  - {key: model, label: Model}\n"
    "  - label: Release\n    columns:\n"
    "      - {key: released, label: Released, type: date}\n"
    "      - {key: lab, label: Lab}\n"
    "  - {key: family, label: Family}\n"
    "  - {key: params, label: Params, type: number}\n"
    "  - {key: open, label: Open}\n"
    "  - {key: notes, label: Notes}\n"
    + "".join(f"  - {{key: c{i}, label: Column number {i}}}\n" for i in range(6))
    + "models:\n"
    + "".join(
        f"  - {{model: {m}, released: '{r}', lab: {lab}, family: {f}, params: '{p}', "
        f"open: '{o}', notes: '{'=cmd' if m == 'Eta' else NOTES} {i}', "
        + ", ".join(f"c{k}: a fairly long cell text {k}" for k in range(6))
        + (", url: 'https://example.org/alpha'" if m == "Alpha" else "")
        + "}\n"
        for i, (m, r, lab, f, p, o) in enumerate(ROWS)
    )
)
# The options tests' matrix, and a model with a partial mark of each kind.
MATRIX = OPTIONS_MATRIX + "  - {model: D, tasks: {grounding: partial, agent: yes}}\n"
PAGES = {
    "index.md": "# Survey\n\n```{toctree}\nmatrix\n```\n\n"
    "```{vlm-table} data/m.yaml\n:name: board\n:interactive:\n:merge: family\n"
    ":sort: family, model\n```\n\n"
    "```{vlm-table} data/m.yaml\n:name: paged\n:interactive:\n:merge: family\n"
    ":sort: family\n:page-size: 3\n:columns: model, family, params\n```\n\n"
    "```{vlm-table} data/m.yaml\n:name: byfamily\n:interactive:\n"
    ":columns: family, model, released, params\n:filters: params\n```\n\n"
    "```{vlm-table} data/m.yaml\n:name: survey\n:interactive:\n:filters: none\n"
    ":columns: model, lab\n```\n",
    "matrix.md": "# Matrix\n\n```{vlm-matrix} data/caps.yaml\n:name: caps\n:interactive:\n```\n",
}


def build(srcdir: Path, theme: str = "alabaster") -> Path:
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "data" / "m.yaml").write_text(DATA)
    (srcdir / "data" / "caps.yaml").write_text(MATRIX)
    for name, text in PAGES.items():
        (srcdir / name).write_text(text)
    html = build_site(srcdir, theme, srcdir.parent / "html")
    return html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("explore") / "src")


def shown(page: Page, table: str = "board") -> list[list[Any]]:
    """The rows in the page: each cell's text and rowspan (hidden columns left out)."""
    rows: list[list[Any]] = page.evaluate(
        """(id) => Array.from(document.getElementById(id).tBodies[0].rows)
          .filter(r => !r.hidden)
          .map(r => Array.from(r.cells).filter(c => getComputedStyle(c).display !== 'none')
            .map(c => [c.textContent.trim(), c.rowSpan]))""",
        table,
    )
    return rows


def names(page: Page, table: str = "board") -> list[str]:
    column = 1 if table == "byfamily" else 0
    found: list[str] = page.evaluate(
        """([id, column]) => Array.from(document.getElementById(id).tBodies[0].rows,
             r => r.querySelector('strong') && r.querySelector('strong').textContent)""",
        [table, column],
    )
    return found


def control(page: Page, label: str, table: str = "board") -> Any:
    """A control of a table's tools, filters or pager, by its accessible name."""
    return page.locator(f"[data-vlm-for={table}]").get_by_label(label, exact=True)


def press(page: Page, name: str, table: str = "board") -> None:
    page.locator(f"[data-vlm-for={table}]").get_by_role("button", name=name, exact=True).click()


def test_filters_combine_with_the_search_on_merged_cells(browser: Browser, site: Path) -> None:
    page, requested = open_page(browser, site, "index.html")
    everything = names(page)
    assert everything == ["Delta", "Epsilon", "Zeta", "Eta", "Theta", "Alpha", "Beta", "Gamma"]
    count = page.locator("[data-vlm-for=board] .vlm-count")
    # A range on a number column, its bounds written as the cells are (7B, 1.2T).
    control(page, "Params: from").fill("7B")
    control(page, "Params: to").fill("1.2T")
    assert names(page) == ["Epsilon", "Zeta", "Alpha", "Beta"]
    assert count.text_content() == "4 of 8 rows"
    # A choice list, with the range.
    control(page, "Family").select_option(label="LLaMA")
    assert names(page) == ["Epsilon", "Zeta"]
    # The search, with both: and a merged family cell covers the rows it still spans.
    page.locator("[data-vlm-for=board] .vlm-search").fill("east")
    assert names(page) == ["Epsilon", "Zeta"]
    families = [[cell for cell in row if cell[0] == "LLaMA"] for row in shown(page)]
    assert families == [[["LLaMA", 2]], []]
    page.locator("[data-vlm-for=board] .vlm-search").fill("zeta")
    assert names(page) == ["Zeta"] and count.text_content() == "1 of 8 rows"
    assert [cell for cell in shown(page)[0] if cell[0] == "LLaMA"] == [["LLaMA", 1]]
    # A mark column (✅/❌) is a choice list too; a date range at its precision.
    page.locator("[data-vlm-for=board]").get_by_role("button", name="Clear all filters").click()
    assert names(page) == everything and count.text_content() == "8 of 8 rows"
    control(page, "Open").select_option(label="✅")
    control(page, "Release / Released: from").fill("2023.10")
    control(page, "Release / Released: to").fill("2024")
    # 2023 is a year: at its precision it is within 2023.10 to 2024.
    assert names(page) == ["Zeta", "Theta", "Alpha", "Gamma"]
    control(page, "Notes contains").fill("row 2")
    assert names(page) == ["Gamma"]
    page.locator("[data-vlm-for=board]").get_by_role("button", name="Clear all filters").click()
    assert shown(page)[0][3] == ["LLaMA", 3]  # the view as built, merged as built
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explore-filters.png"))
    assert all(url.startswith(ORIGIN) for url in requested), requested
    page.close()


def test_a_matrix_is_filtered_by_state(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "matrix.html")
    grounding = page.locator(".vlm-filter-panel").get_by_label("Grounding", exact=True)
    options = grounding.evaluate("s => Array.from(s.options, o => o.text)")
    assert options == ["Any", "yes", "partial", "not stated"]
    grounding.select_option(label="yes")
    assert names(page, "caps") == ["A", "B"]
    page.locator(".vlm-filter-panel").get_by_label("Agent", exact=True).select_option(label="no")
    assert names(page, "caps") == ["B"]
    grounding.select_option(label="not stated")
    page.locator(".vlm-filter-panel").get_by_label("Agent", exact=True).select_option(label="Any")
    assert names(page, "caps") == ["C"]
    page.close()


#: Bounds typed by a reader, each read as data/values.py reads it (or refused).
BOUNDS = {
    "params": ["10B", "1,000M", "~7B", "0.5T", "7e9", "7 B", "7B (MoE)", "1e3", "seven", "1.2T"],
    "released": ["2023", "2023.9", "2023-10-01", "Oct 2023", "December 2023", "2023.13", "x"],
}


@pytest.mark.parametrize("key", sorted(BOUNDS))
def test_typed_bounds_read_as_the_build_reads_them(browser: Browser, site: Path, key: str) -> None:
    page, _requested = open_page(browser, site, "index.html")
    label = {"params": "Params", "released": "Release / Released"}[key]
    data = load_survey_text(DATA.encode()).data
    everything = sorted(name for name, *_rest in ROWS)
    for bound in BOUNDS[key]:
        control(page, f"{label}: from").fill(bound)
        try:
            view = build_view(data, ViewOptions(filter=f"{key} >= '{bound}'"))
            expected, refused = sorted(row.model.name for row in view.rows), False
        except ViewError:  # not a value of the column: no filter, and the field says so
            expected, refused = everything, True
        assert sorted(names(page)) == expected, bound
        invalid = control(page, f"{label}: from").get_attribute("aria-invalid")
        assert invalid == str(refused).lower(), bound
    page.close()


def test_the_view_is_in_the_address_back_and_forward(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    page.locator("#board thead th", has_text="Params").locator("button").click()
    page.locator("#board thead th", has_text="Params").locator("button").click()  # down
    control(page, "Family").select_option(label="Qwen")
    control(page, "Params: from").fill("7B")
    page.locator("[data-vlm-for=board] details.vlm-column-menu summary").click()
    control(page, "Show Release / Lab").uncheck()
    page.locator("#board input.vlm-tick").nth(0).check()
    fragment = page.evaluate("() => location.hash")
    assert "board.sort=-params" in fragment and "board.f.family=Qwen" in fragment
    assert "board.f.params=7B.." in fragment and "board.hide=lab" in fragment
    seen = shown(page)
    assert names(page) == ["Beta", "Alpha"]
    # A copied link opens the same view, in a new page.
    other, _requested = open_page(browser, site, "index.html" + fragment)
    assert shown(other) == seen
    assert other.locator("#board thead th", has_text="Params").get_attribute("aria-sort") == (
        "descending"
    )
    assert control(other, "Params: from").input_value() == "7B"
    assert other.locator("#board input.vlm-tick:checked").count() == 1
    other.close()
    # Back: the step before (the lab column shown again), and forward again.
    page.go_back()
    assert page.evaluate("() => location.hash") != fragment
    page.go_back()
    page.go_forward()
    page.go_forward()
    assert page.evaluate("() => location.hash") == fragment and shown(page) == seen
    # Stale or unknown state is ignored quietly.
    stale, _requested = open_page(
        browser,
        site,
        "index.html#board.sort=nothing&board.f.gone=1&board.f.family=Nope"
        "&board.hide=model,zzz&board.page=x&other.q=y",
    )
    assert len(names(stale)) == 8 and stale.locator("#board .vlm-column-hidden").count() == 0
    stale.close()
    page.close()


def test_a_link_names_the_table_by_its_name(browser: Browser, site: Path) -> None:
    # "survey" is the page's section id already: the table's id is another, but its
    # part of the link is its :name:.
    page, _requested = open_page(browser, site, "index.html")
    table_id = page.evaluate("() => document.querySelectorAll('table.vlm-table')[3].id")
    assert table_id != "survey"
    page.locator(f"[data-vlm-for={table_id}] .vlm-search").fill("north")
    assert page.evaluate("() => location.hash") == "#survey.q=north"
    other, _requested = open_page(browser, site, "index.html#survey.q=north")
    assert names(other, table_id) == ["Alpha", "Beta"]
    other.close()
    page.close()


def test_copy_link_puts_the_view_where_the_reader_can_copy_it(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    page.locator("[data-vlm-for=board] .vlm-search").fill("qwen")
    page.locator("[data-vlm-for=board]").get_by_role(
        "button", name="Copy link to this view"
    ).click()
    # Not a secure origin here: the link is offered selected, to copy by hand.
    field = control(page, "Copy this link")
    assert field.input_value().endswith("#board.q=qwen")
    page.close()


def test_hidden_columns_and_their_group_header(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    menu = page.locator("[data-vlm-for=board] details.vlm-column-menu")
    menu.locator("summary").click()
    labels = menu.locator("input").evaluate_all("boxes => boxes.map(b => b.ariaLabel)")
    assert "Show Model" not in labels
    assert labels[:2] == ["Show Release / Released", "Show Release / Lab"]
    group = page.locator("#board thead th", has_text="Release").first
    control(page, "Show Release / Released").uncheck()
    assert group.get_attribute("colspan") == "1" and group.is_visible()
    assert len(shown(page)[0]) == 12
    control(page, "Show Release / Lab").uncheck()
    assert not group.is_visible()
    control(page, "Family").select_option(label="Qwen")  # hidden with filters and merges
    assert [row[:2] for row in shown(page)] == [
        [["Alpha", 1], ["Qwen", 3]],
        [["Beta", 1], ["70B", 1]],
        [["Gamma", 1], ["-", 1]],
    ]
    control(page, "Show Release / Released").check()
    assert group.is_visible() and group.get_attribute("colspan") == "1"
    assert shown(page)[0][:3] == [["Alpha", 1], ["2023.10", 1], ["Qwen", 3]]
    page.screenshot(path=str(ARTIFACTS / "explore-columns.png"))
    page.close()


def test_pages_over_merged_cells(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    status = page.locator("[data-vlm-for=paged] .vlm-page-status")
    assert status.text_content() == "Rows 1\u20133 of 8"
    assert shown(page, "paged") == [
        [["Delta", 1], ["LLaMA", 3], ["500M", 1]],
        [["Epsilon", 1], ["1.2T", 1]],
        [["Zeta", 1], ["~13B", 1]],
    ]
    next_page = page.locator("[data-vlm-for=paged]").get_by_role("button", name="Next page")
    next_page.click()
    assert status.text_content() == "Rows 4\u20136 of 8"
    # Mistral's two rows, then Qwen's first: merged within the page.
    assert [row[:2] for row in shown(page, "paged")] == [
        [["Eta", 1], ["Mistral", 2]],
        [["Theta", 1], ["-0.5", 1]],
        [["Alpha", 1], ["Qwen", 1]],
    ]
    next_page.click()
    assert status.text_content() == "Rows 7\u20138 of 8" and next_page.is_disabled()
    # Sorting and filtering cover every row, and go back to the first page.
    page.locator("#paged thead th", has_text="Params").locator("button").click()
    assert status.text_content() == "Rows 1\u20133 of 8"
    assert names(page, "paged") == ["Theta", "Delta", "Eta"]
    assert "paged.sort=params" in page.evaluate("() => location.hash")
    page.close()


def test_compare_when_the_model_column_is_not_first(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    ticks = page.locator("#byfamily input.vlm-tick")
    assert ticks.count() == 8
    ticks.nth(0).check()
    ticks.nth(2).check()
    tools = page.locator(".vlm-table-tools[data-vlm-for=byfamily]")
    tools.locator("button.vlm-compare-button").click()
    live = page.locator(".vlm-compare-live table.vlm-compare")
    cells = live.evaluate(
        """t => Array.from(t.rows, r => Array.from(r.cells, c => c.tagName + ':' +
             c.textContent.trim()))"""
    )
    assert cells == [
        ["TH:Model", "TH:Alpha", "TH:Gamma"],
        ["TH:Family", "TD:Qwen", "TD:Qwen"],
        ["TH:Release / Released", "TD:2023.10", "TD:2024.01"],
        ["TH:Params", "TD:7B", "TD:-"],
    ]
    page.close()


def test_every_control_has_a_name_and_the_keyboard_reaches_it(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html")
    unnamed = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.vlm-table-tools :is(input, select, button), .vlm-filter-panel :is(input, select,' +
            ' button), .vlm-pager button, table.vlm-table :is(input, button)'))
          .filter(el => !el.getAttribute('aria-label') && !el.labels?.length &&
                        !el.textContent.trim())
          .map(el => el.outerHTML)"""
    )
    assert unnamed == []
    live = page.evaluate(
        "() => Array.from(document.querySelectorAll('.vlm-count, .vlm-page-status'),"
        " el => el.getAttribute('aria-live'))"
    )
    assert live and set(live) == {"polite"}
    # Tab from the search box to the filters: type a bound, no mouse.
    page.locator("[data-vlm-for=board] .vlm-search").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
            "Params: from"
        ):
            break
    page.keyboard.type("70B")
    assert names(page) == ["Epsilon", "Beta"]
    page.close()


def test_without_javascript_every_row_is_there(browser: Browser, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    rows = page.evaluate(
        "() => ['board', 'paged'].map(id => document.getElementById(id).tBodies[0].rows.length)"
    )
    tools = page.locator(".vlm-table-tools, .vlm-filter-panel, .vlm-pager").count()
    context.close()
    assert rows == [8, 8] and tools == 0  # :page-size: 3 pages only with the script


def test_a_link_to_a_row_opens_its_page(browser: Browser, site: Path) -> None:
    page, _requested = open_page(browser, site, "index.html#paged-gamma")
    status = page.locator("[data-vlm-for=paged] .vlm-page-status")
    assert status.text_content() == "Rows 7\u20138 of 8"
    assert page.locator("tr#paged-gamma").is_visible()
    page.close()
