"""closedloop's data-quality gate: Great Expectations suites as code, run inside DuckDB.

Bottom to top (each module imports only modules listed before it):
- `checks`: severities and the SQL checks suites are built from; `suites/`: one per table;
- `results`: the report types (`ValidationReport`, `ExpectationResult`);
- `gx_duckdb`: GX on a DuckDB connection; `history`: schema `quality` in the warehouse;
- `runner`: one suite on its table -> a report; `html_report`, `markdown`: reports as pages;
- `audit`: suites per table, the verdict, fingerprints; `freshness`: newest raw loads;
- `publish/`: which tables BI reads (`tables`), PII (`pii`), storage version (`storage`),
  the atomic serving file (`serving`) and the audit-then-publish step (`gate`).
Dagster wiring of all this lives in orchestration/assets (quality.py, publish.py).
"""
