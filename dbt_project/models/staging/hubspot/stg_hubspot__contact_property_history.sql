{#- HubSpot lists each property's changes newest first; the macro unnests them. -#}
{{ hubspot_property_history(
    relation=source('raw', 'hubspot__contacts'),
    object_id_alias='contact_id',
    order_by=hubspot_newest_version_first()
) }}
