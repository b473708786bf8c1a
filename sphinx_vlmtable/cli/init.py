"""``vlmtable init DIR [--from README.md]``: a buildable survey project from a page's
tables (or, without ``--from``, from an example survey): ``conf.py``, an index, one page
per table with ``vlm-table`` (and ``vlm-matrix`` where it has marks), its data files,
Read the Docs' configuration, a CI workflow, a pre-commit configuration and the
receipt of the import. Exit status 0 when the receipt of every table balances, 1 when one
does not, 2 when nothing could be written (``DIR`` not empty, no table to import)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType

from sphinx_vlmtable.cli.arguments import positive_int
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.import_ import add_reading_options, read_source_text
from sphinx_vlmtable.cli.output import write_file
from sphinx_vlmtable.cli.scaffold import (
    GITIGNORE,
    PRE_COMMIT_YAML,
    READTHEDOCS_YAML,
    WORKFLOW_YAML,
    LatexSetup,
    TablePage,
    conf_py,
    index_md,
    installed_theme,
    page_name,
    requirements_txt,
    table_md,
)
from sphinx_vlmtable.data.files import DEFAULT_MAX_FILE_SIZE
from sphinx_vlmtable.data.model import iter_leaves
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.importer import (
    IMPORT_FORMATS,
    ImportError_,
    ImportOptions,
    ImportReceipt,
    SourcePage,
    convert,
    format_of,
    receipt_text,
    settle,
)
from sphinx_vlmtable.importer.receipt import TableLeft

#: What the receipt of ``init`` is written as, in ``DIR``.
RECEIPT = "receipt.json"


def _say(message: str) -> None:
    print(f"vlmtable init: {message}", file=sys.stderr)


@dataclass
class _Survey:
    """What the import of every table gave: pages, data files, the receipt."""

    receipt: ImportReceipt
    pages: list[TablePage] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    models: int = 0
    #: Each model name with a home page so far (the first page that shows it).
    homes: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def run(arguments: argparse.Namespace) -> int:
    """Import every table of the source, then write the project."""
    folder = arguments.dir
    if os.path.exists(folder) and (not os.path.isdir(folder) or os.listdir(folder)):
        _say(f"{folder} is not an empty folder: init writes a new project")
        return 2
    read = _source_page(arguments)
    if read is None:
        return 2
    source, page = read
    survey = _import_tables(page, source, arguments)
    if not survey.pages:
        _say(f"{source} has no table to import ({len(page.tables)} table(s) read)")
        sys.stderr.write(receipt_text(survey.receipt))
        return 2
    title = page.title or os.path.splitext(source)[0]
    try:
        _write_project(folder, title, source, survey)
    except OSError as error:
        _say(f"cannot write: {error}")
        return 2
    sys.stderr.write(receipt_text(survey.receipt))
    for problem in survey.problems:
        print(problem, file=sys.stderr)
    print(f"vlmtable init: wrote {folder} ({len(survey.pages)} page(s)); build it with")
    print(f"  sphinx-build -W --keep-going -b html {folder} {folder}/_build/html")
    return 0 if survey.receipt.balanced and not survey.problems else 1


def _source_page(arguments: argparse.Namespace) -> tuple[str, SourcePage] | None:
    """The source's name and page (the example survey without ``--from``)."""
    if arguments.source is None:
        text = files("sphinx_vlmtable.cli").joinpath("example_survey.md").read_text("utf-8")
        return "example_survey.md", IMPORT_FORMATS["md"].read(text)
    given = arguments.source_format
    chosen = IMPORT_FORMATS[given] if given else format_of(arguments.source)
    if chosen is None:
        _say(f"cannot tell the format of {arguments.source}: give --format md or html")
        return None
    read = read_source_text(arguments.source, arguments.max_file_size, _say)
    if read is None:
        return None
    return os.path.basename(arguments.source), chosen.read(read)


def _import_tables(page: SourcePage, source: str, arguments: argparse.Namespace) -> _Survey:
    """Each table of the page as its own data file and page; a table with nothing to
    import is listed in the receipt with why."""
    page.tasks = []  # a page's task list is prose here; the marks make the matrix
    survey = _Survey(ImportReceipt(source, len(page.tables)))
    taken: set[str] = set()
    for number, table in enumerate(page.tables, start=1):
        options = ImportOptions(
            number=number,
            badges=arguments.badges,
            sections=arguments.sections,
            types=arguments.types,
        )
        try:
            result = convert(page, source, options, others=False)
        except ImportError_ as error:
            survey.receipt.left.append(TableLeft(number, table.line, str(error)))
            continue
        assert result.receipt is not None
        loaded = load_survey_text(result.yaml_text.encode("utf-8"))
        settle(result.receipt, loaded.data, result.links_key)
        title = table.heading or f"Table {number}"
        name = page_name(title, number, taken)
        survey.problems += [problem.located(f"data/{name}.yaml") for problem in loaded.problems]
        names = {model.name for model in loaded.data.models}
        marks = any(leaf.type == "mark" for leaf in iter_leaves(loaded.data.columns))
        survey.pages.append(
            TablePage(name, title, source, number, table.line, not names & survey.homes, marks)
        )
        if not names & survey.homes:
            survey.homes |= names
        survey.data[name] = result.yaml_text
        survey.models += len(loaded.data.models)
        survey.receipt.tables += result.receipt.tables
    return survey


def _write_project(folder: str, title: str, source: str, survey: _Survey) -> None:
    """Every file of the project, in ``folder``."""
    theme = installed_theme()
    texts = [title, *survey.data.values(), *(page.title for page in survey.pages)]
    latex = LatexSetup.of(texts, survey.homes)
    written = {
        "conf.py": conf_py(title, source, theme, latex),
        "index.md": index_md(title, source, survey.pages, survey.models),
        "requirements.txt": requirements_txt(theme),
        ".readthedocs.yaml": READTHEDOCS_YAML,
        ".github/workflows/survey.yml": WORKFLOW_YAML,
        ".pre-commit-config.yaml": PRE_COMMIT_YAML,
        ".gitignore": GITIGNORE,
        RECEIPT: json.dumps(survey.receipt.as_json(), indent=2, ensure_ascii=False) + "\n",
    }
    for page in survey.pages:
        written[f"{page.name}.md"] = table_md(page)
        written[f"data/{page.name}.yaml"] = survey.data[page.name]
    for relative, text in written.items():
        write_file(os.path.join(folder, *relative.split("/")), text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="the project's folder (new, or empty)")
    parser.add_argument(
        "--from",
        dest="source",
        metavar="SOURCE",
        help="the page whose tables the survey shows (.md or .html); without it, an example",
    )
    parser.add_argument(
        "--format",
        dest="source_format",
        choices=tuple(IMPORT_FORMATS),
        help="the source's format, when its name does not say",
    )
    add_reading_options(parser, receipt=False)
    parser.add_argument(
        "--max-file-size",
        type=positive_int,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="BYTES",
        help="read no larger source (default: %(default)s)",
    )


#: Each status ``run`` returns, and when.
EXIT_STATUSES = MappingProxyType(
    {
        0: "the project is written, the receipt of every table balances and its data files "
        "pass ``vlmtable check``",
        1: "the project is written, but a receipt does not balance or a data file has "
        "problems (each on standard error)",
        2: "nothing is written: the folder exists and is not empty, the source cannot be "
        "read, it has no table to import, or a file cannot be written",
    }
)

COMMAND = Command(
    "init",
    "start a survey project from a README's tables (or an example), ready to build",
    add_arguments,
    run,
    EXIT_STATUSES,
)
