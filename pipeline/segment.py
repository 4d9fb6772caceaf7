"""Stage 3, segment: jieba words in a spaCy ``Doc``, and sentences that understand quotation marks.

The tokenizer is spaCy's idea of one (text in, ``Doc`` out) around a private ``jieba.Tokenizer`` whose
dictionary is jieba's own plus the package's lexicons, built once per process. spaCy's built-in jieba
segmenter is not used because it re-aligns words to text with a quadratic search and offers no user
dictionary.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import math
import operator
import os
import tempfile
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from . import lexicons
from .atomic import write_bytes_atomic
from .spans import token_spans
from .startup import import_jieba

jieba = import_jieba()
jieba.setLogLevel(logging.WARNING)

#: lexicons whose entries become words of the segmenter (frequency high enough to win over a split)
USER_DICT_LEXICONS: tuple[str, ...] = (
    "speech_verbs", "titles", "places", "organizations", "org_suffixes", "units", "classifiers",
    "staff_roles", "byline_roles",
)
_USER_WORD_FREQ = 2000

OPENING_QUOTES = "“「『‘"
CLOSING_QUOTES = "”」』’"
_SENTENCE_END = set("。！？!?")
_TRAILING = set("”」』’）)》…")


def segmenter(user_lexicons: Iterable[str] = USER_DICT_LEXICONS) -> Segmenter:
    """jieba with the package's words added; one per process and lexicon set."""
    # one cache key however it is called (``segmenter()`` and ``segmenter(USER_DICT_LEXICONS)`` used to
    # build two 500,000-word dictionaries per process)
    return _segmenter(tuple(user_lexicons))


#: one first character's entries in the cache: the count of the character itself (None when it is no
#: entry), the second characters of its longer entries in order, those entries grouped by second character
#: (UTF-8, each followed by a newline), where each group starts in those bytes and in the counts (uint32
#: arrays, one more than the groups), and the counts (int64)
Bucket = tuple[int | None, str, bytes, bytes, bytes, bytes]

#: after this many characters of text, a batch reads the whole dictionary: by then it has read much of it,
#: and finding what each text needs costs 2-3 ms an article that reading it all at once saves
_LAZY_CHARS = 50_000


_RE_HAN = jieba.re_han_default  # jieba's blocks: runs of word characters, and what lies between
_RE_SKIP = jieba.re_skip_default  # in what lies between: spaces and line breaks, kept whole
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")  # jieba's ``re_eng``
_UNSEEN = object()
_NO_ROUTE = -math.inf  # below every sum of log-probabilities (those are finite)
_HMM_MEMO_SIZE = 100_000


