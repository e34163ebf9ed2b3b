"""Fixtures for the bad-input tests: a watchdog, so a run that would hang fails instead."""

from __future__ import annotations

import signal

import pytest


@pytest.fixture(autouse=True)
def watchdog():
    """Fail a test that runs longer than 60 s (a FIFO that blocks, /dev/zero read to the end)."""
    def expire(_signum, _frame):
        raise TimeoutError("the run hung: a bad input must be refused, not waited on")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
