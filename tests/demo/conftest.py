"""The `tiny` demo company, generated once per test session (plus twins for determinism)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from demo.generate import generate

MALFORMED_KINDS = {
    "truncated_json",
    "wrong_type",
    "unknown_stage",
    "negative_spend",
    "missing_id",
    "future_timestamp",
    "unreadable_file",
}


@pytest.fixture(scope="session")
def landing(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "landing"
    generate(out, scale="tiny", seed=42)
    return out


@pytest.fixture(scope="session")
def truth(landing):
    def read(name: str) -> list[dict]:
        with open(landing / "_truth" / f"{name}.csv", newline="") as fh:
            return list(csv.DictReader(fh))

    return read


@pytest.fixture(scope="session")
def totals(landing) -> dict:
    return json.loads((landing / "_truth" / "totals.json").read_text())


@pytest.fixture(scope="session")
def defects(truth) -> list[dict]:
    return truth("malformed")


@pytest.fixture(scope="session")
def bad_locations(defects) -> set[tuple[str, str]]:
    """(file, locator) of every malformed (quarantine-bound) record."""
    return {(d["file"], d["locator"]) for d in defects if d["defect"] in MALFORMED_KINDS}


@pytest.fixture(scope="session")
def sf(tmp_path_factory) -> Path:
    """The same tiny company written for Salesforce (`--crm salesforce`)."""
    out = tmp_path_factory.mktemp("tiny-sf") / "landing"
    generate(out, scale="tiny", seed=42, crm="salesforce")
    return out


@pytest.fixture(scope="session")
def objects(sf) -> dict[str, list[dict]]:
    """Salesforce object -> its rows, from every CSV part."""
    out = {}
    for folder in sorted((sf / "salesforce").iterdir()):
        rows = []
        for part in sorted(folder.glob("*.csv")):
            with open(part, newline="", encoding="utf-8") as fh:
                rows += list(csv.DictReader(fh))
        out[folder.name] = rows
    return out