class Segmenter(jieba.Tokenizer):
    """A ``jieba.Tokenizer`` whose prefix dictionary is read as the texts it cuts need it: the entries of
    each character of a text and the entries that start with each pair of adjacent characters in it. A
    one-article run builds about 3 % of the 500,000 entries (building all of them was most of the
    segmenter's share of a cold start). Segmentation is jieba's own, on the same entries.

    Every entry jieba reads while cutting a text is the text's character at a position or a stretch that
    starts there, so cutting, the DAG, words added and frequencies suggested require their text first.
    ``FREQ`` holds what was required so far: code that reads it itself requires its text first (the
    pipeline requires each article's text before any stage, see ``pipeline.api``, and the stages read
    stretches of it), or reads through :func:`word_freq`.
    """

    def __init__(self, buckets: dict[str, Bucket], total: int) -> None:
        super().__init__()
        self.FREQ = {}
        self.total = total
        self.initialized = True
        self._buckets = buckets  # first character -> its entries, as stored (see ``Bucket``)
        # a first character's groups once a text needed one, with a flag per group read
        self._opened: dict[str, tuple[str, bytes, array, array, array, bytearray]] = {}
        self._chars_done: set[str] = set()
        self._pairs_seen: set[str] = set()  # pairs whose group is read or absent
        self._last_required: str | None = None
        self._required_chars = 0
        self._bucket_lock = threading.RLock()
        self.forget_scores()
        self._hmm_memo: dict[str, tuple[str, ...]] = {}
        self._hmm_state: tuple[object, ...] = ()

    def require(self, text: str) -> None:
        """Read the entries of every character of ``text`` and those that start with each pair of adjacent
        characters in it."""
        if not self._buckets or text is self._last_required:
            return
        self._required_chars += len(text)
        if self._required_chars > _LAZY_CHARS:
            self.require_all()
            return
        with self._bucket_lock:
            freq = self.FREQ
            for char in set(text) - self._chars_done:
                bucket = self._buckets.get(char)
                if bucket is not None and bucket[0] is not None:
                    freq[char] = bucket[0]
                self._chars_done.add(char)
            new = set(map(operator.add, text, text[1:])) - self._pairs_seen
            for pair in new:
                self._read_group(pair)
            self._pairs_seen |= new
        self._last_required = text

    def _read_group(self, pair: str) -> None:
        opened = self._opened.get(pair[0])
        if opened is None:
            bucket = self._buckets.get(pair[0])
            if bucket is None:
                return
            byte_starts, count_starts, counts = array("I"), array("I"), array("q")
            byte_starts.frombytes(bucket[3])
            count_starts.frombytes(bucket[4])
            counts.frombytes(bucket[5])
            opened = (bucket[1], bucket[2], byte_starts, count_starts, counts, bytearray(len(bucket[1])))
            self._opened[pair[0]] = opened
        seconds, words, byte_starts, count_starts, counts, done = opened
        i = seconds.find(pair[1])
        if i < 0 or done[i]:
            return
        done[i] = 1
        group = words[byte_starts[i]:byte_starts[i + 1] - 1].decode("utf-8").split("\n")
        self.FREQ.update(zip(group, counts[count_starts[i]:count_starts[i + 1]], strict=True))

    def require_all(self) -> None:
        """Read every entry (a batch that needs much of them anyway, a test)."""
        with self._bucket_lock:
            for first, bucket in self._buckets.items():
                if first not in self._chars_done and bucket[0] is not None:  # read ones may hold added words
                    self.FREQ[first] = bucket[0]
                for second in bucket[1]:
                    self._read_group(first + second)
            self._buckets, self._opened, self._chars_done, self._pairs_seen = {}, {}, set(), set()

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):  # type: ignore[no-untyped-def]
        sentence = jieba.strdecode(sentence)
        if cut_all or use_paddle:
            self.require(sentence)
            return super().cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        return iter(self.words(sentence, HMM=HMM))

    def words(self, sentence: str, HMM: bool = True) -> list[str]:
        """``list(cut(sentence, HMM=HMM))``, computed as jieba computes it, with fewer Python steps.

        jieba's accurate mode, step for step: the text split into blocks by jieba's own patterns; in each
        block of word characters the route of highest probability over the prefix dictionary (the same
        sums of the same floats in the same order, ties to the longer word as ``max`` of jieba's tuples
        breaks them); runs of single characters the dictionary does not know as one word go to the HMM
        (``jieba.finalseg``: the same Viterbi decoding, ties broken as its ``max`` breaks them). What is
        saved: each word's log-probability is computed once rather than per DAG edge per call, the DAG is
        walked once (no dict of lists), the Viterbi keeps back-pointers instead of copying paths, and the
        HMM's answer for a run is remembered. ``tests/test_segment.py`` compares it with jieba's own cut.

        Words added (``add_word``, ``del_word``, ``suggest_freq``) and a replaced ``FREQ`` are noticed; a
        caller writing into ``FREQ`` itself must call :meth:`forget_scores`.
        """
        self.require(sentence)
        self.check_initialized()
        if self._scores_of is not self.FREQ or self._scores_total != self.total:
            self.forget_scores()
        cut_block = self._block_hmm if HMM else self._block_no_hmm
        out: list[str] = []
        # the blocks at odd positions are the pattern's matches (one capturing group around a repeated
        # class: what lies between two matches holds none of its characters), the others are skipped text
        for i, blk in enumerate(_RE_HAN.split(sentence)):
            if not blk:
                continue
            if i & 1:
                cut_block(blk, out)
            else:
                for j, x in enumerate(_RE_SKIP.split(blk)):
                    if j & 1:
                        out.append(x)  # a space or line break, whole
                    else:
                        out.extend(x)  # anything else character by character
        return out

    def forget_scores(self) -> None:
        """Drop the log-probabilities computed from ``FREQ`` (it changed). Only entries met while cutting
        get one: computing all 500,000 when a batch reads the whole dictionary costs more than it saves."""
        self._scores: dict[str, float | None] = {}
        self._scores_of = self.FREQ
        self._scores_total = self.total
        self._log_total = math.log(self.total) if self.total > 0 else 0.0

    def _route(self, blk: str) -> list[int]:
        """For each position of ``blk``, the end of the word the best route takes there: jieba's
        ``get_DAG`` and ``calc`` in one backward walk."""
        freq, scores, log_total = self.FREQ, self._scores, self._log_total
        get, log = scores.get, math.log
        n = len(blk)
        best = [0.0] * (n + 1)
        ends = [0] * n
        unknown = 0.0 - log_total  # a character with no count of its own: jieba's ``log(... or 1) - logtotal``
        for k in range(n - 1, -1, -1):
            top = _NO_ROUTE
            end = k + 1
            i = k
            frag = blk[k]
            while True:
                score = get(frag, _UNSEEN)
                if score is _UNSEEN:
                    count = freq.get(frag)
                    if count is None:
                        break  # no entry starts so: jieba's walk stops here too
                    score = scores[frag] = (log(count) - log_total) if count else None
                i += 1
                if score is not None:  # a word (a prefix of longer words only has count 0)
                    total = score + best[i]
                    if total >= top:  # equal sums: the longer word, as max((p, x)) chooses
                        top = total
                        end = i
                if i == n:
                    break
                frag = blk[k:i + 1]
            best[k] = unknown + best[k + 1] if top is _NO_ROUTE else top
            ends[k] = end
        return ends

    def _block_hmm(self, blk: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG``: the route's words; runs of single characters that are no word together go
        to the HMM."""
        ends = self._route(blk)
        freq = self.FREQ
        n = len(blk)
        x = 0
        run = -1  # start of the pending run of single characters
        while x < n:
            y = ends[x]
            if y - x == 1:
                if run < 0:
                    run = x
            else:
                if run >= 0:
                    self._flush_run(blk[run:x], freq, out)
                    run = -1
                out.append(blk[x:y])
            x = y
        if run >= 0:
            self._flush_run(blk[run:], freq, out)

    def _flush_run(self, buf: str, freq: dict[str, int], out: list[str]) -> None:
        if len(buf) == 1:
            out.append(buf)
        elif not freq.get(buf):
            out.extend(self._hmm(buf))
        else:
            out.extend(buf)

    def _block_no_hmm(self, blk: str, out: list[str]) -> None:
        """jieba's ``__cut_DAG_NO_HMM``: the route's words, single ASCII letters and digits joined."""
        ends = self._route(blk)
        n = len(blk)
        x = 0
        buf = ""
        while x < n:
            y = ends[x]
            word = blk[x:y]
            if y - x == 1 and word in _ENG:
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def _hmm(self, buf: str) -> tuple[str, ...]:
        """``tuple(jieba.finalseg.cut(buf))``, remembered per run (names and rare words recur)."""
        finalseg = jieba.finalseg
        state = (len(finalseg.Force_Split_Words), finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
        if state != self._hmm_state:
            self._hmm_memo.clear()
            self._hmm_state = state
        found = self._hmm_memo.get(buf)
        if found is None:
            if len(self._hmm_memo) >= _HMM_MEMO_SIZE:
                self._hmm_memo.clear()
            found = self._hmm_memo[buf] = tuple(hmm_cut(buf))
        return found

    def get_DAG(self, sentence):  # type: ignore[no-untyped-def]
        self.require(sentence)
        return super().get_DAG(sentence)

    def add_word(self, word, freq=None, tag=None):  # type: ignore[no-untyped-def]
        self.require(jieba.strdecode(word))  # read first, or reading it later would undo the word
        self._scores_of = None  # a count changed (``del_word`` leaves the total as it was)
        return super().add_word(word, freq, tag)

    def suggest_freq(self, segment, tune=False):  # type: ignore[no-untyped-def]
        self.require(segment if isinstance(segment, str) else "".join(segment))
        return super().suggest_freq(segment, tune)

    def set_dictionary(self, dictionary_path):  # type: ignore[no-untyped-def]
        self._buckets = {}  # another dictionary: jieba reads it whole
        return super().set_dictionary(dictionary_path)


def hmm_cut(text: str) -> list[str]:
    """``list(jieba.finalseg.cut(text))``: the same Viterbi decoding over jieba's HMM tables, the same float
    sums in the same order and the same ties (``max`` of ``(probability, state)`` prefers the later state
    letter), with back-pointers instead of a copied path per state and step."""
    finalseg = jieba.finalseg
    out: list[str] = []
    for i, blk in enumerate(finalseg.re_han.split(text)):
        if not i & 1:  # no Chinese character: the pattern's pieces and what lies between, as they come
            out.extend(x for x in finalseg.re_skip.split(blk) if x)
            continue
        tags = _viterbi(blk, finalseg.start_P, finalseg.trans_P, finalseg.emit_P)
        force = finalseg.Force_Split_Words
        begin = next_i = 0
        for j, tag in enumerate(tags):
            if tag == "B":
                begin = j
            elif tag == "E":
                word = blk[begin:j + 1]
                if word in force:
                    out.extend(word)
                else:
                    out.append(word)
                next_i = j + 1
            elif tag == "S":
                out.append(blk[j])  # a one-character word: split or not, itself
                next_i = j + 1
        if next_i < len(blk):
            word = blk[next_i:]
            if word in force:
                out.extend(word)
            else:
                out.append(word)
    return out


def _viterbi(obs: str, start_p: dict, trans_p: dict, emit_p: dict) -> str:  # type: ignore[type-arg]
    """The states jieba's ``finalseg.viterbi`` returns for ``obs`` (B, M, E, S per character)."""
    low = jieba.finalseg.MIN_FLOAT
    em_b, em_m, em_e, em_s = (emit_p[y].get for y in "BMES")
    t_eb, t_sb = trans_p["E"].get("B", low), trans_p["S"].get("B", low)
    t_mm, t_bm = trans_p["M"].get("M", low), trans_p["B"].get("M", low)
    t_ss, t_es = trans_p["S"].get("S", low), trans_p["E"].get("S", low)
    t_be, t_me = trans_p["B"].get("E", low), trans_p["M"].get("E", low)
    c = obs[0]
    v_b, v_m = start_p["B"] + em_b(c, low), start_p["M"] + em_m(c, low)
    v_e, v_s = start_p["E"] + em_e(c, low), start_p["S"] + em_s(c, low)
    back: list[str] = []  # per step after the first: the previous state of B, M, E and S, as 4 letters
    for c in obs[1:]:
        e = em_b(c, low)
        p, q = v_e + t_eb + e, v_s + t_sb + e  # B after E or S
        n_b, f_b = (q, "S") if q >= p else (p, "E")
        e = em_m(c, low)
        p, q = v_m + t_mm + e, v_b + t_bm + e  # M after M or B
        n_m, f_m = (p, "M") if p >= q else (q, "B")
        e = em_s(c, low)
        p, q = v_s + t_ss + e, v_e + t_es + e  # S after S or E
        n_s, f_s = (p, "S") if p >= q else (q, "E")
        e = em_e(c, low)
        p, q = v_b + t_be + e, v_m + t_me + e  # E after B or M
        n_e, f_e = (q, "M") if q >= p else (p, "B")
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
        back.append(f_b + f_m + f_e + f_s)
    state = "S" if v_s >= v_e else "E"
    tags = [state]
    for step in reversed(back):
        state = step["BMES".index(state)]
        tags.append(state)
    tags.reverse()
    return "".join(tags)


def word_freq(word: str) -> int:
    """The segmenter's count of ``word`` (0 when it is no word of its dictionary), whatever was required."""
    tok = segmenter()
    tok.require(word[:2])
    return tok.FREQ.get(word, 0)


@cache
def _segmenter(user_lexicons: tuple[str, ...]) -> Segmenter:
    words = user_words(user_lexicons)
    cache_file, key = _dictionary_cache(user_lexicons, words)
    tok = _load_prefix_dict(cache_file, key)
    if tok is not None:
        return tok
    full = jieba.Tokenizer()
    _load_dictionary(full)
    for word in words:
        full.add_word(word, freq=_USER_WORD_FREQ)
    try:
        buckets = _buckets(full.FREQ)
    except ValueError:  # a custom dictionary with a word the cache cannot hold: used whole, not cached
        tok = Segmenter({}, full.total)
        tok.FREQ = full.FREQ
        return tok
    _save_prefix_dict(buckets, full.total, cache_file, key)
    return Segmenter(buckets, full.total)


def user_words(user_lexicons: Iterable[str]) -> list[str]:
    """The lexicon entries that become words of the segmenter, in the order they are added."""
    found: list[str] = []
    for name in user_lexicons:
        for entry in lexicons.words(name):
            word = entry.split("\t", 1)[0].strip()
            if len(word) >= 2 and " " not in word:
                found.append(word)
    return found


_DICT_FORMAT = "zhnews-dict-4"


def _dictionary_cache(user_lexicons: tuple[str, ...], words: list[str]) -> tuple[str, str]:
    """The cache file of the segmenter's whole prefix dictionary (jieba's words and the package's), and
    the key its content must carry. The file is named by the dictionary and the lexicon names only, so a
    lexicon edit rewrites it rather than leaving another 7 MB file behind."""
    path = os.path.abspath(_dictionary_path())
    stat = os.stat(path)
    source = f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{jieba.__version__}|{','.join(user_lexicons)}"
    name = hashlib.sha1(source.encode()).hexdigest()[:16]
    # sorted: a lexicon is a set, whose order changes from one process to the next (string hashing)
    listed = chr(10).join(sorted(words))
    key = hashlib.sha1(f"{_DICT_FORMAT}|{source}|{_USER_WORD_FREQ}|{listed}".encode()).hexdigest()
    return os.path.join(tempfile.gettempdir(), f"zhnews-jieba-dict.{name}.cache"), key


def _buckets(freq: dict[str, int]) -> dict[str, Bucket]:
    """The prefix dictionary by first and second character (see ``Bucket``). The words of a group are
    joined by a newline (no word holds one): a group splits back into its words far faster than
    ``marshal`` reads them one by one, and it is only decoded when a text needs it."""
    singles: dict[str, int] = {}
    grouped: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for word, count in freq.items():
        if not word or "\n" in word:
            raise ValueError(f"a dictionary word the cache cannot hold: {word!r}")
        if len(word) == 1:
            singles[word] = count
        else:
            grouped.setdefault(word[0], {}).setdefault(word[1], []).append((word, count))
    buckets: dict[str, Bucket] = {}
    for first in singles.keys() | grouped.keys():
        groups = grouped.get(first, {})
        seconds = "".join(sorted(groups))
        words, byte_starts, count_starts, counts = bytearray(), array("I", [0]), array("I", [0]), array("q")
        for second in seconds:
            for word, count in groups[second]:
                words += word.encode("utf-8") + b"\n"
                counts.append(count)
            byte_starts.append(len(words))
            count_starts.append(len(counts))
        buckets[first] = (singles.get(first), seconds, bytes(words), byte_starts.tobytes(), count_starts.tobytes(),
                          counts.tobytes())
    return buckets


def _load_prefix_dict(cache_file: str, key: str) -> Segmenter | None:
    """The segmenter from the cache, when it is there and made for these words."""
    try:
        with open(cache_file, "rb") as fh:
            fmt, found_key, buckets, total = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # none yet, broken, or another format: built again
    if fmt != _DICT_FORMAT or found_key != key or not isinstance(buckets, dict) or not isinstance(total, int):
        return None
    return Segmenter(buckets, total)


def _save_prefix_dict(buckets: dict[str, Bucket], total: int, cache_file: str, key: str) -> None:
    try:
        write_bytes_atomic(cache_file, marshal.dumps((_DICT_FORMAT, key, buckets, total)),
                           prefix="zhnews-jieba-dict.")
    except (OSError, ValueError):
        return  # a read-only temp dir: the dictionary is built at every start


def _load_dictionary(tok: jieba.Tokenizer) -> None:
    """jieba's prefix dictionary from the cache file jieba itself writes, read in one piece:
    ``marshal.load`` on a file object (what jieba does) takes three times as long as ``marshal.loads``."""
    cache_file = os.path.join(tempfile.gettempdir(), "jieba.cache")
    if tok.dictionary == jieba.DEFAULT_DICT and os.path.isfile(cache_file):
        try:
            with open(cache_file, "rb") as fh:
                tok.FREQ, tok.total = marshal.loads(fh.read())
            tok.initialized = True
            return
        except (OSError, EOFError, ValueError, TypeError):
            pass  # a stale or broken cache: jieba rebuilds and rewrites it
    tok.initialize()


_TAGS_FORMAT = "zhnews-tags-3"


class TagTable(Mapping[str, str]):
    """jieba's dictionary words → part-of-speech tag, read-only, held as one sorted string of words with
    their offsets and one byte per tag: loading it builds no 350,000-entry dict (0.3-0.5 s of a cold
    start); a word is found by bisection once and remembered, among the words of its first character
    (about 50 on average rather than 350,000: a third of the steps, a first article asks for ~1,200)."""

    def __init__(self, words: str, offsets: array, codes: bytes, names: tuple[str, ...],
                 firsts: str | None = None, first_starts: array | None = None) -> None:
        self._words = words  # sorted words, each followed by "\n"
        self._offsets = offsets  # start of each word, then len(words)
        self._codes = codes
        self._names = names
        if firsts is None or first_starts is None:
            firsts, first_starts = _first_char_index(words, offsets)
        self._firsts = firsts  # the words' distinct first characters, in order
        self._first_starts = first_starts  # index of the first word of each, then len(codes)
        self._memo: dict[str, str | None] = {}

    @classmethod
    def from_dict(cls, table: dict[str, str]) -> TagTable:
        ordered = sorted(table)
        names = tuple(sorted(set(table.values())))
        if len(names) > 256:
            raise ValueError("more tags than one byte holds")
        code = {n: i for i, n in enumerate(names)}
        offsets = array("I", [0])
        for word in ordered:
            offsets.append(offsets[-1] + len(word) + 1)
        return cls("".join(w + "\n" for w in ordered), offsets, bytes(code[table[w]] for w in ordered), names)

    def _find(self, word: str) -> str | None:
        group = self._firsts.find(word[0] if word else "\n")  # the empty word's stored first is its "\n"
        if group < 0:
            return None
        words, offsets = self._words, self._offsets
        lo, hi = self._first_starts[group], self._first_starts[group + 1]
        while lo < hi:
            mid = (lo + hi) // 2
            key = words[offsets[mid]:offsets[mid + 1] - 1]
            if key < word:
                lo = mid + 1
            elif key > word:
                hi = mid
            else:
                return self._names[self._codes[mid]]
        return None

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        try:
            found = self._memo[word]
        except KeyError:
            if len(self._memo) > 500_000:  # an archive run meets endless unknown words: stay bounded
                self._memo.clear()
            found = self._memo[word] = self._find(word)
        return default if found is None else found

    def __getitem__(self, word: str) -> str:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return len(self._codes)

    def __iter__(self) -> Iterator[str]:
        words, offsets = self._words, self._offsets
        return (words[offsets[i]:offsets[i + 1] - 1] for i in range(len(self._codes)))

    def dumps(self) -> bytes:
        return marshal.dumps((_TAGS_FORMAT, self._words, self._offsets.tobytes(), self._codes, self._names,
                              self._firsts, self._first_starts.tobytes()))

    @classmethod
    def loads(cls, data: bytes) -> TagTable:
        fmt, words, offsets, codes, names, firsts, first_starts = marshal.loads(data)
        if fmt != _TAGS_FORMAT:
            raise ValueError(fmt)
        table, starts = array("I"), array("I")
        table.frombytes(offsets)
        starts.frombytes(first_starts)
        if (len(table) != len(codes) + 1 or table[-1] != len(words) or len(starts) != len(firsts) + 1
                or (firsts and starts[-1] != len(codes))):
            raise ValueError("inconsistent tag table")
        return cls(words, table, codes, tuple(names), firsts, starts)


def _first_char_index(words: str, offsets: array) -> tuple[str, array]:
    """The distinct first characters of sorted ``words`` and where each one's words start (then the count)."""
    firsts: list[str] = []
    starts = array("I")
    for i in range(len(offsets) - 1):
        first = words[offsets[i]]
        if not firsts or firsts[-1] != first:
            firsts.append(first)
            starts.append(i)
    starts.append(len(offsets) - 1)
    return "".join(firsts), starts


@cache
def word_tags() -> TagTable:
    """jieba's dictionary words with their part-of-speech tag, the table ``jieba.posseg`` builds.

    ``import jieba.posseg`` costs about a second at every process start (it parses the 5 MB dictionary
    and imports the HMM tables as Python source); the table alone is kept in a marshal file beside
    jieba's own cache, keyed by the dictionary's path, size and modification time.
    """
    path = os.path.abspath(_dictionary_path())
    stat = os.stat(path)
    # the format in the name: processes of another version of the package (other checkouts sharing the temp
    # dir) keep their own file rather than rewriting one another's at every start
    source = f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{jieba.__version__}|{_TAGS_FORMAT}"
    key = hashlib.sha1(source.encode()).hexdigest()[:16]
    cache_file = os.path.join(tempfile.gettempdir(), f"zhnews-jieba-tags.{key}.cache")
    try:
        with open(cache_file, "rb") as fh:
            return TagTable.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, or broken or of an older format: built again below
    table = TagTable.from_dict(parse_word_tags(path))
    with contextlib.suppress(OSError):  # a read-only temp dir: the table is simply parsed at every start
        write_bytes_atomic(cache_file, table.dumps(), prefix="zhnews-jieba-tags.")
    return table


def _dictionary_path() -> str:
    """The dictionary ``jieba.posseg`` would read: jieba's default one unless it was replaced."""
    if jieba.dt.dictionary is None:
        return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    return jieba.dt.dictionary


def parse_word_tags(path: str) -> dict[str, str]:
    """``word freq tag`` lines → {word: tag}, as ``jieba.posseg.POSTokenizer.load_word_tag`` reads them."""
    table: dict[str, str] = {}
    with open(path, "rb") as fh:
        for line in fh.read().decode("utf-8").splitlines():
            line = line.strip()
            if line:
                word, _freq, tag = line.split(" ")
                table[word] = tag
    return table


def is_word(text: str) -> bool:
    """Whether the segmenter's dictionary knows ``text`` as a word (used to rejoin page breaks)."""
    return word_freq(text) > 0


class JiebaTokenizer:
    def __init__(self, vocab: Vocab, user_lexicons: Iterable[str] = USER_DICT_LEXICONS) -> None:
        self.vocab = vocab
        self.user_lexicons = tuple(user_lexicons)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for word in segmenter(self.user_lexicons).words(text, HMM=True):
            if word == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
            else:
                words.append(word)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serializes tokenizers with the pipeline; this one is rebuilt from the lexicons instead.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> JiebaTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> JiebaTokenizer:
        return self


@registry.tokenizers("zhnews.jieba_tokenizer.v1")
def create_tokenizer(user_lexicons: list[str] | None = None):
    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, user_lexicons if user_lexicons is not None else USER_DICT_LEXICONS)

    return make


