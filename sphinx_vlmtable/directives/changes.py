"""``vlm-changes``: the models added, updated (old → new) and removed since an earlier
version; ``:columns:``/``:ignore:`` choose what counts, ``:feed:`` writes an Atom feed."""

from __future__ import annotations

import os
from typing import ClassVar

from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.data.earlier import GIT_PREFIX, EarlierVersionError, load_earlier
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.directives.base import DataDirective, Loaded, Unshowable
from sphinx_vlmtable.directives.options import feed_name, key_list
from sphinx_vlmtable.nodes.changes import changes_nodes
from sphinx_vlmtable.nodes.extras import vlmtable_feed
from sphinx_vlmtable.state import note_model_links, project_dir
from sphinx_vlmtable.view.changes import ChangeOptions, Changes, compare_versions, known_keys
from sphinx_vlmtable.view.feed import feed_of
from sphinx_vlmtable.view.news import build_date
from sphinx_vlmtable.warnings_ import VlmTableWarning


class VlmChangesDirective(DataDirective[Changes]):
    """``.. vlm-changes:: data/vlms.yaml`` with ``:since: old.yaml`` or ``:since: git:REV``:
    the models added, updated and removed since that version (a changelog page)."""

    option_spec: ClassVar[OptionSpec] = {
        "since": directives.unchanged_required,
        "title": directives.unchanged_required,
        "columns": key_list,
        "ignore": key_list,
        "feed": feed_name,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "since": "The earlier version: a data file's path (as the argument is read), or "
        "``git:REV`` for this file at a git revision (``git:v1.0``, ``git:HEAD~5``, "
        "``git:main@{2024-08-01}``), read from the project's own repository. Required.",
        "title": "The heading above the lists (default: ``Changes since <since>``).",
        "columns": "Only changes in these columns count (comma-separated keys; ``tasks``, "
        "``url`` and ``updated`` name the task states, the name's link and the date).",
        "ignore": "Changes in these columns do not count (comma-separated keys, as "
        "``:columns:``): a model whose only changes are there is not listed.",
        "feed": "Write an Atom feed of the added and updated models beside the page, under "
        "this file name (``changes.xml``), and link it from the page (HTML only).",
        "name": "A label for ``ref``.",
        "class": "Extra classes on the block (it always has ``vlm-changes``).",
    }

    def check_options(self) -> None:
        if not self.options.get("since"):
            raise Unshowable(VlmTableWarning.OPTION, "give :since: (a data file or git:REV)")

    def view(self, loaded: Loaded) -> Changes:
        earlier = self.earlier(self.options["since"], loaded.path)
        options = ChangeOptions(
            tuple(self.options["columns"]) if "columns" in self.options else None,
            tuple(self.options.get("ignore", ())),
        )
        named = {*(options.columns or ()), *options.ignore}
        unknown = sorted(named - known_keys(earlier.data, loaded.data))
        if unknown:
            self.warn_here(
                VlmTableWarning.OPTION,
                f"no column has the key(s) {', '.join(map(repr, unknown))} "
                "(in :columns: or :ignore:)",
            )
        return compare_versions(earlier.data, loaded.data, options)

    def earlier(self, since: str, current: str) -> LoadResult:
        path = since
        if not since.startswith(GIT_PREFIX):
            relative, path = self.env.relfn2path(since, self.env.docname)
            self.env.note_dependency(relative)
            self.refuse_outside(path, f":since: {since}")
        try:
            earlier = load_earlier(path, current, self.load_settings, project_dir(self.env))
        except (EarlierVersionError, OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            raise Unshowable(
                VlmTableWarning.CHANGES, f"cannot read :since: {since}: {reason}"
            ) from None
        stopping = [problem for problem in earlier.problems if problem.stops]
        if stopping:
            raise Unshowable(
                VlmTableWarning.CHANGES,
                f":since: {since} cannot be read as a data file (line {stopping[0].line}: "
                f"{stopping[0].message})",
            )
        return earlier

    def nodes(self, view: Changes, loaded: Loaded) -> list[Node]:
        since = self.options["since"]
        title = self.options.get("title", f"Changes since {since.removeprefix(GIT_PREFIX)}")
        block = changes_nodes(view, title, self.words)
        block["classes"] += ["vlm-changes", *self.options.get("class", [])]
        self.set_source_info(block)
        self.add_name(block)
        if "feed" not in self.options:
            return [block]
        key = os.path.relpath(loaded.path, self.env.srcdir).replace(os.sep, "/")
        feed = feed_of(view, title, key, loaded.data, build_date())
        return [
            block,
            vlmtable_feed(docname=self.env.docname, name=self.options["feed"], feed=feed),
        ]

    def register(self, view: Changes, made: list[Node], loaded: Loaded) -> None:
        models = [*view.added, *view.removed, *(entry.model for entry in view.updated)]
        note_model_links(self.env, {model.identity for model in models})


def setup_changes(app: Sphinx) -> None:
    app.add_directive("vlm-changes", VlmChangesDirective)
