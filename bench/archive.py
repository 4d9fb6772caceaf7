"""Benchmark: ``zhnews extract --workers N`` against ``zhnews archive`` on a LocalCluster of N workers.

    python bench/archive.py [--articles 10000] [--eval-articles ../shared/eval/articles] [--workers 2]
                            [--partition-size 500] [--keep DIR]

Both commands run, in the same run, over the same generated folder of ``--articles`` files, made by
repeating the articles of ``raw/`` (and of ``--eval-articles`` when given) with their paragraphs rotated
and their digits shifted, so that no two files are alike. Measures:
- articles per second of each command, from process start to exit (start-up included) and, for the
  archive, between its first partition submitted and its last one back (steady state);
- the scheduling overhead per article: worker time inside the run window that was not spent in a
  partition task (dispatch, idle waits, the tail), and the time inside tasks that was not extraction
  (reading, hashing, writing Parquet);
- each worker's resident memory after every partition it did (flat, or growing with partitions?);
- a second ``zhnews archive`` over the finished output (every partition skipped);
- that the archive's summaries equal the files ``zhnews extract`` wrote (a sample of 500).

Results go to ``bench/results/archive-<time>.json`` and ``.md`` (gitignored) and the markdown is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"

_FRONT_MATTER_END = re.compile(r"^---\s*$")
_DIGIT = re.compile(r"[0-9]")


def variant(text: str, k: int, shift: int) -> str:
    """The article with its body paragraphs rotated by ``k`` and its body digits shifted by ``shift``: the same
    kind of text with other numbers and another order. Front matter and title stay as they are."""
    lines = text.split("\n")
    head = 0
    if lines and _FRONT_MATTER_END.match(lines[0]):
        head = next((i + 1 for i in range(1, len(lines)) if _FRONT_MATTER_END.match(lines[i])), 0)
    while head < len(lines) and not lines[head].strip():
        head += 1
    head += 1  # the title line
    body = lines[head:]
    if body:
        k %= len(body)
        body = body[k:] + body[:k]
    shifted = "\n".join(body)
    if shift:
        shifted = _DIGIT.sub(lambda m: str((int(m[0]) + shift) % 10), shifted)
    return "\n".join(lines[:head]) + ("\n" + shifted if body else "")


def generate(folders: list[Path], out: Path, n: int) -> int:
    sources = [(p.stem, p.read_text(encoding="utf-8")) for folder in folders for p in sorted(folder.glob("*.txt"))]
    out.mkdir(parents=True)
    total = 0
    for i in range(n):
        stem, text = sources[i % len(sources)]
        rnd = i // len(sources)
        data = variant(text, rnd, rnd % 10).encode("utf-8")
        (out / f"b{i:05d}_{stem}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the largest process it waited for, and stderr."""
    t0 = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak, proc.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--eval-articles", type=Path, default=None,
                        help="a folder of more *.txt articles to repeat (e.g. ../shared/eval/articles)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    args = parser.parse_args()

    zhnews = str(VENV_BIN / "zhnews") if (VENV_BIN / "zhnews").exists() else "zhnews"
    work = args.keep or Path(tempfile.mkdtemp(prefix="zhnews-bench-archive-"))
    folders = [ROOT / "raw", *([args.eval_articles] if args.eval_articles else [])]
    n = args.articles
    try:
        inputs = work / "in"
        size = generate(folders, inputs, n)
        print(f"{n} articles ({size / 1e6:.1f} MB) from {', '.join(map(str, folders))} in {inputs}", file=sys.stderr)

        # Every command imports one snapshot of the package: the pipeline version fingerprints the code, and
        # an edit to the working tree during the bench must not make the rerun redo everything.
        shutil.copytree(ROOT / "pipeline", work / "src" / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
        env = {**os.environ, "PYTHONPATH": str(work / "src")}
        extract_wall, extract_peak, _ = timed([zhnews, "extract", str(inputs), "-o", str(work / "extract"),
                                               "--workers", str(args.workers), "--force", "--no-progress"], env)
        print(f"extract: {extract_wall:.1f} s", file=sys.stderr)
        out = work / "archive"
        archive_cmd = [zhnews, "archive", str(inputs), "-o", str(out), "--workers", str(args.workers),
                       "--partition-size", str(args.partition_size), "--no-progress"]
        archive_wall, _, archive_err = timed(archive_cmd, env)
        print(f"archive: {archive_wall:.1f} s", file=sys.stderr)
        manifest = json.loads((out / "_archive.json").read_text(encoding="utf-8"))
        rerun_wall, _, rerun_err = timed(archive_cmd, env)
        rerun = json.loads((out / "_archive.json").read_text(encoding="utf-8"))

        results = manifest["results"]
        task_seconds = sum(r["seconds"] for r in results)
        extract_seconds = sum(r["extract_seconds"] for r in results)
        run_seconds = manifest["run_seconds"]
        workers = len({r["worker"] for r in results})
        memory: dict[str, list[float]] = {}
        for r in sorted(results, key=lambda r: r["index"]):
            memory.setdefault(r["worker"], []).append(r["rss"] / 2**20)

        import pyarrow.parquet as pq

        rows = {r["id"]: r["summary"] for r in pq.read_table(out, columns=["id", "summary"]).to_pylist()}
        sample = random.Random(0).sample(sorted(rows), min(500, len(rows)))
        equal = sum(rows[i] == (work / "extract" / f"{i}.json").read_text(encoding="utf-8") for i in sample)

        figures = {
            "articles": n, "megabytes": size / 1e6, "workers": args.workers, "partition_size": args.partition_size,
            "partitions": manifest["partitions"], "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "extract_wall_s": extract_wall, "extract_articles_per_s": n / extract_wall,
            "extract_peak_rss_mb": extract_peak,
            "archive_wall_s": archive_wall, "archive_articles_per_s": n / archive_wall,
            "archive_cluster_start_s": manifest["cluster_seconds"], "archive_run_s": run_seconds,
            "archive_steady_articles_per_s": n / run_seconds,
            "extraction_ms_per_article": extract_seconds / n * 1000,
            "dispatch_idle_ms_per_article": max(0.0, run_seconds * workers - task_seconds) / n * 1000,
            "in_task_io_ms_per_article": (task_seconds - extract_seconds) / n * 1000,
            "worker_rss_mb": {w: {"after_first": m[0], "max": max(m), "after_last": m[-1], "partitions": len(m),
                                  "series": [round(x) for x in m]}
                              for w, m in memory.items()},
            "worker_rss_after_run_mb": {w: v / 2**20 for w, v in manifest["workers"].items()},
            "rerun_wall_s": rerun_wall, "rerun_skipped": sum(r["status"] == "skipped" for r in rerun["results"]),
            "sample_equal": f"{equal}/{len(sample)}",
            "output_megabytes": sum(p.stat().st_size for p in out.glob("*.parquet")) / 1e6,
            "extract_output_megabytes": sum(p.stat().st_size for p in (work / "extract").glob("*.json")) / 1e6,
            "archive_stderr": archive_err.strip().splitlines()[-1:],
            "rerun_stderr": rerun_err.strip().splitlines()[-1:],
        }
        md = report(figures, " ".join(["python bench/archive.py", *sys.argv[1:]]))
        results_dir = ROOT / "bench" / "results"
        results_dir.mkdir(exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        (results_dir / f"archive-{stamp}.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        (results_dir / f"archive-{stamp}.md").write_text(md, encoding="utf-8")
        print(md)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(f: dict, command: str) -> str:
    lines = [
        f"# zhnews archive vs extract — `{command}`",
        "",
        f"{f['articles']:,} articles ({f['megabytes']:.1f} MB), {f['workers']} workers, "
        f"{f['partitions']} partitions of {f['partition_size']}; {f['machine']}",
        "",
        "| | wall s | articles/s |",
        "|---|---:|---:|",
        f"| `zhnews extract --workers {f['workers']}` | {f['extract_wall_s']:.1f} | "
        f"{f['extract_articles_per_s']:.1f} |",
        f"| `zhnews archive` (LocalCluster of {f['workers']}), end to end | {f['archive_wall_s']:.1f} | "
        f"{f['archive_articles_per_s']:.1f} |",
        f"| `zhnews archive`, first partition submitted to last back | {f['archive_run_s']:.1f} | "
        f"{f['archive_steady_articles_per_s']:.1f} |",
        f"| `zhnews archive` again (all {f['rerun_skipped']} partitions skipped) | {f['rerun_wall_s']:.1f} | |",
        "",
        f"- cluster start and pipeline load on every worker: {f['archive_cluster_start_s']:.1f} s",
        f"- extraction: {f['extraction_ms_per_article']:.1f} ms per article (worker time)",
        f"- scheduling overhead: {f['dispatch_idle_ms_per_article']:.2f} ms per article of worker time outside "
        f"tasks (dispatch, waits, the tail), {f['in_task_io_ms_per_article']:.2f} ms inside tasks outside "
        "extraction (read, hash, Parquet write)",
        f"- peak RSS of one process: extract {f['extract_peak_rss_mb']:.0f} MB",
        "- worker RSS (MB) after its first / largest / last partition: "
        + "; ".join(f"{m['after_first']:.0f} / {m['max']:.0f} / {m['after_last']:.0f} over {m['partitions']} partitions"
                    for m in f["worker_rss_mb"].values()),
        "- worker RSS (MB) after each of its partitions: "
        + "; ".join(" ".join(map(str, m["series"])) for m in f["worker_rss_mb"].values()),
        f"- summaries equal to `zhnews extract`'s files: {f['sample_equal']} sampled",
        f"- output: {f['output_megabytes']:.1f} MB of Parquet (zstd) against {f['extract_output_megabytes']:.1f} MB "
        "of JSON files",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
