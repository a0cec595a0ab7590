"""The data-quality gate: suites run as Dagster asset checks and as the publish audit."""
