"""Archive runs: ``zhnews extract`` over a whole archive on a Dask cluster, into Parquet partitions.

The client plans partitions (``archive_io.plan``) and keeps a few per worker thread in flight; each
Dask task reads its slice of the input, runs the same library call as ``zhnews extract`` on every
article, and writes one Parquet file itself (temporary name, then rename), returning only a few
numbers. So the client never holds article text, and a worker's memory does not grow with the number
of partitions it has done. Futures rather than a ``dask.dataframe`` graph: a partition must be able to
decide on the worker that its output is already current and skip itself, which ``to_parquet`` cannot.

A partition's output records the pipeline version and a hash of its input (each article's id, source
and bytes, and ``--max-bytes``); a file that matches both is not redone, so an interrupted run resumed
with the same command finishes the rest and a run after a lexicon change redoes everything. Output
files are named by their slice of the input, and files of slices no longer in the plan are removed
before the run, so the folder never holds an article twice.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from .api import extract_raw
from .archive_io import ArchiveInputError, Item, Part, input_hash, plan, read_part
from .ingest import DEFAULT_MAX_BYTES, IngestError, decode
from .summary import pipeline_version

if TYPE_CHECKING:
    from distributed import Client

#: articles per partition: about a minute of one worker's time, so an interruption loses little
PARTITION_SIZE = 500
MANIFEST = "_archive.json"
_LOCK = ".zhnews-archive.lock"
_PART_FILE = re.compile(r"^part-\d{5,}-[0-9a-f]{12}\.parquet$")
_TMP_FILE = re.compile(r"^\.part-\d{5,}-[0-9a-f]{12}\.parquet\..*\.tmp$")

META_VERSION = b"zhnews.pipeline_version"
META_INPUT = b"zhnews.input_hash"
META_ERRORS = b"zhnews.errors"
META_PART = b"zhnews.partition"

COUNTED = ("people", "organizations", "places", "figures", "dates", "quotes", "warnings")
SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("source", pa.string(), nullable=False),
    pa.field("sha256", pa.string()),
    pa.field("pipeline_version", pa.string(), nullable=False),
    pa.field("error", pa.string()),
    pa.field("summary", pa.string()),
    pa.field("encoding", pa.string()),
    pa.field("title", pa.string()),
    pa.field("publication", pa.string()),
    pa.field("date", pa.string()),
    pa.field("n_bytes", pa.int64()),
    pa.field("n_chars", pa.int64()),
    *(pa.field(f"n_{name}", pa.int32()) for name in COUNTED),
    pa.field("extract_ms", pa.float32()),
])


class ArchiveError(Exception):
    """The run cannot start: the cluster cannot be reached, or its workers differ from the client."""


# --- on the worker ---------------------------------------------------------------------------------

#: a short article touching every stage, so that whatever a stage loads on first use is loaded up front
_WARM_UP_TEXT = "本报北京1月2日电（记者王明）\n市统计局局长李华表示，“今年全市新增企业2万余家，增长5.3%。”\n"


def warm_up() -> None:
    """Build the pipeline (lexicons, jieba dictionary, spaCy components) once in this process."""
    from .segment import segmenter

    segmenter()
    extract_raw(decode(_WARM_UP_TEXT.encode("utf-8")), article_id="warm-up")


try:
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a dependency; the archive command needs it
    WorkerPlugin = object  # type: ignore[misc,assignment]


#: the periodic callbacks of a Dask worker's statistical profiler: every 10 ms it merges the running task's call stack
#: into a tree, and every second it moves that tree into two histories (whole worker, per task name) that keep the last
#: ``distributed.admin.low-level-log-length`` seconds (1,000 by default). Extraction's stacks are deep and varied, so
#: those histories grew the worker by about 80 KB per second of work (310 -> 329 MB over 233 s in one probe), for the
#: first 17 minutes of a run: what looked like growth per partition (issue #8).
_PROFILER_CALLBACKS = ("profile", "profile-cycle")


def stop_profiling(worker: Any) -> None:
    """Stop the worker's statistical profiler and drop what it kept (the dashboard's Profile page is then empty for
    this worker; the task stream and the per-task timings are unaffected)."""
    for name in _PROFILER_CALLBACKS:
        callback = worker.periodic_callbacks.pop(name, None)
        if callback is not None:
            callback.stop()
    for history in ("profile_history", "profile_keys_history", "profile_keys"):
        with suppress(AttributeError):
            getattr(worker, history).clear()


class PipelineLoader(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the pipeline when a worker joins, before it gets a partition (the caches in ``get_nlp`` and
    ``segmenter`` then serve every article of every partition), and stops the worker's profiler, whose
    history would otherwise grow for the first quarter of an hour of the run (``stop_profiling``)."""

    idempotent = True
    name = "zhnews-pipeline"

    async def setup(self, worker: object) -> None:
        import asyncio

        stop_profiling(worker)
        # in a thread: two seconds of loading on the worker's event loop would stall its heartbeats
        await asyncio.to_thread(warm_up)


