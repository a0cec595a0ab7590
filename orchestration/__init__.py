"""Dagster objects only: assets, asset checks, jobs, schedules, sensors, resources, definitions.

The logic they run lives below: ingestion (raw loads), expectations (quality gate and
publish), closedloop.settings (paths); see docs/architecture.md.
"""
