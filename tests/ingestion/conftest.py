"""Fixtures: a tiny demo landing folder (generated once) and a private warehouse per test."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tiny_landing(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "landing"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "demo",
            "--scale",
            "tiny",
            "--seed",
            "3",
            "--out",
            str(out),
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    return out


@dataclass
class Env:
    landing: Path
    data: Path

    @property
    def warehouse(self) -> Path:
        return self.data / "warehouse.duckdb"

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            return con.execute(sql).fetchall()

    def counts(self) -> dict[str, int]:
        tables = [
            r[0]
            for r in self.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' "
                "AND table_name NOT LIKE '_dlt%'"
            )
        ]
        return {t: self.query(f'SELECT count(*) FROM raw."{t}"')[0][0] for t in tables}

    def truth_totals(self) -> dict:
        return json.loads((self.landing / "_truth" / "totals.json").read_text())

    def truth_malformed(self) -> list[dict]:
        with (self.landing / "_truth" / "malformed.csv").open() as fh:
            return list(csv.DictReader(fh))


@pytest.fixture
def env(tmp_path, tiny_landing, monkeypatch) -> Env:
    """A private copy of the tiny landing folder and an empty warehouse, wired by env vars."""
    landing = tmp_path / "landing"
    shutil.copytree(tiny_landing, landing)
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("CLOSEDLOOP_DATA_DIR", str(data))
    monkeypatch.setenv("CLOSEDLOOP_LANDING_DIR", str(landing))
    monkeypatch.setenv("CLOSEDLOOP_WAREHOUSE", str(data / "warehouse.duckdb"))
    monkeypatch.setenv("CLOSEDLOOP_DLT_DIR", str(data / "dlt"))
    for vendor in ("HUBSPOT", "SALESFORCE", "GOOGLE_ADS", "META_ADS", "LINKEDIN_ADS", "SENDGRID"):
        monkeypatch.delenv(f"CLOSEDLOOP_{vendor}_MODE", raising=False)
    return Env(landing, data)
