"""Run one Sphinx build in this process; print its peak memory (KiB) as JSON.

The benchmark starts this in a fresh interpreter per build, so every build pays the
same start-up and no build inherits another's caches or memory.
"""

from __future__ import annotations

import json
import resource
import sys

from sphinx.cmd.build import main as sphinx_build

if __name__ == "__main__":
    builder, *paths = sys.argv[1:]
    status = sphinx_build(["-q", "-E", "-b", builder, *paths])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"status": status, "peak_kib": peak_kib}))
    sys.exit(status)
