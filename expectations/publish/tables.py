"""Which warehouse tables the serving file holds: what BI reads."""

from __future__ import annotations

from collections.abc import Iterable

# Every model of these schemas (metric marts, the helper tables and time spine the
# semantic layer is defined on, attribution marts) ...
PUBLISHED_SCHEMAS = ("metrics", "attribution")
# ... plus the dimensions and core facts the marts and the semantic layer join to.
# dim_contact is left out: names and job titles are personal data that no mart needs
# (contact_key is enough to join).
PUBLISHED_TABLES = (
    "core.dim_date",
    "core.dim_channel",
    "core.dim_campaign",
    "core.dim_account",
    "core.dim_owner",
    "core.fct_contact_funnel",
    "core.fct_account_funnel",
    "core.fct_opportunities",
    "core.fct_touchpoints",
    "core.fct_ad_spend_daily",
)


def published_tables(model_tables: Iterable[str]) -> list[str]:
    """The tables to publish among the project's model tables ('schema.table')."""
    models = set(model_tables)
    chosen = {t for t in models if t.split(".")[0] in PUBLISHED_SCHEMAS}
    chosen |= {t for t in PUBLISHED_TABLES if t in models}
    return sorted(chosen)
