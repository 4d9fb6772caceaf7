"""Benchmark: the full zhnews pipeline against jieba segmentation alone, in one run, on one corpus.

    python bench/run.py [--eval-articles ../shared/eval/articles] [--repeat 3] [--folder-articles 120]

Measures (see bench/README.md for what each number means and the targets):
- (a) jieba alone: stock jieba's ``Tokenizer.cut`` on the pipeline's dictionary (jieba's, package words
  added), cutting each article's decoded text; warm, best of ``--repeat`` passes, one core;
- (b) the full pipeline: bytes to summary JSON (decode, clean, tokenizer, every stage, summary), warm,
  best of ``--repeat``, one core; with the seconds each step took, and the ratio b/a;
- cold start: ``zhnews extract one.txt`` from process start to its JSON on stdout (with the package's
  bytecode compiled, as installed; as found; and a first run with empty caches), and ``zhnews --help``;
- peak RSS of each of those processes (``wait4``: the process and the workers it waited for);
- ``zhnews extract DIR -o OUT --workers 1`` vs ``--workers 2`` on a folder of copies of the corpus,
  checking that both write the same bytes.

Results go to ``bench/results/<time>.json`` and ``.md`` (gitignored) and the markdown is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    import jieba

    from pipeline import __version__
    from pipeline.api import extract_raw
    from pipeline.ingest import IngestError, decode
    from pipeline.segment import segmenter
    from pipeline.summary import pipeline_version
except ImportError:  # run with a Python that lacks the package: use the project's venv when there is one
    venv_python = ROOT / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != venv_python.parent.parent.resolve():
        os.execv(str(venv_python), [str(venv_python), *sys.argv])
    raise

TARGETS = {"ratio": 0.5, "cold_start_s": 1.5, "rss_mb": 300.0}


@dataclass
class Article:
    name: str
    data: bytes
    text: str


def load_corpus(folders: list[Path]) -> list[Article]:
    articles = []
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            data = path.read_bytes()
            try:
                text = decode(data).text
            except IngestError:
                continue
            articles.append(Article(path.stem, data, text))
    return articles


def best_of(repeat: int, fn) -> float:
    """The fastest of ``repeat`` passes: the least disturbed by the other processes on the machine."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_jieba(articles: list[Article], repeat: int) -> float:
    seg = segmenter()
    # a batch's steady state, for (a) and (b) alike: a one-article run reads only the dictionary entries
    # its text needs, a batch reads the whole dictionary after its first 50,000 characters
    seg.require_all()
    # stock jieba's cut on the pipeline's dictionary: the pipeline's segmenter cuts the same words with
    # fewer Python steps (``Segmenter.words``), so (a) takes jieba's own ``Tokenizer`` to stay the yardstick
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = seg.FREQ, seg.total, True

    def one_pass() -> None:
        for a in articles:
            for _word in tok.cut(a.text, HMM=True):
                pass

    one_pass()  # warm: HMM tables, regex caches
    return best_of(repeat, one_pass)


def bench_pipeline(articles: list[Article], repeat: int) -> tuple[float, dict[str, float]]:
    def one_pass(timings: dict[str, float] | None = None) -> None:
        for a in articles:
            t0 = time.perf_counter()
            raw = decode(a.data)
            if timings is not None:
                timings["decode"] = timings.get("decode", 0.0) + time.perf_counter() - t0
            summary = extract_raw(raw, article_id=a.name, source=a.name, timings=timings)
            t1 = time.perf_counter()
            summary.to_json()
            if timings is not None:
                timings["to_json"] = timings.get("to_json", 0.0) + time.perf_counter() - t1

    one_pass()
    seconds = best_of(repeat, one_pass)
    steps: dict[str, float] = {}
    one_pass(steps)
    return seconds, steps


