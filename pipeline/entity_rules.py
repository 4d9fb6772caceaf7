"""Helpers the entity recognizers (people, organizations, places) share: lexicons as compiled patterns,
jieba's part-of-speech hints, and the left-boundary walk that finds where a title qualifier or an
organization's name begins.

Everything here is built once per process (``functools.cache``) and is pure: text and tokens in,
offsets out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from . import lexicons
from .clean import CJK
from .segment import word_tags  # jieba's part-of-speech table, cached (no ``jieba.posseg``)

HAN = re.compile(f"[{CJK}]")
#: punctuation and other characters that end a name or a phrase
#: (list bullets too: ◆每经记者 is a credit after a bullet, not one word)
BREAK_CHARS = frozenset("，,。.；;：:！!？?、（）()《》〈〉【】[]“”\"'‘’「」『』—…\n\r\t ·/|-+～~*#○●◆◇■□▲△▶►◎★☆※")

#: tags of jieba's dictionary that stop a phrase read leftwards (prepositions, conjunctions, particles,
#: pronouns, adverbs, numerals, classifiers, modal words, time words)
_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "rr", "rz", "d", "m", "q", "mq",
                        "y", "e", "o", "t", "tg"})
#: one-character words that stop a phrase; other single characters are often pieces of a name jieba
#: did not know (博雅|辑|因, 服务|外|包), so their dictionary tag is not trusted
_STOP_CHARS = frozenset("的了着过在和与及或等对向从为把被给将让使由据以于是有这那其该各每此本我你他她它们也都还又就才")
STOP_CHARS = _STOP_CHARS  # for the stages that trim a phrase jieba glued of such characters (这是)
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})


#: word → its tag (``x`` when unknown): one dict lookup for the tens of thousands of questions a stage asks,
#: instead of a cached call and the table's own memo behind it
_TAG_MEMO: dict[str, str] = {}


def tag(word: str) -> str:
    """jieba's tag for a dictionary word, ``x`` for a word it does not know (an HMM guess)."""
    found = _TAG_MEMO.get(word)
    if found is None:
        if len(_TAG_MEMO) > 500_000:  # an archive run meets endless unknown words: stay bounded
            _TAG_MEMO.clear()
        found = _TAG_MEMO[word] = word_tags().get(word, "x")
    return found


def is_name_tag(word: str) -> bool:
    found = _TAG_MEMO.get(word)
    return (tag(word) if found is None else found) in _NAME_TAGS


@cache
def phrase_stops() -> frozenset[str]:
    return lexicons.words("phrase_stops")


def stops_phrase(word: str) -> bool:
    """Whether a word cannot belong to a name or title phrase read leftwards (在, 了, 会见, 和, 该…)."""
    if not word or any(c in BREAK_CHARS for c in word):
        return True
    if word in phrase_stops():
        return True
    if word in titles() or word in org_suffix_kinds():
        return False
    if len(word) == 1:
        return word in _STOP_CHARS
    return tag(word) in _STOP_TAGS


@cache
def surnames() -> frozenset[str]:
    return lexicons.words("surnames")


@cache
def compound_surnames() -> tuple[str, ...]:
    return tuple(s for s in lexicons.ordered("surnames") if len(s) > 1)


@cache
def weak_surnames() -> frozenset[str]:
    """Single surnames that are mostly function words (于, 和, 向, 从, 都…): a name starting with one
    needs more evidence than a speech verb after it."""
    return frozenset(s for s in surnames() if len(s) == 1 and tag(s) in {"p", "c", "d", "r", "f", "m", "u", "y", "v"})


@cache
def _compound_set() -> frozenset[str]:
    return frozenset(s for s in compound_surnames() if len(s) == 2)


@cache
def _long_compounds() -> tuple[str, ...]:
    return tuple(s for s in compound_surnames() if len(s) > 2)


@cache
def _surname_prefix_len() -> int:
    """How many leading characters decide ``surname_of``: the longest surname's length."""
    return max((len(s) for s in compound_surnames()), default=2)


#: leading characters → their surname: the answer depends on that prefix alone, and the same few
#: thousand prefixes are asked about tens of thousands of times per run (once per token and more)
_SURNAME_MEMO: dict[str, str] = {}


