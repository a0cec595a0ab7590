-- Stage entries per quarter (UTC), contact level: macro metrics_funnel_stage_entries.
{{ metrics_funnel_stage_entries(ref('int_metrics__funnel_entries'), 'quarter') }}
