"""Table options as a reader sees them, in five themes: :widths: wrap cells at spaces
and never break a word, :width: and :align: are honoured (a half-width table of long
notes is centred, nothing cut off), a table scrolls in at most one box, a long table
keeps its header and model column in view, and the project's own docs do not overflow
a phone's screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser_site import browser, build_site  # noqa: F401 (the fixture)
from test_themes import ARTIFACTS, THEMES, TOP, Browser

pytestmark = pytest.mark.browser

COLUMNS = "".join(f"  - {{key: c{i}, label: Column number {i}}}\n" for i in range(13))
VALUES = ", ".join(f"c{i}: a fairly long cell text {i}" for i in range(13))
WIDE = f"columns:\n  - {{key: model, label: Model}}\n{COLUMNS}models:\n  - {{model: A, {VALUES}}}\n"
SCORES = "".join(f"  - {{key: s{i}, label: Score {i}, type: number}}\n" for i in range(10))
BOARD = (
    "columns:\n  - {key: model, label: Model}\n"
    + SCORES
    + "  - {key: notes, label: Notes}\nmodels:\n"
    + "".join(
        f"  - {{model: 'NaiveMovingAverage-{row}', "
        + ", ".join(f"s{i}: '{row + i / 10:.1f}%'" for i in range(10))
        + ", notes: 'Conv+Transformer (semi-supervised), trained on unlabeled audio "
        "with noisy student training and SpecAugment-style masking'}\n"
        for row in range(30)
    )
)
NOTES = (
    "columns:\n  - {key: model, label: Model}\n  - {key: published, label: Published}\n"
    "  - {key: notes, label: Notes}\nmodels:\n"
    + "".join(
        f"  - {{model: 'Conv+Transformer-{row}', published: 'December 2015', notes: "
        f"'a long note that wraps at its spaces in a half-width table, row {row}'}}\n"
        for row in range(5)
    )
)
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

```{vlm-table} data/notes.yaml
:name: halfnotes
:width: 50%
:align: center
```

```{vlm-table} data/board.yaml
:name: tall
:interactive:
```
"""


@pytest.fixture(scope="module", params=THEMES)
def options_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    theme: str = request.param
    srcdir = tmp_path_factory.mktemp(theme) / "src"
    files = {
        "data/wide.yaml": WIDE,
        "data/small.yaml": "models:\n  - {model: A, year: '2024'}\n",
        "data/board.yaml": BOARD,
        "data/notes.yaml": NOTES,
        "index.md": PAGE,
    }
    html = build_site(srcdir, theme, srcdir.parent / "html", files)
    return theme, html / "index.html"


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
    # 14 columns with :widths: wrap at spaces; narrower than their words they cannot be
    # (no word breaks: see below), so the table scrolls in its box and the page never does.
    assert given["width"] >= content["width"] - 1 or geometry["scrollers"][0] == 0, theme
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
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(html)], check=True
    )
    return html


@pytest.mark.parametrize(
    "name",
    [
        "usage",
        "views",
        "howto/numbers",
        "howto/matrix",
        "howto/downloads",
        "howto/import",
        "summary",
    ],
)
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
def test_matrix_marks_keep_their_contrast(
    browser: Browser, tmp_path: Path, theme: str, scheme: str
) -> None:
    srcdir = tmp_path / "src"
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "data" / "m.yaml").write_text(MATRIX)
    (srcdir / "index.md").write_text("# Matrix\n\n```{vlm-matrix} data/m.yaml\n```\n")
    html = build_site(srcdir, theme, tmp_path / "html")
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


#: Each word of each cell of a table, and whether it sits on one line: a word broken
#: in two has two boxes.
WORDS_WHOLE = """(id) => {
  const broken = [];
  for (const cell of document.querySelectorAll('table#' + id + ' :is(td, th)')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      for (const match of text.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_no_word_or_number_is_broken_in_two(
    browser: Browser, options_page: tuple[str, Path], width: int
) -> None:
    theme, page_file = options_page
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(page_file.as_uri())
    broken = {name: page.evaluate(WORDS_WHOLE, name) for name in ("given", "halfnotes", "tall")}
    page.close()
    assert broken == {"given": [], "halfnotes": [], "tall": []}, (theme, width)


def test_a_half_width_table_of_long_notes_is_centred_and_whole(
    browser: Browser, options_page: tuple[str, Path]
) -> None:
    theme, page_file = options_page
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    found = page.evaluate("""() => {
      const table = document.querySelector('table#halfnotes');
      // What a reader would have to scroll to see all of it: any box around it that
      // scrolls sideways (ours, or the theme's), by how much.
      let cut = 0;
      for (let p = table.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) {
          cut = Math.max(cut, p.scrollWidth - p.clientWidth);
        }
      }
      const holder = table.parentElement, s = getComputedStyle(holder);
      const left = holder.getBoundingClientRect().left + parseFloat(s.paddingLeft);
      const width = holder.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      const r = table.getBoundingClientRect();
      return {left: r.left - left, right: left + width - r.right, width: r.width,
              holder: width, cut: cut};
    }""")
    page.close()
    assert found["cut"] <= 1, (theme, found)  # nothing cut off, nothing to scroll
    assert found["width"] == pytest.approx(found["holder"] / 2, abs=3), (theme, found)
    assert found["left"] == pytest.approx(found["right"], abs=3), (theme, found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_long_tables_header_and_model_column_stay_in_view(
    browser: Browser, options_page: tuple[str, Path], scheme: str
) -> None:
    theme, page_file = options_page
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(page_file.as_uri())
    if scheme == "dark" and (theme == "furo" or theme.startswith(("pydata", "sphinx_book"))):
        page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    found = page.evaluate("""() => {
      document.documentElement.style.scrollBehavior = 'auto';  // furo scrolls smoothly
      const table = document.querySelector('table#tall');
      const box = table.closest('.vlm-table-scroll');
      box.style.scrollBehavior = 'auto';
      box.scrollIntoView();
      box.scrollTop = 500;
      box.scrollLeft = 400;
      const edge = box.getBoundingClientRect();
      const head = table.querySelector('thead th').getBoundingClientRect();
      const row = Array.from(table.querySelectorAll('tbody tr')).find(
        tr => tr.getBoundingClientRect().top > head.bottom + 5);
      const name = row.firstElementChild;
      const behind = (el) => {
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.left + 3, r.top + r.height / 2);
      };
      return {overflows: box.scrollHeight > box.clientHeight && box.scrollWidth > box.clientWidth,
              headTop: head.top - edge.top, nameLeft: name.getBoundingClientRect().left - edge.left,
              nameOnTop: name.contains(behind(name)),
              background: getComputedStyle(name).backgroundColor,
              sortable: !!table.querySelector('thead .vlm-sort-button')};
    }""")
    page.screenshot(path=str(ARTIFACTS / f"sticky-{theme}-{scheme}.png"))
    page.close()
    assert found["overflows"], (theme, found)
    assert found["headTop"] == pytest.approx(0, abs=2), (theme, found)
    assert found["nameLeft"] == pytest.approx(0, abs=2), (theme, found)
    assert found["nameOnTop"], (theme, found)  # the scrolled cells pass under it
    assert found["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), (theme, found)
    assert found["sortable"], (theme, found)  # the interactive script's header sticks too
