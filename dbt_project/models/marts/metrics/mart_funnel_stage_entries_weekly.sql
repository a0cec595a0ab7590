-- Stage entries per ISO week (Monday start, UTC), contact level: macro metrics_funnel_stage_entries.
{{ metrics_funnel_stage_entries(ref('int_metrics__funnel_entries'), 'week') }}
