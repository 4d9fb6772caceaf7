"""Archive inputs: which articles an archive run covers, cut into partitions, and how a worker reads one.

Archives come as folders of ``*.txt`` files (one article each, any encoding ``ingest`` understands), as
JSON-lines files (one ``{"id": …, "text": …}`` object a line) or as Parquet files with ``id`` and
``text`` columns (``text`` as a string, or as bytes in any encoding). The client plans; the workers read.

Planning is cheap and happens on the client: a folder listing, one pass over each JSON-lines file to find
where every ``partition_size``-th row starts (so each partition holds exactly that many rows), and only
the footer of each Parquet file. A ``Part`` names its slice of the input by absolute path and offsets, so a
worker on another machine reads it without the client shipping any text, provided the input is on a
filesystem every worker mounts at the same path.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .api import display_path
from .ingest import IngestError, read_bytes

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
_GLOB_CHARS = set("*?[")


class ArchiveInputError(Exception):
    """The input cannot be planned (a path that does not exist, a Parquet file without ``id``/``text``)."""


@dataclass(frozen=True)
class Part:
    """One unit of work: a slice of the input that becomes one Parquet file of the output."""

    index: int
    kind: str  # text | jsonl | parquet
    size: int  # articles in the slice
    #: text: (absolute path, id, source) of each file
    files: tuple[tuple[str, str, str], ...] = ()
    #: jsonl / parquet: the file (absolute) and how its rows' sources begin (relative to the client's cwd)
    path: str = ""
    source: str = ""
    #: jsonl: byte offsets [start, stop) and the line number at ``start``; parquet: rows [start, stop)
    start: int = 0
    stop: int = 0
    first_line: int = 0

    @property
    def key(self) -> str:
        """Fingerprint of which articles the slice covers (not of their content: that is the input hash)."""
        spec = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(spec.encode("utf-8")).hexdigest()[:12]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}-{self.key}.parquet"


@dataclass
class Item:
    """One article as read from the input, before extraction."""

    id: str
    source: str
    data: bytes | None = None
    #: why the article could not be read (it becomes the row's ``error``)
    error: str | None = None
    #: what the input hash covers for this article: its bytes' sha256, or what made reading fail
    digest: str = ""


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return "text"


def find_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named, globs expanded, and the archive files below folders, in a stable order without repeats."""
    found: list[Path] = []
    for entry in map(str, inputs):
        path = Path(entry)
        if path.is_dir():
            candidates = sorted(f for f in path.rglob("*") if f.is_file()
                                and f.name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES))
        elif path.exists():
            candidates = [path]
        elif _GLOB_CHARS & set(entry):
            matches = sorted(glob.glob(entry, recursive=True))
            if not matches:
                raise ArchiveInputError(f"{entry}: no file matches")
            candidates = []
            for match in map(Path, matches):
                candidates.extend(find_files([match]) if match.is_dir() else [match])
        else:
            raise ArchiveInputError(f"{entry}: no such file or folder")
        found.extend(candidates)
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in found:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    return unique


def plan(inputs: Sequence[str | Path], partition_size: int) -> list[Part]:
    """The partitions of an archive run: text files first, in name order, then each row file in turn."""
    if partition_size < 1:
        raise ArchiveInputError("partition size must be at least 1")
    files = find_files(inputs)
    parts: list[Part] = []
    texts = [f for f in files if _kind(f) == "text"]
    for i in range(0, len(texts), partition_size):
        chunk = tuple((str(f.resolve()), f.stem, display_path(f)) for f in texts[i:i + partition_size])
        parts.append(Part(index=len(parts), kind="text", size=len(chunk), files=chunk))
    for path in files:
        kind = _kind(path)
        if kind == "jsonl":
            for start, stop, first, count in jsonl_slices(path, partition_size):
                parts.append(Part(index=len(parts), kind="jsonl", size=count, path=str(path.resolve()),
                                  source=display_path(path), start=start, stop=stop, first_line=first))
        elif kind == "parquet":
            rows = _parquet_rows(path)
            for start in range(0, rows, partition_size):
                stop = min(rows, start + partition_size)
                parts.append(Part(index=len(parts), kind="parquet", size=stop - start, path=str(path.resolve()),
                                  source=display_path(path), start=start, stop=stop))
    return parts


