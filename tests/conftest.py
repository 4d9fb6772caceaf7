"""Shared fixtures: the project's folders and one extraction of every article in raw/ per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.api import extract_path
from pipeline.models import Summary

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
EXTRACTED = ROOT / "extracted"
RAW_ARTICLES = sorted(RAW.glob("*.txt"))
SEED = RAW / "000_e860e59f66b08cf4.txt"


@pytest.fixture(scope="session")
def summaries() -> dict[str, Summary]:
    """A fresh run of the pipeline over raw/, keyed by article id (sources relative to the repository)."""
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return {path.stem: extract_path(path.relative_to(ROOT)) for path in RAW_ARTICLES}
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def seed(summaries: dict[str, Summary]) -> Summary:
    return summaries[SEED.stem]
