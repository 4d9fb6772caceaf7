"""Long texts are read in parts; the merged summary is evidence for the whole text."""

from __future__ import annotations

import itertools

import pytest

import pipeline.api as api
from pipeline.ingest import read

from .conftest import SEED
from .test_invariants import check_evidence


def test_part_bounds_cut_after_line_breaks_and_cover_the_text() -> None:
    text = ("一句话，没有结束" * 30 + "。\n") * 40
    bounds = api.part_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in itertools.pairwise(bounds))
    assert all(end - start <= 1000 for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds[:-1])


def test_a_line_longer_than_a_part_is_cut_after_a_sentence() -> None:
    text = "这是一个句子。" * 1000
    bounds = api.part_bounds(text, 1000)
    assert all(text[end - 1] == "。" for _, end in bounds[:-1])


def test_parts_merge_into_one_valid_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = api.extract_path(SEED)
    monkeypatch.setattr(api, "PART_CHARS", 1500)
    parted = api.extract_path(SEED)
    raw = read(SEED).text
    assert check_evidence(parted.model_dump(mode="json"), raw) == []
    assert parted.warnings[-1].code == "long_text"
    assert {p.name for p in parted.people} == {p.name for p in whole.people}
    assert [p.id for p in parted.people] == [f"P{i}" for i in range(1, len(parted.people) + 1)]
    assert {(f.text, f.value) for f in parted.figures} == {(f.text, f.value) for f in whole.figures}
    people = {p.id: p.name for p in parted.people}
    for quote in parted.quotes:
        if quote.speaker.person is not None:
            assert people[quote.speaker.person] == quote.speaker.name
