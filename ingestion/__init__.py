"""Raw layer: vendor exports and APIs into `raw.*` of the DuckDB warehouse, through dlt.

contracts/ (one module per vendor: the columns each raw table keeps), validate (DuckDB SQL
that types and checks every row; record_checks, schema_drift, sqltext), files/ and api/
(readers of the landing folder and of the vendor APIs), webhooks/ (the SendGrid Event
Webhook receiver), quarantine and lineage (the reason and origin of every row), pipeline
(one dlt load per vendor). Imports only `closedloop` below it (docs/architecture.md).
"""
