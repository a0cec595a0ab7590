"""Salesforce from Fivetran's Salesforce connector (schema `salesforce`).

Nearly 1:1 (docs/salesforce.md §2): the raw table `salesforce__<object>` reads the Fivetran
table `<object>` (`salesforce__opportunity_contact_role` <- `opportunity_contact_role`), and
each contract field `ConvertedContactId` the column `converted_contact_id`, which is how
both dlt and Fivetran name it. A field the table lacks (a custom field the org has not
created, a column Fivetran does not sync) is left out of the record. Values are rendered as
the Bulk API writes them: timestamps `YYYY-MM-DDThh:mm:ss.SSS+0000`, dates `YYYY-MM-DD`,
booleans and the numbers the contract types as JSON values, the rest as text. A table
synced without `system_modstamp` takes `last_modified_date` (else `_fivetran_synced`) as
its SystemModstamp, the stamp that orders a record's versions.

Rows deleted in Salesforce are left out, except merged-away records (`is_deleted` with a
`master_record_id`): staging lists those in the survivor's `merged_object_ids` (§4), as it
does for the files path's queryAll extracts. A history-mode table (`_fivetran_active`)
gives its active version of each record.
"""

from __future__ import annotations

from ingestion.contracts import DATE, ISO_TS
from ingestion.fivetran.schema import Schema, Table, quote, record_sql
from ingestion.sqltext import lit

ENUMS: dict = {}
PREFIX = "salesforce__"
SF_TS = "%Y-%m-%dT%H:%M:%S.%g+0000"
_JSON_TYPES = {"BOOLEAN": "BOOLEAN", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE"}
# A table synced without SystemModstamp: the newest version is told by these instead.
MODSTAMP_STANDINS = ("system_modstamp", "last_modified_date", "_fivetran_synced")


def _column(t: Table, f) -> str | None:
    if f.column in t.columns:
        return f.column
    if f.column == "system_modstamp":
        return next((c for c in MODSTAMP_STANDINS if c in t.columns), None)
    return None


def _value(t: Table, f, col: str) -> str:
    kind = t.kind(col)
    c = t.col(col, "o")
    if f.type in _JSON_TYPES:
        return f"try_cast({c} AS {_JSON_TYPES[f.type]})"
    if DATE in f.rules and kind in ("timestamp", "timestamptz", "date"):
        return f"strftime(CAST({c} AS DATE), '%Y-%m-%d')"
    if ISO_TS in f.rules and kind == "timestamptz":
        return f"strftime(timezone('UTC', {c}), {lit(SF_TS)})"
    if ISO_TS in f.rules and kind in ("timestamp", "date"):
        return f"strftime(CAST({c} AS TIMESTAMP), {lit(SF_TS)})"
    return t.text(col, "o")


def _live(t: Table) -> str:
    conds = []
    if "_fivetran_deleted" in t.columns:
        conds.append(f"coalesce({t.flag('_fivetran_deleted')}, false) = false")
    if "is_deleted" in t.columns:
        merged = (
            f" OR {t.col('master_record_id')} IS NOT NULL"
            if "master_record_id" in t.columns
            else ""
        )
        conds.append(f"(coalesce({t.flag('is_deleted')}, false) = false{merged})")
    if "_fivetran_active" in t.columns:
        conds.append(f"coalesce({t.flag('_fivetran_active')}, true)")
    return " AND ".join(conds) or "true"


def object_sql(s: Schema, contract) -> str | None:
    t = s.table(contract.name.removeprefix(PREFIX))
    if t is None:
        return None
    pairs = [
        f"{lit(f.path)}, {_value(t, f, col)}"
        for f in contract.fields
        if "." not in f.path and (col := _column(t, f)) is not None
    ]
    if not pairs:
        return None
    key = "id" if "id" in t.columns else next(iter(t.columns))
    payload = f"json_object({', '.join(pairs)})"
    body = f"FROM (SELECT * FROM {t.ref} t WHERE {_live(t)}) o"
    return record_sql(t, f"'{key}=' || CAST(o.{quote(key)} AS VARCHAR)", payload, body)


def builder(contract):
    if contract.source != "salesforce" or not contract.name.startswith(PREFIX):
        return None
    return lambda s: object_sql(s, contract)
