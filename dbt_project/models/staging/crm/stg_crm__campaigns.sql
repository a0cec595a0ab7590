{#- CRM staging contract (docs/salesforce.md §4): CRM campaigns and their members' responses.
    Salesforce only (HubSpot's campaigns are not extracted); the contract is here so the
    intermediate layer reads every CRM table the same way. -#}
select * from {{ ref('stg_salesforce__campaigns') }}
