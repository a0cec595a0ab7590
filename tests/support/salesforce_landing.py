"""A hand-written Salesforce landing folder (docs/salesforce.md §3) for the ingestion tests.

Bulk API 2.0 result CSVs (`salesforce/<Object>/*.csv`, API-name headers) for Lead (two
extracts), Account, Opportunity and User, and a Data Loader extract with an upper-case header
(`salesforce/Contact.csv`). `dirty=True` adds Opportunity rows that must be quarantined
(`DIRTY`: their Ids and reasons).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

# Two Lead extracts: lead 1 is newest in extract-2, lead 2 in extract-1 (the newest
# SystemModstamp of an Id wins whatever the file order); lead 3 was merged into lead 1
# (queryAll shows it deleted) and has a 15-character Id.
LEAD_1 = """\
Id,IsDeleted,MasterRecordId,FirstName,LastName,Email,Company,Status,LeadSource,OwnerId,IsConverted,ConvertedDate,ConvertedContactId,CreatedDate,LastModifiedDate,SystemModstamp,Lifecycle_Stage__c,MQL_Date__c
00Q000000000001AAA,false,,Ada,Lovelace,ada@example.com,Analytical,Open,Web,005000000000001AAA,false,,,2026-09-01T10:00:00.000+0000,2026-09-01T10:00:00.000+0000,2026-09-01T10:00:00.000+0000,Lead,
00Q000000000002AAA,false,,Alan,Turing,alan@example.com,"Bletchley, Park",Converted,Event,005000000000001AAA,true,2026-10-20,003000000000001AAA,2026-09-05T08:00:00.000+0000,2026-10-20T09:30:00.000+0000,2026-10-20T09:30:00.000+0000,Sales Qualified Lead,2026-10-01T00:00:00.000+0000
"""  # noqa: E501
LEAD_2 = """\
Id,IsDeleted,MasterRecordId,FirstName,LastName,Email,Company,Status,LeadSource,OwnerId,IsConverted,ConvertedDate,ConvertedContactId,CreatedDate,LastModifiedDate,SystemModstamp,Lifecycle_Stage__c,MQL_Date__c
00Q000000000001AAA,false,,Ada,Lovelace,ada@example.com,Analytical,Working - Contacted,Web,005000000000001AAA,false,,,2026-09-01T10:00:00.000+0000,2026-10-15T12:00:00.000+0000,2026-10-15T12:00:00.000+0000,Marketing Qualified Lead,2026-10-15T12:00:00.000+0000
00Q000000000002AAA,false,,Alan,Turing,alan@example.com,"Bletchley, Park",Open,Event,005000000000001AAA,false,,,2026-09-05T08:00:00.000+0000,2026-09-05T08:00:00.000+0000,2026-09-05T08:00:00.000+0000,Lead,
00Q000000000003,true,00Q000000000001AAA,Ada,L.,ada@example.com,Analytical,Open,Web,005000000000001AAA,false,,,2026-09-02T10:00:00.000+0000,2026-09-03T10:00:00.000+0000,2026-09-03T10:00:00.000+0000,Lead,
"""  # noqa: E501
# Data Loader: upper-case API names; PHONE is not in the contract (it lands in `_extra`).
CONTACT = """\
ID,ISDELETED,MASTERRECORDID,ACCOUNTID,FIRSTNAME,LASTNAME,EMAIL,LEADSOURCE,OWNERID,CREATEDDATE,LASTMODIFIEDDATE,SYSTEMMODSTAMP,LIFECYCLE_STAGE__C,LEAD_STATUS__C,PHONE
003000000000001AAA,false,,001000000000001AAA,Alan,Turing,alan@example.com,Event,005000000000001AAA,2026-10-20T09:30:00.000+0000,2026-10-21T09:30:00.000+0000,2026-10-21T09:30:00.000+0000,Sales Qualified Lead,Accepted,+44 20 7946 0000
"""  # noqa: E501
ACCOUNT = """\
Id,IsDeleted,Name,Website,NumberOfEmployees,OwnerId,CreatedDate,LastModifiedDate,SystemModstamp,Lifecycle_Stage__c,Customer_Date__c
001000000000001AAA,false,Bletchley Park,https://www.bletchley.example,250,005000000000001AAA,2026-09-05T08:00:00.000+0000,2026-11-16T08:00:00.000+0000,2026-11-16T08:00:00.000+0000,Customer,2026-11-15T00:00:00.000+0000
"""  # noqa: E501
# A close date in 2027 is planned (no future bound); every other stamp lies in the past.
OPPORTUNITY = """\
Id,IsDeleted,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,Probability,CurrencyIsoCode,OwnerId,CreatedDate,LastModifiedDate,SystemModstamp,Loss_Reason__c
006000000000001AAA,false,001000000000001AAA,Expansion,Negotiation,12000.5,2027-03-31,false,false,80,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,
006000000000002AAA,false,001000000000001AAA,First order,Closed Won,5000.0,2026-11-15,true,true,100,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-15T08:00:00.000+0000,2026-11-15T08:00:00.000+0000,
"""  # noqa: E501
OPPORTUNITY_DIRTY = """\
006000000000003AAA,false,001000000000001AAA,Bad stamp,Negotiation,100.0,2027-03-31,false,false,80,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,2026-11-31T25:00:00.000+0000,
006-NOT-AN-ID,false,001000000000001AAA,Bad id,Negotiation,100.0,2027-03-31,false,false,80,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,
006000000000005AAA,false,001000000000001AAA,Refund,Negotiation,-250.0,2027-03-31,false,false,80,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,
006000000000006AAA,false,001000000000001AAA,Yes-man,Negotiation,10.0,2027-03-31,yes,false,80,USD,005000000000001AAA,2026-10-01T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,2026-11-20T08:00:00.000+0000,
"""  # noqa: E501
DIRTY = {
    "006000000000003AAA": (
        "invalid_value: SystemModstamp=2026-11-31T25:00:00.000+0000 is not an ISO-8601 timestamp"
    ),
    "006-NOT-AN-ID": "invalid_value: Id=006-NOT-AN-ID is not a Salesforce Id",
    "006000000000005AAA": "negative_value: Amount=-250.0",
    "006000000000006AAA": "wrong_type: IsClosed=yes",
}
USER = """\
Id,Username,Email,Name,IsActive,UserRoleId,CreatedDate,SystemModstamp
005000000000001AAA,rep@example.com,rep@example.com,Rita Rep,true,,2026-01-05T08:00:00.000+0000,2026-01-05T08:00:00.000+0000
"""  # noqa: E501

FILES = {
    "salesforce/Lead/extract-1.csv": LEAD_1,
    "salesforce/Lead/extract-2.csv": LEAD_2,
    "salesforce/Contact.csv": CONTACT,
    "salesforce/Account/part-0001.csv": ACCOUNT,
    "salesforce/Opportunity/part-0001.csv": OPPORTUNITY,
    "salesforce/User/part-0001.csv": USER,
}


def write_salesforce_landing(landing: Path, dirty: bool = False) -> Path:
    for rel, text in FILES.items():
        path = landing / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = OPPORTUNITY_DIRTY if dirty and rel.endswith("Opportunity/part-0001.csv") else ""
        path.write_text(text + extra, encoding="utf-8")
    return landing


def rows(*texts: str) -> list[dict[str, str]]:
    """The records of CSV texts (each with its header line), in order."""
    out: list[dict[str, str]] = []
    for text in texts:
        out += list(csv.DictReader(io.StringIO(text)))
    return out


def newest(*texts: str, stamp: str = "SystemModstamp") -> dict[str, dict[str, str]]:
    """Id -> the record with the highest `stamp` over every extract."""
    out: dict[str, dict[str, str]] = {}
    for rec in rows(*texts):
        if rec["Id"] not in out or rec[stamp] > out[rec["Id"]][stamp]:
            out[rec["Id"]] = rec
    return out
