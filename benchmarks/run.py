"""Benchmark: vlm-table against csv-table and a raw page of the same table, in one run.

    python benchmarks/run.py             # 1,000, 10,000 and 20,000 rows; HTML and LaTeX; 3 runs
    python benchmarks/run.py --quick     # 1,000 rows, 1 run
    python benchmarks/run.py --sizes 10000 --builders html --runs 1

For each size it writes one-page projects with the same rows (the seed's seven columns,
deterministic synthetic data): ``vlm-table`` from YAML (with the extension), the same
with a reST markup column, ``csv-table`` from CSV and its markup twin (in a project
*without* the extension, so nothing of ours touches them), and the floor: a page whose
table is one ``raw`` block (HTML, or LaTeX for the LaTeX builder) in a project without
the extension: what Sphinx costs for the page whatever makes the table. Each is built in
a fresh interpreter (``build_once.py``), alternating, and measured by its CPU time (user +
system, of that process alone: steady on a busy machine) and its peak memory.

It prints, per size and builder: the median CPU time of each, its ratio to csv-table on
the same data and to the raw floor, peak memory, and memory per row above an empty
page's; then how each build's time grows from one size to the next (1.0 is linear).
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from synthetic import COLUMNS, synthetic_csv, synthetic_models, synthetic_yaml

HERE = Path(__file__).parent
HEADER = ["Model", "Year", "Vision Encoder", "Adapter", "LLM", "Training Recipe", "Data Recipe"]
WITH_US = 'extensions = ["sphinx_vlmtable"]\nhtml_theme = "alabaster"\n'
WITHOUT_US = 'extensions = []\nhtml_theme = "alabaster"\n'
PAGE = "Models\n======\n\n"
KINDS = ("empty", "vlm-table", "csv-table", "raw floor", "vlm-table markup", "csv-table markup")
_LATEX_SPECIAL = str.maketrans({c: f"\\{c}" for c in "&%$#_{}"} | {"~": r"\~{}", "^": r"\^{}"})


def raw_html(count: int) -> str:
    """The table as one HTML block, as a hand-written page would hold it."""
    rows = [f"<tr>{''.join(f'<th>{html.escape(h)}</th>' for h in HEADER)}</tr>"]
    for model in synthetic_models(count):
        cells = "".join(f"<td>{html.escape(model[key])}</td>" for key in COLUMNS)
        rows.append(f"<tr>{cells}</tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


def raw_latex(count: int) -> str:
    rows = [" & ".join(HEADER) + r" \\ \hline"]
    for model in synthetic_models(count):
        rows.append(" & ".join(model[key].translate(_LATEX_SPECIAL) for key in COLUMNS) + r" \\")
    return (
        "\\begin{longtable}{" + "l" * len(COLUMNS) + "}\n" + "\n".join(rows) + "\n\\end{longtable}"
    )


def _indented(text: str) -> str:
    return "".join(f"   {line}\n" for line in text.splitlines())


def write_projects(root: Path, count: int, builder: str) -> dict[str, Path]:
    """One project per kind, for ``count`` rows."""
    projects = {}
    for kind in KINDS:
        srcdir = root / f"{kind.replace(' ', '-')}-{count}-{builder}"
        srcdir.mkdir(parents=True)
        ours = kind.startswith("vlm-table") or kind == "empty"
        (srcdir / "conf.py").write_text(WITH_US if ours else WITHOUT_US)
        projects[kind] = srcdir
    (projects["empty"] / "index.rst").write_text(PAGE + "No table.\n")
    for suffix, markup in (("", False), (" markup", True)):
        vlm, csv = projects[f"vlm-table{suffix}"], projects[f"csv-table{suffix}"]
        (vlm / "models.yaml").write_text(synthetic_yaml(count, markup=markup))
        (vlm / "index.rst").write_text(PAGE + ".. vlm-table:: models.yaml\n")
        (csv / "models.csv").write_text(synthetic_csv(count, markup=markup))
        header = ", ".join(f'"{h}"' for h in HEADER)
        (csv / "index.rst").write_text(
            PAGE + f".. csv-table::\n   :file: models.csv\n   :header: {header}\n"
            "   :stub-columns: 1\n"
        )
    block = raw_latex(count) if builder == "latex" else raw_html(count)
    raw_format = "latex" if builder == "latex" else "html"
    (projects["raw floor"] / "index.rst").write_text(
        PAGE + f".. raw:: {raw_format}\n\n" + _indented(block)
    )
    return projects


def bytecode_environment(cache: Path) -> dict[str, str]:
    """The environment each build runs in: Python's compiled modules kept in ``cache``
    (as an installed package has them), so no build pays for compiling the extension's
    source again, as each fresh interpreter would with ``PYTHONDONTWRITEBYTECODE`` set
    or an editable install in a read-only place."""
    environment = {
        name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"
    }
    environment["PYTHONPYCACHEPREFIX"] = str(cache)
    return environment


def build(srcdir: Path, builder: str, environment: dict[str, str]) -> tuple[float, int]:
    """CPU seconds of one clean build in a fresh interpreter, and its peak memory (KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, str(HERE / "build_once.py"), builder, str(srcdir), str(srcdir / "_out")],
        capture_output=True,
        text=True,
        env=environment,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build of {srcdir} failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, json.loads(done.stdout.strip().splitlines()[-1])["peak_kib"]


