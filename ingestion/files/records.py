"""Fill DuckDB's temp table `recs(_file, locator, payload)` from landing files.

JSON pages and JSONL are read by DuckDB itself (read_text + JSON functions), in parallel and
without Python objects per record; CSV exports (small: targets) go through Python's csv
module because quoting rules are easiest to get exactly right there. A file that cannot be
read as a whole is returned as unreadable instead of failing the others.
"""

from __future__ import annotations

import csv
import io
import logging

import duckdb
import orjson

from ingestion.files.layout import Layout
from ingestion.files.manifest import LandingFile

log = logging.getLogger(__name__)


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _file_list(files: list[LandingFile]) -> str:
    return "[" + ", ".join(_lit(str(f.path)) for f in files) + "]"


def _rel(files: list[LandingFile]) -> str:
    """SQL for the landing-relative path of read_text's `filename` (the `_file` lineage)."""
    prefix = str(files[0].path)[: -len(files[0].rel)]
    assert all(str(f.path) == prefix + f.rel for f in files)
    return f"substr(t.filename, {len(prefix) + 1})"


def _json_pages(
    con: duckdb.DuckDBPyConnection, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    path = f"$.{layout.records}" if layout.records else "$"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pages AS
        SELECT {_rel(files)} AS rel, try(json_extract(t.content, {_lit(path + "[*]")})) AS arr,
               CASE WHEN try(json_type(t.content, {_lit(path)})) = 'ARRAY' THEN true
                    ELSE false END AS has_array
        FROM read_text({_file_list(files)}) t""")
    bad = con.execute(
        "SELECT rel, CASE WHEN arr IS NULL THEN 'not valid JSON' ELSE "
        f"'no record array at {path}' END FROM _pages "
        "WHERE arr IS NULL OR NOT has_array"
    ).fetchall()
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE recs AS
        SELECT rel AS _file, {_lit(layout.records or "")} || '[' || i::VARCHAR || ']' AS locator,
               payload::VARCHAR AS payload
        FROM (SELECT rel, unnest(arr) AS payload, unnest(range(len(arr))) AS i
              FROM _pages WHERE arr IS NOT NULL AND has_array)""")
    con.execute("DROP TABLE _pages")
    return [(r[0], r[1]) for r in bad]


def _jsonl(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[tuple[str, str]]:
    # One split per file, numbered by generate_subscripts. trim()/rtrim() over every line cost
    # ~4x the whole split at 256 MB (they scan each line), so they only run on the rare lines
    # that start with whitespace (blank-line test) or end with CR (CRLF files).
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE recs AS
        SELECT rel AS _file, i::VARCHAR AS locator,
               CASE WHEN suffix(line, chr(13)) THEN rtrim(line, chr(13)) ELSE line END AS payload
        FROM (SELECT rel, unnest(lines) AS line, generate_subscripts(lines, 1) AS i
              FROM (SELECT {_rel(files)} AS rel, string_split(t.content, chr(10)) AS lines
                    FROM read_text({_file_list(files)}) t))
        WHERE line <> '' AND (left(line, 1) NOT IN (' ', chr(9), chr(13)) OR trim(line) <> '')""")
    return []


def _csv(con: duckdb.DuckDBPyConnection, files: list[LandingFile]) -> list[tuple[str, str]]:
    rels, locs, payloads, bad = [], [], [], []
    for f in files:
        try:
            text = f.path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            bad.append((f.rel, f"{type(exc).__name__}: {exc}"))
            continue
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows, None)
        if not header:
            bad.append((f.rel, "empty CSV (no header)"))
            continue
        for row in rows:
            if not row:
                continue
            rels.append(f.rel)
            locs.append(str(rows.line_num))
            if len(row) != len(header):
                # Not an object: the validator quarantines it as unparseable, payload kept.
                payloads.append(",".join(row))
            else:
                payloads.append(orjson.dumps(dict(zip(header, row, strict=True))).decode())
    records_table(con, rels, locs, payloads)
    return bad


def records_table(
    con: duckdb.DuckDBPyConnection, files: list[str], locators: list[str], payloads: list[str]
) -> None:
    """`recs` from Python lists (CSV rows, API pages)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE recs AS SELECT unnest(?::VARCHAR[]) AS _file, "
        "unnest(?::VARCHAR[]) AS locator, unnest(?::VARCHAR[]) AS payload",
        [files, locators, payloads],
    )


def _read(
    con: duckdb.DuckDBPyConnection, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    if layout.format == "json_page":
        return _json_pages(con, files, layout)
    if layout.format == "jsonl":
        return _jsonl(con, files)
    if layout.format == "csv":
        return _csv(con, files)
    raise ValueError(layout.format)


def load_records(
    con: duckdb.DuckDBPyConnection, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    """Fill `recs` from `files`; return (file, reason) of the files that could not be read.

    One DuckDB pass reads the whole group; when it fails (bad encoding, unreadable file),
    the files are read one by one so that a single bad file cannot stop the others.
    """
    try:
        return _read(con, files, layout)
    except (duckdb.Error, OSError) as exc:
        if len(files) == 1:
            return _unreadable(con, files[0], exc)
        log.warning("reading %d files failed (%s); retrying one by one", len(files), exc)
    bad: list[tuple[str, str]] = []
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _all(_file VARCHAR, locator VARCHAR, payload VARCHAR)"
    )
    for f in files:
        try:
            bad.extend(_read(con, [f], layout))
        except (duckdb.Error, OSError) as exc:
            bad.extend(_unreadable(con, f, exc))
            continue
        con.execute("INSERT INTO _all SELECT * FROM recs")
    con.execute("CREATE OR REPLACE TEMP TABLE recs AS SELECT * FROM _all; DROP TABLE _all")
    return bad


def _unreadable(
    con: duckdb.DuckDBPyConnection, f: LandingFile, exc: Exception
) -> list[tuple[str, str]]:
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    log.error("unreadable landing file %s: %s", f.rel, message)
    records_table(con, [], [], [])
    return [(f.rel, message)]
