"""The zhnews command: a batch never stops for one bad file, and never leaves half a file behind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

from .conftest import SEED

runner = CliRunner()

GOOD = "新华社北京6月1日电（记者王五）某市市长张三表示，今年将新建学校12所。\n"


def make_batch(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gbk.txt").write_bytes(GOOD.encode("gbk"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.txt").write_text(GOOD, encoding="utf-8")
    (folder / "ignored.md").write_text("not an article", encoding="utf-8")


def test_batch_with_bad_files_writes_the_good_ones_and_names_the_bad(tmp_path: Path) -> None:
    make_batch(tmp_path / "in")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), str(tmp_path / "missing"), "-o", str(out),
                                 "--workers", "1"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["gbk.json", "good.json", "nested.json"]
    err = result.stderr
    assert "empty.txt: empty file" in err
    assert "binary.txt:" in err and "missing: no such file" in err
    assert "3 written" in err and "3 failed" in err
    gbk = json.loads((out / "gbk.json").read_text(encoding="utf-8"))
    assert gbk["article"]["encoding"] == "gb18030"


def test_single_file_prints_to_stdout(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["article"]["id"] == SEED.stem and data["schema_version"] == "1"


def test_several_files_without_a_destination_is_a_usage_error(tmp_path: Path) -> None:
    make_batch(tmp_path / "in")
    result = runner.invoke(app, ["extract", str(tmp_path / "in")])
    assert result.exit_code == 2


def test_rerun_skips_up_to_date_outputs_and_force_redoes_them(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src / "a.txt")
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(src), "-o", str(out), "-j", "1"]).exit_code == 0
    first = (out / "a.json").stat().st_mtime_ns
    second = runner.invoke(app, ["extract", str(src), "-o", str(out), "-j", "1"])
    assert "0 written, 1 up to date" in second.stderr
    assert (out / "a.json").stat().st_mtime_ns == first
    forced = runner.invoke(app, ["extract", str(src), "-o", str(out), "-j", "1", "--force"])
    assert "1 written" in forced.stderr


def test_jsonl_holds_one_line_per_good_article(tmp_path: Path) -> None:
    make_batch(tmp_path / "in")
    target = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "--jsonl", str(target), "-j", "1"])
    assert result.exit_code == 1
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert {json.loads(line)["article"]["id"] for line in lines} == {"good", "gbk", "nested"}
    assert not list(tmp_path.glob(".*.tmp"))


def test_no_temporary_files_are_left(tmp_path: Path) -> None:
    make_batch(tmp_path / "in")
    out = tmp_path / "out"
    runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(out), "-j", "1"])
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_schema_command_prints_the_models_schema() -> None:
    from pipeline.models import json_schema

    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()


def test_console_script_runs(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("zhnews")
    done = subprocess.run([str(exe), "extract", str(SEED), "-o", str(tmp_path)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / f"{SEED.stem}.json").exists()


def test_extract_holds_the_collector_off_until_the_first_article_only(tmp_path: Path, monkeypatch) -> None:
    import gc

    import pipeline.batch as batch

    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "in" / f"{name}.txt").write_text(GOOD, encoding="utf-8")
    seen: list[bool] = []
    real = batch.process_file

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "process_file", recording)
    assert gc.isenabled()
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert seen == [False, True, True]  # start-up and the first article without it, the rest with it
    assert gc.isenabled()
    gc.disable()  # a caller that had it off finds it off
    try:
        assert runner.invoke(app, ["extract", str(tmp_path / "in" / "a.txt")]).exit_code == 0
        assert not gc.isenabled()
    finally:
        gc.enable()
