"""The Salesforce side of the translation: object headers (docs/salesforce.md §2), picklist
labels, and the value formats of Bulk API 2.0 CSVs."""

from __future__ import annotations

PERSON_CUSTOMS = (
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
    "Lead_Date__c",
    "MQL_Date__c",
    "SQL_Date__c",
    "Opportunity_Date__c",
    "Customer_Date__c",
    "Evangelist_Date__c",
    "Disqualification_Reason__c",
)
_AUDIT = ("CreatedDate", "LastModifiedDate", "SystemModstamp")
_HISTORY = ("Field", "DataType", "OldValue", "NewValue", "CreatedById", "CreatedDate")

FIELDS: dict[str, tuple[str, ...]] = {
    "Lead": (
        "Id", "IsDeleted", "MasterRecordId", "FirstName", "LastName", "Email", "Title",
        "Company", "Industry", "NumberOfEmployees", "Country", "Status", "LeadSource",
        "OwnerId", "IsConverted", "ConvertedDate", "ConvertedAccountId", "ConvertedContactId",
        "ConvertedOpportunityId", *_AUDIT, *PERSON_CUSTOMS,
    ),
    "Contact": (
        "Id", "IsDeleted", "MasterRecordId", "AccountId", "FirstName", "LastName", "Email",
        "Title", "Department", "LeadSource", "MailingCountry", "OwnerId", *_AUDIT,
        "Lifecycle_Stage__c", "Lead_Status__c", *PERSON_CUSTOMS[1:],
    ),
    "Account": (
        "Id", "IsDeleted", "MasterRecordId", "Name", "Website", "Industry",
        "NumberOfEmployees", "BillingCountry", "Type", "OwnerId", *_AUDIT,
        "Lifecycle_Stage__c", "Lead_Date__c", "Opportunity_Date__c", "Customer_Date__c",
        "Churn_Date__c",
    ),
    "Opportunity": (
        "Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed",
        "IsWon", "Probability", "ForecastCategory", "ForecastCategoryName", "CurrencyIsoCode",
        "Type", "LeadSource", "OwnerId", "CampaignId", "RecordTypeId", *_AUDIT,
        "Loss_Reason__c",
    ),
    "OpportunityHistory": (
        "Id", "IsDeleted", "OpportunityId", "StageName", "Amount", "CloseDate", "Probability",
        "ForecastCategory", "ExpectedRevenue", "CreatedById", "CreatedDate", "SystemModstamp",
    ),
    "OpportunityFieldHistory": ("Id", "IsDeleted", "OpportunityId", *_HISTORY),
    "OpportunityContactRole": (
        "Id", "IsDeleted", "OpportunityId", "ContactId", "Role", "IsPrimary", *_AUDIT,
    ),
    "Task": (
        "Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "OwnerId", "Subject", "Status",
        "Type", "TaskSubtype", "ActivityDate", "CallDurationInSeconds", "CallType",
        "CallDisposition", "CompletedDateTime", *_AUDIT,
    ),
    "Event": (
        "Id", "IsDeleted", "WhoId", "WhatId", "AccountId", "OwnerId", "Subject", "Type",
        "EventSubtype", "ActivityDateTime", "StartDateTime", "EndDateTime",
        "DurationInMinutes", "Meeting_Outcome__c", *_AUDIT,
    ),
    "TaskRelation": (
        "Id", "IsDeleted", "TaskId", "RelationId", "IsWhat", "AccountId", "CreatedDate",
        "CreatedById", "LastModifiedDate", "SystemModstamp",
    ),
    "EventRelation": (
        "Id", "IsDeleted", "EventId", "RelationId", "IsParent", "IsInvitee", "IsWhat", "Status",
        "RespondedDate", "Response", "AccountId", *_AUDIT,
    ),
    "User": (
        "Id", "Username", "Email", "FirstName", "LastName", "Name", "IsActive", "UserRoleId",
        "Title", *_AUDIT,
    ),
    "UserRole": ("Id", "Name", "ParentRoleId", "SystemModstamp"),
    "LeadHistory": ("Id", "IsDeleted", "LeadId", *_HISTORY),
    "ContactHistory": ("Id", "IsDeleted", "ContactId", *_HISTORY),
}  # fmt: skip

