"""Layout: staff header, bylines, headings, sidebar fragments and noise lines are read as data."""

from __future__ import annotations

from pipeline.clean import clean
from pipeline.layout import analyse
from pipeline.models import Summary


def kinds(text: str) -> list[tuple[str, str]]:
    c = clean(text)
    return [(b.kind, c.text[b.start:b.end]) for b in analyse(c).blocks]


def test_seed_staff_header_contacts_and_publication(seed: Summary) -> None:
    article = seed.article
    staff = [(b.role, b.name) for b in article.bylines if b.credit == b.role]
    assert len(staff) == 3 and {role for role, _ in staff} == {"编辑", "美编", "责校"}
    assert article.contacts.phones == ["64101949"]
    assert article.contacts.emails == ["bbtzbs@163.com"]
    assert article.publication == "北京商报"
    assert article.encoding == "utf-8"
    assert article.id == "000_e860e59f66b08cf4" and article.source == "raw/000_e860e59f66b08cf4.txt"


def test_seed_reporter_bylines(seed: Summary) -> None:
    reporters = {b.name for b in seed.article.bylines if b.role == "记者"}
    assert reporters == {"姚倩", "濮振宇", "钱瑜"}
    assert all(b.credit == "北京商报记者" for b in seed.article.bylines if b.role == "记者")


def test_seed_sections_exclude_sidebar_fragments(seed: Summary) -> None:
    headings = [s.heading for s in seed.article.sections]
    assert len(headings) >= 7
    for fragment in ("1 空间范围", "2 产业重点", "目标定位", "扫码阅读全文"):
        assert fragment not in headings


def test_seed_page_breaks_rejoined(seed: Summary) -> None:
    from pipeline.ingest import read

    from .conftest import SEED

    raw = read(SEED).text
    assert len(seed.article.repairs) == 3
    for repair in seed.article.repairs:
        start, end = repair.span
        assert "\n" in raw[start:end], "the span covers the break"
        assert "".join(raw[start:end].split()) == repair.text
        assert repair.rule == "page_break_word"


def test_generic_layout() -> None:
    text = ("编辑 王小明 美编 李大华 校对 赵一\n\n"
            "一篇文章的标题\n\n"
            "第一段正文，讲了一件事情，也说明了原因。\n\n"
            "○3万余家企业\n\n"
            "小标题在这里\n\n"
            "第二段正文，继续讲述，并给出了结论。\n\n"
            "某某日报记者 张三 李四\n\n"
            "扫码阅读全文\n")
    got = kinds(text)
    assert got[0][0] == "staff"
    assert ("title", "一篇文章的标题") in got
    assert ("sidebar", "○3万余家企业") in got
    assert ("heading", "小标题在这里") in got
    assert ("byline", "某某日报记者 张三 李四") in got
    assert ("noise", "扫码阅读全文") in got


def test_inline_credits() -> None:
    c = clean("本报北京5月3日电（记者王五、赵六）会议召开。集体合影。新华社记者孙七摄\n会场。（新华社记者周八摄）\n")
    credits = [(x.name, x.credit) for x in analyse(c).credits]
    assert ("王五", "记者") in credits and ("赵六", "记者") in credits
    assert ("孙七", "新华社记者") in credits
    assert credits.count(("周八", "新华社记者")) == 1


def test_a_bracketed_list_of_credits_from_several_media() -> None:
    c = clean("会谈在北京举行。（中央人民广播电台记者刘一、新华社记者张二、王三）\n（本报记者魏四整理）\n")
    credits = [(x.name, x.credit) for x in analyse(c).credits]
    assert credits == [("刘一", "中央人民广播电台记者"), ("张二", "新华社记者"), ("王三", "新华社记者"),
                       ("魏四", "本报记者")]


def test_markdown_marks_decide_headings_and_list_items() -> None:
    text = ("---\ntitle: \"标题\"\n---\n\n"
            "02 专家评估：象征意义大于实际效果？ {#part}\n----------\n\n"
            "第一段正文，讲了一件事情，也说明了原因。\n\n"
            "## 小标题也可以这样写\n\n"
            "具体的防护建议：\n\n"
            "* 白宫行政命令：《某某命令》\n\n"
            "第二段正文，继续讲述，并给出了结论。\n")
    got = kinds(text)
    assert ("heading", "02 专家评估：象征意义大于实际效果？") in got
    assert ("heading", "小标题也可以这样写") in got
    assert ("paragraph", "具体的防护建议：") in got
    assert ("paragraph", "白宫行政命令：《某某命令》") in got


def test_a_byline_line_with_two_roles_is_two_credits() -> None:
    c = clean("正文第一段。\n早报记者朱楠实习生王昭\n")
    credits = [(x.name, x.credit) for x in analyse(c).credits]
    assert ("王昭", "早报记者朱楠实习生") not in credits
