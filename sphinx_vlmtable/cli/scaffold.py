"""The files of a survey project ``vlmtable init`` writes (its scaffold), as text:
``conf.py`` (MyST, the extension, a theme if one is installed, a LaTeX setup that can
set the data's characters), the index, one page per table, Read the Docs' configuration,
a CI workflow that checks the data, a pre-commit configuration and the requirements.
Pure strings: every text from the source page is escaped for where it goes."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_vlmtable import __version__
from sphinx_vlmtable.data.markdown import markdown_text
from sphinx_vlmtable.view.char_names import symbol_name

#: Themes ``conf.py`` uses when installed, in this order (else Sphinx's own).
THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme")
#: Their distributions' names, for ``requirements.txt``.
_DISTRIBUTIONS = {
    "furo": "furo",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_book_theme": "sphinx-book-theme",
    "sphinx_rtd_theme": "sphinx-rtd-theme",
}


@dataclass
class TablePage:
    """A page of the project: one imported table."""

    #: The page's name (``<name>.md``) and its data file's (``data/<name>.yaml``).
    name: str
    title: str
    source: str
    number: int
    line: int
    #: Whether the page is the home of its models (``:index:``): not when an earlier
    #: page already is for one of its names.
    index: bool = True
    #: Whether the table has columns of marks (then the page shows the matrix too).
    marks: bool = False


def installed_theme() -> str | None:
    """The first of ``THEMES`` that is installed."""
    return next((theme for theme in THEMES if importlib.util.find_spec(theme)), None)


def page_name(title: str, number: int, taken: set[str]) -> str:
    """A file name for a table's page: its heading in lower case ASCII, unique."""
    stem = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:50].strip("-")
    stem = stem or f"table-{number}"
    name, count = stem, 1
    while name in taken or name in ("index", "conf", "data"):
        count += 1
        name = f"{stem}-{count}"
    taken.add(name)
    return name


def conf_py(title: str, source: str, theme: str | None, latex: LatexSetup) -> str:
    """``conf.py``: MyST pages, the extension, the theme, and the LaTeX setup."""
    lines = [
        f"# A survey made by `vlmtable init` from {source}. Build it with",
        "#   sphinx-build -W --keep-going -b html . _build/html",
        "",
        f"project = {title!r}",
        'extensions = ["myst_parser", "sphinx_vlmtable"]',
        'exclude_patterns = ["_build", ".github", "README.md", "receipt.json"]',
    ]
    if theme is not None:
        lines.append(f"html_theme = {theme!r}")
    lines += [
        "",
        "# LaTeX (the PDF): the survey's title page and file name.",
        f'latex_documents = [("index", "survey.tex", {title!r}, "", "manual")]',
        *latex.lines(),
    ]
    return "\n".join(lines) + "\n"


#: Scripts pdflatex cannot set at all: a page with them is built with xelatex.
_SCRIPTS = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u0e00-\u0eff"
    "\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
)
#: What pdflatex sets with Sphinx's setup and the extension's style file (the marks).
_PDFLATEX = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u017f\u2010-\u2027\u2030-\u203a\u20ac\u2122"
    "\u2212\u2248\u2264\u2265\u26a0\u2705\u2713\u2714\u2717\u2718\u274c\u2796\ufe0f"
    "\U0001f534\U0001f7e0\U0001f7e1\U0001f7e2]"
)


