"""The library call every command is a thin layer over: bytes or text in, a ``Summary`` out."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from time import perf_counter

from . import summary as summary_stage
from .clean import clean
from .ingest import DEFAULT_MAX_BYTES, IngestError, RawText, decode, read
from .language import get_nlp
from .models import Summary
from .segment import is_word, segmenter

#: longer texts are processed in parts of at most this many characters, cut at line breaks: the cost of
#: fitting token boundaries to the items (spaCy's retokenizer) grows with the square of a Doc's length
PART_CHARS = 40_000


def extract_raw(raw: RawText, *, article_id: str = "article", source: str = "",
                timings: dict[str, float] | None = None) -> Summary:
    """Run every stage on decoded text. ``timings``, when given, accumulates seconds per step (clean,
    tokenizer, each component, summary): the benchmark's answer to where the time goes."""
    nlp = get_nlp()
    # cleaning only deletes characters, so a raw text within the limit is the test that fails fast
    # (before cleaning millions of characters only to refuse them)
    if len(raw.text) > nlp.max_length:
        raise IngestError(f"article too long: {len(raw.text):,} characters (limit {nlp.max_length:,})")
    if len(raw.text) <= PART_CHARS:
        return _extract_part(raw, article_id=article_id, source=source, timings=timings)
    bounds = part_bounds(raw.text, PART_CHARS)
    markdown = clean(raw.text[: bounds[0][1]]).format == "markdown"
    parts = [(start, _extract_part(replace(raw, text=raw.text[start:end], notes=raw.notes if start == 0 else ()),
                                   article_id=article_id, source=source, timings=timings, markdown=markdown))
             for start, end in bounds]
    note = (f"a long text ({len(raw.text):,} characters) was read in {len(bounds)} parts cut at line breaks; "
            "people, organizations and places are merged by name across them")
    return summary_stage.merge_parts(parts, note)


def part_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """[start, end) parts of at most ``limit`` characters, cut after a line break, else after a sentence's
    end, else anywhere (a text with neither is no article)."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1 or max(window.rfind(p) for p in "。！？!?") + 1 or limit
        if cut < limit // 4:  # a break too early would make tiny parts
            cut = max(window.rfind(p) for p in "。！？!?") + 1 or limit
            cut = cut if cut >= limit // 4 else limit
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


def _extract_part(raw: RawText, *, article_id: str, source: str, timings: dict[str, float] | None,
                  markdown: bool = False) -> Summary:
    nlp = get_nlp()
    clock = _Clock(timings)
    cleaned = clean(raw.text, is_word=is_word, markdown=markdown)
    clock.lap("clean")
    # the segmenter's dictionary entries the text needs, before any stage reads them (the tokenizer
    # cuts this very string and does not read them again)
    segmenter().require(cleaned.text)
    doc = nlp.make_doc(cleaned.text)
    clock.lap("tokenizer")
    doc._.clean = cleaned
    date, _source = summary_stage.article_date(cleaned, article_id)
    doc._.meta = {"warnings": [("decoding", note, None, None) for note in raw.notes], "article_date": date}
    for name, component in nlp.pipeline:
        doc = component(doc)
        clock.lap(name)
    summary = summary_stage.build(doc, raw, article_id=article_id, source=source)
    clock.lap("summary")
    return summary


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = perf_counter()

    def lap(self, step: str) -> None:
        if self.timings is not None:
            now = perf_counter()
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
            self.last = now


def extract_bytes(data: bytes, *, article_id: str = "article", source: str = "",
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Summary:
    return extract_raw(decode(data, max_bytes=max_bytes), article_id=article_id, source=source)


def extract_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Summary:
    path = Path(path)
    return extract_raw(read(path, max_bytes=max_bytes), article_id=path.stem, source=display_path(path))


def extract(text_or_path: str | Path | bytes, **kwargs: object) -> Summary:
    """A path (``Path``, or a string naming an existing file) is read; any other string is the text."""
    if isinstance(text_or_path, bytes):
        return extract_bytes(text_or_path, **kwargs)  # type: ignore[arg-type]
    if isinstance(text_or_path, Path) or ("\n" not in text_or_path and len(text_or_path) < 4096
                                          and os.path.isfile(text_or_path)):
        return extract_path(text_or_path, **kwargs)  # type: ignore[arg-type]
    data = text_or_path.encode("utf-8")
    return extract_bytes(data, **kwargs)  # type: ignore[arg-type]


def display_path(path: Path) -> str:
    """The path as the summary's ``source``: relative to the working directory where it lies below it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
