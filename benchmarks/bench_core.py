"""Core-layer benchmark: our dbt core models vs plain SQL passes over the same raw tables.

    python -m benchmarks.bench_core [LANDING] [--scale default] [--seed 42] [--workdir DIR]

Setup (not timed): generates the demo landing folder at `--scale` when LANDING does not exist
yet, ingests it with a Dagster run of the raw assets (as tests/support/tiny_pipeline.py does),
then `dbt seed` and `dbt run` of models/staging (views over raw). The resulting warehouse is
copied twice, and each side runs on its own copy in its own child process, so that each side's
peak RSS (ru_maxrss from os.wait4, as benchmarks/bench_ingest.py reads it) is its own:

  ours       `dbt run` of the core layer and the intermediate models below it:
             models/intermediate/{identity,lifecycle,sales,marketing,targets} and
             models/marts/core (staging views resolve over raw inside it);
  reference  REFERENCE_SQL (benchmarks/core_reference_sql.py), one script in one DuckDB
             connection: per raw table the core layer reads, the dedup pass (`row_number()
             over (partition by key order by newest first) = 1`) with the columns the funnel
             needs, then the main joins and aggregates a funnel needs (sessions, identity
             stitching, touchpoints, lifecycle stage changes, contact / account funnel, deals,
             daily ad spend), each written to a table like dbt's models are.

Prints both wall times, the ratio (issue target: <= 2x), both peak RSS (target: < 8 GB) and
the slowest dbt models. The reference is a floor, not a re-implementation: it does the same
kinds of passes over the same rows but skips the core layer's edge cases (merged contacts,
inferred stages, UTM-to-campaign resolution, channel grouping, lead scores, owners, dates).
Both sides run DuckDB with its default threads; dbt also runs two models at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.core_reference_sql import REFERENCE_SQL  # noqa: E402

DBT_PROJECT = REPO / "dbt_project"
CORE = [
    "path:models/intermediate/identity",
    "path:models/intermediate/lifecycle",
    "path:models/intermediate/sales",
    "path:models/intermediate/marketing",
    "path:models/intermediate/targets",
    "path:models/marts/core",
]


def _env(data: Path, landing: Path, warehouse: Path) -> dict:
    return {
        **os.environ,
        "CLOSEDLOOP_DATA_DIR": str(data),
        "CLOSEDLOOP_LANDING_DIR": str(landing),
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "CLOSEDLOOP_DLT_DIR": str(data / "dlt"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }


def worker_ingest() -> None:
    """Child process (env set by the parent): the raw assets, as the tiny pipeline runs them."""
    from dagster import materialize

    from closedloop.settings import get_settings
    from orchestration.assets.raw import raw_assets
    from orchestration.resources import build_resources

    result = materialize(raw_assets, resources=build_resources(get_settings()))
    if not result.success:
        raise SystemExit("raw ingestion failed")


def worker_reference(warehouse: Path) -> None:
    """Child process: run REFERENCE_SQL, print its engine time and the tables' row counts."""
    import duckdb

    con = duckdb.connect(str(warehouse))
    con.execute("set enable_progress_bar = false")
    start = time.perf_counter()
    con.execute(REFERENCE_SQL)
    seconds = time.perf_counter() - start
    rows = {
        name: con.execute(f"select count(*) from ref.{name}").fetchone()[0]
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'ref' order by 1"
        ).fetchall()
    }
    con.close()
    print(json.dumps({"seconds": seconds, "rows": rows}))


