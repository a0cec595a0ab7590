"""The layer rules of docs/architecture.md as plain functions over a dbt manifest.

Each check returns a list of findings, one readable line per offending model or macro, so
that a failing test names what to fix. The tests run them on the real manifest and on
deliberately wrong manifest fragments.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

DBT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"

# A model's layer is decided by its folder alone (first match wins).
LAYER_OF_FOLDER: tuple[tuple[str, str], ...] = (
    ("models/staging/", "staging"),
    ("models/intermediate/attribution/", "attribution"),
    ("models/intermediate/metrics/", "metrics"),
    ("models/intermediate/", "intermediate"),
    ("models/marts/core/", "core"),
    ("models/marts/attribution/", "attribution"),
    ("models/marts/metrics/", "metrics"),
    ("models/semantic/", "metrics"),
)

# The layers each layer may read (seeds are configuration: any layer may read them).
MAY_READ: Mapping[str, frozenset[str]] = {
    "staging": frozenset(),
    "intermediate": frozenset({"staging", "intermediate"}),
    "core": frozenset({"intermediate", "core"}),
    "attribution": frozenset({"core", "attribution"}),
    "metrics": frozenset({"core", "attribution", "metrics"}),
}

# Folders whose every model is a table a BI user is meant to query.
PUBLISHED_FOLDERS = ("models/marts/attribution/", "models/marts/metrics/")

MAX_MODEL_LINES = 200
LONG_MODEL_REASON = re.compile(r"over 200 lines because", re.IGNORECASE)


def layer_of(path: str) -> str | None:
    """The layer of a model file ('models/...'), or None for a folder outside the layers."""
    for prefix, layer in LAYER_OF_FOLDER:
        if path.startswith(prefix):
            return layer
    return None


def _models(manifest: Mapping) -> list[Mapping]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def layer_violations(manifest: Mapping) -> list[str]:
    """Every read that goes up a layer, skips a layer down, or reads a source outside staging."""
    nodes = manifest["nodes"]
    findings: list[str] = []
    for model in _models(manifest):
        layer = layer_of(model["original_file_path"])
        if layer is None:
            findings.append(f"{model['name']}: {model['original_file_path']} is in no layer")
            continue
        for parent in model["depends_on"]["nodes"]:
            if parent.startswith("source."):
                if layer != "staging":
                    findings.append(f"{model['name']} ({layer}) reads source {parent}")
                continue
            node = nodes.get(parent)
            if node is None or node["resource_type"] == "seed":
                continue
            parent_layer = layer_of(node["original_file_path"])
            if within_staging(model["original_file_path"], node["original_file_path"]):
                continue
            if parent_layer not in MAY_READ[layer]:
                findings.append(
                    f"{model['name']} ({layer}) reads {node['name']} ({parent_layer});"
                    f" {layer} may read only {sorted(MAY_READ[layer]) or 'sources'}"
                )
    return sorted(findings)


def within_staging(path: str, parent_path: str) -> bool:
    """The two reads inside staging (docs/salesforce.md §1): the CRM contract
    (staging/crm/) reads the vendors' CRM staging models, and a vendor's staging model
    reads the `base/` models of its own folder."""
    if not (path.startswith("models/staging/") and parent_path.startswith("models/staging/")):
        return False
    if path.startswith("models/staging/crm/"):
        return not parent_path.startswith("models/staging/crm/")
    folder = path.rsplit("/", 1)[0].removesuffix("/base")
    return parent_path.startswith(f"{folder}/base/") and path != parent_path


def crm_reads_around_the_contract(manifest: Mapping) -> list[str]:
    """Models above staging that read a vendor CRM staging model the CRM contract covers
    (stg_hubspot__deals instead of stg_crm__deals)."""
    nodes = manifest["nodes"]
    contract = {
        n["name"].removeprefix("stg_crm__")
        for n in _models(manifest)
        if n["name"].startswith("stg_crm__")
    }
    findings = []
    for model in _models(manifest):
        if layer_of(model["original_file_path"]) in (None, "staging"):
            continue
        for parent in model["depends_on"]["nodes"]:
            name = nodes.get(parent, {}).get("name", "")
            for vendor in ("stg_hubspot__", "stg_salesforce__"):
                if name.startswith(vendor) and name.removeprefix(vendor) in contract:
                    findings.append(
                        f"{model['name']} reads {name}, not stg_crm__{name.removeprefix(vendor)}"
                    )
    return sorted(findings)


_CALLS_REF = re.compile(r"\b(ref|source)\s*\(")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)


def macros_calling_ref(manifest: Mapping, package: str = "closedloop") -> list[str]:
    """Project macros that call ref() or source(): they hide a model's inputs."""
    return sorted(
        f"macro {m['name']} ({m['original_file_path']}) calls ref() or source()"
        for m in manifest["macros"].values()
        if m["package_name"] == package
        and _CALLS_REF.search(_JINJA_COMMENT.sub("", m["macro_sql"]))
    )


