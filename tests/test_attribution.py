"""Speakers: the attribution helpers on synthetic sentences, the speaker-identification reader, and the
seed article end to end (raw/000_e860e59f66b08cf4.txt, in the repository)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from pipeline.attribution import context_for, speaker_before
from pipeline.clean import identity
from pipeline.evaluation.speakers import read_instances, read_names
from pipeline.language import get_nlp
from pipeline.spans import Match, set_spans

SEED = Path(__file__).resolve().parent.parent / "raw" / "000_e860e59f66b08cf4.txt"


def ctx_for(text: str, names: list[str]):
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.clean = identity(text)
    doc._.meta = {"warnings": []}
    set_spans(doc, "people", [Match(m.start(), m.end(), "PERSON", "test", attrs={"name": n, "titles": ["主任"]})
                              for n in names for m in re.finditer(re.escape(n), text)])
    return context_for(doc)


def speakers(text: str, names: list[str], verb: str) -> list[tuple[str, str]]:
    ctx = ctx_for(text, names)
    return [(s.name, s.type) for s in speaker_before(ctx, text.index(verb), 0)]


def test_speaker_with_title_and_fillers() -> None:
    assert speakers("海淀区委书记王一表示，", ["王一"], "表示") == [("王一", "person")]
    assert speakers("王一研究员也特别强调，", ["王一"], "强调") == [("王一", "person")]
    assert speakers("王一在接受本报记者专访时说，", ["王一"], "说") == [("王一", "person")]


def test_addressee_is_not_the_speaker() -> None:
    text = "刘二想了想，就对老朋友陈三和颜悦色地说："
    assert speakers(text, ["刘二", "陈三"], "说") == [("刘二", "person")]


def test_pronoun_and_group_pronoun() -> None:
    assert speakers("李四走进会场。他说，", ["李四"], "说") == [("李四", "person")]
    text = "甲一、乙二和丙三先后发言。他们表示，"
    assert speakers(text, ["甲一", "乙二", "丙三"], "表示") == [("甲一", "person"), ("乙二", "person"),
                                                               ("丙三", "person")]
    assert speakers("今天来了很多村民。他们说要看电影", [], "说") == [("他们", "group")]


def test_no_speaker() -> None:
    assert speakers("据介绍，", [], "介绍") == []
    assert speakers("这说明，", [], "说明") == []


def test_title_comes_with_the_person() -> None:
    ctx = ctx_for("王一表示，", ["王一"])
    assert speaker_before(ctx, 2, 0)[0].title == "主任"


def test_speaker_instances_reader(tmp_path: Path) -> None:
    # the layout of World of Plainness speaker-identification instances (Apache-2.0), lines shortened
    lines = [f"第{i}行。" for i in range(10)] + ["“贷到了！”", "少安说。"] + [f"后{i}行。" for i in range(9)]
    (tmp_path / "t.txt").write_text("Instance index: 0\n" + "\n".join(lines)
                                    + "\nSpeaker: 孙少安\nSpeaker index: 5\nCategory: explicit\n", encoding="utf-8")
    (tmp_path / "names.txt").write_text("1 孙少安 少安\n0 田润叶 润叶姐 润叶 叶\n", encoding="utf-8")
    [instance] = list(read_instances(tmp_path / "t.txt"))
    assert instance.speaker == "孙少安" and instance.category == "explicit" and len(instance.lines) == 21
    forms = read_names(tmp_path / "names.txt")
    assert forms["少安"] == "孙少安" and forms["润叶姐"] == "田润叶" and "叶" not in forms


def test_seed_article_quotes() -> None:
    """The issue's acceptance figures on the seed: 10 direct quotes with their speakers, 12 indirect,
    two broken marks warned about."""
    from pipeline.api import extract_path

    summary = extract_path(SEED)
    direct = Counter(q.speaker.name for q in summary.quotes if q.kind == "direct")
    assert direct == Counter({"于军": 1, "梁爽": 2, "董贵蛟": 1, "钟明博": 2, "蒋燕": 3, "魏东": 1})
    indirect = [q for q in summary.quotes if q.kind == "indirect"]
    assert len(indirect) >= 11
    assert any(q.text.startswith("“软环境”方面") and q.speaker.name == "董贵蛟" for q in indirect)
    assert [w.code for w in summary.warnings if w.code.endswith("_quote")].count("recovered_quote") == 2
    raw = SEED.read_text(encoding="utf-8")
    for q in summary.quotes:  # every quote is evidence in the raw text (CONTRACT: page breaks inside)
        assert re.sub(r"\s", "", raw[q.span[0]:q.span[1]]) == re.sub(r"\s", "", q.text)


def test_title_without_a_name_is_the_one_person_holding_it() -> None:
    def titled(text: str, people: dict[str, list[str]], verb: str) -> list[tuple[str, str]]:
        nlp = get_nlp()
        doc = nlp.make_doc(text)
        doc._.clean = identity(text)
        doc._.meta = {"warnings": []}
        set_spans(doc, "people", [Match(m.start(), m.end(), "PERSON", "test", attrs={"name": n, "titles": t})
                                  for n, t in people.items() for m in re.finditer(re.escape(n), text)])
        return [(s.name, s.type) for s in speaker_before(context_for(doc), text.index(verb), 0)]

    # pattern of a web article (eval fy_20260108-trump-sues-bbc-documentary-edit): BBC总裁在…邮件中明确指出，
    text = "星光公司总裁王一已致信对方。星光公司总裁在致员工的邮件中明确指出，指控毫无依据。"
    assert titled(text, {"王一": ["星光公司总裁"]}, "指出") == [("王一", "person")]
    text = "王一已致信对方。该总裁表示，指控毫无依据。"
    assert titled(text, {"王一": ["星光公司总裁"]}, "表示") == [("王一", "person")]
    # a vice-president is not the president; a title two people hold names nobody
    assert titled(text, {"王一": ["星光公司副总裁"]}, "表示") == []
    text = "王一和李二出席。总裁表示，指控毫无依据。"
    assert titled(text, {"王一": ["甲公司总裁"], "李二": ["乙公司总裁"]}, "表示") == []
    # 该负责人 points back to the one holding the title; a bare 负责人 is a speaker noun as written
    text = "市场监管局负责人王一介绍了情况。该负责人表示，今年将加强抽检。"
    assert titled(text, {"王一": ["市场监管局负责人"]}, "表示") == [("王一", "person")]
    text = "王一介绍了情况。负责人表示，今年将加强抽检。"
    assert titled(text, {"王一": ["市场监管局负责人"]}, "表示") == [("负责人", "unnamed")]


def test_organization_where_the_speaker_is_does_not_speak() -> None:
    text = "特朗普当天在白宫对记者表示，将加征关税。白宫表示，将加征关税。"
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.clean = identity(text)
    doc._.meta = {"warnings": []}
    set_spans(doc, "people", [Match(0, 3, "PERSON", "test", attrs={"name": "特朗普", "titles": []})])
    set_spans(doc, "organizations", [Match(m.start(), m.end(), "ORG", "test", attrs={"name": "白宫"})
                                     for m in re.finditer("白宫", text)])
    ctx = context_for(doc)
    first, second = text.index("表示"), text.rindex("表示")
    assert [(s.name, s.type) for s in speaker_before(ctx, first, 0)] == [("特朗普", "person")]
    assert [(s.name, s.type) for s in speaker_before(ctx, second, 0)] == [("白宫", "organization")]


def test_clause_opening_with_its_subject_is_no_lead_clause() -> None:
    # pattern of eval pd2017_renmrb_20171203_1-05: 基奎特总统在当天的演讲中，对…表示热烈祝贺，同时感谢…
    text = "王一总统在当天的演讲中，对大会召开表示热烈祝贺，同时感谢各方的支持。"
    assert speakers(text, ["王一"], "表示") == [("王一", "person")]
    # a lead clause of time before the subject is still passed over
    text = "会见结束后，王一对大会召开表示热烈祝贺，同时感谢各方的支持。"
    assert speakers(text, ["王一"], "表示") == [("王一", "person")]
