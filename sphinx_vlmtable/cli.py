"""``vlmtable check FILE...``: validate data files without a Sphinx project;
``vlmtable import SOURCE``: turn a Markdown or HTML table into a data file;
``vlmtable export FILE``: a view of a data file as CSV, JSON or a Markdown table;
``vlmtable diff OLD NEW``: the models added, updated and removed, as Markdown.

Prints each problem as ``file:line:col: message [vlmtable.subtype]``, the form
compilers use, so editors and CI can jump to it; exits 1 if there was any. ``-`` reads
standard input. Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from sphinx_vlmtable import __version__
from sphinx_vlmtable.data.files import (
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_PROBLEMS,
    LoadSettings,
    load_data_file,
    matching_files,
    read_limited,
    refused,
)
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.data.yamlsource import (
    MarkedScalar,
    MarkedSequence,
    YamlSourceError,
    decode_data,
    parse_marked_yaml,
)
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

#: How standard input is named in messages, as compilers name it.
STDIN_NAME = "<stdin>"


def _load_stdin(max_size: int, max_problems: int, placeholder: str) -> LoadResult:
    raw = sys.stdin.buffer.read(max_size + 1)
    if len(raw) > max_size:
        return refused(
            f"the input is more than vlmtable_max_file_size ({max_size:,}) bytes; it was not read"
        )
    return load_survey_text(raw, max_problems, placeholder)


#: How ``vlmtable check`` prints problems: compilers' ``file:line:col: message``,
#: GitHub Actions' workflow commands (annotations on the pull request's diff), or JSON.
CHECK_FORMATS = ("text", "github", "json")


def check_files(
    paths: Sequence[str],
    max_size: int,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
    placeholder: str = "-",
    output: str = "text",
    data_files_only: bool = False,
) -> int:
    """Print the problems in each file; the number of files with problems.
    ``data_files_only`` passes over YAML files that are not data files (pre-commit
    hands the hook every YAML file of a commit)."""
    failed = 0
    found: list[dict[str, object]] = []
    if data_files_only:
        paths = _data_files_among(paths, max_size)
    for path in paths:
        name = STDIN_NAME if path == "-" else path
        try:
            if path == "-":
                problems = _load_stdin(max_size, max_problems, placeholder).problems
            else:
                settings = LoadSettings(max_size, max_problems, placeholder)
                problems = load_data_file(path, settings).problems
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            problems = (DataProblem(VlmTableWarning.FILE, f"cannot read the file: {reason}", 1),)
        for problem in problems:
            shown = _shown_path(problem.source) if problem.source else name
            found.append({"file": shown, "line": problem.line, "column": problem.column,
                          "type": problem.kind.full_name, "message": problem.message})  # fmt: skip
        failed += bool(problems)
    if output == "json":
        print(json.dumps(found, ensure_ascii=False, indent=2))
    for item in found if output != "json" else ():
        print(_github_line(item) if output == "github" else _text_line(item))
    return failed


def _text_line(item: dict[str, object]) -> str:
    return f"{item['file']}:{item['line']}:{item['column']}: {item['message']} [{item['type']}]"


def _github_line(item: dict[str, object]) -> str:
    """A workflow command: GitHub shows it on the file's line in the pull request."""

    def data(text: object) -> str:
        return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: object) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::error file={prop(item['file'])},line={item['line']},col={item['column']},"
        f"title={prop(item['type'])}::{data(item['message'])}"
    )


#: A data file's own top-level keys, and a model entry: what tells one from other YAML.
_TOP_LEVEL = re.compile(r"^(models_from|models|model|columns|column_settings)\s*:", re.MULTILINE)

# Spaces and tabs, and at most one line break (``-`` alone on its line): ``\s*`` would
# run across every line, quadratic on a file of blank lines.
_MODEL_ENTRY = re.compile(r"^[ \t]*-[ \t]*(?:\n[ \t]*)?(\{[ \t]*)?model[ \t]*:", re.MULTILINE)


