"""``zhnews archive``: Dask runs into Parquet partitions that equal ``zhnews extract``, resume, DuckDB queries.

The articles are generated here (short news items built from templates, with varied names and numbers)
plus a few bad inputs of every kind; nothing is read from ``../shared``.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline import archive as archive_mod
from pipeline.api import display_path, extract_bytes
from pipeline.archive import MANIFEST, QUERIES, SCHEMA, query, run_archive, write_part
from pipeline.archive_io import ArchiveInputError, Part, jsonl_slices, plan, read_part
from pipeline.cli import app
from pipeline.models import Article, Figure, Organization, Person, Quote, Speaker, Summary
from pipeline.summary import pipeline_version

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 4000  # small, so that one generated article is "too large"
N_TEXT = 240
TEXT_PARTITION = 16

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
GIVEN = ("建国", "晓明", "海燕", "志强", "丽华", "文博", "思远", "雪梅", "立新", "春生")
CITIES = ("杭州", "成都", "武汉", "西安", "南京", "长沙", "郑州", "济南")
OFFICES = (("市统计局", "局长"), ("市发展改革委", "主任"), ("市教育局", "副局长"), ("市气象台", "台长"),
           ("市第一人民医院", "院长"))


def make_article(i: int) -> str:
    """A short news item: dateline and byline, an attributed quotation, figures and dates."""
    r = random.Random(i)
    name = r.choice(SURNAMES) + r.choice(GIVEN)
    reporter = r.choice(SURNAMES) + r.choice(GIVEN)
    city = r.choice(CITIES)
    office, title = r.choice(OFFICES)
    month, day = r.randint(1, 12), r.randint(1, 28)
    return (f"{city}多项指标稳中有升\n"
            f"本报{city}{month}月{day}日电（记者{reporter}）\n"
            f"{city}{office}{title}{name}表示，“今年全市新增企业{r.randint(20, 900)}家，"
            f"同比增长{r.randint(1, 99) / 10}%。”\n"
            f"据介绍，{city}去年共建成公园{r.randint(2, 60)}个，面积达{r.randint(1, 90)}万平方米。"
            f"{name}说，下一步将继续加大投入。\n")


@pytest.fixture(scope="module")
def version() -> Iterator[str]:
    """The pipeline version, fixed for this module: other work on the tree must not turn a skip into a redo."""
    value = pipeline_version()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(archive_mod, "pipeline_version", lambda: value)
        yield value


@pytest.fixture(scope="module")
def client(version: str) -> Iterator[distributed.Client]:
    # threads in this process: fast to start, and monkeypatches reach the workers
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c, \
            distributed.Client(c) as cl:
        yield cl


def write_inputs(folder: Path) -> dict[str, object]:
    """Generated text files, a JSON-lines file and a Parquet file, each with bad articles among good ones."""
    texts = folder / "texts"
    texts.mkdir(parents=True)
    for i in range(N_TEXT):
        (texts / f"news_{i:04d}.txt").write_text(make_article(i), encoding="utf-8")
    (texts / "gb_0001.txt").write_bytes(make_article(9001).encode("gb18030"))
    bad = {
        "bad_empty": b"",
        "bad_blank": b" \n\n  \n",
        "bad_binary": b"\x00\x01\x02PK\x03\x04" * 50,
        "bad_large": ("据统计，" + "全市新增企业二百家。" * 200).encode("utf-8"),
    }
    for stem, data in bad.items():
        (texts / f"{stem}.txt").write_bytes(data)
    # JSON lines: good rows, and every way a row can be wrong
    lines = [json.dumps({"id": f"feed-{i}", "text": make_article(1000 + i)}, ensure_ascii=False) for i in range(40)]
    lines[3] = '{"id": "feed-3", "text": '  # cut off
    lines[7] = json.dumps({"id": "feed-7"})  # no text
    lines[11] = json.dumps({"id": ["feed-11"], "text": "某市表示"})  # id of the wrong type
    lines[13] = '{"id": "feed-13", "text": "\\ud800坏"}'  # a lone surrogate
    lines[17] = json.dumps({"id": "feed-17", "text": ""})  # empty article
    lines[19] = json.dumps({"id": 19, "text": make_article(1019)}, ensure_ascii=False)  # integer ids are fine
    lines[21] = json.dumps(["feed-21"])  # not an object
    lines.insert(25, "")  # blank lines are not articles
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Parquet: text as bytes in any encoding, in row groups that partitions cut across
    ids = [f"store-{i}" for i in range(37)]
    data: list[bytes | None] = [make_article(2000 + i).encode("utf-8") for i in range(37)]
    data[5] = make_article(2005).encode("gb18030")
    data[9] = None
    pq.write_table(pa.table({"id": ids, "text": pa.array(data, pa.binary()), "extra": list(range(37))}),
                   folder / "store.parquet", row_group_size=10)
    return {"texts": texts, "feed": folder / "feed.jsonl", "store": folder / "store.parquet", "bad": bad,
            "feed_lines": lines, "store_ids": ids, "store_data": data}


def read_rows(out: Path) -> list[dict]:
    return pq.read_table(sorted(out.glob("*.parquet"))).to_pylist()


def cli_archive(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["archive", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory, client: distributed.Client) -> dict[str, object]:
    """One archive run over every input kind through the CLI, and ``zhnews extract`` over the text files."""
    folder = tmp_path_factory.mktemp("archive")
    inputs = write_inputs(folder / "in")
    out = folder / "out"
    code, err = cli_archive([str(inputs["texts"]), str(inputs["feed"]), str(inputs["store"]), "-o", str(out),
                             "--scheduler", client.scheduler_info()["address"], "--partition-size", str(TEXT_PARTITION),
                             "--max-bytes", str(MAX_BYTES), "--no-progress"])
    extracted = folder / "extracted"
    result = CliRunner().invoke(app, ["extract", str(inputs["texts"]), "-o", str(extracted), "--workers", "1",
                                      "--max-bytes", str(MAX_BYTES), "--no-progress"])
    extract_errors = {}
    for line in result.stderr.splitlines():
        if line.startswith("zhnews: error: "):
            path, _, message = line.removeprefix("zhnews: error: ").partition(": ")
            extract_errors[Path(path).stem] = message
    return {**inputs, "out": out, "code": code, "stderr": err, "rows": read_rows(out), "extracted": extracted,
            "extract_errors": extract_errors}


def test_text_rows_equal_zhnews_extract(archived: dict) -> None:
    rows = {r["id"]: r for r in archived["rows"] if r["source"].endswith(".txt")}
    files = sorted(archived["texts"].glob("*.txt"))
    assert len(rows) == len(files) == N_TEXT + 1 + len(archived["bad"])
    written = {p.stem: p.read_text(encoding="utf-8") for p in archived["extracted"].glob("*.json")}
    assert len(written) == N_TEXT + 1
    for stem, text in written.items():
        assert rows[stem]["error"] is None
        assert rows[stem]["summary"] == text, stem  # byte for byte
    # the same articles fail, with the same message
    assert set(archived["extract_errors"]) == set(archived["bad"])
    for stem, message in archived["extract_errors"].items():
        assert rows[stem]["summary"] is None
        assert rows[stem]["error"] == message


def test_error_rows_say_what_went_wrong(archived: dict) -> None:
    rows = {r["id"]: r for r in archived["rows"]}
    assert rows["bad_empty"]["error"] == "empty file"
    assert rows["bad_blank"]["error"] == "file holds only whitespace"
    assert rows["bad_binary"]["error"] == "binary content: not a text file"
    assert rows["bad_large"]["error"].startswith("file too large")
    assert rows["bad_large"]["sha256"] is None  # never read
    assert rows["feed:4"]["error"].startswith("invalid JSON line")
    assert rows["feed:4"]["source"].endswith("feed.jsonl:4")
    assert rows["feed-7"]["error"] == "row has no text"
    assert rows["feed:12"]["error"] == "id must be a string or an integer, not list"
    assert rows["feed-13"]["error"].startswith("text is not valid Unicode")
    assert rows["feed-17"]["error"] == "empty file"
    assert rows["feed:22"]["error"] == "JSON line is a list, not an object"
    assert rows["store-9"]["error"] == "row has no text"
    errors = [r for r in archived["rows"] if r["error"] is not None]
    assert len(errors) == 4 + 6 + 1
    assert all(r["summary"] is None and r["n_people"] is None for r in errors)
    assert "11 articles with an error" in archived["stderr"]
    assert archived["code"] == 0  # bad articles are rows, not a failed run


def test_row_inputs_equal_extract_of_the_same_bytes(archived: dict) -> None:
    rows = {r["source"].rsplit("/", 1)[-1]: r for r in archived["rows"]}
    checked = 0
    for line_no, line in enumerate(archived["feed_lines"], 1):
        row = rows.get(f"feed.jsonl:{line_no}")
        if not line.strip():
            assert row is None  # a blank line is no article
            continue
        if row["error"] is not None:
            continue
        obj = json.loads(line)
        expected = extract_bytes(obj["text"].encode("utf-8"), article_id=str(obj["id"]), source=row["source"],
                                 max_bytes=MAX_BYTES)
        assert row["summary"] == expected.to_json()
        assert row["id"] == str(obj["id"])
        checked += 1
    for n, (article_id, data) in enumerate(zip(archived["store_ids"], archived["store_data"], strict=True)):
        row = rows[f"store.parquet[{n}]"]
        assert row["id"] == article_id
        if data is None:
            continue
        expected = extract_bytes(data, article_id=article_id, source=row["source"], max_bytes=MAX_BYTES)
        assert row["summary"] == expected.to_json()
        checked += 1
    assert rows["store.parquet[5]"]["encoding"] == "gb18030"
    assert checked == 34 + 36


def test_flat_columns_match_the_summary(archived: dict, version: str) -> None:
    good = [r for r in archived["rows"] if r["error"] is None]
    assert len(good) > 300
    for row in good:
        summary = json.loads(row["summary"])
        assert row["sha256"] == summary["article"]["sha256"]
        assert row["title"] == summary["article"]["title"]
        assert row["pipeline_version"] == version
        for name in archive_mod.COUNTED:
            assert row[f"n_{name}"] == len(summary[name])
    # the generated articles do give the stages something to find
    assert sum(r["n_figures"] for r in good) > 0
    assert sum(r["n_dates"] for r in good) > 0


def test_partitions_hold_their_slice_once(archived: dict) -> None:
    out: Path = archived["out"]
    files = sorted(out.glob("*.parquet"))
    # 245 text files in partitions of 16, 41 JSON lines and 37 Parquet rows likewise
    assert len(files) == 16 + 3 + 3
    assert [pq.read_metadata(f).num_rows for f in files[:16]] == [16] * 15 + [5]
    ids = [(r["id"], r["source"]) for r in archived["rows"]]
    assert len(ids) == len(set(ids)) == N_TEXT + 5 + 40 + 37
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["complete"] and manifest["partitions"] == 22 and manifest["articles"] == len(ids)
    assert {r["status"] for r in manifest["results"]} == {"written"}


def test_second_run_skips_every_partition(archived: dict, client: distributed.Client) -> None:
    out: Path = archived["out"]
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}
    report = run_archive([archived["texts"], archived["feed"], archived["store"]], out, client=client,
                         partition_size=TEXT_PARTITION, max_bytes=MAX_BYTES, progress=False, echo=lambda _: None)
    assert report.count("skipped") == report.partitions == 22
    assert report.count("written") == 0 and not report.failed
    assert report.errors == 11  # read back from the partitions' metadata
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == before


def _profiler_state(dask_worker: distributed.Worker) -> tuple[bool, int, int]:
    return ("profile" in dask_worker.periodic_callbacks, len(dask_worker.profile_history),
            len(dask_worker.profile_keys_history))


def test_workers_keep_no_profile_history(archived: dict, client: distributed.Client) -> None:
    # the profiler keeps a call tree per second of work for the first 1,000 seconds: the worker memory that grew
    # with the length of a run (issue #8). Without the plugin's stop, a run of several seconds leaves seconds of it.
    assert archived["code"] == 0
    assert set(client.run(_profiler_state).values()) == {(False, 0, 0)}


def test_changed_input_redoes_only_what_changed(tmp_path: Path, client: distributed.Client,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(30):
        (texts / f"a{i:02d}.txt").write_text(make_article(i), encoding="utf-8")
    out = tmp_path / "out"

    def go(size: int = 10) -> archive_mod.Report:
        return run_archive([texts], out, client=client, partition_size=size, progress=False, echo=lambda _: None)

    assert go().count("written") == 3
    (texts / "a15.txt").write_text(make_article(99), encoding="utf-8")
    report = go()
    assert [r["index"] for r in report.results if r["status"] == "written"] == [1]
    assert report.count("skipped") == 2
    assert json.loads({r["id"]: r for r in read_rows(out)}["a15"]["summary"]) == json.loads(
        extract_bytes(make_article(99).encode(), article_id="a15", source=display_path(texts / "a15.txt")).to_json())
    # fewer files: the slices change, the old partitions go, nothing is there twice
    for i in range(25, 30):
        (texts / f"a{i:02d}.txt").unlink()
    (texts / "a03.txt").unlink()
    report = go(8)
    assert len(report.removed) == 3
    ids = [r["id"] for r in read_rows(out)]
    assert sorted(ids) == sorted(f"a{i:02d}" for i in range(25) if i != 3)
    # another pipeline version redoes everything
    monkeypatch.setattr(archive_mod, "pipeline_version", lambda: "other-version")
    report = go(8)
    assert report.count("written") == report.partitions == 3


def test_an_internal_error_is_a_row_not_a_failed_partition(tmp_path: Path, client: distributed.Client,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(6):
        (texts / f"a{i}.txt").write_text(make_article(i) + ("触发故障\n" if i == 4 else ""), encoding="utf-8")
    real = archive_mod.extract_raw

    def flaky(raw, **kwargs):  # a stage with a bug that only this article triggers
        if "触发故障" in raw.text:
            raise KeyError("boom")
        return real(raw, **kwargs)

    monkeypatch.setattr(archive_mod, "extract_raw", flaky)
    report = run_archive([texts], tmp_path / "out", client=client, partition_size=3, progress=False,
                         echo=lambda _: None)
    assert not report.failed and report.errors == 1
    rows = {r["id"]: r for r in read_rows(tmp_path / "out")}
    assert rows["a4"]["error"] == "internal error: KeyError: 'boom'"
    assert rows["a4"]["sha256"] is not None and rows["a4"]["n_bytes"] > 0
    assert all(rows[f"a{i}"]["summary"] for i in (0, 1, 2, 3, 5))


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, client: distributed.Client,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(4):
        (texts / f"a{i}.txt").write_text(make_article(i), encoding="utf-8")
    real = pq.write_table

    def half_then_fail(table, where, **kwargs):
        if table.column("id")[0].as_py() == "a2":
            where.write(b"PAR1 half a file")
            raise OSError(28, "No space left on device")
        return real(table, where, **kwargs)

    monkeypatch.setattr(archive_mod.pq, "write_table", half_then_fail)
    messages: list[str] = []
    report = run_archive([texts], tmp_path / "out", client=client, partition_size=2, progress=False,
                         echo=messages.append)
    assert [f["index"] for f in report.failed] == [1] and not report.complete
    assert "No space left on device" in report.failed[0]["error"]
    assert any("partition 1" in m for m in messages)
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".zhnews"))
    assert names == [MANIFEST, report.results[0]["name"]]  # no temporary file, no half partition
    monkeypatch.setattr(archive_mod.pq, "write_table", real)
    again = run_archive([texts], tmp_path / "out", client=client, partition_size=2, progress=False,
                        echo=lambda _: None)
    assert again.count("skipped") == 1 and again.count("written") == 1 and again.complete


# --- planning ------------------------------------------------------------------------------------------

def test_jsonl_slices_count_rows_not_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    body = b'\n{"id": 1}\r\n\n{"id": 2}\n{"id": 3}\n  \n{"id": 4}\n{"id": 5}'
    path.write_bytes(body)
    slices = jsonl_slices(path, 2)
    assert [s[3] for s in slices] == [2, 2, 1]
    assert [s[2] for s in slices] == [2, 5, 8]  # line numbers where each slice starts
    assert slices[-1][1] == len(body)  # the last line needs no newline
    part = Part(index=0, kind="jsonl", size=2, path=str(path), source="f.jsonl", start=slices[1][0],
                stop=slices[1][1], first_line=slices[1][2])
    items = list(read_part(part, max_bytes=100))
    assert [(i.id, i.source, i.error) for i in items] == [("3", "f.jsonl:5", "row has no text"),
                                                           ("4", "f.jsonl:7", "row has no text")]


def test_plan_is_stable_and_names_slices(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.txt").write_text("x", encoding="utf-8")
    first = plan([tmp_path], 2)
    assert [p.size for p in first] == [2, 2, 1]
    assert [p.name for p in plan([str(tmp_path / "a*.txt")], 2)] == [p.name for p in first]  # glob = folder
    assert [p.name for p in plan([tmp_path, tmp_path / "a0.txt"], 2)] == [p.name for p in first]  # no repeats
    (tmp_path / "a5.txt").write_text("x", encoding="utf-8")
    grown = plan([tmp_path], 2)
    assert grown[:2] == first[:2] and grown[2].name != first[2].name
    with pytest.raises(ArchiveInputError, match="no such file"):
        plan([tmp_path / "missing"], 2)
    with pytest.raises(ArchiveInputError, match="no file matches"):
        plan([str(tmp_path / "*.jsonl")], 2)


def test_parquet_without_text_column_is_refused(tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["a"], "body": ["x"]}), tmp_path / "x.parquet")
    with pytest.raises(ArchiveInputError, match="no column text"):
        plan([tmp_path / "x.parquet"], 10)


# --- DuckDB queries --------------------------------------------------------------------------------------

def _summary(article_id: str, people: list[str], orgs: list[str], quotes: list[tuple[str, str]],
             figures: list[tuple[float | None, str, str]]) -> Summary:
    return Summary(
        article=Article(id=article_id, source=f"{article_id}.txt", sha256="0" * 64, encoding="utf-8",
                        pipeline_version="test"),
        people=[Person(id=f"P{i}", name=n) for i, n in enumerate(people, 1)],
        organizations=[Organization(id=f"O{i}", name=n) for i, n in enumerate(orgs, 1)],
        quotes=[Quote(id=f"Q{i}", text="……", kind="direct", span=(0, 1), speaker=Speaker(name=n, type=t))
                for i, (n, t) in enumerate(quotes, 1)],
        figures=[Figure(text="x", value=v, unit=u, kind=k, span=(0, 1)) for v, u, k in figures],
    )


def _write_summaries(out: Path, summaries: list[Summary], index: int) -> None:
    rows = []
    for s in summaries:
        row = dict.fromkeys(SCHEMA.names)
        row.update(id=s.article.id, source=s.article.source, pipeline_version="test", summary=s.to_json())
        rows.append(row)
    write_part(rows, out / f"part-{index:05d}-{'0' * 12}.parquet", {})


@pytest.fixture
def known_archive(tmp_path: Path) -> Path:
    out = tmp_path / "known"
    out.mkdir()
    _write_summaries(out, [
        _summary("a", ["张三", "李四"], ["市统计局"], [("张三", "person"), ("张三", "person"), ("李四", "person")],
                 [(200, "家", "count"), (5.5, "%", "percent")]),
        _summary("b", ["张三"], ["市统计局", "市教育局"], [("张三", "person"), ("市教育局", "organization")],
                 [(100, "家", "count"), (None, "元", "money")]),
    ], 0)
    _write_summaries(out, [
        _summary("c", ["王五"], ["市教育局"], [("王五", "person"), ("有关负责人", "unnamed")],
                 [(300, "家", "count")]),
    ], 1)
    row = dict.fromkeys(SCHEMA.names)
    row.update(id="d", source="d.txt", pipeline_version="test", error="empty file")
    write_part([row], out / f"part-00002-{'0' * 12}.parquet", {})
    return out


def test_quoted_most(known_archive: Path) -> None:
    columns, rows = query(known_archive, "quoted_most")
    assert columns == ["speaker", "quotes", "articles"]
    assert rows == [("张三", 3, 2), ("李四", 1, 1), ("王五", 1, 1)]  # organizations and unnamed are not people


def test_organizations_with_people(known_archive: Path) -> None:
    columns, rows = query(known_archive, "organizations_with_people")
    assert columns == ["organization", "person", "articles"]
    assert rows == [("市统计局", "张三", 2), ("市教育局", "张三", 1), ("市教育局", "王五", 1), ("市统计局", "李四", 1)]


def test_figures_by_unit(known_archive: Path) -> None:
    _, rows = query(known_archive, "figures_by_unit")
    assert rows == [("家", "count", 3, 3, 100.0, 200.0, 300.0), ("%", "percent", 1, 1, 5.5, 5.5, 5.5),
                    ("元", "money", 1, 1, None, None, None)]


def test_errors_query(known_archive: Path) -> None:
    assert query(known_archive, "errors")[1] == [("empty file", 1, "d.txt")]


def test_queries_agree_with_the_flat_columns_of_a_real_run(archived: dict) -> None:
    good = [r for r in archived["rows"] if r["error"] is None]
    _, figures = query(archived["out"], "figures_by_unit")
    assert sum(r[2] for r in figures) == sum(r["n_figures"] for r in good)
    _, errors = query(archived["out"], "errors")
    assert sum(r[1] for r in errors) == 11
    summaries = [json.loads(r["summary"]) for r in good]
    _, quoted = query(archived["out"], "quoted_most")
    for speaker, quotes, articles in quoted:
        said = [sum(q["speaker"] == {**q["speaker"], "name": speaker, "type": "person"} for q in s["quotes"])
                for s in summaries]
        assert (quotes, articles) == (sum(said), sum(1 for n in said if n))
    _, pairs = query(archived["out"], "organizations_with_people")
    for organization, person, articles in pairs:
        assert articles == sum(1 for s in summaries if any(o["name"] == organization for o in s["organizations"])
                               and any(p["name"] == person for p in s["people"]))


def test_docs_show_the_queries_that_are_tested() -> None:
    docs = (ROOT / "docs" / "archive.md").read_text(encoding="utf-8")
    for name, sql in QUERIES.items():
        assert sql in docs, name


# --- a real LocalCluster of processes, killed and resumed -------------------------------------------------

@pytest.mark.slow
def test_killed_run_resumes_without_duplicates(tmp_path: Path) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    n = 200
    for i in range(n):
        (texts / f"k{i:03d}.txt").write_text(make_article(i), encoding="utf-8")
    out = tmp_path / "out"
    # Both runs import a snapshot of the package: the pipeline version fingerprints the code, and an edit to
    # the working tree between the two runs would rightly make the second redo everything.
    snapshot = tmp_path / "src"
    shutil.copytree(ROOT / "pipeline", snapshot / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(snapshot)}
    command = [str(Path(sys.executable).parent / "zhnews"), "archive", str(texts), "-o", str(out), "--workers", "2",
               "--partition-size", "10", "--no-progress"]
    proc = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    try:
        while len(list(out.glob("*.parquet"))) < 2:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no partition written in time"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the client, its LocalCluster and every worker, mid-partition
        proc.wait()
    done = {p.name for p in out.glob("*.parquet")}
    assert 2 <= len(done) < 20
    resumed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=280)
    assert resumed.returncode == 0, resumed.stderr
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    skipped = {r["name"] for r in manifest["results"] if r["status"] == "skipped"}
    assert done <= skipped  # what was finished is not redone
    assert manifest["complete"] and len(manifest["results"]) == 20
    rows = read_rows(out)
    assert sorted(r["id"] for r in rows) == [f"k{i:03d}" for i in range(n)]  # all there, none twice
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert all(json.loads(r["summary"])["article"]["id"] == r["id"] for r in rows)


def test_progress_bar_without_a_dashboard(tmp_path: Path, client: distributed.Client,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    texts = tmp_path / "in"
    texts.mkdir()
    for i in range(3):
        (texts / f"a{i}.txt").write_text(make_article(i), encoding="utf-8")
    messages: list[str] = []
    report = run_archive([texts], tmp_path / "out", client=client, partition_size=2, progress=True,
                         echo=messages.append)
    assert report.dashboard is None and not any("dashboard" in m for m in messages)  # this cluster has none
    assert "3/3" in capsys.readouterr().err  # the bar counted every article


def test_an_empty_input_removes_nothing(tmp_path: Path, known_archive: Path) -> None:
    (tmp_path / "empty").mkdir()
    before = sorted(p.name for p in known_archive.glob("*.parquet"))
    report = run_archive([tmp_path / "empty"], known_archive, progress=False, echo=lambda _: None)
    assert report.partitions == 0 and report.complete and not report.removed
    assert sorted(p.name for p in known_archive.glob("*.parquet")) == before
