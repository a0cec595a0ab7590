"""Every dbt model builds and every dbt test passes on the tiny demo company."""


def test_dbt_build_passes_on_the_tiny_demo(tiny):
    failures = [line for line in tiny.dbt_output.splitlines() if "FAIL" in line or "ERROR" in line]
    assert tiny.dbt_returncode == 0, "\n".join(failures[-30:]) or tiny.dbt_output[-3000:]
