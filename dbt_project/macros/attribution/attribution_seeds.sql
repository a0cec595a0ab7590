{#- The attribution model list and the conversion stages are configuration, the seeds
    `attribution_models` and `attribution_conversion_stages`. Models write a column or a block
    of SQL per entry, so they read the seeds at compile time through these macros. The model
    passes the seed's relation, e.g. `attribution_model_names(ref('attribution_models'))`:
    the seed stays a visible input of the model, and no macro calls ref().

    Before execution (dbt parse, sqlfluff) there is no warehouse to read: each macro returns two
    placeholder entries, so that the SQL still renders (two, so that the separators between
    entries render too). Each macro returns its own: in sqlfluff's jinja templater a macro
    that calls another gets the callee's return value as text, not as a list. Unit tests override the macro the model calls (`overrides: macros:`),
    since their inputs are fixtures, not tables. -#}

{#- The models in model_order, each a dict: attribution_model, method (position, time_decay,
    markov), between_share and milestones, the (milestone, share) pairs of the model in the
    order first, lead_creation, opportunity_creation, closed_won, last (a milestone the model
    does not use is left out). Shares are floats, so that they render as before (1.0, 0.225). -#}
{% macro attribution_model_specs(models_seed) -%}
    {%- if not execute -%}
        {{ return([
            {'attribution_model': 'placeholder_model', 'method': 'position',
             'milestones': [('first', 0.5)], 'between_share': 0.5},
            {'attribution_model': 'other_placeholder_model', 'method': 'position',
             'milestones': [], 'between_share': 1.0},
        ]) }}
    {%- endif -%}
    {%- set milestone_names = ['first', 'lead_creation', 'opportunity_creation', 'closed_won', 'last'] -%}
    {%- set query -%}
        select * from {{ models_seed }} order by model_order
    {%- endset -%}
    {%- set specs = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- set milestones = [] -%}
        {%- for milestone in milestone_names -%}
            {%- set share = row[milestone ~ '_share'] -%}
            {%- if share is not none and share != 0 -%}
                {%- do milestones.append((milestone, share | float)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do specs.append({
            'attribution_model': row['attribution_model'],
            'method': row['method'],
            'milestones': milestones,
            'between_share': (row['between_share'] or 0) | float,
        }) -%}
    {%- endfor -%}
    {{ return(specs) }}
{%- endmacro %}

{#- The names of the models, in model_order. -#}
{% macro attribution_model_names(models_seed) -%}
    {%- if not execute -%}
        {{ return(['placeholder_model', 'other_placeholder_model']) }}
    {%- endif -%}
    {%- set specs = attribution_model_specs(models_seed) -%}
    {{ return(specs | map(attribute='attribution_model') | list) }}
{%- endmacro %}

{#- The models whose weight is the position algorithm of their shares (method `position`). -#}
{% macro attribution_position_models(models_seed) -%}
    {%- if not execute -%}
        {{ return([
            {'attribution_model': 'placeholder_model', 'milestones': [('first', 0.5)], 'between_share': 0.5},
            {'attribution_model': 'other_placeholder_model', 'milestones': [], 'between_share': 1.0},
        ]) }}
    {%- endif -%}
    {%- set specs = attribution_model_specs(models_seed) -%}
    {{ return(specs | selectattr('method', 'equalto', 'position') | list) }}
{%- endmacro %}

{#- The conversion stages in conversion_stage_order, each a dict: conversion_stage,
    conversion_stage_order, canonical_stage, converting_record (contact or opportunity),
    deal_scope (opportunity stages: new_business or existing_customer). -#}
{% macro attribution_conversion_stages(stages_seed) -%}
    {%- if not execute -%}
        {{ return([
            {'conversion_stage': 'placeholder_stage', 'conversion_stage_order': 1,
             'canonical_stage': 'placeholder_stage', 'converting_record': 'contact',
             'deal_scope': none},
            {'conversion_stage': 'other_placeholder_stage', 'conversion_stage_order': 2,
             'canonical_stage': 'opportunity', 'converting_record': 'opportunity',
             'deal_scope': 'new_business'},
        ]) }}
    {%- endif -%}
    {%- set query -%}
        select * from {{ stages_seed }} order by conversion_stage_order
    {%- endset -%}
    {%- set stages = [] -%}
    {%- for row in run_query(query).rows -%}
        {%- do stages.append({
            'conversion_stage': row['conversion_stage'],
            'conversion_stage_order': row['conversion_stage_order'] | int,
            'canonical_stage': row['canonical_stage'],
            'converting_record': row['converting_record'],
            'deal_scope': row['deal_scope'],
        }) -%}
    {%- endfor -%}
    {{ return(stages) }}
{%- endmacro %}

{#- The stages at which a contact converts (converting_record = contact). -#}
{% macro attribution_contact_stages(stages_seed) -%}
    {%- if not execute -%}
        {{ return([
            {'conversion_stage': 'placeholder_stage', 'canonical_stage': 'placeholder_stage'},
            {'conversion_stage': 'other_placeholder_stage', 'canonical_stage': 'other_placeholder_stage'},
        ]) }}
    {%- endif -%}
    {%- set stages = attribution_conversion_stages(stages_seed) -%}
    {{ return(stages | selectattr('converting_record', 'equalto', 'contact') | list) }}
{%- endmacro %}

{#- The stages at which a deal converts (converting_record = opportunity): its creation
    (canonical_stage opportunity) or its won close (canonical_stage customer), for the deals of
    the stage's deal_scope. -#}
{% macro attribution_deal_stages(stages_seed) -%}
    {%- set stages = attribution_conversion_stages(stages_seed) -%}
    {{ return(stages | selectattr('converting_record', 'equalto', 'opportunity') | list) }}
{%- endmacro %}

{#- The deal scope of an opportunity row as a SQL expression: the deal_scope values of seed
    attribution_conversion_stages. -#}
{% macro attribution_deal_scope_sql(relation_alias=none) -%}
    {%- set prefix = relation_alias ~ '.' if relation_alias else '' -%}
    case when coalesce({{ prefix }}is_new_business, true)
        then 'new_business' else 'existing_customer' end
{%- endmacro %}