LIFECYCLE = {
    "subscriber": "Subscriber",
    "lead": "Lead",
    "marketingqualifiedlead": "Marketing Qualified Lead",
    "salesqualifiedlead": "Sales Qualified Lead",
    "opportunity": "Opportunity",
    "customer": "Customer",
    "evangelist": "Evangelist",
    "other": "Other",
}
LEAD_STATUS = {
    "NEW": "Open - Not Contacted",
    "OPEN": "Open",
    "ATTEMPTED_TO_CONTACT": "Attempted to Contact",
    "CONNECTED": "Working - Contacted",
    "IN_PROGRESS": "Accepted",
    "OPEN_DEAL": "Converted",
    "UNQUALIFIED": "Closed - Not Converted",
    "BAD_TIMING": "Recycled",
}
# HubSpot `hs_role` -> Contact `Department` (free text in Salesforce; a Lead has none).
DEPARTMENT = {
    "engineering": "Engineering",
    "marketing": "Marketing",
    "sales": "Sales",
    "finance": "Finance",
    "operations": "Operations",
    "leadership": "Leadership",
    "it": "IT",
}
# HubSpot lifecycle stages at or past SQL: reaching one converts the Lead.
CONVERTING_STAGES = ("salesqualifiedlead", "opportunity", "customer", "evangelist")
# (HubSpot date property, Salesforce stamp) on people.
PERSON_STAMPS = (
    ("hs_lifecyclestage_lead_date", "Lead_Date__c"),
    ("hs_lifecyclestage_marketingqualifiedlead_date", "MQL_Date__c"),
    ("hs_lifecyclestage_salesqualifiedlead_date", "SQL_Date__c"),
    ("hs_lifecyclestage_opportunity_date", "Opportunity_Date__c"),
    ("hs_lifecyclestage_customer_date", "Customer_Date__c"),
    ("hs_lifecyclestage_evangelist_date", "Evangelist_Date__c"),
)
# HubSpot deal stage -> (StageName, Probability, ForecastCategory, ForecastCategoryName).
STAGES = {
    "qualificationcall": ("Qualification Call", 10, "Pipeline", "Pipeline"),
    "demoscheduled": ("Demo Scheduled", 20, "Pipeline", "Pipeline"),
    "framingmeeting": ("Framing Meeting", 40, "Pipeline", "Pipeline"),
    "proposalsent": ("Proposal Sent", 60, "BestCase", "Best Case"),
    "negotiation": ("Negotiation", 80, "Commit", "Commit"),
    "closedwon": ("Closed Won", 100, "Closed", "Closed"),
    "closedlost": ("Closed Lost", 0, "Omitted", "Omitted"),
    # the expansion pipeline (HubSpot 1290433 = record type EXPANSION_RECORD_TYPE)
    "1290434": ("Expansion Discovery", 30, "Pipeline", "Pipeline"),
    "1290435": ("Expansion Proposal", 60, "BestCase", "Best Case"),
    "1290436": ("Contract Sent", 90, "Commit", "Commit"),
    "1290437": ("Closed Won", 100, "Closed", "Closed"),
    "1290438": ("Closed Lost", 0, "Omitted", "Omitted"),
}
WON_STAGES = ("closedwon", "1290437")
CLOSED_STAGES = ("closedwon", "closedlost", "1290437", "1290438")
# HubSpot pipeline -> Opportunity RecordTypeId (empty: the default sales process).
RECORD_TYPES = {"default": "", "1290433": "0124x000000EXPAAA"}
# HubSpot dealtype -> Opportunity Type; a renewal below the account's contract value is a
# downgrade (demo/writers/salesforce_deals.py).
OPPORTUNITY_TYPES = {
    "newbusiness": "New Customer",
    "existingbusiness": "Existing Customer - Upgrade",
    "renewal": "Existing Customer - Replacement",
}
DOWNGRADE = "Existing Customer - Downgrade"
CALL_DISPOSITION = {
    "f240bbac-87c9-4f6e-bf70-924b57d47db7": "Connected",
    "73a0d17f-1163-4015-bdd5-ec830791da20": "No answer",
    "b2cf5968-551e-4856-9783-52b3da59a7d0": "Left voicemail",
}


def ts(iso: str | None) -> str:
    """HubSpot `2026-10-30T12:00:00.000Z` -> Salesforce `2026-10-30T12:00:00.000+0000`."""
    return iso[:-1] + "+0000" if iso else ""


def day(iso: str | None) -> str:
    return iso[:10] if iso else ""


def flag(value) -> str:
    return "true" if value else "false"
