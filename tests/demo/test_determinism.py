"""Same seed, same bytes; another seed, another company."""

from __future__ import annotations

import hashlib
from pathlib import Path

from demo.generate import generate


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_identical_files(landing, tmp_path):
    again = tmp_path / "again"
    generate(again, scale="tiny", seed=42)
    first, second = _hashes(landing), _hashes(again)
    assert len(first) > 100
    assert first == second


def test_another_seed_gives_other_files(landing, tmp_path):
    other = tmp_path / "other"
    generate(other, scale="tiny", seed=7)
    first, second = _hashes(landing), _hashes(other)
    changed = [k for k in first if k in second and first[k] != second[k]]
    assert len(changed) > len(first) // 2


def test_regenerating_replaces_previous_output(tmp_path):
    out = tmp_path / "landing"
    generate(out, scale="tiny", seed=1)
    stale = out / "web" / "events" / "1999-01-01"
    stale.mkdir(parents=True)
    (stale / "part-000.jsonl").write_text("{}\n")
    generate(out, scale="tiny", seed=1)
    assert not stale.exists()
