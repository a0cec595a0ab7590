"""Fixed vocabulary of the simulation: site pages, forms, sources, and the per-shard records."""

from __future__ import annotations

from .scoring import SCORING

W = SCORING["engagement"]
THRESHOLD = SCORING["threshold"]

ID_BASE = {"contact": 1, "company": 2, "deal": 3, "call": 4, "meeting": 5, "email": 6}

PAGES = {
    "home": ("/", "Acme Analytics - Closed-loop funnel analytics"),
    "blog": (
        ("/blog/closed-loop-attribution", "Closed-loop attribution explained"),
        ("/blog/mql-vs-sql", "MQL vs SQL: where sales starts"),
        ("/blog/pipeline-coverage", "Pipeline coverage in practice"),
        ("/blog/b2b-buying-groups", "Selling to buying groups"),
    ),
    "product": (
        ("/product", "Product"),
        ("/product/dashboards", "Dashboards"),
        ("/product/integrations", "Integrations"),
    ),
    "pricing": ("/pricing", "Pricing"),
    "demo": ("/demo", "Request a demo"),
    # Gated pieces: one is drawn per content / webinar session; FORMS holds their forms in
    # the same order.
    "content": (
        ("/resources/ebook-funnel-benchmarks", "Ebook: B2B funnel benchmarks"),
        ("/resources/ebook-attribution-playbook", "Ebook: The attribution playbook"),
        ("/customers/case-studies/nordbyte", "Case study: How Nordbyte cut CAC by 30%"),
    ),
    "webinar": (
        ("/webinars/attribution-masterclass", "Webinar: Attribution masterclass"),
        ("/webinars/weekly-pipeline-review", "Webinar: Running the weekly pipeline review"),
    ),
    "newsletter": ("/newsletter", "Subscribe to the newsletter"),
    "contact": ("/contact", "Contact sales"),
    "case": ("/customers/case-studies", "Case studies"),
}
KIND_POINTS = {
    "browse": 0,
    "product": 2 * W["product_page_view"],
    "pricing": W["product_page_view"] + W["pricing_page_view"],
    "hot": W["pricing_page_view"] + W["demo_request"],
    "content": W["content_download"],
    "webinar": W["webinar_registration"],
    "newsletter": 0,
    "contact": 0,
    "case": 0,
}
FORMS = {
    "hot": ("demo-request", "demo_request"),
    "content": (
        ("ebook-funnel-benchmarks", "content_download"),
        ("ebook-attribution-playbook", "content_download"),
        ("case-study-nordbyte", "content_download"),
    ),
    "webinar": (
        ("webinar-registration", "webinar_registration"),
        ("webinar-pipeline-review", "webinar_registration"),
    ),
    "newsletter": ("newsletter-signup", "newsletter_signup"),
    "contact": ("contact-us", "contact"),
}
HS_SOURCE = {
    "paid_search": "PAID_SEARCH",
    "paid_social": "PAID_SOCIAL",
    "linkedin": "PAID_SOCIAL",
    "organic_search": "ORGANIC_SEARCH",
    "direct": "DIRECT_TRAFFIC",
    "referral": "REFERRALS",
    "events": "OTHER_CAMPAIGNS",
    "email": "EMAIL_MARKETING",
}
REFERRERS = {
    "paid_search": "https://www.google.com/",
    "organic_search": "https://www.google.com/",
    "paid_social": "https://l.facebook.com/",
    "linkedin": "https://www.linkedin.com/",
    "referral": "https://www.g2.com/products/acme-analytics/reviews",
    "direct": "",
    "events": "",
    "email": "",
}
CALL_CONNECTED = "f240bbac-87c9-4f6e-bf70-924b57d47db7"
CALL_NO_ANSWER = "73a0d17f-1163-4015-bdd5-ec830791da20"
CALL_VOICEMAIL = "b2cf5968-551e-4856-9783-52b3da59a7d0"
UAS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4 Safari",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
)
CONTACT_HISTORY = (
    "lifecyclestage",
    "hs_lead_status",
    "hubspot_owner_id",
    "hubspot_owner_assigneddate",
    "disqualification_reason",
)
# Progressive profiling: the first form asks email and name, later ones 2-3 fields not yet
# known, in this order (HubSpot progressive fields).
FIRST_FORM_FIELDS = ("firstname", "lastname")
PROGRESSIVE_FIELDS = ("company", "jobtitle", "company_size", "country", "role", "phone")
DEAL_HISTORY = ("dealstage", "amount", "closedate")
STAGE_COLUMNS = ("lead", "mql", "sal", "sql", "opportunity", "customer", "evangelist")


class Company:
    __slots__ = (
        "id",
        "gi",
        "name",
        "domain",
        "industry",
        "employees",
        "country",
        "currency",
        "ae",
        "created",
        "changes",
        "customer_at",
        "churned_at",
        "returned_at",
    )


class Contact:
    __slots__ = (
        "id",
        "co",
        "first",
        "last",
        "email",
        "email_hs",
        "title",
        "seniority",
        "dm",
        "fit",
        "bound",
        "budget",
        "lead_at",
        "source",
        "vids",
        "identified",
        "changes",
        "trans",
        "engs",
        "eng_pts",
        "score_at",
        "nurture",
        "recycled",
        "owner",
        "merged",
        "in_group",
        "dead",
        "suffix",
        "forms",
    )


class Deal:
    __slots__ = (
        "id",
        "co",
        "owner",
        "created",
        "closed",
        "outcome",
        "amount",
        "currency",
        "initial_cd",
        "final_cd",
        "pushes",
        "loss_reason",
        "members",
        "changes",
        "base",
        "engs",
        "deal_type",
        "pipeline",
        "no_roles",
    )
