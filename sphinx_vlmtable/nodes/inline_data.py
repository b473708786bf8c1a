"""Markup cells as plain data until they are written.

Most markup cells hold bold or italic text, code and links to web pages: inline nodes
that nothing of Sphinx's needs to see while a page is read or resolved (no
cross-reference, image, download or math among them). Such a cell is kept in the compact
body as plain tuples, not as nodes: the page's read transforms, its pickling and its
post-transforms never walk ten thousand cells' nodes. The same nodes are made again when
the cell is written. Any other cell stays nodes, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes

#: The inline nodes a cell may keep as data (links only with their address).
KINDS: dict[str, type[nodes.Element]] = {
    kind.__name__: kind
    for kind in (
        nodes.strong,
        nodes.emphasis,
        nodes.literal,
        nodes.reference,
        nodes.target,
        nodes.inline,
        nodes.title_reference,
        nodes.subscript,
        nodes.superscript,
    )
}
#: A node as data: ``("#text", text)``, or (kind, rawsource, attributes, source, line,
#: children).
Frozen = tuple[Any, ...]


def freeze(children: Sequence[nodes.Node]) -> tuple[Frozen, ...] | None:
    """A cell's nodes as data, or None if one of them must stay a node."""
    frozen = []
    for child in children:
        item = _freeze(child)
        if item is None:
            return None
        frozen.append(item)
    return tuple(frozen)


def _freeze(node: nodes.Node) -> Frozen | None:
    if isinstance(node, nodes.Text):
        return ("#text", str(node))
    kind = KINDS.get(type(node).__name__)
    if kind is None or type(node) is not kind:
        return None
    assert isinstance(node, nodes.Element)
    if isinstance(node, nodes.reference) and ("refuri" not in node or "refname" in node):
        return None  # a link still to be resolved
    children = freeze(node.children)
    if children is None:
        return None
    # Only what differs from a new node's (its empty lists), so the pickled page is small.
    attributes = {name: _copied(value) for name, value in node.attributes.items() if value != []}
    return (
        type(node).__name__,
        node.rawsource,
        attributes or None,
        node.source,
        node.line,
        children,
    )


def thaw(frozen: Sequence[Frozen]) -> list[nodes.Node]:
    """The nodes again, as they were."""
    return [_thaw(item) for item in frozen]


def _thaw(item: Frozen) -> nodes.Node:
    if item[0] == "#text":
        return nodes.Text(item[1])
    kind, rawsource, attributes, source, line, children = item
    node = KINDS[kind](rawsource, "", *thaw(children))  # type: ignore[arg-type]
    for name, value in (attributes or {}).items():
        node[name] = _copied(value)
    node.source, node.line = source, line
    return node


def text_pieces(frozen: Sequence[Frozen]) -> list[str]:
    """The cell's text, one piece per text node (as a search index reads them)."""
    pieces = []
    for item in frozen:
        if item[0] == "#text":
            pieces.append(item[1])
        else:
            pieces += text_pieces(item[5])
    return pieces


def has_ids(frozen: Sequence[Frozen]) -> bool:
    """Whether a node of the cell has an id (read from the data: no nodes made)."""
    return any(
        item[0] != "#text" and (bool((item[2] or {}).get("ids")) or has_ids(item[5]))
        for item in frozen
    )


def _copied(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
