"""Suites as code: one module per suite, named after the suite.

A suite module exposes `TABLE` ("schema.table", the table it checks) and
`build_suite() -> gx.ExpectationSuite`. Each expectation's `meta` carries a
`description` and a `severity` (blocking | warning; see `expectations.checks.meta`).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

import great_expectations as gx


@dataclass(frozen=True)
class Suite:
    name: str
    table: str
    expectations: gx.ExpectationSuite


def available() -> list[str]:
    """Names of all suites shipped in this package."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def load(name: str) -> Suite:
    if name not in available():
        raise KeyError(f"no suite {name!r}; available: {', '.join(available())}")
    module = importlib.import_module(f"{__name__}.{name}")
    suite = module.build_suite()
    if suite.name != name:
        raise ValueError(f"suite module {name} builds a suite named {suite.name!r}")
    return Suite(name=name, table=module.TABLE, expectations=suite)