def article_row(item: Item, version: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """One output row: the summary ``zhnews extract`` writes for the article, or the error that stopped it."""
    row: dict[str, Any] = dict.fromkeys(SCHEMA.names)
    row.update(id=item.id, source=item.source, pipeline_version=version)
    if item.data is not None:
        row["n_bytes"] = len(item.data)
    if item.error is not None:
        row["error"] = item.error
        return row
    assert item.data is not None
    started = time.perf_counter()
    try:
        raw = decode(item.data, max_bytes=max_bytes)
        summary = extract_raw(raw, article_id=item.id, source=item.source)
        text = summary.to_json()
    except IngestError as exc:
        row["error"] = str(exc)
    except Exception as exc:  # a bug on one article must not fail its partition; the row says what happened
        row["error"] = f"internal error: {type(exc).__name__}: {exc}"
    else:
        article = summary.article
        row.update(summary=text, sha256=article.sha256, encoding=article.encoding, title=article.title,
                   publication=article.publication, date=article.date, n_chars=len(raw.text),
                   **{f"n_{name}": len(getattr(summary, name)) for name in COUNTED})
    if row["sha256"] is None:
        row["sha256"] = sha256(item.data).hexdigest()
    row["extract_ms"] = (time.perf_counter() - started) * 1000
    return row


def write_part(rows: Sequence[dict[str, Any]], target: Path, metadata: dict[bytes, bytes]) -> None:
    """Write a partition atomically: readers (and a resumed run) see the whole file or none."""
    table = pa.Table.from_pylist(list(rows), schema=SCHEMA).replace_schema_metadata(metadata)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def part_metadata(target: Path) -> dict[bytes, bytes] | None:
    """The key-value metadata of a finished partition file (its footer only), or None if unreadable."""
    try:
        return pq.read_schema(target).metadata or {}
    except (OSError, pa.ArrowException):
        return None


def process_part(part: Part, out_dir: str, *, version: str, max_bytes: int = DEFAULT_MAX_BYTES,
                 force: bool = False) -> dict[str, Any]:
    """The Dask task: one partition from input to Parquet file, or skipped if its file is current."""
    started = time.perf_counter()
    here = pipeline_version()
    if here != version:
        raise ArchiveError(f"this worker runs pipeline {here}, the client {version}: install the same zhnews "
                           "version and lexicons (ZHNEWS_LEXICONS) on every worker")
    items = list(read_part(part, max_bytes=max_bytes))
    digest = input_hash(items, max_bytes)
    target = Path(out_dir) / part.name
    result: dict[str, Any] = {"index": part.index, "name": part.name, "articles": len(items), "pid": os.getpid(),
                              "worker": _worker_address()}
    meta = None if force else part_metadata(target)
    if meta is not None and meta.get(META_VERSION) == version.encode() and meta.get(META_INPUT) == digest.encode():
        result.update(status="skipped", errors=int(meta.get(META_ERRORS, b"0")), extract_seconds=0.0)
    else:
        rows = [article_row(item, version, max_bytes=max_bytes) for item in items]
        errors = sum(row["error"] is not None for row in rows)
        write_part(rows, target, {
            META_VERSION: version.encode(), META_INPUT: digest.encode(), META_ERRORS: str(errors).encode(),
            META_PART: json.dumps({"index": part.index, "kind": part.kind, "path": part.path, "start": part.start,
                                   "stop": part.stop, "articles": part.size}, ensure_ascii=False).encode(),
        })
        result.update(status="written", errors=errors,
                      extract_seconds=sum(row["extract_ms"] or 0.0 for row in rows) / 1000)
    result.update(seconds=time.perf_counter() - started, rss=rss())
    return result


def rss() -> int:
    """Resident memory of this process, in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return f"pid:{os.getpid()}"


# --- on the client ---------------------------------------------------------------------------------

@dataclass
class Report:
    out_dir: str
    pipeline_version: str
    partitions: int
    articles: int
    partition_size: int
    complete: bool = False
    results: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    workers: dict[str, int] = field(default_factory=dict)  # address: resident memory after the run
    dashboard: str | None = None
    cluster_seconds: float = 0.0  # connecting or starting the cluster, and loading the pipeline on it
    run_seconds: float = 0.0  # first partition submitted to last one back

    def count(self, status: str) -> int:
        return sum(r["status"] == status for r in self.results)

    @property
    def errors(self) -> int:
        return sum(r["errors"] for r in self.results)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"


def has_dashboard_support() -> bool:
    """The Dask dashboard needs bokeh, which is not a dependency of zhnews. (Without it the scheduler still
    serves /health and /metrics on the dashboard port, so the port alone says nothing.)"""
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def _dashboard_link(client: Client) -> str | None:
    if "dashboard" not in client.scheduler_info().get("services", {}):
        return None
    try:
        has_bokeh = client.run_on_scheduler(has_dashboard_support)
    except Exception:  # a scheduler without zhnews installed cannot run the check: trust its services
        has_bokeh = True
    return str(client.dashboard_link) if has_bokeh else None


@contextmanager
def connect(scheduler: str | None = None, workers: int = 0) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (an address, or a scheduler file written by ``dask scheduler
    --scheduler-file``), or of a new ``LocalCluster`` with one single-threaded worker process per core.
    Extraction is pure Python, so threads would only queue for the GIL."""
    from distributed import Client, LocalCluster

    from .batch import default_workers

    if scheduler:
        kwargs: dict[str, Any] = ({"scheduler_file": scheduler} if Path(scheduler).is_file()
                                  else {"address": scheduler})
        try:
            client = Client(timeout="30s", **kwargs)
        except (OSError, TimeoutError) as exc:
            raise ArchiveError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                      dashboard_address=":8787" if has_dashboard_support() else None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


@contextmanager
def _locked(out_dir: Path) -> Iterator[None]:
    """One run per output folder at a time: two would remove each other's partitions as stale."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    with (out_dir / _LOCK).open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise ArchiveError(f"{out_dir}: another archive run is writing to this folder") from exc
        yield


def _remove_stale(out_dir: Path, parts: Sequence[Part]) -> list[str]:
    """Files of slices that are not in this plan (the input or partition size changed), and temporary files
    an interrupted run left behind."""
    keep = {p.name for p in parts}
    removed = []
    for path in out_dir.iterdir():
        if (_PART_FILE.match(path.name) and path.name not in keep) or _TMP_FILE.match(path.name):
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return sorted(removed)


def _check_workers(client: Client, version: str, paths: Sequence[str]) -> None:
    """Fail before any work if a worker would compute something else, or cannot see the files."""
    try:
        client.wait_for_workers(1, timeout=120)
    except TimeoutError as exc:
        raise ArchiveError("the Dask cluster has no worker (start some with `dask worker ADDRESS`)") from exc
    try:
        versions = client.run(pipeline_version)
    except ImportError as exc:
        raise ArchiveError(f"a worker cannot import zhnews: {exc}; install it on every worker") from exc
    wrong = {addr: v for addr, v in versions.items() if v != version}
    if wrong:
        listing = ", ".join(f"{addr} runs {v}" for addr, v in sorted(wrong.items()))
        raise ArchiveError(f"the client runs pipeline {version} but {listing}: install the same zhnews version "
                           "and lexicons on every worker")
    for path in paths:
        blind = sorted(addr for addr, seen in client.run(os.path.exists, path).items() if not seen)
        if blind:
            raise ArchiveError(f"{', '.join(blind)} cannot see {path}: the input and output folders must be on a "
                               "filesystem every worker mounts at the same path")


def run_archive(inputs: Sequence[str | Path], out_dir: str | Path, *, client: Client | None = None,
                scheduler: str | None = None, workers: int = 0, partition_size: int = PARTITION_SIZE,
                force: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, progress: bool | None = None,
                echo: Callable[[str], None] | None = None) -> Report:
    """Extract every article of ``inputs`` into Parquet partitions under ``out_dir``.

    With ``client`` the run uses that cluster; otherwise it connects to ``scheduler`` or starts a
    ``LocalCluster`` of ``workers`` processes, and stops it after the run. Partitions that fail as a
    whole (a worker lost three times, an unwritable folder) are listed in ``Report.failed``; articles
    that fail are rows with an ``error``."""
    say = echo or (lambda message: print(message, file=sys.stderr))
    out = Path(out_dir).resolve()
    parts = plan(inputs, partition_size)
    out.mkdir(parents=True, exist_ok=True)
    report = Report(out_dir=str(out), pipeline_version="", partitions=len(parts),
                    articles=sum(p.size for p in parts), partition_size=partition_size)
    with _locked(out):
        # an input that is empty (a typo in a path) must not wipe a finished archive
        report.removed = _remove_stale(out, parts) if parts else []
        try:
            if not parts:  # an empty folder: nothing to start a cluster for
                report.pipeline_version = pipeline_version()
                report.complete = True
            elif client is not None:
                _run(client, parts, out, report, force=force, max_bytes=max_bytes, progress=progress, say=say)
            else:
                started = time.perf_counter()
                with connect(scheduler, workers) as own:
                    report.cluster_seconds = time.perf_counter() - started
                    _run(own, parts, out, report, force=force, max_bytes=max_bytes, progress=progress, say=say)
        finally:
            _write_manifest(out / MANIFEST, report)
    return report


def _run(client: Client, parts: Sequence[Part], out: Path, report: Report, *, force: bool, max_bytes: int,
         progress: bool | None, say: Callable[[str], None]) -> None:
    from distributed import as_completed
    from tqdm import tqdm

    started = time.perf_counter()
    first_input = next((p.files[0][0] if p.files else p.path for p in parts), None)
    # taken once the workers are up, so that the client's and the workers' fingerprints of the code are read at
    # about the same time
    report.pipeline_version = pipeline_version()
    _check_workers(client, report.pipeline_version, [str(out), *([first_input] if first_input else [])])
    client.register_plugin(PipelineLoader())
    report.cluster_seconds += time.perf_counter() - started
    report.dashboard = _dashboard_link(client)
    if report.dashboard:
        say(f"zhnews: Dask dashboard: {report.dashboard}")
    show = progress if progress is not None else (report.dashboard is None and sys.stderr.isatty())
    token = uuid.uuid4().hex[:8]
    pending = iter(parts)
    part_of: dict[str, Part] = {}
    running = as_completed()

    def submit_more() -> None:
        # a few partitions per worker thread in flight: enough to keep every worker busy, few enough that the
        # scheduler's memory and an interruption's loss stay small; counted again each time as workers come and go
        window = 2 * max(1, sum(client.nthreads().values()))
        while running.count() < window:
            part = next(pending, None)
            if part is None:
                return
            future = client.submit(process_part, part, str(out), version=report.pipeline_version,
                                   max_bytes=max_bytes, force=force, key=f"zhnews-{token}-{part.name}", retries=1)
            part_of[future.key] = part
            running.add(future)

    started = time.perf_counter()
    with tqdm(total=report.articles, disable=not show, unit="article", file=sys.stderr) as bar:
        submit_more()
        for future in running:
            part = part_of.pop(future.key)
            if future.status == "finished":
                report.results.append(future.result())
            else:
                if future.status == "error":
                    exc = future.exception()
                    message = f"{type(exc).__name__}: {exc}"
                else:  # cancelled, or lost with its worker
                    message = future.status
                report.failed.append({"index": part.index, "name": part.name, "error": message})
                say(f"zhnews: error: partition {part.index} ({part.name}) failed: {message}")
            future.release()
            bar.update(part.size)
            submit_more()
    report.run_seconds = time.perf_counter() - started
    report.results.sort(key=lambda r: r["index"])
    with suppress(Exception):  # memory figures are for the report; a worker that just left has none
        report.workers = client.run(rss)
    report.complete = not report.failed


def _write_manifest(target: Path, report: Report) -> None:
    from .batch import write_atomic

    write_atomic(target, report.to_json())


# --- questions the data team asks of an archive ------------------------------------------------------
# Each is shown in docs/archive.md exactly as written here (a test checks); ``query`` points it at a folder.

ARCHIVE_GLOB = "'archive/*.parquet'"

QUERIES: dict[str, str] = {
    "quoted_most": """\
SELECT q ->> '$.speaker.name' AS speaker,
       count(*) AS quotes,
       count(DISTINCT source) AS articles
FROM (SELECT source, unnest(json_extract(summary, '$.quotes[*]')) AS q
      FROM read_parquet('archive/*.parquet')
      WHERE error IS NULL)
WHERE q ->> '$.speaker.type' = 'person'
GROUP BY speaker
ORDER BY quotes DESC, speaker
LIMIT 20;""",
    "organizations_with_people": """\
WITH people AS (
  SELECT source, unnest(json_extract_string(summary, '$.people[*].name')) AS person
  FROM read_parquet('archive/*.parquet')
  WHERE error IS NULL
), organizations AS (
  SELECT source, unnest(json_extract_string(summary, '$.organizations[*].name')) AS organization
  FROM read_parquet('archive/*.parquet')
  WHERE error IS NULL
)
SELECT organization, person, count(*) AS articles
FROM organizations JOIN people USING (source)
GROUP BY organization, person
ORDER BY articles DESC, organization, person
LIMIT 20;""",
    "figures_by_unit": """\
SELECT f ->> '$.unit' AS unit,
       f ->> '$.kind' AS kind,
       count(*) AS figures,
       count(DISTINCT source) AS articles,
       min(TRY_CAST(f ->> '$.value' AS DOUBLE)) AS smallest,
       median(TRY_CAST(f ->> '$.value' AS DOUBLE)) AS median,
       max(TRY_CAST(f ->> '$.value' AS DOUBLE)) AS largest
FROM (SELECT source, unnest(json_extract(summary, '$.figures[*]')) AS f
      FROM read_parquet('archive/*.parquet')
      WHERE error IS NULL)
GROUP BY unit, kind
ORDER BY figures DESC, unit, kind;""",
    "errors": """\
SELECT error, count(*) AS articles, min(source) AS example
FROM read_parquet('archive/*.parquet')
WHERE error IS NOT NULL
GROUP BY error
ORDER BY articles DESC, error;""",
}


def query(out_dir: str | Path, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one of ``QUERIES`` with DuckDB over the Parquet files in ``out_dir``, in place (no server):
    column names and rows."""
    import duckdb

    pattern = str(Path(out_dir) / "*.parquet").replace("'", "''")
    sql = QUERIES[name].replace(ARCHIVE_GLOB, f"'{pattern}'")
    with duckdb.connect() as con:
        cursor = con.execute(sql)
        return [d[0] for d in cursor.description], cursor.fetchall()


__all__ = ["PARTITION_SIZE", "QUERIES", "SCHEMA", "ArchiveError", "ArchiveInputError", "Report", "process_part",
           "query", "run_archive"]
