"""A marked YAML tree to the data model: every problem collected with its line.

Nothing here imports docutils: the same validation serves the directives and the
``vlmtable check`` command, so one build reports all problems, not only the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from sphinx_vlmtable.data.model import (
    ADDED_KEY,
    ALIASES_KEY,
    DEFAULT_COLUMNS,
    DEFAULT_LAYOUT_HINT,
    ID_KEY,
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    TASK_STATES,
    TASKS_KEY,
    UPDATED_KEY,
    URL_KEY,
    Column,
    LoadResult,
    Model,
    SurveyData,
    Task,
    iter_leaves,
    iter_tasks,
    missing_texts,
    snake_case,
)
from sphinx_vlmtable.data.suggest import MAX_SUGGESTIONS, did_you_mean
from sphinx_vlmtable.data.values import COLUMN_TYPES, describe_type, parse_date, parse_value
from sphinx_vlmtable.data.yamlsource import (
    MarkedMapping,
    MarkedNode,
    MarkedScalar,
    MarkedSequence,
    YamlSourceError,
    decode_data,
    parse_marked_yaml,
)
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning, quoted

TOP_LEVEL_KEYS = ("columns", "column_settings", "missing", "models", "models_from", "tasks")

#: What ``models_from`` patterns give: ``(path, the file's bytes or why it was not
#: read)`` for each file, in order; or why the pattern itself is refused.
ModelFiles = list[tuple[str, bytes | str]]
ReadModels = Callable[[str], ModelFiles | str]


#: What a leaf column may say about its cells, in ``columns`` or ``column_settings``.
SETTING_KEYS = ("type", "align", "best", "markup", "missing")


COLUMN_KEYS = ("key", "label", "columns", *SETTING_KEYS)


#: The values each setting may take.
SETTING_CHOICES = {
    "type": COLUMN_TYPES,
    "align": ("left", "center", "right"),
    "best": ("max", "min"),
    "markup": ("rst", "myst"),
}


TASK_KEYS = ("name", "key", "description", "subtasks", "bold")


CELL_KEYS = ("text", "url", "value")


_TRUE = ("true", "yes", "on")


_FALSE = ("false", "no", "off")


def load_survey_text(
    raw: bytes,
    max_problems: int = 100,
    placeholder: str = "-",
    read_models: ReadModels | None = None,
) -> LoadResult:
    """Decode, parse and validate a data file's bytes; at most ``max_problems`` problems
    are kept, and one more says how many were left out. ``placeholder`` is the
    ``vlmtable_missing`` text, which never needs to parse in a typed column.
    ``read_models`` finds the files of ``models_from`` (``files.py``: beside the file)."""
    try:
        root = parse_marked_yaml(decode_data(raw))
    except YamlSourceError as error:
        return LoadResult(SurveyData(), (error.problem,))
    validator = _Validator(max_problems=max_problems, placeholder=placeholder)
    validator.read_models = read_models
    return validator.validate(root)


@dataclass
class _ModelFields:
    """What a model's keys give, as they are read."""

    values: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] | None = None
    aliases: tuple[str, ...] = ()
    invalid: set[str] = field(default_factory=set)
    row_id: str | None = None
    given: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)


