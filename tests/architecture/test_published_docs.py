"""What BI reads is declared once and documented (docs/bi-contract.md §1, §3, §4), checked
on the real dbt manifest: the exposure `bi_serving_file` is the list publish reads; every
model it names states its grain first, tests its key, describes each column it documents,
and each published mart has a unit test."""

from __future__ import annotations

from expectations.publish.tables import EXPOSURE, published_models


def _published(manifest) -> dict[str, dict]:
    exposure = manifest["exposures"][f"exposure.closedloop.{EXPOSURE}"]
    return {uid.split(".")[-1]: manifest["nodes"][uid] for uid in exposure["depends_on"]["nodes"]}


def test_publish_reads_the_exposure_dbt_knows(manifest):
    assert set(published_models()) == set(_published(manifest))
    assert len(published_models()) == len(set(published_models()))


def test_every_published_model_states_its_grain_first(manifest):
    wrong = {
        name: node["description"][:60]
        for name, node in _published(manifest).items()
        if not node["description"].strip().startswith("One row per ")
    }
    assert wrong == {}


def test_every_published_model_tests_its_key(manifest):
    keyed = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        test = (node.get("test_metadata") or {}).get("name")
        if test in ("unique", "unique_combination_of_columns"):
            keyed |= {uid.split(".")[-1] for uid in node["depends_on"]["nodes"]}
    assert sorted(set(_published(manifest)) - keyed) == []


def test_every_documented_column_is_described(manifest):
    blank = [
        f"{name}.{column}"
        for name, node in _published(manifest).items()
        for column, spec in node["columns"].items()
        if not (spec.get("description") or "").strip()
    ]
    assert blank == []


def test_every_published_mart_has_a_unit_test(manifest):
    tested = {u["model"] for u in manifest.get("unit_tests", {}).values()}
    marts = {n for n in _published(manifest) if n.startswith("mart_")}
    assert sorted(marts - tested) == []
