{#- One row per content piece: every row of seed content_catalog, plus every page path seen
    in web page views that the catalog does not list (content_type 'page', funnel_stage
    '(unknown)', title: the title most often sent for it). -#}
with

catalog as (

    select * from {{ ref('content_catalog') }}

),

page_views as (

    select * from {{ ref('int_content__page_views') }}

),

catalogued as (

    select
        trim(content_id) as content_key,
        trim(content_id) as content_id,
        coalesce(nullif(rtrim(trim(path), '/'), ''), '/') as path,
        coalesce(nullif(trim(content_type), ''), '(unknown)') as content_type,
        trim(title) as title,
        coalesce(nullif(trim(funnel_stage), ''), '(unknown)') as funnel_stage,
        true as is_catalogued
    from catalog

),

uncatalogued as (

    select
        'page:' || page_views.page_path as content_key,
        cast(null as varchar) as content_id,
        page_views.page_path as path,
        'page' as content_type,
        mode(page_views.page_title) as title,
        '(unknown)' as funnel_stage,
        false as is_catalogued
    from page_views
    anti join catalogued
        on page_views.page_path = catalogued.path
    group by page_views.page_path

),

final as (

    select * from catalogued
    union all
    select * from uncatalogued

)

select * from final
