"""Contracts of the Salesforce raw tables: one per object (docs/salesforce.md §2,
docs/raw-tables.md, "CRM — Salesforce").

Every field is kept as Salesforce sends it (text), except the booleans (BOOLEAN). The rules
check the values staging reads: the record Id's shape, timestamps and dates (within the time
window; planned ones may lie in the future), decimals and counts. The rules are per field
API name: a name means the same in every object that has it.
"""

from __future__ import annotations

from ingestion.contracts.fields import (
    DATE,
    DECIMAL_STR,
    FUTURE_OK,
    INT_STR,
    ISO_TS,
    NON_NEGATIVE,
    POSITIVE,
    SF_ID,
    Field,
    TableContract,
    column_name,
)

_STAMPS = (
    "Lead_Date__c",
    "MQL_Date__c",
    "SQL_Date__c",
    "Opportunity_Date__c",
    "Customer_Date__c",
    "Evangelist_Date__c",
)
_PERSON = (
    "Lifecycle_Stage__c",
    "Seniority__c",
    "Persona__c",
    "Visitor_Id__c",
    "Nurture_Program__c",
    "Decision_Maker__c",
    "BANT_Budget__c",
    "BANT_Authority__c",
    "BANT_Need__c",
    "BANT_Timeline__c",
    *_STAMPS,
    "Disqualification_Reason__c",
)
_AUDIT = ("CreatedDate", "LastModifiedDate", "SystemModstamp")
_HISTORY = ("Field", "DataType", "OldValue", "NewValue", "CreatedById", "CreatedDate")

