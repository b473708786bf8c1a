"""The project's ``vlmtable_*`` settings for the ``vlmtable`` command, read without Sphinx
and without running anything: ``[tool.vlmtable]`` of the nearest ``pyproject.toml``, or
the ``vlmtable_*`` assignments of a ``conf.py``.

A conf.py is Python, and running it would run whatever it imports; it is parsed with
``ast`` instead, and only a top-level assignment of a literal (a string, number, boolean,
list, tuple or dict of them) is taken. Anything else (a name, a call, an f-string, an
assignment inside ``if``) is a message saying where and why, and the value is then not
read: the command's own option, or the default, is used.
"""

from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass, field
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 (tomli is then a dependency)
    import tomli as tomllib

#: The prefix of the settings' names in conf.py.
CONF_PREFIX = "vlmtable_"
#: Largest conf.py or pyproject.toml read (a project's own files are far smaller).
MAX_SETTINGS_FILE = 1_000_000
#: The ``[tool.vlmtable]`` key that names the conf.py whose values it starts from.
CONF_KEY = "conf"


@dataclass
class ProjectSettings:
    """Settings by name (without the prefix), each with where it is set; and the
    messages about values that could not be read."""

    values: dict[str, tuple[object, str]] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    #: The files read, in order.
    sources: list[str] = field(default_factory=list)


def find_pyproject(start: str) -> str | None:
    """The nearest ``pyproject.toml`` in ``start`` or a folder above it, or None."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_text(path: str, found: ProjectSettings) -> str | None:
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_SETTINGS_FILE + 1)
    except OSError as error:
        found.messages.append(f"{path}: cannot read it: {error.strerror or error}")
        return None
    if len(raw) > MAX_SETTINGS_FILE:
        found.messages.append(f"{path}: more than {MAX_SETTINGS_FILE:,} bytes; not read")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        found.messages.append(f"{path}: not UTF-8; not read")
        return None


def read_conf_py(path: str, found: ProjectSettings | None = None) -> ProjectSettings:
    """The literal ``vlmtable_*`` values a conf.py assigns at its top level (the last
    assignment of each, as Python would leave it); never run."""
    found = found if found is not None else ProjectSettings()
    text = _read_text(path, found)
    if text is None:
        return found
    found.sources.append(path)
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        line = getattr(error, "lineno", None) or 1
        found.messages.append(f"{path}:{line}: cannot be parsed as Python; its values not read")
        return found
    for statement in tree.body:
        _read_statement(statement, path, found)
    for nested in _nested_statements(tree.body):
        for name in _assigned_names(nested):
            if name.startswith(CONF_PREFIX):
                found.messages.append(
                    f"{path}:{nested.lineno}: {name} is set inside a block (if, try, for, "
                    "with, a function); vlmtable reads conf.py without running it, so only "
                    "a top-level assignment counts"
                )
    return found


def _read_statement(statement: ast.stmt, path: str, found: ProjectSettings) -> None:
    """A top-level statement's ``vlmtable_*`` value, or why it cannot be read."""
    value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
    names = [name for name in _assigned_names(statement) if name.startswith(CONF_PREFIX)]
    for name in names:
        where = f"{path}:{statement.lineno}"
        key = name[len(CONF_PREFIX) :]
        if value is None or isinstance(statement, ast.AugAssign):
            reason = "changed in place (+=, a for loop, an import)"
        elif not all(isinstance(t, (ast.Name, ast.Attribute)) for t in _targets(statement)):
            reason = "unpacked from a tuple"
        else:
            try:
                found.values[key] = (ast.literal_eval(value), where)
                continue
            except (ValueError, TypeError, SyntaxError, RecursionError, MemoryError):
                reason = f"not a literal ({type(value).__name__.lower()})"
        found.values.pop(key, None)  # a later statement that is not read ends the earlier
        found.messages.append(
            f"{where}: {name} is {reason}; vlmtable reads conf.py without running it, so "
            "write the value itself (a string, number, boolean or a list of them) or give "
            "it on the command line"
        )


def _targets(statement: ast.stmt) -> list[ast.expr]:
    if isinstance(statement, ast.Assign):
        return [*statement.targets]
    if isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        return [statement.target]
    return []


def _assigned_names(statement: ast.stmt) -> list[str]:
    """The names a statement binds at its own level (not in blocks inside it)."""
    targets = _targets(statement)
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        targets = [statement.target]
    elif isinstance(statement, (ast.Import, ast.ImportFrom)):
        return [(alias.asname or alias.name).split(".")[0] for alias in statement.names]
    names = []
    for target in targets:
        names += [node.id for node in ast.walk(target) if isinstance(node, ast.Name)]
    return names


def _nested_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements inside the top-level blocks (if, try, for, with, def...)."""
    found: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)):
            continue
        for node in ast.walk(statement):
            if node is not statement and isinstance(node, ast.stmt):
                found.append(node)
    return found


def read_pyproject(path: str) -> ProjectSettings:
    """``[tool.vlmtable]`` of a pyproject.toml (``max-file-size`` or ``max_file_size``);
    ``conf = "docs/conf.py"`` reads that conf.py's values first, and the table's own
    values are laid over them."""
    found = ProjectSettings()
    text = _read_text(path, found)
    if text is None:
        return found
    found.sources.append(path)
    try:
        table: Any = tomllib.loads(text).get("tool", {}).get("vlmtable", {})
    except tomllib.TOMLDecodeError as error:
        found.messages.append(f"{path}: not valid TOML ({error}); its values not read")
        return found
    if not isinstance(table, dict):
        found.messages.append(f"{path}: [tool.vlmtable] is not a table; not read")
        return found
    where = f"{path} [tool.vlmtable]"
    conf = table.get(CONF_KEY)
    if isinstance(conf, str) and conf:
        read_conf_py(os.path.join(os.path.dirname(path), conf), found)
    elif conf is not None:
        found.messages.append(f"{where}: {CONF_KEY} must be the path of a conf.py")
    for key, value in table.items():
        if key != CONF_KEY:
            found.values[key.replace("-", "_")] = (value, where)
    return found


def project_settings(conf_py: str | None, start: str) -> ProjectSettings:
    """The settings of ``conf_py`` when given, else of the nearest pyproject.toml above
    ``start`` (none: no settings)."""
    if conf_py is not None:
        return read_conf_py(conf_py)
    pyproject = find_pyproject(start)
    return read_pyproject(pyproject) if pyproject is not None else ProjectSettings()
