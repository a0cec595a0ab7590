"""The demo company "Acme Analytics": a simulated B2B funnel written in vendor export formats.

`generate()` (or `python -m ingestion.demo`) writes the landing layout of
docs/landing-formats.md plus the simulator's truth under `_truth/`.
"""

from .generate import generate

__all__ = ["generate"]
