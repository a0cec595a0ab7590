"""The dbt project parses (fixture `manifest` in tests/conftest.py), and every model
documents its grain and tests its key."""

from __future__ import annotations


def _models(manifest):
    return [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]


def test_every_model_documents_its_grain(manifest):
    undocumented = [
        m["name"]
        for m in _models(manifest)
        if "grain" not in (d := m.get("description", "").lower())
        and not d.strip().startswith("one row per")
    ]
    assert not undocumented, f"models without a documented grain: {undocumented}"


def test_every_model_tests_a_primary_key_unique_and_not_null(manifest):
    tested: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "test":
            continue
        meta = node.get("test_metadata") or {}
        name = meta.get("name")
        if name not in {"unique", "not_null", "unique_combination_of_columns"}:
            continue
        for parent in node["depends_on"]["nodes"]:
            tested.setdefault(parent, set()).add(
                "unique" if name == "unique_combination_of_columns" else name
            )
            if name == "unique_combination_of_columns":
                tested[parent].add("not_null")
    missing = [
        m["name"]
        for m in _models(manifest)
        if not {"unique", "not_null"} <= tested.get(m["unique_id"], set())
    ]
    assert not missing, f"models without a unique + not_null key test: {missing}"