def surname_of(text: str) -> str:
    """The surname a string starts with (compound first), or ``""``."""
    prefix = text[:_surname_prefix_len()]
    found = _SURNAME_MEMO.get(prefix)
    if found is None:
        if len(_SURNAME_MEMO) > 200_000:  # an archive run: stay bounded
            _SURNAME_MEMO.clear()
        found = _SURNAME_MEMO[prefix] = _surname_of(prefix)
    return found


def _surname_of(text: str) -> str:
    # compound surnames are two characters: a set lookup, not a scan of the list
    for s in _long_compounds():  # longest first (爱新觉罗)
        if text.startswith(s):
            return s
    if text[:2] in _compound_set():
        return text[:2]
    return text[:1] if text[:1] in surnames() else ""


@cache
def titles() -> frozenset[str]:
    return lexicons.words("titles")


def ends_with_title(word: str) -> bool:
    """Whether a word ends with a title word of two characters or more (短跑选手, 总经理)."""
    found = titles()
    return any(word[k:] in found for k in range(len(word) - 1))


@cache
def title_pattern() -> re.Pattern[str]:
    """Any title word, longest first; Latin ones in any case (CEO, ceo). The same matches as the flat
    alternation of ``lexicons.alternation('titles')``, six times faster to search: a lookahead of the ~200
    characters a title can start with lets the engine skip every other position at once, and a trie tries
    the ~400 words once per position instead of one by one (the people stage searched the whole text for
    titles at 0.06 s of its 0.22 s on the 44 bench articles)."""
    words = lexicons.ordered("titles")
    first = "".join(re.escape(c) for c in sorted({w[0] for w in words}))
    return re.compile(f"(?=[{first}])(?:{lexicons.trie_pattern(words)})", re.IGNORECASE)


@cache
def org_suffix_kinds() -> dict[str, str]:
    """Organization suffix → kind (``org_suffixes.tsv``)."""
    return {row["suffix"]: row["kind"] for row in lexicons.table("org_suffixes") if row.get("suffix")}


@cache
def org_suffix_pattern() -> re.Pattern[str]:
    suffixes = sorted(org_suffix_kinds(), key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in suffixes))


@cache
def person_cues() -> tuple[str, ...]:
    """Words that follow a person's name (表示, 说, 指出…): the quote stage's speech verbs where present,
    and this stage's own list of post-name cues."""
    words = set(lexicons.words("person_cues")) | set(lexicons.words("speech_verbs"))
    return tuple(lexicons.longest_first(words))


@cache
def name_followers() -> frozenset[str]:
    """Single characters that may directly follow a name (在, 和, 等, 的…): a name ends before them."""
    return frozenset(lexicons.words("name_followers"))


@cache
def _cues_by_first() -> dict[str, tuple[str, ...]]:
    """``person_cues()`` grouped by first character, each group still longest first: a position is
    tried against the few cues that can start there, not all hundred (called at every character)."""
    groups: dict[str, list[str]] = {}
    for cue in person_cues():
        groups.setdefault(cue[0], []).append(cue)
    return {first: tuple(cues) for first, cues in groups.items()}


@cache
def _adverbs_by_first() -> dict[str, tuple[str, ...]]:
    """``_ADVERBS`` grouped by first character, in their order."""
    groups: dict[str, list[str]] = {}
    for adverb in _ADVERBS:
        groups.setdefault(adverb[0], []).append(adverb)
    return {first: tuple(adverbs) for first, adverbs in groups.items()}


def starts_with_cue(text: str, pos: int) -> str:
    """The post-name cue word starting at ``pos``, allowing a few adverbs before it (还表示, 也指出)."""
    cues = _cues_by_first()
    first = text[pos:pos + 1]
    for cue in cues.get(first, ()):
        if text.startswith(cue, pos):
            return cue
    for adverb in _adverbs_by_first().get(first, ()):
        if not text.startswith(adverb, pos):
            continue
        p = pos + len(adverb)
        for cue in cues.get(text[p:p + 1], ()):
            if text.startswith(cue, p):
                return text[pos:p + len(cue)]
    return ""


_ADVERBS = ("进一步", "随后", "同时", "当时", "曾经", "再次", "还", "也", "则", "曾", "都", "又", "就", "在", "对",
            "向", "告诉")


@dataclass
class Entry:
    name: str  # canonical (full) name
    kind: str
    forms: tuple[str, ...]