@dataclass
class LatexSetup:
    """How the PDF is made: xelatex for scripts pdflatex cannot set; else pdflatex,
    with each other character (an emoji) shown by its name, as the tables show it, and
    no index of models when a name starts with a character makeindex cannot sort."""

    xelatex: bool
    missing: tuple[str, ...] = ()
    index: bool = True

    @classmethod
    def of(cls, texts: Iterable[str], names: Iterable[str]) -> LatexSetup:
        found: set[str] = set()
        for text in texts:
            if _SCRIPTS.search(text):
                return cls(True)
            found.update(_PDFLATEX.sub("", text))
        index = all(name[:1].isascii() for name in names)
        return cls(False, tuple(sorted(found)), index)

    def lines(self) -> list[str]:
        if self.xelatex:
            return [
                "# The data is in scripts pdflatex cannot set: xelatex, with fonts for them",
                "# (Read the Docs has both).",
                'latex_engine = "xelatex"',
            ]
        elements = {}
        lines = []
        if self.missing:
            lines.append(
                "# Characters pdflatex has no glyph for (emoji): their names, as the tables"
            )
            lines.append("# print them (latex_engine = 'xelatex' prints the glyphs).")
            elements["preamble"] = "".join(
                f"\\DeclareUnicodeCharacter{{{ord(char):04X}}}{{{_stand_in(char)}}}\n"
                for char in self.missing
            )
        if not self.index:
            lines.append("# A name starts with a letter makeindex cannot sort: no PDF index.")
            elements["printindex"] = ""
        if elements:
            lines.append(f"latex_elements = {elements!r}")
        return lines


def _stand_in(char: str) -> str:
    """What pdflatex sets for a character it has no glyph for: nothing for an invisible
    one (a direction mark, a joiner), else the substitute the extension prints in its
    tables (``[electric plug]``), so the page's own text and its tables agree."""
    if unicodedata.category(char) == "Cf":
        return ""
    # A name is lower-case letters, digits, spaces, hyphens and + (nothing LaTeX reads
    # as a command).
    return symbol_name(char)


def index_md(title: str, source: str, pages: list[TablePage], models: int) -> str:
    """The root page: what the survey is and its pages."""
    count = f"{len(pages)} table(s), {models} model(s)"
    parts = [
        f"# {markdown_text(title)}",
        "",
        f"Made from {markdown_text(source)} by `vlmtable init`: {count}. Each page shows "
        "its table from a data file in `data/`; edit the data, not the pages.",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *(page.name for page in pages),
        "```",
        "",
    ]
    return "\n".join(parts)


def table_md(page: TablePage) -> str:
    """A table's page: the table (the home of its models, interactive, downloadable),
    and the matrix of its marks when it has any."""
    data = f"data/{page.name}.yaml"
    parts = [
        f"# {markdown_text(page.title)}",
        "",
        f"From {markdown_text(page.source)}, table {page.number} (line {page.line}).",
        "",
        f"```{{vlm-table}} {data}",
        *([":index:"] if page.index else []),
        ":interactive:",
        ":download: csv, json",
        "```",
        "",
    ]
    if page.marks:
        parts += ["## Marks", "", f"```{{vlm-matrix}} {data}", "```", ""]
    return "\n".join(parts)


def requirements_txt(theme: str | None) -> str:
    lines = ["sphinx-vlmtable", "myst-parser"]
    if theme is not None:
        lines.append(_DISTRIBUTIONS[theme])
    return "\n".join(lines) + "\n"


READTHEDOCS_YAML = """\
# Read the Docs: https://docs.readthedocs.io/en/stable/config-file/v2.html
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

sphinx:
  configuration: conf.py
  fail_on_warning: true

formats:
  - pdf

python:
  install:
    - requirements: requirements.txt
"""

WORKFLOW_YAML = """\
# The survey's data checked on every push and pull request (problems annotate the
# diff), then the site built with warnings as errors.
name: survey

on: [push, pull_request]

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install -r requirements.txt
      - run: vlmtable check --format github data/*.yaml
      - run: sphinx-build -W --keep-going -b html . _build/html
"""

PRE_COMMIT_YAML = f"""\
# pre-commit install: each commit's data files are checked before it is made.
# Pinned to a release (pre-commit autoupdate --freeze pins its commit).
repos:
  - repo: https://github.com/sphinx-vlmtable/sphinx-vlmtable
    rev: v{__version__}
    hooks:
      - id: vlmtable-check
"""

GITIGNORE = "_build/\n"
