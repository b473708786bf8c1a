"""Tables that fit where they land, measured in Chromium in five themes at 1,280 and
375 px: a :widths: table of long text fits the content column (its long-text columns
shrink to their longest word), no table scrolls sideways by a few pixels (a tall
:width: 50% table in furo did), the tab stop and name are on the element that really
scrolls (Read the Docs wraps tables in its own box after the page loads), and a real
leaderboard on a phone keeps compact one-line rows with its model column in view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_site import browser, build_site  # noqa: F401 (the fixture)
from test_themes import ARTIFACTS, THEMES, TOP, Browser

pytestmark = pytest.mark.browser

LONG = "".join(
    f"  - {{model: 'Model {i}', notes: 'Conv+Transformer (semi-supervised) trained on "
    f"unlabeled audio with noisy student training and masking {i}', title: 'Pushing the "
    f"Limits of Semi-Supervised Learning for Automatic Speech Recognition {i}'}}\n"
    for i in range(20)
)
NOTES = (
    "columns:\n  - {key: model, label: Model}\n  - {key: notes, label: Notes}\n"
    "  - {key: title, label: Paper}\nmodels:\n" + LONG
)
COLUMNS = "".join(f"  - {{key: c{i}, label: Column number {i}}}\n" for i in range(13))
VALUES = ", ".join(f"c{i}: a fairly long cell text {i}" for i in range(13))
WIDE = (
    f"columns:\n  - {{key: model, label: Model}}\n{COLUMNS}models:\n"
    f"  - {{model: A, {VALUES}}}\n  - {{model: B, {VALUES}}}\n"
)
PAGE = """\
# Fit

```{vlm-table} data/notes.yaml
:name: widths
:widths: 1 3 3
```

```{vlm-table} data/notes.yaml
:name: half
:width: 50%
```

```{vlm-table} data/wide.yaml
:name: wide
:interactive:
```

```{vlm-table} data/leaderboard.yaml
:name: board
```
"""


@pytest.fixture(scope="module", params=THEMES)
def fit_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme: str = request.param
    srcdir = tmp_path_factory.mktemp(theme) / "src"
    board = (TOP / "docs" / "data" / "leaderboard.yaml").read_text(encoding="utf-8")
    files = {"data/notes.yaml": NOTES, "data/wide.yaml": WIDE, "data/leaderboard.yaml": board}
    html = build_site(srcdir, theme, srcdir.parent / "html", {**files, "index.md": PAGE})
    return theme, html / "index.html"


MEASURE = """() => {
  const table = (id) => document.querySelector('table#' + id);
  // How far each box around a table scrolls sideways (ours or a theme's).
  const scrolls = (id) => {
    const found = [];
    for (let p = table(id).parentElement; p && p !== document.body; p = p.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth) {
        found.push(p.scrollWidth - p.clientWidth);
      }
    }
    return found;
  };
  const box = (id) => table(id).closest('.vlm-table-scroll');
  const widths = table('widths');
  return {
    widths: {width: widths.getBoundingClientRect().width, room: box('widths').clientWidth,
             scrolls: scrolls('widths')},
    half: scrolls('half'),
    board: scrolls('board'),
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def open_fit(browser: Browser, page_file: Path, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    return page


@pytest.mark.parametrize("width", [1280, 375])
def test_tables_fit_without_a_few_pixels_of_scroll(
    browser: Browser, fit_page: tuple[str, Path], width: int
) -> None:
    theme, page_file = fit_page
    page = open_fit(browser, page_file, width)
    found = page.evaluate(MEASURE)
    page.close()
    widths = found["widths"]
    # Long-text columns shrink to their longest word: the table fits its column.
    assert widths["width"] <= widths["room"] + 1 and widths["scrolls"] == [], (theme, found)
    assert found["half"] == [], (theme, width, found)  # furo's wrapper was 6 px wider
    assert found["board"] == [] or min(found["board"]) > 20, (theme, width, found)
    if theme != "pydata_sphinx_theme" or width > 400:  # its own header is wider at 375
        assert found["page"] <= 1, (theme, width, found)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_keyboard_reaches_what_scrolls_and_scrolls_it(
    browser: Browser, fit_page: tuple[str, Path], width: int
) -> None:
    theme, page_file = fit_page
    page = open_fit(browser, page_file, width)  # no resize: the page as it loads
    region = page.evaluate(
        """() => {
          const table = document.querySelector('table#wide');
          const box = table.closest('.vlm-table-scroll');
          const marked = [box, ...box.querySelectorAll('*')].filter(
            el => el.hasAttribute('data-vlm-region'));
          const scrolls = (el) => /auto|scroll/.test(getComputedStyle(el).overflowX) &&
            el.scrollWidth > el.clientWidth + 1;
          return marked.map(el => ({scrolls: scrolls(el), tabindex: el.tabIndex,
                                    role: el.getAttribute('role'),
                                    label: el.getAttribute('aria-label'),
                                    theirs: !el.classList.contains('vlm-table-scroll')}));
        }"""
    )
    assert len(region) == 1 and region[0]["scrolls"], (theme, region)
    assert region[0]["tabindex"] == 0 and region[0]["role"] == "region", (theme, region)
    assert region[0]["label"] == "wide", (theme, region)
    if theme == "sphinx_rtd_theme":
        assert region[0]["theirs"], region  # .wy-table-responsive scrolls, not our box
    wide = "table#wide"
    region_of = f"document.querySelector('{wide}').closest('[data-vlm-region]')"
    page.evaluate(f"() => {{ {region_of}.style.scrollBehavior = 'auto'; {region_of}.focus(); }}")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    moved = page.evaluate(f"() => {region_of}.scrollLeft")
    page.close()
    assert moved > 0, (theme, width)


def test_a_leaderboard_on_a_phone(browser: Browser, fit_page: tuple[str, Path]) -> None:
    theme, page_file = fit_page
    page = open_fit(browser, page_file, 375)
    found = page.evaluate(
        """() => {
          const table = document.querySelector('table#board');
          const box = table.closest('.vlm-table-scroll');
          box.style.scrollBehavior = 'auto';
          box.scrollIntoView();
          box.scrollLeft = box.scrollWidth;  // to the last column
          const edge = box.getBoundingClientRect();
          const rows = Array.from(table.tBodies[0].rows);
          const numbers = Array.from(table.querySelectorAll('td.vlm-align-right'));
          return {
            rows: rows.map(r => r.getBoundingClientRect().height),
            nameLeft: rows[0].cells[0].getBoundingClientRect().left - edge.left,
            lines: numbers.map(c => {
              const text = document.createTreeWalker(c, NodeFilter.SHOW_TEXT).nextNode();
              const range = document.createRange();
              range.selectNodeContents(text);
              return new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;
            }),
          };
        }"""
    )
    page.locator("table#board").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-leaderboard-{theme}.png"))
    page.close()
    # One line a row (names whole, each number on one line), the model
    # column still at the box's left edge when scrolled to the last column.
    assert max(found["rows"]) < 60, (theme, found["rows"])
    assert set(found["lines"]) == {1}, (theme, found["lines"])
    assert found["nameLeft"] == pytest.approx(0, abs=2), (theme, found)
