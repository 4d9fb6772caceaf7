"""Dates: absolute forms to ISO values as precise as the text; relative ones only against an anchor."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import _FULLWIDTH
from pipeline.dates import find_dates, find_relative_dates, iso, resolve_relative


def values(text: str) -> list[str]:
    return [m.attrs["value"] for m in find_dates(text.translate(_FULLWIDTH))]


@pytest.mark.parametrize(("text", "expected"), [
    ("2020年3月，旷视科技开源", ["2020-03"]),
    ("2016年，也就是公司成立的第二年", ["2016"]),
    ("2017年11月30日", ["2017-11-30"]),
    ("11月30日", ["--11-30"]),
    ("１９９８年１月１日", ["1998-01-01"]),  # the 1998 archive's full-width digits
    ("一九九九年十二月", ["1999-12"]),
    ("二〇一七年", ["2017"]),
    ("2017-11-30", ["2017-11-30"]),
    ("30日举行", ["---30"]),
    ("12月", ["--12"]),
    ("2015年度", ["2015"]),
    ("1984年起", ["1984"]),
    ("2017年1至10月", ["2017-01", "2017-10"]),
    ("11月28日至30日", ["--11-28", "--11-30"]),
    ("12月8日至12月14日期间", ["--12-08", "--12-14"]),
])
def test_absolute_dates(text: str, expected: list[str]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize("text", ["3年", "6个月", "2000多年", "一日三餐", "第3日", "3.5亿", "今天上午", "50岁"])
def test_not_dates(text: str) -> None:
    assert values(text) == []


def test_iso_precision() -> None:
    assert iso(2016, None, None) == "2016"
    assert iso(None, 11, 30) == "--11-30"
    assert iso(None, None, 30) == "---30"
    assert iso(None, 13, None) is None


def test_relative_dates_need_an_anchor() -> None:
    assert resolve_relative("今年", "2017-12-01") == "2017"
    assert resolve_relative("去年", "2017-12-01") == "2016"
    assert resolve_relative("上月", "2017-01-15") == "2016-12"
    assert resolve_relative("昨天", "2017-03-01") == "2017-02-28"
    assert resolve_relative("今年", None) is None  # never the machine clock
    assert resolve_relative("近日", "2017-12-01") is None
    # a year the sentence states anchors 第二年; 也就是 makes it the same year
    assert resolve_relative("第二年", None, "2016年，也就是公司成立的") == "2016"
    assert resolve_relative("第二年", None, "公司2016年成立，") == "2017"
    found = find_relative_dates("去年销售额增长。", "2017-12-01")
    assert [(m.attrs["value"], m.attrs["relative"]) for m in found] == [("2016", True)]


@given(st.text(max_size=50) | st.text(alphabet="0123456789年月日号至到-—/.一二三十〇", max_size=30))
def test_arbitrary_text(text: str) -> None:
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text)
        v = m.attrs["value"]
        assert v and (v[:4].isdigit() or v.startswith("-"))


def test_a_year_of_the_common_era_may_write_fewer_digits() -> None:
    # sentences written for the test (round-3 review: 公元N年 was read as a duration)
    assert values("公元618年，唐朝建立。") == ["0618"]
    assert values("公元1127年5月") == ["1127-05"]
    assert values("他活了618年") == []


@given(st.text(alphabet="公元第年月日号至到-—~0123456789〇○零一二三四五六七八九十.，的", max_size=40))
def test_first_character_lookahead_changes_no_match(text: str) -> None:
    import re

    from pipeline.dates import _FORMS, DATE_RES

    for (_rule, pattern), (_, fast) in zip(_FORMS, DATE_RES, strict=True):
        plain = re.compile(rf"(?<![\d第.])(?:{pattern})")
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(alphabet="0123456789-/.年x", max_size=30))
def test_numeric_date_lookaheads_change_no_match(text: str) -> None:
    import re

    from pipeline.dates import DMY_PATTERN, DMY_RE, ISO_PATTERN, ISO_RE

    for fast, pattern in ((ISO_RE, ISO_PATTERN), (DMY_RE, DMY_PATTERN)):
        plain = re.compile(pattern)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
