"""Results on the ``Doc``: span groups whose spans carry an ``info`` record (rule, score, attributes).

A stage finds its items as character offsets in the cleaned text (rules read characters, and jieba's
words do not always end where a name does: ``董贵蛟表示`` may come as ``董贵|蛟表示``). ``set_spans``
splits tokens where an item needs a boundary, keeps every existing span group valid across the split,
and stores the group.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from spacy.attrs import IDX, LENGTH
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


#: where spaCy keeps the value of ``doc._.clean`` (``Underscore._get_key``): read directly, the text
#: costs one dict lookup instead of an Underscore object per read
_CLEAN_KEY = ("._.", "clean", None, None)


def doc_text(doc: Doc) -> str:
    """The Doc's text, without spaCy rebuilding it from the tokens at each access (which costs as much
    as a pass over every token): the cleaned text the Doc was made from."""
    clean = doc.user_data.get(_CLEAN_KEY)
    return clean.text if clean is not None else doc.text


_TOKEN_SPANS_KEY = "zhnews_token_spans"


def _token_table(doc: Doc) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The kept (start, end, text) of every token and their starts, made once per Doc from arrays rather
    than a Token per word. ``ensure_boundaries``, the one place the pipeline changes tokens, updates
    both when it splits; the token count they were made for tells a Doc retokenized elsewhere (where
    reading the arrays again at every call cost more than the stages' own use of them)."""
    count = len(doc)
    kept = doc.user_data.get(_TOKEN_SPANS_KEY)
    if kept is not None and kept[0] == count:
        return kept[1], kept[2]
    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH])
    starts = rows[:, 0].tolist()
    ends = (rows[:, 0] + rows[:, 1]).tolist()
    # the loops run in C (map, zip): a comprehension over 2,000 tokens cost twice as much
    spans = list(zip(starts, ends, map(text.__getitem__, map(slice, starts, ends)), strict=True))
    doc.user_data[_TOKEN_SPANS_KEY] = (count, spans, starts)
    return spans, starts


def token_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, text) of every token: a copy of the kept list, so a caller may change its own."""
    return list(_token_table(doc)[0])


def token_starts(doc: Doc) -> list[int]:
    """The start offset of every token, in order: the kept list itself, to read, not to change."""
    return _token_table(doc)[1]


def set_spans(doc: Doc, key: str, matches: Iterable[Match]) -> list[Span]:
    """Store ``matches`` as ``doc.spans[key]`` (each with its info record) and return the spans."""
    length = len(doc_text(doc))
    matches = [m for m in matches if 0 <= m.start < m.end <= length]
    ensure_boundaries(doc, {m.start for m in matches} | {m.end for m in matches})
    tokens, starts = _token_table(doc)
    user_data = doc.user_data
    spans = []
    for m in matches:
        # the tokens starting at m.start and ending at m.end, by bisection in the kept starts: what
        # ``char_span(..., alignment_mode="strict")`` finds, without its Token objects
        i = bisect_left(starts, m.start)
        j = bisect_right(starts, m.end - 1) - 1
        if i < len(starts) and starts[i] == m.start and tokens[j][1] == m.end:
            span = Span(doc, i, j + 1, label=m.label)
        else:  # only possible inside a whitespace token; keep the nearest token span
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is None:
                continue
        user_data[(_INFO_KEY, m.label, span.start_char, span.end_char)] = {"rule": m.rule, "score": m.score, **m.attrs}
        spans.append(span)
    doc.spans[key] = spans
    return spans


def ensure_boundaries(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that each character offset falls on a token boundary."""
    length = len(doc_text(doc))
    tokens, starts = _token_table(doc)
    cuts: dict[int, set[int]] = {}
    for offset in offsets:
        if 0 < offset < length:
            i = bisect_right(starts, offset) - 1
            a, b, _w = tokens[i]
            if a < offset < b:
                cuts.setdefault(i, set()).add(offset - a)
    if not cuts:
        return
    order = sorted(cuts)
    pieces = {}
    for i in order:
        a, _b, word = tokens[i]
        bounds = [0, *sorted(cuts[i]), len(word)]
        pieces[i] = [(a + x, a + y, word[x:y]) for x, y in pairwise(bounds)]
    # a span's token indices move by the pieces added before them (what ``char_span`` at its old
    # offsets would find after the split, without a Token per lookup)
    saved = {key: [(s.start, s.end, s.label) for s in group] for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i in order:
            token = doc[i]
            retokenizer.split(token, [w for _a, _b, w in pieces[i]], heads=[(token, 0)] * len(pieces[i]))
    new_tokens: list[tuple[int, int, str]] = []
    new_starts: list[int] = []
    added = [0]  # added[n]: the pieces the first n split tokens (in ``order``) added
    last = 0
    for i in order:
        new_tokens += tokens[last:i]
        new_tokens += pieces[i]
        new_starts += starts[last:i]
        new_starts += [a for a, _b, _w in pieces[i]]
        added.append(added[-1] + len(pieces[i]) - 1)
        last = i + 1
    new_tokens += tokens[last:]
    new_starts += starts[last:]
    doc.user_data[_TOKEN_SPANS_KEY] = (len(doc), new_tokens, new_starts)
    for key, items in saved.items():
        # token index k moves by what the split tokens before it added
        doc.spans[key] = [Span(doc, a + added[bisect_left(order, a)], b + added[bisect_left(order, b)], label=label)
                          for a, b, label in items]


def info_of(span: Span) -> dict[str, Any]:
    """``span._.info`` without spaCy's extension machinery (an object made per read): for loops over a
    group's spans."""
    return span.doc.user_data.get((_INFO_KEY, span.label_, span.start_char, span.end_char), {})


info = info_of
