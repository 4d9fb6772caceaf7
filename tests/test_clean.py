"""Cleaning: repairs that keep the way back to the raw text."""

from __future__ import annotations

import pytest

from pipeline.clean import clean
from pipeline.segment import is_word


def check_map(c) -> None:
    """Every kept character maps to a raw character it came from (equal, or its normalized twin)."""
    assert len(c.to_raw) == len(c.text) + 1
    assert list(c.to_raw[:-1]) == sorted(set(c.to_raw[:-1]))
    for i, ch in enumerate(c.text):
        raw_ch = c.raw[c.to_raw[i]]
        assert ch == raw_ch or ch in " \n" or ord(raw_ch) >= 0x2000 or raw_ch in "\",:;?!()'\r", (i, ch, raw_ch)


def test_page_break_inside_a_word_is_rejoined_and_the_span_covers_it() -> None:
    raw = ("对于产业园区未来的发展，该区副区长表示，将持续发挥人工智能和深\n\n"
           "度学习领域的优势，吸引顶尖机构。\n")
    c = clean(raw, is_word=is_word)
    assert "深度学习" in c.text
    start = c.text.index("深度学习")
    rs, re_ = c.raw_span(start, start + 4)
    assert raw[rs:re_] == "深\n\n度学习"
    assert c.raw_text(start, start + 4) == "深度学习"
    assert [j.rule for j in c.joins] == ["page_break_word"]
    check_map(c)


@pytest.mark.parametrize("tag", ["<p>", "</p>\n<p>", "<br/>"])
def test_a_break_made_by_markup_is_never_rejoined(tag: str) -> None:
    """A block tag between two prose lines is the page's own paragraph end: the tag's characters are masked,
    never deleted as a page break (found by the offsets property test on `…张三<p>张三：`)."""
    raw = f"对于产业园区未来的发展，该区副区长表示，将持续发挥人工智能和深{tag}度学习领域的优势，吸引顶尖机构。"
    c = clean(raw, is_word=is_word)
    assert c.joins == []
    assert "深度学习" not in c.text
    kept = set(c.to_raw[:-1])
    assert all(raw[i].isspace() for i in range(len(raw)) if i not in kept)
    check_map(c)


@pytest.mark.parametrize(
    "raw",
    [
        "这是一个完整的段落，它以句号结束。\n\n下一个段落从这里开始，也有标点。\n",  # ends with 。
        "科技创新片区：双轮驱动\n\n北京创新发展将迈上新台阶，重点发展新一代信息技术。\n",  # a heading
        "北京商报记者 张三 李四\n\n正文从这里开始，有逗号。\n",  # a byline
    ],
    ids=["sentence-end", "heading", "byline"],
)
def test_ordinary_line_breaks_are_kept(raw: str) -> None:
    c = clean(raw, is_word=is_word)
    assert c.joins == []
    assert c.text == c.raw.translate(str.maketrans({",": "，", ":": "："}))


def test_fullwidth_digits_and_ascii_punctuation_are_normalized_in_place() -> None:
    raw = "１９９８年１月１日,他说:产值增长１２．５％?是的(真的)"
    c = clean(raw)
    assert c.text == "1998年1月1日，他说：产值增长12.5%？是的（真的）"
    assert len(c.text) == len(raw)
    check_map(c)


def test_ascii_punctuation_between_digits_stays() -> None:
    c = clean("面积为1,600平方公里,增长31.85%。")
    assert "1,600" in c.text and "31.85%" in c.text
    assert "平方公里，增长" in c.text


def test_straight_quotes_pair_up_within_a_paragraph() -> None:
    c = clean('他说"我们会做好"。\n她说"明天见\n新段落"再说"。')
    assert c.text == "他说“我们会做好”。\n她说“明天见\n新段落“再说”。"


def test_english_apostrophes_are_left_alone() -> None:
    c = clean("Trump said it's 'fake news' today.")
    assert "it's" in c.text


def test_crlf_and_cr_line_ends() -> None:
    c = clean("第一行。\r\n第二行。\r第三行。")
    assert c.text == "第一行。\n第二行。\n第三行。"
    start = c.text.index("第二行")
    assert c.raw[slice(*c.raw_span(start, start + 3))] == "第二行"


FRONT = """---
title: "标题里有“引号”的文章"
date: 2025-12-18
tags: ["一", "二"]
author: "某网站AI"
summary: "摘要说明了6-8周的情况。"
---

## 小标题 {#part-one}

正文里有**加粗的话**和"直引号"。
> 引用块的一段话。

*** ** * ** ***
"""


def test_markdown_front_matter_and_marks() -> None:
    c = clean(FRONT)
    assert c.format == "markdown"
    assert c.front_matter["title"] == "标题里有“引号”的文章"
    assert c.front_matter["date"] == "2025-12-18"
    assert "标题里有“引号”的文章" in c.text and "摘要说明了6-8周的情况。" in c.text
    for gone in ("title:", "tags", "author", "某网站", "**", "{#part-one}", "##", "***", "> "):
        assert gone not in c.text, gone
    assert "“直引号”" in c.text
    assert len(c.text) == len(FRONT)  # masked in place: offsets unchanged
    bold = c.text.index("加粗的话")
    assert c.raw_text(bold - 2, bold + 6).strip() == "**加粗的话**"


def test_html_tags_are_masked_and_entities_decoded() -> None:
    raw = "<html><body><p>他说&ldquo;你好&rdquo;。</p><script>var x = 1;</script><p>第二段。</p></body></html>"
    c = clean(raw)
    assert c.format == "html"
    assert "var x" not in c.text and "<p>" not in c.text
    assert "他说“你好”。" in c.text.replace(" ", "")
    assert len(c.text) == len(raw)


def _curl_reference(text: str) -> str:
    """The pairing rule read character by character (what ``_curl_straight_quotes`` does on the marks
    and line breaks it finds)."""
    chars = list(text)
    open_double = open_single = False
    for i, c in enumerate(chars):
        if c == "\n":
            open_double = open_single = False
        elif c == '"':
            chars[i] = "”" if open_double else "“"
            open_double = not open_double
        elif c == "'":
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha() and not open_single):
                continue
            chars[i] = "’" if open_single else "‘"
            open_single = not open_single
    return "".join(chars)


def test_cleaning_steps_over_what_they_change_only() -> None:
    """Quotation marks curled, full-width forms folded and carriage returns deleted as a step per
    character would: the text, and each clean character's raw offset."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.clean import _FULLWIDTH, _curl_straight_quotes

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="\"'\n\r ab中文，。１Ａ％\u3000\t", max_size=40))
    def check(raw: str) -> None:
        chars = list(raw)
        _curl_straight_quotes(chars)
        assert "".join(chars) == _curl_reference(raw)
        cleaned = clean(raw)
        assert cleaned.to_raw[-1] == len(raw)
        deleted = {i for i, c in enumerate(raw) if c == "\r" and raw[i + 1:i + 2] == "\n"}
        deleted |= {i for j in cleaned.joins for i in range(j.raw_start, j.raw_end)}  # page breaks rejoined
        assert list(cleaned.to_raw[:-1]) == [i for i in range(len(raw)) if i not in deleted]
        for i, c in enumerate(cleaned.text):  # a substitution of one character by one character
            source = raw[cleaned.to_raw[i]].translate(_FULLWIDTH)
            assert c == source or (source == "\r" and c == "\n") or c in "“”‘’" or not c.strip() \
                or c in "，：；？！（）"

    check()
