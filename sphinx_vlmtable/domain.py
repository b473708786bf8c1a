"""The ``vlm`` domain: models as Sphinx objects, so pages and other projects link to rows.

A ``vlm-table`` with ``:index:`` is the *home* of the models it shows: each row's id
(``model-llava``) is registered here, with an index entry. ``:vlm:model:`LLaVA``` (or
``{vlm:model}`LLaVA```) links to the row from any page; ``objects.inv`` lists the models,
so intersphinx links in from other projects.
"""

from __future__ import annotations

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

from .schema import did_you_mean
from .warnings_ import VlmTableWarning, log_warning

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


class VlmDomain(Domain):
    """Models of surveys: object type ``model``, role ``model``."""

    name = DOMAIN
    label = "Model survey"
    object_types: ClassVar[dict[str, ObjType]] = {"model": ObjType("model", "model")}
    # The link reads as the model's name (not as code).
    roles: ClassVar[dict[str, Any]] = {
        "model": ModelRole(innernodeclass=nodes.inline, warn_dangling=True)
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "models": {},  # name -> (docname, anchor, "page:line" of its home table)
        "uses": {},  # docname -> names its roles link to
    }
    dangling_warnings: ClassVar[dict[str, str]] = {"model": "unknown model %(target)r"}

    @property
    def models(self) -> dict[str, tuple[str, str, str]]:
        return self.data.setdefault("models", {})  # type: ignore[no-any-return]

    @property
    def uses(self) -> dict[str, set[str]]:
        return self.data.setdefault("uses", {})  # type: ignore[no-any-return]

    def note_model(self, name: str, docname: str, anchor: str, location: str) -> None:
        """Make a table row the home of a model; a second home is a warning naming both."""
        home = self.models.get(name)
        if home is not None and home[:2] != (docname, anchor):
            log_warning(
                VlmTableWarning.REFERENCE,
                f"the model {name!r} has two home tables (with :index:): here and at "
                f"{home[2]}; links go to the first",
                location,
            )
            return
        self.models[name] = (docname, anchor, location)

    def clear_doc(self, docname: str) -> None:
        for name, (home, _anchor, _location) in list(self.models.items()):
            if home == docname:
                del self.models[name]
        self.uses.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name, (home, anchor, location) in otherdata["models"].items():
            if home in docnames:
                self.note_model(name, home, anchor, location)
        for docname, names in otherdata["uses"].items():
            if docname in docnames:
                self.uses.setdefault(docname, set()).update(names)

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
        home = self.models.get(target)
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
            yield name, name, "model", docname, anchor, 1


def warn_unknown_model(app: Sphinx, domain: Domain, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: an unknown model, with a did-you-mean, typed as ours."""
    if domain is None or domain.name != DOMAIN:
        return None
    assert isinstance(domain, VlmDomain)
    target = node["reftarget"]
    log_warning(
        VlmTableWarning.REFERENCE,
        f"unknown model {target!r}{did_you_mean(target, domain.models)}: no vlm-table "
        "with :index: shows it",
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
    domain = env.get_domain(DOMAIN)
    assert isinstance(domain, VlmDomain)
    homes = {docname for docname, _anchor, _location in domain.models.values()}
    if not (homes & (changed | removed) or added):
        return []
    return sorted(set(domain.uses) - changed - added - removed)
