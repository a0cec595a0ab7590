"""An independent Python implementation of DESIGN §4 attribution, for cross-checking the
dbt models on whole warehouses. It shares no code with the models: it reads the core tables,
builds every conversion's path touch by touch, and weighs it by a differently shaped
formulation of the same definitions (shares as "components" over sets of positions).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from tests.attribution.reference_journeys import WON_STAGES, Journey, Journeys

POSITION_MODELS = {
    "first_touch": ({"first": 1.0}, 0.0),
    "last_touch": ({"last": 1.0}, 0.0),
    "linear": ({}, 1.0),
    "position_based": ({"first": 0.4, "last": 0.4}, 0.2),
    "u_shaped": ({"first": 0.4, "lead_creation": 0.4}, 0.2),
    "w_shaped": ({"first": 0.3, "lead_creation": 0.3, "opportunity_creation": 0.3}, 0.1),
    "full_path": (
        {
            "first": 0.225,
            "lead_creation": 0.225,
            "opportunity_creation": 0.225,
            "closed_won": 0.225,
        },
        0.1,
    ),
}


class Reference(Journeys):
    """The weights of every model for every conversion (journeys: reference_journeys.py)."""

    @staticmethod
    def milestones(journey: Journey) -> dict[str, int | None]:
        n = len(journey.path)

        def last_at_or_before(anchor):
            if anchor is None:
                return None
            at_or_before = [i for i, t in enumerate(journey.path) if t.touched_at <= anchor]
            return at_or_before[-1] if at_or_before else None

        return {
            "first": 0,
            "last": n - 1,
            "lead_creation": last_at_or_before(journey.lead_anchor),
            "opportunity_creation": last_at_or_before(journey.opportunity_anchor),
            "closed_won": n - 1 if journey.stage in WON_STAGES else None,
        }

    def position_weights(self, journey: Journey, model: str) -> list[float]:
        shares, between = POSITION_MODELS[model]
        n = len(journey.path)
        positions = self.milestones(journey)
        components = [
            (share, {positions[m]}) for m, share in shares.items() if positions[m] is not None
        ]
        held = set().union(*(members for _, members in components)) if components else set()
        others = set(range(n)) - held
        if others and between > 0:
            components.append((between, others))
        total = sum(share for share, _ in components)
        weights = [0.0] * n
        for share, members in components:
            for position in members:
                weights[position] += share / len(members) / total
        return weights

    def time_decay_weights(self, journey: Journey) -> list[float]:
        raw = [
            2 ** (-((journey.ends_at - t.touched_at).total_seconds() / 86400) / self.half_life)
            for t in journey.path
        ]
        return [value / sum(raw) for value in raw]

    def removal_effects(self, conversions: list[Journey]) -> dict[str, dict[str, float]]:
        paths = defaultdict(list)
        for journey in conversions + self.non_conversions():
            if journey.path:
                paths[journey.stage].append(([t.channel for t in journey.path], journey.converted))
        return {stage: markov_removal_effects(stage_paths) for stage, stage_paths in paths.items()}

    def all_weights(self) -> dict[tuple[str, str], dict[str, list[float]]]:
        """{(conversion_id, model): [weight per touch in order]} plus the journeys."""
        conversions = self.conversions()
        effects = self.removal_effects(conversions)
        out = {}
        for journey in conversions:
            if not journey.path:
                continue
            for model in POSITION_MODELS:
                out[journey.journey_id, model] = self.position_weights(journey, model)
            out[journey.journey_id, "time_decay"] = self.time_decay_weights(journey)
            out[journey.journey_id, "data_driven"] = data_driven_weights(
                [t.channel for t in journey.path], effects[journey.stage]
            )
        self.journeys = {j.journey_id: j for j in conversions}
        return out


def markov_removal_effects(paths: list[tuple[list[str], bool]]) -> dict[str, float]:
    """Exact removal effects of a first-order chain start -> channels -> conversion | null."""
    channels = sorted({c for path, _ in paths for c in path})
    states = ["(start)", *channels]
    index = {s: i for i, s in enumerate(states)}
    k = len(states)
    counts = np.zeros((k, k + 2))  # transient x (transient + conversion + null)
    for path, converted in paths:
        chain = ["(start)", *path]
        for a, b in zip(chain, chain[1:], strict=False):
            counts[index[a], index[b]] += 1
        counts[index[chain[-1]], k if converted else k + 1] += 1

    def p_conversion(removed=None):
        c = counts.copy()
        if removed is not None:
            c[index[removed]] = 0
            c[index[removed], k + 1] = 1
        p = c / c.sum(axis=1, keepdims=True)
        q, r = p[:, :k], p[:, k:]
        fundamental = np.linalg.inv(np.eye(k) - q)  # (I - Q)^-1
        return (fundamental @ r)[0, 0]

    base = p_conversion()
    return {c: (1 - p_conversion(c) / base) if base > 0 else 0.0 for c in channels}


def data_driven_weights(channels: list[str], effects: dict[str, float]) -> list[float]:
    distinct = set(channels)
    total = sum(effects.get(c, 0.0) for c in distinct)
    if total <= 0:
        return [1 / len(channels)] * len(channels)
    return [effects.get(c, 0.0) / total / channels.count(c) for c in channels]
