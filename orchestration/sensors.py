"""Start an ingestion run when files land: the landing folder is watched by fingerprint.

The cursor holds one digest per vendor over (path, size, mtime) of its landing files; a run
is requested for the raw tables of the vendors whose digest changed, keyed by the digests
so that the same state never starts two runs. Reading file metadata only keeps a tick cheap.
"""

from __future__ import annotations

import hashlib
import json

from dagster import (
    AssetKey,
    DefaultSensorStatus,
    RunRequest,
    SensorEvaluationContext,
    SkipReason,
    sensor,
)

from closedloop.settings import Settings
from ingestion.contracts import CONTRACTS
from ingestion.files.layout import layouts_of
from ingestion.files.manifest import list_files
from orchestration.jobs import raw_ingestion_job


def landing_fingerprints(landing) -> dict[str, str]:
    """vendor -> digest of its landing files' (path, size, mtime); vendors without files omitted."""
    by_vendor: dict[str, list[str]] = {}
    for contract in CONTRACTS:
        for layout in layouts_of(contract.name):
            for f in list_files(landing, layout.pattern):
                by_vendor.setdefault(contract.source, []).append(f"{f.rel}|{f.size}|{f.mtime_ns}")
    return {
        v: hashlib.sha1("\n".join(sorted(items)).encode()).hexdigest()
        for v, items in by_vendor.items()
    }


@sensor(
    job=raw_ingestion_job,
    minimum_interval_seconds=60,
    default_status=DefaultSensorStatus.STOPPED,
    description="Ingests a vendor's raw tables when its landing files are new or changed.",
)
def landing_sensor(context: SensorEvaluationContext):
    landing = Settings.from_env().landing_dir
    current = landing_fingerprints(landing)
    previous = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(v for v, digest in current.items() if previous.get(v) != digest)
    if not changed:
        return SkipReason(f"no new or changed files under {landing}")
    context.update_cursor(json.dumps(current, sort_keys=True))
    keys = [AssetKey(["raw", c.name]) for c in CONTRACTS if c.source in changed]
    run_key = hashlib.sha1(json.dumps({v: current[v] for v in changed}).encode()).hexdigest()
    tags = {"closedloop/trigger": "landing", "closedloop/vendors": ",".join(changed)}
    return RunRequest(run_key=run_key, asset_selection=keys, tags=tags)
