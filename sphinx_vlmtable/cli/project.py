"""The project's settings for a command: ``--conf CONF_PY``, or ``[tool.vlmtable]`` of the
nearest pyproject.toml (``data/project.py`` reads them without running anything), checked
as a build checks conf.py (``view/settings.py``); an option given on the command line
wins over both."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TypeVar

from sphinx_vlmtable.data.files import LoadSettings
from sphinx_vlmtable.data.project import project_settings
from sphinx_vlmtable.view.settings import VlmTableConfig, checked_settings

T = TypeVar("T")


def add_conf(parser: argparse.ArgumentParser) -> None:
    """``--conf``: the conf.py whose ``vlmtable_*`` values the command reads."""
    parser.add_argument(
        "--conf",
        metavar="CONF_PY",
        help="read the vlmtable_* values of this conf.py (literal values only: it is not "
        "run); without it, [tool.vlmtable] of the nearest pyproject.toml",
    )


def project_config(arguments: argparse.Namespace) -> VlmTableConfig:
    """The project's settings (each message about them printed on standard error)."""
    conf_py = getattr(arguments, "conf", None)
    found = project_settings(conf_py, os.getcwd())
    if conf_py is not None and conf_py not in found.sources:
        print(f"vlmtable: {conf_py} was not read; using the defaults", file=sys.stderr)
    config, messages = checked_settings(found.values)
    for message in [*found.messages, *messages]:
        print(f"{message} [vlmtable.config]", file=sys.stderr)
    return config


def given_or(arguments: argparse.Namespace, name: str, configured: T) -> T:
    """The command line's value of ``name`` when given, else the project's."""
    value = getattr(arguments, name, None)
    return configured if value is None else value


def load_settings(arguments: argparse.Namespace, config: VlmTableConfig) -> LoadSettings:
    """How the command reads data files: the command line's options over the project's."""
    return LoadSettings(
        max_file_size=given_or(arguments, "max_file_size", config.max_file_size),
        max_problems=given_or(arguments, "max_problems", config.max_problems),
        missing=given_or(arguments, "missing", config.missing),
    )
