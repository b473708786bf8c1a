"""The ``vlm`` domain: models as Sphinx objects, so pages and other projects link to rows.

A ``vlm-table`` with ``:index:`` is the *home* of the models it shows: each row's id
(``model-llava``) is registered here, with an index entry. ``:vlm:model:`LLaVA``` (or
``{vlm:model}`LLaVA```) links to the row from any page; ``objects.inv`` lists the models,
so intersphinx links in from other projects.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Set
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from sphinx_vlmtable.data.suggest import MAX_SUGGESTIONS, did_you_mean
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

DOMAIN = "vlm"


class ModelRole(XRefRole):
    """``:vlm:model:`LLaVA``` or ``:vlm:model:`its text <LLaVA>```; notes its use, so
    the page is read again when a home table's data changes."""

    def process_link(
        self,
        env: BuildEnvironment,
        refnode: Element,
        has_explicit_title: bool,
        title: str,
        target: str,
    ) -> tuple[str, str]:
        domain = env.get_domain(DOMAIN)
        assert isinstance(domain, VlmDomain)
        domain.uses.setdefault(env.docname, set()).add(target)
        return title, target


#: A home of a model: its page, the row's anchor, and "page:line" of the table.
Home = tuple[str, str, str]


def inventory_name(name: str) -> str:
    """The model's name in ``objects.inv``: whitespace runs as ``_``. The inventory is a
    line of space-separated fields, so a name with spaces could be read as other fields
    (``a py:function 1 x.html -`` inside a name makes a Python function)."""
    return "_".join(name.split())


class VlmDomain(Domain):
    """Models of surveys: object type ``model``, role ``model``."""

    name = DOMAIN
    label = "Model survey"
    data_version = 4  # pages with tables; default-sort problems
    object_types: ClassVar[dict[str, ObjType]] = {"model": ObjType("model", "model")}
    # The link reads as the model's name (not as code).
    roles: ClassVar[dict[str, Any]] = {
        "model": ModelRole(innernodeclass=nodes.inline, warn_dangling=True)
    }
    initial_data: ClassVar[dict[str, Any]] = {
        # name -> every table that is its home, in reading order; links go to the first,
        # and the next takes over when the first page no longer shows it.
        "homes": {},
        "uses": {},  # docname -> names its roles link to
        # docname -> ("page:line" of a home table that could not be shown, its cause)
        "failed_homes": {},
        # docname -> True for each page with a table (the script is for those only)
        "table_pages": {},
        # docname -> [(data file, vlmtable_default_sort, its keys the file lacks)]
        "default_sort_problems": {},
        # docname -> [(data file, its models_from patterns, the files they matched)]
        "model_globs": {},
    }
    dangling_warnings: ClassVar[dict[str, str]] = {"model": "unknown model %(target)r"}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Did-you-means given per page while writing (a page is written by one process).
        self.suggested: dict[str, int] = {}
        #: Each home's inventory name to its name, made once when a link needs it and
        #: again after the homes change: a link never looks at every model.
        self._by_inventory_name: dict[str, str] | None = None

    @classmethod
    def of(cls, env: BuildEnvironment) -> VlmDomain:
        domain = env.get_domain(DOMAIN)
        assert isinstance(domain, cls)
        return domain

    @property
    def table_pages(self) -> dict[str, bool]:
        return self.data.setdefault("table_pages", {})  # type: ignore[no-any-return]

    @property
    def default_sort_problems(self) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
        return self.data.setdefault("default_sort_problems", {})  # type: ignore[no-any-return]

    @property
    def model_globs(self) -> dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
        return self.data.setdefault("model_globs", {})  # type: ignore[no-any-return]

    @property
    def homes(self) -> dict[str, list[Home]]:
        return self.data.setdefault("homes", {})  # type: ignore[no-any-return]

    @property
    def models(self) -> dict[str, Home]:
        """Each model with a home, and the home its links go to."""
        return {name: homes[0] for name, homes in self.homes.items()}

    @property
    def uses(self) -> dict[str, set[str]]:
        return self.data.setdefault("uses", {})  # type: ignore[no-any-return]

    def note_model(self, name: str, docname: str, anchor: str, location: str) -> None:
        """Make a table row a home of a model; a second home is a warning naming both."""
        homes = self.homes.setdefault(name, [])
        self._by_inventory_name = None
        if any(home[:2] == (docname, anchor) for home in homes):
            return
        if homes:
            log_warning(
                VlmTableWarning.REFERENCE,
                f"the model {name!r} has two home tables (with :index:): here and at "
                f"{homes[0][2]}; links go to the first",
                location,
            )
        homes.append((docname, anchor, location))

    @property
    def failed_homes(self) -> dict[str, list[tuple[str, str]]]:
        return self.data.setdefault("failed_homes", {})  # type: ignore[no-any-return]

    def note_failed_home(self, docname: str, location: str, cause: str) -> None:
        self.failed_homes.setdefault(docname, []).append((location, cause))

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
        self.uses.pop(docname, None)
        self.failed_homes.pop(docname, None)
        self.table_pages.pop(docname, None)
        self.default_sort_problems.pop(docname, None)
        self.model_globs.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name, homes in otherdata["homes"].items():
            for home, anchor, location in homes:
                if home in docnames:
                    self.note_model(name, home, anchor, location)
        for docname, names in otherdata["uses"].items():
            if docname in docnames:
                self.uses.setdefault(docname, set()).update(names)
        for docname, failed in otherdata.get("failed_homes", {}).items():
            if docname in docnames:
                self.failed_homes.setdefault(docname, []).extend(failed)
        for key in ("table_pages", "default_sort_problems", "model_globs"):
            mine = self.data.setdefault(key, {})
            for docname, value in otherdata.get(key, {}).items():
                if docname in docnames:
                    mine[docname] = value

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
        return make_refnode(builder, fromdocname, docname, anchor, contnode, f"{target} (model)")

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
        for name, (docname, anchor, _location) in sorted(self.models.items()):
            yield inventory_name(name), name, "model", docname, anchor, 1


