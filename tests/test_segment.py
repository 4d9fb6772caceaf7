"""The segmenter's cached tables: the part-of-speech table read without ``jieba.posseg``."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from pipeline import segment


def test_parse_word_tags_reads_jieba_dictionary_lines(tmp_path: Path) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("记者 3000 n\n表示 8000 v\n\n北京 34488 ns\n", encoding="utf-8")
    assert segment.parse_word_tags(str(dictionary)) == {"记者": "n", "表示": "v", "北京": "ns"}


def test_parse_word_tags_refuses_a_broken_line(tmp_path: Path) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("记者 3000\n", encoding="utf-8")
    with pytest.raises(ValueError):
        segment.parse_word_tags(str(dictionary))


def test_tag_table_finds_what_its_dict_holds() -> None:
    source = {"记者": "n", "表示": "v", "北京": "ns", "a": "eng", "一": "m", "一直": "d"}
    table = segment.TagTable.from_dict(source)
    assert len(table) == len(source)
    assert dict(table.items()) == source
    assert [table.get(w) for w in ("一直", "北京", "记者")] == ["d", "ns", "n"]
    assert table.get("一直是") is None and table.get("", "x") == "x" and table.get("北", "x") == "x"
    assert "表示" in table and "表" not in table
    with pytest.raises(KeyError):
        table["北京市"]


def test_tag_table_survives_its_cache_format_and_refuses_another() -> None:
    table = segment.TagTable.from_dict({"记者": "n", "表示": "v"})
    again = segment.TagTable.loads(table.dumps())
    assert dict(again.items()) == {"记者": "n", "表示": "v"}
    with pytest.raises(ValueError):
        segment.TagTable.loads(marshal.dumps(("other-format", "", b"", b"", ())))


def test_cached_table_is_the_one_posseg_builds() -> None:
    import jieba.posseg

    expected = jieba.posseg.dt.word_tag_tab
    table = segment.word_tags()
    assert len(table) == len(expected)
    # every 37th word (bisection over the whole table; all of them would take seconds)
    for word in list(expected)[::37]:
        assert table.get(word) == expected[word], word
