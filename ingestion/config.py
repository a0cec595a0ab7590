"""Ingestion settings from environment variables, with laptop defaults and no secrets.

Per vendor: `CLOSEDLOOP_<VENDOR>_MODE=files|api|fivetran` (default files; fivetran: the
tables a Fivetran connector landed, see ingestion/fivetran/provider.py), `<VENDOR>_API_BASE_URL`,
`<VENDOR>_API_VERSION` and the vendor's credential variables below. Tokens are only read from
the environment. API-path tuning: `CLOSEDLOOP_ADS_START_DATE` / `_END_DATE` (report window),
`CLOSEDLOOP_ADS_RESTATEMENT_DAYS` (default 3), `CLOSEDLOOP_API_MAX_ATTEMPTS` / `_BACKOFF` /
`_MAX_RETRY_DELAY` / `_TIMEOUT` (HTTP retries), `CLOSEDLOOP_API_CHUNK_RECORDS`.
Landing CSVs: `CLOSEDLOOP_<SOURCE>_CSV_ENCODING` (e.g. `CLOSEDLOOP_TARGETS_CSV_ENCODING=latin-1`)
forces a source's CSV encoding; unset, UTF-8 / Windows-1252 is detected per file.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from closedloop.settings import Settings
from ingestion.time_checks import TimeWindow

# The vendors' real hosts; tests point *_API_BASE_URL at a local fake instead.
DEFAULT_BASE_URLS = {
    "hubspot": "https://api.hubapi.com",
    # Salesforce: the login host (token endpoint); the token names the org's instance URL.
    "salesforce": "https://login.salesforce.com",
    "google_ads": "https://googleads.googleapis.com",
    "meta_ads": "https://graph.facebook.com",
    "linkedin_ads": "https://api.linkedin.com",
    "sendgrid": "https://api.sendgrid.com",
}
# Credential env vars per vendor (name in the config -> env var).
TOKEN_VARS = {
    "hubspot": {"access_token": "HUBSPOT_ACCESS_TOKEN"},
    "salesforce": {
        "client_id": "SALESFORCE_CLIENT_ID",
        "client_secret": "SALESFORCE_CLIENT_SECRET",
        "access_token": "SALESFORCE_ACCESS_TOKEN",
        "instance_url": "SALESFORCE_INSTANCE_URL",
        "login_url": "SALESFORCE_LOGIN_URL",
    },
    "google_ads": {
        "access_token": "GOOGLE_ADS_ACCESS_TOKEN",
        "developer_token": "GOOGLE_ADS_DEVELOPER_TOKEN",
        "customer_ids": "GOOGLE_ADS_CUSTOMER_IDS",
    },
    "meta_ads": {"access_token": "META_ADS_ACCESS_TOKEN", "account_ids": "META_ADS_ACCOUNT_IDS"},
    "linkedin_ads": {
        "access_token": "LINKEDIN_ADS_ACCESS_TOKEN",
        "account_ids": "LINKEDIN_ADS_ACCOUNT_IDS",
    },
    "sendgrid": {"api_key": "SENDGRID_API_KEY"},
}
API_CAPABLE = tuple(DEFAULT_BASE_URLS)
# Sources that can also read the tables a Fivetran connector landed (ingestion/fivetran/).
FIVETRAN_CAPABLE = ("hubspot", "salesforce", "google_ads", "meta_ads", "linkedin_ads")
CSV_ENCODING_VAR = re.compile(r"CLOSEDLOOP_([A-Z0-9_]+)_CSV_ENCODING")


@dataclass(frozen=True)
class HttpConfig:
    """Retries of the vendor API clients (429 and 5xx, honouring Retry-After)."""

    max_attempts: int = 5
    backoff_factor: float = 1.0
    max_retry_delay: float = 60.0
    timeout: float = 60.0
    chunk_records: int = 50_000  # API records validated per DuckDB pass


@dataclass(frozen=True)
class VendorConfig:
    name: str
    mode: str  # "files" or "api"
    base_url: str
    secrets: dict[str, str] = field(default_factory=dict, repr=False)
    # Report window for the ad APIs (inclusive YYYY-MM-DD); files need none.
    start_date: str = "2025-01-01"
    end_date: str | None = None  # None: today (UTC)
    # Ad platforms restate recent days: each incremental run re-reads this many days
    # before the last loaded day.
    restatement_days: int = 3
    api_version: str | None = None  # None: the version ingestion/api/<vendor>.py was built for
    http: HttpConfig = field(default_factory=HttpConfig)

    def ids(self, name: str) -> list[str]:
        """A comma-separated id list from the credentials (customer or account ids)."""
        return [p.strip() for p in self.secrets.get(name, "").split(",") if p.strip()]


@dataclass(frozen=True)
class IngestionConfig:
    landing_dir: Path
    warehouse_path: Path
    dlt_dir: Path  # dlt's pipelines dir (local working state; the truth is in the warehouse)
    dataset: str
    chunk_bytes: int  # landing bytes parsed per DuckDB pass (bounds memory)
    duckdb_memory_limit: str
    vendors: dict[str, VendorConfig]
    # source -> encoding name as set in CLOSEDLOOP_<SOURCE>_CSV_ENCODING (checked when used)
    csv_encodings: dict[str, str] = field(default_factory=dict)
    # Timestamps and dates outside it are quarantined (CLOSEDLOOP_TIMESTAMP_MIN / _MAX_FUTURE_DAYS)
    time_window: TimeWindow = field(default_factory=TimeWindow)

    @classmethod
    def from_env(cls, settings: Settings | None = None) -> IngestionConfig:
        settings = settings or Settings.from_env()
        env = os.environ
        vendors = {}
        http = HttpConfig(
            max_attempts=int(env.get("CLOSEDLOOP_API_MAX_ATTEMPTS", "5")),
            backoff_factor=float(env.get("CLOSEDLOOP_API_BACKOFF", "1")),
            max_retry_delay=float(env.get("CLOSEDLOOP_API_MAX_RETRY_DELAY", "60")),
            timeout=float(env.get("CLOSEDLOOP_API_TIMEOUT", "60")),
            chunk_records=int(env.get("CLOSEDLOOP_API_CHUNK_RECORDS", "50000")),
        )
        for name in API_CAPABLE:
            up = name.upper()
            mode = env.get(f"CLOSEDLOOP_{up}_MODE", "files").strip().lower()
            modes = ("files", "api", "fivetran") if name in FIVETRAN_CAPABLE else ("files", "api")
            if mode not in modes:
                raise ValueError(f"CLOSEDLOOP_{up}_MODE must be one of {modes}, not {mode!r}")
            secrets = {k: env[v] for k, v in TOKEN_VARS[name].items() if env.get(v)}
            vendors[name] = VendorConfig(
                name=name,
                mode=mode,
                base_url=env.get(f"{up}_API_BASE_URL", DEFAULT_BASE_URLS[name]).rstrip("/"),
                secrets=secrets,
                start_date=env.get("CLOSEDLOOP_ADS_START_DATE", "2025-01-01"),
                end_date=env.get("CLOSEDLOOP_ADS_END_DATE") or None,
                restatement_days=int(env.get("CLOSEDLOOP_ADS_RESTATEMENT_DAYS", "3")),
                api_version=env.get(f"{up}_API_VERSION") or None,
                http=http,
            )
        return cls(
            landing_dir=settings.landing_dir,
            warehouse_path=settings.warehouse_path,
            dlt_dir=Path(env.get("CLOSEDLOOP_DLT_DIR") or settings.data_dir / "dlt").resolve(),
            dataset=env.get("CLOSEDLOOP_RAW_DATASET", "raw"),
            chunk_bytes=int(env.get("CLOSEDLOOP_INGEST_CHUNK_MB", "256")) * 2**20,
            duckdb_memory_limit=env.get("CLOSEDLOOP_INGEST_DUCKDB_MEMORY", "2GB"),
            vendors=vendors,
            csv_encodings={
                m.group(1).lower(): value.strip()
                for key, value in env.items()
                if (m := CSV_ENCODING_VAR.fullmatch(key)) and value.strip()
            },
            time_window=TimeWindow.from_settings(settings),
        )

    def mode(self, source: str) -> str:
        vendor = self.vendors.get(source)
        return vendor.mode if vendor else "files"

    def csv_encoding(self, source: str) -> str | None:
        """The forced CSV encoding of `source`, or None to detect it per file."""
        value = self.csv_encodings.get(source)
        if value is None:
            return None
        try:
            codecs.lookup(value)
        except LookupError:
            var = f"CLOSEDLOOP_{source.upper()}_CSV_ENCODING"
            raise ValueError(
                f"{var}={value!r} is not an encoding name (use e.g. utf-8, cp1252, latin-1)"
            ) from None
        return value
