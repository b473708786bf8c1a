"""Models: each entry's keys and cells as the columns and tasks allow them, and the
names, ids and aliases that tell the rows apart across the data file and its model files.

A problem inside one model leaves that value (or that row) out and stops nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from sphinx_vlmtable.data.marks import NOT_STATED
from sphinx_vlmtable.data.model import (
    ADDED_KEY,
    ALIASES_KEY,
    DEFAULT_LAYOUT_HINT,
    ID_KEY,
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    TASKS_KEY,
    UPDATED_KEY,
    URL_KEY,
    Column,
    Model,
    iter_leaves,
    missing_texts,
)
from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.validate.scalars import (
    check_keys,
    check_typed,
    read_mapping,
    read_one_or_list,
    read_text,
    read_url,
)
from sphinx_vlmtable.data.validate.tasks import read_task_states
from sphinx_vlmtable.data.values import describe_type, parse_date
from sphinx_vlmtable.data.yamlsource import MarkedMapping, MarkedNode, MarkedScalar
from sphinx_vlmtable.warnings_ import VlmTableWarning, quoted

CELL_KEYS = ("text", "url", "value")


@dataclass(frozen=True)
class ModelRules:
    """What the header and the tasks, read before the models, let a model hold."""

    #: The leaf columns' keys, in order (what a mistyped key is compared with).
    column_keys: tuple[str, ...]
    #: The keys a model may have: the columns' and the reserved ones.
    known: frozenset[str]
    #: Typed columns: their type, and the texts that need not parse ("no value").
    typed: Mapping[str, tuple[str, frozenset[str]]]
    #: Whether the file declares ``columns`` (else the problems name the default layout).
    declared: bool
    #: Each task's name and key, to its key.
    task_keys: Mapping[str, str]

    @classmethod
    def of(
        cls,
        columns: tuple[Column, ...],
        declared: bool,
        task_keys: Mapping[str, str],
        file_missing: tuple[str, ...] | None,
        placeholder: str,
    ) -> ModelRules:
        """The rules from the header and tasks as read, and the file's "no value" texts."""
        column_keys = tuple(leaf.key for leaf in iter_leaves(columns) if leaf.key is not None)
        typed = {
            leaf.key: (leaf.type, missing_texts(leaf, file_missing, placeholder))
            for leaf in iter_leaves(columns)
            if leaf.key is not None and leaf.type != "text"
        }
        known = frozenset(column_keys) | set(RESERVED_MODEL_KEYS)
        return cls(column_keys, known, typed, declared, task_keys)


@dataclass
class _ModelFields:
    """What a model's keys give, as they are read."""

    values: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] | None = None
    unnamed_tasks: str = NOT_STATED
    aliases: tuple[str, ...] = ()
    invalid: set[str] = field(default_factory=set)
    row_id: str | None = None
    given: dict[str, str] = field(default_factory=dict)
    dates: dict[str, str] = field(default_factory=dict)