def jsonl_slices(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    """(start byte, stop byte, line number at start, rows) of consecutive slices of ``size`` non-blank lines.

    A slice ends after its last row, so a file that grows at the end keeps its earlier slices (and their
    finished partitions) unchanged."""
    slices: list[tuple[int, int, int, int]] = []
    offset = start = count = line_no = 0
    first = 1
    with path.open("rb") as fh:
        for line in fh:
            line_no += 1
            if count == 0:
                start, first = offset, line_no
            offset += len(line)
            if line.strip():
                count += 1
                if count == size:
                    slices.append((start, offset, first, count))
                    count = 0
    if count:
        slices.append((start, offset, first, count))
    return slices


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError…; the run cannot plan around it
        raise ArchiveInputError(f"{display_path(path)}: not a readable Parquet file: {exc}") from exc
    names = set(pf.schema_arrow.names)
    missing = [c for c in ("id", "text") if c not in names]
    if missing:
        raise ArchiveInputError(f"{display_path(path)}: no column {', '.join(missing)} "
                                f"(columns: {', '.join(sorted(names))})")
    return pf.metadata.num_rows


def read_part(part: Part, *, max_bytes: int) -> Iterator[Item]:
    """The articles of a partition, in input order; an article that cannot be read is an ``Item`` with
    ``error`` set, never an exception."""
    if part.kind == "text":
        for path, article_id, source in part.files:
            yield _read_text(Path(path), article_id, source, max_bytes)
    elif part.kind == "jsonl":
        yield from _read_jsonl(part)
    elif part.kind == "parquet":
        yield from _read_parquet(part)
    else:
        raise ValueError(f"unknown partition kind {part.kind!r}")


def _read_text(path: Path, article_id: str, source: str, max_bytes: int) -> Item:
    # The same checks and messages as ``zhnews extract`` (pipeline.batch.process_file).
    try:
        data = read_bytes(path, max_bytes=max_bytes)
    except IngestError as exc:
        return Item(article_id, source, error=str(exc), digest=f"error:{exc}")
    return Item(article_id, source, data=data, digest=hashlib.sha256(data).hexdigest())


def _row_item(article_id: object, text: object, source: str, fallback_id: str, digest: str) -> Item:
    """A row's id and text checked against the input contract (id: string or integer; text: string or bytes)."""
    if article_id is None or article_id == "":
        return Item(fallback_id, source, error="row has no id", digest=digest)
    if isinstance(article_id, bool) or not isinstance(article_id, str | int):
        return Item(fallback_id, source, error=f"id must be a string or an integer, not {type(article_id).__name__}",
                    digest=digest)
    article_id = str(article_id)
    if text is None:
        return Item(article_id, source, error="row has no text", digest=digest)
    if isinstance(text, bytes):
        return Item(article_id, source, data=text, digest=digest)
    if not isinstance(text, str):
        return Item(article_id, source, error=f"text must be a string, not {type(text).__name__}", digest=digest)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates from a "\ud800" escape
        return Item(article_id, source, error=f"text is not valid Unicode: {exc.reason} at character {exc.start}",
                    digest=digest)
    return Item(article_id, source, data=data, digest=digest)


def _read_jsonl(part: Part) -> Iterator[Item]:
    stem = Path(part.path).stem
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        block = fh.read(part.stop - part.start)
    # split on \n only, as the planner counted lines (a stray \r inside a line must not add one)
    for line_no, line in enumerate(block.split(b"\n"), part.first_line):
        if not line.strip():
            continue
        source = f"{part.source}:{line_no}"
        fallback = f"{stem}:{line_no}"
        digest = hashlib.sha256(line).hexdigest()
        try:
            row = json.loads(line)
        except ValueError as exc:  # JSONDecodeError, or bytes that are not UTF-8
            yield Item(fallback, source, error=f"invalid JSON line: {exc}", digest=digest)
            continue
        if not isinstance(row, dict):
            yield Item(fallback, source, error=f"JSON line is a {type(row).__name__}, not an object", digest=digest)
            continue
        yield _row_item(row.get("id"), row.get("text"), source, fallback, digest)


def _read_parquet(part: Part) -> Iterator[Item]:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    # only the row groups that hold the slice are read
    groups: list[int] = []
    first_row = row = 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if row + n > part.start and row < part.stop:
            if not groups:
                first_row = row
            groups.append(g)
        row += n
    table = pf.read_row_groups(groups, columns=["id", "text"]).slice(part.start - first_row, part.stop - part.start)
    stem = Path(part.path).stem
    for offset, (article_id, text) in enumerate(zip(table.column("id").to_pylist(), table.column("text").to_pylist(),
                                                    strict=True)):
        n = part.start + offset
        raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else (text or b"")
        digest = hashlib.sha256(f"{article_id!r}\x00".encode("utf-8", "surrogatepass") + raw).hexdigest()
        yield _row_item(article_id, text, f"{part.source}[{n}]", f"{stem}[{n}]", digest)


def input_hash(items: Iterable[Item], *settings: object) -> str:
    """What decides a partition's output besides the pipeline version: each article's id, source and bytes,
    and the run's settings (``--max-bytes``)."""
    h = hashlib.sha256(json.dumps([str(s) for s in settings]).encode())
    for item in items:
        h.update(f"{item.id}\x00{item.source}\x00{item.digest}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()
