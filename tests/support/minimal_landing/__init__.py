"""A small hand-made landing folder per docs/landing-formats.md, for tests that
must not depend on the demo generator. Small on purpose, but with the traps:
several snapshots per object, a merge, an archived record, restated ad days,
a duplicate webhook delivery and truncated files listed in _truth/malformed.csv.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.minimal_landing.ads import write_google, write_linkedin, write_meta
from tests.support.minimal_landing.hubspot import write_hubspot
from tests.support.minimal_landing.sendgrid import write_sendgrid


def write_minimal_landing(root: str | Path) -> Path:
    """Write the folder under `root` (created) and return it."""
    root = Path(root)
    malformed: list[list[str]] = []
    write_hubspot(root, malformed)
    write_google(root, malformed)
    write_meta(root)
    write_linkedin(root)
    write_sendgrid(root, malformed)
    lines = ["source,file,locator,defect,detail"] + [",".join(row) for row in malformed]
    truth = root / "_truth" / "malformed.csv"
    truth.parent.mkdir(parents=True, exist_ok=True)
    truth.write_text("\n".join(lines) + "\n")
    return root
