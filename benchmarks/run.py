"""Benchmark: vlm-table against csv-table and list-table, on the same data, in one run.

    python benchmarks/run.py            # 10, 1,000 and 10,000 models, 3 runs each
    python benchmarks/run.py --quick    # 10 and 1,000 models, 2 runs each
    python benchmarks/run.py --charts   # also the table with a timeline of every model

For each size it writes three one-page projects with the same rows (the seed's seven
columns, deterministic synthetic data): ``vlm-table`` from YAML, ``csv-table`` from CSV,
and ``list-table`` written out in reST. It builds them alternately, each in a fresh
interpreter (``build_once.py``), and prints the median, min and max wall time, the ratio
of each median to csv-table's, and the peak memory. It also times the directive's own
work alone (load, validate, build the nodes) against libyaml's C loader on the same file.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import COLUMNS, synthetic_csv, synthetic_models, synthetic_yaml

HERE = Path(__file__).parent
HEADER = ["Model", "Year", "Vision Encoder", "Adapter", "LLM", "Training Recipe", "Data Recipe"]
CONF = 'extensions = ["sphinx_vlmtable"]\nhtml_theme = "alabaster"\n'


def write_projects(root: Path, count: int, charts: bool = False) -> dict[str, Path]:
    """The three projects (and an empty one) for ``count`` models; with ``charts``, the
    vlm-table project again with a timeline of all its models under the table."""
    projects = {}
    kinds: tuple[str, ...] = (
        "empty",
        "vlm-table",
        "csv-table",
        "list-table",
        "vlm-table markup",
        "csv-table markup",
    )
    if charts:
        kinds += ("vlm-table chart",)
    for kind in kinds:
        srcdir = root / f"{kind}-{count}"
        srcdir.mkdir(parents=True)
        (srcdir / "conf.py").write_text(CONF)
        projects[kind] = srcdir
    page = "Models\n======\n\n"
    (projects["empty"] / "index.rst").write_text(page + "No table.\n")
    for suffix, markup in (("", False), (" markup", True)):
        (projects[f"vlm-table{suffix}"] / "models.yaml").write_text(
            synthetic_yaml(count, markup=markup)
        )
        (projects[f"vlm-table{suffix}"] / "index.rst").write_text(
            page + ".. vlm-table:: models.yaml\n"
        )
        (projects[f"csv-table{suffix}"] / "models.csv").write_text(
            synthetic_csv(count, markup=markup)
        )
        (projects[f"csv-table{suffix}"] / "index.rst").write_text(
            page
            + ".. csv-table::\n   :file: models.csv\n   :header: "
            + ", ".join(f'"{h}"' for h in HEADER)
            + "\n   :stub-columns: 1\n"
        )
    if charts:
        (projects["vlm-table chart"] / "models.yaml").write_text(synthetic_yaml(count))
        (projects["vlm-table chart"] / "index.rst").write_text(
            page + ".. vlm-table:: models.yaml\n   :index:\n\n"
            ".. vlm-chart:: models.yaml\n   :x: year\n   :color: adapter\n"
        )
    lines = [page + ".. list-table::\n   :header-rows: 1\n   :stub-columns: 1\n"]
    for row in [HEADER, *([m[k] for k in COLUMNS] for m in synthetic_models(count))]:
        cells = [cell if cell != "-" else "\\-" for cell in row]  # a lone "-" is a list
        lines.append("   * - " + "\n     - ".join(cells))
    (projects["list-table"] / "index.rst").write_text("\n".join(lines) + "\n")
    return projects


def build(srcdir: Path, builder: str = "html") -> tuple[float, int]:
    """Wall time of one clean build in a fresh interpreter, and its peak memory."""
    outdir = srcdir / "_build"
    shutil.rmtree(outdir, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / "build_once.py"), builder, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build of {srcdir} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, json.loads(done.stdout.strip().splitlines()[-1])["peak_kib"]


def directive_work(count: int, repeats: int) -> dict[str, float]:
    """The directive's own work alone, against libyaml's C loader on the same bytes."""
    import yaml
    from docutils import nodes

    from sphinx_vlmtable.data.gcpause import gc_paused
    from sphinx_vlmtable.data.validate import load_survey_text
    from sphinx_vlmtable.nodes.build import build_thead
    from sphinx_vlmtable.nodes.compact import CompactBody, build_tbody, compact_body_node
    from sphinx_vlmtable.view.options import ViewOptions
    from sphinx_vlmtable.view.table import build_view

    raw = synthetic_yaml(count).encode("utf-8")

    def read_phase() -> tuple[nodes.thead, nodes.Element]:
        """What the directive does: load and validate, the view, the header and the body."""
        with gc_paused():  # as datafile.load_data_file does
            data = load_survey_text(raw).data
        view = build_view(data, ViewOptions())
        body = compact_body_node(CompactBody.from_view(view, [], "", ""))
        return build_thead(view.header), body

    def ours() -> None:
        read_phase()

    def ours_with_expansion() -> None:
        thead, body = read_phase()
        with gc_paused():  # as the write-time transform does
            nodes.tgroup("", thead, build_tbody(body))

    def libyaml() -> None:
        yaml.load(raw, Loader=yaml.CSafeLoader)

    def best(function: object, pause_gc: bool) -> float:
        times = []
        for _ in range(repeats):
            if pause_gc:
                gc.disable()
            start = time.perf_counter()
            function()  # type: ignore[operator]
            times.append(time.perf_counter() - start)
            gc.enable()
            gc.collect()
        return statistics.median(times)

    return {
        "libyaml C loader": best(libyaml, False),
        "libyaml C loader, GC paused": best(libyaml, True),
        "vlm-table read phase (load, validate, nodes)": best(ours, False),
        "vlm-table read + write-time expansion": best(ours_with_expansion, False),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 and 1,000 models, 2 runs")
    parser.add_argument("--sizes", type=int, nargs="*", help="model counts to build")
    parser.add_argument("--runs", type=int, help="builds of each project per size")
    parser.add_argument(
        "--builder",
        default="html",
        help="html (default) or latex: the LaTeX build fits each table to the page",
    )
    parser.add_argument(
        "--charts",
        action="store_true",
        help="also build the table with a timeline of all its models (needs matplotlib)",
    )
    arguments = parser.parse_args()
    sizes = arguments.sizes or ([10, 1000] if arguments.quick else [10, 1000, 10000])
    runs = arguments.runs or (2 if arguments.quick else 3)
    print(
        f"# {platform.platform()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} CPUs; {runs} runs per project, alternating; "
        f"{arguments.builder}"
    )
    print()
    print("| models | build | median s | min s | max s | x csv-table (same data) | peak MiB |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as temporary:
        for count in sizes:
            projects = write_projects(Path(temporary), count, arguments.charts)
            times: dict[str, list[float]] = {kind: [] for kind in projects}
            peaks: dict[str, int] = dict.fromkeys(projects, 0)
            for _ in range(runs):
                for kind, srcdir in projects.items():  # alternate, so drift hits all alike
                    seconds, peak = build(srcdir, arguments.builder)
                    times[kind].append(seconds)
                    peaks[kind] = max(peaks[kind], peak)
            for kind in projects:
                # Each against csv-table on the same data (with or without markup).
                same_data = "csv-table markup" if kind.endswith("markup") else "csv-table"
                baseline = statistics.median(times[same_data])
                median = statistics.median(times[kind])
                print(
                    f"| {count:,} | {kind} | {median:.2f} | {min(times[kind]):.2f} | "
                    f"{max(times[kind]):.2f} | {median / baseline:.2f} | "
                    f"{peaks[kind] / 1024:.0f} |"
                )
    print()
    largest = max(sizes)
    work = directive_work(largest, repeats=5)
    loader = work["libyaml C loader"]
    print(f"Directive's own work on {largest:,} models (median of 5, in one process):")
    print()
    print("| step | s | x libyaml C loader |")
    print("|---|---:|---:|")
    for step, seconds in work.items():
        print(f"| {step} | {seconds:.3f} | {seconds / loader:.2f} |")


if __name__ == "__main__":
    main()
