"""The one seam every directive runs through.

``DataDirective.run`` is the same for all of them and is never overridden: check the
options → resolve the data file (as ``literalinclude`` does) and note it as a
dependency → load it with one settings object (through the build's load cache) and
report its problems at their lines → ``view()`` → ``nodes()`` → ``register()``. A
family implements the last three. Whatever cannot be shown raises ``Unshowable``,
caught once here: the page then gets a short notice in its place, and the build goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, Generic, TypeVar, final

from docutils import nodes
from docutils.nodes import Node
from docutils.nodes import caption as Caption
from docutils.nodes import table as Table
from sphinx.util.docutils import SphinxDirective

from sphinx_vlmtable.config import VlmTableConfig, settings_of
from sphinx_vlmtable.data.files import LoadSettings, is_within, load_data_file
from sphinx_vlmtable.data.model import LoadResult, SurveyData, iter_leaves
from sphinx_vlmtable.domain import VlmDomain
from sphinx_vlmtable.nodes.build import TableLook, table_element
from sphinx_vlmtable.nodes.i18n import translated_words
from sphinx_vlmtable.nodes.markup import CellMarkup
from sphinx_vlmtable.state import state_of
from sphinx_vlmtable.view.words import EntryWords
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

ViewT = TypeVar("ViewT")


class Unshowable(Exception):
    """What the directive would show cannot be made; ``message`` (with its subtype) is
    logged at the directive, unless it was reported where it arose."""

    def __init__(self, kind: VlmTableWarning | None = None, message: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Loaded:
    """A data file that loaded with nothing that stops this directive."""

    #: Its absolute path.
    path: str
    result: LoadResult

    @property
    def data(self) -> SurveyData:
        return self.result.data


class DataDirective(SphinxDirective, Generic[ViewT]):
    """A directive over a data file; a family implements ``view`` and ``nodes``."""

    has_content = False
    required_arguments = 0
    optional_arguments = 1  # without one, vlmtable_default_data
    final_argument_whitespace = True

    #: The data file sections this directive shows; problems elsewhere do not stop it.
    sections: ClassVar[tuple[str, ...]] = ("columns", "models")
    #: Whether it has nothing to show without models (all but the task list).
    needs_models: ClassVar[bool] = True
    #: One line of help per option, for the generated options reference.
    option_help: ClassVar[dict[str, str]] = {}
    #: How many of the data file's problems ``load`` reported.
    problems_reported = 0
    #: Why the data cannot be shown ("data.yaml:12"), when that is the data's fault.
    cause = "see the build log"

    @final
    def run(self) -> list[Node]:
        try:
            self.check_options()
            loaded = self.load(self.resolve())
            view = self.view(loaded)
            made = self.nodes(view, loaded)
        except Unshowable as reason:
            if reason.kind is not None:
                self.warn_here(reason.kind, reason.message)
            return self.notice()
        self.register(view, made, loaded)
        return made

    # -- what a family implements ---------------------------------------------------

    def check_options(self) -> None:
        """Unshowable for an option that is missing or wrong before any file is read."""

    def view(self, loaded: Loaded) -> ViewT:
        raise NotImplementedError

    def nodes(self, view: ViewT, loaded: Loaded) -> list[Node]:
        raise NotImplementedError

    def register(self, view: ViewT, made: list[Node], loaded: Loaded) -> None:
        """Note what the build must know of the nodes made (homes of models, pages)."""

    # -- the seam ------------------------------------------------------------------

    @cached_property
    def settings(self) -> VlmTableConfig:
        return settings_of(self.config)

    @cached_property
    def words(self) -> EntryWords:
        """What an entry is called (``vlmtable_entry_label``), translated where the
        project's ``sphinx_vlmtable`` catalog says."""
        config = self.config
        return translated_words(
            self.settings.entry_words, str(self.env.srcdir), config.language, config.locale_dirs
        )

    @property
    def data_argument(self) -> str:
        return self.arguments[0] if self.arguments else self.settings.default_data

    def resolve(self) -> str:
        """The data file's absolute path, noted as a dependency (even when it is missing:
        creating it then reads this page again)."""
        argument = self.data_argument
        if not argument:
            raise Unshowable(
                VlmTableWarning.OPTION,
                "no data file: give its path, or set vlmtable_default_data in conf.py",
            )
        if not self.state.document.settings.file_insertion_enabled:
            raise Unshowable(
                VlmTableWarning.FILE, f"file insertion is disabled; {argument} is not read"
            )
        try:
            relative, absolute = self.env.relfn2path(argument, self.env.docname)
            self.env.note_dependency(relative)
            self.refuse_outside(absolute, f"the data file {argument}")
        except (OSError, ValueError, RuntimeError) as error:
            # Sphinx's own path checks differ by version: a NUL may first fail here.
            raise self.unreadable(argument, error) from None
        return absolute

    def unreadable(self, argument: str, error: Exception) -> Unshowable:
        # Missing, unreadable, a symlink loop (pathlib raises RuntimeError for it before
        # Python 3.13), a NUL in the path: as literalinclude does, a warning.
        reason = getattr(error, "strerror", None) or error
        shown = argument if argument.isprintable() else repr(argument)
        return Unshowable(VlmTableWarning.FILE, f"cannot read the data file {shown}: {reason}")

    def refuse_outside(self, absolute: str, described: str) -> None:
        """Unshowable for a file outside the source directory, unless
        ``vlmtable_allow_outside_srcdir`` allows it."""
        if self.settings.allow_outside_srcdir or is_within(absolute, str(self.env.srcdir)):
            return
        raise Unshowable(
            VlmTableWarning.FILE,
            f"{described} is outside the source directory; set "
            "vlmtable_allow_outside_srcdir = True to allow it",
        )

    @property
    def load_settings(self) -> LoadSettings:
        settings = self.settings
        return LoadSettings(settings.max_file_size, settings.max_problems, settings.missing)

    def load(self, absolute: str) -> Loaded:
        """The data file, its problems reported at their lines (naming this page); the
        build's cache gives a file several tables show once."""
        try:
            cache = state_of(self.env)["loads"]
            result = load_data_file(absolute, self.load_settings, cache)
        except (OSError, ValueError, RuntimeError) as error:
            raise self.unreadable(self.data_argument, error) from None
        self.note_model_files(absolute, result.data)
        problems = result.problems_in(*self.sections)
        self.problems_reported = len(problems)
        for problem in problems:
            log_warning(
                problem.kind,
                f"{problem.message} (in {self.name} at {self.used_at()})",
                f"{problem.source or absolute}:{problem.line}",
            )
        stopping = [problem for problem in problems if problem.stops]
        if stopping:
            where = stopping[0].source or absolute
            self.cause = f"{os.path.relpath(where, self.env.srcdir)}:{stopping[0].line}"
            raise Unshowable
        if self.needs_models and not result.data.models:
            raise Unshowable  # every model had a problem (reported), or the file has none
        return Loaded(absolute, result)

    def note_model_files(self, data_path: str, data: SurveyData) -> None:
        """``models_from``: each model file is a dependency, and so is a new file that
        its patterns would match (see ``domain.pages_with_new_model_files``)."""
        if not data.model_patterns:
            return
        for path in data.model_files:
            self.env.note_dependency(path)
        globs = state_of(self.env)["model_globs"].setdefault(self.env.docname, [])
        globs.append((data_path, data.model_patterns, data.model_files))

    def cell_markup(self, loaded: Loaded) -> CellMarkup | None:
        """The parser of the file's markup cells, if it has any markup column."""
        columns = [
            (leaf.key, leaf.markup) for leaf in iter_leaves(loaded.data.columns) if leaf.markup
        ]
        if not columns:
            return None
        # Markup problems share the file's vlmtable_max_problems with the loader's.
        budget = max(0, self.settings.max_problems - self.problems_reported)
        where = f"{self.name} at {self.used_at()}"
        markup = CellMarkup(self.state.document, self.env, loaded.path, where, budget)
        markup.note_lines(loaded.data.models, columns)
        return markup

    # -- what a reader sees --------------------------------------------------------

    def used_at(self) -> str:
        """Where the directive is written (an included file, if it is in one)."""
        source, line = self.get_source_info()
        page = os.path.relpath(source, self.env.srcdir) if source else self.env.docname
        return f"{page}:{line}"

    def warn_here(self, kind: VlmTableWarning, message: str) -> None:
        log_warning(kind, f"{self.name}: {message}", self.get_location())

    def notice(self) -> list[Node]:
        """What the page shows instead: a short, visible note (details are in the log).
        A home table (``:index:``) is noted, so links to its models name the cause."""
        if "index" in self.options:
            VlmDomain.of(self.env).note_failed_home(self.env.docname, self.used_at(), self.cause)
        text = f"The {self.name} from {self.data_argument} cannot be shown; see the build log."
        notice = nodes.error("", nodes.paragraph(text, text))
        self.set_source_info(notice)
        return [notice]

    def titled_table(self, look: TableLook) -> Table:
        """A table element with its look, its ``:caption:`` (inline markup allowed, in
        the page's syntax) as its title, and its ``:name:``."""
        table = table_element(look)
        self.set_source_info(table)
        if "caption" in self.options:
            caption = self.options["caption"]
            title_nodes, messages = self.state.inline_text(caption, self.lineno)
            title = nodes.title(caption, "", *title_nodes)
            self.set_source_info(title)
            table += title
            table += messages
        self.add_name(table)
        return table

    def caption(self, given: str | None, generated: str) -> Caption:
        """The given caption (inline markup allowed, in the page's syntax), or the
        generated one."""
        if given is None:
            caption = nodes.caption(generated, generated)
        else:
            parsed, messages = self.state.inline_text(given, self.lineno)
            caption = nodes.caption(given, "", *parsed, *messages)
        self.set_source_info(caption)
        return caption
