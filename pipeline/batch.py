"""Batches: many files, one summary each, on every core, never stopped by one bad file.

Outputs are written to a temporary file beside the target and renamed into place, so a reader never
sees half a summary. An output whose raw sha256 and pipeline version match is not redone.
"""

from __future__ import annotations

import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from hashlib import sha256
from itertools import islice
from pathlib import Path

from .atomic import write_bytes_atomic
from .ingest import DEFAULT_MAX_BYTES, IngestError, decode, read_bytes


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # written | skipped | error
    message: str = ""
    json: str | None = None  # the summary, when the caller asked for it back (stdout, JSON lines)


def find_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[Outcome]]:
    """Files named, and ``*.txt`` below folders named, in a stable order; unreadable paths as errors."""
    files: list[Path] = []
    errors: list[Outcome] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.txt") if f.is_file()))
        elif p.exists():
            files.append(p)
        else:
            errors.append(Outcome(str(p), "error", "no such file or folder"))
    return files, errors


def output_path(path: Path, out_dir: Path) -> Path:
    return out_dir / f"{path.stem}.json"


def is_current(target: Path, digest: str, version: str) -> bool:
    try:
        article = json.loads(target.read_text(encoding="utf-8"))["article"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return article.get("sha256") == digest and article.get("pipeline_version") == version


def write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, text.encode("utf-8"))


def process_file(path: Path, out_dir: Path | None, *, force: bool = False, keep_json: bool = False,
                 compact: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Outcome:
    """Extract one file; every failure becomes an ``Outcome`` naming the problem."""
    from .api import display_path, extract_raw
    from .summary import pipeline_version

    name = str(path)
    try:
        data = read_bytes(path, max_bytes=max_bytes)
        target = output_path(path, out_dir) if out_dir is not None else None
        if target is not None and not force and is_current(target, sha256(data).hexdigest(), pipeline_version()):
            return Outcome(name, "skipped", "up to date")
        raw = decode(data, max_bytes=max_bytes)
        summary = extract_raw(raw, article_id=path.stem, source=display_path(path))
        text = summary.to_json_line() if compact else summary.to_json()
        if target is not None:
            write_atomic(target, text)
        return Outcome(name, "written", json=text if keep_json else None)
    except IngestError as exc:
        return Outcome(name, "error", str(exc))
    except OSError as exc:
        return Outcome(name, "error", f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug on one article must not stop the batch; the message says which
        return Outcome(name, "error", f"internal error: {type(exc).__name__}: {exc}")


def _warm_up() -> None:
    import gc

    from .language import get_nlp
    from .segment import segmenter

    get_nlp()
    segmenter()
    gc.enable()  # a worker forked while ``zhnews extract`` held the collector off for its start-up


def run(files: Iterable[Path], out_dir: Path | None, *, workers: int = 1, force: bool = False,
        keep_json: bool = False, compact: bool = False, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Outcome]:
    """Outcomes in input order. ``files`` is read lazily and, with several workers, at most a few
    articles per worker are in flight, so memory stays flat however long the list."""
    kwargs = {"force": force, "keep_json": keep_json, "compact": compact, "max_bytes": max_bytes}
    if workers <= 1 or (isinstance(files, Sized) and len(files) <= 1):
        for path in files:
            yield process_file(path, out_dir, **kwargs)
        return
    pending = iter(files)
    while True:
        suspects: list[Path] = []
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
            window: deque[tuple[Path, Future[Outcome]]] = deque()

            def submit(path: Path, pool: ProcessPoolExecutor = pool, window: deque = window) -> None:
                window.append((path, pool.submit(process_file, path, out_dir, **kwargs)))

            for path in islice(pending, workers * 4):
                submit(path)
            while window:
                path, future = window.popleft()
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    # a worker was killed (out of memory, a signal) or crashed: which of the articles in
                    # flight did it is unknown, so each is redone alone before the batch goes on
                    suspects = [path, *(p for p, _ in window)]
                    break
                nxt = next(pending, None)
                if nxt is not None:
                    submit(nxt)
                yield outcome
        if not suspects:
            return
        for path in suspects:
            yield _isolated(path, out_dir, kwargs)


def _isolated(path: Path, out_dir: Path | None, kwargs: dict) -> Outcome:
    """One article in a process of its own, so that a crash is that article's error and nobody else's.
    Forced: the dead pool may have written this article's output just before it broke, and an article
    that was redone must say so, not "up to date"."""
    with ProcessPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(process_file, path, out_dir, **{**kwargs, "force": True}).result()
        except BrokenProcessPool:
            return Outcome(str(path), "error", "internal error: the worker process died on this article "
                                               "(out of memory or killed)")


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def report(outcome: Outcome) -> None:
    if outcome.status == "error":
        print(f"zhnews: error: {outcome.path}: {outcome.message}", file=sys.stderr)