# Object API name -> the fields closedloop reads (docs/salesforce.md §2), in that order.
OBJECTS: dict[str, tuple[str, ...]] = {
    "Lead": (
        *("Id", "IsDeleted", "MasterRecordId", "FirstName", "LastName", "Email", "Title"),
        *("Company", "Industry", "NumberOfEmployees", "Country", "Status", "LeadSource"),
        *("OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId"),
        *("ConvertedContactId", "ConvertedOpportunityId", *_AUDIT, *_PERSON),
    ),
    "Contact": (
        *("Id", "IsDeleted", "MasterRecordId", "AccountId", "FirstName", "LastName", "Email"),
        *("Title", "Department", "LeadSource", "MailingCountry", "OwnerId", *_AUDIT),
        *(*_PERSON[:1], "Lead_Status__c", *_PERSON[1:]),
    ),
    "Account": (
        *("Id", "IsDeleted", "MasterRecordId", "Name", "Website", "Industry"),
        *("NumberOfEmployees", "BillingCountry", "Type", "OwnerId", *_AUDIT),
        *("Lifecycle_Stage__c", "Lead_Date__c", "Opportunity_Date__c", "Customer_Date__c"),
        "Churn_Date__c",
    ),
    "Opportunity": (
        *("Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CloseDate"),
        *("IsClosed", "IsWon", "Probability", "ForecastCategory", "ForecastCategoryName"),
        *("CurrencyIsoCode", "Type", "LeadSource", "OwnerId", "CampaignId", "RecordTypeId"),
        *(*_AUDIT, "Loss_Reason__c"),
    ),
    "OpportunityHistory": (
        *("Id", "IsDeleted", "OpportunityId", "StageName", "Amount", "CloseDate"),
        *("Probability", "ForecastCategory", "ExpectedRevenue", "CreatedById", "CreatedDate"),
        "SystemModstamp",
    ),
    "OpportunityFieldHistory": ("Id", "IsDeleted", "OpportunityId", *_HISTORY),
    "OpportunityContactRole": (
        *("Id", "IsDeleted", "OpportunityId", "ContactId", "Role", "IsPrimary", *_AUDIT),
    ),
    "Campaign": (
        *("Id", "IsDeleted", "Name", "Type", "Status", "StartDate", "EndDate", "IsActive"),
        *("ParentId", "ActualCost", "BudgetedCost", *_AUDIT),
    ),
    "CampaignMember": (
        *("Id", "IsDeleted", "CampaignId", "LeadId", "ContactId", "Status", "HasResponded"),
        *("FirstRespondedDate", *_AUDIT),
    ),
    "Task": (
        *("Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "OwnerId", "Subject", "Status"),
        *("Type", "TaskSubtype", "ActivityDate", "CallDurationInSeconds", "CallType"),
        *("CallDisposition", "CompletedDateTime", *_AUDIT),
    ),
    "Event": (
        *("Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "OwnerId", "Subject", "Type"),
        *("EventSubtype", "ActivityDateTime", "StartDateTime", "EndDateTime"),
        *("DurationInMinutes", "Meeting_Outcome__c", *_AUDIT),
    ),
    # Shared activities: every person (and the WhatId) of a Task / Event, WhoId included.
    "TaskRelation": (
        *("Id", "IsDeleted", "TaskId", "RelationId", "IsWhat", "AccountId", "CreatedDate"),
        *("CreatedById", "LastModifiedDate", "SystemModstamp"),
    ),
    "EventRelation": (
        *("Id", "IsDeleted", "EventId", "RelationId", "IsParent", "IsInvitee", "IsWhat"),
        *("Status", "RespondedDate", "Response", "AccountId", *_AUDIT),
    ),
    "User": (
        *("Id", "Username", "Email", "FirstName", "LastName", "Name", "IsActive"),
        *("UserRoleId", "Title", *_AUDIT),
    ),
    "UserRole": ("Id", "Name", "ParentRoleId", "SystemModstamp"),
    "LeadHistory": ("Id", "IsDeleted", "LeadId", *_HISTORY),
    "ContactHistory": ("Id", "IsDeleted", "ContactId", *_HISTORY),
    "CurrencyType": (
        *("Id", "IsoCode", "ConversionRate", "DecimalPlaces", "IsActive", "IsCorporate"),
        *_AUDIT,
    ),
    "DatedConversionRate": (
        *("Id", "IsoCode", "ConversionRate", "StartDate", "NextStartDate", *_AUDIT),
    ),
}

BOOLEANS = frozenset(
    {"IsDeleted", "IsConverted", "IsClosed", "IsWon", "IsPrimary", "IsActive"}
    | {"HasResponded", "IsCorporate", "IsWhat", "IsParent", "IsInvitee"}
)
_TS, _PLANNED_TS = (ISO_TS,), (ISO_TS, FUTURE_OK)
_DATE, _PLANNED_DATE = (DATE,), (DATE, FUTURE_OK)
RULES: dict[str, tuple[str, ...]] = {
    **{n: _TS for n in (*_AUDIT, "CompletedDateTime", *_STAMPS, "Churn_Date__c")},
    "RespondedDate": _TS,
    # Planned times: a scheduled meeting, an expected close, a campaign's run, the open end
    # of a dated exchange rate (9999-12-31).
    **{n: _PLANNED_TS for n in ("ActivityDateTime", "StartDateTime", "EndDateTime")},
    **{n: _DATE for n in ("ConvertedDate", "FirstRespondedDate")},
    **{n: _PLANNED_DATE for n in ("CloseDate", "ActivityDate", "StartDate", "EndDate")},
    "NextStartDate": _PLANNED_DATE,
    **{n: (DECIMAL_STR, NON_NEGATIVE) for n in ("Amount", "ExpectedRevenue", "Probability")},
    **{n: (DECIMAL_STR, NON_NEGATIVE) for n in ("ActualCost", "BudgetedCost")},
    "ConversionRate": (DECIMAL_STR, POSITIVE),
    **{n: (INT_STR, NON_NEGATIVE) for n in ("NumberOfEmployees", "CallDurationInSeconds")},
    **{n: (INT_STR, NON_NEGATIVE) for n in ("DurationInMinutes", "DecimalPlaces")},
    "Id": (SF_ID,),
}


def table_name(obj: str) -> str:
    """`Lead` -> `salesforce__lead`, `OpportunityContactRole` -> `..._opportunity_contact_role`."""
    return f"salesforce__{column_name(obj)}"


def cursor_field(obj: str) -> str:
    """The field whose highest value is the newest version of a record (and the API cursor):
    `SystemModstamp`, or `CreatedDate` for the field-history objects (rows never change)."""
    return "SystemModstamp" if "SystemModstamp" in OBJECTS[obj] else "CreatedDate"


def _field(name: str, cursor: str) -> Field:
    return Field(
        name,
        "BOOLEAN" if name in BOOLEANS else "VARCHAR",
        required=name in ("Id", cursor),
        rules=RULES.get(name, ()),
    )


def _contract(obj: str) -> TableContract:
    cursor = cursor_field(obj)
    return TableContract(
        name=table_name(obj),
        source="salesforce",
        group="crm",
        fields=tuple(_field(n, cursor) for n in OBJECTS[obj]),
        key=("id",),
        order=column_name(cursor),
        description=f"Salesforce {obj} records (queryAll: deleted ones too), newest per Id.",
    )


CONTRACTS: tuple[TableContract, ...] = tuple(_contract(obj) for obj in OBJECTS)
