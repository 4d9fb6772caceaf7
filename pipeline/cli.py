"""The ``zhnews`` command: a thin layer over the library (``pipeline.api``) and the batch runner."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .ingest import DEFAULT_MAX_BYTES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Extract people, organizations, places, figures, dates and attributed quotes "
                       "from Chinese news articles.")

evaluate_app = typer.Typer(no_args_is_help=True, help="Measure the pipeline against annotated data.")
app.add_typer(evaluate_app, name="evaluate")


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (searched for *.txt).")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Folder for one <stem>.json per article.")] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Write one JSON line per article to this file.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes (default: all cores).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Redo articles whose output is up to date.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger files.")] = DEFAULT_MAX_BYTES,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress",
                                                  help="Progress bar (default: on a terminal).")] = None,
) -> None:
    """Extract a summary from each article. Exit status 1 when any file failed (the others are still
    written), 2 on a usage error."""
    import gc

    # What start-up makes (spaCy, numpy, the stages' tables) lives as long as the process, and the cyclic
    # collector walks the growing heap again and again while it is made: 3 % of the instructions of a
    # one-article run. It is off until the first article is done (a worker process turns it on once warmed
    # up, see ``batch._warm_up``).
    collect = gc.isenabled()
    gc.disable()
    try:
        _extract(paths, out, jsonl, workers, force, max_bytes, progress, collect)
    finally:
        if collect:
            gc.enable()


def _extract(paths: list[Path], out: Path | None, jsonl: Path | None, workers: int, force: bool, max_bytes: int,
             progress: bool | None, collect: bool) -> None:
    import gc

    from tqdm import tqdm

    from .batch import default_workers, find_inputs, report, run

    files, missing = find_inputs(paths)
    for outcome in missing:
        report(outcome)
    to_stdout = out is None and jsonl is None
    if to_stdout and len(files) > 1:
        typer.echo("zhnews: error: several articles need -o DIR or --jsonl FILE", err=True)
        raise typer.Exit(2)
    n_workers = workers or default_workers()
    failed = len(missing)
    counts = {"written": 0, "skipped": 0, "error": 0}
    show = progress if progress is not None else (sys.stderr.isatty() and len(files) > 1)
    jsonl_tmp = None
    if jsonl is not None:
        jsonl.parent.mkdir(parents=True, exist_ok=True)
        jsonl_tmp = jsonl.with_name(f".{jsonl.name}.tmp")
        handle = jsonl_tmp.open("w", encoding="utf-8", newline="\n")
    try:
        outcomes = run(files, out, workers=n_workers, force=force or jsonl is not None,
                       keep_json=to_stdout or jsonl is not None, compact=jsonl is not None, max_bytes=max_bytes)
        for outcome in tqdm(outcomes, total=len(files), disable=not show, unit="article"):
            if collect:
                gc.enable()
            counts[outcome.status] += 1
            if outcome.status == "error":
                failed += 1
                report(outcome)
            elif outcome.json is not None and jsonl is not None:
                handle.write(outcome.json)
            elif outcome.json is not None:
                sys.stdout.write(outcome.json)
        if jsonl is not None:
            handle.close()
            jsonl_tmp.replace(jsonl)
    finally:
        if jsonl is not None and not handle.closed:
            handle.close()
            jsonl_tmp.unlink(missing_ok=True)
    if not to_stdout:
        typer.echo(f"zhnews: {counts['written']} written, {counts['skipped']} up to date, {failed} failed",
                   err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def archive(
    inputs: Annotated[list[str], typer.Argument(
        help="Folders, files or globs: *.txt articles, JSON-lines (.jsonl) or Parquet files with id and text.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder of Parquet partitions, one row per article.")],
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (tcp://host:8786) or scheduler file; "
                            "default: a LocalCluster on this machine.")] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", min=1, help="Articles per partition.")] = 500,
    workers: Annotated[int, typer.Option("--workers", "-j", help="LocalCluster worker processes (default: all "
                                                                  "cores); ignored with --scheduler.")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Redo partitions whose output is up to date.")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse larger articles.")] = DEFAULT_MAX_BYTES,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress",
                                                  help="Progress bar (default: on a terminal without a "
                                                       "dashboard).")] = None,
) -> None:
    """Extract a whole archive on a Dask cluster into Parquet partitions (id, summary, error, counts).
    Resumable: partitions already done with this pipeline version and input are skipped. Exit status 1 when
    a partition failed (run again to retry it), 2 on a usage error; articles that fail are rows with an error."""
    from .archive import ArchiveError, run_archive
    from .archive_io import ArchiveInputError

    def say(message: str) -> None:
        typer.echo(message, err=True)

    try:
        report = run_archive(inputs, out, scheduler=scheduler, workers=workers, partition_size=partition_size,
                             force=force, max_bytes=max_bytes, progress=progress, echo=say)
    except (ArchiveInputError, ArchiveError) as exc:
        say(f"zhnews: error: {exc}")
        raise typer.Exit(2) from exc
    except KeyboardInterrupt as exc:
        say("zhnews: interrupted; run the same command again to finish (finished partitions are kept)")
        raise typer.Exit(130) from exc
    say(f"zhnews: {report.articles} articles in {report.partitions} partitions: {report.count('written')} "
        f"written, {report.count('skipped')} up to date, {len(report.failed)} failed; "
        f"{report.errors} articles with an error")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("-o", "--out", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Print the JSON Schema of a summary, generated from the pydantic models."""
    from .models import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        from .batch import write_atomic

        write_atomic(out, text)


