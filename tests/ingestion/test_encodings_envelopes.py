"""Encodings and envelopes (docs/real-inputs.md §4): BOMs, Windows-1252 CSVs, gzip, Google
searchStream bodies and empty replies, the ECB's FX file and HubSpot v1 engagements, each
loaded through the real raw assets (files mode) and then dbt staging.

One landing holds every case on top of the hand-made minimal landing (the other vendors);
a second, targets-only landing checks the CSV encoding setting.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from tests.ingestion.encodings_landing import BOM, GOOGLE, QUOTAS, write, write_cases
from tests.support.minimal_landing import write_minimal_landing
from tests.support.real_inputs import load_and_build

STAGING = [
    "stg_targets__fx_rates",
    "stg_targets__quotas",
    "stg_hubspot__calls",
    "stg_hubspot__meetings",
    "stg_hubspot__emails",
    "stg_google_ads__campaign_report",
    "stg_meta_ads__insights",
    "stg_web__events",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    work = tmp_path_factory.mktemp("encodings")
    landing = write_minimal_landing(work / "landing")
    written = write_cases(landing)
    build = load_and_build(work, landing, select=STAGING)
    assert build.dbt_returncode == 0, build.dbt_output[-3000:]
    return build, written


def _ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).replace(tzinfo=None)


def test_nothing_written_here_is_quarantined(loaded):
    build, written = loaded
    marks = ", ".join("?" for _ in written)
    rows = build.query(
        f"select _file, reason from raw._quarantine where _file in ({marks})", written
    )
    assert rows == []
    # The minimal landing's own defects are still found (the bad files did not hide them).
    kinds = {r[0] for r in build.query("select distinct reason_kind from raw._quarantine")}
    assert "unreadable_file" in kinds


def test_bom_json_page_and_bom_jsonl_load(loaded):
    build, _ = loaded
    spend = build.query(
        "select campaign_id, spend from staging.stg_meta_ads__insights "
        "where date_day = '2025-03-01' and _file like '%2025-03%' order by 1"
    )
    assert [(c, Decimal(str(s))) for c, s in spend] == [
        ("23850001", Decimal("17.45")),
        ("23850002", Decimal("8.10")),
    ]
    events = build.query(
        "select message_id, _file from staging.stg_web__events "
        "where message_id like 'msg-gz-%' order by 1"
    )
    assert [e[0] for e in events] == ["msg-gz-1", "msg-gz-2", "msg-gz-3", "msg-gz-4"]
    assert {e[1] for e in events} == {
        "web/events/2025-03-01/part-000.jsonl",
        "web/events/2025-03-01/part-001.jsonl.gz",
    }


def test_bom_csv_and_gzip_csv_fx_rates(loaded):
    build, _ = loaded
    rows = build.query(
        "select date_day::varchar, currency_code, rate_to_usd, _file "
        "from staging.stg_targets__fx_rates "
        "where date_day in ('2025-01-02', '2025-01-03') order by 1, 2"
    )
    assert [(d, c, Decimal(str(r)), f) for d, c, r, f in rows] == [
        ("2025-01-02", "EUR", Decimal("1.035"), "targets/fx_rates.csv"),
        ("2025-01-02", "GBP", Decimal("1.248"), "targets/fx_rates.csv"),
        ("2025-01-03", "EUR", Decimal("1.0301"), "targets/fx_rates.csv.gz"),
        ("2025-01-03", "GBP", Decimal("1.2399"), "targets/fx_rates.csv.gz"),
    ]


def test_windows_1252_csv_is_detected_and_intact(loaded):
    build, _ = loaded
    rows = build.query("select owner_id, owner_email from raw.targets__quotas order by 1")
    assert rows == [("101", "renée.lefèvre@acme.example"), ("102", "jürgen.groß@acme.example")]
    amounts = build.query(
        "select owner_id, quota_amount from staging.stg_targets__quotas order by 1"
    )
    assert [(o, Decimal(str(a))) for o, a in amounts] == [
        ("101", Decimal("150000.00")),
        ("102", Decimal("98765.43")),
    ]


def test_google_gzip_page_search_stream_and_empty_replies(loaded):
    build, _ = loaded
    rows = build.query(
        "select campaign_id, date_day::varchar, spend, _file "
        "from staging.stg_google_ads__campaign_report "
        "where customer_id = '5555555555' order by 2, 1"
    )
    assert [(c, d, Decimal(str(s)), f.rsplit("/", 2)[1]) for c, d, s, f in rows] == [
        ("901", "2025-03-01", Decimal("1.01"), "2025-03"),
        ("801", "2025-04-01", Decimal("12.34"), "2025-04"),
        ("802", "2025-04-01", Decimal("4.56"), "2025-04"),
        ("801", "2025-04-02", Decimal("11.99"), "2025-04"),
    ]
    assert rows[0][3] == f"{GOOGLE}/2025-03/page-000001.json.gz"


def test_ecb_rates_become_rates_to_usd(loaded):
    build, _ = loaded
    rates = dict(
        build.query(
            "select currency_code, rate_to_usd from staging.stg_targets__fx_rates "
            "where date_day = '2025-03-04'"
        )
    )
    # By hand: 1.0522 USD per EUR / 156.43 JPY per EUR = 0.0067263312663...
    assert abs(float(rates["JPY"]) - 0.0067263312663) < 1e-9
    assert abs(float(rates["GBP"]) - 1.0522 / 0.82463) < 1e-9
    assert Decimal(str(rates["EUR"])) == Decimal("1.0522")
    assert Decimal(str(rates["USD"])) == 1
    assert "CYP" not in rates  # N/A: skipped, not quarantined
    assert len(rates) == 23  # the 21 ECB currencies with a rate, EUR and USD
    days = build.query(
        "select date_day::varchar, count(*) from staging.stg_targets__fx_rates "
        "where _file = 'targets/eurofxref-hist.csv' group by 1 order by 1"
    )
    assert days == [("2025-02-27", 23), ("2025-03-03", 23), ("2025-03-04", 23)]


def test_hubspot_v1_engagements_become_calls_meetings_emails(loaded):
    build, _ = loaded
    call = build.query(
        "select owner_id, contact_ids, deal_ids, company_ids, call_disposition_id, "
        "call_duration_ms, occurred_at, created_at, updated_at "
        "from staging.stg_hubspot__calls "
        "where call_id = '4701'"
    )
    assert call == [
        (
            "101",
            ["1", "3"],
            ["301"],
            ["9002"],
            "f240bbac-87c9-4f6e-bf70-924b57d47db7",
            754000,
            _ms(1741082400000),
            _ms(1741082400000),
            _ms(1741086000000),
        )
    ]
    others = "select count(*) from staging.stg_hubspot__calls where call_id <> '4701'"
    assert build.query(others)[0][0] >= 1  # the v3 calls pages still load
    meeting = build.query(
        "select owner_id, meeting_outcome, meeting_title, meeting_start_at, meeting_end_at, "
        "deal_ids from staging.stg_hubspot__meetings where meeting_id = '4702'"
    )
    assert meeting == [
        ("102", "COMPLETED", "Product demo", _ms(1741251600000), _ms(1741254300000), ["301"])
    ]
    email = build.query(
        "select email_direction, email_subject, contact_ids, occurred_at "
        "from staging.stg_hubspot__emails "
        "where email_id = '4703'"
    )
    assert email == [("EMAIL", "Your Acme proposal", ["3"], _ms(1741255200000))]
    # The NOTE and the TASK belong to no table: skipped, not quarantined.
    for table in ("calls", "meetings", "emails"):
        assert (
            build.query(f"select id from raw.hubspot__{table} where id in ('4704', '4705')") == []
        )


def test_other_vendors_loaded(loaded):
    build, _ = loaded
    for table in ("hubspot__contacts", "linkedin_ads__ad_analytics", "sendgrid__events"):
        assert build.query(f"select count(*) from raw.{table}")[0][0] > 0, table


def test_csv_encoding_setting(tmp_path):
    landing = tmp_path / "landing"
    write(landing, "targets/quotas.csv", QUOTAS.encode("cp1252"))
    build = load_and_build(
        tmp_path,
        landing,
        select=["stg_targets__quotas"],
        extra_env={"CLOSEDLOOP_TARGETS_CSV_ENCODING": "windows-1252"},
    )
    assert build.dbt_returncode == 0, build.dbt_output[-3000:]
    rows = build.query("select owner_id, owner_email from staging.stg_targets__quotas order by 1")
    assert [r[1] for r in rows] == ["renée.lefèvre@acme.example", "jürgen.groß@acme.example"]
    quarantine = build.query(
        "select count(*) from information_schema.tables "
        "where table_schema = 'raw' and table_name = '_quarantine'"
    )[0][0]
    assert not quarantine or build.query("select count(*) from raw._quarantine")[0][0] == 0


def test_forced_encoding_wins_over_detection_and_a_bad_setting_names_the_variable():
    from ingestion.config import IngestionConfig
    from ingestion.files.text import UnreadableFile, csv_text

    dos = "owner_email\nzoë.müller@acme.example €\n".encode("cp850", errors="replace")
    assert "zoë.müller" not in csv_text(dos)  # detection reads Windows-1252: wrong letters
    assert "zoë.müller" in csv_text(dos, "cp850")
    assert csv_text("a\n€ é\n".encode("cp1252")) == "a\n€ é\n"
    assert csv_text(BOM + "a\né\n".encode()) == "a\né\n"
    with pytest.raises(UnreadableFile, match="utf-8"):
        csv_text("é".encode("cp1252"), "utf-8")
    cfg = IngestionConfig.from_env()
    bad = IngestionConfig(**{**cfg.__dict__, "csv_encodings": {"targets": "klingon"}})
    with pytest.raises(ValueError, match="CLOSEDLOOP_TARGETS_CSV_ENCODING='klingon'"):
        bad.csv_encoding("targets")
    assert (
        IngestionConfig(**{**cfg.__dict__, "csv_encodings": {"targets": "latin-1"}}).csv_encoding(
            "targets"
        )
        == "latin-1"
    )
