"""The ECB's euro reference rates as published (`eurofxref-hist.csv`) as our FX rows.

The file is wide: `Date,USD,JPY,BGN,...` (often with a trailing empty column), one row per
day, each value the units of that currency per 1 EUR, `N/A` where the ECB has no rate.
Our `targets__fx_rates` rows are long and USD-based: {date, currency, rate_to_usd}, with
rate_to_usd(c) = USD per EUR / c per EUR, rate_to_usd(EUR) = USD per EUR and USD itself 1.
Missing rates (`N/A`, empty) are skipped; a day without a USD rate cannot be converted and is
skipped whole. A value that is not a positive number is passed on as it is, so the validator
quarantines that one row with the ECB's own text.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Any

MISSING = ("", "N/A", "NA", "n/a")
PLACES = Decimal("1e-12")  # staging keeps decimal(18, 10)
_CONTEXT = decimal.Context(prec=50)


def _positive(text: Any) -> Decimal | None:
    try:
        value = Decimal(str(text))
    except decimal.InvalidOperation:
        return None
    return value if value.is_finite() and value > 0 else None


def _text(value: Decimal) -> str:
    return format(value.quantize(PLACES, context=_CONTEXT).normalize(_CONTEXT), "f")


def usd_rows(record: Any) -> list[tuple[str, Any]]:
    """One ECB day (a CSV row as an object) -> `(":<currency>", fx row)` pairs."""
    if not isinstance(record, dict):
        return [("", record)]
    row = {
        str(k).strip(): v.strip() if isinstance(v, str) else v
        for k, v in record.items()
        if str(k).strip()
    }
    day = row.pop("Date", row.pop("date", None))
    usd_text = row.pop("USD", None)
    if usd_text in MISSING:
        return []  # the ECB published no USD rate that day: nothing converts
    usd = _positive(usd_text) if usd_text is not None else None
    # Without a usable USD rate every row carries the raw USD value (or none) and is
    # quarantined by the contract (rate_to_usd must be a positive decimal).
    unusable = None if usd_text is None else usd_text

    def rate(per_eur: Decimal | None, raw: Any) -> Any:
        if usd is None:
            return unusable
        if per_eur is None:
            return raw
        return _text(_CONTEXT.divide(usd, per_eur))

    out = [(":EUR", {"date": day, "currency": "EUR", "rate_to_usd": rate(Decimal(1), None)})]
    if usd is not None:
        out.append((":USD", {"date": day, "currency": "USD", "rate_to_usd": "1"}))
    for currency, raw in row.items():
        if raw is None or raw in MISSING:
            continue
        fx = {"date": day, "currency": currency, "rate_to_usd": rate(_positive(raw), raw)}
        out.append((f":{currency}", fx))
    return out