def _shown_path(path: str) -> str:
    """A model file as the user would name it: relative to the working folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def _data_files_among(paths: Sequence[str], max_size: int) -> list[str]:
    """The data files among ``paths``; for a model file (``models_from``), the data
    files beside it or up to three folders above whose patterns match it."""
    index = _DataFileIndex(max_size)
    chosen: list[str] = []
    for path in paths:
        if path == "-" or _is_data_file(path, max_size):
            chosen.append(path)
        elif _is_model_file(path, max_size):
            chosen += index.data_files_of_model(path)
    return list(dict.fromkeys(chosen))


class _DataFileIndex:
    """The data files of folders and the files their patterns match, each found once
    per run: a commit of 4,000 model files reads each nearby data file once."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self.folders: dict[str, list[tuple[str, list[str]]]] = {}
        self.matched: dict[tuple[str, str], frozenset[str]] = {}

    def data_files_of_model(self, path: str) -> list[str]:
        target = os.path.realpath(path)
        folder = os.path.dirname(os.path.abspath(path))
        found = []
        for _level in range(4):
            for candidate, patterns in self.data_files_in(folder):
                if any(target in self.matches(candidate, pattern) for pattern in patterns):
                    found.append(os.path.relpath(candidate))
            folder = os.path.dirname(folder)
        return found

    def data_files_in(self, folder: str) -> list[tuple[str, list[str]]]:
        """The data files of a folder, each with its ``models_from`` patterns."""
        if folder not in self.folders:
            candidates = sorted(glob.glob(os.path.join(glob.escape(folder), "*.y*ml")))
            self.folders[folder] = [
                (candidate, _models_from(candidate, self.max_size))
                for candidate in candidates
                if _is_data_file(candidate, self.max_size)
            ]
        return self.folders[folder]

    def matches(self, data_file: str, pattern: str) -> frozenset[str]:
        key = (data_file, pattern)
        if key not in self.matched:
            found = matching_files(data_file, pattern)
            listed = found if isinstance(found, list) else []
            self.matched[key] = frozenset(map(os.path.realpath, listed))
        return self.matched[key]


def _models_from(path: str, max_size: int) -> list[str]:
    """A data file's ``models_from`` patterns, read as the loader reads YAML."""
    raw = read_limited(path, max_size)
    try:
        root = parse_marked_yaml(decode_data(raw)) if isinstance(raw, bytes) else None
    except YamlSourceError:
        return []
    node = root.items.get("models_from") if root is not None else None
    if node is None:
        return []
    items = node[1].items if isinstance(node[1], MarkedSequence) else [node[1]]
    return [item.text for item in items if isinstance(item, MarkedScalar)]


def _is_model_file(path: str, max_size: int) -> bool:
    raw = read_limited(path, max_size)
    if isinstance(raw, LoadResult):
        return False
    keys = {match.group(1) for match in _TOP_LEVEL.finditer(raw.decode("utf-8", "replace"))}
    return "model" in keys


def _is_data_file(path: str, max_size: int) -> bool:
    """Whether a YAML file is a sphinx-vlmtable data file, whatever its name: a top-level
    ``models:`` with ``model:`` entries, or beside ``columns`` or ``column_settings``
    (a dbt ``models:`` list names its entries ``name:``)."""
    raw = read_limited(path, max_size)
    if isinstance(raw, LoadResult):
        return True  # too large or not a regular file: let the check say so
    text = raw.decode("utf-8", "replace")
    keys = {match.group(1) for match in _TOP_LEVEL.finditer(text)}
    if "models_from" in keys:
        return True
    if "models" not in keys:
        return False
    return bool(_MODEL_ENTRY.search(text)) or bool(keys & {"columns", "column_settings"})


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0")
    return value


def import_table(arguments: argparse.Namespace) -> int:
    """``vlmtable import``: 0 when everything was carried over, 1 when something was not
    (the file is still written), 2 when nothing could be imported."""
    from sphinx_vlmtable import importer

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
        options = importer.ImportOptions(
            arguments.table, arguments.markup, arguments.split, arguments.name,
            arguments.section, arguments.all, arguments.matrix,
        )  # fmt: skip
        result = importer.convert(page, name, options)
    except importer.ImportError_ as error:
        print(f"vlmtable import: {error}", file=sys.stderr)
        return 2
    for option, given in (("--page", arguments.page), ("--split", arguments.split)):
        if given and not arguments.output:
            print(f"vlmtable import: {option} needs -o, the data file", file=sys.stderr)
            return 2
    try:
        _write_import(arguments, page, result, name)
    except OSError as error:
        print(f"vlmtable import: cannot write: {error}", file=sys.stderr)
        return 2
    return _report_import(arguments, result)


