"""Landing folders for the vendor API fake: hand-made always, generated when it runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.minimal_landing import write_minimal_landing

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def handmade_landing(tmp_path_factory) -> Path:
    return write_minimal_landing(tmp_path_factory.mktemp("handmade") / "landing")


@pytest.fixture(scope="session")
def generated_landing(tmp_path_factory) -> Path:
    """The demo company at tiny scale; skipped while the generator cannot run."""
    out = tmp_path_factory.mktemp("generated") / "landing"
    command = [
        sys.executable,
        "-m",
        "demo",
        "--scale",
        "tiny",
        "--seed",
        "1",
        "--out",
        str(out),
    ]
    try:
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.skip("demo generator took over 60 s at tiny scale")
    if done.returncode != 0 or not (out / "hubspot").is_dir():
        pytest.skip(f"demo generator not runnable: {done.stderr.strip()[-300:]}")
    return out


@pytest.fixture(params=["handmade", "generated"])
def landing(request) -> Path:
    return request.getfixturevalue(f"{request.param}_landing")