@app.command()
def review(
    paths: Annotated[list[Path], typer.Argument(help="Summary files (.json, .jsonl) and folders of *.json.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for one <id>.html per article and index.html.")],
    raw: Annotated[Path | None, typer.Option("--raw", help="Folder of the raw articles (default: each "
                                             "summary's article.source, relative to the working directory).")] = None,
) -> None:
    """Write static HTML review pages: the article with every item highlighted in place, and tables.
    Exit status 1 when a page could not show its article or found spans that do not fit it, 2 on error."""
    from .review import review as render

    try:
        pages = render(paths, out, raw_dir=raw)
    except (ValueError, OSError) as exc:
        typer.echo(f"zhnews: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    troubled = [page for page in pages if page.problems]
    for page in troubled:
        for problem in page.problems:
            typer.echo(f"zhnews: {page.article_id}: {problem}", err=True)
    index = " and index.html" if len(pages) > 1 else ""
    typer.echo(f"zhnews: {len(pages)} page(s){index} written to {out}", err=True)
    if troubled:
        raise typer.Exit(1)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="A summary file, a .jsonl file or a folder (e.g. extracted/).")],
    new: Annotated[Path, typer.Argument(help="The same for the other run.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the differences as JSON.")] = False,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", help="A field not to compare (dotted: article.title, figures); repeatable.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Compare article.pipeline_version too.")] = False,
    show_equal: Annotated[bool, typer.Option("--show-equal", help="List equal articles too.")] = False,
) -> None:
    """Items added, removed and changed per article and field, matched by span and text (not list
    position). Exit status 0 when equal, 1 when different, 2 on error."""
    from .diff import DEFAULT_IGNORE, diff_paths, format_text, is_equal, to_json

    skip = set(ignore or []) | (set() if strict else set(DEFAULT_IGNORE))
    try:
        diffs = diff_paths(old, new, ignore=skip)
    except (ValueError, OSError) as exc:
        typer.echo(f"zhnews: error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(to_json(diffs), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(diffs, show_equal=show_equal))
    if not is_equal(diffs):
        raise typer.Exit(1)


@evaluate_app.command("speakers")
def evaluate_speakers(
    file: Annotated[Path, typer.Argument(help="Speaker-identification instances (e.g. test_explicit.txt).")],
    names: Annotated[Path | None, typer.Option("--names", help="Character list (default: name_list.txt "
                                               "beside FILE).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N instances.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List the instances answered wrongly.")] = False,
) -> None:
    """Accuracy of the speaker the quotes stage gives the quotation on each instance's 11th line."""
    from .evaluation.speakers import evaluate

    names = names or file.with_name("name_list.txt")
    if not file.is_file() or not names.is_file():
        typer.echo(f"zhnews: error: need {file} and {names}", err=True)
        raise typer.Exit(2)
    result = evaluate(file, names, limit=limit)
    typer.echo(f"accuracy {result.accuracy:.3f}  ({result.correct}/{result.total}; no speaker: {result.unanswered})")
    for category, (ok, n) in sorted(result.by_category.items()):
        typer.echo(f"  {category:10s} {ok / n:.3f}  ({ok}/{n})")
    if errors:
        for index, gold, predicted in result.errors:
            typer.echo(f"  #{index}: gold {gold}, predicted {predicted}")


@evaluate_app.command("articles")
def evaluate_articles(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold annotations <stem>.json (CONTRACT format).")],
    articles: Annotated[Path | None, typer.Option("--articles", help="Folder of the <stem>.txt articles "
                                                  "(default: the gold folder's parent).")] = None,
    details: Annotated[bool, typer.Option("--details", help="Per article: every field, missed and extra.")] = False,
    fields: Annotated[str | None, typer.Option("--fields", help="Comma-separated fields to show.")] = None,
) -> None:
    """Precision, recall and F1 of every CONTRACT field on article gold files, per article and
    micro-averaged."""
    from .evaluation.articles import FIELDS, evaluate, format_report

    if not gold_dir.is_dir():
        typer.echo(f"zhnews: error: not a folder: {gold_dir}", err=True)
        raise typer.Exit(2)
    shown = [f for f in fields.split(",") if f in FIELDS] if fields else list(FIELDS)
    sys.stdout.write(format_report(evaluate(gold_dir, articles), shown, details=details))


@evaluate_app.command("ner")
def evaluate_ner(
    path: Annotated[Path, typer.Argument(help="A BIO corpus: one `char tag` per line, blank line between "
                                              "sentences (People's Daily, MSRA).")],
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.")] = None,
) -> None:
    """Entity-level precision, recall and F1 per type (PER, LOC, ORG), exact spans."""
    from .evaluation.ner import evaluate_bio, format_scores

    if not path.is_file():
        typer.echo(f"zhnews: error: no such file: {path}", err=True)
        raise typer.Exit(2)
    report = evaluate_bio(path, limit=limit)
    typer.echo(f"{report.sentences} sentences")
    sys.stdout.write(format_scores({**report.by_type, "all": report.total()}))


@evaluate_app.command("cluener")
def evaluate_cluener(
    path: Annotated[Path, typer.Argument(help="CLUENER2020 JSON lines (dev.json).")],
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.")] = None,
) -> None:
    """People against `name`, attached titles against `position`, and the recall of positions that stand
    right before a name."""
    from .evaluation.ner import evaluate_cluener, format_scores

    if not path.is_file():
        typer.echo(f"zhnews: error: no such file: {path}", err=True)
        raise typer.Exit(2)
    r = evaluate_cluener(path, limit=limit)
    typer.echo(f"{r.sentences} sentences")
    sys.stdout.write(format_scores({"name": r.name, "position": r.position}))
    n = r.before_name_total or 1
    typer.echo(f"positions right before a name: {r.before_name_total}; title found ending there "
               f"{r.before_name_found / n:.3f} ({r.before_name_found}), covering the position "
               f"{r.before_name_covering / n:.3f} ({r.before_name_covering}), exact span "
               f"{r.before_name_exact / n:.3f} ({r.before_name_exact})")
    typer.echo(f"titles attached: {r.titles_attached}; ending where a position ends {r.title_end_precision:.3f} "
               f"({r.titles_at_position_end})")


@evaluate_app.command("recognizers")
def evaluate_recognizers(
    path: Annotated[Path, typer.Argument(help="Recognizers-Text specification folder (../shared/eval/figures).")],
    failures: Annotated[bool, typer.Option("--failures", help="List the in-scope cases that fail.")] = False,
) -> None:
    """Number, NumberWithUnit and DateTime cases within the contract: pass rate by file, and the cases
    left out because news usage differs (see pipeline/evaluation/recognizers.py)."""
    from .evaluation.recognizers import evaluate, report

    if not path.is_dir():
        typer.echo(f"zhnews: error: no such folder: {path}", err=True)
        raise typer.Exit(2)
    typer.echo(report(evaluate(path), show_failures=failures))


@app.command()
def version() -> None:
    """Print the pipeline version (package version and lexicon fingerprint)."""
    from .summary import pipeline_version

    typer.echo(pipeline_version())


def main() -> None:
    """The console entry point: the command, then an exit that skips tearing the interpreter down.

    Python's own exit frees every object of spaCy, numpy, jieba and the lexicons one by one: a quarter of
    the wall time of a one-article ``zhnews extract`` (0.3-0.4 s). Here the exit handlers run (the caches
    are written, logging is flushed), stdout and stderr are flushed and the process ends with the
    command's status; while a thread that Python would wait for is still running, the exit is Python's."""
    try:
        app()
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    _quick_exit(status)


def _quick_exit(status: object) -> None:
    import atexit
    import os
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    waited_for = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if waited_for or run_exit_handlers is None:
        sys.exit(status)
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message"): printed, status 1
        print(status, file=sys.stderr)
        code = 1
    run_exit_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (| head); Python's own exit says 120 then
            code = code or 120
    os._exit(code)
