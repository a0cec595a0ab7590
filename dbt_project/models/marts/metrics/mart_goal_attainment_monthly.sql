-- Goal attainment per month (UTC): macro metrics_goal_attainment.
{{ metrics_goal_attainment(
    ref('int_metrics__goal_targets'), ref('int_metrics__goal_actuals'), ref('dim_snapshot_date'), 'month'
) }}
