{#- association_label holds the buying-group role (Decision Maker, Champion, ...). -#}
{{ hubspot_association_bridge(
    relation=source('raw', 'hubspot__deals'),
    from_id_alias='deal_id',
    kind='contacts',
    to_id_alias='contact_id'
) }}
