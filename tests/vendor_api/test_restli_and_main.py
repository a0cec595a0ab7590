"""The Rest.li 2.0 parser, and running the fake by hand."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.vendor_api import restli

from .client import get
from .conftest import REPO


def test_restli_values():
    text = "(start:(year:2025,month:1,day:1),end:(year:2025,month:1,day:31))"
    assert restli.parse(text) == {
        "start": {"year": "2025", "month": "1", "day": "1"},
        "end": {"year": "2025", "month": "1", "day": "31"},
    }
    assert restli.parse("List(urn%3Ali%3AsponsoredAccount%3A5001,a)") == [
        "urn:li:sponsoredAccount:5001",
        "a",
    ]
    assert restli.parse("List()") == []
    for broken in ("List(urn:li:x)", "(start:(year:2025)", "(a:1))"):
        with pytest.raises(restli.RestliError):
            restli.parse(broken)


def test_module_runs_by_hand(handmade_landing):
    command = [
        sys.executable,
        "-m",
        "tests.support.vendor_api",
        "--landing",
        str(handmade_landing),
        "--port",
        "0",
        "--quiet",
    ]
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline().split()
        assert first[0] == "serving", first
        reply = get(f"{first[-1]}/crm/v3/owners", {"Authorization": "Bearer hubspot-test-token"})
        assert reply.status == 200
    finally:
        # Clean-up only: a process started from a shell that ignores SIGTERM inherits that
        # (SIG_IGN survives exec); do not fail the test on it, but never leave it running.
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
