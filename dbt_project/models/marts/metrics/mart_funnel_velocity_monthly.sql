-- Stage velocity per month (UTC), contact level: macro metrics_funnel_velocity.
{{ metrics_funnel_velocity(ref('int_metrics__funnel_entries'), 'month') }}
