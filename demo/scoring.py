"""Lead scoring weights: the single place the demo (and later a dbt seed) reads them from.

score(t) = fit + sum of engagement points of the contact's touches at or before t (anonymous
sessions stitched to the contact count too). ``mql_by_score_at`` is the first t >= lead
creation at which score(t) >= ``threshold``. Points do not decay.
"""

from __future__ import annotations

SCORING = {
    "threshold": 60,
    "fit": {
        "seniority": {"c_level": 20, "vp": 15, "director": 10, "manager": 5, "individual": 0},
        # (minimum employees, points), first match wins
        "company_size": [[1000, 15], [200, 10], [50, 5], [0, 0]],
        "industry": {
            "SOFTWARE": 10,
            "FINANCIAL_SERVICES": 8,
            "RETAIL": 5,
            "HEALTHCARE": 5,
            "MANUFACTURING": 3,
            "EDUCATION": 0,
        },
        "decision_maker": 5,
    },
    "engagement": {
        "pricing_page_view": 5,
        "product_page_view": 2,
        "content_download": 8,
        "webinar_registration": 6,
        "demo_request": 30,
        "email_click": 4,
    },
}


def fit_score(seniority: str, employees: int, industry: str, decision_maker: bool) -> int:
    fit = SCORING["fit"]
    pts = fit["seniority"].get(seniority, 0) + fit["industry"].get(industry, 0)
    for minimum, size_pts in fit["company_size"]:
        if employees >= minimum:
            pts += size_pts
            break
    if decision_maker:
        pts += fit["decision_maker"]
    return pts