def _timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float, str]:
    """Run one child; wall seconds, its peak RSS in MB (os.wait4) and its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({status}):\n{output[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, output


def _dbt(args: list[str], env: dict, target: Path) -> list[str]:
    dbt = Path(sys.executable).with_name("dbt")
    return [
        str(dbt),
        *args,
        "--profiles-dir",
        ".",
        "--target-path",
        str(target),
        "--log-path",
        str(target.parent / "logs"),
    ]


def setup(landing: Path, work: Path, scale: str, seed: str) -> Path:
    """Landing folder -> raw -> seeds + staging views, in work/base (all untimed)."""
    if not landing.exists():
        print(f"generating {scale} landing folder in {landing} ...", flush=True)
        subprocess.run(
            [sys.executable, "-m", "demo", "--scale", scale, "--seed", seed]
            + ["--out", str(landing)],
            check=True,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
    # Staging views name their catalog (the file's stem): every copy keeps warehouse.duckdb.
    base = work / "base" / "warehouse.duckdb"
    base.parent.mkdir(parents=True, exist_ok=True)
    env = _env(work / "data", landing, base)
    start = time.perf_counter()
    _timed([sys.executable, "-m", "benchmarks.bench_core", "--worker", "ingest"], env, REPO)
    print(f"ingested {landing} in {time.perf_counter() - start:.1f}s", flush=True)
    start = time.perf_counter()
    target = work / "target"
    _timed(_dbt(["seed"], env, target), env, DBT_PROJECT)
    _timed(_dbt(["run", "--select", "path:models/staging"], env, target), env, DBT_PROJECT)
    print(f"seeds + staging views in {time.perf_counter() - start:.1f}s", flush=True)
    return base


def _copy(base: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(base, folder / base.name))


def run_reference(base: Path, work: Path) -> dict:
    warehouse = _copy(base, work / "reference")
    cmd = [sys.executable, "-m", "benchmarks.bench_core", "--worker", "reference"]
    wall, rss, out = _timed([*cmd, "--warehouse", str(warehouse)], dict(os.environ), REPO)
    return {"wall": wall, "peak_rss_mb": rss, **json.loads(out.strip().splitlines()[-1])}


def run_ours(base: Path, work: Path, landing: Path) -> dict:
    warehouse = _copy(base, work / "ours")
    env = _env(work / "data", landing, warehouse)
    target = work / "target"
    # parse first (untimed), so that the timed run is the models, not dbt reading the project
    _timed(_dbt(["parse"], env, target), env, DBT_PROJECT)
    wall, rss, _ = _timed(_dbt(["run", "--select", *CORE], env, target), env, DBT_PROJECT)
    results = json.loads((target / "run_results.json").read_text())
    models = {r["unique_id"].split(".")[-1]: r["execution_time"] for r in results["results"]}
    return {"wall": wall, "peak_rss_mb": rss, "seconds": results["elapsed_time"], "models": models}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("landing", nargs="?", type=Path)
    parser.add_argument("--scale", default="default", help="tiny|default|large (if generated)")
    parser.add_argument("--seed", default="42")
    parser.add_argument("--workdir", type=Path, help="keep the warehouses here")
    parser.add_argument("--worker", choices=["ingest", "reference"])
    parser.add_argument("--warehouse", type=Path)
    args = parser.parse_args(argv)
    if args.worker == "ingest":
        worker_ingest()
        return 0
    if args.worker == "reference":
        worker_reference(args.warehouse)
        return 0
    landing = (args.landing or REPO / "data" / "bench" / f"landing-{args.scale}").resolve()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench_core_"))
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = setup(landing, work, args.scale, args.seed)
        reference = run_reference(base, work)
        ours = run_ours(base, work, landing)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    model_sum = sum(ours["models"].values())
    print(
        f"reference SQL ({len(reference['rows'])} tables)     {reference['wall']:8.2f}s wall"
        f"  {reference['seconds']:8.2f}s in DuckDB  peak RSS {reference['peak_rss_mb']:7,.0f} MB"
    )
    print(
        f"ours: dbt run ({len(ours['models'])} core models)  {ours['wall']:8.2f}s wall"
        f"  {ours['seconds']:8.2f}s executing  peak RSS {ours['peak_rss_mb']:7,.0f} MB"
        f"  (sum of models {model_sum:.2f}s)"
    )
    for name, seconds in sorted(ours["models"].items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {name:45s} {seconds:7.2f}s")
    print(
        f"ratio ours / reference: {ours['wall'] / reference['wall']:.2f}x wall,"
        f" {ours['seconds'] / reference['seconds']:.2f}x executing (target <= 2x)"
    )
    peak = max(ours["peak_rss_mb"], reference["peak_rss_mb"])
    print(f"peak RSS: {peak:,.0f} MB (target < 8 GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