# Started by a small Python of its own rather than by this process: a child's peak RSS counts what it had
# mapped before its exec, and a child of this process (200 MB after the warm passes) starts with all of it.
_LAUNCHER = """
import os, subprocess, sys, time
t0 = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - t0
sys.stderr.write(f"\\nzhnews-bench {seconds} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_process(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int, bytes, float]:
    """Wall seconds, peak RSS in MB (the process or any worker it waited for), exit status, stdout, and
    CPU seconds (user + system, the process and the workers it waited for: less disturbed than the wall
    time by the other processes of a busy machine)."""
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, *cmd], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    out, err = proc.communicate()
    report = err.decode("utf-8", "replace").rsplit("zhnews-bench ", 1)
    if len(report) != 2:
        raise SystemExit(f"bench: could not run {cmd[0]}: {err.decode('utf-8', 'replace')[-500:]}")
    seconds, maxrss, cpu = (float(x) for x in report[1].split()[:3])
    return seconds, maxrss / 1024, proc.returncode, out, cpu


def zhnews_command() -> list[str]:
    exe = Path(sys.executable).parent / "zhnews"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("zhnews")
    return [found] if found else [sys.executable, "-c", "from pipeline.cli import main; main()"]


def package_bytecode_current() -> bool:
    """Whether every module of the package has bytecode Python will use (a ``__pycache__`` file newer
    than its source): what an installed package has, and what a run writes unless told not to."""
    tag = sys.implementation.cache_tag
    for source in (ROOT / "pipeline").rglob("*.py"):
        cached = source.parent / "__pycache__" / f"{source.stem}.{tag}.pyc"
        if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
            return False
    return True


def bench_cold(article: Path, runs: int) -> dict[str, float]:
    """``zhnews extract one.txt`` as a new process, three ways:

    - first run ever: a temp dir of its own, so none of the caches a run leaves there (jieba's
      dictionary, the segmenter's, the compiled patterns, the tag table) exist yet;
    - as found: the package as it is; with an editable install and ``PYTHONDONTWRITEBYTECODE`` (as on
      this project's machines) Python compiles the package's source at every start;
    - installed: after compiling the package's bytecode, as ``pip install`` does and as any run does
      unless told not to. The target is checked on this one.

    Each median is taken after one untimed run that fills the caches a first run writes."""
    cmd = zhnews_command()
    extract = [*cmd, "extract", str(article)]

    def check(results: list[tuple[float, float, int, bytes, float]]) -> None:
        if any(status != 0 or not out.startswith(b"{") for _s, _r, status, out, _c in results):
            raise SystemExit(f"bench: `zhnews extract {article}` failed")

    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="zhnews-bench-cold-") as tmp:
        first = [run_process(extract, ROOT, env={**os.environ, "TMPDIR": tmp})]
        check(first)
        result["first_s"], result["first_cpu_s"] = first[0][0], first[0][4]
    check([run_process(extract, ROOT)])  # fills the shared caches, as any earlier run would have
    result["bytecode_was_current"] = float(package_bytecode_current())
    as_found = [run_process(extract, ROOT) for _ in range(runs)]
    check(as_found)
    result["as_found_s"] = statistics.median(s for s, *_ in as_found)
    result["as_found_cpu_s"] = statistics.median(c for *_, c in as_found)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
    installed = [run_process(extract, ROOT) for _ in range(runs)]
    check(installed)
    helps = [run_process([*cmd, "--help"], ROOT) for _ in range(runs)]
    result.update({
        "extract_s": statistics.median(s for s, *_ in installed),
        "extract_min_s": min(s for s, *_ in installed),
        "extract_cpu_s": statistics.median(c for *_, c in installed),
        "extract_rss_mb": max(r for _s, r, *_ in [*as_found, *installed]),
        "help_s": statistics.median(s for s, *_ in helps),
    })
    return result


def bench_workers(articles: list[Article], n_files: int, workers: list[int]) -> dict[str, dict[str, float]]:
    cmd = zhnews_command()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="zhnews-bench-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(n_files):
            a = articles[i % len(articles)]
            (folder / f"{i:05d}_{a.name}.txt").write_bytes(a.data)
        outputs: dict[int, dict[str, bytes]] = {}
        for n in workers:
            out = Path(tmp) / f"out{n}"
            seconds, rss, status, _out, _cpu = run_process(
                [*cmd, "extract", str(folder), "-o", str(out), "--force", "--no-progress", "--workers", str(n)], ROOT)
            if status != 0:
                raise SystemExit(f"bench: zhnews extract --workers {n} exited {status}")
            outputs[n] = {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}
            results[str(n)] = {"seconds": seconds, "articles_per_s": n_files / seconds, "peak_rss_mb": rss}
        first = outputs[workers[0]]
        for n in workers[1:]:
            results[str(n)]["identical_to_first"] = float(outputs[n] == first)
            # in a shared working tree the code can change between the two runs: then only the
            # pipeline_version line differs, which is worth telling apart from a real difference
            results[str(n)]["identical_but_version"] = float(
                {k: _unversioned(v) for k, v in outputs[n].items()} == {k: _unversioned(v) for k, v in first.items()})
    return results


_VERSION_LINE = re.compile(rb'\n *"pipeline_version": "[^"\n]*",')


def _unversioned(data: bytes) -> bytes:
    return _VERSION_LINE.sub(b"", data, count=1)


def markdown(r: dict) -> str:
    a, b = r["jieba"], r["pipeline"]
    lines = [
        f"# zhnews benchmark {r['when']}",
        "",
        f"{r['machine']}; zhnews {r['pipeline_version']}; jieba {r['jieba_version']}; "
        f"corpus {r['corpus']['articles']} articles, {r['corpus']['chars']:,} characters "
        f"({', '.join(r['corpus']['sources'])})",
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| (a) jieba alone, warm, one core | {_rate(a)} | |",
        f"| (b) full pipeline, warm, one core | {_rate(b)} | |",
        f"| ratio b/a | {r['ratio']:.2f} | ≥ {TARGETS['ratio']} {_ok(r['ratio'] >= TARGETS['ratio'])} |",
    ]
    if "cold" in r:
        c = r["cold"]
        found = "bytecode current" if c["bytecode_was_current"] else "source compiled at every start"
        lines += [
            f"| cold `zhnews extract one.txt`, package bytecode compiled (as installed), median | "
            f"{c['extract_s']:.2f} s (min {c['extract_min_s']:.2f}; CPU {c['extract_cpu_s']:.2f} s) "
            f"| ≤ {TARGETS['cold_start_s']} s {_ok(c['extract_s'] <= TARGETS['cold_start_s'])} |",
            f"| cold `zhnews extract one.txt`, the package as found ({found}), median "
            f"| {c['as_found_s']:.2f} s (CPU {c['as_found_cpu_s']:.2f} s) | |",
            f"| first run ever (empty caches: a temp dir of its own) | {c['first_s']:.2f} s "
            f"(CPU {c['first_cpu_s']:.2f} s) | |",
            f"| cold `zhnews --help` (median) | {c['help_s']:.2f} s | |",
            f"| peak RSS, `zhnews extract one.txt` | {c['extract_rss_mb']:.0f} MB "
            f"| ≤ {TARGETS['rss_mb']:.0f} MB {_ok(c['extract_rss_mb'] <= TARGETS['rss_mb'])} |",
        ]
    for n, w in r.get("workers", {}).items():
        same = ""
        if "identical_to_first" in w:
            same = (", output identical" if w["identical_to_first"] else
                    ", output identical but pipeline_version (code changed during the run)"
                    if w["identical_but_version"] else ", OUTPUT DIFFERS")
        lines.append(f"| `extract DIR --workers {n}` ({r['folder_articles']} files) | {w['articles_per_s']:.1f} "
                     f"articles/s ({w['seconds']:.1f} s, peak RSS {w['peak_rss_mb']:.0f} MB{same}) | |")
    lines.append(f"| peak RSS of this benchmark process | {r['bench_rss_mb']:.0f} MB | |")
    lines += ["", "Where the pipeline's time goes (one warm pass):", "", "| step | seconds | share |", "|---|---|---|"]
    total = sum(r["steps"].values()) or 1.0
    for step, seconds in sorted(r["steps"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {step} | {seconds:.3f} | {seconds / total:.0%} |")
    return "\n".join(lines) + "\n"


def _rate(m: dict[str, float]) -> str:
    return f"{m['chars_per_s']:,.0f} chars/s, {m['articles_per_s']:.1f} articles/s"


def _ok(passed: bool) -> str:
    return "✓" if passed else "✗"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-articles", type=Path, help="also benchmark the *.txt articles in this folder")
    ap.add_argument("--repeat", type=int, default=3, help="warm passes; the fastest counts (default 3)")
    ap.add_argument("--cold-runs", type=int, default=5, help="cold-start runs; the median counts (default 5)")
    ap.add_argument("--folder-articles", type=int, default=120,
                    help="files in the folder for the workers comparison (default 120; 0 skips it)")
    ap.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold-start runs")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args(argv)

    folders = [ROOT / "raw"] + ([args.eval_articles] if args.eval_articles else [])
    articles = load_corpus(folders)
    if not articles:
        raise SystemExit("bench: no articles found")
    chars = sum(len(a.text) for a in articles)
    jieba_s = bench_jieba(articles, args.repeat)
    pipeline_s, steps = bench_pipeline(articles, args.repeat)
    result: dict = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"load average {os.getloadavg()[0]:.1f} at the start",
        "pipeline_version": pipeline_version(),
        "package_version": __version__,
        "jieba_version": getattr(jieba, "__version__", "?"),
        "corpus": {"articles": len(articles), "chars": chars, "sources": [str(f) for f in folders]},
        "jieba": {"seconds": jieba_s, "chars_per_s": chars / jieba_s, "articles_per_s": len(articles) / jieba_s},
        "pipeline": {"seconds": pipeline_s, "chars_per_s": chars / pipeline_s,
                     "articles_per_s": len(articles) / pipeline_s},
        "ratio": jieba_s / pipeline_s,
        "steps": steps,
    }
    if not args.no_cold:
        result["cold"] = bench_cold(sorted((ROOT / "raw").glob("*.txt"))[0], args.cold_runs)
    if args.folder_articles > 0:
        result["folder_articles"] = args.folder_articles
        result["workers"] = bench_workers(articles, args.folder_articles,
                                          [int(n) for n in args.workers.split(",") if n.strip()])
    result["bench_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = markdown(result)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.out / f"{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / f"{stamp}.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"written: {args.out / stamp}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
