"""The library call every command is a thin layer over: bytes or text in, a ``Summary`` out."""

from __future__ import annotations

import os
from pathlib import Path

from . import summary as summary_stage
from .clean import clean
from .ingest import DEFAULT_MAX_BYTES, IngestError, RawText, decode, read
from .language import get_nlp
from .models import Summary
from .segment import is_word


def extract_raw(raw: RawText, *, article_id: str = "article", source: str = "") -> Summary:
    """Run every stage on decoded text."""
    nlp = get_nlp()
    cleaned = clean(raw.text, is_word=is_word)
    if len(cleaned.text) > nlp.max_length:
        raise IngestError(f"article too long: {len(cleaned.text):,} characters (limit {nlp.max_length:,})")
    doc = nlp.make_doc(cleaned.text)
    doc._.clean = cleaned
    date, _source = summary_stage.article_date(cleaned, article_id)
    doc._.meta = {"warnings": [("decoding", note, None, None) for note in raw.notes], "article_date": date}
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return summary_stage.build(doc, raw, article_id=article_id, source=source)


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
