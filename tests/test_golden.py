"""Golden files: a fresh extraction of every raw/*.txt must equal its reviewed extracted/<stem>.json.

A new article in raw/ gets its test with no code change. To accept a deliberate change, run
``pytest tests/test_golden.py --force-regen`` and review every changed item against the article
(``zhnews diff`` between the old and new files shows them) before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.models import Summary

from .conftest import EXTRACTED, RAW_ARTICLES


def _with_golden_version(obtained: str, golden: Path) -> str:
    """The pipeline version (package version + lexicon fingerprint) says which build made a file; it is
    not extraction, so the comparison takes it from the golden file."""
    if not golden.exists():
        return obtained
    data = json.loads(obtained)
    data["article"]["pipeline_version"] = json.loads(golden.read_text(encoding="utf-8"))["article"][
        "pipeline_version"]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _explain(obtained: Path, expected: Path) -> None:
    if obtained.read_bytes() != expected.read_bytes():
        raise AssertionError(
            f"{expected.name} differs from a fresh extraction.\n"
            f"  See what changed, item by item:  zhnews diff {expected} {obtained}\n"
            "  If every change is right (checked against the article), accept it with --force-regen."
        )


@pytest.mark.parametrize("article", RAW_ARTICLES, ids=[p.stem for p in RAW_ARTICLES])
def test_golden(article: Path, summaries: dict[str, Summary], file_regression) -> None:
    golden = EXTRACTED / f"{article.stem}.json"
    obtained = _with_golden_version(summaries[article.stem].to_json(), golden)
    file_regression.check(obtained, fullpath=golden, encoding="utf-8", check_fn=_explain)


def test_every_golden_file_has_its_article() -> None:
    stems = {p.stem for p in RAW_ARTICLES}
    orphans = [p.name for p in EXTRACTED.glob("*.json") if p.stem not in stems]
    assert not orphans, f"golden files without an article in raw/: {orphans}"
