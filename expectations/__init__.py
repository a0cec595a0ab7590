"""closedloop's data-quality gate: Great Expectations suites as code, run inside DuckDB."""
