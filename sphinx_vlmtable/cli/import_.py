"""``vlmtable import SOURCE``: a survey table of a page, in one of the formats of
``importer/formats.py``, to a data file (and a page that shows it), with its receipt.
Exit status 0 when the receipt balances (every row and link kept or listed with why)
and the file passes ``vlmtable check``, 1 when not (the file is still written), 2 when
nothing could be imported."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from types import MappingProxyType

from sphinx_vlmtable.cli.arguments import add_output, positive_int
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.loading import read_stdin, shown_name
from sphinx_vlmtable.cli.output import write_file, write_or_print
from sphinx_vlmtable.data.files import (
    DEFAULT_MAX_FILE_SIZE,
    LoadSettings,
    load_data_file,
    read_limited,
)
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.importer import (
    IMPORT_FORMATS,
    ImportError_,
    ImportOptions,
    ImportResult,
    SourcePage,
    convert,
    format_of,
    page_text,
    receipt_text,
    settle,
    tasks_under,
)


def _say(message: str) -> None:
    """A message on standard error, as the command's own (not about a source line)."""
    print(f"vlmtable import: {message}", file=sys.stderr)


def run(arguments: argparse.Namespace) -> int:
    """Read the source, convert the chosen table, write what was asked for, report."""
    source = arguments.source
    name = "standard input" if source == "-" else os.path.basename(source)
    try:
        page = _read_page(arguments)
        if page is None:
            return 2
        if arguments.list:
            for number, table in enumerate(page.tables, start=1):
                print(f"{number}: line {table.line}: {' | '.join(table.header_texts())}")
            return 0
        result = convert(page, name, _options(arguments))
    except ImportError_ as error:
        _say(str(error))
        return 2
    for option, given in (("--page", arguments.page), ("--split", arguments.split)):
        if given and not arguments.output:
            _say(f"{option} needs -o, the data file")
            return 2
    try:
        _write_import(arguments, page, result, name)
    except OSError as error:
        _say(f"cannot write: {error}")
        return 2
    return _report_import(arguments, result)


def _options(arguments: argparse.Namespace) -> ImportOptions:
    return ImportOptions(
        number=arguments.table,
        markup=arguments.markup,
        split=arguments.split,
        name_column=arguments.name,
        section_label=arguments.section,
        all_tables=arguments.all,
        matrix=arguments.matrix,
        badges=arguments.badges,
        sections=arguments.sections,
        types=arguments.types,
    )


def _read_page(arguments: argparse.Namespace) -> SourcePage | None:
    """The source page as read, or None (with a message) if it cannot be read."""
    source = arguments.source
    given = arguments.source_format
    chosen = IMPORT_FORMATS[given] if given else format_of(source)
    if chosen is None:
        choices = " or ".join(f"--from {name}" for name in IMPORT_FORMATS)
        _say(f"cannot tell the format of {source}: give {choices}")
        return None
    text = _read_source(source, arguments.max_file_size)
    if text is None:
        return None
    page = chosen.read(text)
    if arguments.tasks:
        page.tasks, page.tasks_heading = tasks_under(text, arguments.tasks)
        page.tasks_line, page.tasks_table = None, None  # every table takes it
    return page


def _read_source(source: str, max_size: int) -> str | None:
    return read_source_text(source, max_size, _say)


def read_source_text(source: str, max_size: int, say: Callable[[str], None]) -> str | None:
    """The source's text, read as data files are (a regular file, at most ``max_size``
    bytes); None, with a message, if it cannot be read."""
    try:
        if source == "-":
            raw = read_stdin(max_size)
            if raw is None:
                say(f"standard input is more than {max_size:,} bytes (--max-file-size)")
                return None
        else:
            read = read_limited(source, max_size)
            if isinstance(read, LoadResult):
                say(f"{source}: {read.problems[0].message} (--max-file-size)")
                return None
            raw = read
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        say(f"cannot read {source}: {error}")
        return None


def _write_import(
    arguments: argparse.Namespace, page: SourcePage, result: ImportResult, name: str
) -> None:
    write_or_print(arguments.output, result.yaml_text)
    if arguments.output:
        beside = os.path.dirname(arguments.output)
        for relative, text in result.model_files:
            write_file(os.path.join(beside, *relative.split("/")), text)
    if arguments.page:
        data_path = os.path.relpath(arguments.output, os.path.dirname(arguments.page) or ".")
        title = page.title or os.path.splitext(name)[0]
        text = page_text(
            title,
            data_path.replace(os.sep, "/"),
            result.tasks_heading,
            result.table.heading,
            bool(result.tasks),
            arguments.matrix,
        )
        write_file(arguments.page, text)


