"""CONTRACT.md's evidence rule, on every item of every summary: offsets are [start, end) into the raw
decoded text, and the raw slice, with whitespace removed, reads as the item's text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pipeline.ingest import read
from pipeline.models import Summary

from .conftest import EXTRACTED, RAW, RAW_ARTICLES


def _squash(text: str) -> str:
    return "".join(text.split())


def evidence(summary: dict[str, Any]) -> Iterator[tuple[str, list[int], str | None]]:
    """(where, span, text that the span must read as, or None when any non-empty text will do)."""
    article = summary["article"]
    if article.get("title_span"):
        yield "title", article["title_span"], article["title"]
    for b in article["bylines"]:
        yield "byline", b["span"], b["name"]
    for s in article["sections"]:
        yield "section", s["span"], s["heading"]
    for r in article.get("repairs", []):
        yield "repair", r["span"], r["text"]
    for kind in ("people", "organizations", "places"):
        for entity in summary[kind]:
            for mention in entity["mentions"]:
                yield f"{kind} {entity['name']}", mention, None
    for kind in ("figures", "dates", "relative_dates"):
        for item in summary.get(kind, []):
            yield kind, item["span"], item["text"]
    for q in summary["quotes"]:
        yield f"quote {q['id']}", q["span"], q["text"]
        if q.get("speaker_span"):
            yield f"speaker of {q['id']}", q["speaker_span"], None
    for w in summary["warnings"]:
        if w.get("span"):
            yield f"warning {w['code']}", w["span"], None


def check_evidence(summary: dict[str, Any], raw: str) -> list[str]:
    problems = []
    for where, (start, end), text in evidence(summary):
        if not 0 <= start <= end <= len(raw):
            problems.append(f"{where}: span {start, end} outside the text ({len(raw)} characters)")
        elif text is None and start == end and not where.startswith("warning"):
            problems.append(f"{where}: empty span {start, end}")
        elif text is not None and _squash(raw[start:end]) != _squash(text):
            problems.append(f"{where}: raw[{start}:{end}] = {raw[start:end]!r} is not {text!r}")
    return problems


@pytest.mark.parametrize("article", RAW_ARTICLES, ids=[p.stem for p in RAW_ARTICLES])
def test_fresh_extraction_is_evidence(article, summaries: dict[str, Summary]) -> None:
    raw = read(article).text
    assert check_evidence(summaries[article.stem].model_dump(mode="json"), raw) == []


@pytest.mark.parametrize("golden", sorted(EXTRACTED.glob("*.json")), ids=lambda p: p.stem)
def test_golden_file_is_evidence(golden) -> None:
    raw = read(RAW / f"{golden.stem}.txt").text
    assert check_evidence(json.loads(golden.read_text(encoding="utf-8")), raw) == []


def test_the_check_catches_a_shifted_span(seed: Summary) -> None:
    data = seed.model_dump(mode="json")
    raw = read(RAW / "000_e860e59f66b08cf4.txt").text
    byline = data["article"]["bylines"][0]
    byline["span"] = [byline["span"][0] + 1, byline["span"][1] + 1]
    assert check_evidence(data, raw), "a span moved by one character must be reported"
