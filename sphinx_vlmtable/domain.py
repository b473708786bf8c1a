"""The ``vlm`` domain: models as Sphinx objects, so pages and other projects link to rows.

A ``vlm-table`` with ``:index:`` is the *home* of the models it shows: each row's id
(``model-llava``) is registered here, with an index entry. ``:vlm:model:`LLaVA``` (or
``{vlm:model}`LLaVA```) links to the row from any page; ``objects.inv`` lists the models,
so intersphinx links in from other projects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_vlmtable.config import settings_of
from sphinx_vlmtable.data.suggest import MAX_SUGGESTIONS, did_you_mean
from sphinx_vlmtable.nodes.i18n import translated_words
from sphinx_vlmtable.state import DOMAIN, Home, SurveyState, first_homes, initial_state, state_of
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


class ModelRole(XRefRole):
    """``:vlm:model:`LLaVA``` or ``:vlm:model:`its text <LLaVA>```; notes its use, so
    the page is read again when a home table's data changes.

    The link's target is the model's inventory name (``Llama_3_2_Vision`` for ``Llama 3
    2 Vision``), so intersphinx finds it in another project's ``objects.inv`` (it looks
    the target up as it is); the link shows the name as written, warnings name it so,
    and a home here is found by either name."""

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        state_of(env)["uses"].setdefault(env.docname, set()).add(target)
        refnode[WRITTEN_NAME] = target
        return title, inventory_name(target)


#: A link's target as written (its ``reftarget`` is the inventory name).
WRITTEN_NAME = "vlm_name"


def inventory_name(name: str) -> str:
    """The model's name in ``objects.inv``: whitespace runs as ``_``. The inventory is a
    line of space-separated fields, so a name with spaces could be read as other fields
    (``a py:function 1 x.html -`` inside a name makes a Python function)."""
    return "_".join(name.split())


#: The parts of the state kept per page, cleared with the page.
_PER_PAGE = ("uses", "failed_homes", "table_pages", "default_sort_problems", "model_globs")


class VlmDomain(Domain):
    """Models of surveys: object type ``model``, role ``model``. Its data is the build's
    state (``state.py``), typed there."""

    name = DOMAIN
    label = "Model survey"
    data_version = 5  # the per-build load cache and the project's folder
    object_types: ClassVar[dict[str, ObjType]] = {"model": ObjType("model", "model")}
    # The link reads as the model's name (not as code).
    roles: ClassVar[dict[str, Any]] = {
        "model": ModelRole(innernodeclass=nodes.inline, warn_dangling=True)
    }
    initial_data: ClassVar[dict[str, Any]] = dict(initial_state())
    dangling_warnings: ClassVar[dict[str, str]] = {"model": "unknown model %(target)r"}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Did-you-means given per page while writing (a page is written by one process).
        self.suggested: dict[str, int] = {}
        #: Each home's inventory name to its name, made once when a link needs it and
        #: again after the homes change: a link never looks at every model.
        self._by_inventory_name: dict[str, str] | None = None
        self._words: EntryWords | None = None

    @classmethod
    def of(cls, env: BuildEnvironment) -> VlmDomain:
        domain = env.get_domain(DOMAIN)
        assert isinstance(domain, cls)
        return domain

    @property
    def state(self) -> SurveyState:
        return cast(SurveyState, self.data)

    @property
    def words(self) -> EntryWords:
        """What an entry is called (``vlmtable_entry_label``), translated where the
        project's ``sphinx_vlmtable`` catalog says: read once per build."""
        if self._words is None:
            config = self.env.config
            self._words = translated_words(
                settings_of(config).entry_words,
                str(self.env.srcdir),
                config.language,
                config.locale_dirs,
            )
        return self._words

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """What the search results call an entry: "Model survey model" as in 0.3, or
        "Survey framework" with ``vlmtable_entry_label``."""
        words = self.words
        if words == DEFAULT_WORDS:
            return super().get_type_name(type, primary)
        return words.one if primary else f"Survey {words.one}"

    @property
    def homes(self) -> dict[str, list[Home]]:
        return self.state["homes"]

    def note_model(self, name: str, docname: str, anchor: str, location: str) -> None:
        """Make a table row a home of a model; a second home is a warning naming both."""
        homes = self.homes.setdefault(name, [])
        self._by_inventory_name = None
        if any(home[:2] == (docname, anchor) for home in homes):
            return
        if homes:
            log_warning(
                VlmTableWarning.REFERENCE,
                f"the {self.words.one} {name!r} has two home tables (with :index:): here and at "
                f"{homes[0][2]}; links go to the first",
                location,
            )
        homes.append((docname, anchor, location))

    def note_failed_home(self, docname: str, location: str, cause: str) -> None:
        self.state["failed_homes"].setdefault(docname, []).append((location, cause))

    def home(self, target: str) -> Home | None:
        """Where a link to ``target`` (a name, or its inventory name) goes."""
        homes = self.homes.get(target)
        if homes is None:
            if self._by_inventory_name is None:
                self._by_inventory_name = {}
                for known in self.homes:  # the first name of each inventory name wins
                    self._by_inventory_name.setdefault(inventory_name(known), known)
            found = self._by_inventory_name.get(inventory_name(target))
            homes = self.homes.get(found) if found is not None else None
        return homes[0] if homes else None

    def clear_doc(self, docname: str) -> None:
        self._by_inventory_name = None
        for name, homes in list(self.homes.items()):
            kept = [home for home in homes if home[0] != docname]
            if kept:
                self.homes[name] = kept
            else:
                del self.homes[name]
        for key in _PER_PAGE:
            self.state[key].pop(docname, None)  # type: ignore[literal-required]

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        other = cast(SurveyState, otherdata)
        for name, homes in other["homes"].items():
            for home, anchor, location in homes:
                if home in docnames:
                    self.note_model(name, home, anchor, location)
        for docname, names in other["uses"].items():
            if docname in docnames:
                self.state["uses"].setdefault(docname, set()).update(names)
        for docname, failed in other["failed_homes"].items():
            if docname in docnames:
                self.state["failed_homes"].setdefault(docname, []).extend(failed)
        for key in ("table_pages", "default_sort_problems", "model_globs"):
            mine: dict[str, Any] = self.state[key]
            theirs: dict[str, Any] = other[key]
            mine.update((page, value) for page, value in theirs.items() if page in docnames)
        self.state["loads"].update(other["loads"])

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        home = self.home(target)
        if home is None:
            return None
        docname, anchor, _location = home
        title = f"{node.get(WRITTEN_NAME, target)} ({self.words.one})"
        return make_refnode(builder, fromdocname, docname, anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        found = self.resolve_xref(env, fromdocname, builder, "model", target, node, contnode)
        return [(f"{DOMAIN}:model", found)] if found is not None else []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for name, (docname, anchor, _location) in sorted(first_homes(self.env).items()):
            yield inventory_name(name), name, "model", docname, anchor, 1


def note_project_dir(app: Sphinx) -> None:
    """``builder-inited``: where the project is (its configuration directory), for
    what must be found from the project and never from a data file's folder (git)."""
    state_of(app.env)["project_dir"] = os.fspath(app.confdir or app.srcdir)


def forget_loads(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: reading is over; the build's loads are not kept with the
    environment (an edit is always read again, and the pickle stays small)."""
    state_of(env)["loads"].clear()
    return []


def warn_unknown_model(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: an unknown model, with a did-you-mean, typed as ours."""
    if domain is None or domain.name != DOMAIN:
        return None
    assert isinstance(domain, VlmDomain)
    target = node.get(WRITTEN_NAME, node["reftarget"])
    # At most MAX_SUGGESTIONS did-you-means a page, as the loader's a file.
    docname = node.get("refdoc", "")
    given = domain.suggested.get(docname, 0)
    hint = did_you_mean(target, domain.homes) if given < MAX_SUGGESTIONS else ""
    domain.suggested[docname] = given + 1
    failed = [
        item for _page, items in sorted(domain.state["failed_homes"].items()) for item in items
    ]
    cause = "".join(
        f"; the table at {location} that may show it has problems: {why}"
        for location, why in failed[:3]
    )
    log_warning(
        VlmTableWarning.REFERENCE,
        f"unknown {domain.words.one} {target!r}{hint}: no vlm-table with :index: shows it{cause}",
        _location(node),
    )
    return True


def _location(node: Element) -> str | None:
    source, line = node.source, node.line
    if source is None:
        for parent in node.traverse(include_self=False, ascend=True):
            if parent.source is not None:
                source, line = parent.source, parent.line
                break
    return f"{source}:{line or 0}" if source else None


def pages_linking_to_changed_homes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: when a home table's page is read again (its data file
    changed), read again the pages whose roles link to models, so their links follow."""
    domain = VlmDomain.of(env)
    homes = {home[0] for homes in domain.homes.values() for home in homes}
    if not (homes & (changed | removed) or added):
        return []
    return sorted(set(domain.state["uses"]) - changed - added - removed)


def pages_with_new_model_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: a page whose ``models_from`` patterns now match other files
    (one added or removed) is read again; an edited file is a dependency already."""
    from sphinx_vlmtable.data.files import matching_files

    outdated = []
    for docname, globs in sorted(state_of(env)["model_globs"].items()):
        for data_path, patterns, files in globs:
            now: list[str] = []
            for pattern in patterns:
                found = matching_files(data_path, pattern)
                now += found if isinstance(found, list) else []
            if tuple(now) != files:
                outdated.append(docname)
                break
    return outdated
