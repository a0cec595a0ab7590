"""The dbt project as Dagster assets: every model, seed and snapshot, tests as asset checks."""

from dagster import AssetExecutionContext
from dagster_dbt import DbtCliResource, DbtProject, dbt_assets

from orchestration.settings import DBT_PROJECT_DIR, WAREHOUSE_POOL, get_settings

get_settings()  # dbt's profile reads the absolute warehouse path from the environment

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def ensure_manifest(project: DbtProject = dbt_project) -> None:
    """Parse the project when no manifest exists yet.

    `prepare_if_dev()` only acts under `dagster dev`; a fresh clone run by
    `make run`, the tests or CI has no manifest, so parse it here.
    """
    if not project.manifest_path.exists():
        project.preparer.prepare(project)


ensure_manifest()


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, pool=WAREHOUSE_POOL)
def closedloop_dbt_assets(context: AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build"], context=context).stream()
