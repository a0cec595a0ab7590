"""Fivetran-landed inputs: raw records read from the tables a Fivetran connector wrote.

`CLOSEDLOOP_<SOURCE>_MODE=fivetran` (docs/salesforce.md §6, docs/real-inputs.md): the
provider (provider.py) attaches the DuckDB file `CLOSEDLOOP_FIVETRAN_DATABASE` read-only and
fills `recs` with one SQL SELECT per raw table; one module per source maps Fivetran's tables
and columns to the vendor records of our contracts, so validation, quarantine, lineage and
everything above raw are the same as for landing files or the vendor APIs.
"""
