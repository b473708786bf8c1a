"""The ``vlmtable_*`` configuration values in a build: registered and checked on
config-inited.

Each value is declared once, in ``view/settings.py`` (the ``vlmtable`` command reads the
same declaration). A bad value is one ``vlmtable.config`` warning naming conf.py, then
the default is used: never one error per table.
"""

from __future__ import annotations

import os
import re
from dataclasses import fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_vlmtable.view.settings import PREFIX, VlmTableConfig, default_of, value_problem
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

__all__ = ["PREFIX", "VlmTableConfig", "add_config_values", "settings_of"]


def _from_sphinx(config: Config) -> VlmTableConfig:
    names = [item.name for item in fields(VlmTableConfig)]
    return VlmTableConfig(**{name: getattr(config, PREFIX + name) for name in names})


def add_config_values(app: Sphinx) -> None:
    for item in fields(VlmTableConfig):
        app.add_config_value(PREFIX + item.name, item.default, "env", types=item.metadata["types"])
    app.connect("config-inited", check_config)


def settings_of(config: Config) -> VlmTableConfig:
    """The configuration values, as checked on config-inited: read this way everywhere."""
    return _from_sphinx(config)


def conf_py_location(confdir: str | os.PathLike[str] | None, name: str) -> str | None:
    """Where a config warning points: ``conf.py:LINE``, the last line that sets ``name``
    (the one in force), or line 1 when it is set another way, such as ``-D``; None
    without a conf.py."""
    if not confdir:
        return None
    conf_py = os.path.join(confdir, "conf.py")
    line = 1
    try:
        with open(conf_py, encoding="utf-8") as stream:
            for number, text in enumerate(stream, start=1):
                if re.match(rf"{re.escape(name)}\s*[:=]", text):
                    line = number
    except (OSError, UnicodeDecodeError):
        pass
    return f"{conf_py}:{line}"


def check_config(app: Sphinx, config: Config) -> None:
    """A value of the wrong type or out of range falls back to its default, with a warning."""
    for item in fields(VlmTableConfig):
        name = PREFIX + item.name
        value: Any = getattr(config, name)
        problem = value_problem(item, value)
        if problem is not None:
            log_warning(
                VlmTableWarning.CONFIG,
                f"{name} {problem}; using the default {default_of(item)!r}",
                conf_py_location(app.confdir, name),
            )
            config[name] = default_of(item)
