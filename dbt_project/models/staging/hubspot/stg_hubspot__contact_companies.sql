{{ hubspot_association_bridge(
    relation=source('raw', 'hubspot__contacts'),
    from_id_alias='contact_id',
    kind='companies',
    to_id_alias='company_id'
) }}
