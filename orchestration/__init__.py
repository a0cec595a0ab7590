"""Dagster orchestration for closedloop: assets, checks, jobs, schedules."""