def _read_page(arguments: argparse.Namespace) -> Any:
    """The source page as read, or None (with a message) if it cannot be read."""
    from sphinx_vlmtable import importer

    source = arguments.source
    kind = arguments.source_format or _format_of(source)
    if kind is None:
        print(f"vlmtable import: cannot tell the format of {source}: give --from md or "
              "--from html", file=sys.stderr)  # fmt: skip
        return None
    text = _read_source(source, arguments.max_file_size)
    if text is None:
        return None
    page = importer.read_markdown(text) if kind == "md" else importer.read_html(text)
    if arguments.tasks:
        page.tasks, page.tasks_heading = importer.tasks_under(text, arguments.tasks)
    return page


def _write_import(arguments: argparse.Namespace, page: Any, result: Any, name: str) -> None:
    from sphinx_vlmtable import importer

    if arguments.output:
        _write(arguments.output, result.yaml_text)
        beside = os.path.dirname(arguments.output)
        for relative, text in result.model_files:
            _write(os.path.join(beside, *relative.split("/")), text)
    else:
        sys.stdout.write(result.yaml_text)
    if arguments.page:
        data_path = os.path.relpath(arguments.output, os.path.dirname(arguments.page) or ".")
        title = page.title or os.path.splitext(name)[0]
        _write(arguments.page, importer.page_text(
            title, data_path.replace(os.sep, "/"), page.tasks_heading,
            result.table.heading, bool(page.tasks), arguments.matrix,
        ))  # fmt: skip


def _report_import(arguments: argparse.Namespace, result: Any) -> int:
    """What was not carried over, and whether the written file passes ``check``."""
    source = arguments.source
    shown = "<stdin>" if source == "-" else source
    for line, message in result.notes:
        print(f"{shown}:{line}: note: {message}", file=sys.stderr)
    for line, message in result.losses:
        print(f"{shown}:{line}: not carried over: {message}", file=sys.stderr)
    # The written file is read back as ``vlmtable check`` reads it: 0 only if it passes.
    written = arguments.output or "<stdout>"
    if arguments.split:  # the data file and its model files, as written
        problems = load_data_file(arguments.output).problems
    else:
        problems = load_survey_text(result.yaml_text.encode("utf-8")).problems
    for problem in problems:
        print(f"{problem.located(written)} (vlmtable check)", file=sys.stderr)
    return 1 if result.losses or problems else 0


def _read_source(source: str, max_size: int) -> str | None:
    """The source's text, read as data files are (a regular file, at most ``max_size``
    bytes); None, with a message, if it cannot be read."""
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(max_size + 1)
            if len(raw) > max_size:
                print(f"vlmtable import: standard input is more than {max_size:,} bytes "
                      "(--max-file-size)", file=sys.stderr)  # fmt: skip
                return None
        else:
            read = read_limited(source, max_size)
            if isinstance(read, LoadResult):
                print(f"vlmtable import: {source}: {read.problems[0].message} "
                      "(--max-file-size)", file=sys.stderr)  # fmt: skip
                return None
            raw = read
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(f"vlmtable import: cannot read {source}: {error}", file=sys.stderr)
        return None


