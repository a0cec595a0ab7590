"""Validation history in quality.* and the self-contained HTML report."""

from __future__ import annotations

import json

import duckdb

from expectations import history
from expectations.html_report import write_html_report
from expectations.runner import validate
from tests.quality.conftest import execute


def test_history_rows_and_html_report(warehouse, tmp_path):
    good = validate(warehouse, "dim_date_calendar")
    execute(
        warehouse,
        "update core.dim_date set is_weekend = not is_weekend where date_day = '2024-07-04'",
    )
    bad = validate(warehouse, "dim_date")
    history.record(warehouse, "run-42", [good, bad])
    history.record(warehouse, "run-43", [good])

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        runs = connection.execute(
            "select run_id, suite, success, publishable, blocking_failed, row_count"
            " from quality.validation_runs order by run_id, suite"
        ).fetchall()
        failed = connection.execute(
            "select expectation_type, severity, unexpected_count, sample"
            " from quality.expectation_results where run_id = 'run-42' and not success"
        ).fetchall()
        total = connection.execute("select count(*) from quality.expectation_results").fetchone()
    assert runs == [
        ("run-42", "dim_date", False, False, 1, 2922),
        ("run-42", "dim_date_calendar", True, True, 0, 2922),
        ("run-43", "dim_date_calendar", True, True, 0, 2922),
    ]
    assert total[0] == len(good.results) * 2 + len(bad.results)
    ((kind, severity, count, sample),) = failed
    assert (kind, severity, count) == ("unexpected_rows_expectation", "blocking", 1)
    assert json.loads(sample)[0]["date_day"] == "2024-07-04"

    page = write_html_report([good, bad], tmp_path / "quality", "run-42")
    text = page.read_text()
    assert page.name == "run-42.html" and (tmp_path / "quality" / "latest.html").exists()
    assert "Blocked: 1 suite(s)" in text and "2024-07-04" in text and "FAIL" in text
    assert "http://" not in text and "https://" not in text  # self-contained, offline
