"""The house rules a newcomer can rely on: layers as folders, each importing only the
layers below it, and small functions."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "sphinx_vlmtable"
#: Each layer and the layers it may import (besides the shared warnings module).
LAYERS = {
    "data": set(),
    "view": {"data"},
    "nodes": {"data", "view"},
    "output": {"data", "view", "nodes", "config", "state"},
    "importer": {"data"},
    "directives": {"data", "view", "nodes", "output", "config", "state", "domain"},
    "cli": {"data", "view", "importer"},
}
#: What a layer may not import at all.
FORBIDDEN = {layer: ("docutils", "sphinx") for layer in ("data", "view", "importer", "cli")}
MAX_FUNCTION_LINES = 60
MAX_CLASS_LINES = 250
MAX_MODULE_LINES = 450


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_each_layer_imports_only_the_layers_below_it() -> None:
    wrong = []
    for layer, allowed in LAYERS.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] in FORBIDDEN.get(layer, ()):
                    wrong.append(f"{path.name} imports {module}")
                if parts[0] != "sphinx_vlmtable" or len(parts) < 2:
                    continue
                target = parts[1]
                if target not in (layer, "warnings_") and target not in allowed:
                    wrong.append(f"{layer}/{path.name} imports {module}")
    assert wrong == []


#: Where the sizes are checked: the package, its tests and its benchmarks.
CHECKED = (PACKAGE, PACKAGE.parent / "tests", PACKAGE.parent / "benchmarks")


def _sources() -> list[Path]:
    return [
        path
        for folder in CHECKED
        for path in sorted(folder.rglob("*.py"))
        if "roots" not in path.parts  # test projects' conf.py files
    ]


def test_no_function_class_or_module_is_too_long_as_the_formatter_writes_it() -> None:
    # A formatter's skip comment would let a function fit by packing lines: none is allowed.
    skip = "fmt: " + "skip"
    too_long = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(PACKAGE.parent))
        if skip in text:
            too_long.append(f"{name} keeps lines from the formatter")
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{name} {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            lines = (getattr(node, "end_lineno", None) or 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                limit = MAX_FUNCTION_LINES
            elif isinstance(node, ast.ClassDef):
                limit = MAX_CLASS_LINES
            else:
                continue
            if lines > limit:
                too_long.append(f"{name}:{node.lineno} {node.name} {lines}")
    assert too_long == []


def test_every_module_says_what_it_is_for() -> None:
    bare = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert bare == []
