"""How problems print: compilers' ``file:line:col: message [vlmtable.subtype]`` (editors
and CI jump to it), GitHub Actions' workflow commands (annotations on a pull request's
diff), or JSON."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TypedDict

from sphinx_vlmtable.warnings_ import DataProblem


class ProblemRecord(TypedDict):
    """A problem as ``vlmtable check`` reports it (and its JSON holds it)."""

    file: str
    line: int
    column: int
    type: str
    message: str


def problem_record(problem: DataProblem, name: str) -> ProblemRecord:
    """``problem`` found in the file called ``name`` (or in a model file it reads)."""
    shown = _shown_path(problem.source) if problem.source else name
    return {
        "file": shown,
        "line": problem.line,
        "column": problem.column,
        "type": problem.kind.full_name,
        "message": problem.message,
    }


def _shown_path(path: str) -> str:
    """A model file as the user would name it: relative to the working folder."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative.replace(os.sep, "/")


def text_line(item: ProblemRecord) -> str:
    return f"{item['file']}:{item['line']}:{item['column']}: {item['message']} [{item['type']}]"


def github_line(item: ProblemRecord) -> str:
    """A workflow command: GitHub shows it on the file's line in the pull request."""

    def data(text: object) -> str:
        return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: object) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    return (
        f"::error file={prop(item['file'])},line={item['line']},col={item['column']},"
        f"title={prop(item['type'])}::{data(item['message'])}"
    )


def _json_lines(items: list[ProblemRecord]) -> list[str]:
    return [json.dumps(items, ensure_ascii=False, indent=2)]


#: The forms of ``vlmtable check --format``: each gives the lines printed for all problems.
PROBLEM_FORMATS: Mapping[str, Callable[[list[ProblemRecord]], list[str]]] = MappingProxyType(
    {
        "text": lambda items: [text_line(item) for item in items],
        "github": lambda items: [github_line(item) for item in items],
        "json": _json_lines,
    }
)


def print_problems(problems: Iterable[DataProblem], name: str) -> None:
    """Each problem on standard error, as ``file:line:col: message [vlmtable.subtype]``
    (``name`` is the data file's; a problem in a model file names that file)."""
    for problem in problems:
        print(f"{problem.located(name)} [{problem.kind.full_name}]", file=sys.stderr)
