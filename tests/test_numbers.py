"""Numeral parsing: Arabic, Chinese, mixed, fractions, percentages, loose ranges."""

from __future__ import annotations

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.numbers import (
    NumberError,
    find_numerals,
    parse_approx_pair,
    parse_fraction,
    parse_number,
    parse_percent,
)


@pytest.mark.parametrize(("text", "value"), [
    ("31.85", 31.85), ("1,600", 1600), ("1,050,000,000", 1050000000),
    ("三百二十", 320), ("两", 2), ("廿五", 25), ("二〇一七", 2017), ("一九九八", 1998),
    ("2万", 20000), ("3.5亿", 350000000), ("1600万", 16000000), ("4.78万亿", 4780000000000),
    ("5万4千6百", 54600), ("3万4000", 34000), ("1千零1", 1001),
    ("一万三", 13000), ("四百五", 450), ("百三", 130), ("一千零一", 1001), ("一万零十二", 10012),
    ("四万万", 400000000), ("五亿零六", 500000006), ("七十八万五佰零六", 780506), ("肆佰陸拾", 460),
    ("500余万", 5000000), ("二十几万", 200000), ("三点五亿", 350000000), ("一百二十点五", 120.5),
    ("零点五", 0.5), ("负三十二", -32),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["万", "千百", "直", "", "三五x"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(NumberError):
        parse_number(text)


def test_fractions_percentages_and_loose_ranges() -> None:
    assert parse_fraction("五分之一") == pytest.approx(0.2)
    assert parse_fraction("1/3") == pytest.approx(1 / 3)
    assert parse_percent("百分之三十") == 30
    assert parse_percent("12.5%") == 12.5
    assert parse_percent("三成") == 30
    assert parse_approx_pair("四五百") == (400, 500)
    assert parse_approx_pair("二三十万") == (200000, 300000)
    assert parse_approx_pair("三五") == (3, 5)
    with pytest.raises(NumberError):
        parse_approx_pair("三八")  # not neighbours: no loose range


def test_scanner_leaves_words_alone() -> None:
    # cn2an's text mode turns 一直 into 1直; the scanner only reports where numerals are
    found = find_numerals("我们一直认为，企业2万余家，其中231家，百分之三十")
    texts = [n.text for n in found]
    assert "2万" in texts and "231" in texts and "百分之三十" in texts
    percent = next(n for n in found if n.text == "百分之三十")
    assert percent.value == 30


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_and_chinese_agree(n: int) -> None:
    # cn2an writes the Chinese form: an independent writer, so the test can fail
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.text(max_size=60))
def test_scanner_spans_are_valid(text: str) -> None:
    for n in find_numerals(text):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
