"""Write-audit-publish of the BI serving file: a separate DuckDB file that BI tools read."""
