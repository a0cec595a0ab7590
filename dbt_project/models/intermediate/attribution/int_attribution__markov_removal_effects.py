"""Removal effects of the data_driven model: one absorbing Markov chain per attribution scope
and conversion stage.

Why Python: the chain is tiny (a state per channel) and solving it is linear algebra that
SQL does not have. Everything that scales with touches (paths, transition counts) is SQL in
int_attribution__markov_transitions; this model reads a few hundred rows and solves exactly,
with numpy, no simulation.

For a stage, with transient states T = (start) + channels and absorbing A = (conversion), (null):
    P  = row-normalised transition counts,  Q = P[T, T],  R = P[T, A]
    B  = (I - Q)^-1 R                       (solved, not inverted)
    p  = B[(start), (conversion)]           the chain's conversion probability
Removing channel c sends every transition into c to (null) instead (c's row becomes
"absorb in null"); p_without_c is solved the same way and
    removal_effect(c) = 1 - p_without_c / p       (0 when p = 0).
"""

import numpy as np
import pandas as pd

START, CONVERSION, NULL = "(start)", "(conversion)", "(null)"


def conversion_probability(counts: np.ndarray, removed: int | None = None) -> float:
    """counts: (n+2) x (n+2) transition counts over [start, channels..., conversion, null]."""
    counts = counts.copy()
    n_transient = counts.shape[0] - 2
    if removed is not None:
        counts[removed, :] = 0.0
        counts[removed, -1] = 1.0
    totals = counts[:n_transient].sum(axis=1, keepdims=True)
    # A transient state with no outgoing transitions cannot occur in a path; keep the
    # system solvable anyway by absorbing it in null.
    empty = totals[:, 0] == 0
    counts[:n_transient][empty, -1] = 1.0
    totals[empty] = 1.0
    probabilities = counts[:n_transient] / totals
    q = probabilities[:, :n_transient]
    r = probabilities[:, n_transient:]
    absorbed = np.linalg.solve(np.eye(n_transient) - q, r)
    return float(absorbed[0, 0])


def removal_effects(transitions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (scope, stage), chain in transitions.groupby(
        ["attribution_scope", "conversion_stage"], sort=True
    ):
        channels = sorted(
            (set(chain["from_state"]) | set(chain["to_state"])) - {START, CONVERSION, NULL}
        )
        states = [START, *channels, CONVERSION, NULL]
        index = {state: i for i, state in enumerate(states)}
        counts = np.zeros((len(states), len(states)))
        for from_state, to_state, n in chain[
            ["from_state", "to_state", "transition_count"]
        ].itertuples(index=False):
            counts[index[from_state], index[to_state]] += float(n)
        converting_paths = int(chain.loc[chain["to_state"] == CONVERSION, "transition_count"].sum())
        null_paths = int(chain.loc[chain["to_state"] == NULL, "transition_count"].sum())
        p = conversion_probability(counts)
        effects = {}
        for channel in channels:
            p_without = conversion_probability(counts, removed=index[channel])
            effects[channel] = (p_without, (1.0 - p_without / p) if p > 0 else 0.0)
        total_effect = sum(effect for _, effect in effects.values())
        for channel in channels:
            p_without, effect = effects[channel]
            rows.append(
                {
                    "attribution_scope": scope,
                    "conversion_stage": stage,
                    "channel": channel,
                    "conversion_probability": p,
                    "conversion_probability_without_channel": p_without,
                    "removal_effect": effect,
                    "removal_effect_share": effect / total_effect if total_effect > 0 else 0.0,
                    "converting_paths": converting_paths,
                    "non_converting_paths": null_paths,
                }
            )
    columns = [
        "attribution_scope",
        "conversion_stage",
        "channel",
        "conversion_probability",
        "conversion_probability_without_channel",
        "removal_effect",
        "removal_effect_share",
        "converting_paths",
        "non_converting_paths",
    ]
    return pd.DataFrame(rows, columns=columns).astype(
        {
            "attribution_scope": "string",
            "conversion_stage": "string",
            "channel": "string",
            "conversion_probability": "float64",
            "conversion_probability_without_channel": "float64",
            "removal_effect": "float64",
            "removal_effect_share": "float64",
            "converting_paths": "int64",
            "non_converting_paths": "int64",
        }
    )


def model(dbt, session):
    dbt.config(materialized="table")
    transitions = dbt.ref("int_attribution__markov_transitions").df()
    return removal_effects(transitions)