@dataclass
class ModelEntries:
    """Reads one model entry at a time into a ``Model``, or None when it has no name."""

    reporter: ProblemReporter
    rules: ModelRules

    def read(self, node: MarkedNode) -> Model | None:
        """A model: its keys checked against the columns, then its name required."""
        mapping = read_mapping(self.reporter, node, "a model")
        if mapping is None:
            return None
        found = _ModelFields()
        for key_text, (key, value) in mapping.items.items():
            if key_text in self.rules.known:
                self._value(key_text, value, found)
                continue
            hint = "" if self.rules.declared else f"; {DEFAULT_LAYOUT_HINT}"
            self.reporter.report(
                VlmTableWarning.UNKNOWN_KEY,
                f"the model has a value for {key_text!r}, but no column has that key"
                f"{self.reporter.did_you_mean(key_text, self.rules.column_keys)}{hint}",
                key.line,
                key.column,
            )
        name = found.values.get(MODEL_KEY, "")
        if not name.strip():
            self.reporter.report(
                VlmTableWarning.MISSING_KEY,
                f"the model has no name: give it a non-empty {MODEL_KEY!r}",
                mapping.line,
                mapping.column,
            )
            return None
        return self._model(name, mapping, found)

    def _model(self, name: str, mapping: MarkedMapping, found: _ModelFields) -> Model:
        """The row as read; its aliases without repeats or its own name."""
        aliases = tuple(alias for alias in dict.fromkeys(found.aliases) if alias != name)
        return Model(
            name,
            found.values,
            found.links,
            line=mapping.line,
            column=mapping.column,
            tasks=found.states,
            aliases=aliases,
            lines={key_text: value.line for key_text, (_key, value) in mapping.items.items()},
            invalid=frozenset(found.invalid),
            source=self.reporter.source,
            row_id=found.row_id,
            given_values=found.given,
            added=found.dates.get(ADDED_KEY),
            updated=found.dates.get(UPDATED_KEY),
            unnamed_tasks=found.unnamed_tasks,
        )

    def _value(self, key_text: str, value: MarkedNode, found: _ModelFields) -> None:
        """One known key of a model: its link, task states, former names or a cell."""
        if key_text == URL_KEY:
            url = read_url(self.reporter, value, "the model's url")
            if url is not None:
                found.links[MODEL_KEY] = url
        elif key_text == TASKS_KEY:
            self._task_states(value, found)
        elif key_text == ALIASES_KEY:
            found.aliases = self._aliases(value)
        elif key_text == ID_KEY:
            found.row_id = self._row_id(value)
        elif key_text in (ADDED_KEY, UPDATED_KEY):
            self._entry_date(key_text, value, found)
        elif type(value) is MarkedScalar:
            if value.text or not value.plain:  # "year:" with nothing is no value
                found.values[key_text] = value.text
                if not self._typed_value_parses(key_text, value):
                    found.invalid.add(key_text)
        elif type(value) is MarkedMapping:
            self._linked_cell(value, key_text, found)
            # A given value is what sorts and filters: it must parse, not the text.
            read = value.items.get("value") or value.items.get("text")
            if read and not self._typed_value_parses(key_text, read[1]):
                found.invalid.add(key_text)
        else:
            read_text(self.reporter, value, f"the value of {key_text!r}")

    def _task_states(self, node: MarkedNode, found: _ModelFields) -> None:
        """``tasks``: a mapping states what it names; a list, that the rest are no."""
        found.states = read_task_states(self.reporter, node, self.rules.task_keys)
        if type(node) is not MarkedMapping:
            found.unnamed_tasks = "no"

    def _typed_value_parses(self, key: str, node: MarkedNode) -> bool:
        """Whether a cell's value parses as its column's type (any text does in a text
        column)."""
        if key not in self.rules.typed:
            return True
        column_type, missing = self.rules.typed[key]
        return check_typed(self.reporter, node, key, column_type, missing)

    def _linked_cell(self, node: MarkedMapping, key: str, found: _ModelFields) -> None:
        """A cell written as ``{text: ..., url: ..., value: ...}``."""
        check_keys(self.reporter, node, CELL_KEYS, f"the value of {key!r}")
        if "text" not in node.items:
            self.reporter.report(
                VlmTableWarning.MISSING_KEY,
                f"the value of {key!r} is a mapping, so it needs 'text' (and may have 'url' "
                "and 'value')",
                node.line,
                node.column,
            )
            return
        text = read_text(self.reporter, node.items["text"][1], f"the text of {key!r}")
        if text is None:
            return
        found.values[key] = text
        if "url" in node.items:
            url = read_url(self.reporter, node.items["url"][1], f"the url of {key!r}")
            if url is not None:
                found.links[key] = url
        if "value" in node.items:
            value_node = node.items["value"][1]
            given = read_text(self.reporter, value_node, f"the value of {key!r}'s cell")
            if given is not None:
                found.given[key] = given

    def _entry_date(self, key: str, node: MarkedNode, found: _ModelFields) -> None:
        """``added:`` / ``updated:``: a date as a date column takes it (else left out)."""
        text = read_text(self.reporter, node, f"the model's {key!r} date")
        if text is None:
            return
        if parse_date(text) is None:
            self.reporter.report(
                VlmTableWarning.TYPE,
                f"{key!r} is {quoted(text)}, which is not {describe_type('date')}; "
                "the row is not marked new or updated by it",
                node.line,
                node.column,
                stops=False,
            )
            return
        found.dates[key] = text

    def _row_id(self, node: MarkedNode) -> str | None:
        """``id``: a non-empty text."""
        row_id = read_text(self.reporter, node, "the model's id")
        if row_id is not None and not row_id.strip():
            self.reporter.report(
                VlmTableWarning.TYPE, "an id must not be empty", node.line, node.column, stops=False
            )
            return None
        return row_id

    def _aliases(self, node: MarkedNode) -> tuple[str, ...]:
        """``aliases``: a former name, or a list of them."""
        aliases = []
        for item in read_one_or_list(self.reporter, node, "'aliases'"):
            alias = read_text(self.reporter, item, "an alias")
            if alias is not None and alias.strip():
                aliases.append(alias)
            elif alias is not None:
                self.reporter.report(
                    VlmTableWarning.TYPE,
                    "an alias must not be empty",
                    item.line,
                    item.column,
                    stops=False,
                )
        return tuple(aliases)


