"""The dbt project as Dagster assets: every model, seed and snapshot, tests as asset checks.

One step, two dbt invocations (docs/resilience.md §2):

1. `dbt build --exclude resource_type:test`: seeds, snapshots, unit tests and models. A
   model that errors fails the step (a model error is a bug, not data).
2. `dbt test --exclude resource_type:unit_test`: every data test, reported as an asset
   check. A failing test does not fail the step and, unlike inside `dbt build`, does not
   skip the models downstream of it: every model is materialized, and the `publish` gate
   holds back exactly the published tables the failed test touches (the table itself and
   everything downstream of it).
"""

from pathlib import Path

from dagster import AssetExecutionContext
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from closedloop.settings import DBT_EXECUTABLE, DBT_PROJECT_DIR, WAREHOUSE_POOL, get_settings
from orchestration.assets.dbt_translator import ClosedloopDbtTranslator

get_settings()  # dbt's profile reads the absolute warehouse path from the environment

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


_PROJECT_SOURCES = ("models", "macros", "seeds", "snapshots", "tests", "dbt_project.yml")


def _newest_source_mtime(project_dir: Path) -> float:
    paths = [project_dir / name for name in _PROJECT_SOURCES]
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*"))]
    return max((f.stat().st_mtime for f in files if f.is_file()), default=0.0)


def ensure_manifest(project: DbtProject = dbt_project) -> None:
    """Parse the project when the manifest is missing or older than any project file.

    `prepare_if_dev()` only acts under `dagster dev`; a fresh clone run by
    `make run`, the tests or CI has no manifest, and a stale one would hide new models.
    """
    manifest = project.manifest_path
    stale = not manifest.exists() or manifest.stat().st_mtime < _newest_source_mtime(
        Path(project.project_dir)
    )
    if stale:
        # dagster-dbt's own preparer looks for `dbt` on PATH only; use this environment's.
        DbtCliResource(project_dir=project, dbt_executable=DBT_EXECUTABLE).cli(
            ["parse", "--quiet"], target_path=project.target_path
        ).wait()


ensure_manifest()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    pool=WAREHOUSE_POOL,
    dagster_dbt_translator=ClosedloopDbtTranslator(),
)
def closedloop_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build", "--exclude", "resource_type:test"], context=context).stream()
    # Unit tests ran in the build above; only data tests here.
    yield from dbt.cli(
        ["test", "--exclude", "resource_type:unit_test"], context=context, raise_on_error=False
    ).stream()
