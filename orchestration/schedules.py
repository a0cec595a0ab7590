"""The daily schedule of the whole pipeline (ingest, dbt build, checks)."""

from __future__ import annotations

from dagster import DefaultScheduleStatus, ScheduleDefinition

from orchestration.jobs import full_pipeline_job

# 05:00 UTC: after the vendors' nightly exports, before the working day in Europe and the US.
daily_pipeline_schedule = ScheduleDefinition(
    name="closedloop_daily",
    job=full_pipeline_job,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    default_status=DefaultScheduleStatus.STOPPED,
)
