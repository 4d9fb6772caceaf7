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


def _reference_tokenizer(words: list[str]):
    """jieba's own way: its dictionary, then ``add_word`` for each of the package's words."""
    tok = segment.jieba.Tokenizer()
    segment._load_dictionary(tok)
    for word in words:
        tok.add_word(word, freq=segment._USER_WORD_FREQ)
    return tok


def test_cached_prefix_dictionary_is_jiebas_with_the_package_words(tmp_path: Path, monkeypatch) -> None:
    import shutil
    import tempfile

    words = segment.user_words(segment.USER_DICT_LEXICONS)
    expected = _reference_tokenizer(words)
    jieba_cache = Path(tempfile.gettempdir()) / "jieba.cache"
    if jieba_cache.is_file():  # spares jieba parsing its dictionary again in the empty temp dir
        shutil.copy(jieba_cache, tmp_path / "jieba.cache")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    built = segment._segmenter.__wrapped__(segment.USER_DICT_LEXICONS)  # no cache yet: built, then written
    assert list(tmp_path.glob("zhnews-jieba-dict.*.cache"))
    loaded = segment._segmenter.__wrapped__(segment.USER_DICT_LEXICONS)  # read from the cache
    text = "国务院新闻办公室发言人表示，北京市海淀区人民法院于2024年审理了3起案件。"
    for hmm in (True, False):
        assert list(loaded.cut(text, HMM=hmm)) == list(expected.cut(text, HMM=hmm))
    for tok in (built, loaded):
        tok.require_all()
        assert tok.initialized and tok.total == expected.total
        assert tok.FREQ == expected.FREQ


def _small_segmenter() -> segment.Segmenter:
    freq = {"北京": 50, "北": 10, "京": 5, "记者": 70, "记": 8, "者": 3, "表示": 90, "表": 4, "示": 2}
    return segment.Segmenter(segment._buckets(freq), sum(freq.values()))


def test_segmenter_reads_the_entries_a_text_needs() -> None:
    tok = _small_segmenter()
    assert tok.FREQ == {}
    assert list(tok.cut("北京记者", HMM=False)) == ["北京", "记者"]
    # its characters, and what starts with 北京, 京记 or 记者: nothing of 表
    assert tok.FREQ == {"北": 10, "京": 5, "记": 8, "者": 3, "北京": 50, "记者": 70}
    assert tok.get_DAG("表示") == {0: [0, 1], 1: [1]} and tok.FREQ["表示"] == 90


def test_segmenter_cuts_as_jieba_does_with_the_whole_dictionary() -> None:
    """Texts written for this test, with the characters and pairs the lazy reading must not miss: a word
    that starts where another ends, a long word made of shorter ones, letters, digits and a line break."""
    full = _reference_tokenizer(segment.user_words(segment.USER_DICT_LEXICONS))
    texts = ["中华人民共和国国务院新闻办公室今天举行发布会，国家统计局局长康义表示，GDP增长5.2%。",
             "记者从北京市海淀区人民法院获悉：\n该院于2024年审理了3起涉及人工智能的知识产权案件。",
             "乒乓球拍卖完了；南京市长江大桥；研究生命的起源"]
    for text in texts:
        lazy = segment.Segmenter(segment._buckets(full.FREQ), full.total)
        for hmm in (True, False):
            assert list(lazy.cut(text, HMM=hmm)) == list(full.cut(text, HMM=hmm))
        for i in range(len(text)):  # every stretch the text holds reads as in the whole dictionary
            for j in range(i + 1, min(len(text), i + 8) + 1):
                assert lazy.FREQ.get(text[i:j]) == full.FREQ.get(text[i:j]), text[i:j]


