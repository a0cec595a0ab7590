{#- HubSpot lists each property's changes newest first; the macro unnests them. -#}
{{ hubspot_property_history(
    relation=source('raw', 'hubspot__companies'),
    object_id_alias='company_id',
    order_by=hubspot_newest_version_first()
) }}
