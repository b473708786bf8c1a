"""``models_from``: models kept in files of their own beside the data file, one model
(or a ``models`` list) per file.

Each file's problems are its own (reported in it) and stop nothing: one broken model
file leaves its models out and the table built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sphinx_vlmtable.data.model import MODEL_KEY, Model
from sphinx_vlmtable.data.validate.models import ModelChecker
from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.validate.scalars import (
    check_keys,
    read_list,
    read_one_or_list,
    read_text,
)
from sphinx_vlmtable.data.yamlsource import (
    MarkedNode,
    YamlSourceError,
    decode_data,
    parse_marked_yaml,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning

#: What ``models_from`` patterns give: ``(path, the file's bytes or why it was not
#: read)`` for each file, in order; or why the pattern itself is refused.
ModelFiles = list[tuple[str, bytes | str]]
ReadModels = Callable[[str], ModelFiles | str]

#: Why there are no model files when the data file has no folder to find them in.
NO_FOLDER = "models_from needs the data file's folder (not standard input)"


@dataclass
class ModelsFrom:
    """Reads the files ``models_from`` matches, each once, and remembers which files and
    patterns were read (a page showing the data depends on them all)."""

    reporter: ProblemReporter
    models: ModelChecker
    #: Finds the files of a pattern (``data/files.py``: beside the data file).
    read_models: ReadModels | None
    files: list[str] = field(default_factory=list)
    patterns: list[str] = field(default_factory=list)
    #: The files read so far: one reached again by another pattern is not read again.
    taken: set[str] = field(default_factory=set)

    def read(self, node: MarkedNode) -> list[Model]:
        """``models_from: models/*.yaml`` (or a list of patterns): the models of each
        file, files in name order."""
        models: list[Model] = []
        for item in read_one_or_list(self.reporter, node, "'models_from'"):
            pattern = read_text(self.reporter, item, "a models_from pattern")
            if pattern is None:
                continue
            self.patterns.append(pattern)
            found = self.read_models(pattern) if self.read_models is not None else NO_FOLDER
            if isinstance(found, str):
                message = f"models_from {pattern!r}: {found}"
                self.reporter.report(
                    VlmTableWarning.FILE, message, item.line, item.column, stops=False
                )
                continue
            if not found:
                message = f"models_from {pattern!r} matches no file"
                self.reporter.report(
                    VlmTableWarning.FILE, message, item.line, item.column, stops=False
                )
            for path, raw in found:
                if path not in self.taken:
                    self.taken.add(path)
                    models += self._model_file(path, raw)
        return models

    def _model_file(self, path: str, raw: bytes | str) -> list[Model]:
        """The models of one file, its problems reported in it."""
        self.files.append(path)
        with self.reporter.reading(path):
            if isinstance(raw, str):
                self.reporter.report(VlmTableWarning.FILE, raw, 1, stops=False)
                return []
            try:
                root = parse_marked_yaml(decode_data(raw))
            except YamlSourceError as error:
                problem = error.problem
                self.reporter.report(
                    problem.kind, problem.message, problem.line, problem.column, stops=False
                )
                return []
            if MODEL_KEY in root.items or "models" not in root.items:
                return self.models.read([root])  # one model
            check_keys(self.reporter, root, ("models",), "a model file")
            return self.models.read(read_list(self.reporter, root.items["models"][1], "'models'"))
