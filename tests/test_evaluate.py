"""``zhnews evaluate``: the article scorer's matching rules, BIO and CLUENER readers, and the commands on
small samples written here (the public corpora stay outside the project)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluation import articles, ner


def test_people_titles_and_places_match_like_the_reference_scorer() -> None:
    gold = {"people": [{"name": "罗华民", "titles": ["江西省玉山县电影公司经理"]}],
            "organizations": ["共和党全国委员会"], "places": ["江西省", "美国"]}
    pred = {"people": [{"name": "罗华民", "titles": ["电影公司经理", "放映员"]}, {"name": "老罗", "titles": []}],
            "organizations": [{"name": "美国共和党全国委员会"}], "places": [{"name": "江西"}]}
    s = articles.score(gold, pred)
    assert (s["people"].tp, s["people"].pred, s["people"].gold) == (1, 2, 1)
    assert (s["titles"].tp, s["titles"].pred) == (1, 2)  # contained title counts, the extra one does not
    assert s["organizations"].tp == 1  # a leading place on either side
    assert s["places"].tp == 2  # 江西 = 江西省; 美国 carried by the organization's name


def test_figures_dates_and_quotes() -> None:
    gold = {"figures": [{"value": 16000000, "unit": "元"}, {"value": [400, 600], "unit": "个"}],
            "dates": [{"value": "--11-30"}, {"value": "2016"}],
            "quotes": [{"speaker": "梁爽", "kind": "indirect", "text": "海淀将持续发挥中关村科学城创新策源地优势"}]}
    pred = {"figures": [{"value": 1600, "unit": "万元"}, {"value": 16000000, "unit": "万元"},
                        {"value": None, "low": 400, "high": 600, "unit": "个"}],
            "dates": [{"value": "2020-11-30"}],
            "quotes": [{"text": "海淀将持续发挥中关村科学城创新策源地优势，吸引顶尖机构", "kind": "indirect",
                        "speaker": {"name": "梁爽"}}]}
    s = articles.score(gold, pred)
    assert s["figures"].tp == 2 and s["figures"].pred == 3
    assert s["dates"].tp == 1 and s["dates"].missed == ["2016"]
    assert s["quotes_indirect"].tp == 1 and s["quotes_direct"].gold == 0


def test_evaluate_micro_averages_over_gold_files(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for stem, people in (("a", ["张三"]), ("b", ["李四", "王五"])):
        (gold_dir / f"{stem}.json").write_text(json.dumps({"people": [{"name": n, "titles": []} for n in people]}),
                                               encoding="utf-8")
        (tmp_path / f"{stem}.txt").write_text("x", encoding="utf-8")
    preds = {"a": {"people": [{"name": "张三"}]}, "b": {"people": [{"name": "李四"}, {"name": "赵六"}]}}
    report = articles.evaluate(gold_dir, tmp_path, extract=lambda p: preds[p.stem])
    total = report.total["people"]
    assert (total.tp, total.pred, total.gold) == (2, 3, 3)
    assert report.per_article["b"]["people"].missed == ["王五"]


def test_bio_reader_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "sample.bio"
    path.write_text("于 B-PER\n军 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n\n新 B-ORG\n华 I-ORG\n社 I-ORG\n", encoding="utf-8")
    sentences = list(ner.read_bio(path))
    assert sentences == [("于军在北京", {("PER", 0, 2), ("LOC", 3, 5)}), ("新华社", {("ORG", 0, 3)})]


def test_bio_scoring_runs_the_entity_stages(tmp_path: Path) -> None:
    path = tmp_path / "sample.bio"
    text, tags = "海淀区委书记于军表示", ["O"] * 6 + ["B-PER", "I-PER", "O", "O"]
    path.write_text("".join(f"{c}\t{t}\n" for c, t in zip(text, tags, strict=True)), encoding="utf-8")
    report = ner.evaluate_bio(path)
    assert report.by_type["PER"].tp == 1 and report.by_type["PER"].gold == 1


def test_cluener_titles_before_names(tmp_path: Path) -> None:
    path = tmp_path / "dev.json"
    text = "昌平区副区长董贵蛟表示，将加快建设。"
    item = {"text": text, "label": {"name": {"董贵蛟": [[6, 8]]}, "position": {"副区长": [[3, 5]]}}}
    path.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    report = ner.evaluate_cluener(path)
    assert report.name.tp == 1
    assert report.before_name_total == 1 and report.before_name_found == 1
    assert report.before_name_covering == 1  # 昌平区副区长 holds the whole of 副区长
    assert report.before_name_exact == 0  # the stage reads the qualifier along: 昌平区副区长
    assert report.titles_attached == 1 and report.titles_at_position_end == 1


def test_cluener_a_title_counts_for_the_person_it_is_attached_to() -> None:
    # a title counts for the name it stands before only when the person mentioned there carries it
    text = "昌平区副区长董贵蛟表示，将加快建设。"
    assert ner._titles_ending_at(text, [(7, 9, ["昌平区副区长"])], 6) == []  # a mention one character off
    assert ner._titles_ending_at(text, [(6, 9, ["昌平区副区长"])], 6) == [0]
    assert ner._titles_ending_at(text, [(6, 9, ["区长"])], 6) == [4]


def test_evaluate_commands(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (tmp_path / "art.txt").write_text("海淀区委书记于军表示，海淀将继续推进改革。\n", encoding="utf-8")
    (gold_dir / "art.json").write_text(json.dumps({"people": [{"name": "于军", "titles": ["海淀区委书记"]}],
                                                   "organizations": ["海淀区委"], "places": ["海淀"]},
                                                  ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "articles", str(gold_dir), "--fields", "people,titles"])
    assert result.exit_code == 0, result.output
    assert "people           P=1.00 R=1.00 F1=1.00" in result.output
    bio = tmp_path / "s.bio"
    bio.write_text("于 B-PER\n军 I-PER\n说 O\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "ner", str(bio)])
    assert result.exit_code == 0 and "PER" in result.output
    assert CliRunner().invoke(app, ["evaluate", "ner", str(tmp_path / "none")]).exit_code == 2
