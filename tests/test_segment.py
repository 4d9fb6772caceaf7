"""The segmenter's cached tables: the part-of-speech table read without ``jieba.posseg``."""

from __future__ import annotations

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


def test_cached_table_is_the_one_posseg_builds() -> None:
    import jieba.posseg

    assert segment.word_tags() == jieba.posseg.dt.word_tag_tab