@dataclass
class RowNames:
    """Each model's name, id and aliases, where first seen across the data file and its
    model files: a repeat is reported where it is, naming the first."""

    reporter: ProblemReporter
    #: Each model's name, to where it first is: (line, model file or None).
    names: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    #: Each ``id`` given, where; and whether the first row of each name has one.
    row_ids: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    first_has_id: dict[str, bool] = field(default_factory=dict)

    def note(self, model: Model) -> Model:
        """A repeated name is a problem unless ids tell the rows apart; a repeated id is
        (it is left out: the row is known by its name)."""
        row_id = model.row_id
        if row_id is not None and row_id in self.row_ids:
            self.reporter.report(
                VlmTableWarning.DUPLICATE_MODEL,
                f"duplicate id {row_id!r} (first at {self._where(*self.row_ids[row_id])}); "
                "it is left out",
                model.line,
                model.column,
                stops=False,
            )
            model = replace(model, row_id=None)
        elif row_id is not None:
            self.row_ids[row_id] = (model.line, self.reporter.source)
        if model.name not in self.names:
            self.names[model.name] = (model.line, self.reporter.source)
            self.first_has_id[model.name] = model.row_id is not None
        elif model.row_id is None or not self.first_has_id.get(model.name):
            # Both rows are shown; links and the index go to the first.
            first = self._where(*self.names[model.name])
            self.reporter.report(
                VlmTableWarning.DUPLICATE_MODEL,
                f"duplicate model {model.name!r} (first at {first}); both rows are shown, "
                "links go to the first (give each an 'id' if both are meant)",
                model.line,
                model.column,
                stops=False,
            )
        return model

    def _where(self, line: int, source: str | None) -> str:
        """Where an earlier entry is: its line, in its file when that is another one."""
        if source == self.reporter.source:
            return f"line {line}"
        return f"{source or 'the data file'}:{line}"

    def unique_aliases(self, models: list[Model]) -> tuple[Model, ...]:
        """Each alias names one model: not another's name or alias (then it is left out,
        with a warning; the rows are all shown)."""
        taken: dict[str, int] = {name: line for name, (line, _source) in self.names.items()}
        for index, model in enumerate(models):
            kept = []
            for alias in model.aliases:
                if alias not in taken:
                    taken[alias] = model.line
                    kept.append(alias)
                    continue
                with self.reporter.reading(model.source):
                    self.reporter.report(
                        VlmTableWarning.DUPLICATE_MODEL,
                        f"the alias {alias!r} of {model.name!r} already names a model "
                        f"(line {taken[alias]}); it is left out",
                        model.line,
                        model.column,
                        stops=False,
                    )
            if len(kept) != len(model.aliases):
                models[index] = replace(model, aliases=tuple(kept))
        return tuple(models)


@dataclass
class ModelChecker:
    """The models of the data file and of each model file, read by the same rules and
    named once across them all."""

    reporter: ProblemReporter
    rules: ModelRules
    entries: ModelEntries = field(init=False)
    names: RowNames = field(init=False)

    def __post_init__(self) -> None:
        self.entries = ModelEntries(self.reporter, self.rules)
        self.names = RowNames(self.reporter)

    def read(self, items: Iterable[MarkedNode]) -> list[Model]:
        """The models that have a name, each noted by its name and id."""
        models: list[Model] = []
        for item in items:
            with self.reporter.inside_model():
                model = self.entries.read(item)
            if model is not None:
                models.append(self.names.note(model))
        return models
