"""The data file and the page ``vlmtable import`` writes: YAML text written by hand so
the file reads like one a person keeps (block style, quotes only where needed)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sphinx_vlmtable.data.markdown import markdown_text
from sphinx_vlmtable.data.model import (
    DEFAULT_COLUMNS,
    TASKS_KEY,
    Column,
)
from sphinx_vlmtable.importer.source import SourceTask

_PLAIN_SAFE = re.compile(r"^[A-Za-z][^:#\[\]{}&*!|>'\"%@`,?\n]*$")


def yaml_scalar(text: str) -> str:
    """The text as a YAML scalar that reads back as exactly this text."""
    import yaml

    if _PLAIN_SAFE.match(text) and text == text.strip():
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    # A double-quoted YAML scalar is a JSON string.
    import json

    return json.dumps(text, ensure_ascii=False)


def write_yaml(
    source_name: str,
    number: int,
    columns: tuple[Column, ...],
    models: list[list[tuple[str, Any]]],
    tasks: list[SourceTask],
    markup_keys: set[str],
    split: str | None = None,
) -> tuple[str, list[tuple[str, str]]]:
    """The data file's text, and with ``split`` (a folder beside it) one file per model
    (``<folder>/<name>.yaml``), read by ``models_from: <folder>/*.yaml``."""
    lines = [
        f"# Imported by `vlmtable import` from {source_name} (table {number}).",
        "# Values are shown exactly as written; edit this file, not the source.",
        "",
    ]
    if tasks:
        lines.append("tasks:")
        lines.extend(_task_lines(tasks, 1))
        lines.append("")
    if not same_layout(columns, DEFAULT_COLUMNS) or markup_keys or split:
        lines.append("columns:")
        lines.extend(_column_lines(columns, 1, markup_keys))
        lines.append("")
    if split is not None:
        lines.append("# One file per model (in file name order): a pull request adds its own.")
        lines.append(f"models_from: {yaml_scalar(split.rstrip('/') + '/*.yaml')}")
        return _text(lines), _model_files(models, split)
    lines.append("models:")
    for model in models:
        lines.extend(_model_lines(model, "  - ", "    "))
        lines.append("")
    return _text(lines), []


def _text(lines: list[str]) -> str:
    return "\n".join(lines).rstrip("\n") + "\n"


def _model_lines(model: list[tuple[str, Any]], first: str, rest: str) -> list[str]:
    lines = []
    for index, (key, value) in enumerate(model):
        prefix = rest if index else first
        if key == TASKS_KEY:
            states = ", ".join(f"{yaml_scalar(k)}: {yaml_scalar(v)}" for k, v in value.items())
            lines.append(f"{prefix}{key}: {{{states}}}")
        elif isinstance(value, dict):
            text, url = yaml_scalar(value["text"]), yaml_scalar(value["url"])
            lines.append(f"{prefix}{key}: {{text: {text}, url: {url}}}")
        else:
            lines.append(f"{prefix}{key}: {yaml_scalar(value)}")
    return lines


def _model_files(models: list[list[tuple[str, Any]]], folder: str) -> list[tuple[str, str]]:
    """``(path, text)`` per model: the file named after the model, unique."""
    files: list[tuple[str, str]] = []
    taken: set[str] = set()
    for model in models:
        name = str(dict(model).get("model", "model"))
        stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "model"
        candidate, number = stem, 1
        while candidate in taken:
            number += 1
            candidate = f"{stem}-{number}"
        taken.add(candidate)
        files.append((f"{folder.rstrip('/')}/{candidate}.yaml", _text(_model_lines(model, "", ""))))
    return files


def _column_lines(columns: Iterable[Column], level: int, markup_keys: set[str]) -> list[str]:
    indent = "  " * level
    lines = []
    for column in columns:
        if column.is_group:
            lines.append(f"{indent}- label: {yaml_scalar(column.label)}")
            lines.append(f"{indent}  columns:")
            lines.extend(_column_lines(column.columns, level + 2, markup_keys))
        else:
            settings = f", type: {column.type}" if column.type != "text" else ""
            if column.missing:
                settings += f", missing: [{', '.join(yaml_scalar(m) for m in column.missing)}]"
            settings += ", markup: myst" if column.key in markup_keys else ""
            label = yaml_scalar(column.label)
            lines.append(f"{indent}- {{key: {column.key}, label: {label}{settings}}}")
    return lines


def _task_lines(tasks: list[SourceTask], level: int) -> list[str]:
    indent = "  " * level
    lines = []
    for task in tasks:
        lines.append(f"{indent}- name: {yaml_scalar(task.name)}")
        if task.key:
            lines.append(f"{indent}  key: {yaml_scalar(task.key)}")
        if task.description:
            lines.append(f"{indent}  description: {yaml_scalar(task.description)}")
        if not task.bold:
            lines.append(f"{indent}  bold: false")
        if task.subtasks:
            lines.append(f"{indent}  subtasks:")
            lines.extend(_task_lines(task.subtasks, level + 2))
    return lines


def page_text(
    title: str,
    data_path: str,
    tasks_heading: str | None,
    table_heading: str | None,
    has_tasks: bool,
    matrix: bool = False,
) -> str:
    """A MyST page that shows the imported data as the source page did. Titles from the
    source are text: the punctuation that starts markup escaped, on one line, so no title
    makes a role, a directive, a block or HTML."""
    parts = [f"# {markdown_text(title)}", ""]
    if has_tasks:
        if tasks_heading:
            parts += [f"## {markdown_text(tasks_heading)}", ""]
        parts += [f"```{{vlm-tasks}} {data_path}", "```", ""]
    if table_heading:
        parts += [f"## {markdown_text(table_heading)}", ""]
    parts += [f"```{{vlm-table}} {data_path}", "```", ""]
    if matrix and has_tasks:  # the columns of marks, as a capability matrix
        parts += [f"```{{vlm-matrix}} {data_path}", "```", ""]
    return "\n".join(parts)


def same_layout(columns: tuple[Column, ...], default: tuple[Column, ...]) -> bool:
    def shape(level: Iterable[Column]) -> list[Any]:
        return [(c.label, c.key, c.type, c.missing, shape(c.columns)) for c in level]

    return shape(columns) == shape(default)
