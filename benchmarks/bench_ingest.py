"""Ingestion benchmark: our raw layer vs DuckDB reading the same landing files directly.

    python -m benchmarks.bench_ingest [LANDING] [--scale large] [--seed 42] [--only web,sendgrid]

Generates the demo landing folder at `--scale` when LANDING does not exist yet, then per
source (vendor) measures rows/s and MB/s of (a) our ingestion (contract checks, quarantine,
dlt merge into a fresh warehouse) and (b) DuckDB's `read_json`/`read_csv` of the same files
into a table of a fresh database, and prints the time ratio (issue target: <= 3x) and each
side's peak RSS (target: < 4 GB). Each source and side runs in its own child process so that
one peak RSS does not hide in another's. Fairness: both sides read the same files; the file
DuckDB's reader rejects (the demo's injected unreadable batch) is found before DuckDB's clock
starts and left out of its read, while ours reads it and quarantines it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _direct_sql(table: str, paths: str, layout) -> str:
    if layout.format == "jsonl":
        return (
            f"CREATE TABLE {table} AS SELECT * FROM read_json({paths}, "
            "format='newline_delimited', union_by_name=true, ignore_errors=true)"
        )
    if layout.format == "csv":
        return f"CREATE TABLE {table} AS SELECT * FROM read_csv({paths}, union_by_name=true)"
    if layout.records is None:
        return (
            f"CREATE TABLE {table} AS SELECT * FROM read_json({paths}, format='array', "
            "union_by_name=true, ignore_errors=true)"
        )
    return (
        f"CREATE TABLE {table} AS SELECT unnest({layout.records}, max_depth := 2) FROM "
        f"read_json({paths}, union_by_name=true, ignore_errors=true, "
        "maximum_object_size=1073741824)"
    )


def _readable(con, table: str, files: list, layout) -> list:
    """The files DuckDB's reader accepts (found before timing, by bisection).

    The demo injects one undecodable file on purpose; `read_json` stops at it. Finding it is
    not reading, so it is left out of the timed reference; ours reports it as quarantine."""

    def ok(group) -> bool:
        probe = _direct_sql("x", "[" + ", ".join(f"'{f.path}'" for f in group) + "]", layout)
        try:
            con.execute(f"SELECT count(*) FROM ({probe.split(' AS ', 1)[1]})")
            return True
        except Exception:  # noqa: BLE001 - any reader error marks the group bad
            return False

    if ok(files):
        return files
    if len(files) == 1:
        return []
    mid = len(files) // 2
    return _readable(con, table, files[:mid], layout) + _readable(con, table, files[mid:], layout)


def worker_direct(landing: Path, vendors: list[str], out: Path) -> dict:
    import duckdb

    from ingestion.contracts import contracts_of
    from ingestion.files.layout import LAYOUTS
    from ingestion.files.manifest import list_files

    result = {}
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(out / "direct.duckdb"))
    for vendor in vendors:
        plan = []
        for c in contracts_of(vendor):
            files = list_files(landing, LAYOUTS[c.name].pattern)
            if files:
                plan.append((c, files, _readable(con, c.name, files, LAYOUTS[c.name])))
        start, rows, size = time.perf_counter(), 0, 0
        for c, files, good in plan:
            size += sum(f.size for f in files)  # same bytes as ours, for MB/s
            paths = "[" + ", ".join(f"'{f.path}'" for f in good) + "]"
            con.execute(_direct_sql(c.name, paths, LAYOUTS[c.name]))
            rows += con.execute(f"SELECT count(*) FROM {c.name}").fetchone()[0]
        result[vendor] = {"seconds": time.perf_counter() - start, "rows": rows, "bytes": size}
    con.close()
    return result


def worker_ours(landing: Path, vendors: list[str], out: Path) -> dict:
    os.environ.update(
        {
            "CLOSEDLOOP_DATA_DIR": str(out),
            "CLOSEDLOOP_LANDING_DIR": str(landing),
            "CLOSEDLOOP_WAREHOUSE": str(out / "ours.duckdb"),
            "CLOSEDLOOP_DLT_DIR": str(out / "dlt"),
        }
    )
    from ingestion.config import IngestionConfig
    from ingestion.pipeline import run_vendor

    cfg = IngestionConfig.from_env()
    result = {}
    for vendor in vendors:
        start = time.perf_counter()
        run = run_vendor(vendor, cfg)
        result[vendor] = {
            "seconds": time.perf_counter() - start,
            "rows": sum(run.stats.rows.values()),
            "quarantined": sum(run.stats.quarantined.values()),
        }
    return result


def _child(kind: str, landing: Path, vendors: list[str], out: Path) -> tuple[dict, float]:
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.bench_ingest",
        str(landing),
        "--worker",
        kind,
        "--only",
        ",".join(vendors),
        "--out",
        str(out),
    ]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE)
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{kind} worker failed ({status})")
    return json.loads(stdout.decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main() -> None:
    from ingestion.contracts import SOURCES

    parser = argparse.ArgumentParser()
    parser.add_argument("landing", nargs="?", type=Path, default=REPO / "data" / "bench_landing")
    parser.add_argument("--scale", default="large")
    parser.add_argument("--seed", default="42")
    parser.add_argument("--only", default=",".join(SOURCES))
    parser.add_argument("--worker", choices=["ours", "direct"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    vendors = args.only.split(",")
    if args.worker:
        fn = worker_ours if args.worker == "ours" else worker_direct
        print(json.dumps(fn(args.landing.resolve(), vendors, args.out)))
        return
    landing = args.landing.resolve()
    if not landing.exists():
        print(f"generating {args.scale} landing folder in {landing} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "demo",
                "--scale",
                args.scale,
                "--seed",
                args.seed,
                "--out",
                str(landing),
            ],
            check=True,
            cwd=REPO,
        )
    ours, direct, rss = {}, {}, {}
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        # One child per source and side: ru_maxrss of a child is that source's peak alone.
        for v in vendors:
            o, o_rss = _child("ours", landing, [v], Path(tmp) / "ours" / v)
            d, d_rss = _child("direct", landing, [v], Path(tmp) / "direct" / v)
            ours.update(o)
            direct.update(d)
            rss[v] = (o_rss, d_rss)
    print(
        f"{'source':14} {'rows':>11} {'MB':>8} {'ours s':>8} {'rows/s':>10} {'MB/s':>7} "
        f"{'duckdb s':>9} {'rows/s':>10} {'MB/s':>7} {'ratio':>6} {'RSS MB':>7} {'ddb RSS':>7}"
    )
    tot = {"ours": 0.0, "direct": 0.0, "rows": 0, "mb": 0.0}
    for v in vendors:
        o, d = ours[v], direct[v]
        mb = d["bytes"] / 2**20
        print(
            f"{v:14} {o['rows']:>11,} {mb:>8.1f} {o['seconds']:>8.2f} "
            f"{o['rows'] / o['seconds']:>10,.0f} {mb / o['seconds']:>7.1f} {d['seconds']:>9.2f} "
            f"{d['rows'] / max(d['seconds'], 1e-9):>10,.0f} {mb / max(d['seconds'], 1e-9):>7.1f} "
            f"{o['seconds'] / max(d['seconds'], 1e-9):>6.2f} "
            f"{rss[v][0]:>7,.0f} {rss[v][1]:>7,.0f}"
        )
        tot["ours"] += o["seconds"]
        tot["direct"] += d["seconds"]
        tot["rows"] += o["rows"]
        tot["mb"] += mb
    print(
        f"{'TOTAL':14} {tot['rows']:>11,} {tot['mb']:>8.1f} {tot['ours']:>8.2f} "
        f"{tot['rows'] / tot['ours']:>10,.0f} {tot['mb'] / tot['ours']:>7.1f} "
        f"{tot['direct']:>9.2f} {tot['rows'] / tot['direct']:>10,.0f} "
        f"{tot['mb'] / tot['direct']:>7.1f} {tot['ours'] / tot['direct']:>6.2f}"
    )
    print(
        f"peak RSS: ours {max(r[0] for r in rss.values()):,.0f} MB, duckdb direct "
        f"{max(r[1] for r in rss.values()):,.0f} MB (target < 4 GB)"
    )


if __name__ == "__main__":
    main()