def _seed_column(name: str, column: str) -> list[str]:
    path = DBT_DIR / "seeds" / f"{name}.csv"
    if not path.exists():
        return []
    with path.open(newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def retyped_lists(sources: Mapping[str, str], names: Iterable[str], what: str) -> list[str]:
    """Files that write out three or more of `names` as a list of quoted literals
    (`'a', 'b', 'c'` or `('a', 0), ('b', 1), ('c', 2)`) instead of reading the seed."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if not alternatives:
        return []
    item = rf"\(?\s*'(?:{alternatives})'\s*(?:,\s*\d+\s*\))?"
    listed = re.compile(rf"{item}(?:\s*,\s*{item}){{2,}}", re.IGNORECASE)
    return sorted(
        f"{path} retypes the {what} list: {match.group(0)[:60]!r}"
        for path, text in sources.items()
        for match in [listed.search(_JINJA_COMMENT.sub("", text))]
        if match
    )


def project_sql_sources(manifest: Mapping, package: str = "closedloop") -> dict[str, str]:
    """Raw code of every project model and macro, by file path."""
    sources = {m["original_file_path"]: m["raw_code"] for m in _models(manifest)}
    for macro in manifest["macros"].values():
        if macro["package_name"] == package:
            path = macro["original_file_path"]
            sources[path] = sources.get(path, "") + "\n" + macro["macro_sql"]
    return sources


def retyped_seed_lists(manifest: Mapping) -> list[str]:
    sources = project_sql_sources(manifest)
    stages = _seed_column("canonical_stages", "stage")
    models = _seed_column("attribution_models", _first_column("attribution_models"))
    return retyped_lists(sources, stages, "canonical stage") + retyped_lists(
        sources, models, "attribution model"
    )


def _first_column(seed: str) -> str:
    path = DBT_DIR / "seeds" / f"{seed}.csv"
    if not path.exists():
        return ""
    with path.open(newline="") as handle:
        return next(csv.reader(handle))[0]


def long_models_without_reason(manifest: Mapping) -> list[str]:
    findings = []
    for model in _models(manifest):
        if model["language"] != "sql":
            continue
        lines = model["raw_code"].count("\n") + 1
        header = model["raw_code"][:1500]
        if lines > MAX_MODEL_LINES and not LONG_MODEL_REASON.search(header):
            findings.append(
                f"{model['original_file_path']}: {lines} lines and no"
                " 'over 200 lines because ...' at its top"
            )
    return sorted(findings)


def published_marts_without_unit_tests(manifest: Mapping) -> list[str]:
    tested = {unit_test["model"] for unit_test in manifest.get("unit_tests", {}).values()}
    return sorted(
        f"{model['name']} ({model['original_file_path']}) has no unit test"
        for model in _models(manifest)
        if model["original_file_path"].startswith(PUBLISHED_FOLDERS) and model["name"] not in tested
    )


# The walk a reader takes from each headline number back to raw, as written in
# docs/architecture.md: the mart, then the model each step takes its number from.
WALKS: Mapping[str, tuple[str, ...]] = {
    # converted contacts per stage pair <- first time each contact entered each stage
    "mart_funnel_cohorts": (
        "mart_funnel_cohorts",
        "int_metrics__funnel_entries",
        "fct_contact_funnel",
        "fct_lifecycle_transitions",
        "int_lifecycle__stage_changes",
        "int_lifecycle__contact_stage_changes",
        "stg_crm__contact_property_history",
        "stg_hubspot__contact_property_history",
        "source:raw.hubspot__contacts",
    ),
    # credited revenue per channel <- touch weight x the won deal's amount
    "mart_channel_attribution": (
        "mart_channel_attribution",
        "int_attribution__touch_weights",
        "int_attribution__conversions",
        "fct_opportunities",
        "int_opportunities__deals",
        "stg_crm__deals",
        "stg_hubspot__deals",
        "source:raw.hubspot__deals",
    ),
}

_RANK = {"staging": 1, "intermediate": 2, "core": 3, "attribution": 4, "metrics": 5}


def walk_findings(manifest: Mapping, walk: tuple[str, ...]) -> list[str]:
    """Why `walk` is not a real path from a model down to a raw source that crosses each
    layer once, in order (an empty list when it is)."""
    nodes = manifest["nodes"]
    by_name = {n["name"]: uid for uid, n in nodes.items() if n["resource_type"] == "model"}
    findings = []
    *models, source = walk
    for upper, lower in zip(walk, walk[1:], strict=False):
        if upper not in by_name:
            findings.append(f"{upper} is not a model")
            continue
        parents = nodes[by_name[upper]]["depends_on"]["nodes"]
        wanted = (
            f"source.closedloop.{lower.removeprefix('source:')}"
            if lower.startswith("source:")
            else by_name.get(lower)
        )
        if wanted not in parents:
            findings.append(f"{upper} does not read {lower}")
    ranks = [
        _RANK.get(layer_of(nodes[by_name[m]]["original_file_path"]) or "", 0)
        for m in models
        if m in by_name
    ]
    if ranks != sorted(ranks, reverse=True) or ranks[-1:] != [1]:
        findings.append(f"the walk does not go down the layers one run at a time: {ranks}")
    if not source.startswith("source:"):
        findings.append(f"the walk ends at {source}, not a raw source")
    return findings
