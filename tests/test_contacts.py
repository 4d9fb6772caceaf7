"""Contacts: phone numbers, emails and URLs, and never figures or dates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.contacts import find_contacts
from pipeline.models import Summary


def found(text: str) -> list[tuple[str, str]]:
    return [(m.label, text[m.start:m.end]) for m in find_contacts(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("电话:64101949 bbtzbs@163.com", [("PHONE", "64101949"), ("EMAIL", "bbtzbs@163.com")]),
    ("咨询010-64101949。", [("PHONE", "010-64101949")]),
    ("（010）64101949", [("PHONE", "（010）64101949")]),
    ("拨打+86 10 6410 1949", [("PHONE", "+86 10 6410 1949")]),
    ("手机+86-138-0013-8000", [("PHONE", "+86-138-0013-8000")]),
    ("13800138000", [("PHONE", "13800138000")]),
    ("热线400-810-8888", [("PHONE", "400-810-8888")]),
    ("详见www.people.com.cn上的报道", [("URL", "www.people.com.cn")]),
    ("访问https://a.b.cn/x?y=1。", [("URL", "https://a.b.cn/x?y=1")]),
    ("登录people.com.cn/n1/2017查看", [("URL", "people.com.cn/n1/2017")]),
])
def test_contacts(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", ["增长300-5000元", "共64101949人次", "2017-11-30", "12.5%", "400-600个"])
def test_numbers_that_are_not_contacts(text: str) -> None:
    assert found(text) == []


def test_seed_contacts_are_not_figures(seed: Summary) -> None:
    assert seed.article.contacts.phones == ["64101949"]
    assert seed.article.contacts.emails == ["bbtzbs@163.com"]
    assert not any("64101949" in f.text for f in seed.figures)
    assert not any("64101949" in d.text for d in seed.dates)


@given(st.text(max_size=60))
def test_arbitrary_text(text: str) -> None:
    for m in find_contacts(text):
        assert 0 <= m.start < m.end <= len(text)
