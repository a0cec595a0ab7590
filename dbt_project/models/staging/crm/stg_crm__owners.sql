{#- CRM staging contract (docs/salesforce.md §4): HubSpot and Salesforce rows in one shape. -#}
select
    'hubspot' as source_system,
    *
from {{ ref('stg_hubspot__owners') }}

union all by name

select * from {{ ref('stg_salesforce__owners') }}
