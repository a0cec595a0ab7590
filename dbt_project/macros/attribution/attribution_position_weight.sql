{#- The weight of one touch under a position model (a spec of attribution_position_models(),
    read from the seed attribution_models), as one SQL expression over the columns of
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

{#- Built as strings from lists, one SQL term per milestone; the expression is unchanged from
    the block-of-SQL version of this macro (same terms, same order, same parentheses). -#}
{% macro attribution_position_weight(spec) -%}
    {%- set between = spec['between_share'] -%}
    {%- set positions = [] -%}
    {%- set shares = [] -%}
    {%- for milestone, share in spec['milestones'] -%}
        {%- do positions.append(attribution_milestone_position(milestone)) -%}
        {%- do shares.append(share) -%}
    {%- endfor -%}

    {%- if positions | length == 0 -%}
        {#- No milestones: everything is "between" (linear). -#}
        {{ return('(1.0 / touch_count)') }}
    {%- endif -%}

    {%- set distinct_terms = [] -%}
    {%- set present_terms = [] -%}
    {%- set own_terms = [] -%}
    {%- set held_terms = [] -%}
    {%- for position in positions -%}
        {%- set share = shares[loop.index0] -%}
        {#- A milestone touch counts once, even when it holds several milestones. -#}
        {%- set distinct_from = [] -%}
        {%- for other in positions[:loop.index0] -%}
            {%- do distinct_from.append(' and ' ~ position ~ ' is distinct from ' ~ other) -%}
        {%- endfor -%}
        {%- do distinct_terms.append(
            '(case when ' ~ position ~ ' is not null' ~ distinct_from | join('') ~ ' then 1 else 0 end)'
        ) -%}
        {%- do present_terms.append('(case when ' ~ position ~ ' is not null then ' ~ share ~ ' else 0 end) + ') -%}
        {%- do own_terms.append('(case when touch_position = ' ~ position ~ ' then ' ~ share ~ ' else 0 end)') -%}
        {%- do held_terms.append('coalesce(touch_position = ' ~ position ~ ', false)') -%}
    {%- endfor -%}

    {#- Distinct touches that hold a present milestone of this model. -#}
    {%- set milestone_touches = '(' ~ distinct_terms | join(' + ') ~ ')' -%}
    {%- set present_share = '(' ~ present_terms | join('')
        ~ '(case when touch_count > ' ~ milestone_touches ~ ' then ' ~ between ~ ' else 0 end))' -%}
    {%- set own_share = '(' ~ own_terms | join(' + ') ~ ')' -%}
    {%- set holds_milestone = '(' ~ held_terms | join(' or ') ~ ')' -%}
    {%- set between_part = '' -%}
    {%- if between > 0 -%}
        {%- set between_part = ' + (case when not ' ~ holds_milestone ~ ' then ' ~ between
            ~ ' / (touch_count - ' ~ milestone_touches ~ ') else 0 end)' -%}
    {%- endif -%}
    {{ return('((' ~ own_share ~ between_part ~ ') / ' ~ present_share ~ ')') }}
{%- endmacro %}
