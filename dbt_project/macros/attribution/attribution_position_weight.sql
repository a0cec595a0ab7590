{#- The weight of one touch under a position model, as one SQL expression over the columns of
    int_attribution__conversion_touches (touch_position, touch_count and the milestone
    positions, NULL when the conversion has no such milestone).

    The algorithm (docs/attribution.md writes it out with examples):
      1. each milestone the model uses sits on one touch, or is missing (NULL position);
      2. the "others" are the touches that hold none of the model's present milestones;
      3. shares of missing milestones, and the between share when there are no others, go to
         the rest in proportion to their shares: every present share is divided by
         present_share = sum of present milestone shares (+ between share if others exist);
      4. a touch holding several milestones pools their shares; each other touch gets
         between / others.
    All of it is row-wise arithmetic over per-conversion columns: no window, no join. -#}

{% macro attribution_milestone_position(milestone) -%}
    {%- set columns = {
        'first': '1',
        'last': 'touch_count',
        'lead_creation': 'lead_creation_position',
        'opportunity_creation': 'opportunity_creation_position',
        'closed_won': 'closed_won_position',
    } -%}
    {%- if milestone not in columns -%}
        {{ exceptions.raise_compiler_error('unknown attribution milestone: ' ~ milestone) }}
    {%- endif -%}
    {{ return(columns[milestone]) }}
{%- endmacro %}

{% macro attribution_position_weight(model_name) -%}
    {%- set spec = attribution_position_models()[model_name] -%}
    {%- set between = spec['between'] -%}
    {%- set positions = [] -%}
    {%- set shares = [] -%}
    {%- for milestone, share in spec['milestones'].items() -%}
        {%- do positions.append(attribution_milestone_position(milestone)) -%}
        {%- do shares.append(share) -%}
    {%- endfor -%}

    {%- if positions | length == 0 -%}
        {#- No milestones: everything is "between" (linear). -#}
        (1.0 / touch_count)
    {%- else -%}
        {#- Distinct touches that hold a present milestone of this model. -#}
        {%- set milestone_touches -%}
            ({%- for position in positions %}
                {%- set earlier = positions[:loop.index0] -%}
                (case when {{ position }} is not null
                    {%- for other in earlier %} and {{ position }} is distinct from {{ other }}{% endfor %}
                    then 1 else 0 end){% if not loop.last %} + {% endif %}
            {%- endfor %})
        {%- endset -%}
        {%- set present_share -%}
            ({%- for position in positions -%}
                (case when {{ position }} is not null then {{ shares[loop.index0] }} else 0 end) +
            {%- endfor %}
            (case when touch_count > {{ milestone_touches }} then {{ between }} else 0 end))
        {%- endset -%}
        {%- set own_share -%}
            ({%- for position in positions -%}
                (case when touch_position = {{ position }} then {{ shares[loop.index0] }} else 0 end)
                {%- if not loop.last %} + {% endif -%}
            {%- endfor %})
        {%- endset -%}
        {%- set holds_milestone -%}
            ({%- for position in positions -%}
                coalesce(touch_position = {{ position }}, false){% if not loop.last %} or {% endif %}
            {%- endfor %})
        {%- endset -%}
        (
            ({{ own_share }}
            {%- if between > 0 %}
                + (case when not {{ holds_milestone }}
                    then {{ between }} / (touch_count - {{ milestone_touches }})
                    else 0 end)
            {%- endif %})
            / {{ present_share }}
        )
    {%- endif -%}
{%- endmacro %}
