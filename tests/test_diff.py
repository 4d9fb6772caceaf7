"""``zhnews diff``: items matched by span and text (not list position), exit status 0/1/2, and a
deliberately changed rule showing up as exactly the items it changed."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.diff import describe, diff_paths, diff_summaries, format_text, to_json

from .conftest import RAW, ROOT

runner = CliRunner()


def _summary() -> dict[str, Any]:
    """A small hand-made summary over the text ``海淀区委书记于军表示，“我们一直认为互动是关键。”2万余家企业落户。``."""
    return {
        "schema_version": "1",
        "article": {"id": "a1", "source": "a1.txt", "sha256": "0" * 64, "encoding": "utf-8", "format": "text",
                    "pipeline_version": "0.1.0+lex.aaaa", "title": None, "title_span": None,
                    "publication": None, "date": None, "date_source": None,
                    "bylines": [{"name": "姚倩", "role": "记者", "credit": "本报记者", "span": [60, 62]}],
                    "sections": [], "contacts": {"phones": ["64101949"], "emails": [], "urls": []}},
        "people": [{"id": "P1", "name": "于军", "titles": ["海淀区委书记"], "mentions": [[6, 8]], "rule": "title_name"},
                   {"id": "P2", "name": "梁爽", "titles": [], "mentions": [[40, 42]], "rule": "speech_subject"}],
        "organizations": [],
        "places": [{"id": "L1", "name": "海淀", "kind": "district", "mentions": [[0, 2]], "rule": "division"}],
        "figures": [{"text": "2万余家", "value": 20000.0, "low": None, "high": None, "unit": "家", "currency": None,
                     "approx": "more_than", "kind": "count", "subject": "企业", "context": "", "span": [29, 34],
                     "rule": "num_unit"}],
        "dates": [],
        "quotes": [{"id": "Q1", "text": "我们一直认为互动是关键。", "kind": "direct",
                    "speaker": {"person": "P1", "name": "于军", "title": "海淀区委书记", "type": "person"},
                    "cue": "表示", "span": [14, 26], "speaker_span": [6, 8], "rule": "speaker_verb_quote"}],
        "warnings": [],
    }


def test_identical_summaries_are_equal() -> None:
    assert diff_summaries(_summary(), _summary()) == {}


def test_list_order_and_numbering_ids_do_not_count() -> None:
    new = _summary()
    new["people"] = [dict(new["people"][1], id="P1"), dict(new["people"][0], id="P2")]
    new["quotes"][0]["speaker"]["person"] = "P2"  # still 于军, who is now P2
    assert diff_summaries(_summary(), new) == {}


def test_a_quote_pointing_at_another_person_is_a_change() -> None:
    new = _summary()
    new["quotes"][0]["speaker"]["person"] = "P2"  # 梁爽 now
    changes = diff_summaries(_summary(), new)
    assert list(changes) == ["quotes"]
    (_old, _new, what), = changes["quotes"].changed
    assert what == {"speaker.person": ("于军", "梁爽")}


def test_added_removed_and_changed_items_are_told_apart() -> None:
    old, new = _summary(), _summary()
    new["people"][0]["titles"].append("区长")  # changed
    del new["people"][1]  # removed
    new["places"].append({"id": "L2", "name": "昌平", "kind": "district", "mentions": [[50, 52]], "rule": "division"})
    new["figures"][0]["span"] = [29, 33]  # boundary moved: the same figure, changed
    new["figures"][0]["text"] = "2万余"
    new["article"]["contacts"]["phones"] = []
    new["article"]["pipeline_version"] = "0.2.0+lex.bbbb"  # ignored by default
    changes = diff_summaries(old, new)
    assert set(changes) == {"people", "places", "figures", "article.contacts.phones"}
    assert [p["name"] for p in changes["people"].removed] == ["梁爽"]
    assert changes["people"].changed[0][2] == {"titles": (["海淀区委书记"], ["海淀区委书记", "区长"])}
    assert [p["name"] for p in changes["places"].added] == ["昌平"]
    assert changes["figures"].changed[0][2] == {"text": ("2万余家", "2万余"), "span": ([29, 34], [29, 33])}
    assert not changes["figures"].added and not changes["figures"].removed
    assert changes["article.contacts.phones"].removed == ["64101949"]
    assert "article.pipeline_version" in diff_summaries(old, new, ignore=())


def test_a_renamed_entity_is_matched_by_its_mentions() -> None:
    new = _summary()
    new["people"][0]["name"] = "于军书记"
    changes = diff_summaries(_summary(), new)
    assert changes["people"].changed[0][2] == {"name": ("于军", "于军书记")}
    assert not changes["people"].added and not changes["people"].removed


def test_text_output_names_each_item() -> None:
    new = _summary()
    del new["quotes"][0]
    text = format_text([d for d in _diff_files(_summary(), new)])
    assert "quotes" in text and "- direct 于军 [14, 26): 「我们一直认为互动是关键。」" in text
    assert text.rstrip().endswith("1 article compared: 1 differ, 0 equal")
    assert describe("figures", _summary()["figures"][0]) == "「2万余家」 [29, 34) = 20000 家 more_than"


def _diff_files(old: dict[str, Any], new: dict[str, Any], tmp: Path | None = None) -> list:
    import tempfile

    folder = Path(tmp or tempfile.mkdtemp())
    (folder / "old.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    (folder / "new.json").write_text(json.dumps(new, ensure_ascii=False), encoding="utf-8")
    return diff_paths(folder / "old.json", folder / "new.json")


def test_cli_exit_status_and_json(tmp_path: Path) -> None:
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    a, b = _summary(), _summary()
    b2 = copy.deepcopy(b)
    b2["article"]["id"] = "a2"
    (old_dir / "a1.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
    (new_dir / "a1.json").write_text(json.dumps(b, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old_dir), str(new_dir)])
    assert result.exit_code == 0, result.output
    assert "0 differ, 1 equal" in result.output

    (new_dir / "a2.json").write_text(json.dumps(b2, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(old_dir), str(new_dir), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["equal"] is False
    assert {d["id"]: d["status"] for d in data["articles"]} == {"a1": "equal", "a2": "added"}

    # a single file against a folder compares that article only
    result = runner.invoke(app, ["diff", str(old_dir / "a1.json"), str(new_dir)])
    assert result.exit_code == 0, result.output

    assert runner.invoke(app, ["diff", str(old_dir), str(tmp_path / "missing")]).exit_code == 2
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "broken.json"), str(new_dir / "a1.json")])
    assert result.exit_code == 2
    assert "broken.json" in result.output


def test_strict_compares_the_pipeline_version(tmp_path: Path) -> None:
    a, b = _summary(), _summary()
    b["article"]["pipeline_version"] = "9.9.9+lex.zzzz"
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    assert runner.invoke(app, ["diff", str(tmp_path / "a.json"), str(tmp_path / "b.json")]).exit_code == 0
    result = runner.invoke(app, ["diff", "--strict", str(tmp_path / "a.json"), str(tmp_path / "b.json")])
    assert result.exit_code == 1
    assert "article.pipeline_version" in result.output


# --------------------------------------------------------------------------------------------------
# A deliberately changed rule, end to end


def _extract(out: Path, lexicon_dir: Path | None = None) -> None:
    """``zhnews extract raw -o OUT`` in a fresh process, as a newsroom would run it."""
    env = dict(os.environ)
    env.pop("ZHNEWS_LEXICONS", None)
    if lexicon_dir is not None:
        env["ZHNEWS_LEXICONS"] = str(lexicon_dir)
    subprocess.run([sys.executable, "-c", "from pipeline.cli import app; app()", "extract", str(RAW),
                    "-o", str(out), "--force", "-j", "1", "--no-progress"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)


def _oracle(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[Counter, Counter]]:
    """What changed, the naive way: per list field, the items only in the old run and only in the new
    one, compared whole (ids that number items left out, a quote's person resolved to a name)."""
    names_old, names_new = _names(old), _names(new)
    lists = {k: (old.get(k, []), new.get(k, [])) for k in old if k != "article" and isinstance(old[k], list)}
    for k in ("bylines", "sections"):
        lists[f"article.{k}"] = (old["article"].get(k, []), new["article"].get(k, []))
    out = {}
    for field, (a, b) in lists.items():
        ca = Counter(_norm(field, x, names_old) for x in a)
        cb = Counter(_norm(field, x, names_new) for x in b)
        if ca != cb:
            out[field] = (ca - cb, cb - ca)
    return out


@pytest.mark.slow
def test_a_changed_lexicon_shows_exactly_the_items_it_changed(tmp_path: Path) -> None:
    # The newsroom override drops 责校 (proofreader) from the staff roles of the package's lexicon.
    lexicon_dir = tmp_path / "lexicons"
    lexicon_dir.mkdir()
    (lexicon_dir / "staff_roles.txt").write_text("-责校\n", encoding="utf-8")
    before, after = tmp_path / "before", tmp_path / "after"
    _extract(before)
    _extract(after, lexicon_dir)

    result = runner.invoke(app, ["diff", str(before), str(after), "--json"])
    assert result.exit_code == 1, result.output
    report = {a["id"]: a for a in json.loads(result.output)["articles"]}
    assert set(report) == {p.stem for p in RAW.glob("*.txt")}

    lost_bylines = {}
    for path in sorted(before.glob("*.json")):
        old = json.loads(path.read_text(encoding="utf-8"))
        new = json.loads((after / path.name).read_text(encoding="utf-8"))
        fields = report[path.stem]["fields"]
        # The rule's own effect: every 责校 byline gone, none added, the others untouched.
        proofreaders = [b for b in old["article"]["bylines"] if b["role"] == "责校"]
        reported = fields.get("article.bylines", {"added": [], "removed": [], "changed": []})
        assert reported["removed"] == proofreaders
        assert reported["added"] == [] and reported["changed"] == []
        lost_bylines[path.stem] = [b["name"] for b in proofreaders]
        # And nothing more or less than a whole-item comparison of the two runs finds.
        naive = _oracle(old, new)
        list_fields = {f for f in fields
                       if not f.startswith("article.") or f in ("article.bylines", "article.sections")}
        assert list_fields == set(naive)
        for field, (only_old, only_new) in naive.items():
            got = fields[field]
            olds = got["removed"] + [c["old"] for c in got["changed"]]
            news = got["added"] + [c["new"] for c in got["changed"]]
            shown_old = Counter(_norm(field, x, _names(old)) for x in olds)
            shown_new = Counter(_norm(field, x, _names(new)) for x in news)
            assert (shown_old, shown_new) == (only_old, only_new), field
        scalars = {f"article.{k}" for k, v in old["article"].items()
                   if k not in ("bylines", "sections", "contacts", "pipeline_version") and new["article"].get(k) != v}
        assert {f for f in fields if f.startswith("article.") and f not in list_fields
                and not f.startswith("article.contacts")} == scalars
        assert (report[path.stem]["status"] == "equal") == (not fields)
    assert lost_bylines["000_e860e59f66b08cf4"] == ["李爽"]  # the seed's staff header: 编辑 … 责校 李爽


def _names(summary: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p["name"] for p in summary.get("people", [])}


def _norm(field: str, item: Any, names: dict[str, str]) -> str:
    if isinstance(item, dict):
        item = {k: v for k, v in item.items() if k != "id" or field.startswith("article.")}
        if isinstance(item.get("speaker"), dict) and item["speaker"].get("person"):
            item["speaker"] = {**item["speaker"], "person": names.get(item["speaker"]["person"])}
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def test_to_json_round_trips() -> None:
    new = _summary()
    new["dates"].append({"text": "2020年3月", "value": "2020-03", "relative": False, "span": [44, 51], "rule": "ymd"})
    data = to_json(_diff_files(_summary(), new))
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    (article,) = data["articles"]
    assert article["fields"] == {"dates": {"added": [new["dates"][0]], "removed": [], "changed": []}}