def measure(root: Path, count: int, builder: str, runs: int) -> dict[str, tuple[float, int]]:
    """Median CPU time and peak memory of each kind, builds alternating."""
    projects = write_projects(root, count, builder)
    environment = bytecode_environment(root / "pycache")
    build(projects["empty"], builder, environment)  # untimed: compiles what builds import
    times: dict[str, list[float]] = {kind: [] for kind in projects}
    peaks: dict[str, int] = dict.fromkeys(projects, 0)
    for _ in range(runs):
        for kind, srcdir in projects.items():  # alternate, so drift hits all alike
            seconds, peak = build(srcdir, builder, environment)
            times[kind].append(seconds)
            peaks[kind] = max(peaks[kind], peak)
    return {kind: (statistics.median(times[kind]), peaks[kind]) for kind in projects}


def report(count: int, builder: str, results: dict[str, tuple[float, int]]) -> None:
    floor = results["raw floor"][0]
    empty_peak = results["empty"][1]
    for kind in KINDS[1:]:
        seconds, peak = results[kind]
        same_data = "csv-table markup" if kind.endswith("markup") else "csv-table"
        # Above an empty page's peak (the floor's page is the empty one of its kind).
        per_row = "-" if kind == "raw floor" else f"{(peak - empty_peak) / count:.1f}"
        print(
            f"| {count:,} | {builder} | {kind} | {seconds:.2f} | "
            f"{seconds / results[same_data][0]:.2f} | {seconds / floor:.2f} | "
            f"{peak / 1024:.0f} | {per_row} |"
        )


def growth(measured: dict[tuple[int, str], dict[str, tuple[float, int]]]) -> None:
    """How each build's CPU time grows between sizes: log(t2/t1) / log(n2/n1)."""
    print()
    print("| builder | build | sizes | growth exponent (1.0 = linear) |")
    print("|---|---|---|---:|")
    for (count, builder), results in sorted(measured.items()):
        larger = [c for c, b in measured if b == builder and c > count]
        if not larger:
            continue
        bigger = min(larger)
        for kind in ("vlm-table", "vlm-table markup"):
            small, large = results[kind][0], measured[bigger, builder][kind][0]
            exponent = math.log(large / small) / math.log(bigger / count)
            print(f"| {builder} | {kind} | {count:,} → {bigger:,} | {exponent:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 rows, 1 run")
    parser.add_argument("--sizes", type=int, nargs="*", help="row counts to build")
    parser.add_argument("--runs", type=int, help="builds of each project per size")
    parser.add_argument("--builders", nargs="*", default=["html", "latex"], help="html, latex")
    arguments = parser.parse_args()
    sizes = arguments.sizes or ([1000] if arguments.quick else [1000, 10000, 20000])
    runs = arguments.runs or (1 if arguments.quick else 3)
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; CPU time, median of {runs}, builds alternating"
    )
    print()
    print(
        "| rows | builder | build | CPU s | x csv-table (no extension) | x raw floor "
        "| peak MiB | KiB per row |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    measured = {}
    with tempfile.TemporaryDirectory() as temporary:
        for count in sizes:
            for builder in arguments.builders:
                results = measure(Path(temporary), count, builder, runs)
                measured[count, builder] = results
                report(count, builder, results)
                sys.stdout.flush()
    growth(measured)


if __name__ == "__main__":
    main()
