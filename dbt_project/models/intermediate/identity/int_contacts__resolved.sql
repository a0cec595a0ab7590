{#- Every HubSpot contact id ever seen resolves to the contact it lives on as today.
    Merges can chain (A merged into B, B later into C): each hop is one join, up to
    `max_merge_hops` (chains that long do not occur; the is_resolved_to_end column says
    whether the walk reached the end). Joins instead of a recursive CTE keep it plain
    set-based SQL that every engine plans well. A contact whose surviving record is archived
    is left out unless the var include_archived is true (macro hubspot_not_archived), so
    every model that resolves contacts through this one leaves it out too. -#}
{%- set max_merge_hops = 8 %}
with

contacts as (

    select
        contact_id,
        email_normalized,
        is_archived
    from {{ ref('stg_hubspot__contacts') }}

),

merge_links as (

    select
        merged_contact_id,
        surviving_contact_id
    from {{ ref('stg_hubspot__contact_merges') }}
    -- A survivor listing itself is not a merge.
    where merged_contact_id != surviving_contact_id

),

contact_ids as (

    select
        contact_id as hubspot_contact_id,
        contact_id as surviving_contact_id
    from contacts
    union
    select
        merged_contact_id as hubspot_contact_id,
        merged_contact_id as surviving_contact_id
    from merge_links

),

merge_walk as (

    select
        hop_0.hubspot_contact_id,
        {%- for hop in range(1, max_merge_hops + 1) %}
            hop_{{ hop }}.surviving_contact_id as hop_{{ hop }}_contact_id,
        {%- endfor %}
        hop_0.hubspot_contact_id as start_contact_id
    from contact_ids as hop_0
    {% for hop in range(1, max_merge_hops + 1) -%}
        left join merge_links as hop_{{ hop }}
            on hop_{{ hop - 1 }}.surviving_contact_id = hop_{{ hop }}.merged_contact_id
    {% endfor %}
),

survivors as (

    select
        hubspot_contact_id,
        coalesce(
            {%- for hop in range(max_merge_hops, 0, -1) %}
                hop_{{ hop }}_contact_id,
            {%- endfor %}
            start_contact_id
        ) as surviving_contact_id,
        case
            when hop_1_contact_id is null then 0
            {%- for hop in range(2, max_merge_hops + 1) %}
                when hop_{{ hop }}_contact_id is null then {{ hop - 1 }}
            {%- endfor %}
            else {{ max_merge_hops }}
        end as merge_depth
    from merge_walk

),

final as (

    select
        survivors.hubspot_contact_id,
        survivors.surviving_contact_id,
        'hs_' || survivors.surviving_contact_id as contact_key,
        contacts.email_normalized,
        survivors.merge_depth > 0 as is_merged_away,
        survivors.merge_depth,
        merge_links.merged_contact_id is null as is_resolved_to_end
    from survivors
    left join contacts
        on survivors.hubspot_contact_id = contacts.contact_id
    left join merge_links
        on survivors.surviving_contact_id = merge_links.merged_contact_id
    left join contacts as surviving_contacts
        on survivors.surviving_contact_id = surviving_contacts.contact_id
    where {{ hubspot_not_archived('surviving_contacts.is_archived') }}

)

select * from final
