"""LaTeX: every character of what the extension writes (its tables, its other blocks,
its index entries) as the engine can print it (``latex_chars``), so no character of
a data file stops the PDF. With pdflatex, what its fonts lack becomes a readable
substitute, named in one warning per table; with XeLaTeX and LuaLaTeX, each run of
another script or of symbols goes through a font that has it. Nothing else of the
page is touched: its own text is the author's, as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from sphinx_vlmtable.nodes.build import is_vlm_table
from sphinx_vlmtable.nodes.compact import BodyFacts, CompactBody, vlmtable_body
from sphinx_vlmtable.nodes.inline_data import text_pieces, thaw
from sphinx_vlmtable.output.cells import sections
from sphinx_vlmtable.output.latex_body import (
    body_translator,
    compact_bodies,
    latex_style_of,
    measured_texts,
)
from sphinx_vlmtable.output.latex_chars import (
    Piece,
    Substitution,
    base_printable,
    glyph_pieces,
    pdflatex_pieces,
    unicode_plain,
)
from sphinx_vlmtable.output.latex_chars_data import ASCII_LETTERS
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

#: The extension's blocks besides its tables, by class (each holds no table of ours).
OWN_BLOCKS = frozenset(
    {
        "vlm-changes",
        "vlm-tasks",
        "vlm-chart-figure",
        "vlm-chart-list",
        "vlm-legend",
        "vlm-compare-legend",
        "vlm-index",
    }
)
#: Where text is LaTeX or kept verbatim, never ours to change.
_VERBATIM = (nodes.raw, nodes.math, nodes.math_block, nodes.literal_block, nodes.comment)
#: Substitutions a warning names, at most (then a count of the rest).
NAMED = 8
UNICODE_ENGINES = ("xelatex", "lualatex")
#: Languages for which babel loads a Cyrillic font encoding with pdflatex.
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "bg", "be", "sr", "mk", "kk", "mn"})
_DECLARED = re.compile(r'\\(?:DeclareUnicodeCharacter|sphinxDUC)\{"?([0-9A-Fa-f]{2,6})\}')
_NEW_CHAR = re.compile(r"\\newunicodechar\{(.)\}")


class LatexCharacters(SphinxPostTransform):
    """Each character of the extension's blocks as the LaTeX engine prints it."""

    default_priority = 951  # after the late expansion; before the style measures cells
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        engine = str(self.config.latex_engine)
        if engine != "pdflatex" and engine not in UNICODE_ENGINES:
            return  # platex and uplatex: Japanese engines with their own fonts
        elements = dict(self.config.latex_elements or {})
        printable = (
            base_printable() | declared(elements.values(), self.config.language)
            if engine == "pdflatex"
            else unicode_plain()
        )
        makeindex = not self.config.latex_use_xindy
        for block in own_blocks(self.document):
            if isinstance(block, addnodes.index):
                write_index_entries(block, engine, printable, makeindex)
                continue
            substituted = print_block(block, engine, printable)
            for node in compact_bodies(block):  # the last of the table's texts
                translate = body_translator(node, self.config, str(self.env.srcdir))
                substituted += print_compact_body(node, translate, engine, printable)
            if substituted:
                log_warning(VlmTableWarning.LATEX, substitutes_message(substituted), _where(block))


def declared(preamble: Iterable[object], language: str | None = None) -> frozenset[int]:
    """Characters the project's LaTeX preamble declares (``\\DeclareUnicodeCharacter``,
    ``\\newunicodechar``) or prints through the font encodings it loads (Greek with
    ``LGR``, Cyrillic with ``T2A`` or ``X2``), or that babel loads for its language."""
    found: set[int] = set()
    primary = (language or "").replace("-", "_").split("_")[0]
    if primary == "el":
        found.update(range(0x370, 0x400))
    if primary in CYRILLIC_LANGUAGES:
        found.update(range(0x400, 0x460))
    for value in preamble:
        if not isinstance(value, str):
            continue
        found.update(int(point, 16) for point in _DECLARED.findall(value))
        found.update(ord(char) for char in _NEW_CHAR.findall(value))
        if "fontenc" in value and "LGR" in value:
            found.update(range(0x370, 0x400))
        if "fontenc" in value and re.search(r"\b(T2A|X2)\b", value):
            found.update(range(0x400, 0x460))
    return frozenset(found)


def own_blocks(document: nodes.document) -> Iterator[nodes.Element]:
    """The extension's tables, blocks and index entries, in document order (never what
    is inside one again)."""
    stack: list[nodes.Element] = [document]
    while stack:
        current = stack.pop()
        if is_vlm_table(current) or not OWN_BLOCKS.isdisjoint(current.get("classes", ())):
            yield current
            continue
        stack.extend(
            reversed([child for child in current.children if isinstance(child, nodes.Element)])
        )


