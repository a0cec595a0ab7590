"""Fivetran's own integration-test seeds as a Fivetran-landed DuckDB file.

The seeds of fivetran/dbt_hubspot, dbt_salesforce and dbt_ad_reporting (vendor samples in
`../shared/fixtures/vendor-samples/fivetran/`, relative to the repo) are the tables those
packages are tested on. Each CSV becomes `<schema>.<table>`: read as text, then each column
typed as Fivetran types it when every value parses (DATE, TIMESTAMP, BOOLEAN); numbers and
ids stay text (the mappings cast what they need).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "fixtures" / "vendor-samples" / "fivetran"
HUBSPOT = SEEDS / "dbt_hubspot" / "integration_tests" / "seeds"
SALESFORCE = SEEDS / "dbt_salesforce" / "integration_tests" / "seeds"
ADS = SEEDS / "dbt_ad_reporting" / "integration_tests" / "seeds"
AD_PREFIXES = {
    "google_ads_": "google_ads",
    "facebook_ads_": "facebook_ads",
    "linkedin_": "linkedin_ads",
}
_VARIANT = re.compile(r"_data_(postgres|snowflake|databricks)\.csv$")


def seed_tables() -> dict[tuple[str, str], Path]:
    """(schema, table) -> seed CSV."""
    out: dict[tuple[str, str], Path] = {}
    for path in sorted(HUBSPOT.glob("*_data.csv")):
        out[("hubspot", path.name.removesuffix("_data.csv"))] = path
    for path in sorted(SALESFORCE.glob("sf_*_data.csv")):
        out[("salesforce", path.name.removeprefix("sf_").removesuffix("_data.csv"))] = path
    for path in sorted(ADS.glob("*.csv")):
        for prefix, schema in AD_PREFIXES.items():
            if path.name.startswith(prefix) and not _VARIANT.search(path.name):
                table = path.name.removeprefix(prefix).removesuffix(".csv").removesuffix("_data")
                if (
                    schema == "linkedin_ads"
                    and table.startswith("ad_")
                    and table.endswith("_history")
                ):
                    table = table.removeprefix("ad_")  # Fivetran's campaign_history, ...
                out[(schema, table)] = path
    return out


def _typed(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """SQL of the column typed as Fivetran would: DATE, TIMESTAMP, BOOLEAN, else text."""
    c = '"' + name.replace('"', '""') + '"'
    values = f"(SELECT {c} AS v FROM _seed WHERE nullif(trim({c}), '') IS NOT NULL)"
    checks = {
        "date": "bool_and(regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}'))",
        "ts": "bool_and(regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T].*') "
        "AND try_cast(v AS TIMESTAMP) IS NOT NULL)",
        "bool": "bool_and(lower(v) IN ('true', 'false'))",
    }
    row = con.execute(f"SELECT count(*), {', '.join(checks.values())} FROM {values}").fetchone()
    text = f"nullif({c}, '')"
    if row[0] and row[1]:
        return f"CAST({text} AS DATE) AS {c}"
    if row[0] and row[2]:
        return f"CAST({text} AS TIMESTAMP) AS {c}"
    if row[0] and row[3]:
        return f"CAST({text} AS BOOLEAN) AS {c}"
    return f"{text} AS {c}"


def build_database(path: Path) -> Path:
    """Write every seed into a new DuckDB file as `<schema>.<table>`; return the path."""
    with duckdb.connect(str(path)) as con:
        for (schema, table), csv_path in seed_tables().items():
            con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _seed AS SELECT * FROM "
                "read_csv(?, all_varchar = true, header = true, delim = ',', quote = '\"')",
                [str(csv_path)],
            )
            cols = [r[0] for r in con.execute("DESCRIBE _seed").fetchall()]
            typed = ", ".join(_typed(con, c) for c in cols)
            con.execute(f'CREATE TABLE "{schema}"."{table}" AS SELECT {typed} FROM _seed')
    return path


def rows(path: Path) -> list[dict[str, str]]:
    """A seed CSV's rows, as a user reads it (Python's csv module)."""
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def is_true(value: str | None) -> bool:
    return (value or "").strip().lower() == "true"
