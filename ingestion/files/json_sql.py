"""JSON pages and JSONL into DuckDB's temp table `recs(_file, locator, payload)`, in SQL.

The input is any relation `(rel, content)`: `read_text` over the landing files (the fast path,
parallel and without Python objects per record) or `_texts`, the decompressed text of gzip
files. A leading byte-order mark is dropped per file. Pages whose record array is where the
layout says go through one pass; the rare rest (Google's empty reply without `results`, a
`searchStream` array of pages, a wrong shape) are sorted out by a second look at only them.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from ingestion.files.layout import Layout
from ingestion.files.manifest import LandingFile

# SQL of a relation (rel, content) over the given files.
Source = Callable[[list[LandingFile]], str]


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _no_bom(col: str = "content") -> str:
    return f"CASE WHEN starts_with({col}, chr(65279)) THEN substr({col}, 2) ELSE {col} END"


def read_text_source(files: list[LandingFile]) -> str:
    """The landing files themselves, `rel` being the landing-relative path (`_file`)."""
    prefix = str(files[0].path)[: -len(files[0].rel)]
    assert all(str(f.path) == prefix + f.rel for f in files)
    paths = "[" + ", ".join(lit(str(f.path)) for f in files) + "]"
    rel = f"substr(t.filename, {len(prefix) + 1})"
    return f"(SELECT {rel} AS rel, t.content FROM read_text({paths}) t)"


def texts_source(files: list[LandingFile]) -> str:
    """Rows of the temp table `_texts(rel, content)` (text decoded in Python)."""
    rels = ", ".join(lit(f.rel) for f in files)
    return f"(SELECT rel, content FROM _texts WHERE rel IN ({rels}))"


def json_pages(
    con: duckdb.DuckDBPyConnection, src: Source, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    path = f"$.{layout.records}" if layout.records else "$"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pages AS
        SELECT rel, try(json_extract(c, {lit(path + "[*]")})) AS arr,
               CASE WHEN try(json_type(c, {lit(path)})) = 'ARRAY' THEN true
                    ELSE false END AS has_array
        FROM (SELECT rel, {_no_bom()} AS c FROM {src(files)})""")
    bad = con.execute("SELECT rel, 'not valid JSON' FROM _pages WHERE arr IS NULL").fetchall()
    other = {
        r[0]
        for r in con.execute(
            "SELECT rel FROM _pages WHERE arr IS NOT NULL AND NOT has_array"
        ).fetchall()
    }
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE recs AS
        SELECT rel AS _file, {lit(layout.records or "")} || '[' || i::VARCHAR || ']' AS locator,
               payload::VARCHAR AS payload
        FROM (SELECT rel, unnest(arr) AS payload, unnest(range(len(arr))) AS i
              FROM _pages WHERE arr IS NOT NULL AND has_array)""")
    con.execute("DROP TABLE _pages")
    if other:
        bad += _envelopes(con, src, [f for f in files if f.rel in other], layout, path)
    return [(r[0], r[1]) for r in bad]


def _envelopes(
    con: duckdb.DuckDBPyConnection,
    src: Source,
    files: list[LandingFile],
    layout: Layout,
    path: str,
) -> list[tuple[str, str]]:
    """Valid JSON without the record array at `path`: an empty reply, a stream, or bad."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _env AS
        SELECT rel, root, key_type, chunks,
               len(list_filter(chunks, lambda x: coalesce(json_type(x), '') <> 'OBJECT'
                   OR coalesce(json_type(x, {lit(path)}), 'ARRAY') <> 'ARRAY')) AS bad_chunks
        FROM (SELECT rel, json_type(c) AS root, json_type(c, {lit(path)}) AS key_type,
                     CASE WHEN json_type(c) = 'ARRAY' THEN json_extract(c, '$[*]') END AS chunks
              FROM (SELECT rel, {_no_bom()} AS c FROM {src(files)}))""")
    bad, stream = [], []
    for rel, root, key_type, bad_chunks in con.execute(
        "SELECT rel, root, key_type, bad_chunks FROM _env"
    ).fetchall():
        if root == "OBJECT" and key_type is None and layout.empty_ok and layout.records:
            continue  # an empty reply: zero records
        if root == "ARRAY" and layout.stream and layout.records and bad_chunks == 0:
            stream.append(rel)
        elif root == "ARRAY" and layout.stream and layout.records:
            bad.append((rel, f"{bad_chunks} element(s) of the stream are not pages with {path}"))
        else:
            bad.append((rel, f"no record array at {path}"))
    if stream:
        rels = ", ".join(lit(r) for r in stream)
        con.execute(f"""
            INSERT INTO recs
            SELECT rel, '[' || i::VARCHAR || '].{layout.records}[' || j::VARCHAR || ']',
                   payload::VARCHAR
            FROM (SELECT rel, i, unnest(arr) AS payload, unnest(range(len(arr))) AS j
                  FROM (SELECT rel, i, json_extract(chunk, {lit(path + "[*]")}) AS arr
                        FROM (SELECT rel, unnest(chunks) AS chunk,
                                     unnest(range(len(chunks))) AS i
                              FROM _env WHERE rel IN ({rels}))))""")
    con.execute("DROP TABLE _env")
    return bad


def jsonl(
    con: duckdb.DuckDBPyConnection, src: Source, files: list[LandingFile]
) -> list[tuple[str, str]]:
    # One split per file, numbered by generate_subscripts. trim()/rtrim() over every line cost
    # ~4x the whole split at 256 MB (they scan each line), so they only run on the rare lines
    # that start with whitespace (blank-line test) or end with CR (CRLF files).
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE recs AS
        SELECT rel AS _file, i::VARCHAR AS locator,
               CASE WHEN suffix(line, chr(13)) THEN rtrim(line, chr(13)) ELSE line END AS payload
        FROM (SELECT rel, unnest(lines) AS line, generate_subscripts(lines, 1) AS i
              FROM (SELECT rel, string_split({_no_bom()}, chr(10)) AS lines
                    FROM {src(files)}))
        WHERE line <> '' AND (left(line, 1) NOT IN (' ', chr(9), chr(13)) OR trim(line) <> '')""")
    return []