def print_block(block: nodes.Element, engine: str, printable: frozenset[int]) -> list[Substitution]:
    """Each text of ``block`` in pieces the engine prints; what pdflatex substitutes."""
    unprintable = _unprintable(printable)
    found = print_texts(_texts(block, unprintable), engine, printable)
    if engine == "pdflatex":
        _measure_as_shown(block, printable, unprintable)
    return found


def print_texts(
    texts: Iterable[nodes.Text], engine: str, printable: frozenset[int]
) -> list[Substitution]:
    """Each of ``texts`` (outside verbatim nodes) in pieces the engine prints."""
    unprintable = _unprintable(printable)
    found: list[Substitution] = []
    pieces = _pieces_for(engine, printable)
    for text in list(texts):
        parent = text.parent
        if parent is None or isinstance(parent, _VERBATIM) or not unprintable.search(text):
            continue
        written, substituted = pieces(str(text))
        found += substituted
        parent.replace(text, [_node(piece) for piece in written])
    return found


def print_compact_body(
    node: vlmtable_body,
    translate: Callable[[str], str] | None,
    engine: str,
    printable: frozenset[int],
) -> list[Substitution]:
    """A compact body's characters: what pdflatex substitutes, read from its texts, in
    the order its cells' texts come; each cell is printed as it is written (the printer
    left on the body), and its texts are measured as pdflatex shows them."""
    unprintable = _unprintable(printable)
    pieces = _pieces_for(engine, printable)
    found: list[Substitution] = []
    for texts in body_texts(node, translate, unprintable):
        for text in texts:
            if unprintable.search(text):
                found += pieces(text)[1]

    def printer(entry: nodes.Element) -> None:
        print_texts(entry.findall(nodes.Text), engine, printable)

    latex_style_of(node).printer = printer
    if engine == "pdflatex":
        measured = measured_texts(node, translate)
        for row in measured:
            for column, text in enumerate(row):
                if unprintable.search(text):
                    row[column] = _shown(text, printable)
    return found


def _pieces_for(
    engine: str, printable: frozenset[int]
) -> Callable[[str], tuple[list[Piece], list[Substitution]]]:
    def for_pdflatex(text: str) -> tuple[list[Piece], list[Substitution]]:
        return pdflatex_pieces(text, printable)

    def with_fonts(text: str) -> tuple[list[Piece], list[Substitution]]:
        return glyph_pieces(text, printable, engine), []

    return for_pdflatex if engine == "pdflatex" else with_fonts


def body_texts(
    node: vlmtable_body, translate: Callable[[str], str] | None, unprintable: re.Pattern[str]
) -> Iterator[list[str]]:
    """Each cell's texts, as the text nodes of its expanded rows would hold them (not
    those in verbatim nodes; a row's badge is ASCII), in the order they come."""
    body: CompactBody = node["body"]
    facts = BodyFacts.of(node)
    for row_index, cells in enumerate(body.rows):
        for column, text in enumerate(cells):
            position = (row_index, column)
            if text is None:
                continue
            if position in facts.markup:
                yield _node_texts(facts.markup[position])
            elif position in facts.frozen:
                frozen = facts.frozen[position]
                if any(unprintable.search(piece) for piece in text_pieces(frozen)):
                    yield _node_texts(thaw(frozen))
            elif column in facts.state_columns or translate is None or not text:
                yield [text]
            else:
                yield [translate(text)]


def _node_texts(children: Iterable[nodes.Node]) -> list[str]:
    return [
        str(text)
        for child in children
        for text in child.findall(nodes.Text)
        if not isinstance(text.parent, _VERBATIM)
    ]


def _texts(block: nodes.Element, unprintable: re.Pattern[str]) -> list[nodes.Text]:
    """The texts of a block; a table body whose cells are all printable is not walked
    (a long table is hundreds of thousands of nodes)."""
    if not is_vlm_table(block):
        return list(block.findall(nodes.Text))
    found: list[nodes.Text] = []
    for child in block.children:
        if not isinstance(child, nodes.tgroup):
            found += child.findall(nodes.Text) if isinstance(child, nodes.Element) else []
            continue
        for section in sections(block):
            if isinstance(section, vlmtable_body):
                continue  # its cells are printed as they are written
            texts: list[str] = getattr(section, "cell_texts", [])
            if texts and not any(unprintable.search(text) for text in texts):
                continue
            found += section.findall(nodes.Text)
    return found


