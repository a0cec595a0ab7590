"""The vocabulary of a contract: field rules, `Field`, `Derived` and `TableContract`."""

from __future__ import annotations

from dataclasses import dataclass, field

from dlt.common.normalizers.naming.snake_case import NamingConvention

_NAMING = NamingConvention()

# Rules a field's value must satisfy (checked in SQL, in this order after type checks).
# The three time rules also hold the value to the time window (docs/real-inputs.md §1):
# finite, not before CLOSEDLOOP_TIMESTAMP_MIN, not after the load time plus
# CLOSEDLOOP_TIMESTAMP_MAX_FUTURE_DAYS.
ISO_TS = "iso_timestamp"  # ISO-8601 timestamp string
EPOCH_TS = "epoch_timestamp"  # epoch seconds
DATE = "date"  # YYYY-MM-DD
FUTURE_OK = "future_ok"  # a planned time (expected close, scheduled send): no future bound
NON_NEGATIVE = "non_negative"  # a number (or decimal string) >= 0
POSITIVE = "positive"  # a number (or decimal string) > 0
DIGITS = "digits"  # an id made of digits only
SF_ID = "salesforce_id"  # a Salesforce record Id: 15 or 18 characters [A-Za-z0-9]
INT_STR = "int_string"  # an integer sent as a string (Google int64, Meta counts)
DECIMAL_STR = "decimal_string"  # a decimal number sent as a string (HubSpot amount, spend)

TYPES = ("VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "JSON")


def column_name(path: str) -> str:
    """The raw column of a vendor field path: dlt's snake_case per level, levels joined by __."""
    return "__".join(_NAMING.normalize_identifier(part) for part in path.split("."))


@dataclass(frozen=True)
class Field:
    path: str  # vendor field, dotted for a leaf of a flattened object ("metrics.costMicros")
    type: str = "VARCHAR"
    required: bool = False
    enum: tuple[str, ...] | None = None
    rules: tuple[str, ...] = ()
    shape: str | None = None  # for JSON: "OBJECT" or "ARRAY" when the vendor guarantees it
    enum_ref: str | None = None  # enum whose values come from the source (ingestion/enums.py)
    output: bool = True  # False: checked only (a value inside a JSON column), no raw column

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type

    @property
    def column(self) -> str:
        return column_name(self.path)


@dataclass(frozen=True)
class Derived:
    """A column ingestion adds from a vendor field (only where the merge key needs it)."""

    column: str
    sql: str  # over `payload` (the record's JSON text) and the typed fields `v1..vN`
    type: str = "VARCHAR"
    # A key column that derives to NULL quarantines the record (`missing_key: <column>`), and
    # so does '' unless `empty_ok` (e.g. an ads `grain` of '' is a campaign-level row).
    empty_ok: bool = False


@dataclass(frozen=True)
class TableContract:
    name: str  # raw table, "<source>__<object>"
    source: str  # vendor, e.g. "hubspot"
    group: str  # Dagster asset group: crm, ads, email, web, targets
    fields: tuple[Field, ...]
    key: tuple[str, ...]  # raw column names
    order: str | None = None  # raw column whose highest value wins within a run ("desc")
    order_dir: str = "desc"
    flatten: tuple[str, ...] = ()  # top-level objects flattened into a__b columns
    derived: tuple[Derived, ...] = ()
    # Groups of field paths of which at least one must be present (docs/real-inputs.md §1).
    required_any: tuple[tuple[str, ...], ...] = ()
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def required_columns(self) -> list[str]:
        return [f.column for f in self.fields if f.required]

    def __post_init__(self) -> None:
        paths = {f.path for f in self.fields}
        for group in self.required_any:
            assert len(group) >= 1 and set(group) <= paths, (self.name, group)
