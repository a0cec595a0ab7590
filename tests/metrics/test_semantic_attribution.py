"""Attributed revenue by model in the semantic layer (sem_attribution.yml) answers like the
attribution marts: `mf query` (a subprocess, as a user runs it) on a small hand-built
warehouse of attribution's own inputs (tests/attribution/cases.py, rule_cases).

Hand-worked: the won deal `deal` (1000 USD, won 2025-03-11) has five eligible touches:
paid_search, email, organic_search, sales (a meeting at creation: before the close), paid_social;
the won deal `untouched` (500.25 USD) has none, so it is unattributed. Every model credits
the whole 1000 (weights sum to 1); linear gives 1000 / 5 = 200 to each channel. The
marketing-only view drops the sales meeting: linear 1000 / 4 = 250 to each of the others.
"""

from __future__ import annotations

import pytest

from tests.attribution.cases import rule_cases
from tests.attribution.warehouse import build_attribution
from tests.metrics.semantic import mf_query, prepare_project

MODELS = [
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
    "u_shaped",
    "w_shaped",
    "full_path",
    "data_driven",
]


@pytest.fixture(scope="module")
def attribution_mf(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("mf_attribution")
    build = build_attribution(workdir / "build", rule_cases())
    assert build.returncode == 0, build.output[-4000:]
    project, env = prepare_project(workdir, build.warehouse)

    def query(metrics, group_by):
        return mf_query(project, env, metrics, group_by, workdir / f"{'_'.join(metrics)}.csv")

    return build, query


def _values(rows, metric, *keys):
    return {tuple(row[k] for k in keys): float(row[metric]) for row in rows if row[metric]}


def test_attributed_revenue_by_model(attribution_mf):
    build, query = attribution_mf
    rows = query(["attributed_revenue_usd"], ["channel_attribution__attribution_model"])
    got = _values(rows, "attributed_revenue_usd", "channel_attribution__attribution_model")
    assert got == pytest.approx({(model,): 1000.0 for model in MODELS}, abs=1e-6)
    mart = build.query(
        "select attribution_model, sum(credited_amount_usd)"
        " from attribution.mart_channel_attribution"
        " where conversion_stage = 'closed_won' group by 1"
    )
    assert got == pytest.approx({(model,): value for model, value in mart}, abs=1e-6)


def test_attributed_revenue_by_model_and_channel(attribution_mf):
    _, query = attribution_mf
    rows = query(
        ["attributed_revenue_usd"],
        ["channel_attribution__attribution_model", "channel_attribution__channel"],
    )
    got = _values(
        rows,
        "attributed_revenue_usd",
        "channel_attribution__attribution_model",
        "channel_attribution__channel",
    )
    # spend-only rows (channel "(no touches)") credit 0
    linear = {c: v for (model, c), v in got.items() if model == "linear" and v}
    assert linear == pytest.approx(
        {c: 200.0 for c in ["paid_search", "email", "organic_search", "sales", "paid_social"]},
        abs=1e-6,
    )
    # first_touch: the whole 1000 to the first touch, paid_search (2025-03-01)
    assert got[("first_touch", "paid_search")] == pytest.approx(1000.0)


def test_marketing_attributed_revenue_leaves_sales_out(attribution_mf):
    build, query = attribution_mf
    rows = query(
        ["marketing_attributed_revenue_usd"],
        [
            "channel_attribution_marketing__attribution_model",
            "channel_attribution_marketing__channel",
        ],
    )
    got = _values(
        rows,
        "marketing_attributed_revenue_usd",
        "channel_attribution_marketing__attribution_model",
        "channel_attribution_marketing__channel",
    )
    # spend-only rows (channel "(no touches)") credit 0
    linear = {c: v for (model, c), v in got.items() if model == "linear" and v}
    assert linear == pytest.approx(
        {c: 250.0 for c in ["paid_search", "email", "organic_search", "paid_social"]}, abs=1e-6
    )
    assert not any(channel == "sales" and value for (_, channel), value in got.items())
    mart = build.query(
        "select attribution_model, channel, sum(credited_amount_usd)"
        " from attribution.mart_channel_attribution_marketing"
        " where conversion_stage = 'closed_won' group by 1, 2"
    )
    assert got == pytest.approx({(m, c): v for m, c, v in mart}, abs=1e-6)
