{#- Every HubSpot contact id ever seen resolves to the contact it lives on as today.
    Merges can chain (A merged into B, B later into C): the walk follows each id's merge
    links to the end of its chain, however long. The CRM can also list a merge cycle (A
    lists B as merged into it, B lists A): the walk stops when the next id is already on
    its path, and every member of the cycle (and every id leading into it) resolves to the
    cycle's oldest record, by created_at, then the smallest id (docs/resilience.md §1).
    merge_resolution says which case an id is, for metrics.mart_data_quality. A contact
    whose surviving record is archived is left out unless the var include_archived is true
    (macro hubspot_not_archived), so every model that resolves contacts through this one
    leaves it out too. -#}
with recursive

contacts as (

    select
        contact_id,
        email_normalized,
        created_at,
        is_archived
    from {{ ref('stg_crm__contacts') }}

),

merge_links as (

    select
        merged_contact_id,
        surviving_contact_id
    from {{ ref('stg_crm__contact_merges') }}
    -- A survivor listing itself is not a merge.
    where merged_contact_id != surviving_contact_id

),

contact_ids as (

    select contact_id as hubspot_contact_id
    from contacts
    union
    select merged_contact_id as hubspot_contact_id
    from merge_links

),

-- One row per id and hop: the ids walked so far (path[1] is the id itself).
merge_walk as (

    select
        hubspot_contact_id,
        hubspot_contact_id as current_contact_id,
        [hubspot_contact_id] as path
    from contact_ids
    union all
    select
        merge_walk.hubspot_contact_id,
        merge_links.surviving_contact_id as current_contact_id,
        list_append(merge_walk.path, merge_links.surviving_contact_id) as path
    from merge_walk
    inner join merge_links
        on merge_walk.current_contact_id = merge_links.merged_contact_id
    where not list_contains(merge_walk.path, merge_links.surviving_contact_id)

),

-- The whole walk of each id; when its last id still has a merge link, that link points
-- back into the path: a cycle, made of the path from that id on.
walks as (

    select
        merge_walk.hubspot_contact_id,
        merge_walk.path,
        case
            when merge_links.surviving_contact_id is not null
                then list_slice(
                    merge_walk.path,
                    list_position(merge_walk.path, merge_links.surviving_contact_id),
                    len(merge_walk.path)
                )
        end as cycle_contact_ids
    from merge_walk
    left join merge_links
        on merge_walk.current_contact_id = merge_links.merged_contact_id
    qualify row_number() over (
        partition by merge_walk.hubspot_contact_id order by len(merge_walk.path) desc
    ) = 1

),

cycle_members as (

    select
        walks.hubspot_contact_id,
        unnest(walks.cycle_contact_ids) as member_contact_id
    from walks
    where walks.cycle_contact_ids is not null

),

-- The oldest record of the cycle survives (created_at, then the smallest id).
cycle_survivors as (

    select
        cycle_members.hubspot_contact_id,
        cycle_members.member_contact_id as surviving_contact_id
    from cycle_members
    left join contacts
        on cycle_members.member_contact_id = contacts.contact_id
    qualify row_number() over (
        partition by cycle_members.hubspot_contact_id
        order by
            contacts.created_at asc nulls last,
            try_cast(cycle_members.member_contact_id as hugeint) asc nulls last,
            cycle_members.member_contact_id asc
    ) = 1

),

survivors as (

    select
        walks.hubspot_contact_id,
        coalesce(cycle_survivors.surviving_contact_id, walks.path[len(walks.path)]) as surviving_contact_id,
        walks.path,
        walks.cycle_contact_ids is not null as is_in_merge_cycle
    from walks
    left join cycle_survivors
        on walks.hubspot_contact_id = cycle_survivors.hubspot_contact_id

),

resolved as (

    select
        hubspot_contact_id,
        surviving_contact_id,
        list_position(path, surviving_contact_id) - 1 as merge_depth,
        case
            when is_in_merge_cycle then 'cycle'
            when len(path) = 1 then 'none'
            when len(path) = 2 then 'merge'
            else 'chain'
        end as merge_resolution
    from survivors

),

final as (

    select
        resolved.hubspot_contact_id,
        resolved.surviving_contact_id,
        {{ crm_key('resolved.surviving_contact_id') }} as contact_key,
        contacts.email_normalized,
        resolved.merge_depth > 0 as is_merged_away,
        resolved.merge_depth,
        resolved.merge_resolution,
        -- Every walk now ends at a survivor (chains at their end, cycles at their oldest).
        true as is_resolved_to_end
    from resolved
    left join contacts
        on resolved.hubspot_contact_id = contacts.contact_id
    left join contacts as surviving_contacts
        on resolved.surviving_contact_id = surviving_contacts.contact_id
    where {{ hubspot_not_archived('surviving_contacts.is_archived') }}

)

select * from final
