"""The Fivetran seeds as a Fivetran-landed DuckDB file (skipped when the samples are absent)."""

from __future__ import annotations

import pytest

from tests.fivetran.seeds import SEEDS, build_database


@pytest.fixture(scope="session")
def fivetran_db(tmp_path_factory):
    if not SEEDS.is_dir():
        pytest.skip(f"Fivetran vendor samples not found at {SEEDS} (../shared/fixtures/...)")
    return build_database(tmp_path_factory.mktemp("fivetran") / "fivetran.duckdb")
