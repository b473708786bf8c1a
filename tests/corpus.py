"""Bad and good data files, each bad one with the problem it must produce.

One table serves the loader, the directives (reST and MyST pages), ``vlmtable check``
and the JSON Schema agreement test, so every path sees the same inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TOP = Path(__file__).parent.parent


@dataclass(frozen=True)
class BadCase:
    name: str
    content: bytes
    subtype: str
    line: int
    #: A part of the message that must be there.
    says: str
    #: Whether the JSON Schema rejects it too (None: PyYAML cannot load it, or the
    #: schema cannot see the problem, such as a duplicate or an undeclared key).
    schema_rejects: bool | None = True
    directive: str = "vlm-table"
    #: Whether the table is left out (False: reported, and the table is still built).
    stops: bool = True


def case(
    name: str, text: str | bytes, subtype: str, line: int, says: str, **extra: object
) -> BadCase:
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return BadCase(name, content, subtype, line, says, **extra)  # type: ignore[arg-type]


M = "models:\n  - model: A\n"  # a valid start most cases build on

# Cases in a module of their own; it builds on ``case`` and ``M`` above.
from corpus_typed import TYPED_AND_MATRIX_CASES  # noqa: E402

BAD_CASES = [
    case("yaml_syntax", M + "    year: [2023\n", "yaml", 4, "invalid YAML", schema_rejects=None),
    case("lone_dash", M + "    year: -\n", "yaml", 3, "lone '-'", schema_rejects=None),
    case(
        "lone_dash_list",
        M + "    year:\n      -\n",
        "type",
        4,
        "lone '-'",
        schema_rejects=True,
        stops=False,
    ),
    case("tab_indent", "models:\n\t- model: A\n", "yaml", 2, "tab", schema_rejects=None),
    case(
        "unquoted_colon",
        "models:\n  - model: A: B\n",
        "yaml",
        2,
        "must be quoted",
        schema_rejects=None,
    ),
    case(
        "tag_python",
        "models:\n  - model: !!python/object/apply:os.system [ls]\n",
        "tag",
        2,
        "python/object",
        schema_rejects=None,
    ),
    case(
        "tag_binary", M + "    year: !!binary aGVsbG8=\n", "tag", 3, "binary", schema_rejects=None
    ),
    case("tag_set", "models: !!set\n  ? a\n", "tag", 1, "set", schema_rejects=None),
    case("tag_local", "models:\n  - model: !custom A\n", "tag", 2, "!custom", schema_rejects=None),
    case("tag_str", "models:\n  - model: !!str 2023.10\n", "tag", 2, "str", schema_rejects=None),
    case(
        "anchor",
        "models:\n  - &m\n    model: A\n  - *m\n",
        "alias",
        2,
        "anchor '&m'",
        schema_rejects=None,
    ),
    case(
        "alias_bomb",
        'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n',
        "alias",
        1,
        "&a",
        schema_rejects=None,
    ),
    case(
        "alias_only", "models:\n  - *nowhere\n", "alias", 2, "alias '*nowhere'", schema_rejects=None
    ),
    case(
        "two_documents",
        "models: []\n---\nmodels: []\n",
        "structure",
        2,
        "more than one",
        schema_rejects=None,
    ),
    case("top_level_list", "- model: A\n", "structure", 1, "top level must be a mapping"),
    case("top_level_text", "just some text\n", "structure", 1, "top level must be a mapping"),
    case("empty_file", "", "structure", 1, "the file is empty", schema_rejects=None),
    case(
        "comments_only", "# nothing yet\n", "structure", 1, "the file is empty", schema_rejects=None
    ),
    case(
        "complex_key",
        "models:\n  - ? [a, b]\n    : x\n",
        "type",
        2,
        "a key must be text",
        schema_rejects=None,
    ),
    case(
        "duplicate_top_key",
        "models: []\nmodels: []\n",
        "duplicate_key",
        2,
        "duplicate key 'models' (first at line 1)",
        schema_rejects=None,
    ),
    case(
        "duplicate_model_key",
        M + "    year: '1'\n    year: '2'\n",
        "duplicate_key",
        4,
        "first at line 3",
        schema_rejects=None,
    ),
    case("unknown_top_key", "modles:\n  - model: A\n", "unknown_key", 1, "did you mean 'models'?"),
    case(
        "undeclared_column_key",
        M + "    yeer: '2023'\n",
        "unknown_key",
        3,
        "did you mean 'year'?",
        schema_rejects=None,
        stops=False,
    ),
    case(
        "unknown_task_key",
        "tasks:\n  - name: A\n    descripton: x\n",
        "unknown_key",
        3,
        "did you mean 'description'?",
        directive="vlm-tasks",
    ),
    case(
        "unknown_column_field",
        "columns:\n  - key: model\n    label: Model\n    lable: M\nmodels: []\n",
        "unknown_key",
        4,
        "did you mean 'label'?",
    ),
    case("missing_model_name", "models:\n  - year: '2023'\n", "missing_key", 2, "has no name"),
    case("empty_model_name", "models:\n  - model: ''\n", "missing_key", 2, "has no name"),
    case(
        "duplicate_model",
        M + "  - model: A\n",
        "duplicate_model",
        3,
        "duplicate model 'A' (first at line 2)",
        schema_rejects=None,
        stops=False,
    ),
    case(
        "list_for_text", M + "    llm: [a, b]\n", "type", 3, "must be text, not a list", stops=False
    ),
    case(
        "cell_mapping_without_text",
        M + "    llm:\n      url: https://x.org\n",
        "missing_key",
        4,
        "needs 'text'",
        stops=False,
    ),
    case("models_not_a_list", "models:\n  model: A\n", "type", 2, "must be a list"),
    case("model_not_a_mapping", "models:\n  - A\n", "type", 2, "must be a mapping"),
    case(
        "column_duplicate_key",
        "columns:\n  - {key: model, label: Model}\n  - {key: model, label: Again}\nmodels: []\n",
        "columns",
        3,
        "duplicate column key 'model' (first at line 2)",
        schema_rejects=None,
    ),
    case(
        "column_empty_label",
        "columns:\n  - key: model\n    label: ''\nmodels: []\n",
        "columns",
        3,
        "label is empty",
    ),
    case(
        "group_without_columns",
        "columns:\n  - {key: model, label: Model}\n  - label: G\n    columns: []\nmodels: []\n",
        "columns",
        4,
        "has no columns",
    ),
    case(
        "columns_without_model",
        "columns:\n  - {key: year, label: Year}\nmodels: []\n",
        "columns",
        2,
        "no 'model' column",
        schema_rejects=None,
    ),
    case(
        "column_key_and_columns",
        "columns:\n  - {key: model, label: Model}\n"
        "  - key: x\n    label: X\n    columns: [{key: y, label: Y}]\nmodels: []\n",
        "columns",
        3,
        "not both",
    ),
    case(
        "column_without_label",
        "columns:\n  - key: model\nmodels: []\n",
        "missing_key",
        2,
        "needs a 'label'",
    ),
    case(
        "url_javascript",
        M + "    url: javascript:alert(1)\n",
        "url",
        3,
        "http:// or https://",
        stops=False,
    ),
    case(
        "cell_url_ftp",
        M + "    llm: {text: Vicuna, url: 'ftp://x.org/'}\n",
        "url",
        3,
        "http:// or https://",
        stops=False,
    ),
    case(
        "invalid_utf8",
        b"models:\n  - model: A\xff\n",
        "encoding",
        2,
        "not valid UTF-8",
        schema_rejects=None,
    ),
    case(
        "control_character", M.replace("A", "A\x07"), "encoding", 2, "U+0007", schema_rejects=None
    ),
    case(
        "line_separator",
        M + "    llm: a\u2028b\n",
        "encoding",
        3,
        "LINE SEPARATOR",
        schema_rejects=None,
    ),
    case("next_line", M + "    llm: a\u0085b\n", "encoding", 3, "U+0085", schema_rejects=None),
    case(
        "nested_too_deep",
        "models:\n  - model: A\n    llm: " + "[" * 100 + "]" * 100 + "\n",
        "structure",
        3,
        "nested more than",
        schema_rejects=None,
    ),
    # Addresses urlsplit itself refuses (an unclosed IPv6 bracket, a full-width '#' in
    # the host), and one whose port is not a number.
    case(
        "url_unclosed_bracket",
        M + "    url: 'http://[::1/x'\n",
        "url",
        3,
        "not a valid address",
        stops=False,
    ),
    case(
        "url_fullwidth_host",
        M + "    llm: {text: V, url: 'https://a\uff03b.org/'}\n",
        "url",
        3,
        "not a valid address",
        stops=False,
    ),
    case(
        "url_bad_port",
        M + "    url: 'https://x.org:99999999999/'\n",
        "url",
        3,
        "not a valid address",
        schema_rejects=None,
        stops=False,
    ),
    # Control characters written as YAML escapes: the raw text has none.
    case("escape_esc", M + '    llm: "\\e[2J"\n', "encoding", 3, "U+001B", schema_rejects=None),
    case("escape_bell", M + '    llm: "a\\ab"\n', "encoding", 3, "U+0007", schema_rejects=None),
    case("escape_nul", M + '    llm: "a\\0b"\n', "encoding", 3, "U+0000", schema_rejects=None),
    case(
        "escape_next_line", M + '    llm: "a\\Nb"\n', "encoding", 3, "U+0085", schema_rejects=None
    ),
    case(
        "escape_line_separator",
        M + '    llm: "a\\Lb"\n',
        "encoding",
        3,
        "U+2028",
        schema_rejects=None,
    ),
    case(
        "escape_in_key",
        'models:\n  - model: A\n    "\\x1b": b\n',
        "encoding",
        3,
        "U+001B",
        schema_rejects=None,
    ),
    case(
        "column_key_url",
        "columns:\n  - {key: model, label: Model}\n  - {key: url, label: Link}\n" + M,
        "columns",
        3,
        "reserved",
    ),
    case("no_models", "tasks:\n  - name: A\n", "missing_key", 1, "no 'models'"),
    case("empty_models", "models: []\n", "missing_key", 1, "'models' is empty"),
    case("models_null", "models:\n", "missing_key", 1, "'models' is empty"),
    *TYPED_AND_MATRIX_CASES,
]

#: Root data files that hold a contributor's mistakes on purpose (the fail-soft tests).
WITH_PROBLEMS = {
    "test-aliases/data/m.yaml",
    "test-fail-soft/data/board.yaml",
    "test-values/data/size.yaml",
    "test-values/data/given.yaml",
    "test-values/data/ids.yaml",
}
GOOD_FILES = [
    TOP / "docs" / "data" / "vlms.yaml",
    *sorted(
        path
        for path in (TOP / "tests" / "roots").glob("test-*/data/*.yaml")
        if path.relative_to(TOP / "tests" / "roots").as_posix() not in WITH_PROBLEMS
    ),
]
GOOD_TEXTS = {
    "bom": b"\xef\xbb\xbfmodels:\n  - model: A\n",
    "empty_values": b"models:\n  - model: A\n    year:\n    llm: ''\n",
    "linked_cell": b"models:\n  - model: A\n    llm: {text: Vicuna, url: 'https://x.org'}\n",
    "crlf": b"models:\r\n  - model: A\r\n    year: 2023.10\r\n",
    # A tab inside a block scalar is text, not indentation.
    "tab_in_block_scalar": b"models:\n  - model: A\n    llm: |\n      a\tb\n      \tc\n",
    "three_levels": (
        b"columns:\n  - {key: model, label: Model}\n  - label: Scores\n    columns:\n"
        b"      - label: Vision\n        columns: [{key: vqa, label: VQA}]\n"
        b"      - {key: text, label: Text}\nmodels:\n  - {model: A, vqa: 1, text: 2}\n"
    ),
}