def export_data(arguments: argparse.Namespace) -> int:
    """``vlmtable export``: a view of a data file as CSV, JSON or a Markdown table."""
    from sphinx_vlmtable.view.export import export
    from sphinx_vlmtable.view.matrix import build_matrix_view
    from sphinx_vlmtable.view.options import ViewError, ViewOptions
    from sphinx_vlmtable.view.table import build_view

    try:
        if arguments.file == "-":
            result = _load_stdin(DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_PROBLEMS, arguments.missing)
        else:
            result = load_data_file(arguments.file, LoadSettings(missing=arguments.missing))
    except (OSError, ValueError) as error:
        print(f"vlmtable export: cannot read {arguments.file}: {error}", file=sys.stderr)
        return 2
    name = STDIN_NAME if arguments.file == "-" else arguments.file
    stopping = [p for p in result.problems if p.stops]
    for problem in result.problems:
        print(f"{problem.located(name)} [{problem.kind.full_name}]", file=sys.stderr)
    if stopping:
        return 1
    options = ViewOptions(
        columns=_keys(arguments.columns),
        filter=arguments.filter,
        sort=arguments.sort,
        missing=arguments.missing,
    )
    try:
        make = build_matrix_view if arguments.matrix else build_view
        text = export(make(result.data, options), arguments.format)
    except ViewError as error:
        print(f"vlmtable export: {error}", file=sys.stderr)
        return 1
    if arguments.output:
        _write(arguments.output, text)
    else:
        sys.stdout.write(text)
    return 0


def diff_versions(arguments: argparse.Namespace) -> int:
    """``vlmtable diff OLD NEW``: the changes from OLD (a file, or ``git:REV`` for NEW at
    that revision) to NEW, as the Markdown a changelog takes; 1 if either has problems
    that stop it, 2 if one cannot be read."""
    from sphinx_vlmtable.data.earlier import EarlierVersionError, load_earlier
    from sphinx_vlmtable.view.changes import changes_markdown, compare_versions

    loaded = []
    for name in (arguments.old, arguments.new):
        try:
            if name is arguments.old:
                # git:REV is read from the repository of the folder the command runs in.
                result = load_earlier(
                    name, arguments.new, LoadSettings(missing=arguments.missing), os.getcwd()
                )
            else:
                result = load_data_file(name, LoadSettings(missing=arguments.missing))
        except (OSError, ValueError, EarlierVersionError) as error:
            print(f"vlmtable diff: cannot read {name}: {error}", file=sys.stderr)
            return 2
        for problem in result.problems:
            print(f"{problem.located(name)} [{problem.kind.full_name}]", file=sys.stderr)
        if any(problem.stops for problem in result.problems):
            return 1
        loaded.append(result.data)
    title = arguments.title or f"Changes since {arguments.old.removeprefix('git:')}"
    text = changes_markdown(compare_versions(loaded[0], loaded[1]), title)
    if arguments.output:
        _write(arguments.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _add_diff(commands: Any) -> None:
    diff = commands.add_parser(
        "diff", help="the models added, updated and removed between two versions, as Markdown"
    )
    diff.add_argument(
        "old", metavar="OLD", help="the earlier version: a data file, or git:REV (NEW then)"
    )
    diff.add_argument("new", metavar="NEW", help="the data file now")
    diff.add_argument("--title", help="the heading (default: Changes since OLD)")
    diff.add_argument("--missing", default="-", metavar="TEXT",
                      help="the vlmtable_missing placeholder (default: %(default)s)")  # fmt: skip
    diff.add_argument("-o", "--output", metavar="FILE", help="write here (not stdout)")


def _keys(value: str | None) -> list[str] | None:
    return None if value is None else [key.strip() for key in value.split(",") if key.strip()]


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)