@dataclass
class _Validator:
    problems: list[DataProblem] = field(default_factory=list)
    section: str = "file"
    max_problems: int = 100
    #: Problems found beyond the cap: counted, not kept; and whether one of them stops
    #: its section (the line that counts them stops it then, and only then).
    left_out: int = 0
    left_out_stops: bool = False
    left_out_section: str = "file"
    suggestions: int = 0
    placeholder: str = "-"
    file_missing: tuple[str, ...] | None = None
    declared: bool = False
    typed: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    task_keys: dict[str, str] = field(default_factory=dict)
    #: While one model is read: its problems do not stop the table (see ``report``).
    in_model: bool = False
    #: The model file being read (``models_from``); None: the data file itself.
    source: str | None = None
    read_models: ReadModels | None = None
    #: Each model's name, to where it first is: (line, model file or None).
    names: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    #: Each ``id`` given, where; and whether the first row of each name has one.
    row_ids: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    first_has_id: dict[str, bool] = field(default_factory=dict)
    model_files: list[str] = field(default_factory=list)
    taken_files: set[str] = field(default_factory=set)
    model_patterns: list[str] = field(default_factory=list)

    def report(
        self, kind: VlmTableWarning, message: str, line: int, column: int = 1, stops: bool = True
    ) -> None:
        # Fail soft: a problem inside one model leaves that value (or that row) out and
        # the table built; -W still fails on the warning.
        stops = stops and not self.in_model
        if len(self.problems) >= self.max_problems:
            if not self.left_out:
                self.left_out_section = self.section
            self.left_out += 1
            self.left_out_stops = self.left_out_stops or stops
            return
        self.problems.append(
            DataProblem(kind, message, line, column, self.section, stops, self.source)
        )

    def did_you_mean(self, word: str, candidates: Iterable[str]) -> str:
        if self.suggestions >= MAX_SUGGESTIONS or len(self.problems) >= self.max_problems:
            return ""
        self.suggestions += 1
        return did_you_mean(word, candidates)

    def validate(self, root: MarkedMapping) -> LoadResult:
        self.check_keys(root, TOP_LEVEL_KEYS, "the top level")
        columns = DEFAULT_COLUMNS
        declared = self.declared = "columns" in root.items
        self.section = "columns"
        if declared:
            columns = self.columns_tree(root.items["columns"][1])
        if "column_settings" in root.items:
            columns = self.column_settings(root.items["column_settings"][1], columns, declared)
        missing = None
        if "missing" in root.items:
            missing = self.missing_list(root.items["missing"][1], "'missing'")
        self.file_missing = missing
        tasks: tuple[Task, ...] = ()
        if "tasks" in root.items:
            self.section = "tasks"
            tasks = self.task_list(root.items["tasks"][1])
        self.task_keys = self.task_index(tasks)
        self.section = "models"
        models = self.all_models(root, columns)
        if self.left_out:
            last = self.problems[-1]
            self.problems.append(
                DataProblem(
                    last.kind,
                    f"{self.left_out:,} more problem(s) in this file are not shown "
                    f"(vlmtable_max_problems is {self.max_problems})",
                    last.line,
                    last.column,
                    self.left_out_section,
                    self.left_out_stops,
                )
            )
        data = SurveyData(
            columns, models, tasks, missing, declared,
            tuple(self.model_files), tuple(self.model_patterns),
        )  # fmt: skip
        return LoadResult(data, tuple(self.problems))

    def all_models(self, root: MarkedMapping, columns: tuple[Column, ...]) -> tuple[Model, ...]:
        """The models of ``models``, then those of each ``models_from`` file."""
        self.prepare_models(columns)
        models: list[Model] = []
        if "models" in root.items:
            models += self.models(self.sequence(root.items["models"][1], "'models'"))
        if "models_from" in root.items:
            models += self.models_from(root.items["models_from"][1])
        if "models" not in root.items and "models_from" not in root.items:
            self.report(
                VlmTableWarning.MISSING_KEY,
                "the file has no 'models' list (tables show its models)",
                root.line,
                root.column,
            )
        elif not models and not any(p.section == "models" for p in self.problems):
            node = root.items.get("models", root.items.get("models_from"))
            assert node is not None
            message = (
                "the file has no models (none in 'models', none from 'models_from'): a "
                "table needs at least one"
                if "models_from" in root.items
                else "'models' is empty: a table needs at least one model"
            )
            self.report(VlmTableWarning.MISSING_KEY, message, node[1].line, node[1].column)
        return self.unique_aliases(models)

    def models_from(self, node: MarkedNode) -> list[Model]:
        """``models_from: models/*.yaml``: one model (or a list of them) per file,
        files in name order; each file's problems are its own and stop nothing."""
        patterns = [node] if type(node) is MarkedScalar else self.sequence(node, "'models_from'")
        models: list[Model] = []
        for item in patterns:
            pattern = self.text(item, "a models_from pattern")
            if pattern is None:
                continue
            self.model_patterns.append(pattern)
            found = self.read_models(pattern) if self.read_models is not None else (
                "models_from needs the data file's folder (not standard input)"
            )  # fmt: skip
            if isinstance(found, str):
                self.report(VlmTableWarning.FILE, f"models_from {pattern!r}: {found}",
                            item.line, item.column, stops=False)  # fmt: skip
                continue
            if not found:
                self.report(VlmTableWarning.FILE, f"models_from {pattern!r} matches no file",
                            item.line, item.column, stops=False)  # fmt: skip
            for path, raw in found:
                if path not in self.taken_files:  # reached again: read once, taken once
                    self.taken_files.add(path)
                    models += self.model_file(path, raw)
        return models

    def model_file(self, path: str, raw: bytes | str) -> list[Model]:
        self.model_files.append(path)
        self.source = path
        try:
            if isinstance(raw, str):
                self.report(VlmTableWarning.FILE, raw, 1, stops=False)
                return []
            try:
                root = parse_marked_yaml(decode_data(raw))
            except YamlSourceError as error:
                problem = error.problem
                self.report(problem.kind, problem.message, problem.line, problem.column,
                            stops=False)  # fmt: skip
                return []
            if MODEL_KEY in root.items or "models" not in root.items:
                return self.models([root])  # one model
            self.check_keys(root, ("models",), "a model file")
            return self.models(self.sequence(root.items["models"][1], "'models'"))
        finally:
            self.source = None

    # -- shared checks ------------------------------------------------------

    def check_keys(self, mapping: MarkedMapping, known: Iterable[str], where: str) -> None:
        known = tuple(known)
        for key_text, (key, _value) in mapping.items.items():
            if key_text not in known:
                self.report(
                    VlmTableWarning.UNKNOWN_KEY,
                    f"unknown key {key_text!r} in {where}{self.did_you_mean(key_text, known)}",
                    key.line,
                    key.column,
                )

    def text(self, node: MarkedNode, what: str) -> str | None:
        """The text of a scalar as written; None (with a problem) for anything else."""
        if type(node) is MarkedScalar:
            return node.text
        if type(node) is MarkedSequence and _is_lone_dash(node):
            self.report(
                VlmTableWarning.TYPE,
                f"{what} is an unquoted lone '-', which YAML reads as a list: write it "
                "quoted as '-', or leave the key out to get the placeholder",
                node.line,
                node.column,
            )
            return None
        shape = "a list" if type(node) is MarkedSequence else "a mapping"
        self.report(
            VlmTableWarning.TYPE, f"{what} must be text, not {shape}", node.line, node.column
        )
        return None

    def sequence(self, node: MarkedNode, what: str) -> list[MarkedNode]:
        if type(node) is MarkedSequence:
            return node.items
        if type(node) is MarkedScalar and node.plain and not node.text:
            return []  # "tasks:" with nothing after it is an empty list
        self.report(VlmTableWarning.TYPE, f"{what} must be a list", node.line, node.column)
        return []

    def mapping(self, node: MarkedNode, what: str) -> MarkedMapping | None:
        if type(node) is MarkedMapping:
            return node
        self.report(VlmTableWarning.TYPE, f"{what} must be a mapping", node.line, node.column)
        return None

    def url(self, node: MarkedNode, what: str) -> str | None:
        url = self.text(node, what)
        if url is None:
            return None
        assert type(node) is MarkedScalar
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - a bad port raises only when read
        except ValueError as error:
            self.report(
                VlmTableWarning.URL,
                f"{what} {url!r} is not a valid address: {error}",
                node.line,
                node.column,
            )
            return None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            self.report(
                VlmTableWarning.URL,
                f"{what} {url!r} must be an http:// or https:// address",
                node.line,
                node.column,
            )
            return None
        return url

    def flag(self, node: MarkedNode, what: str) -> bool:
        text = self.text(node, what)
        if text is not None and text.lower() in _TRUE:
            return True
        if text is not None and text.lower() in _FALSE:
            return False
        if text is not None:
            assert type(node) is MarkedScalar
            self.report(
                VlmTableWarning.TYPE, f"{what} must be true or false", node.line, node.column
            )
        return True

    # -- columns -------------------------------------------------------------

    def columns_tree(self, node: MarkedNode) -> tuple[Column, ...]:
        problems_before = len(self.problems)
        columns = tuple(
            c for c in (self.column(item) for item in self.sequence(node, "'columns'")) if c
        )
        if len(self.problems) > problems_before:
            return columns or DEFAULT_COLUMNS
        seen: dict[str, Column] = {}
        for leaf in iter_leaves(columns):
            assert leaf.key is not None
            if leaf.key in seen:
                self.report(
                    VlmTableWarning.COLUMNS,
                    f"duplicate column key {leaf.key!r} (first at line {seen[leaf.key].line})",
                    leaf.line,
                )
            seen.setdefault(leaf.key, leaf)
        if MODEL_KEY not in seen:
            self.report(
                VlmTableWarning.COLUMNS,
                f"the columns have no {MODEL_KEY!r} column; it names each model",
                node.line,
                node.column,
            )
        return columns

    def column(self, node: MarkedNode) -> Column | None:
        mapping = self.mapping(node, "a column")
        if mapping is None:
            return None
        self.check_keys(mapping, COLUMN_KEYS, "a column")
        items = mapping.items
        label = self.column_label(mapping)
        if "key" in items and "columns" in items:
            self.report(
                VlmTableWarning.COLUMNS,
                "a column has either 'key' (a leaf) or 'columns' (a group), not both",
                mapping.line,
                mapping.column,
            )
            return None
        if "columns" in items:
            return self.group(mapping, label)
        if "key" not in items:
            self.report(
                VlmTableWarning.MISSING_KEY,
                "a column needs a 'key' (a leaf) or 'columns' (a group)",
                mapping.line,
                mapping.column,
            )
            return None
        key = self.column_key(items["key"][1])
        if key is None:
            return None
        return self.with_settings(Column(label or "", key, (), mapping.line), mapping)

    def column_label(self, mapping: MarkedMapping) -> str | None:
        items = mapping.items
        if "label" not in items:
            self.report(
                VlmTableWarning.MISSING_KEY,
                "a column needs a 'label'",
                mapping.line,
                mapping.column,
            )
            return None
        node = items["label"][1]
        label = self.text(node, "a column's label")
        if label is not None and not label.strip():
            self.report(
                VlmTableWarning.COLUMNS, "a column's label is empty", node.line, node.column
            )
        return label

    def group(self, mapping: MarkedMapping, label: str | None) -> Column | None:
        children_node = mapping.items["columns"][1]
        columns = (self.column(item) for item in self.sequence(children_node, "'columns'"))
        children = tuple(column for column in columns if column)
        if not self.sequence_has_items(children_node):
            self.report(
                VlmTableWarning.COLUMNS,
                f"the group {label!r} has no columns",
                children_node.line,
                children_node.column,
            )
            return None
        return Column(label or "", None, children, mapping.line) if children else None

    def column_key(self, node: MarkedNode) -> str | None:
        """A leaf's key, if it is one a column may have."""
        key = self.text(node, "a column's key")
        if key is not None and not key.strip():
            self.report(VlmTableWarning.COLUMNS, "a column's key is empty", node.line, node.column)
            return None
        if key in RESERVED_MODEL_KEYS:
            self.report(
                VlmTableWarning.COLUMNS,
                f"a column cannot have the key {key!r}: models use it for something else "
                f"(reserved keys: {', '.join(RESERVED_MODEL_KEYS)})",
                node.line,
                node.column,
            )
            return None
        return key

    def with_settings(self, column: Column, mapping: MarkedMapping) -> Column:
        """The leaf with the settings this mapping gives it (type, align, best, ...)."""
        changes: dict[str, object] = {}
        for name in SETTING_KEYS:
            if name not in mapping.items:
                continue
            node = mapping.items[name][1]
            if name == "missing":
                changes[name] = self.missing_list(node, f"the 'missing' of {column.key!r}")
                continue
            value = self.text(node, f"a column's {name!r}")
            if value is None:
                continue
            if value not in SETTING_CHOICES[name]:
                choices = ", ".join(SETTING_CHOICES[name])
                self.report(
                    VlmTableWarning.COLUMNS,
                    f"a column's {name!r} must be one of {choices}, not {quoted(value)}",
                    node.line,
                    node.column,
                )
                continue
            changes[name] = value
        if changes.get("best") and changes.get("markup", column.markup):
            self.report(
                VlmTableWarning.COLUMNS,
                f"the column {column.key!r} has both 'best' and 'markup'; best values are "
                "marked in plain columns only",
                mapping.line,
                mapping.column,
            )
            changes.pop("best")
        return replace(column, **changes) if changes else column  # type: ignore[arg-type]

    def column_settings(
        self, node: MarkedNode, columns: tuple[Column, ...], declared: bool
    ) -> tuple[Column, ...]:
        """``column_settings: {year: {type: date}, ...}``: settings for leaves by key, so
        the default layout's columns can be typed without restating the tree."""
        mapping = self.mapping(node, "'column_settings'")
        if mapping is None:
            return columns
        leaves = {leaf.key: leaf for leaf in iter_leaves(columns)}
        updated: dict[str, Column] = {}
        for key_text, (key, value) in mapping.items.items():
            if key_text not in leaves:
                hint = "" if declared else f"; {DEFAULT_LAYOUT_HINT}"
                self.report(
                    VlmTableWarning.UNKNOWN_KEY,
                    f"'column_settings' names {key_text!r}, but no column has that key"
                    f"{self.did_you_mean(key_text, [k for k in leaves if k])}{hint}",
                    key.line,
                    key.column,
                )
                continue
            settings = self.mapping(value, f"the settings of {key_text!r}")
            if settings is None:
                continue
            self.check_keys(settings, SETTING_KEYS, f"the settings of {key_text!r}")
            updated[key_text] = self.with_settings(leaves[key_text], settings)
        return _replace_leaves(columns, updated) if updated else columns

    def missing_list(self, node: MarkedNode, what: str) -> tuple[str, ...] | None:
        """A text, or a list of texts, that mean "no value"."""
        if type(node) is MarkedScalar:
            return (node.text,)
        if type(node) is MarkedSequence and not _is_lone_dash(node):
            texts = [self.text(item, f"an entry of {what}") for item in node.items]
            return tuple(text for text in texts if text is not None)
        self.text(node, what)  # reports the shape
        return None

    @staticmethod
    def sequence_has_items(node: MarkedNode) -> bool:
        return type(node) is MarkedSequence and bool(node.items)

    # -- models --------------------------------------------------------------

    def prepare_models(self, columns: tuple[Column, ...]) -> None:
        self.column_keys = [leaf.key for leaf in iter_leaves(columns) if leaf.key is not None]
        self.known = frozenset(self.column_keys) | set(RESERVED_MODEL_KEYS)
        # Typed columns: their type, and the texts that need not parse ("no value").
        self.typed = {
            leaf.key: (leaf.type, missing_texts(leaf, self.file_missing, self.placeholder))
            for leaf in iter_leaves(columns)
            if leaf.key is not None and leaf.type != "text"
        }

    def models(self, items: Iterable[MarkedNode]) -> list[Model]:
        names, row_ids = self.names, self.row_ids
        models: list[Model] = []
        for item in items:
            self.in_model = True
            try:
                model = self.model(item, self.known, self.column_keys)
            finally:
                self.in_model = False
            if model is None:
                continue
            model = self.note_name(model, names, row_ids)
            models.append(model)
        return models

    def note_name(
        self,
        model: Model,
        names: dict[str, tuple[int, str | None]],
        row_ids: dict[str, tuple[int, str | None]],
    ) -> Model:
        """A repeated name is a problem unless ids tell the rows apart; a repeated id is
        (it is left out: the row is known by its name)."""
        row_id = model.row_id
        if row_id is not None and row_id in row_ids:
            self.report(
                VlmTableWarning.DUPLICATE_MODEL,
                f"duplicate id {row_id!r} (first at {self.where(*row_ids[row_id])}); "
                "it is left out",
                model.line, model.column, stops=False,
            )  # fmt: skip
            model = replace(model, row_id=None)
        elif row_id is not None:
            row_ids[row_id] = (model.line, self.source)
        if model.name not in names:
            names[model.name] = (model.line, self.source)
            self.first_has_id[model.name] = model.row_id is not None
        elif model.row_id is None or not self.first_has_id.get(model.name):
            # Both rows are shown; links and the index go to the first.
            self.report(
                VlmTableWarning.DUPLICATE_MODEL,
                f"duplicate model {model.name!r} (first at {self.where(*names[model.name])}); "
                "both rows are shown, links go to the first (give each an 'id' if both are "
                "meant)",
                model.line, model.column, stops=False,
            )  # fmt: skip
        return model

    def where(self, line: int, source: str | None) -> str:
        """Where an earlier entry is: its line, in its file when that is another one."""
        return f"line {line}" if source == self.source else f"{source or 'the data file'}:{line}"

    def unique_aliases(self, models: list[Model]) -> tuple[Model, ...]:
        """Each alias names one model: not another's name or alias (then it is left out,
        with a warning; the rows are all shown)."""
        taken: dict[str, int] = {name: line for name, (line, _source) in self.names.items()}
        for index, model in enumerate(models):
            kept = []
            for alias in model.aliases:
                if alias in taken:
                    self.source = model.source
                    self.report(
                        VlmTableWarning.DUPLICATE_MODEL,
                        f"the alias {alias!r} of {model.name!r} already names a model "
                        f"(line {taken[alias]}); it is left out",
                        model.line,
                        model.column,
                        stops=False,
                    )
                    self.source = None
                    continue
                taken[alias] = model.line
                kept.append(alias)
            if len(kept) != len(model.aliases):
                models[index] = replace(model, aliases=tuple(kept))
        return tuple(models)

    def model(
        self, node: MarkedNode, known: frozenset[str], column_keys: list[str]
    ) -> Model | None:
        mapping = self.mapping(node, "a model")
        if mapping is None:
            return None
        found = _ModelFields()
        for key_text, (key, value) in mapping.items.items():
            if key_text not in known:
                self.report(
                    VlmTableWarning.UNKNOWN_KEY,
                    f"the model has a value for {key_text!r}, but no column has that key"
                    f"{self.did_you_mean(key_text, column_keys)}"
                    + ("" if self.declared else f"; {DEFAULT_LAYOUT_HINT}"),
                    key.line,
                    key.column,
                )
            else:
                self.model_value(key_text, value, found)
        values, links = found.values, found.links
        name = values.get(MODEL_KEY, "")
        if not name.strip():
            self.report(
                VlmTableWarning.MISSING_KEY,
                f"the model has no name: give it a non-empty {MODEL_KEY!r}",
                mapping.line,
                mapping.column,
            )
            return None
        aliases = tuple(alias for alias in dict.fromkeys(found.aliases) if alias != name)
        lines = {key_text: value.line for key_text, (_key, value) in mapping.items.items()}
        return Model(
            name, values, links, mapping.line, mapping.column, found.states, aliases, lines,
            frozenset(found.invalid), self.source, found.row_id, found.given,
            found.dates.get(ADDED_KEY), found.dates.get(UPDATED_KEY),
        )  # fmt: skip

    def model_value(self, key_text: str, value: MarkedNode, found: _ModelFields) -> None:
        """One known key of a model: its link, task states, former names or a cell."""
        if key_text == URL_KEY:
            url = self.url(value, "the model's url")
            if url is not None:
                found.links[MODEL_KEY] = url
        elif key_text == TASKS_KEY:
            found.states = self.task_states(value)
        elif key_text == ALIASES_KEY:
            found.aliases = self.alias_list(value)
        elif key_text == ID_KEY:
            found.row_id = self.row_id(value)
        elif key_text in (ADDED_KEY, UPDATED_KEY):
            self.entry_date(key_text, value, found)
        elif type(value) is MarkedScalar:
            if value.text or not value.plain:  # "year:" with nothing is no value
                found.values[key_text] = value.text
                if key_text in self.typed and not self.check_typed(key_text, value):
                    found.invalid.add(key_text)
        elif type(value) is MarkedMapping:
            self.linked_cell(value, key_text, found)
            # A given value is what sorts and filters: it must parse, not the text.
            read = value.items.get("value") or value.items.get("text")
            if key_text in self.typed and read and not self.check_typed(key_text, read[1]):
                found.invalid.add(key_text)
        else:
            self.text(value, f"the value of {key_text!r}")

    def entry_date(self, key: str, node: MarkedNode, found: _ModelFields) -> None:
        """``added:`` / ``updated:``: a date as a date column takes it (else left out)."""
        text = self.text(node, f"the model's {key!r} date")
        if text is None:
            return
        if parse_date(text) is None:
            self.report(VlmTableWarning.TYPE,
                        f"{key!r} is {quoted(text)}, which is not {describe_type('date')}; "
                        "the row is not marked new or updated by it",
                        node.line, node.column, stops=False)  # fmt: skip
            return
        found.dates[key] = text

    def row_id(self, node: MarkedNode) -> str | None:
        """``id``: a non-empty text."""
        row_id = self.text(node, "the model's id")
        if row_id is not None and not row_id.strip():
            self.report(VlmTableWarning.TYPE, "an id must not be empty", node.line,
                        node.column, stops=False)  # fmt: skip
            return None
        return row_id

    def alias_list(self, node: MarkedNode) -> tuple[str, ...]:
        """``aliases``: a former name, or a list of them."""
        items = [node] if type(node) is MarkedScalar else self.sequence(node, "'aliases'")
        aliases = []
        for item in items:
            alias = self.text(item, "an alias")
            if alias is not None and alias.strip():
                aliases.append(alias)
            elif alias is not None:
                self.report(VlmTableWarning.TYPE, "an alias must not be empty", item.line,
                            item.column, stops=False)  # fmt: skip
        return tuple(aliases)

    # -- tasks a model states ---------------------------------------------------------

    def task_index(self, tasks: tuple[Task, ...]) -> dict[str, str]:
        """Each task's name and key, to its key; a key used twice is a problem."""
        index: dict[str, str] = {}
        keys: dict[str, Task] = {}
        for task in iter_tasks(tasks):
            if task.key in keys:
                self.report(
                    VlmTableWarning.DUPLICATE_KEY,
                    f"two tasks have the key {task.key!r} (the first at line "
                    f"{keys[task.key].line}); give one a 'key' of its own",
                    task.line,
                )
                continue
            keys[task.key] = task
            index[task.key] = task.key
            index.setdefault(task.name, task.key)
        return index

    def task_states(self, node: MarkedNode) -> dict[str, str] | None:
        """A model's ``tasks``: a list of task names or keys (those listed are "yes",
        the rest "no"), or a mapping of them to yes, partial or no."""
        section, self.section = self.section, "matrix"
        try:
            if type(node) is MarkedScalar and node.plain and not node.text:
                return None  # "tasks:" with nothing: not stated
            states: dict[str, str] = {}
            if type(node) is MarkedMapping:
                for name, (key, value) in node.items.items():
                    task = self.task_named(name, key)
                    state = self.text(value, f"the state of the task {name!r}")
                    if state is not None and state.lower() not in TASK_STATES:
                        self.report(
                            VlmTableWarning.TYPE,
                            f"the state of the task {name!r} must be yes, partial or no, "
                            f"not {state!r}",
                            value.line,
                            value.column,
                        )
                    elif task is not None and state is not None:
                        states[task] = state.lower()
                return states
            for item in self.sequence(node, "the model's 'tasks'"):
                listed = self.text(item, "a task in the model's 'tasks'")
                if listed is None:
                    continue
                assert type(item) is MarkedScalar
                listed_key = self.task_named(listed, item)
                if listed_key is not None:
                    states[listed_key] = "yes"
            return states
        finally:
            self.section = section

    def task_named(self, name: str, node: MarkedScalar) -> str | None:
        key = self.task_keys.get(name)
        if key is None:
            self.report(
                VlmTableWarning.UNKNOWN_KEY,
                f"the model states the task {name!r}, but 'tasks' has no task with that "
                f"name or key{self.did_you_mean(name, self.task_keys)}",
                node.line,
                node.column,
            )
        return key

    def check_typed(self, key: str, node: MarkedNode) -> bool:
        """A value in a typed column must parse, unless it means "no value". The cell is
        still shown as written; the problem does not stop the table. False if it does
        not parse."""
        column_type, missing = self.typed[key]
        if type(node) is not MarkedScalar or node.text in missing:
            return True
        if parse_value(node.text, column_type) is None:
            self.report(
                VlmTableWarning.VALUE,
                f"{quoted(node.text)} in the {column_type} column {key!r} is not "
                f"{describe_type(column_type)}; it is shown as written and sorted last "
                "(add it to 'missing' if it means no value)",
                node.line,
                node.column,
                stops=False,
            )
            return False
        return True

    def linked_cell(self, node: MarkedMapping, key: str, found: _ModelFields) -> None:
        """A cell written as ``{text: ..., url: ..., value: ...}``."""
        values, links = found.values, found.links
        self.check_keys(node, CELL_KEYS, f"the value of {key!r}")
        if "text" not in node.items:
            self.report(
                VlmTableWarning.MISSING_KEY,
                f"the value of {key!r} is a mapping, so it needs 'text' (and may have 'url' "
                "and 'value')",
                node.line,
                node.column,
            )
            return
        text = self.text(node.items["text"][1], f"the text of {key!r}")
        if text is None:
            return
        values[key] = text
        if "url" in node.items:
            url = self.url(node.items["url"][1], f"the url of {key!r}")
            if url is not None:
                links[key] = url
        if "value" in node.items:
            given = self.text(node.items["value"][1], f"the value of {key!r}'s cell")
            if given is not None:
                found.given[key] = given

    # -- tasks ---------------------------------------------------------------

    def task_list(self, node: MarkedNode) -> tuple[Task, ...]:
        return tuple(t for t in (self.task(item) for item in self.sequence(node, "'tasks'")) if t)

    def task(self, node: MarkedNode) -> Task | None:
        mapping = self.mapping(node, "a task")
        if mapping is None:
            return None
        self.check_keys(mapping, TASK_KEYS, "a task")
        items = mapping.items
        name = self.text(items["name"][1], "a task's name") if "name" in items else None
        if not name or not name.strip():
            if name is not None or "name" not in items:
                self.report(
                    VlmTableWarning.MISSING_KEY,
                    "a task needs a non-empty 'name'",
                    mapping.line,
                    mapping.column,
                )
            return None
        description = None
        if "description" in items:
            description = self.text(items["description"][1], "a task's description")
        subtasks: tuple[Task, ...] = ()
        if "subtasks" in items:
            subtasks = self.task_list(items["subtasks"][1])
        bold = self.flag(items["bold"][1], "a task's 'bold'") if "bold" in items else True
        key = snake_case(name)
        if "key" in items:
            written = self.text(items["key"][1], "a task's key")
            if written is not None and written.strip():
                key = written.strip()
        return Task(name, description or None, subtasks, bold, mapping.line, key)


def _replace_leaves(columns: tuple[Column, ...], updated: dict[str, Column]) -> tuple[Column, ...]:
    return tuple(
        replace(column, columns=_replace_leaves(column.columns, updated))
        if column.is_group
        else updated.get(column.key or "", column)
        for column in columns
    )


def _is_lone_dash(node: MarkedSequence) -> bool:
    """``year: -`` parses as a list holding one empty value."""
    return (
        len(node.items) == 1
        and type(node.items[0]) is MarkedScalar
        and node.items[0].plain
        and not node.items[0].text
    )
