"""Cross-check with another library: marketing-attribution-models (mam, Apache-2.0).

The same journeys (every conversion's eligible touches in our order, from the tiny demo
warehouse) go through mam's heuristics; channel totals must agree within 1e-9 relative.
time_decay: mam's journey format takes the hours from each touch to the conversion, which
is exactly our age; its session format anchors at the journey's last touch instead, which
multiplies every weight of a journey by the same constant 2^(gap/half_life), so the
normalised weights, and the totals, are the same: checked too, within 1e-6 relative only,
because that path of mam measures time with polars' `dt.total_seconds()`, which drops the
fraction of a second our timestamps carry.
data_driven: mam's Markov removal effects on the same converting and non-converting paths
(tests/attribution/reference.py builds them from the core tables) against ours. mam's
per-journey split differs from ours (it weights each occurrence), so only the removal
effects, which define the chain, are compared.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import pytest

mam = pytest.importorskip("mam")

from tests.attribution.reference import Reference  # noqa: E402

SEP = " > "
MAM_RUNS = {
    "first_touch": lambda m: m.run_first_click(),
    "last_touch": lambda m: m.run_last_click(),
    "linear": lambda m: m.run_linear(),
    "position_based": lambda m: m.run_position_based(),
    "time_decay": lambda m: m.run_time_decay(half_life_hours=7 * 24),
}
STAGES = ["lead", "mql", "sql", "opportunity", "closed_won"]


def journeys(tiny, stage):
    rows = tiny.query(
        "select conversion_id, channel, touched_at,"
        " epoch_us(converted_at) - epoch_us(touched_at), coalesce(conversion_amount_usd, 1)"
        " from attribution.fct_attribution_credits"
        " where conversion_stage = ? and attribution_model = 'linear'"
        " order by conversion_id, touch_position",
        [stage],
    )
    paths = defaultdict(list)
    for conversion_id, channel, touched_at, age_us, value in rows:
        paths[conversion_id].append((channel, touched_at, age_us / 3.6e9, float(value)))
    return paths


def our_totals(tiny, stage, model, value):
    column = "credited_conversions" if value == "conversions" else "credited_amount_usd"
    return dict(
        tiny.query(
            f"select channel, sum({column}) from attribution.fct_attribution_credits"
            " where conversion_stage = ? and attribution_model = ? group by channel",
            [stage, model],
        )
    )


def mam_totals(result):
    frame = result.to_pandas()
    return {
        str(channel): value
        for channel, value in zip(frame["channels"], frame["attribution"], strict=True)
    }


def assert_totals_agree(ours, theirs, label, rel=1e-9):
    channels = {c for c, v in ours.items() if abs(v) > 1e-12} | {
        c for c, v in theirs.items() if abs(v) > 1e-12
    }
    assert channels
    for channel in channels:
        assert theirs.get(channel, 0.0) == pytest.approx(
            ours.get(channel, 0.0), rel=rel, abs=1e-9
        ), (label, channel)


def journey_frame(paths, by_value):
    return pd.DataFrame(
        {
            "journey_id": list(paths),
            "path": [SEP.join(t[0] for t in touches) for touches in paths.values()],
            "hours": [SEP.join(repr(t[2]) for t in touches) for touches in paths.values()],
            "converted": [True] * len(paths),
            "value": [touches[0][3] if by_value else 1.0 for touches in paths.values()],
        }
    )


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("model", list(MAM_RUNS))
def test_heuristic_channel_totals_match_mam(tiny_attribution, stage, model):
    paths = journeys(tiny_attribution, stage)
    values = ["conversions"] + (["amount"] if stage in ("opportunity", "closed_won") else [])
    for value in values:
        frame = journey_frame(paths, by_value=value == "amount")
        attribution = mam.MAM(
            frame,
            format_type="journey",
            channels_colname="path",
            journey_with_conv_colname="converted",
            user_id_colname="journey_id",
            time_till_conv_colname="hours",
            conversion_value_colname="value",
            path_separator=SEP,
        )
        theirs = mam_totals(MAM_RUNS[model](attribution))
        assert_totals_agree(
            our_totals(tiny_attribution, stage, model, value), theirs, (stage, model, value)
        )


@pytest.mark.parametrize("stage", STAGES)
def test_time_decay_anchored_at_the_last_touch_gives_the_same_totals(tiny_attribution, stage):
    paths = journeys(tiny_attribution, stage)
    sessions = pd.DataFrame(
        [
            {
                "journey_id": conversion_id,
                "channel": channel,
                "touched_at": touched_at,
                "converted": position == len(touches) - 1,
            }
            for conversion_id, touches in paths.items()
            for position, (channel, touched_at, _, _) in enumerate(touches)
        ]
    )
    attribution = mam.MAM(
        sessions,
        format_type="session",
        channels_colname="channel",
        journey_with_conv_colname="converted",
        datetime_colname="touched_at",
        user_id_colname="journey_id",
    )
    theirs = mam_totals(attribution.run_time_decay(half_life_hours=7 * 24))
    assert_totals_agree(
        our_totals(tiny_attribution, stage, "time_decay", "conversions"), theirs, stage, rel=1e-6
    )


def test_markov_removal_effects_match_mam(tiny_attribution):
    reference = Reference(tiny_attribution.warehouse)
    journeys_ = [j for j in reference.conversions() + reference.non_conversions() if j.path]
    ours = defaultdict(dict)
    for stage, channel, effect in tiny_attribution.query(
        "select conversion_stage, channel, removal_effect"
        " from intermediate.int_attribution__markov_removal_effects"
        " where attribution_scope = 'default'"
    ):
        ours[stage][channel] = effect
    for stage in STAGES:
        stage_journeys = [j for j in journeys_ if j.stage == stage]
        frame = pd.DataFrame(
            {
                "journey_id": [f"{j.journey_id}|{j.converted}" for j in stage_journeys],
                "path": [SEP.join(t.channel for t in j.path) for j in stage_journeys],
                "hours": [SEP.join("0" for _ in j.path) for j in stage_journeys],
                "converted": [j.converted for j in stage_journeys],
            }
        )
        attribution = mam.MAM(
            frame,
            format_type="journey",
            channels_colname="path",
            journey_with_conv_colname="converted",
            user_id_colname="journey_id",
            time_till_conv_colname="hours",
            path_separator=SEP,
        )
        result = attribution.run_markov()
        theirs = result.metadata["removal_effect"]["removal_effect"].to_dict()
        assert set(theirs) == set(ours[stage]), stage
        for channel, effect in theirs.items():
            assert ours[stage][channel] == pytest.approx(effect, rel=1e-9, abs=1e-12), (
                stage,
                channel,
            )
