{{ hubspot_association_bridge(
    relation=source('raw', 'hubspot__deals'),
    from_id_alias='deal_id',
    kind='companies',
    to_id_alias='company_id'
) }}