def _report_import(arguments: argparse.Namespace, result: ImportResult) -> int:
    """What was decided and what was not carried over, the receipt (read back from the
    file as written), and whether that file passes ``check``: 0 only when the receipt
    balances and it does."""
    shown = shown_name(arguments.source)
    for line, message in result.notes:
        print(f"{shown}:{line}: note: {message}", file=sys.stderr)
    for line, message in result.losses:
        print(f"{shown}:{line}: not carried over: {message}", file=sys.stderr)
    # The written file is read back as ``vlmtable check`` reads it.
    written = arguments.output or "<stdout>"
    settings = LoadSettings()
    if arguments.split:  # the data file and its model files, as written
        loaded = load_data_file(arguments.output, settings)
    else:
        raw = result.yaml_text.encode("utf-8")
        loaded = load_survey_text(raw, settings.max_problems, settings.missing)
    receipt = result.receipt
    assert receipt is not None
    settle(receipt, loaded.data, result.links_key)
    sys.stderr.write(receipt_text(receipt))
    if arguments.receipt:
        write_file(
            arguments.receipt, json.dumps(receipt.as_json(), indent=2, ensure_ascii=False) + "\n"
        )
    for problem in loaded.problems:
        print(f"{problem.located(written)} (vlmtable check)", file=sys.stderr)
    return 0 if receipt.balanced and not loaded.problems else 1


def add_arguments(source: argparse.ArgumentParser) -> None:
    suffixes = [suffix for each in IMPORT_FORMATS.values() for suffix in each.suffixes]
    source.add_argument("source", metavar="SOURCE", help=f"{', '.join(suffixes)}, or -")
    add_output(source, "OUT.yaml")
    source.add_argument(
        "--table",
        type=positive_int,
        default=1,
        metavar="N",
        help="the N-th table, from 1 (see --list)",
    )
    source.add_argument(
        "--from",
        dest="source_format",
        choices=tuple(IMPORT_FORMATS),
        help="the source's format, when its name does not say",
    )
    source.add_argument(
        "--page", metavar="OUT.md", help="also write a MyST page that shows the data file"
    )
    source.add_argument("--list", action="store_true", help="list the tables and stop")
    source.add_argument("--tasks", metavar="HEADING", help="take the task list under this heading")
    source.add_argument(
        "--split", metavar="FOLDER", help="one file per model in FOLDER beside -o (models_from)"
    )
    source.add_argument(
        "--markup", action="store_true", help="keep inline markup, as markup: myst columns"
    )
    source.add_argument(
        "--name", metavar="COLUMN", help="the column (label or key) that names the rows"
    )
    source.add_argument(
        "--section",
        default="Section",
        metavar="LABEL",
        help="the label of the column section rows fill (default: Section)",
    )
    source.add_argument(
        "--matrix",
        action="store_true",
        help="columns of marks (yes/no, check marks) become tasks",
    )
    source.add_argument(
        "--all", action="store_true", help="every table with this header, each heading a section"
    )
    add_reading_options(source)
    source.add_argument(
        "--max-file-size",
        type=positive_int,
        default=DEFAULT_MAX_FILE_SIZE,
        metavar="BYTES",
        help="read no larger source (default: %(default)s, as vlmtable_max_file_size)",
    )


def add_reading_options(parser: argparse.ArgumentParser, receipt: bool = True) -> None:
    """How rows, badges and types are read (``import`` and ``init`` share them), and
    where the receipt goes."""
    if receipt:
        parser.add_argument(
            "--receipt",
            metavar="FILE",
            help="also write the receipt as JSON: each row's and link's fate, per table",
        )
    parser.add_argument(
        "--badges",
        choices=("keep", "drop"),
        default="keep",
        help="a linked badge keeps its link as a {text, url} cell (keep), or is dropped "
        "(drop) (default: %(default)s)",
    )
    parser.add_argument(
        "--no-sections",
        dest="sections",
        action="store_false",
        help="no section rows: a row the source marks as a heading is a model",
    )
    parser.add_argument(
        "--no-types",
        dest="types",
        action="store_false",
        help="no inferred column types (number, date, mark): every column is text",
    )


_LABELS = " or ".join(each.label for each in IMPORT_FORMATS.values())

#: Each status ``run`` returns, and when.
EXIT_STATUSES = MappingProxyType(
    {
        0: "the receipt balances (every row and link of the source is in the written file, "
        "or reported as left out with its line and why) and the written file passes "
        "``vlmtable check``; ``--list`` listed the tables",
        1: "the receipt does not balance (what was not carried over is on standard error as "
        "``SOURCE:LINE: not carried over: ...``), or the written file has problems "
        "(``OUT:LINE:COL: ... (vlmtable check)``); the file is still written",
        2: "nothing could be imported: the source cannot be read (missing, over "
        "``--max-file-size``, not UTF-8), its format cannot be told from its name, it has "
        "no such table, ``--page`` or ``--split`` is given without ``-o``, or a file "
        "cannot be written",
    }
)

COMMAND = Command(
    "import",
    f"turn a {_LABELS} table (and a task list) into a data file",
    add_arguments,
    run,
    EXIT_STATUSES,
)