def _measure_as_shown(
    block: nodes.Element, printable: frozenset[int], unprintable: re.Pattern[str]
) -> None:
    """The cells' texts the page fitting measures: as pdflatex shows them."""
    if not is_vlm_table(block):
        return
    for section in sections(block):
        texts: list[str] | None = getattr(section, "cell_texts", None)
        if texts:
            section.cell_texts = [  # type: ignore[union-attr]
                _shown(text, printable) if unprintable.search(text) else text for text in texts
            ]


def _shown(text: str, printable: frozenset[int]) -> str:
    return "".join(piece.shown for piece in pdflatex_pieces(text, printable)[0])


def _node(piece: Piece) -> nodes.Node:
    if piece.latex is None:
        return nodes.Text(piece.shown)
    # Only what latex_chars made: commands of ours, LaTeX's and escaped text.
    return nodes.raw("", piece.latex, format="latex", shown=piece.shown)


def write_index_entries(
    index: addnodes.index, engine: str, printable: frozenset[int], makeindex: bool
) -> None:
    """The extension's index entries that Sphinx would write with characters the engine
    cannot print (or, for makeindex, starting with a character past ASCII: its letter
    headings take a byte) as LaTeX of their own, the same ``\\index`` Sphinx writes."""
    unprintable = _unprintable(printable)
    kept, written = [], []
    for entry in index["entries"]:
        kind, value, _target, main, _key = entry
        if kind == "single" and (
            unprintable.search(value) or (makeindex and not value[:1].isascii())
        ):
            written.append(_index_command(value, bool(main), engine, printable))
        else:
            kept.append(entry)
    index["entries"] = kept
    if written:
        # Our own commands around escaped text and latex_chars' pieces: never raw data.
        entries = nodes.raw("", "".join(written), format="latex")
        index.parent.insert(index.parent.index(index) + 1, entries)


def _index_command(value: str, main: bool, engine: str, printable: frozenset[int]) -> str:
    """``\\index{key@\\spxentry{name}\\spxextra{model}}`` for ``name (model)``: the
    name as the engine prints it, the key as the index sorts it."""
    name, _, extra = value.rpartition(" (")
    if not name or not extra.endswith(")"):
        name, extra = value, ""
    key = _sort_key(value, printable) if engine == "pdflatex" else value
    pieces = _pieces_for(engine, printable)(name)[0]
    shown = "".join(piece.latex or escape(piece.shown, engine) for piece in pieces)
    command = f"\\index{{{_quoted(escape(key, engine))}@\\spxentry{{{_quoted(shown)}}}"
    if extra:
        command += f"\\spxextra{{{_quoted(escape(extra[:-1], engine))}}}"
    return command + ("|spxpagem}" if main else "}")


def _quoted(latex: str) -> str:
    """As Sphinx quotes an index entry for makeindex and xindy."""
    for plain, quoted in (
        ("\\{", "\\sphinxleftcurlybrace{}"),
        ("\\}", "\\sphinxrightcurlybrace{}"),
        ('"', '""'),
        ("@", '"@'),
        ("!", '"!'),
        ("|", "\\textbar{}"),
    ):
        latex = latex.replace(plain, quoted)
    return latex


def _sort_key(value: str, printable: frozenset[int]) -> str:
    """``value`` in ASCII for makeindex to sort and group (``Lodz`` for ``Łódź``)."""
    shown = "".join(piece.plain or piece.shown for piece in pdflatex_pieces(value, printable)[0])
    letters = unicodedata.normalize("NFKD", shown.translate(ASCII_LETTERS))
    key = "".join(char for char in letters if char.isascii()).strip()
    return key if key[:1].isalnum() else f"~{key}"


def substitutes_message(substituted: Sequence[Substitution]) -> str:
    unique = list(dict.fromkeys((item.written, item.shown) for item in substituted))
    named = ", ".join(f"{written!r} as {shown!r}" for written, shown in unique[:NAMED])
    more = f" and {len(unique) - NAMED} more" if len(unique) > NAMED else ""
    return (
        f"pdflatex's fonts have no glyph for some characters here; the PDF shows "
        f"{len(unique)} substitutes: {named}{more} (with latex_engine = 'xelatex' or "
        "'lualatex' they print in a font that has them)"
    )


def _where(block: nodes.Element) -> str | None:
    """The block's place in its page, or its nearest ancestor's."""
    node: nodes.Element | None = block
    while node is not None:
        if node.source:
            return f"{node.source}:{node.line or 0}"
        node = node.parent
    return None


@cache
def _unprintable(printable: frozenset[int]) -> re.Pattern[str]:
    """A character outside ``printable``."""
    ranges: list[list[int]] = []
    for point in sorted(printable):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    allowed = "".join(
        re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else "")
        for first, last in ranges
    )
    return re.compile(f"[^{allowed}]")
