"""The before/after comparison that proves a refactoring changed no published number."""

from __future__ import annotations

import duckdb

from benchmarks.compare_published import compare


def _warehouse(path, rows, extra_sql=""):
    with duckdb.connect(str(path)) as con:
        con.execute("create schema metrics")
        con.execute("create table metrics.mart (k varchar, n integer, rate double, tie varchar)")
        con.executemany("insert into metrics.mart values (?, ?, ?, ?)", rows)
        con.execute("create view metrics.v as select k, n * 2 as n2 from metrics.mart")
        if extra_sql:
            con.execute(extra_sql)
    return str(path)


ROWS = [("a", 1, 0.1 + 0.2, "x"), ("a", 1, 0.1 + 0.2, "x"), ("b", 2, None, "y")]


def test_identical_files_pass(tmp_path, capsys):
    before = _warehouse(tmp_path / "before.duckdb", ROWS)
    after = _warehouse(tmp_path / "after.duckdb", list(reversed(ROWS)))
    assert compare(before, after, ["metrics"], None) == 0
    assert "2 identical, 0 different" in capsys.readouterr().out


def test_last_bits_of_a_double_are_summation_order_not_a_difference(tmp_path):
    before = _warehouse(tmp_path / "before.duckdb", ROWS)
    noisy = [("a", 1, 0.3, "x"), ("a", 1, 0.1 + 0.2, "x"), ("b", 2, None, "y")]
    after = _warehouse(tmp_path / "after.duckdb", noisy)
    assert compare(before, after, ["metrics"], None) == 0


def test_a_changed_number_a_lost_duplicate_and_a_missing_table_fail(tmp_path, capsys):
    before = _warehouse(tmp_path / "before.duckdb", ROWS, "create table metrics.gone (i int)")
    changed = [("a", 1, 0.31, "x"), ("a", 1, 0.1 + 0.2, "x"), ("b", 2, None, "y")]
    after = _warehouse(tmp_path / "after.duckdb", changed)
    assert compare(before, after, ["metrics"], None) == 1
    out = capsys.readouterr().out
    assert "DIFFERENT metrics.mart" in out and "['rate']" in out
    assert "ONLY BEFORE metrics.gone" in out

    deduplicated = _warehouse(tmp_path / "dedup.duckdb", ROWS[1:])
    assert compare(before, deduplicated, ["metrics"], None) == 1


def test_an_ignored_column_is_not_compared_but_must_exist(tmp_path):
    before = _warehouse(tmp_path / "before.duckdb", ROWS)
    tie = [("a", 1, 0.1 + 0.2, "z"), ("a", 1, 0.1 + 0.2, "x"), ("b", 2, None, "y")]
    after = _warehouse(tmp_path / "after.duckdb", tie)
    assert compare(before, after, ["metrics"], None) == 1
    assert compare(before, after, ["metrics"], None, frozenset({"metrics.mart.tie"})) == 0


def test_rounding_pairs_values_on_both_sides_of_a_rounding_boundary(tmp_path):
    zero_sum = [("a", 1, -1.862645149230957e-09, "x"), ("b", 2, 0.1234565, "y")]
    other_noise = [("a", 1, 1.1641532182693481e-09, "x"), ("b", 2, 0.12345649999, "y")]
    before = _warehouse(tmp_path / "before.duckdb", zero_sum)
    after = _warehouse(tmp_path / "after.duckdb", other_noise)
    assert compare(before, after, ["metrics"], None) == 1
    assert compare(before, after, ["metrics"], 6) == 0
    moved = [("a", 1, 0.0, "x"), ("b", 2, 0.1234585, "y")]
    assert compare(before, _warehouse(tmp_path / "moved.duckdb", moved), ["metrics"], 6) == 1