@Language.component("zhnews_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts: after 。！？ outside quotation marks, after a closing mark that follows them only
    when no attribution continues the sentence (a new line or a new quotation), and at every line break."""
    words = [text for _, _, text in token_spans(doc)]
    flags = sentence_starts(words)
    if flags:
        doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def sentence_starts(words: list[str]) -> list[int]:
    """1 for a word that starts a sentence, -1 for one that does not (spaCy's SENT_START values)."""
    flags: list[int] = []
    depth = 0
    start_next = True
    last = len(words) - 1
    for i, text in enumerate(words):
        if "\n" in text:  # a line break closes the sentence it ends; the next word starts one
            flags.append(1 if i == 0 else -1)
            depth = 0
            start_next = True
            continue
        flags.append(1 if start_next else -1)
        start_next = False
        for ch in text:
            if ch in OPENING_QUOTES:
                depth += 1
            elif ch in CLOSING_QUOTES:
                depth = max(0, depth - 1)
        if depth == 0 and text[-1] in _SENTENCE_END:
            start_next = i == last or words[i + 1][0] not in _TRAILING
        elif depth == 0 and text[-1] in _TRAILING and i > 0 and words[i - 1][-1] in _SENTENCE_END:
            # “…。”他说。 stays one sentence; “…。”“…” or a new paragraph starts another
            start_next = i == last or words[i + 1][0] in OPENING_QUOTES
    return flags
