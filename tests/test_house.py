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


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} {lines}")
    assert long == []


def test_every_module_says_what_it_is_for() -> None:
    bare = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert bare == []