def test_segmenter_keeps_a_word_added_before_its_entries_were_read() -> None:
    tok = _small_segmenter()
    tok.add_word("北京人", freq=500)
    assert tok.FREQ["北京人"] == 500 and tok.FREQ["北京"] == 50  # the entries of 北京 were read first
    tok.require("北京人来了")
    assert tok.FREQ["北京人"] == 500
    assert list(tok.cut("北京人", HMM=False)) == ["北京人"]
    tok.add_word("记者", freq=999)  # a word of entries not read yet: the new count must win
    assert list(tok.cut("记者", HMM=False)) == ["记者"] and tok.FREQ["记者"] == 999


def test_word_freq_reads_what_no_text_required_yet() -> None:
    tok = segment.segmenter()
    assert segment.word_freq("龘龘龘") == 0
    assert segment.word_freq("记者") == tok.FREQ["记者"] > 0
    assert segment.is_word("记者") and not segment.is_word("记者们好")


def test_prefix_dictionary_cache_refuses_other_words_and_broken_files(tmp_path: Path) -> None:
    freq = {"北京": 5, "北": 0, "记者": 7, "记": 0}
    path = str(tmp_path / "dict.cache")
    segment._save_prefix_dict(segment._buckets(freq), 12, path, "key-1")
    again = segment._load_prefix_dict(path, "key-1")
    assert again is not None and again.total == 12 and again.initialized
    again.require_all()
    assert dict(again.FREQ.items()) == freq
    assert segment._load_prefix_dict(path, "key-2") is None  # other words, other key
    Path(path).write_bytes(b"not marshal")
    assert segment._load_prefix_dict(path, "key-1") is None
    with pytest.raises(ValueError):
        segment._buckets({"a\nb": 1})


def test_prefix_dictionary_key_follows_the_package_words() -> None:
    words = segment.user_words(segment.USER_DICT_LEXICONS)
    path, key = segment._dictionary_cache(segment.USER_DICT_LEXICONS, words)
    path2, key2 = segment._dictionary_cache(segment.USER_DICT_LEXICONS, [*words, "新词语"])
    assert path == path2 and key != key2
    # a lexicon is a set: its order differs between processes, the key must not
    assert segment._dictionary_cache(segment.USER_DICT_LEXICONS, words[::-1])[1] == key


def test_prefix_dictionary_cache_is_found_by_another_process() -> None:
    import os
    import subprocess
    import sys

    code = ("from pipeline import segment; w = segment.user_words(segment.USER_DICT_LEXICONS); "
            "print(segment._dictionary_cache(segment.USER_DICT_LEXICONS, w)[1])")
    keys = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(keys) == 1


def test_segmenter_reads_the_whole_dictionary_once_a_batch_has_read_enough(monkeypatch) -> None:
    tok = _small_segmenter()
    monkeypatch.setattr(segment, "_LAZY_CHARS", 6)
    tok.add_word("表示过", freq=40)
    tok.cut("北京")  # 3 + 2 characters required so far: still lazy
    assert "记者" not in tok.FREQ
    tok.cut("记者")  # 7: everything is read, and the added word is kept
    assert tok.FREQ["表示"] == 90 and tok.FREQ["表示过"] == 40 and not tok._buckets
    assert list(tok.cut("北京记者表示过", HMM=False)) == ["北京", "记者", "表示过"]


def _varied_texts(tok: segment.Segmenter, count: int, seed: int) -> list[str]:
    """Texts made at random of dictionary words, their pieces and characters jieba treats apart: letters,
    digits, the marks its blocks keep (+#&._%-), spaces and line breaks, punctuation, full-width digits,
    CJK characters its HMM tables lack (equal probabilities: ties) and ones outside its blocks."""
    import random

    rng = random.Random(seed)
    tok.require("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过")
    words = sorted(w for w in tok.FREQ if tok.FREQ[w])
    pieces = ["abc", "G20", "iPhone", "3.14", "5%", "2024年", "+", "#", "&", ".", "_", "%", "-", "---", " ", "  ",
              "\n", "\r\n", "\t", "，", "。", "“", "”", "１２", "ａ", "龘", "\u9fa6", "\u9fd0", "\u3400", "〇",
              "①", "・", "·", "李", "王小", "欧阳", "克", "斯"]
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            r = rng.random()
            if r < 0.5:
                parts.append(rng.choice(words))
            elif r < 0.65:
                word = rng.choice(words)
                parts.append(word[rng.randrange(len(word)):])
            elif r < 0.8:
                parts.append(chr(rng.randint(0x4E00, 0x9FD5)))
            else:
                parts.append(rng.choice(pieces))
        texts.append("".join(parts))
    return texts


