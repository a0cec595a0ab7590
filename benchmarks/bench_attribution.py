"""Attribution benchmark: our dbt attribution models vs one reference SELECT.

    python -m benchmarks.bench_attribution [--touches 4000000] [--workdir DIR] [--keep]

Synthesizes core tables shaped like docs/core-schema.md (fct_touchpoints with N touches,
N/4 contacts, accounts of ~5 contacts, deals with buying groups, daily spend) in a fresh
DuckDB file, deterministically (hash-based, no RNG state; benchmarks/attribution_core_tables.py).
Then, each in its own child process so that each peak RSS is its own:

  ours       `dbt run` of models/intermediate/attribution + models/marts/attribution: all nine
             models at all five stages, the Markov solve, the credit table and the marts;
  reference  one SELECT (benchmarks/attribution_reference_sql.py) that computes first / last /
             linear / position-based / time-decay channel totals per stage straight from the
             core tables, with the same eligibility (contacts, buying groups, lookback, touch
             types, strictly before).

Prints both times, the ratio (issue target: <= 2x), both peak RSS (target: < 4 GB) and the
largest relative difference between the two sides' channel totals (must be ~1e-12).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.attribution_core_tables import synthesize
from benchmarks.attribution_reference_sql import reference_sql

REPO = Path(__file__).resolve().parent.parent
DBT_PROJECT = REPO / "dbt_project"
SELECTOR = ["path:models/intermediate/attribution", "path:models/marts/attribution"]
ATTRIBUTION_SEEDS = ["attribution_models", "attribution_conversion_stages"]


def _child_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_reference(warehouse: Path) -> dict:
    """Child process: time the reference SELECT, write its totals next to the warehouse."""
    code = f"""
import duckdb, json, time, resource
con = duckdb.connect({str(warehouse)!r}, read_only=True)
con.execute("set enable_progress_bar = false")
sql = {reference_sql()!r}
start = time.perf_counter()
rows = con.execute(sql).fetchall()
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "rows": rows,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("reference SELECT failed:\n" + out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_ours(warehouse: Path, workdir: Path) -> dict:
    dbt = Path(sys.executable).with_name("dbt")
    env = {
        **os.environ,
        "CLOSEDLOOP_WAREHOUSE": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
        "DO_NOT_TRACK": "1",
    }
    target = workdir / "target"

    def dbt_args(command: str, *select: str) -> list[str]:
        paths = ["--target-path", str(target), "--log-path", str(workdir / "logs")]
        return [
            str(dbt),
            command,
            "--profiles-dir",
            ".",
            *paths,
            *(("--select", *select) if select else ()),
        ]

    # parse first, so that the timed run is the models, not dbt reading the project; then the
    # attribution seeds (model list and shares, attributed stages), untimed
    for untimed in (dbt_args("parse"), dbt_args("seed", *ATTRIBUTION_SEEDS)):
        subprocess.run(untimed, cwd=DBT_PROJECT, env=env, check=True, capture_output=True)
    run_args = dbt_args("run", *SELECTOR)
    code = f"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run({run_args!r}, cwd={str(DBT_PROJECT)!r}, capture_output=True, text=True)
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "returncode": done.returncode,
                   "output": done.stdout[-3000:] + done.stderr[-2000:],
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["returncode"] != 0:
        raise SystemExit("dbt run failed:\n" + result["output"])
    run_results = json.loads((target / "run_results.json").read_text())
    result["models"] = {
        r["unique_id"].split(".")[-1]: r["execution_time"] for r in run_results["results"]
    }
    return result


def agreement(warehouse: Path, reference_rows: list) -> float:
    import duckdb

    models = ["first_touch", "last_touch", "linear", "position_based", "time_decay"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ours = {
            (stage, channel, model): value
            for stage, channel, model, value in con.execute(
                "select conversion_stage, channel, attribution_model, sum(credited_conversions)"
                " from attribution.mart_channel_attribution group by all"
            ).fetchall()
        }
    worst = 0.0
    for stage, channel, *values in reference_rows:
        for model, value in zip(models, values, strict=True):
            mine = ours.get((stage, channel, model), 0.0)
            worst = max(worst, abs(mine - value) / max(abs(value), 1e-12))
    return worst


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--touches", type=int, default=4_000_000)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench_attribution_"))
    workdir.mkdir(parents=True, exist_ok=True)
    warehouse = workdir / "warehouse.duckdb"
    try:
        if warehouse.exists():
            warehouse.unlink()
        start = time.perf_counter()
        sizes = synthesize(warehouse, args.touches)
        print(f"synthesized {sizes} in {time.perf_counter() - start:.1f}s")
        reference = run_reference(warehouse)
        ours = run_ours(warehouse, workdir)
        ratio = ours["seconds"] / reference["seconds"]
        model_seconds = sum(ours["models"].values())
        print(
            f"reference SELECT (5 models)      {reference['seconds']:8.2f}s"
            f"  peak RSS {reference['peak_rss_mb']:7.0f} MB"
        )
        print(
            f"ours: dbt run (9 models, marts)  {ours['seconds']:8.2f}s"
            f"  peak RSS {ours['peak_rss_mb']:7.0f} MB"
            f"  (models alone {model_seconds:.2f}s)"
        )
        for name, seconds in sorted(ours["models"].items(), key=lambda kv: -kv[1]):
            print(f"    {name:45s} {seconds:7.2f}s")
        print(
            f"ratio ours / reference: {ratio:.2f}x wall,"
            f" {model_seconds / reference['seconds']:.2f}x models alone (target <= 2x)"
        )
        print(
            f"channel totals, largest relative difference: "
            f"{agreement(warehouse, reference['rows']):.2e}"
        )
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
