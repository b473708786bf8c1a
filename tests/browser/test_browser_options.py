"""Table options as a reader sees them, in five themes: :widths: makes a wide table fit
the content column, :width: and :align: are honoured, a table scrolls in at most one
box, and the project's own docs do not overflow a phone's screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_themes import ARTIFACTS, CHROMIUM, THEMES, TOP, Browser, sync_playwright

pytestmark = pytest.mark.browser

COLUMNS = "".join(f"  - {{key: c{i}, label: Column number {i}}}\n" for i in range(13))
VALUES = ", ".join(f"c{i}: a fairly long cell text {i}" for i in range(13))
WIDE = f"columns:\n  - {{key: model, label: Model}}\n{COLUMNS}models:\n  - {{model: A, {VALUES}}}\n"
PAGE = """\
# Options

```{vlm-table} data/wide.yaml
:name: given
:widths: 2 1 1 1 1 1 1 1 1 1 1 1 1 1
```

```{vlm-table} data/small.yaml
:name: half
:columns: model, year
:width: 50%
:align: center
```

```{vlm-table} data/small.yaml
:name: right
:columns: model, year
:align: right
```
"""


@pytest.fixture(scope="module", params=THEMES)
def options_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme: str = request.param
    srcdir = tmp_path_factory.mktemp(theme) / "src"
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "data" / "wide.yaml").write_text(WIDE)
    (srcdir / "data" / "small.yaml").write_text("models:\n  - {model: A, year: '2024'}\n")
    (srcdir / "index.md").write_text(PAGE)
    (srcdir / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_vlmtable"]\nhtml_theme = "{theme}"\n'
    )
    html = srcdir.parent / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(srcdir),
                    str(html)], check=True)  # fmt: skip
    return theme, html / "index.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


GEOMETRY = """() => {
  const box = (el) => el.getBoundingClientRect();
  const table = (id) => document.querySelector('table#' + id);
  const content = table('given').closest('article, [role=main], .body, main') || document.body;
  // The boxes made to scroll a table (ours, or a theme's) that do scroll sideways.
  const boxes = ['.vlm-table-scroll', '.table-wrapper', '.pst-scrollable-table-container',
                 '.wy-table-responsive'].join(', ');
  const scrollers = (el) => {
    let count = 0;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (p.matches(boxes) && ['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) count++;
    }
    return count;
  };
  const half = table('half'), holder = half.parentElement;
  // The box a percentage width and auto margins are measured in: the holder's content box.
  const inner = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    const left = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft);
    const width = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return {left: left, right: left + width, width: width};
  };
  return {
    given: box(table('given')), content: box(content),
    half: box(half), holder: inner(holder), right: box(table('right')),
    right_holder: inner(table('right').parentElement),
    scrollers: ['given', 'half', 'right'].map(id => scrollers(table(id))),
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def test_widths_width_align_and_one_scroll_box(
    browser: Browser, options_page: tuple[str, Path]
) -> None:
    theme, page_file = options_page
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    geometry = page.evaluate(GEOMETRY)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"options-{theme}.png"), full_page=True)
    page.close()
    given, content = geometry["given"], geometry["content"]
    # 14 columns with :widths: fit the content column (cells wrap), and the page does too.
    assert given["width"] <= content["width"] + 1, (theme, given, content)
    assert geometry["page"] <= 1, theme
    # :width: 50% is half its container's width, and :align: center centres it.
    half, holder = geometry["half"], geometry["holder"]
    assert half["width"] == pytest.approx(holder["width"] / 2, abs=3), (theme, half, holder)
    assert half["left"] - holder["left"] == pytest.approx(holder["right"] - half["right"], abs=3)
    right, right_holder = geometry["right"], geometry["right_holder"]
    assert right["right"] == pytest.approx(right_holder["right"], abs=3), theme
    assert right["left"] > right_holder["left"] + 20, theme  # not full width: moved right
    assert max(geometry["scrollers"]) <= 1, (theme, geometry["scrollers"])


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(TOP / "docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(TOP / "CHANGELOG.md", srcdir.parent)
    html = srcdir.parent / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(html)],
                   check=True)  # fmt: skip
    return html


@pytest.mark.parametrize("name", ["usage", "views", "howto/numbers", "howto/matrix",
                                  "howto/downloads", "howto/import", "summary"])  # fmt: skip
@pytest.mark.parametrize("width", [375, 1280])
def test_the_docs_pages_fit_the_screen(
    browser: Browser, docs_site: Path, name: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((docs_site / f"{name}.html").as_uri())
    overflow = page.evaluate(
        """() => {
          const body = document.querySelector('div.body') || document.body;
          const limit = body.getBoundingClientRect().right;
          const outside = Array.from(body.querySelectorAll('table.docutils:not(.vlm-table), pre'))
            .filter(el => !el.closest('.vlm-table-scroll'))
            .map(el => el.getBoundingClientRect().right - limit)
            .filter(excess => excess > 1);
          return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                  outside: outside.length};
        }"""
    )
    page.screenshot(path=str(ARTIFACTS / f"docs-{name.replace('/', '-')}-{width}.png"))
    page.close()
    assert overflow["page"] <= 1, (name, width, overflow)
    assert overflow["outside"] == 0, (name, width, overflow)


MATRIX = """\
tasks:
  - name: Grounding
  - name: Agent
models:
  - {model: A, tasks: {grounding: yes, agent: partial}}
  - {model: B, tasks: [grounding]}
  - {model: C}
"""


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_marks_keep_their_contrast(browser: Browser, tmp_path: Path, theme: str,
                                          scheme: str) -> None:  # fmt: skip
    srcdir = tmp_path / "src"
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "data" / "m.yaml").write_text(MATRIX)
    (srcdir / "index.md").write_text("# Matrix\n\n```{vlm-matrix} data/m.yaml\n```\n")
    (srcdir / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinx_vlmtable"]\nhtml_theme = "{theme}"\n'
    )
    html = tmp_path / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(srcdir),
                    str(html)], check=True)  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto((html / "index.html").as_uri())
    if scheme == "dark" and (theme == "furo" or theme.startswith(("pydata", "sphinx_book"))):
        page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    page.add_script_tag(path=str(Path(__file__).parent / "probes.js"))
    marks = page.evaluate(
        """() => Array.from(document.querySelectorAll('td.vlm-state'), cell => ({
             mark: getComputedStyle(cell.querySelector('p'), '::before').content,
             ratio: vlmProbes.contrastOf(cell)}))"""
    )
    page.screenshot(path=str(ARTIFACTS / f"matrix-{theme}-{scheme}.png"))
    page.close()
    assert len(marks) == 6
    assert {mark["mark"] for mark in marks} >= {'"●" / ""', '"◐" / ""', '"\u2013" / ""'}
    assert min(mark["ratio"] for mark in marks) >= 4.5, marks