def test_words_are_jiebas_cut_on_varied_text() -> None:
    """The pipeline's faster cut against jieba's own ``Tokenizer.cut`` on the same dictionary."""
    tok = segment.segmenter()
    stock = segment.jieba.Tokenizer.cut  # jieba's method, run on the same instance and dictionary
    for text in _varied_texts(tok, 3000, seed=7):
        for hmm in (True, False):
            assert list(tok.cut(text, HMM=hmm)) == list(stock(tok, text, HMM=hmm)), (text, hmm)
            assert tok.words(text, HMM=hmm) == list(stock(tok, text, HMM=hmm))


def test_hmm_cut_is_finalsegs() -> None:
    import random

    finalseg = segment.jieba.finalseg
    rng = random.Random(3)
    chars = "的是国人王李张小明华克斯基尔龘\u9fa6\u9fd0abc12.5%-_ \n，"
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 20)))
        assert segment.hmm_cut(text) == list(finalseg.cut(text)), text
    # characters none of the HMM's tables know: every state ties, broken as jieba's max breaks them
    for text in ("龘", "龘龘", "龘龘龘龘龘", "\u9fa6\u9fa7\u9fa8"):
        assert segment.hmm_cut(text) == list(finalseg.cut(text))


def test_words_follow_words_added_and_deleted(monkeypatch) -> None:
    monkeypatch.setattr(segment.jieba.finalseg, "Force_Split_Words", set())
    tok = _small_segmenter()
    stock = segment.jieba.Tokenizer.cut
    text = "北京记者表示，王小明来了"
    assert tok.words(text) == list(stock(tok, text))
    tok.add_word("者表示", freq=100_000)  # a new word the remembered scores and totals did not have
    assert tok.words(text) == list(stock(tok, text)) and "者表示" in tok.words(text)
    tok.del_word("者表示")  # count 0: the total stays, the word's score must go
    assert tok.words(text) == list(stock(tok, text)) and "者表示" not in tok.words(text)
    hmm_words = tok.words("王小明来了")  # the HMM's answer is remembered per run
    assert hmm_words == list(stock(tok, "王小明来了"))
    joined = [w for w in hmm_words if len(w) > 1]
    assert joined
    tok.del_word(joined[0])  # jieba then splits that HMM word: the remembered answer must not survive
    assert tok.words("王小明来了") == list(stock(tok, "王小明来了")) != hmm_words
    tok.FREQ = {"北京记者": 1, "北": 0, "北京": 0, "北京记": 0}  # another dictionary altogether
    tok.total = 1
    assert tok.words("北京记者") == ["北京记者"] == list(stock(tok, "北京记者"))


def test_tag_table_finds_every_word_within_its_first_characters_words() -> None:
    source = {"": "x", "一": "m", "一一": "d", "一丁点": "m", "七": "m", "万": "m", "万一": "c", "丈": "n",
              "a": "eng", "ab": "eng", "b": "eng", "龘": "n"}
    table = segment.TagTable.from_dict(source)
    again = segment.TagTable.loads(table.dumps())
    for tags in (table, again):
        assert {w: tags.get(w) for w in source} == source
        assert [tags.get(w) for w in ("一丁", "丁", "万二", "abc", "c", "龘龘")] == [None] * 6
    with pytest.raises(ValueError):  # the format before the first-character index
        segment.TagTable.loads(marshal.dumps(("zhnews-tags-2", "", b"", b"", ())))
