"""Fill DuckDB's temp table `recs(_file, locator, payload)` from landing files.

Plain JSON pages and JSONL are read by DuckDB itself (read_text + JSON functions, see
ingestion/files/json_sql.py); gzip files are decompressed in Python and then go through the
same SQL. CSV exports (small: targets) go through Python's csv module because quoting rules
and encodings are easiest to get exactly right there. A layout's transform (ECB rates,
HubSpot v1 engagements) then reshapes the records. A file that cannot be read as a whole is
returned as unreadable instead of failing the others.
"""

from __future__ import annotations

import csv
import io
import logging

import duckdb
import orjson

from ingestion.files import json_sql
from ingestion.files.layout import Layout
from ingestion.files.manifest import LandingFile
from ingestion.files.text import UnreadableFile, csv_text, file_bytes, utf8_text
from ingestion.files.transforms import apply_transform

log = logging.getLogger(__name__)


def contract_header(header: list[str], fields: tuple[str, ...]) -> list[str]:
    """A CSV header with each name that equals a contract field case-insensitively (and is
    not already one exactly) replaced by the field: Data Loader writes `ID`, `CONVERTEDCONTACTID`
    for `Id`, `ConvertedContactId`. Other names stay as they are (undeclared: `_extra`)."""
    exact = set(fields)
    folded = {f.casefold(): f for f in fields}
    return [h if h in exact else folded.get(h.casefold(), h) for h in header]


def _csv(
    con: duckdb.DuckDBPyConnection,
    files: list[LandingFile],
    encoding: str | None,
    fields: tuple[str, ...] = (),
    empty_null: bool = False,
) -> list[tuple[str, str]]:
    rels, locs, payloads, bad = [], [], [], []
    for f in files:
        try:
            text = csv_text(file_bytes(f), encoding)
        except UnreadableFile as exc:
            bad.append((f.rel, str(exc)))
            continue
        except OSError as exc:
            bad.append((f.rel, f"{type(exc).__name__}: {exc}"))
            continue
        rows = csv.reader(io.StringIO(text, newline=""))
        header = next(rows, None)
        if not header:
            bad.append((f.rel, "empty CSV (no header)"))
            continue
        header = contract_header(header, fields)
        for row in rows:
            if not row:
                continue
            rels.append(f.rel)
            locs.append(str(rows.line_num))
            if len(row) != len(header):
                # Not an object: the validator quarantines it as unparseable, payload kept.
                payloads.append(",".join(row))
            else:
                values = [None if v == "" else v for v in row] if empty_null else row
                payloads.append(orjson.dumps(dict(zip(header, values, strict=True))).decode())
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


def _json(
    con: duckdb.DuckDBPyConnection, src: json_sql.Source, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    if layout.format == "json_page":
        return json_sql.json_pages(con, src, files, layout)
    if layout.format == "jsonl":
        return json_sql.jsonl(con, src, files)
    raise ValueError(layout.format)


def _gzipped_json(
    con: duckdb.DuckDBPyConnection, files: list[LandingFile], layout: Layout
) -> list[tuple[str, str]]:
    rels, texts, bad = [], [], []
    for f in files:
        try:
            texts.append(utf8_text(file_bytes(f)))
            rels.append(f.rel)
        except UnreadableFile as exc:
            bad.append((f.rel, str(exc)))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _texts AS SELECT unnest(?::VARCHAR[]) AS rel, "
        "unnest(?::VARCHAR[]) AS content",
        [rels, texts],
    )
    del texts
    readable = set(rels)
    good = [f for f in files if f.rel in readable]
    if good:
        bad += _json(con, json_sql.texts_source, good, layout)
    else:
        records_table(con, [], [], [])
    con.execute("DROP TABLE _texts")
    return bad


def _read(
    con: duckdb.DuckDBPyConnection,
    files: list[LandingFile],
    layout: Layout,
    encoding: str | None = None,
    fields: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    if layout.format == "csv":
        # A transform's input is the vendor's own shape, not the contract's: left as read.
        return _csv(con, files, encoding, () if layout.transform else fields, layout.empty_null)
    plain = [f for f in files if not f.gzipped]
    packed = [f for f in files if f.gzipped]
    if not packed:
        return _json(con, json_sql.read_text_source, plain, layout)
    if not plain:
        return _gzipped_json(con, packed, layout)
    bad = _json(con, json_sql.read_text_source, plain, layout)
    con.execute("CREATE OR REPLACE TEMP TABLE _plain AS SELECT * FROM recs")
    bad += _gzipped_json(con, packed, layout)
    con.execute("INSERT INTO recs SELECT * FROM _plain; DROP TABLE _plain")
    return bad


def load_records(
    con: duckdb.DuckDBPyConnection,
    files: list[LandingFile],
    layout: Layout,
    csv_encoding: str | None = None,
    fields: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    """Fill `recs` from `files`; return (file, reason) of the files that could not be read.

    `fields`: the contract's field paths, which CSV headers match case-insensitively.
    One DuckDB pass reads the whole group; when it fails (bad encoding, unreadable file),
    the files are read one by one so that a single bad file cannot stop the others.
    """
    bad = _read_all(con, files, layout, csv_encoding, fields)
    if layout.transform:
        apply_transform(con, layout.transform)
    return bad


def _read_all(
    con: duckdb.DuckDBPyConnection,
    files: list[LandingFile],
    layout: Layout,
    encoding: str | None,
    fields: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    try:
        return _read(con, files, layout, encoding, fields)
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
            bad.extend(_read(con, [f], layout, encoding, fields))
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