def _format_of(source: str) -> str | None:
    extension = os.path.splitext(source)[1].lower()
    if extension in (".md", ".markdown"):
        return "md"
    if extension in (".html", ".htm"):
        return "html"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vlmtable", description="Tools for sphinx-vlmtable data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_check(commands)
    _add_import(commands)
    _add_export(commands)
    _add_diff(commands)
    arguments = parser.parse_args(argv)
    if arguments.command == "diff":
        return diff_versions(arguments)
    if arguments.command == "export":
        return export_data(arguments)
    if arguments.command == "import":
        return import_table(arguments)
    failed = check_files(
        arguments.files, arguments.max_file_size, arguments.max_problems, arguments.missing,
        arguments.output, arguments.data_files_only,
    )  # fmt: skip
    if failed:
        print(f"{failed} of {len(arguments.files)} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check", help="validate data files; print file:line:col: message for each problem"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="YAML data files; - reads standard input"
    )
    check.add_argument(
        "--max-file-size",
        type=_positive_int,
        default=DEFAULT_MAX_FILE_SIZE,
        help="refuse files larger than this many bytes (default: %(default)s)",
    )
    check.add_argument(
        "--max-problems",
        type=_positive_int,
        default=DEFAULT_MAX_PROBLEMS,
        help="report at most this many problems per file (default: %(default)s)",
    )
    check.add_argument("--format", dest="output", choices=CHECK_FORMATS, default="text",
                       help="text (file:line:col: message), github (annotations in a pull "
                       "request), or json")  # fmt: skip
    check.add_argument("--data-files-only", action="store_true",
                       help="skip YAML files that are not data files (pre-commit)")  # fmt: skip
    check.add_argument(
        "--missing",
        default="-",
        metavar="TEXT",
        help="the vlmtable_missing placeholder of your project (default: %(default)s)",
    )


def _add_import(commands: Any) -> None:
    source = commands.add_parser(
        "import", help="turn a Markdown or HTML table (and a task list) into a data file"
    )
    source.add_argument("source", metavar="SOURCE", help=".md, .markdown, .html, .htm, or -")
    source.add_argument("-o", "--output", metavar="OUT.yaml", help="write here (not stdout)")
    source.add_argument("--table", type=_positive_int, default=1, metavar="N",
                        help="the N-th table, from 1 (see --list)")  # fmt: skip
    source.add_argument("--from", dest="source_format", choices=("md", "html"),
                        help="the source's format, when its name does not say")  # fmt: skip
    source.add_argument("--page", metavar="OUT.md",
                        help="also write a MyST page that shows the data file")  # fmt: skip
    source.add_argument("--list", action="store_true", help="list the tables and stop")
    source.add_argument("--tasks", metavar="HEADING",
                        help="take the task list under this heading")  # fmt: skip
    source.add_argument("--split", metavar="FOLDER",
                        help="one file per model in FOLDER beside -o (models_from)")  # fmt: skip
    source.add_argument("--markup", action="store_true",
                        help="keep inline markup, as markup: myst columns")  # fmt: skip
    source.add_argument("--name", metavar="COLUMN",
                        help="the column (label or key) that names the rows")  # fmt: skip
    source.add_argument("--section", default="Section", metavar="LABEL",
                        help="the label of the column section rows fill "
                        "(default: Section)")  # fmt: skip
    source.add_argument("--matrix", action="store_true",
                        help="columns of marks (yes/no, check marks) become tasks")  # fmt: skip
    source.add_argument("--all", action="store_true",
                        help="every table with this header, each heading a section")  # fmt: skip
    source.add_argument("--max-file-size", type=_positive_int, default=DEFAULT_MAX_FILE_SIZE,
                        metavar="BYTES", help="read no larger source (default: %(default)s, "
                        "as vlmtable_max_file_size)")  # fmt: skip


def _add_export(commands: Any) -> None:
    out = commands.add_parser(
        "export", help="write a view of a data file as CSV, JSON or a Markdown table"
    )
    out.add_argument("file", metavar="FILE", help="a YAML data file, or -")
    out.add_argument("--format", choices=("csv", "json", "md"), default="csv")
    which = out.add_mutually_exclusive_group()
    which.add_argument("--table", dest="matrix", action="store_false",
                       help="the table's columns (the default)")  # fmt: skip
    which.add_argument("--matrix", dest="matrix", action="store_true",
                       help="the capability matrix: models by tasks")  # fmt: skip
    out.set_defaults(matrix=False)
    out.add_argument("--columns", metavar="KEYS", help="as :columns: (task keys with --matrix)")
    out.add_argument("--sort", metavar="KEYS", help="as :sort: (write --sort=-year)")
    out.add_argument("--filter", metavar="EXPRESSION", help="as :filter:")
    out.add_argument("--missing", default="-", metavar="TEXT",
                     help="the vlmtable_missing placeholder (default: %(default)s)")  # fmt: skip
    out.add_argument("-o", "--output", metavar="FILE", help="write here (not stdout)")
