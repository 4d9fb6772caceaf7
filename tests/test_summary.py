"""The summary stage's own rules."""

from __future__ import annotations

from pipeline.summary import distinct_titles, readable


def test_a_title_written_again_in_short_is_one_title() -> None:
    assert distinct_titles(["中国疾控中心病毒病所研究员", "研究员"]) == ["中国疾控中心病毒病所研究员"]
    assert distinct_titles(["中共中央总书记", "国家主席", "总书记"]) == ["中共中央总书记", "国家主席"]


def test_a_deputy_title_does_not_absorb_the_chief_one() -> None:
    assert distinct_titles(["副总裁", "总裁"]) == ["副总裁", "总裁"]


def test_readable_drops_masked_marks_and_line_breaks() -> None:
    assert readable("  全国流感  病毒\n检测  ") == "全国流感病毒检测"
    assert readable("索赔 150 亿美元 | 纪录片") == "索赔150亿美元|纪录片"
    assert readable("BBC said  it") == "BBC said it"


def test_a_person_speaker_s_title_is_one_of_the_person_s_titles(summaries) -> None:
    checked = 0
    for summary in summaries.values():
        titles = {p.id: p.titles for p in summary.people}
        for quote in summary.quotes:
            if quote.speaker.person is not None and quote.speaker.title is not None:
                # a title chain as written at the quote (海淀区区委常委、副区长) is several of them
                parts = quote.speaker.title.split("、")
                assert all(part in titles[quote.speaker.person] for part in parts), (summary.article.id, quote.id)
                checked += 1
    assert checked > 20