def note_project_dir(app: Sphinx) -> None:
    """``builder-inited``: where the project is (its configuration directory), for
    what must be found from the project and never from a data file's folder (git)."""
    VlmDomain.of(app.env).data["project_dir"] = os.fspath(app.confdir or app.srcdir)


def project_dir(env: BuildEnvironment) -> str:
    """The project's configuration directory (the source directory without one)."""
    return str(VlmDomain.of(env).data.get("project_dir") or env.srcdir)


def warn_unknown_model(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: an unknown model, with a did-you-mean, typed as ours."""
    if domain is None or domain.name != DOMAIN:
        return None
    assert isinstance(domain, VlmDomain)
    target = node["reftarget"]
    # At most MAX_SUGGESTIONS did-you-means a page, as the loader's a file.
    docname = node.get("refdoc", "")
    given = domain.suggested.get(docname, 0)
    hint = did_you_mean(target, domain.homes) if given < MAX_SUGGESTIONS else ""
    domain.suggested[docname] = given + 1
    failed = [item for _docname, items in sorted(domain.failed_homes.items()) for item in items]
    cause = "".join(
        f"; the table at {location} that may show it has problems: {why}"
        for location, why in failed[:3]
    )
    log_warning(
        VlmTableWarning.REFERENCE,
        f"unknown model {target!r}{hint}: no vlm-table with :index: shows it{cause}",
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
    return sorted(set(domain.uses) - changed - added - removed)


def pages_with_new_model_files(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: a page whose ``models_from`` patterns now match other files
    (one added or removed) is read again; an edited file is a dependency already."""
    from sphinx_vlmtable.data.files import matching_files

    outdated = []
    for docname, globs in sorted(VlmDomain.of(env).model_globs.items()):
        for data_path, patterns, files in globs:
            now: list[str] = []
            for pattern in patterns:
                found = matching_files(data_path, pattern)
                now += found if isinstance(found, list) else []
            if tuple(now) != files:
                outdated.append(docname)
                break
    return outdated
