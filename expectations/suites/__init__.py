"""Suites as code: one module per suite, named after the suite.

A suite module exposes `TABLE` ("schema.table", the table it checks) and
`build_suite() -> gx.ExpectationSuite`. Each expectation's `meta` carries a
`description` and a `severity` (blocking | warning; see `expectations.checks.meta`).

Value ranges (docs/resilience.md §3): `load` adds the value-range expectation
(`expectations.checks.value_ranges`, written from the table's columns when it runs) to one
suite per table, and every published table that no module checks gets a generated suite
holding only that expectation (`generated()`), so every published table is covered.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass

import great_expectations as gx

from expectations.checks import value_ranges
from expectations.suites import _published
from expectations.suites._value_ranges import CALENDAR_TABLES


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    expectations: gx.ExpectationSuite


def _module_names() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


@functools.cache
def _module_tables() -> dict[str, str]:
    """Suite module name -> the table it checks (`TABLE`)."""
    return {n: importlib.import_module(f"{__name__}.{n}").TABLE for n in _module_names()}


def generated() -> dict[str, str]:
    """Suite name -> table, for every published table that no suite module checks.

    Such a suite holds the value-range expectation only; it is named after the table
    (`<schema>__<table>` if a module already has that name).
    """
    modules = _module_tables()
    covered = set(modules.values())
    out: dict[str, str] = {}
    for table in _published.published():
        if table in covered:
            continue
        name = table.partition(".")[2]
        out[table.replace(".", "__") if name in modules or name in out else name] = table
    return out


def available() -> list[str]:
    """Names of all suites: the modules shipped in this package and the generated ones."""
    return sorted([*_module_names(), *generated()])


def _primary(table: str) -> str:
    """The suite of `table` that carries its value ranges: the one named after the table,
    else the first by name."""
    names = sorted(n for n, t in _module_tables().items() if t == table)
    return table.partition(".")[2] if table.partition(".")[2] in names else names[0]


def _keys(table: str, suite: gx.ExpectationSuite | None = None) -> list[str]:
    """The documented grain of `table` (dbt yml), else the key the suite tests unique."""
    keys = list(_published.grain(table))
    for e in suite.expectations if suite is not None and not keys else []:
        if e.expectation_type == "expect_compound_columns_to_be_unique":
            return list(e.column_list)
        if e.expectation_type == "expect_column_values_to_be_unique":
            return [e.column]
    return keys


def _range_check(table: str, suite: gx.ExpectationSuite | None = None):
    return value_ranges(keys=_keys(table, suite), future_exempt=table in CALENDAR_TABLES)


def load(name: str) -> Suite:
    modules = _module_tables()
    if name in modules:
        module = importlib.import_module(f"{__name__}.{name}")
        suite = module.build_suite()
        if suite.name != name:
            raise ValueError(f"suite module {name} builds a suite named {suite.name!r}")
        if _primary(module.TABLE) == name:
            expectations = [*suite.expectations, _range_check(module.TABLE, suite)]
            suite = gx.ExpectationSuite(name=name, expectations=expectations)
        return Suite(name=name, table=module.TABLE, expectations=suite)
    table = generated().get(name)
    if table is None:
        raise KeyError(f"no suite {name!r}; available: {', '.join(available())}")
    suite = gx.ExpectationSuite(name=name, expectations=[_range_check(table)])
    return Suite(name=name, table=table, expectations=suite)
