"""Property tests (issue 7): arbitrary Unicode through the whole pipeline raises nothing but a clear
``IngestError``, and every span of every summary obeys the evidence rule of CONTRACT.md."""

from __future__ import annotations

import json
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import api
from pipeline.clean import clean
from pipeline.ingest import IngestError, decode
from pipeline.segment import is_word

from .test_invariants import check_evidence

# News-like pieces that make the stages fire (names, titles, speech verbs, figures, dates, quotes,
# markup), mixed with anything at all, so that the examples reach deep into every stage.
PIECES = [
    "张三", "王红", "李伟红", "欧阳", "·", "市长", "副市长", "记者", "本报北京12月1日电", "新华社", "表示", "说",
    "指出",
    "：", "，", "。", "！", "？", "、", "“", "”", "‘", "’", "「", "」", "《", "》", "（", "）", '"', "'", "(", ")",
    "12", "１２", "3.5", "%", "万", "亿元", "个", "三大", "2017年", "12月", "1日", "今年", "去年", "约", "余",
    "北京市", "海淀区", "国务院", "公司", "大学", "委员会", "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\t",
    "**", "#", "## ", "> ", "- ", "---\n", "<p>", "</p>", "<br/>", "&amp;", "&#12345;", "{#a}", "[链接](http://x)",
    "电话：010-12345678", "a@b.cn", "http://example.com", "\ufeff", "\u200b", "\ufffd", "臺灣", "English words",
]
news_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=80).map("".join)
anything = st.text(max_size=400)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run_pipeline(text: str) -> None:
    data = text.encode("utf-8")
    try:
        raw = decode(data)
    except IngestError as exc:
        assert str(exc)
        return
    summary = api.extract_raw(raw, article_id="prop")
    dumped = summary.model_dump(mode="json")
    assert check_evidence(dumped, raw.text) == [], (text, dumped)
    json.loads(summary.to_json())


@SETTINGS
@given(news_like)
def test_news_like_text_gives_valid_spans(text: str) -> None:
    run_pipeline(text)


@SETTINGS
@given(anything)
def test_any_unicode_gives_valid_spans(text: str) -> None:
    run_pipeline(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(news_like, anything))
def test_clean_offsets_map_back_to_the_raw_text(text: str) -> None:
    """Cleaning substitutes one character for one, or deletes line-end whitespace; every clean offset
    maps to a raw offset, in order, and nothing but whitespace is ever deleted."""
    cleaned = clean(text, is_word=is_word)
    to_raw = cleaned.to_raw
    assert len(to_raw) == len(cleaned.text) + 1 and to_raw[-1] == len(text)
    assert all(a < b for a, b in pairwise(to_raw))
    kept = set(to_raw[:-1])
    assert all(text[i].isspace() for i in range(len(text)) if i not in kept)
    for i, c in enumerate(cleaned.text):
        r = text[to_raw[i]]
        assert c == r or c == " " or not r.isspace() or c == "\n", (i, c, r)


@settings(max_examples=60, deadline=None)
@given(news_like, st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
def test_encodings_do_not_change_what_is_found(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
        raw = decode(data)
        reference_raw = decode(text.encode("utf-8"))
    except (UnicodeEncodeError, IngestError):
        return
    if raw.text != text or reference_raw.text != text:
        return  # another charset won the detection (or a BOM was read as one): checked by the tests above
    reference = api.extract_raw(reference_raw)
    summary = api.extract_raw(raw)
    assert summary.model_dump(exclude={"article"}) == reference.model_dump(exclude={"article"})
