"""What the build keeps between pages, typed: the ``vlm`` domain's data.

Everything the extension remembers lives in ``env.domaindata["vlm"]``: pickled with the
environment, cleared per page by the domain, merged from parallel readers by it. No
state lives in a module. Each layer reads it through these functions, by name and type,
never by string keys of its own.
"""

from __future__ import annotations

from typing import TypedDict, cast

from sphinx.environment import BuildEnvironment

from sphinx_vlmtable.data.files import CachedLoad

DOMAIN = "vlm"

#: A home of a model: its page, the row's anchor, and "page:line" of the table.
Home = tuple[str, str, str]
#: A data file, ``vlmtable_default_sort``, and the keys of it that the file lacks.
SortProblem = tuple[str, str, tuple[str, ...]]
#: A data file, its ``models_from`` patterns, and the files they matched.
ModelGlobs = tuple[str, tuple[str, ...], tuple[str, ...]]


class SurveyState(TypedDict):
    """The ``vlm`` domain's data."""

    version: int
    #: name -> every table that is its home, in reading order; links go to the first.
    homes: dict[str, list[Home]]
    #: docname -> the names its roles (and charts, changes, comparisons) link to.
    uses: dict[str, set[str]]
    #: docname -> ("page:line" of a home table that could not be shown, its cause).
    failed_homes: dict[str, list[tuple[str, str]]]
    #: docname -> True for each page with a table (the script is for those only).
    table_pages: dict[str, bool]
    default_sort_problems: dict[str, list[SortProblem]]
    model_globs: dict[str, list[ModelGlobs]]
    #: The project's configuration directory (where git is looked for).
    project_dir: str
    #: This build's loads by absolute path: a file several tables show is parsed once.
    #: Emptied when reading ends, so it is never pickled with the environment.
    loads: dict[str, CachedLoad]


def initial_state() -> SurveyState:
    return SurveyState(
        version=0,
        homes={},
        uses={},
        failed_homes={},
        table_pages={},
        default_sort_problems={},
        model_globs={},
        project_dir="",
        loads={},
    )


def state_of(env: BuildEnvironment) -> SurveyState:
    """The build's state (the domain made it when the environment was set up)."""
    return cast(SurveyState, env.domaindata[DOMAIN])


def first_homes(env: BuildEnvironment) -> dict[str, Home]:
    """Each model with a home, and the home its links go to."""
    return {name: homes[0] for name, homes in state_of(env)["homes"].items() if homes}


def table_pages(env: BuildEnvironment) -> dict[str, bool]:
    return state_of(env)["table_pages"]


def project_dir(env: BuildEnvironment) -> str:
    """The project's configuration directory (the source directory without one)."""
    return state_of(env)["project_dir"] or str(env.srcdir)


def note_model_links(env: BuildEnvironment, names: list[str] | set[str]) -> None:
    """This page links to these models' rows (resolved when it is written), so it is
    read again when a home table changes."""
    state_of(env)["uses"].setdefault(env.docname, set()).update(names)
