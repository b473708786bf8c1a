"""What a parsed cell may hold, checked over its node tree after parsing: no refused role,
raw node, substitution, inline target, footnote or reference to a page's name; links with
http, https or mailto (or no scheme); images and downloads of files inside the source
directory (a remote image is never fetched); no control character or line separator,
however it was written. What a cell may not hold is shown as its text, with a warning."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from sphinx_vlmtable.data.files import is_within
from sphinx_vlmtable.data.yamlsource import BAD_CHARACTER
from sphinx_vlmtable.nodes.markup.parse import vlmtable_refused

#: The schemes a cell's link may use (a link without a scheme is relative).
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


class CellPolicy:
    """Makes a parsed cell safe: what it may not hold becomes text, and ``warn`` is told
    why. ``document`` is the cells' document, whose ids are the page's."""

    def __init__(
        self, env: BuildEnvironment, document: nodes.document, warn: Callable[[str], None]
    ) -> None:
        self.env = env
        self.document = document
        self.warn = warn

    def make_safe(self, container: nodes.Element, text: str) -> None:
        """Check the cell parsed from ``text`` into ``container``, in place."""
        self._check_children(container)
        # The loader's rule for data files, for what markup made of the text.
        if BAD_CHARACTER.search(container.astext()):
            self.warn(
                "a markup cell shows a control character or a line or paragraph "
                "separator; it is shown as written"
            )
            container.children = []
            container += nodes.Text(text)

    def _check_children(self, parent: nodes.Element) -> None:
        """Refuse what a cell may not hold; what is refused is not looked into."""
        for child in list(parent.children):
            if not isinstance(child, nodes.Element):
                continue
            problem = self._problem(child)
            if problem is None:
                self._check_children(child)
            else:
                self._refuse(child, problem)

    def _problem(self, node: nodes.Element) -> str | None:
        """Why ``node`` may not be in a cell; None if it may."""
        if isinstance(node, vlmtable_refused):
            role = node["role"] or "the default role"
            return f"the role {role!r}, which cells may not use (raw or declared by a page)"
        if isinstance(node, nodes.raw):
            return "raw output"
        if isinstance(node, nodes.substitution_reference):
            return f"the substitution |{node.get('refname', '')}|, which cells may not use"
        if isinstance(node, nodes.target):
            if node.get("refuri") is None:
                return "an inline target, which cells may not define"
            # A named link's own target (`paper <https://...>`_): its reference holds the
            # address, and its name and id would be the page's for nothing (10,000 cells
            # with a "paper" link would take ids paper to paper-9999), so it goes.
            return ""
        if isinstance(node, nodes.footnote_reference):
            return "a footnote, which cells may not use"
        return self._address_problem(node)

    def _address_problem(self, node: nodes.Element) -> str | None:
        """Why a download, image or link ``node`` may not be in a cell; None if it may."""
        if isinstance(node, addnodes.download_reference):
            target = node.get("reftarget", "")
            if not self._local_file(target) and not _is_web(target):
                return f"a download of {target!r}, outside the source directory"
        elif isinstance(node, nodes.image):
            uri = node.get("uri", "")
            if not self._local_file(uri):
                where = "a remote file" if _has_scheme(uri) else "outside the source directory"
                return f"an image {_shown(uri)}, {where}"
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri")
            if uri is not None and not _is_safe_link(uri):
                return f"a link to {_shown(uri)} (links use http, https or mailto)"
            if uri is None and not node.get("refid") and node.get("refname"):
                return f"a reference to the name {node['refname']!r}, which cells cannot define"
        return None

    def _local_file(self, target: str) -> bool:
        if not target or _has_scheme(target):
            return False
        try:
            _relative, absolute = self.env.relfn2path(target, self.env.docname)
        except (OSError, ValueError, RuntimeError):
            return False
        return is_within(absolute, str(self.env.srcdir))

    def _refuse(self, node: nodes.Element, what: str) -> None:
        """Replace ``node`` with its text; ``what`` empty: silently (a link's own
        target, whose reference already carries the address)."""
        if what:
            self.warn(f"a cell's markup asks for {what}; it is shown as text")
        for gone in node.findall(nodes.Element):  # ids it took from the page's
            for node_id in gone["ids"]:
                if self.document.ids.get(node_id) is gone:
                    del self.document.ids[node_id]
        if isinstance(node, nodes.target) and not what:
            node.parent.remove(node)
            return
        if isinstance(node, nodes.substitution_reference):
            text = f"|{node.astext()}|"
        elif isinstance(node, nodes.footnote_reference):
            text = f"[{node.astext()}]"
        else:
            text = node.astext() or node.get("alt", "") or node.get("uri", "")
        node.parent.replace(node, nodes.Text(text))


def _has_scheme(uri: str) -> bool:
    """Whether a URI names a host or a scheme (so is not a file of this project)."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def _is_safe_link(uri: str) -> bool:
    try:
        scheme = urlsplit(uri).scheme.lower()
    except ValueError:
        return False
    return not scheme or scheme in SAFE_SCHEMES


def _is_web(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _shown(uri: str, limit: int = 60) -> str:
    return repr(uri if len(uri) <= limit else uri[:limit] + "...")
