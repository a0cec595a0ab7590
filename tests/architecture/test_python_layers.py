"""Python packages only point down (docs/architecture.md), with no import cycle, and no
Python file is over ~300 lines."""

from __future__ import annotations

from pathlib import Path

from tests.architecture import imports

MAX_LINES = 300


def test_packages_import_only_downward():
    assert imports.upward_imports(imports.project_graph()) == []


def test_no_import_cycle():
    assert imports.cycles(imports.project_graph()) == []


def test_ingestion_never_imports_orchestration():
    graph = imports.project_graph()
    offenders = [
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("ingestion")
        for target in targets
        if target.startswith(("orchestration", "expectations", "reporting"))
    ]
    assert offenders == []


def test_orchestration_holds_only_dagster_wiring():
    plain = [
        imports.module_name(p)
        for p in sorted((imports.REPO / "orchestration").rglob("*.py"))
        if p.name != "__init__.py"
        and not any(m.split(".")[0].startswith("dagster") for m in imports.imported_modules(p))
    ]
    assert plain == [], f"modules in orchestration/ that define no Dagster object: {plain}"


def test_no_python_file_over_300_lines():
    roots = [*imports.PACKAGE_RANK, "tests", "benchmarks"]
    long = [
        f"{p.relative_to(imports.REPO)}: {n} lines"
        for root in roots
        for p in sorted((imports.REPO / root).rglob("*.py"))
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    ]
    assert long == []


# --- the checks fail on a wrong tree ------------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_an_upward_import_and_a_cycle_are_named(tmp_path):
    root = _tree(
        tmp_path,
        {
            "closedloop/__init__.py": "",
            "closedloop/settings.py": "",
            "ingestion/__init__.py": "",
            "ingestion/config.py": "def f():\n    from orchestration.settings import x\n",
            "orchestration/__init__.py": "",
            "orchestration/settings.py": "from closedloop import settings\n",
            "expectations/__init__.py": "",
            "expectations/runner.py": "from expectations import history\n",
            "expectations/history.py": "from .runner import Report\n",
        },
    )
    graph = imports.project_graph(
        ["closedloop", "ingestion", "orchestration", "expectations"], root
    )
    assert imports.upward_imports(graph) == [
        "ingestion.config imports orchestration.settings (ingestion may not import orchestration)"
    ]
    assert imports.cycles(graph) == [["expectations.history", "expectations.runner"]]
