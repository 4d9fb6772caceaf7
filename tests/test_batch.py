"""Batches at scale (issue 7): several workers write what one writes, byte for byte; re-runs redo only
what changed; outcomes stream; a worker that dies costs one article, not the batch."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import api, batch
from pipeline.cli import app

from .conftest import RAW_ARTICLES

runner = CliRunner()

# Generated articles: varied enough that a stage keeping state between articles would show.
GENERATED = [
    "新华社北京3月5日电（记者李明）国务院总理王强5日表示，今年将新增就业岗位1100万个以上。\n"
    "他说：“我们有信心完成全年目标。”\n",
    "本报上海电 上海市副市长陈静在发布会上说，全市共有高新技术企业2万余家，同比增长12.5%。\n",
    "---\ntitle: \"测试标题\"\ndate: 2025-12-23\n---\n\n# 小标题\n\n**张华**表示：\"明年经济将保持稳定增长。\"\n",
]


def make_folder(folder: Path, copies: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for path in RAW_ARTICLES:
            shutil.copy(path, folder / f"{i}_{path.name}")
        for j, text in enumerate(GENERATED):
            (folder / f"{i}_gen{j}.txt").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


@pytest.mark.slow
def test_two_workers_write_the_same_bytes_as_one(tmp_path: Path) -> None:
    files = make_folder(tmp_path / "in", copies=2)
    one = [o.status for o in batch.run(files, tmp_path / "one", workers=1)]
    two = [o.status for o in batch.run(files, tmp_path / "two", workers=2)]
    assert one == two == ["written"] * len(files)
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    assert len(outputs(tmp_path / "one")) == len(files)


@pytest.mark.slow
def test_cli_jsonl_with_two_workers_is_in_input_order_and_matches_the_files(tmp_path: Path) -> None:
    files = make_folder(tmp_path / "in")
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "2"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "--jsonl", str(tmp_path / "all.jsonl"),
                                 "--workers", "2"])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["article"]["id"] for line in lines] == [f.stem for f in files]
    for line, path in zip(lines, files, strict=True):
        written = json.loads((tmp_path / "out" / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert json.loads(line) == written


def test_rerun_redoes_only_the_changed_article(tmp_path: Path) -> None:
    files = make_folder(tmp_path / "in")
    out = tmp_path / "out"
    assert {o.status for o in batch.run(files, out)} == {"written"}
    changed = files[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    stale = out / f"{files[1].stem}.json"  # an output from another build of the rules
    summary = json.loads(stale.read_text(encoding="utf-8"))
    summary["article"]["pipeline_version"] = "0.0.0+other"
    stale.write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    (out / f"{files[2].stem}.json").write_text("{\"trunc", encoding="utf-8")  # a damaged output

    statuses = {Path(o.path).name: o.status for o in batch.run(files, out)}
    redone = {name for name, status in statuses.items() if status == "written"}
    assert redone == {files[0].name, files[1].name, files[2].name}
    assert all(status == "skipped" for name, status in statuses.items() if name not in redone)
    assert json.loads(stale.read_text(encoding="utf-8"))["article"]["pipeline_version"] != "0.0.0+other"
    assert {o.status for o in batch.run(files, out, force=True)} == {"written"}


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_stream_with_a_bounded_number_in_flight(tmp_path: Path, workers: int) -> None:
    """The input is read lazily and results come back as they are done: memory does not grow with
    the number of articles (what keeps a --jsonl archive run flat)."""
    article = tmp_path / "a.txt"
    article.write_text(GENERATED[0], encoding="utf-8")
    pulled = 0

    def paths() -> Iterator[Path]:
        nonlocal pulled
        for _ in range(40):
            pulled += 1
            yield article

    seen = 0
    for outcome in batch.run(paths(), None, workers=workers, keep_json=True, compact=True):
        seen += 1
        assert outcome.status == "written" and outcome.json is not None and outcome.json.count("\n") == 1
        assert pulled - seen <= workers * 4
    assert seen == pulled == 40


def _crash_on(article_id: str):
    real = api.extract_raw

    def extract_raw(raw, *, article_id: str = "article", **kwargs):  # type: ignore[no-untyped-def]
        if article_id == crash_id:
            os._exit(3)  # what an out-of-memory kill looks like to the batch: the worker is gone
        return real(raw, article_id=article_id, **kwargs)

    crash_id = article_id
    return extract_raw


@pytest.mark.slow
@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the crash is planted by patching the parent, which only forked workers inherit")
def test_a_worker_that_dies_costs_one_article_not_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_folder(tmp_path / "in")
    victim = files[len(files) // 2]
    monkeypatch.setattr(api, "extract_raw", _crash_on(victim.stem))
    outcomes = list(batch.run(files, tmp_path / "out", workers=2))
    assert [o.path for o in outcomes] == [str(f) for f in files]
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name[victim.name].status == "error"
    assert "worker process died" in by_name[victim.name].message
    assert all(o.status == "written" for name, o in by_name.items() if name != victim.name)
    assert len(outputs(tmp_path / "out")) == len(files) - 1


def test_a_bug_on_one_article_is_that_article_s_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = make_folder(tmp_path / "in")
    real = api.extract_raw

    def extract_raw(raw, *, article_id: str = "article", **kwargs):  # type: ignore[no-untyped-def]
        if article_id == files[0].stem:
            raise KeyError("a stage's bug")
        return real(raw, article_id=article_id, **kwargs)

    monkeypatch.setattr(api, "extract_raw", extract_raw)
    outcomes = list(batch.run(files, tmp_path / "out"))
    assert outcomes[0].status == "error" and "KeyError" in outcomes[0].message
    assert [o.status for o in outcomes[1:]] == ["written"] * (len(files) - 1)


@pytest.mark.slow
def test_cli_with_two_workers_names_the_bad_file_and_writes_the_good(tmp_path: Path) -> None:
    files = make_folder(tmp_path / "in")
    (tmp_path / "in" / "zz_binary.txt").write_bytes(bytes(range(256)) * 64)
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "2"])
    assert result.exit_code == 1
    assert "zz_binary.txt" in result.stderr and "binary" in result.stderr
    assert sorted(outputs(tmp_path / "out")) == sorted(f"{f.stem}.json" for f in files)


_HEAVY_CHECK = """
import sys
from pipeline.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(sorted({m.split(".")[0] for m in sys.modules} & {"dask", "distributed", "duckdb", "pyarrow", "pandas"}))
"""


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["extract", str(RAW_ARTICLES[0])]])
def test_the_everyday_commands_do_not_import_the_archive_stack(args: list[str]) -> None:
    """Cold start: ``zhnews extract`` on one article must not pay for Dask, DuckDB or Arrow."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _HEAVY_CHECK, *args], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
