"""The demo company "Acme Analytics": a simulated B2B funnel written in vendor export formats.

`demo.generate.generate()` (or `python -m demo`) writes the landing layout of
docs/landing-formats.md plus the simulator's truth under `_truth/`. Not production: no module
of ingestion, expectations, reporting or orchestration imports it. This file imports nothing,
so that the package's modules (`from . import config`) form no import cycle through it.
"""
