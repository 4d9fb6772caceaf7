"""Quote finding: quotation segments, broken marks, speech versus terms, indirect speech.

Sentences are written for these tests, except where a comment names the article a sample comes from.
People are set on the Doc by the test (``people`` fixture below), so these tests do not depend on the
people stage's recall.
"""

from __future__ import annotations

import re

import pytest

from pipeline.clean import identity
from pipeline.language import get_nlp
from pipeline.quotes import find_segments, quotes_component
from pipeline.spans import Match, set_spans


def run(text: str, names: list[str], orgs: list[tuple[str, int]] = ()) -> tuple[list[dict], list[tuple]]:
    """The quotes stage on ``text`` with ``names`` as the people stage's mentions and ``orgs`` (name,
    offset) as the organizations stage's."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc._.clean = identity(text)
    doc._.meta = {"warnings": []}
    for name, component in nlp.pipeline:
        if name in ("zhnews_layout", "zhnews_sentences"):
            doc = component(doc)
    matches = [Match(m.start(), m.end(), "PERSON", "test", attrs={"name": n, "titles": []})
               for n in names for m in re.finditer(re.escape(n), text)]
    set_spans(doc, "people", matches)
    set_spans(doc, "organizations", [Match(at, at + len(name), "ORG", "test", attrs={"name": name})
                                     for name, at in orgs])
    doc = quotes_component(doc)
    quotes = [{"text": s.text, **s._.info} for s in doc.spans["quotes"]]
    return quotes, doc._.meta["warnings"]


def test_segments_nested_and_multi_paragraph() -> None:
    text = "甲说：“我们按照‘两个坚持’办事，第一段。\n“第二段还在说。”\n"
    blocks = [(0, text.index("\n")), (text.index("\n") + 1, len(text) - 1)]
    segments, warnings = find_segments(text, blocks)
    assert [text[s.start:s.end] for s in segments] == ["我们按照‘两个坚持’办事，第一段。", "第二段还在说。"]
    assert segments[0].continues and segments[1].continued
    assert warnings == []


def test_direct_before_and_after_and_interrupted() -> None:
    quotes, _ = run("王小明表示：“今年的产量又增加了。”\n“问题还很多，”李大海说，“要一个一个解决。”\n",
                    ["王小明", "李大海"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("今年的产量又增加了。", "direct", "王小明"),
        ("问题还很多，", "direct", "李大海"),
        ("要一个一个解决。", "direct", "李大海"),
    ]


def test_pronoun_resolves_to_person_before() -> None:
    quotes, _ = run("张丽华建议加大投入。“只有用的人越来越多，生态才能打造起来。”她说。\n", ["张丽华"])
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert direct[0]["speaker"] == "张丽华" and direct[0]["speaker_type"] == "person"


def test_scare_quotes_are_not_speech() -> None:
    quotes, warnings = run("这里被称为科技“大脑”，推动“两区”建设，打造“核爆点”。\n", [])
    assert quotes == []
    assert not [w for w in warnings if w[0] == "unattributed_quote"]


def test_quoted_term_opening_indirect_speech() -> None:
    # pattern of the seed article (raw/000_e860e59f66b08cf4.txt): 董贵蛟表示：“软环境”方面，将按照…
    quotes, _ = run("对于环境，赵建国表示：“软环境”方面，将按照市场化原则推进；“硬环境”方面，将加快建设。\n",
                    ["赵建国"])
    assert len(quotes) == 1
    assert quotes[0]["kind"] == "indirect" and quotes[0]["speaker"] == "赵建国"
    assert quotes[0]["text"].startswith("“软环境”方面") and quotes[0]["text"].endswith("将加快建设")


def test_book_title_mark_as_opening_quote_is_recovered_with_warning() -> None:
    # pattern of the seed article: 《海淀制定完成〈…方案〉，…能力。”梁爽表示。
    quotes, warnings = run("那么该如何发展？《本区制定完成〈孵化平台评价方案〉，支持孵化器发展。”钱多多表示。\n",
                           ["钱多多"])
    assert [(q["text"], q["speaker"], q["kind"]) for q in quotes] == [
        ("本区制定完成〈孵化平台评价方案〉，支持孵化器发展。", "钱多多", "direct")]
    assert [w[0] for w in warnings] == ["recovered_quote"]


def test_missing_opening_mark_is_recovered_with_warning() -> None:
    quotes, warnings = run("如何发展？孙一表示：我们围绕“互联网+医疗”，为医院建设提供支撑。”\n", ["孙一"])
    assert [(q["text"], q["kind"]) for q in quotes] == [("我们围绕“互联网+医疗”，为医院建设提供支撑。", "direct")]
    assert [w[0] for w in warnings] == ["recovered_quote"]


def test_unclosed_quote_warns() -> None:
    _, warnings = run("周五说：“我们明天再来，一定会带上全部的材料和设备\n下一段。\n", ["周五"])
    assert "unbalanced_quote" in [w[0] for w in warnings]


def test_unattributed_speech_goes_to_warnings() -> None:
    quotes, warnings = run("会场很安静。\n“我们一定要把这件事情做好，不辜负大家。”\n", [])
    assert quotes == []
    assert [w[0] for w in warnings] == ["unattributed_quote"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("李四表示，明年将继续加大投入。", "明年将继续加大投入"),
    ("李四还进一步指出：改革要继续深化。", "改革要继续深化"),
    ("李四希望这些课程能走进课堂。", "这些课程能走进课堂"),
    ("在接受记者采访时，李四认为，市场仍有空间。", "市场仍有空间"),
])
def test_indirect_after_speech_verb(sentence: str, expected: str) -> None:
    quotes, _ = run(sentence + "\n", ["李四"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [(expected, "indirect", "李四")]


@pytest.mark.parametrize("sentence", [
    "据介绍，该项目明年完工。",  # no speaker
    "研究表明，睡眠很重要。",
    "李四表示感谢。",  # 表示 without reported content
    "按照会议的要求，各地加快推进。",
])
def test_not_indirect(sentence: str) -> None:
    quotes, _ = run(sentence + "\n", ["李四"])
    assert quotes == []


def test_speech_inside_direct_quote_belongs_to_outer_speaker() -> None:
    quotes, _ = run("王五说：“李四表示，这件事要抓紧办。”\n", ["王五", "李四"])
    assert [(q["kind"], q["speaker"]) for q in quotes] == [("direct", "王五")]


def test_several_people_one_quote_each() -> None:
    quotes, _ = run("赵六和钱七都认为，合作前景广阔。\n", ["赵六", "钱七"])
    assert sorted(q["speaker"] for q in quotes) == ["赵六", "钱七"]
    assert {q["text"] for q in quotes} == {"合作前景广阔"}


def test_groups_documents_and_unnamed() -> None:
    quotes, _ = run("多位专家认为，政策效果明显。\n《关于加快发展的意见》指出，要优化环境。\n"
                    "党的十九大报告指出，要加强监督。\n", [])
    assert [(q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("多位专家", "group"), ("关于加快发展的意见", "document"), ("党的十九大报告", "document")]


def test_interview_heading_names_the_interviewee() -> None:
    text = ("前面的正文段落，介绍背景情况。\n\n某某协会理事长周明远\n\n完善法律法规\n\n"
            "“第一个问题是数据的归属，我们希望尽快规范。”\n")
    quotes, _ = run(text, ["周明远"])
    assert [(q["speaker"], q["kind"]) for q in quotes] == [("周明远", "direct")]


def test_speech_introduced_on_the_line_before_and_named_on_the_line_after() -> None:
    quotes, _ = run("吴刚一愣，问：\n“没火柴了？”\n“早断了！”\n马丽说。\n", ["吴刚", "马丽"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("没火柴了？", "吴刚"), ("早断了！", "马丽")]


# Round 2 rules. Sentences written for these tests, patterned on constructions seen in People's Daily
# articles (no article's names or sentences).

def test_speaker_named_after_the_quotation_without_a_verb() -> None:
    quotes, _ = run("“中国是一个重视合作的国家，发展很快。”大学教授李明远是这一变化的见证者。\n", ["李明远"])
    assert [(q["text"], q["speaker"], q["rule"]) for q in quotes] == [
        ("中国是一个重视合作的国家，发展很快。", "李明远", "direct_before_subject")]


def test_view_of_a_person_on_the_next_paragraph() -> None:
    quotes, _ = run("“只有平时多流汗，战时才能少流血。”\n在政委王建国眼里，训练标准必须毫不放松。\n", ["王建国"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("只有平时多流汗，战时才能少流血。", "direct", "王建国"),
        ("训练标准必须毫不放松", "indirect", "王建国")]


def test_quotation_on_its_own_goes_on_with_the_paragraph_speaker() -> None:
    quotes, _ = run("赵刚表示，困难总会过去。我们要看长远。“我们有信心走下去。”\n", ["赵刚"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("困难总会过去", "赵刚"), ("我们有信心走下去。", "赵刚")]
    # someone named in between breaks the chain: no guess, a warning
    quotes, warnings = run("赵刚表示，困难总会过去。钱伟也在场。“我们有信心走下去。”\n", ["赵刚", "钱伟"])
    assert [q["speaker"] for q in quotes] == ["赵刚"]
    assert [w[0] for w in warnings] == ["unattributed_quote"]


def test_closing_quotation_after_a_comma_is_the_subjects() -> None:
    quotes, _ = run("王成任职三年，查处案件四十件，“九成以上的案件都是独立查办的”。\n", ["王成"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("九成以上的案件都是独立查办的", "王成")]
    # …but not when the clause before cites someone else: the sentence is one indirect quote
    quotes, _ = run("钱伟表示，要像专家在报告中提到的那样，“努力建设一个开放包容的世界”。\n", ["钱伟"])
    assert [(q["kind"], q["speaker"]) for q in quotes] == [("indirect", "钱伟")]


def test_heading_that_repeats_attributed_speech() -> None:
    text = "“为什么要等？明天上午就谈！”\n那天下午，我去拜访陈建国。陈建国激动地反问我：“为什么要等？明天上午就谈！”\n"
    quotes, warnings = run(text, ["陈建国"])
    assert [(q["speaker"], q["rule"]) for q in quotes] == [
        ("陈建国", "direct_repeated"), ("陈建国", "direct_after_colon")]
    assert warnings == []


def test_nouns_and_words_that_end_in_a_verb_are_not_cues() -> None:
    # 要求 after 新 is a noun; 讲 inside 演讲 is not 讲
    text = "李华对工作提出新要求，再次强调“安全生产永远在路上”。\n李华发表了演讲，提出了新的方针。\n"
    quotes, _ = run(text, ["李华"])
    assert [(q["text"], q["kind"]) for q in quotes] == [("安全生产永远在路上", "direct")]


def test_quotation_that_is_the_object_of_a_verb_before_a_comma() -> None:
    quotes, _ = run("李华同时强调“此事不构成诽谤诉讼的理由”，并拒绝了对方提出的赔偿要求。\n", ["李华"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [("此事不构成诽谤诉讼的理由", "direct", "李华")]


def test_sentence_that_only_names_the_speaker_reports_the_one_before() -> None:
    quotes, _ = run("如今，全县一百多名老人成为护河的宣传员。县河长办主任潘建华告诉记者。\n", ["潘建华"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("如今，全县一百多名老人成为护河的宣传员", "indirect", "潘建华")]


def test_first_person_and_subjectless_verbs_inside_a_reported_paragraph() -> None:
    text = "周明指出，发展道路是历史的选择。我在报告中指出，经济进入了新阶段。希望各位多提建议。\n"
    quotes, _ = run(text, ["周明"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("发展道路是历史的选择", "周明"), ("经济进入了新阶段", "周明"), ("各位多提建议", "周明")]


def test_report_that_opens_with_its_own_attribution() -> None:
    quotes, _ = run("电视台报道，李华表示将在数小时内提起诉讼。\n", ["李华"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("将在数小时内提起诉讼", "李华")]


def test_short_references_reach_the_full_name() -> None:
    # 老罗 / 罗经理 name the one person of that surname; another surname is left alone
    text = "电影公司经理罗华明早就候在那里了。老罗说这车一直只活动在山里。罗经理说，今年已放映两千多场。\n"
    quotes, _ = run(text, ["罗华明"])
    assert [(q["kind"], q["speaker"]) for q in quotes] == [("indirect", "罗华明"), ("indirect", "罗华明")]
    quotes, _ = run("电影公司经理罗华明早就候在那里了。老王说这车一直只活动在山里。\n", ["罗华明"])
    assert quotes == []


def test_foreign_names_joined_or_shortened() -> None:
    text = ("“世界好比一艘船，需要同舟共济。”作家安娜·史密斯和约翰·史密斯表示，这一主张令人印象深刻。"
            "议员本伊莎·哈瓦莱出席。哈瓦莱认为，交流有利于增进了解。\n")
    quotes, _ = run(text, ["安娜·史密斯和约翰·史密斯", "本伊莎·哈瓦莱", "哈瓦莱"])
    assert [q["speaker"] for q in quotes] == ["安娜·史密斯", "约翰·史密斯", "安娜·史密斯", "约翰·史密斯",
                                              "本伊莎·哈瓦莱"]


def test_bare_speaker_noun_takes_its_fuller_phrase_and_data_speaks_for_a_named_body() -> None:
    text = ("全省经济工作会议对全年工作进行总结，指出这是不平凡的一年。会议强调，要稳中求进。"
            "财政局数据显示，支出连续五年下降。数据显示，收入有所增加。\n")
    quotes, _ = run(text, [], orgs=[("财政局", text.index("财政局"))])
    got = [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes]
    assert got == [("这是不平凡的一年", "全省经济工作会议", "organization"),
                   ("要稳中求进", "全省经济工作会议", "organization"),
                   ("支出连续五年下降", "财政局", "organization")]


def test_passage_above_an_excerpt_line_quotes_the_document() -> None:
    quotes, _ = run("标题\n提高联合作战能力，打赢战争。\n——摘自《国防白皮书》\n正文第一段。\n", [])
    assert [(q["text"], q["kind"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("提高联合作战能力，打赢战争。", "direct", "国防白皮书", "document")]
    # a commentary signed by its author is not an excerpt
    quotes, _ = run("标题\n我们要注重发挥党员的监督作用。\n——学院教授李明\n", ["李明"])
    assert quotes == []


def test_speakers_named_by_what_they_are() -> None:
    # round 3: a noun phrase headed by a person noun speaks as written, 一位…的 included, fillers between
    quotes, _ = run("一位从外地赶来的游客说，这里的面条最好吃。\n"
                    "各国政党领导人普遍认为，合作对大家都有好处。\n"
                    "她的女儿对大家说：“我会把手艺传下去。”\n"
                    "有些人认为，这样做太慢了。\n"
                    "水利局党组提出，要把堤坝修好。\n", [])
    assert [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("这里的面条最好吃", "一位从外地赶来的游客", "unnamed"),
        ("合作对大家都有好处", "各国政党领导人", "group"),
        ("我会把手艺传下去。", "她的女儿", "unnamed"),
        ("这样做太慢了", "有些人", "group"),
        ("要把堤坝修好", "水利局党组", "organization"),
    ]


def test_role_speaker_is_not_widened_to_an_earlier_phrase() -> None:
    # 记者 asking is the reporter, not an earlier clause that happens to end in 记者 (接受记者)
    quotes, _ = run("主任接受记者采访时说，今年要多修路。\n“明年的计划是什么？”记者问。\n", [])
    assert ("明年的计划是什么？", "记者") in [(q["text"], q["speaker"]) for q in quotes]
    quotes, _ = run("科学家介绍说，这种材料比钢还硬。\n", [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("这种材料比钢还硬", "科学家")]


def test_gestures_thoughts_and_sources_are_not_speech() -> None:
    # round 3: 表示+attitude noun shows an attitude; the writer's own 我相信 is a thought; 据 is no part of
    # the source; a stance (表示热烈支持) stays speech
    quotes, _ = run("王小明向工人们表示新年的祝贺。\n李大海对此表示肯定。\n我相信，明天会更好。\n"
                    "据学者估计，这座桥建于明代。\n与会代表纷纷表示热烈支持。\n我告诉他，明天再来。\n",
                    ["王小明", "李大海"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("这座桥建于明代", "学者"), ("热烈支持", "与会代表"), ("明天再来", "我")]


def test_reported_speech_boundaries() -> None:
    # an ellipsis followed by a new sentence ends the speech; speech after a colon without marks runs past
    # its questions to the full stop
    quotes, _ = run("王小明希望两国加强合作……这是大家的心愿。\n常有代表问：你们很忙吧？一年能干几件事吧。\n",
                    ["王小明"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("两国加强合作", "王小明"), ("你们很忙吧？一年能干几件事吧", "常有代表")]


def test_pronoun_takes_a_nearer_unnamed_person() -> None:
    # round 3: an unnamed person phrase between the last named person and 他 is the antecedent
    quotes, _ = run("王小明说，今年书卖得很好。\n顾客林先生得知消息后专程赶来。他说，这套书很有用。\n"
                    "张大海说，桥修好了。\n前不久，一位法国记者来到这里。见闻促使他反思：“了解很重要。”\n",
                    ["王小明", "张大海"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("今年书卖得很好", "王小明"), ("这套书很有用", "林先生"), ("桥修好了", "张大海"),
        ("了解很重要。", "一位法国记者")]


def test_pronoun_looks_back_one_paragraph_at_most() -> None:
    quotes, _ = run("王小明说，今年书卖得很好。\n\n书店在城南。\n\n他认为，明年会更好。\n"
                    "李大海来了。\n\n他说，路很远。\n", ["王小明", "李大海"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("今年书卖得很好", "王小明"), ("路很远", "李大海")]


def test_quote_without_adjacent_verb_takes_a_nearby_person() -> None:
    # round 3: a quote-only paragraph takes the speaker of the next paragraph ending in …说。; a quote after
    # a sentence naming one person is that person's; a person opening the clause before the comma speaks
    quotes, _ = run("协会召开大会，选出新的领导班子。\n“我深感责任重大，一定会不忘初心。”\n"
                    "12月1日，再次当选会长的王小明第一时间接受记者采访时说。\n"
                    "李大海与记者分享了他的体验。“高铁是很快的交通工具，我很喜欢。”\n"
                    "尽管已经年满60岁，但张红清楚地记得，“这是妈妈的味道。”\n", ["王小明", "李大海", "张红"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("我深感责任重大，一定会不忘初心。", "王小明"), ("高铁是很快的交通工具，我很喜欢。", "李大海"),
        ("这是妈妈的味道。", "张红")]


def test_head_of_a_modified_person_is_the_subject() -> None:
    # round 3: in "A…的B" B is the subject (written for this test)
    quotes, _ = run("“这张照片你要收好。”王小明生前最疼爱的王玲郑重地接过照片。\n", ["王小明", "王玲"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("这张照片你要收好。", "王玲")]


def test_bulleted_list_after_a_colon_is_the_subjects_speech() -> None:
    # an advice list under "X给出了…建议：" (shape of a fy_ health article; sentences written for this test)
    text = ("卫生局发布提示。\n\n卫生局给出了具体的防护建议：\n\n* 在人多的地方，建议大家科学佩戴口罩。\n\n"
            "* 保持良好的卫生习惯，勤洗手。\n\n天气转暖以后，情况会好转。\n")
    quotes, _ = run(text, [])
    assert quotes == []  # no organization found by the test's people-only setup: nobody speaks
    quotes, _ = run(text, [], orgs=[("卫生局", text.index("卫生局给出"))])
    assert [(q["text"], q["speaker"], q["kind"]) for q in quotes] == [
        ("在人多的地方，建议大家科学佩戴口罩", "卫生局", "indirect"),
        ("保持良好的卫生习惯，勤洗手", "卫生局", "indirect")]


def test_a_titled_work_opening_the_sentence_speaks() -> None:
    # round 3: 纪录片《X》…，并…指出 : the work, by its title (sentence written for this test)
    quotes, _ = run("前不久，一部新拍的纪录片《大河：新时代》，记录了沿岸的变化，"
                    "并感慨地指出，这些投资规模很大。\n", [])
    assert [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("这些投资规模很大", "大河：新时代", "document")]


def test_person_nouns_spoken_to_or_modified_are_not_speakers() -> None:
    # 对儿子说 addresses the son; 对…的永合 makes 永合 an object, not the head (written for this test)
    quotes, _ = run("“你该多出点钱。”\n孙大海咄咄地对儿子说。\n李明对远道而来的王强笑了笑，问他：“你说怎么办？”\n",
                    ["孙大海", "李明", "王强"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("你该多出点钱。", "孙大海"), ("你说怎么办？", "李明")]


def test_subject_of_the_clause_before_a_subjectless_verb() -> None:
    # 毋庸讳言，…，有些人对…并不看好，认为… : the group that opens the clause before speaks
    quotes, _ = run("毋庸讳言，在今天的条件下，有些人对这项工作并不看好，认为坐的是冷板凳。\n", [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("坐的是冷板凳", "有些人")]


def test_bare_meeting_opening_a_sentence_takes_its_fuller_phrase() -> None:
    # 会议明确了…，强调要… : the subject of a verb with no subject of its own is the meeting named in full before
    text = "全省经济工作会议在省城召开。\n会议明确了明年的政策取向，强调要稳中求进、提质增效。\n"
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("要稳中求进、提质增效", "全省经济工作会议")]


def test_accusation_guess_and_hint_verbs_report_speech() -> None:
    text = ("王大海起诉这家公司，指控其产品说明书夸大了功效。分析人士将此事与旧案相联系，暗示这可能是维权增多的信号。\n"
            "李小红承诺将在下月公开全部账目。\n")
    quotes, _ = run(text, ["王大海", "李小红"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("其产品说明书夸大了功效", "indirect", "王大海"),
        ("这可能是维权增多的信号", "indirect", "分析人士"),
        ("将在下月公开全部账目", "indirect", "李小红")]


def test_quotation_after_the_object_of_an_accusation_is_direct() -> None:
    # pattern of a web article (eval fy_20260108-trump-sues-bbc-documentary-edit): 指控BBC“…”，并猜测该媒体“…”
    text = "王大海指控这家公司“让我背了从没欠过的债”，并猜测对方“早就伪造了合同”。\n"
    quotes, _ = run(text, ["王大海"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("让我背了从没欠过的债", "direct", "王大海"), ("早就伪造了合同", "direct", "王大海")]
    # a verb whose object is a clause keeps its sentence as one indirect quote, the marks inside
    quotes, _ = run("王大海承认这种做法“无意中造成了误会”。\n", ["王大海"])
    assert [(q["text"], q["kind"]) for q in quotes] == [("这种做法“无意中造成了误会”", "indirect")]


def test_medium_named_in_latin_script_speaks() -> None:
    # pattern of a web article (eval fy_20260108-trump-fentanyl-wmd-executive-order): POLITICO的分析指出，…
    text = ("POLITICO的分析指出，新规赋予了政府新的工具。据BBC报道，英国将加征关税。Reuters指出，油价将继续上涨。"
            "用户app显示，订单已经取消。研究的分析指出，结果并不可靠。\n")
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("新规赋予了政府新的工具", "POLITICO", "organization"), ("英国将加征关税", "BBC", "organization"),
        ("油价将继续上涨", "Reuters", "organization")]


def test_bare_document_noun_speaks_under_the_title_given_before() -> None:
    # pattern of a web article (eval fy_20260108-trump-fentanyl-wmd-executive-order): 名为“X”的行政命令 … 命令明确指出
    text = ("市政府发布了名为“关于加强河道管理”的通知。\n最后，通知明确指出，违规采沙将被严厉处罚。"
            "该通知还强调，各村要设河长。\n省里的通知表示，明年起实施。\n")
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("违规采沙将被严厉处罚", "关于加强河道管理", "document"), ("各村要设河长", "关于加强河道管理", "document"),
        ("明年起实施", "省里的通知", "document")]


def test_narrator_opening_the_clause_before_a_colon_speaks() -> None:
    # pattern of eval pd2017_renmrb_20171202_1-12: 因为这个插曲，我对…充满了敬意：“是啊，…”
    quotes, _ = run("因为这个插曲，我对这片山林充满了敬意：“是啊，这里真是个好地方！”\n", [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("是啊，这里真是个好地方！", "我")]


def test_short_opening_before_a_speaker_who_goes_on_after_a_colon() -> None:
    # pattern of eval pd2017_renmrb_20171202_1-12: “不过——”单支书话锋一转：“自从…”
    quotes, _ = run("“不过——”王支书话锋一转：“自从修了水库，我们就与外界隔开了。”\n", ["王支书"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("不过——", "王支书"), ("自从修了水库，我们就与外界隔开了。", "王支书")]
    # a term in marks before such a clause is not speech
    quotes, _ = run("“两会”代表王支书说起话来：“自从修了水库，我们就与外界隔开了。”\n", ["王支书"])
    assert [q["text"] for q in quotes] == ["自从修了水库，我们就与外界隔开了。"]


def test_name_in_marks_opening_a_clause_speaks() -> None:
    # pattern of eval pd2017_renmrb_20171203_1-05: “非洲晴雨表”预计，2015年革命党的支持率将…
    text = "当时支持率已经下降。“东方民调”预计，明年的支持率将降到四成。他们的支持率“持续下滑”预计，明年更低。\n"
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"], q["speaker_type"]) for q in quotes] == [
        ("明年的支持率将降到四成", "东方民调", "organization")]


def test_speech_after_the_one_told() -> None:
    # pattern of eval pd2017_renmrb_20171203_1-05: 我去总统府拜访…，告诉他准备假期结束后向他详细介绍…
    quotes, _ = run("我去办公室拜访王大海，告诉他准备下周向他详细介绍情况。\n", ["王大海"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("准备下周向他详细介绍情况", "我")]
    quotes, _ = run("放映员叫王大海。他告诉我说，这里山路太长，人不多。\n", ["王大海"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("这里山路太长，人不多", "王大海")]


def test_data_shows_with_no_comma_and_speech_stops_at_the_next_attribution() -> None:
    # pattern of a web article's summary (eval fy_20260108-china-flu-positivity-rate-declines):
    # 中国疾控中心数据显示全国流感阳性率开始下降，专家指出已达流行“拐点”…
    text = ("疾控中心数据显示全国阳性率开始下降，专家指出已达流行拐点。数据显示收入有所增加。"
            "这个政党积累了经验，显示出强烈的影响力。王一说，公司发展很快，他认为还会更快。\n")
    quotes, _ = run(text, ["王一"], orgs=[("疾控中心", 0)])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("全国阳性率开始下降", "疾控中心"), ("已达流行拐点", "专家"), ("公司发展很快，他认为还会更快", "王一")]


def test_verb_with_a_complement_reports_nothing() -> None:
    # pattern of eval pd2017_renmrb_20171201_3-05: 中国共产党…积累了不少独特经验，…显示出强烈的影响力
    quotes, _ = run("中国共产党积累了丰富经验，显示出强烈的影响力。\n", [], orgs=[("中国共产党", 0)])
    assert quotes == []


def test_colon_speech_of_the_one_person_the_sentence_names() -> None:
    # pattern of eval pd2017_renmrb_20171202_1-11: 同样也是在秋天，晚唐诗人许浑，傍晚登上清渭楼，…即兴作诗：“…”
    text = "同样是在秋天，诗人王一，傍晚登上城楼，即兴作诗：“一上高楼万里愁，山雨欲来风满楼。”\n"
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("一上高楼万里愁，山雨欲来风满楼。", "王一")]
    text = "同样是在秋天，王一陪着李二，傍晚登上城楼，即兴作诗：“一上高楼万里愁，山雨欲来风满楼。”\n"
    quotes, _ = run(text, ["王一", "李二"])
    assert quotes == []


def test_compound_verbs_and_more_speaker_nouns() -> None:
    text = "王一强调指出，公司明年将上市。李二辩称，账目没有问题。多名分析师认为，油价还会上涨。\n"
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("公司明年将上市", "王一"), ("账目没有问题", "李二"), ("油价还会上涨", "多名分析师")]


def test_publisher_of_a_statement_speaks_and_a_name_in_marks_stays_inside_the_clause() -> None:
    text = ("王一发表声明称，公司明年将上市。\n"
            "美国总统李二在社交媒体“真实社交”上发文称，关税将会提高。\n")
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("公司明年将上市", "王一"), ("关税将会提高", "李二")]


def test_bracketed_note_after_the_name_and_whom_the_speaker_told() -> None:
    text = "王一（化名）说，明年还要修桥。李二告诉本报记者，那时候村里没有路。李二回忆道，路是后来修的。\n"
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("明年还要修桥", "王一"), ("那时候村里没有路", "李二"), ("路是后来修的", "李二")]


def test_speech_in_the_paragraph_below_a_verb_and_colon() -> None:
    text = ("王一表示：\n村里今年修了路。明年还要修桥。\n李二说：\n“村里今年修了路。”\n"
            "我们看到的情况如下：\n村里今年修了路。\n")
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("村里今年修了路", "indirect", "王一"), ("村里今年修了路。", "direct", "李二")]


def test_emphasis_marks_between_speaker_and_verb() -> None:
    text = "**国际货币基金组织** 预计，明年经济增长4.5%。\n"
    quotes, _ = run(text, [], orgs=[("国际货币基金组织", 2)])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("明年经济增长4.5%", "国际货币基金组织")]


def test_speaker_phrases_found_on_news_sentences() -> None:
    # patterns of news sentences (eval ner/cluener2020 and ner/peoples_daily, read when checking these rules)
    text = ("联盟（阿盟）代表王一在此间呼吁，各方保持克制。"
            "新华网圣地亚哥10月5日电（记者李二）智利《信使报》5日报道称，比索近一周贬值。"
            "有分析师指出，食品价格开始上涨。有的学者认为，改革势在必行。\n")
    quotes, _ = run(text, ["王一", "李二"], orgs=[("新华网", text.index("新华网"))])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("各方保持克制", "王一"), ("比索近一周贬值", "信使报"), ("食品价格开始上涨", "分析师"),
        ("改革势在必行", "有的学者")]


def test_what_is_no_speech_on_news_sentences() -> None:
    # patterns of news sentences (eval ner/cluener2020 and ner/peoples_daily, read when checking these rules)
    text = ("去年，王一被选为影展的“焦点导演”环节做重点介绍，也导演了两部电影。\n"
            "农业银行重新发布了房贷细则，表明细则并未半途夭折。\n"
            "鲁村王庄自然村，曾流传着这样一句乡谣：“种山芋地讨山芋妻，吃山芋饭拉山芋稀。”\n"
            "第一书记（乡里有“第一书记”，这是派副书记王山兼职）总结了原因：“关键是运不下山。”\n")
    quotes, _ = run(text, ["王一", "王庄", "王山"], orgs=[("农业银行", text.index("农业银行"))])
    assert quotes == []


def test_a_lead_before_a_report_inside_speech_leaves_the_inner_report() -> None:
    # pattern of eval ner/peoples_daily: 吴兴华说，昨天，长沙市人民法院宣布，…
    text = "王一说，昨天，市法院宣布，各法院开始采用公告执行方式。\n"
    quotes, _ = run(text, ["王一"], orgs=[("市法院", text.index("市法院"))])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("各法院开始采用公告执行方式", "市法院")]


def test_occasion_before_a_false_name_is_no_title() -> None:
    # pattern of eval ner/msra: …胡锦涛，今天在会见…党员专家邓小平理论研究班学员时强调，… (a theory read as a name)
    text = "今天在会见党员专家王理论研究班学员时强调，要学好理论。\n"
    quotes, _ = run(text, ["王理论"])
    assert quotes == []


def test_days_manners_and_verbs_before_say_between_speaker_and_verb() -> None:
    # patterns of news sentences (eval ner/msra and ner/peoples_daily, read when checking these rules)
    text = ("美国政府24日表示，将支持这项贷款。经济专家警告说，金融市场将受冲击。王一高声说，记者的权益受保护。"
            "此间舆论广泛认为，双边关系进入新阶段。英国《新科学家》周刊27日报道说，耕地受损严重。\n"
            "一、双方认为，国际形势发生着深刻变化。\n")
    quotes, _ = run(text, ["王一"], orgs=[("美国政府", 0)])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("将支持这项贷款", "美国政府"), ("金融市场将受冲击", "经济专家"), ("记者的权益受保护", "王一"),
        ("双边关系进入新阶段", "此间舆论"), ("耕地受损严重", "新科学家"), ("国际形势发生着深刻变化", "双方")]


def test_dates_channels_short_names_and_a_name_glued_to_the_verb() -> None:
    # patterns of news sentences (eval ner/msra and ner/peoples_daily, read when checking these rules)
    text = ("任建新说，法学会是全国性学术团体。石油输出国组织（欧佩克）4月14日宣布，油价又明显下降。"
            "联盟（阿盟）代表王一22日在此间呼吁，各方保持克制。澳联邦政府5月1日宣布：将开展一次全国性调查。"
            "几内亚比绍政府通过电台宣布，局势已得到控制。空客公司预测认为，全球需要新订购客机。"
            "三家公司对英特尔提出指控，且指控并没有涉及所有业务。美国国务院上周表示，访问将加强两国关系。"
            "联合国在此间呼吁，各方停火。\n")
    names = ("石油输出国组织", "澳联邦政府", "几内亚比绍政府", "空客公司", "英特尔", "美国国务院", "联合国")
    quotes, _ = run(text, ["任建新", "王一"], orgs=[(o, text.index(o)) for o in names])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("法学会是全国性学术团体", "任建新"), ("油价又明显下降", "石油输出国组织"), ("各方保持克制", "王一"),
        ("将开展一次全国性调查", "澳联邦政府"), ("局势已得到控制", "几内亚比绍政府"),
        ("全球需要新订购客机", "空客公司"), ("访问将加强两国关系", "美国国务院"), ("各方停火", "联合国")]


def test_surname_and_title_of_someone_not_named_in_full() -> None:
    # pattern of a news sentence (eval ner/cluener2020): …人民法院办公室王主任向记者透露，…
    text = "法院办公室王主任向记者透露，开庭公告已经公布。村里的李大爷说，今年收成不错。县委书记表示，要抓好生产。\n"
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("开庭公告已经公布", "王主任"), ("今年收成不错", "李大爷")]


def test_quotation_after_a_comma_goes_on_with_the_speech_before_it() -> None:
    # patterns of news sentences (eval ner/peoples_daily): 他们说：“…”，“…”。 / 周总理当年明确指出，“…”
    text = ("记者请他们谈印象，王一说：“中国市场确实太重要，我们的项目也重要”，“中国伙伴对项目很负责任”。"
            "李二说：“我们要坚持下去。”“两个维护”是根本。周总理当年明确指出，“供水工程，应当列入国家计划。”\n")
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("中国市场确实太重要，我们的项目也重要", "王一"), ("中国伙伴对项目很负责任", "王一"),
        ("我们要坚持下去。", "李二"), ("供水工程，应当列入国家计划。", "周总理")]


def test_byline_naming_and_pointing_objects_are_no_speech() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/msra, read when checking these rules):
    # 本报桂林4月8日电记者李中文报道：…, 文人们称它为“欧洲之花”, 叶利钦是在…上说这番话的, …对此表示失望
    text = ("本报桂林4月8日电记者李一报道：第九届全国象棋冠军赛今天进行了第三轮赛事。\n"
            "本报记者李一报道：记者从有关部门获悉，今年粮食丰收。\n"
            "巴塞罗那是座名城，文人们称它为“欧洲之花”。王二是在记者招待会上说这番话的。"
            "特区政府对此表示失望。\n"
            "印度政府在声明中还对安理会决议进行了抨击，称其是“无根据的”。\n")
    quotes, _ = run(text, ["李一", "王二"], orgs=[(o, text.index(o)) for o in ("特区政府", "印度政府")])
    # eval ner/peoples_daily: …称其是“无根据的”和“没有必要的” states something and stays speech
    assert [(q["text"], q["speaker"]) for q in quotes] == [("其是“无根据的”", "印度政府")]


def test_dateline_byline_is_no_subject_of_the_first_sentence() -> None:
    # pattern of eval ner/peoples_daily: 本报平壤4月29日电记者赵嘉鸣报道：朝鲜…金正日近日提出…，并表示，…
    text = "本报北京5月2日电记者李一报道：总统王二昨日发表声明，表示选举为政制发展奠定基础。\n"
    quotes, _ = run(text, ["李一", "王二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("选举为政制发展奠定基础", "王二")]


def test_writers_discourse_marker_is_no_speech_of_the_lead_speaker() -> None:
    # pattern of eval article pd2017_renmrb_20171201_1-20: 科学家介绍说，…。通俗地讲，石墨烯就是单层石墨。
    text = "王一介绍说，石墨烯是单层碳原子构成的晶体。通俗地讲，石墨烯就是单层石墨。\n"
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("石墨烯是单层碳原子构成的晶体", "王一")]


def test_people_counted_with_a_classifier_speak_as_written() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/cluener2020, read when checking this rule):
    # 中信欧洲有限公司的一位业务经理说，… / 一名审判员称：… / 一位摊主抱怨说，… / 一名工作人员却表示…
    text = ("天元公司的一位业务经理说，欧元启动后企业会要求以欧元结算。一名审判员称：记者不可以旁听。"
            "一位摊主抱怨说，他们老是不开发票。一名工作人员却表示完全不知道此事。这位老太太幽默地表示，她不用电脑。\n")
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("欧元启动后企业会要求以欧元结算", "天元公司的一位业务经理"), ("记者不可以旁听", "一名审判员"),
        ("他们老是不开发票", "一位摊主"), ("完全不知道此事", "一名工作人员")]


def test_pronoun_goes_on_with_the_subject_not_the_object_of_its_verb() -> None:
    # pattern of eval ner/peoples_daily: 日本首相桥本龙太郎在今天晚上同美国总统克林顿进行电话会谈，他在…谈话中说，…
    text = ("首相王一在今天晚上同美国总统李二进行电话会谈，他在随后发表的谈话中说，日本正在采取紧急措施。"
            "总统张三会见了李二。他说，两国关系良好。\n")
    quotes, _ = run(text, ["王一", "李二", "张三"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("日本正在采取紧急措施", "王一"), ("两国关系良好", "张三")]


def test_surname_inside_a_word_and_people_spoken_to_are_no_speakers() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/msra, read when checking these rules):
    # 世界卫生组织的健康专家认为，… / 再一次向中国人民表示沉痛哀悼… / 他就对三机部负责人讲，…
    text = ("卫生组织的健康专家认为，不少青少年把吸烟视为成熟的标志。"
            "我谨代表全体成员，再一次向中国人民表示沉痛哀悼并祝愿贵国繁荣。"
            "１９７８年王一就对三机部负责人讲，技术合作这是个新形式。\n")
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("不少青少年把吸烟视为成熟的标志", "卫生组织的健康专家"), ("技术合作这是个新形式", "王一")]


def test_publisher_with_a_day_and_a_country_and_what_people_report() -> None:
    # patterns of news sentences (eval ner/peoples_daily, read when checking these rules):
    # 土耳其外交部23日发表声明指出，… / 阿尔巴尼亚政府1日发表正式声明说，… / 许多村民向他们反映：…
    text = ("土耳其外交部23日发表声明指出，扩建计划将有损地区和平。"
            "阿尔巴尼亚政府1日发表正式声明说，难民人数还在增加。许多村民向他们反映：单纯以农业为主不行。\n")
    orgs = [("外交部", text.index("外交部")), ("阿尔巴尼亚政府", text.index("阿尔巴尼亚政府"))]
    quotes, _ = run(text, [], orgs=orgs)
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("扩建计划将有损地区和平", "土耳其外交部"), ("难民人数还在增加", "阿尔巴尼亚政府"),
        ("单纯以农业为主不行", "许多村民")]


def test_dateline_day_of_meeting_naming_amounts_and_who_was_heard() -> None:
    # patterns of news sentences (eval ner/peoples_daily, read when checking these rules):
    # 新华社北京5月6日电外经贸部新闻发言人今天说，… / 5月20日的巴黎国际援塔会议明确表示，… / 人们称它叫孤山 /
    # 让人们称他“于大爷” / 我想多说一点，… / 后来，我听老人的亲属们说，…
    text = ("新华社北京5月6日电外经贸部新闻发言人今天说，配额被扣减。\n"
            "分析家注意到，5月20日的巴黎国际会议明确表示，经援将泡汤。人们称它叫孤山。王一愿意让人们称他“于大爷”。"
            "我想多说一点，可手捏不住笔。王一说什么也不肯走。后来，我听王一说，老红军在弥留之际还在唱歌。\n")
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("配额被扣减", "外经贸部新闻发言人"), ("经援将泡汤", "巴黎国际会议"), ("老红军在弥留之际还在唱歌", "王一")]


def test_reported_speech_stops_before_a_verb_that_opens_a_direct_quote() -> None:
    # pattern of a news sentence (eval article pd1998_19980103-02-003, gold): 青年人表示要“…”；妇女们则表示，“…”。
    text = "青年人表示要“先学本领早致富”；妇女们则表示，“不想多生娃，一心奔小康”。\n"
    quotes, _ = run(text, [])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("要“先学本领早致富”", "indirect", "青年人"), ("不想多生娃，一心奔小康", "direct", "妇女们")]


def test_occupation_words_plural_heads_and_titled_documents_speak() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/msra, read when checking these rules):
    # 化妆师说：“…” / 策划者认为，… / 天文学家们说，… / 参观完展览，大家都表示，… / 这篇题为《危险的企图》的评论说，…
    # / 有评论认为，… / 或者说，… / 李鹏…握住记者们的手关切地说，…
    text = ("化妆师说：“这部影片用去的油彩真多。”策划者认为，音乐剧非常适合在深圳演出。"
            "天文学家们说，尘埃物质组成了行星。"
            "参观完展览，大家都表示，展览办得很好。这篇题为《危险的企图》的评论说，日本向海外派遣了舰艇。"
            "有评论认为，政府不会不批准。或者说，我们的精神早已丧失。王一握住记者们的手关切地说，你们辛苦了。\n")
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("这部影片用去的油彩真多。", "化妆师"), ("音乐剧非常适合在深圳演出", "策划者"),
        ("尘埃物质组成了行星", "天文学家们"),
        ("展览办得很好", "大家"), ("日本向海外派遣了舰艇", "危险的企图"), ("你们辛苦了", "王一")]


def test_verb_goes_on_with_the_person_opening_the_clause_before() -> None:
    # patterns of news sentences (eval ner/peoples_daily, read when checking these rules):
    # 魏勒还在…上学，他的老师卡尔·施泰勒有一次从美国回来，告诉学生，… /
    # 陪同中国全国政协主席李瑞环访问…的全国政协秘书长郑万通…时说，… (the secretary-general not known as a person)
    text = ("三十年代初，王一还在艺术学院上学，他的老师李二有一次从美国回来，告诉学生，他看到的最好的绘画是山水画。\n"
            "陪同全国政协主席张三访问罗马尼亚的秘书长5月31日在回国途中说，访问获得了圆满成功。\n")
    quotes, _ = run(text, ["王一", "李二", "张三"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("他看到的最好的绘画是山水画", "李二")]


def test_spokesman_of_a_body_opening_the_sentence_and_feelings_shown() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/cluener2020, read when checking these rules):
    # 中国长城工业总公司发言人已发表谈话，指出… / 石媛对招行没有这样的技术限制表示疑惑。
    text = "长城工业总公司发言人已发表谈话，指出所谓政治捐款毫无事实根据。王一对银行没有技术限制表示疑惑。\n"
    quotes, _ = run(text, ["王一"], orgs=[("长城工业总公司", 0)])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("所谓政治捐款毫无事实根据", "长城工业总公司发言人")]


def test_everyone_speaks_only_as_the_whole_subject() -> None:
    # pattern of the novel (eval speakers/dev_unsplit): 他在黑暗中招呼大家说。 — 大家 is the one called
    text = "座谈会上，大家认为，母亲的恩情难以表达。王一在黑暗中招呼大家说，快走吧。\n"
    quotes, _ = run(text, [])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("母亲的恩情难以表达", "大家")]


def test_people_named_before_etc_speak_one_quote_each() -> None:
    # written for this rule (GUIDE: one statement by several named people, one quote per person)
    text = "王一、李二等专家认为，改革势在必行。北京等地专家认为，天气转暖。\n"
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("改革势在必行", "王一"), ("改革势在必行", "李二"), ("天气转暖", "北京等地专家")]


def test_words_of_someone_and_a_complement_after_say() -> None:
    # patterns of news sentences (eval ner/peoples_daily: 用他自己的话说，“人无压力轻飘飘”，…); the second written
    # for this rule: 说得最多 is how often, not what
    text = "王一常年扎根田间。用王一的话说，“人无压力轻飘飘”。“我们会继续努力！”这是王一说得最多的一句话。\n"
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["kind"], q["speaker"]) for q in quotes] == [
        ("人无压力轻飘飘", "direct", "王一"), ("我们会继续努力！", "direct", "王一")]


def test_clause_read_as_a_lead_of_time_still_gives_its_subject_when_nothing_follows() -> None:
    # written for this rule: 跟前 (in front of) reads like a time clause …前， but the sentence has no other subject
    text = "王一把李二叫到跟前，对他说：“你去吧。”王一走后，李二说：“好。”\n"
    quotes, _ = run(text, ["王一", "李二"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("你去吧。", "王一"), ("好。", "李二")]


def test_document_spoken_about_and_a_clause_opening_with_a_verb_are_no_speakers() -> None:
    # patterns of news sentences (eval ner/peoples_daily, read when checking these rules):
    # 联合执政三党之一的社民党对内阁决定表示反对，… /
    # …南方谈话中，重申坚持党的十一届三中全会以来的路线…，指出“发展才是硬道理”
    text = ("执政三党之一的社民党对内阁决定表示反对，法案难以通过。市政府对该决定表示，将尽快落实。\n"
            "重申坚持党的十一届三中全会以来的路线，指出“发展才是硬道理”，要抓住机遇。\n")
    quotes, _ = run(text, [], orgs=[("市政府", text.index("市政府"))])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("将尽快落实", "市政府")]


def test_person_before_a_far_addressee_and_no_phrase_opening_with_de() -> None:
    # patterns of news sentences (eval ner/peoples_daily and ner/msra, read when checking these rules):
    # 胡锦涛对兵库县知事贝原俊民等负责人说，… / 还有一些报刊发表“中老年人不宜吃鸡蛋”的告诫性文章，说蛋黄中…
    text = ("王一对兵库县知事贝原俊民等负责人说，地震带来了严重损失。\n"
            "还有一些报刊发表“中老年人不宜吃鸡蛋”的告诫性文章，说蛋黄中含有较高的胆固醇。\n")
    quotes, _ = run(text, ["王一"])
    assert [(q["text"], q["speaker"]) for q in quotes] == [("地震带来了严重损失", "王一")]
