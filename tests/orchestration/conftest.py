"""The README's `make run CRM=salesforce SCALE=tiny SEED=3`, run once for the package: the
Salesforce end-to-end test (test_crm_salesforce.py) and the BI-contract test
(test_bi_contract.py) read the same real run."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.support.real_inputs import pipeline_env

REPO = Path(__file__).resolve().parents[2]


class CrmRun:
    def __init__(self, data: Path, job: subprocess.CompletedProcess):
        self.data, self.job = data, job
        self.landing = data / "landing"
        self.warehouse = data / "warehouse.duckdb"
        self.serving = data / "serving" / "closedloop.duckdb"

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()

    def truth(self, name: str) -> list[dict]:
        with open(self.landing / "_truth" / name, newline="") as fh:
            return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def salesforce_run(tmp_path_factory) -> CrmRun:
    work = tmp_path_factory.mktemp("crm_salesforce")
    data = work / "data"
    env = pipeline_env(work, data / "landing", data)
    job = subprocess.run(
        ["make", "run", "CRM=salesforce", "SCALE=tiny", "SEED=3"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    return CrmRun(data, job)
