"""Results on the ``Doc``: span groups whose spans carry an ``info`` record (rule, score, attributes).

A stage finds its items as character offsets in the cleaned text (rules read characters, and jieba's
words do not always end where a name does: ``董贵蛟表示`` may come as ``董贵|蛟表示``). ``set_spans``
splits tokens where an item needs a boundary, keeps every existing span group valid across the split,
and stores the group.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span

_INFO_KEY = "zhnews.info"


@dataclass
class Match:
    """One result of a recognizer: where it is, what it is, which rule found it and how sure that rule is."""

    start: int
    end: int
    label: str
    rule: str
    score: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)


def _info(span: Span) -> dict[str, Any]:
    return span.doc.user_data.get((_INFO_KEY, span.label_, span.start_char, span.end_char), {})


def register_extensions() -> None:
    if not Span.has_extension("info"):
        Span.set_extension("info", getter=_info)
    for name in ("clean", "meta", "rawtext"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


class Claimed:
    """Characters already taken by earlier matches: an overlap test that costs the same however many
    matches came before (a list scan made one long paragraph quadratic)."""

    def __init__(self, length: int, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._mask = bytearray(length + 1)
        for a, b in spans:
            self.add(a, b)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self._mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return end > start and self._mask.find(1, start, end) >= 0


def ensure_context(doc: Doc) -> None:
    """What the pipeline's entry point gives every Doc (its cleaned text, a meta record), also for a Doc
    made by ``nlp(text)`` directly: its text is then its own clean text."""
    if doc._.clean is None:
        from .clean import identity

        doc._.clean = identity(doc.text)
    if doc._.meta is None:
        doc._.meta = {}


def doc_text(doc: Doc) -> str:
    """The Doc's text, without spaCy rebuilding it from the tokens at each access (which costs as much
    as a pass over every token): the cleaned text the Doc was made from."""
    clean = doc._.clean
    return clean.text if clean is not None else doc.text


_TOKEN_SPANS_KEY = "zhnews_token_spans"


def token_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token, read from arrays rather than by making a Token per word.

    Five stages ask for them and most find the tokens unchanged since the last one: the list is kept in
    ``doc.user_data`` with the offsets and lengths it was made from (a split by ``ensure_boundaries``
    changes them) and a copy returned, so a caller may change its own list."""
    starts = doc.to_array("IDX")
    lengths = doc.to_array("LENGTH")
    key = (starts.tobytes(), lengths.tobytes())
    kept = doc.user_data.get(_TOKEN_SPANS_KEY)
    if kept is not None and kept[0] == key:
        return list(kept[1])
    text = doc_text(doc)
    spans = [(a, a + n, text[a:a + n]) for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]
    doc.user_data[_TOKEN_SPANS_KEY] = (key, spans)
    return list(spans)


def set_spans(doc: Doc, key: str, matches: Iterable[Match]) -> list[Span]:
    """Store ``matches`` as ``doc.spans[key]`` (each with its info record) and return the spans."""
    length = len(doc_text(doc))
    matches = [m for m in matches if 0 <= m.start < m.end <= length]
    ensure_boundaries(doc, {m.start for m in matches} | {m.end for m in matches})
    spans = []
    for m in matches:
        span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="strict")
        if span is None:  # only possible inside a whitespace token; keep the nearest token span
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
        if span is None:
            continue
        doc.user_data[(_INFO_KEY, m.label, span.start_char, span.end_char)] = {
            "rule": m.rule, "score": m.score, **m.attrs}
        spans.append(span)
    doc.spans[key] = spans
    return spans


def ensure_boundaries(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that each character offset falls on a token boundary."""
    length = len(doc_text(doc))
    wanted = sorted({o for o in offsets if 0 < o < length})
    if not wanted:
        return
    starts = doc.to_array("IDX").tolist()
    boundaries = set(starts)
    cuts: dict[int, set[int]] = {}
    for offset in wanted:
        if offset in boundaries:
            continue
        i = bisect_right(starts, offset) - 1
        token = doc[i]
        if token.idx < offset < token.idx + len(token.text):
            cuts.setdefault(i, set()).add(offset - token.idx)
    if not cuts:
        return
    saved = {key: [(s.start_char, s.end_char, s.label_) for s in group] for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *sorted(points), len(token.text)]
            orths = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
    for key, items in saved.items():
        doc.spans[key] = [s for s in (doc.char_span(a, b, label=lab) for a, b, lab in items) if s is not None]


def info(span: Span) -> dict[str, Any]:
    return span._.info