@cache
def country_entries() -> tuple[Entry, ...]:
    rows = lexicons.table("countries")
    return tuple(Entry(r["name"], r.get("kind") or "country",
                       tuple(f for f in [r["name"], *r.get("forms", "").split("|")] if f)) for r in rows)


@cache
def countries() -> frozenset[str]:
    return frozenset(f for e in country_entries() for f in e.forms)


@cache
def _foreign_country_re() -> re.Pattern[str]:
    return re.compile(lexicons.trie_pattern(c for c in countries() if c not in ("中国", "中华人民共和国")))


def names_foreign_country(text: str) -> bool:
    """Whether a phrase names a foreign country (the title 日本前首相 says the name after it is Japanese):
    one search of a trie, not a substring test per country (the people stage asks it of every title phrase)."""
    return _foreign_country_re().search(text) is not None


def walk_left(tokens: Sequence[tuple[int, int, str]], i: int, limit: int = 24,
              floor: int = 0, joiners: tuple[str, ...] = (), numbered: bool = False) -> int:
    """Index of the first token of the phrase that ends with token ``i - 1``: tokens are taken leftwards
    while they may belong to a name or title phrase and the phrase stays within ``limit`` characters.
    ``tokens`` are (start, end, text) in order. A quoted part right before (“开放原子”开源基金会) is kept.
    With ``numbered``, a numeral or time word inside an organization's name is kept (``_numbered_unit``)."""
    j = i
    start_limit = tokens[i - 1][1] - limit if i > 0 else 0
    while j > floor:
        s, _e, w = tokens[j - 1]
        if s < start_limit:
            break
        if w in ("”", "’", "\"") and j - 3 >= floor:
            # a short quoted name: “开放原子”
            k = j - 2
            while k > floor and tokens[k][2] not in ("“", "‘", "\"") and j - k < 6:
                k -= 1
            if tokens[k][2] in ("“", "‘", "\"") and k < j - 2:
                j = k
                continue
            break
        if w in joiners and j - 2 >= floor and j < i and not stops_phrase(tokens[j - 2][2]) and \
                len(tokens[j - 2][2]) > 1 and not ends_with_title(tokens[j - 2][2]):
            # 北京脑科学与类脑研究中心, 人民民主与正义阵线: 与 inside a name; not after a title word, where it
            # joins two titles or two people (加拿大短跑选手和美国短跑选手约翰逊)
            j -= 1
            continue
        if stops_phrase(w) and not (numbered and _numbered_unit(tokens, j, i, max(floor, 0), start_limit)):
            break
        j -= 1
    return j


#: tags of numerals and time words (研究一部, 第三小学, 未来产业研究中心)
_NUMBER_TAGS = frozenset({"m", "mq", "t", "tg"})


def _numbered_unit(tokens: Sequence[tuple[int, int, str]], j: int, i: int, floor: int, start_limit: int) -> bool:
    """Whether the numeral or time word ``tokens[j - 1]`` is inside an organization's name read leftwards
    (习近平经济思想研究中心研究一部, 中关村第三小学, 研究院未来产业研究中心): an organization ending stands
    in it or after it, and the name goes on before it. A count or a date that opens the phrase
    (三名|员工, 今年|公司董事长 after a comma) stays outside."""
    s, _e, w = tokens[j - 1]
    if len(w) < 2 or tag(w) not in _NUMBER_TAGS or w in phrase_stops() or j - 2 < floor:
        return False
    if w[-1] in _COUNT_ENDS or _DATED.search(w):
        return False  # a count (三名, 两位) or a date (今年, 目前) says when or how many, it names nothing
    ps, pe, prev = tokens[j - 2]
    if pe != s or ps < start_limit or len(prev) < 2 or stops_phrase(prev):
        return False
    # the head token too: jieba glues the unit to the title (第三|小学校长)
    return org_suffix_pattern().search("".join(t[2] for t in tokens[j - 1:i + 1])) is not None


_COUNT_ENDS = frozenset("名位个人批次")
_DATED = re.compile("[今昨明去前后年月日时]")


@cache
def division_rows() -> tuple[dict[str, str], ...]:
    return lexicons.table("divisions")


@cache
def place_forms() -> frozenset[str]:
    """Every written form of a country, region or administrative division."""
    forms = set(countries())
    for row in division_rows():
        forms.add(row["name"])
        if row.get("short"):
            forms.add(row["short"])
    return frozenset(forms)
