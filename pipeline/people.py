"""Stage 4a, people: every named person, each mention linked to the person's full name, with the titles
written at that mention.

Evidence, strongest first:
- a title phrase right before a name (``海淀区区委常委、副区长梁爽`` → two titles; ``日本前首相鸠山由纪夫``:
  after a title, a name need not start with a Chinese surname);
- the page's credits (``北京商报记者 姚倩``, staff header roles), made by the layout stage;
- a surname-initial string between a clause boundary and a post-name cue (``，董贵蛟表示``);
- jieba's dictionary tagging a word as a person's name (``习近平``), a name before its doctrine
  (``邓小平理论``, a ``reference`` mention), a transliteration or a Japanese family name standing where
  a person does (``克林顿说``, ``桥本首相``), names jieba cuts (``江|宏伟``, ``高允|连``) and the items of
  a list joined to a found name (docs/entities.md, round 4).
Then every later occurrence of a found name (``梁爽表示``), the last part of a foreign name with ``·``
(``特朗普`` for ``唐纳德·特朗普``) and surname + title (``罗经理``) are mentions of that person.
Names are read on characters, not on jieba's words, which split (``于|军``) and glue (``董贵蛟表示``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import entity_rules as er
from . import lexicons
from .clean import CJK
from .segment import segmenter
from .spans import Match, doc_text, set_spans, token_spans

Token = tuple[int, int, str]

#: a name written with ·; 和/与/及 inside a part rather join two names (多萝西·奈斯比特和约翰·奈斯比特)
_FOREIGN_NAME = re.compile(rf"(?:(?![和与及])[{CJK}]){{1,8}}(?:·(?:(?![和与及])[{CJK}]){{1,10}}){{1,3}}")
#: characters never inside a Chinese personal name (they are function words or end a clause); 月 is in
#: names (孔月婵) and a date glued to a surname is no name for other reasons
_NOT_IN_NAME = frozenset("的了们是在与及或等说称也还都就这那之被把对向从为年日时地各")
_MAX_FOREIGN = 6
#: surnames that, right after a title, are rather the conjunction or adverb they also are (村支书和专家)
_NEVER_NAME_START = frozenset("和都向从在也还就将对为被把给与及")


@dataclass
class Mention:
    start: int
    end: int
    name: str
    rule: str
    score: float
    titles: list[str] = field(default_factory=list)


@cache
def _title_re() -> re.Pattern[str]:
    return er.title_pattern()


@cache
def _world_places() -> frozenset[str]:
    return frozenset(r["name"] for r in lexicons.table("world_places"))


@cache
def _person_noun_re() -> re.Pattern[str]:
    return re.compile(f"(?:{lexicons.alternation('person_nouns')})")


@cache
def _person_works() -> frozenset[str]:
    return lexicons.words("person_works")


@cache
def _zone_suffixes() -> tuple[str, ...]:
    return tuple(lexicons.words("zone_suffixes"))


@cache
def _address_forms() -> frozenset[str]:
    return lexicons.words("address_forms")


@cache
def _address_re() -> re.Pattern[str]:
    forms = lexicons.longest_first(f for f in _address_forms() if f != "家")
    return re.compile("|".join(re.escape(f) for f in forms))


@cache
def _cue_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(c) for c in er.person_cues()))


@cache
def _non_person_words() -> frozenset[str]:
    """Places and organizations by name: never a person (南非表示, 中方认为)."""
    words = set(er.countries())
    for row in lexicons.table("divisions"):
        words.add(row["name"])
        if row.get("short"):
            words.add(row["short"])
    words |= lexicons.words("not_names")
    for name in ("national_bodies", "companies"):
        for row in lexicons.table(name):
            words.add(row["name"])
            words.update(f for f in row.get("forms", "").split("|") if f)
    return frozenset(words)


class Text:
    """The text with its jieba tokens, for boundary questions."""

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text = text
        self.tokens = list(tokens)
        self.starts = [t[0] for t in self.tokens]
        self.bounds = {t[0] for t in self.tokens} | {t[1] for t in self.tokens}

    def token_at(self, offset: int) -> int:
        """Index of the token holding ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def is_boundary(self, offset: int) -> bool:
        return offset in self.bounds or offset <= 0 or offset >= len(self.text)


#: a run of Chinese characters only (one match, not one per character)
_ALL_HAN = re.compile(f"[{CJK}]+")


def _plausible_name(name: str) -> bool:
    rest = name[len(er.surname_of(name)):]
    if rest in er.titles() or rest in _address_forms():
        return False  # 罗经理, 丁阿姨, 郭家 are surname + title or address: a known person or a household
    if len(name) < 2 or _ALL_HAN.fullmatch(name) is None:
        return False
    # 之 is in names jieba's dictionary holds (龚育之, 张之洞); elsewhere it is the function word (王某之子)
    if not _NOT_IN_NAME.isdisjoint(name[1:]) and not ("之" in name[1:] and len(name) == 3 and er.is_name_tag(name)
                                                     and _NOT_IN_NAME.isdisjoint(name[1:].replace("之", ""))):
        return False
    if name in _non_person_words():
        return False
    tag = er.tag(name)
    # a dictionary word that is not a name (高度, 任何) is no name here
    return tag in ("x", "nr", "nrfg", "nrt") or (len(name) == 3 and tag not in ("v", "vn", "a", "d", "l", "i"))


def _name_end_ok(t: Text, end: int) -> bool:
    """A name may end here: at a break, before a one-character follower (在, 和…), a cue, or a title."""
    text = t.text
    if end >= len(text) or text[end] in er.BREAK_CHARS or not er.HAN.match(text[end]):
        return True
    if text[end] in er.name_followers() or er.starts_with_cue(text, end):
        return True
    m = _title_re().match(text, end)
    return bool(m and t.is_boundary(m.end()))


def read_chinese_name(t: Text, start: int, need_end_evidence: bool = True) -> int | None:
    """End of a Chinese name (surname + one or two characters) starting at ``start``, or None."""
    text = t.text
    surname = er.surname_of(text[start:start + 2])
    if not surname or surname in _NEVER_NAME_START:
        return None
    best: tuple[float, int] | None = None
    for given in (2, 1):
        end = start + len(surname) + given
        if end > len(text):
            continue
        name = text[start:end]
        if not _plausible_name(name) or text[end:end + 1] == "·":
            continue  # 乔纳森·考尔金斯 is read whole as a foreign name
        if given == 2 and _ordinary_given(name) and not _whole_name_word(t, start, end):
            continue  # 法律顾问|全覆盖; but 崔真实, one word jieba's dictionary holds as a name, is one
        score = 0.0
        # jieba's HMM glued the name's last character to the next word (梁绍|真患|脑梗死): as good as a boundary
        glued = given == 2 and _glued_last(t, end)
        if _name_end_ok(t, end):
            score += 2
        elif need_end_evidence and not ((t.is_boundary(end) or glued) and t.is_boundary(start)):
            continue
        if t.is_boundary(end) or glued:
            score += 1
        if er.is_name_tag(name):
            score += 1.5
        if given == 2:
            score += 0.5  # most Chinese names have three characters
        # a two-character name whose next character would open a cue (董贵|蛟表示) is rather three long
        if given == 1 and end + 1 <= len(text) and er.starts_with_cue(text, end + 1) and \
                _plausible_name(text[start:end + 1]):
            score -= 2
        # 和/与 after a two-character name joins nothing when a verb follows it (张丙和|发现): the name's end
        if given == 1 and text[end:end + 1] in ("和", "与") and _verb_at(t, end + 1) and \
                _plausible_name(text[start:end + 1]):
            score -= 2
        if best is None or score > best[0]:
            best = (score, end)
    return best[1] if best else None


def _whole_name_word(t: Text, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one word of jieba's that its dictionary tags as a person's name."""
    tok = t.tokens[t.token_at(start)]
    return tok[0] == start and tok[1] == end and er.tag(tok[2]) in ("nr", "nrfg")


def _verb_at(t: Text, pos: int) -> bool:
    if pos >= len(t.text):
        return False
    tok = t.tokens[t.token_at(pos)]
    return tok[0] == pos and len(tok[2]) > 1 and er.tag(tok[2]) == "v"


def _glued_last(t: Text, end: int) -> bool:
    """Whether the character before ``end`` starts a word jieba does not know that runs past ``end``."""
    tok = t.tokens[t.token_at(end - 1)]
    return tok[0] == end - 1 and tok[1] > end and er.tag(tok[2]) == "x"


def _ordinary_given(name: str) -> bool:
    """A surname character before an ordinary word with untypical name characters (法律顾问|全|覆盖,
    农民|常因病): no name, even after a title."""
    surname = er.surname_of(name)
    rest = name[len(surname):]
    return bool(surname) and len(rest) == 2 and er.tag(rest) not in ("x", "nr", "nrfg", "nrt") and \
        given_score(rest) < GIVEN_MIN_CUE


def read_foreign_name(t: Text, start: int) -> int | None:
    """End of a transliterated or Japanese name after a title (普罗迪, 鸠山由纪夫, 唐纳德·特朗普)."""
    text = t.text
    if er.starts_with_cue(text, start):
        return None  # 副总裁|告诉记者: the title's holder is not named
    first = t.tokens[t.token_at(start)]
    m = _FOREIGN_NAME.match(text, start)
    # a typical transliteration character jieba reads as a verb of its own (拉|法兰) may start the name, and so
    # may any word a name written with · starts with (会长|差猜·春哈旺)
    first_part = m.group().split("·")[0] if m else ""
    dotted = m is not None and len(first_part) <= 4 and _NOT_IN_NAME.isdisjoint(first_part) and \
        _title_re().search(first_part) is None
    if first[0] == start and _ordinary(first[2]) and not dotted and not (
            len(first[2]) == 1 and is_translit_char(first[2]) and first[2] not in _NOT_IN_NAME):
        return None
    if m:
        return _foreign_end(t, start, m.end() - len(m.group().rsplit("·", 1)[1]))
    i = t.token_at(start)
    if first[0] == start and len(first[2]) == 1 and not is_translit_char(first[2]) and \
            er.tag(first[2])[:1] in ("v", "z", "p", "d", "c") and not er.surname_of(first[2]) and \
            i + 1 < len(t.tokens) and er.is_name_tag(t.tokens[i + 1][2]) and len(t.tokens[i + 1][2]) > 1:
        return None  # a verb before a name jieba knows (裁判员判|莫斯利): the name is not the title's holder
    end = _foreign_end(t, start, start)
    if end - start < 2:
        return None
    nxt = t.tokens[t.token_at(end)] if end < len(text) else None
    # after a title, the name may run up to the sentence's next word (基纳纳|全程收看, 卡布维|手里) or a function
    # character (卡巴杰|时); a name jieba's dictionary holds whole ends where it ends (克林顿|派代表)
    whole = first[0] == start and first[1] == end and er.is_name_tag(first[2]) and len(first[2]) > 1 and \
        nxt is not None and nxt[1] - nxt[0] == 1 and er.tag(nxt[2]) == "v"
    if not (whole or _name_end_ok(t, end) or text[end] in _FOREIGN_STOPS or
            (nxt is not None and nxt[0] == end and _ordinary(nxt[2]) and len(nxt[2]) > 1)):
        return None
    name = text[start:end]
    if any(c in _NOT_IN_NAME for c in name) or name in _non_person_words() or _ordinary_given(name):
        return None
    tag = er.tag(name)
    if tag not in ("x", "nr", "nrfg", "nrt", "ns"):
        return None
    # a run jieba does not know reads as a name when it sounds like a transliteration (卡布维) or when
    # jieba's HMM made one word of it (马古富力); not a verb phrase (仅用, 所著)
    if tag == "x" and translit_score(name) < _TRANSLIT_MEAN and not (
            first[0] == start and first[1] - start >= 3 and _name_end_ok(t, end)) and not (
            first[0] == start and first[1] == end and (len(name) >= 3 or (
                end < len(text) and (er.HAN.match(text[end]) or text[end] in er.BREAK_CHARS)
                and _name_end_ok(t, end)))):  # 门贝说, not 仅用50分钟
        return None
    # the whole run must not be made of ordinary words (主席团, 会议): some piece is unknown or a name
    i = t.token_at(start)
    # the tokens that start before the run's end only, not every token to the end of the text
    pieces = [w for s, e, w in t.tokens[i:bisect_left(t.starts, end, i)] if s >= start and e <= end]
    if pieces and all(er.tag(w) not in ("x", "nr", "nrfg", "nrt", "ns") and len(w) > 1 for w in pieces):
        return None
    return end


@cache
def _name_chars() -> dict[str, tuple[float, float]]:
    """Character → (given-name score, transliteration score) from ``name_chars.tsv``."""
    return {r["char"]: (float(r["given"]), float(r["translit"])) for r in lexicons.table("name_chars")}


#: a character no name in jieba's dictionary holds: rare in names (坞, 烽), so below the weak-evidence floor
_UNLISTED = (-2.2, -3.0)
#: a character at least this typical of transliterations goes on a foreign name (克, 纳, 基, 利)
_TRANSLIT_MIN = -1.6


def given_score(given: str) -> float:
    """How typical of a given name the characters after the surname are: the weakest one counts."""
    chars = _name_chars()
    return min((chars.get(c, _UNLISTED)[0] for c in given), default=_UNLISTED[0])


#: the weakest given-name character a name found on weak evidence (jieba's tag, an unknown word, a list)
#: may have: 素质, 肃性, 果业 and 七军 score below it, 其琛, 美林, 双民 above
GIVEN_MIN = -2.0
#: … and one found between a clause boundary and a speech verb (解决新|问题, 钱去|看望 score below)
GIVEN_MIN_CUE = -3.0


def name_like(name: str, floor: float = GIVEN_MIN, dictionary: bool = False) -> bool:
    """Whether the characters read as a name: a surname with typical given-name characters, or (no surname)
    typical transliteration characters. A word jieba's dictionary tags as a name (``dictionary``) needs
    typical characters on average and a last character that ends names, not nouns (性, 业, 率, 村)."""
    surname = er.surname_of(name)
    if surname and len(name) > len(surname):
        given = name[len(surname):]
        if dictionary:
            chars = _name_chars()
            scores = [chars.get(c, _UNLISTED)[0] for c in given]
            return sum(scores) / len(scores) >= _DICT_MEAN and scores[-1] >= _DICT_LAST and \
                given[-1] not in _PLACE_ENDINGS
        return given_score(given) >= floor
    return translit_score(name) >= _TRANSLIT_MEAN


_DICT_MEAN = -2.3
_DICT_LAST = -2.5


#: the mean transliteration score of a foreign name jieba does not know
_TRANSLIT_MEAN = -1.5
#: … and of one jieba's dictionary tags as a name (基里延科 -1.9)
_TRANSLIT_TAGGED = -2.5


def translit_score(name: str) -> float:
    chars = _name_chars()
    return sum(chars.get(c, _UNLISTED)[1] for c in name) / max(1, len(name))


def is_translit_char(c: str) -> bool:
    return _name_chars().get(c, _UNLISTED)[1] >= _TRANSLIT_MIN


def _ordinary(word: str) -> bool:
    """A dictionary word that is no name (评估, 由衷, 一, 叫): a foreign name does not start or go on with it."""
    tag = er.tag(word)
    if tag in ("x", "nr", "nrfg", "nrt", "ns", "nz"):
        return False
    return len(word) > 1 or word in _NOT_IN_NAME or tag in ("v", "p", "c", "d", "m", "u", "uj", "ul", "r", "q")


#: function characters that end a transliteration (卡巴杰|时都强调); 那, 日 and 地 are in some (那不勒斯, 列日, 甘地)
#: dashes some papers write between the parts of a foreign name (约翰—格伦)
_NAME_DASHES = ("—", "－")
_FOREIGN_STOPS = _NOT_IN_NAME - frozenset("那日地")


def _foreign_end(t: Text, name_start: int, start: int) -> int:
    """Where a transliterated name (or its part after the last ·) that starts at ``start`` ends."""
    text = t.text
    end = start
    while end < len(text) and end - start < _MAX_FOREIGN and er.HAN.match(text[end]):
        if end > name_start + 1 and (text[end] in er.name_followers() or text[end] in _FOREIGN_STOPS or
                                     er.starts_with_cue(text, end)):
            break
        if end > start and t.is_boundary(end):
            if _title_re().match(text, end):
                break
            nxt = t.tokens[t.token_at(end)]
            # jieba cuts unknown transliterations into single characters (基纳|纳, 塔利|克): a typical
            # transliteration character goes on the name even where jieba knows it as a word of its own
            if nxt[0] == end and _ordinary(nxt[2]) and not (len(nxt[2]) == 1 and is_translit_char(nxt[2])
                                                            and nxt[2] not in _NOT_IN_NAME):
                break
        end += 1
    return end


#: verbs that give a title (当选X的Name)
_APPOINTED = re.compile(r"(?:当选|担任|出任|荣任|现任|新任|继任)(?:为)?")
_NAMING = re.compile(r"[，,]?(?:名字叫|名叫|叫做|叫)")
_COORDINATORS = "和与及、"


def _longer_foreign(t: Text, start: int, end: int) -> int:
    """End of the name read as a Chinese one up to ``end``, or of the longer transliteration it opens
    (贾|亚拉|莉达, 巴蒂|斯图塔): a surname character starts many foreign names."""
    text = t.text
    if end >= len(text) or not er.HAN.match(text[end]) or not (
            is_translit_char(text[end]) or translit_score(text[start:end]) >= _TRANSLIT_MEAN):
        return end  # the cheap tests first: the reading or the next character sounds transliterated
    longer = read_foreign_name(t, start)
    if longer is not None and longer - start >= 4 and longer > end and \
            translit_score(text[start:longer]) >= _TRANSLIT_MEAN and translit_score(text[end:longer]) >= _TRANSLIT_MEAN:
        return longer
    return end


def _coordinated(t: Text, end: int, reader: Callable[[Text, int], int | None]) -> int | None:
    """End of a second name joined by 和/与/、 to the name ending at ``end``, read the same way, or None."""
    text = t.text
    if end >= len(text) - 1 or text[end] not in _COORDINATORS or _title_re().match(text, end + 1):
        return None
    nxt = reader(t, end + 1)
    if nxt is None:
        return None
    name = text[end + 1:nxt]
    if "·" in text[end - 1:end] or ("·" not in name and not name_like(name)):
        return None
    # a place or the qualifier of the next title is no second name (、斯特拉斯堡市|市长罗朗·雷斯)
    if name[-1] in _PLACE_ENDINGS or (_title_re().match(text, nxt) and t.is_boundary(nxt)):
        return None
    return nxt


def title_phrases(t: Text, title_start: int, title_end: int, floor: int = 0) -> list[tuple[int, int]]:
    """The title phrase that ends at ``title_end`` (its qualifier read leftwards) and the titles chained
    before it with 、 (海淀区区委常委、副区长), in order of appearance. No phrase reaches left of ``floor``
    (the end of a person found before it: 董事长陈伟明与韩国著名导演许秦豪 gives 韩国著名导演)."""
    out: list[tuple[int, int]] = []
    end = title_end
    head_start = title_start
    for _ in range(4):
        i = t.token_at(head_start)
        if t.tokens[i][0] != head_start:
            head_start = t.tokens[i][0]  # the title word is the end of a longer word (区委|书记)
        # 和/与/— between nouns stay inside one qualifier (高分子科学与工程学系教授, 杜伊斯堡—埃森大学教授)
        j = er.walk_left(t.tokens, i, floor=min(i, bisect_left(t.starts, floor)), joiners=_TITLE_JOINERS,
                         numbered=True)
        # the paper's own credit (本报记者) is whole: what stands before it is a headline or a dateline
        start = t.tokens[j][0] if j < i and not t.text.startswith(_OWN_MEDIA, head_start) else head_start
        start = _trim_qualifier(t, start, head_start)
        if out and floor > 0 and start <= floor:
            break  # a title chained by 、 right after a person is that person's (贺鹏飞中将、海军副参谋长赵国钧)
        out.append((start, end))
        if start <= floor or t.text[start - 1] != "、":
            break
        # the phrase before 、 counts when it ends with a title word
        prev_end = start - 1
        m = _title_before(t, prev_end)
        if m is None:
            break
        end, head_start = prev_end, m
    return out[::-1]


def _title_matches(t: Text) -> Iterator[re.Match[str]]:
    """Title words that end where jieba ends a word. A match that does not is tried again one character
    on, so that a title word overlapping its start does not hide the real one (科威特|首相: not 特首)."""
    pattern, text, pos = _title_re(), t.text, 0
    while (m := pattern.search(text, pos)) is not None:
        if t.is_boundary(m.end()):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _qualifier_floor(text: str, taken: bytearray, title_start: int) -> int:
    """Where a title qualifier may start at the earliest: after the last person found before the title, unless
    an organization's ending follows that "person" (廉政|委员会主席: a word of the qualifier read as a name)."""
    end = taken.rfind(1, 0, title_start) + 1
    if end and er.org_suffix_pattern().match(text, end):
        return 0
    return end


def _apposed_title(t: Text, start: int) -> list[str]:
    """A clause after ``Name，`` that is only a title phrase (刘文西，著名画家，…): that title."""
    clause = _CLAUSE_END.search(t.text, start, start + 24)
    if clause is None or clause.start() - start < 2:
        return []
    end = clause.start()
    head = _title_before(t, end)
    if head is None:
        return []
    phrases = title_phrases(t, head, end)
    return [t.text[a:b] for a, b in phrases] if phrases[0][0] == start else []


_CLAUSE_END = re.compile(r"[，。；！？]")
#: what links a name to the title phrase after it (the post itself then ends the clause)
_COPULA = re.compile(r"(?:也|曾|现)?(?:是|担任|出任|任)")


def _title_before(t: Text, end: int) -> int | None:
    """Start of a title word that ends at ``end`` (longest), or None."""
    for length in range(min(8, end), 1, -1):
        if t.text[end - length:end] in er.titles():
            return end - length
    return None


_TITLE_JOINERS = ("和", "与", "—")
_SENTENCE_END = re.compile(r"[。！？；!?;]")


def _trim_qualifier(t: Text, start: int, head: int) -> int:
    """Drop a leading quotation, anything up to a sentence end (名字‘青城驿站’。”|呼和浩特…局长) and a name
    joined by 和/与 (李明和|办公室主任) from a qualifier."""
    text = t.text
    for m in _SENTENCE_END.finditer(text, start, head):
        start = m.end()
    # a dateline glued to a credit (本报北京12月1日电记者杜一菲): the credit starts after it
    for m in _DATELINE_END.finditer(text, max(0, start - 3), head):
        start = max(start, m.end())
    for j in _TITLE_JOINERS:
        k = text.find(j, start, head)
        if k > start:
            before = t.tokens[t.token_at(k - 1)]
            if before[0] == start and len(before[2]) <= 3 and (er.is_name_tag(before[2]) or (
                    er.surname_of(before[2]) and er.tag(before[2]) == "x")):
                start = k + 1
    while start < head and text[start] in "“”\"‘’「」":
        start += 1
    # the tense of a post opening the phrase is no part of the title (时任艇长; 美国现任总统 keeps it)
    if text.startswith(_POST_TENSES, start) and start + 2 <= head:
        start += 2
    return start


_POST_TENSES = ("时任", "现任", "曾任", "历任", "原任")
_OWN_MEDIA = ("本报", "本刊", "本台", "本网")
#: the end of a dateline (12月1日电, 4日讯, 本报讯); the 日 may be left out of the phrase already
_DATELINE_END = re.compile(r"(?:[0-9０-９一二三四五六七八九十〇]日|本报)[电讯]")


def find_people(text: str, tokens: Sequence[Token], credits: Iterable[tuple[int, int, str, str]] = ()
                ) -> list[Match]:
    """People in ``text`` (clean offsets). ``credits`` are (start, end, name, credit) from the layout stage."""
    t = Text(text, tokens)
    mentions: list[Mention] = []
    # characters already inside a mention: a lookup per question, not a scan of every mention
    taken = bytearray(len(text) + 1)

    def free(a: int, b: int) -> bool:
        return taken.find(1, a, b) < 0

    def add(m: Mention) -> None:
        mentions.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)

    for start, end, name, credit in credits:
        add(Mention(start, end, name, "credit", 1.0, [credit] if credit else []))

    # 0. a closing credit in brackets naming several media (（中央人民广播电台记者刘振英、新华社记者张宿堂）,
    # （本报记者魏哲哲整理）): each name with its own media and role
    for m in _bracket_credits_re().finditer(text):
        for part in _bracket_credit_part_re().finditer(text, m.start() + 1, m.end()):
            a, b = part.span("name")
            if free(a, b) and er.surname_of(part.group("name")) and _plausible_name(part.group("name")):
                add(Mention(a, b, part.group("name"), "bracket_credit", 0.95, [part.group("credit")]))

    # 2. role credits the layout stage does not read (统筹：本版编辑许诺, 制图：蔡华伟, 电记者杨迅、杜一菲, X摄), before
    # titles: a credit says where its list of names ends and keeps its media (本版编辑)
    pos = 0
    while (m := _role_credit_re().search(text, pos)) is not None:
        role = m.group("role")
        credit = m.group("credit") or ""
        title = credit + role if _role_is_title(role) else ""
        names = _name_list(t, m.start("names"), m.end("names"))
        for a, b in names:
            if free(a, b):
                add(Mention(a, b, text[a:b], "role_credit", 0.9, [title] if title else []))
        # a task credit before a job credit (统筹：本版编辑许诺): read again from the job
        pos = m.end() if names else m.start("names")
    for m in _PHOTO_CREDIT.finditer(text):
        a, b = m.span("name")
        if free(a, b) and er.surname_of(m.group("name")) and _plausible_name(m.group("name")):
            add(Mention(a, b, m.group("name"), "photo_credit", 0.9))

    # 1. title + name
    title_matches = list(_title_matches(t))  # read again by rule 7b
    for m in title_matches:
        start = m.end()
        if start >= len(text) or not free(start, start + 1):
            continue
        naming = _NAMING.match(text, start)
        if naming:  # 放映员叫杨卫华, 村支书，叫单太洪: the title, then what the person is called
            start = naming.end()
        # the qualifier stops at a person found before it (a byline's name, a name listed before)
        phrases = title_phrases(t, m.start(), m.end(), floor=_qualifier_floor(text, taken, m.start()))
        if text[start] == "的":
            # 当选中国农工民主党中央主席的陈竺: a title the person was given, then 的 and the name
            appointed = _APPOINTED.search(text, max(0, phrases[0][0] - 6), phrases[0][0] + 4)
            if appointed is None or not free(start + 1, start + 2):
                continue
            start += 1
            phrases = [(max(a, appointed.end()), b) for a, b in phrases]
        foreign_first = bool(_FOREIGN_NAME.match(text, start)) or any(
            er.names_foreign_country(text[a:b]) for a, b in phrases)
        readers = (read_foreign_name, read_chinese_name) if foreign_first else (read_chinese_name,
                                                                                  read_foreign_name)
        end = None
        for reader in readers:
            end = reader(t, start)
            if end is not None:
                break
        japanese = _japanese_surname_re().match(text, start)
        if japanese is not None:
            # a Japanese family name opens a longer name than a Chinese surname would (会长谷口清太郎)
            jend = _japanese_name_end(t, start, japanese.end())
            if jend is not None and (end is None or jend > end):
                end, reader = jend, read_foreign_name
        if reader is read_chinese_name and end is not None:
            longer = _longer_foreign(t, start, end)
            if longer != end:
                end, reader = longer, read_foreign_name
        if end is not None and reader is read_foreign_name and text[end:end + 1] in _NAME_DASHES:
            # a foreign name's parts joined by a dash instead of · (参议员约翰—格伦)
            rest = _foreign_end(t, end + 1, end + 1)
            if rest - end > 2 and translit_score(text[start:end]) >= _TRANSLIT_MEAN and \
                    translit_score(text[end + 1:rest]) >= _TRANSLIT_MEAN and _name_end_ok(t, rest):
                end = rest
        if end is None or not free(start, end):
            continue
        titles = [text[a:b] for a, b in phrases]
        rule = "title_name" if er.surname_of(text[start:end]) else "title_foreign_name"
        add(Mention(start, end, text[start:end], rule, 0.95, titles))
        # people joined to the first share its titles (作家多萝西·奈斯比特和约翰·奈斯比特, 放映员叫杨卫华和曾志良)
        for _ in range(6):
            nxt = _coordinated(t, end, reader)
            if nxt is None or not free(end + 1, nxt):
                break
            add(Mention(end + 1, nxt, text[end + 1:nxt], rule + "_coordinated", 0.85, list(titles)))
            end = nxt

    # 1b. a person noun + name (收养的男孩曲印, 女儿孔玲) or a player's number (9号萨莫拉诺): the name as after a
    # title, with no title
    nouns = [*_person_noun_re().finditer(text), *_SHIRT_NUMBER.finditer(text)]
    for m in nouns:
        start = m.end()
        if not t.is_boundary(start) or not t.is_boundary(m.start()) or not free(start, start + 1):
            continue
        end = read_chinese_name(t, start)
        if end is not None:
            end = _longer_foreign(t, start, end)
        if end is None or not (name_like(text[start:end], GIVEN_MIN_CUE) or _whole_name_word(t, start, end)):
            # a foreign name after the noun (外援里贝罗, 男友亨特):
            # the typical sound throughout, and not before 的 (少年|布尔什维克|的: a noun tagged as a name)
            end = read_foreign_name(t, start)
            if end is not None and (translit_score(text[start:end].replace("·", "")) < _TRANSLIT_MEAN or
                                    text[start:end] in _world_places() or text[start:end] in _place_forms() or
                                    text[end:end + 1] == "的"):
                end = None
        if end is not None and free(start, end):
            add(Mention(start, end, text[start:end], "noun_name", 0.85))

    # 3. names written with ·
    for m in _DOT_NAME.finditer(text):
        a = _dot_name_start(t, m.start(), m.start("first_end"))
        b = _foreign_end(t, a, m.start("last"))
        # the last part runs up to a title right after it over words jieba made of it (马·莱|万多|夫斯基副教授)
        for p in range(b + 1, min(len(text), m.start("last") + _MAX_FOREIGN + 1)):
            if not er.HAN.match(text[p - 1]) or text[p - 1] in _NOT_IN_NAME:
                break
            title = _title_re().match(text, p)
            if title and t.is_boundary(p) and t.is_boundary(title.end()):
                b = p
                break
        # a name, not a series of words (宗旨·核心·追求, 花季·雨季)
        # nor a place or an organization named after a person (伯尔切斯库镇, 乔治·梅森|大学)
        if b - m.start("last") >= 1 and free(a, b) and b - a >= 4 and \
                translit_score(text[a:b].replace("·", "")) >= _TRANSLIT_MEAN and text[b - 1] not in _PLACE_ENDINGS \
                and (b >= len(text) or _may_follow_name(t, t.token_at(b)) or not t.is_boundary(b)):
            add(Mention(a, b, text[a:b], "dot_name", 0.85))

    # a work's title (《毛主席和牧羊人》) holds words, not people, as far as characters alone can tell
    in_work = bytearray(len(text) + 1)
    for w in _WORK_TITLE.finditer(text):
        in_work[w.start():w.end()] = b"\x01" * (w.end() - w.start())

    # 4. clause boundary + name + cue
    for m in _cue_re().finditer(text):
        for end in _cue_name_ends(text, m.start()):
            found = _name_before(t, end)
            if found is None and end == m.start() and m.group() in _POST_NAME_WORDS:
                # 是|彭真|同志
                found = _word_name_after_function_word(t, end)
            post_name = m.group() in _POST_NAME_WORDS
            # before a speech verb only at a clause's start: a break within the name's reach, or no need to look
            if found is None and end == m.start() and end >= 2 and t.is_boundary(end) and t.is_boundary(m.end()) \
                    and (post_name or end - _MAX_FOREIGN - 1 <= 0 or
                         not _BREAK_FREE.fullmatch(text, end - _MAX_FOREIGN - 1, end - 2)):
                # a name jieba does not know, or cuts in two, before 女士, 一行, 说… is read as before a title
                # (拉埃|女士, 松德|斯特伦|说); before a speech verb only at a clause's start
                found = _name_before_title(t, end)
                speech_inside = not post_name and found is not None and found > 0 and \
                    text[found - 1] not in er.BREAK_CHARS
                if found is not None and (in_work[found] or speech_inside):
                    found = None  # not inside a work's title (《特朗普宣布…》) either
            if found is not None and free(found, end) and name_like(text[found:end], GIVEN_MIN_CUE):
                add(Mention(found, end, text[found:end], "name_cue", 0.85))
                break

    # every occurrence of a name found so far is that person: weaker rules do not read it otherwise
    # (基奎特总统 is not 基|奎特总统)
    _link_found(t, mentions, free, add)

    # 5. a word of jieba's that reads as surname + given name: one its dictionary tags as a name (钱其琛, 傅抱石)
    # or one its HMM made (胡绳, 袁茂堂), judged by its characters and by what stands after it
    common = lexicons.words("surnames_common")
    words = t.tokens
    zone_suffixes = _zone_suffixes()
    weak_surnames = er.weak_surnames()
    # this pass over the words also finds the few each later rule looks at: a word's tag is read once, from
    # the memo where it is there (a function call per word per rule was most of the stage's time)
    work_endings = tuple(_person_works())
    memo = er._TAG_MEMO
    works_at: list[int] = []  # a name-tagged word or one ending with a doctrine (5b)
    titled_at: list[int] = []  # a name-tagged word of 2-4 characters (7)
    split_at: list[int] = []  # a one-character name-tagged word (5c)
    foreign_at: list[int] = []  # a word of 2-6 characters tagged nr, nrt or unknown (8)
    for k, (s, e, w) in enumerate(words):
        n = len(w)
        tg = memo.get(w) or er.tag(w)
        if tg in _NAME_TAGS:
            (split_at if n == 1 else works_at).append(k)
            if 2 <= n <= 4:
                titled_at.append(k)
        elif n > 3 and w.endswith(work_endings):
            works_at.append(k)
        if tg in _FOREIGN_TAGS and 2 <= n <= 6:
            foreign_at.append(k)
        # both readings below need 2-4 characters starting with a surname: test that first, it rules
        # out most words before the costlier context tests
        if in_work[s] or not 2 <= n <= 4:
            continue
        surname = er.surname_of(w)
        if not surname:
            continue
        # a lone character before is rather the start of the name (丁|薛祥) or of a word (上|海)
        before = words[k - 1][2] if k > 0 else ""
        lone = k > 0 and len(before) == 1 and er.HAN.match(before) is not None and \
            not er.stops_phrase(before) and er.tag(before) not in ("v", "p", "c", "d")
        if lone:
            continue
        if k > 0 and before.endswith(zone_suffixes):
            continue  # a zone's own name after its kind (国家4a级旅游区|牛姆林)
        # a surname that is mostly a verb or a preposition (花, 向) needs a clause end or a cue after it
        weak = surname in weak_surnames and not _name_end_ok(t, e) and not er.is_name_tag(w)
        if 2 <= len(w) <= 4 and not weak and free(s, e) and _bare_name(w, common) and _may_follow_name(t, k + 1):
            third = _third_given_char(t, k) if len(w) == 2 and er.tag(w) == "x" else None
            if third is not None and free(e, third):
                add(Mention(s, third, text[s:third], "unknown_word_name", 0.6))
            else:
                add(Mention(s, e, w, "dictionary_name" if er.tag(w) != "x" else "unknown_word_name", 0.65))
        elif len(w) == 3 and er.tag(w) == "x" and er.tag(w[2]) in ("v", "p", "d") and free(s, e - 1) and \
                _bare_name(w[:2], common):
            add(Mention(s, e - 1, w[:2], "unknown_word_name", 0.6))  # the HMM glued a verb on (王磊|胜)
        elif len(w) == 3 and not weak and free(s, e) and _subject_name(t, k, common):
            add(Mention(s, e, w, "unknown_word_name", 0.6))

    # 5b. a dictionary name before its doctrine or writings, in one word of jieba's or the next ones
    # (邓小平理论, 马克思主义, 邓小平|党建|理论)
    works = _person_works()
    for k in works_at:
        s, _e, w = words[k]
        if in_work[s] or not er.surname_of(w):
            continue
        for n in (3, 2, 4):
            if len(w) < n:
                break
            name = w[:n]
            rest = w[n:]
            if not (er.is_name_tag(name) and len(name) > len(er.surname_of(name)) and free(s, s + n)):
                continue
            if rest:
                owned = rest in works
            else:  # the name is the word: the doctrine follows, maybe after one noun (党建)
                nxt = [x[2] for x in words[k + 1:k + 3]]
                owned = bool(nxt) and (nxt[0] in works or (
                    len(nxt) == 2 and nxt[1] in works and er.tag(nxt[0]) in ("n", "j", "l", "vn", "nz")))
            if owned and name not in _non_person_words() and name_like(name, dictionary=True):
                add(Mention(s, s + n, name, "name_works", 0.8))
                break

    # 7b. a name jieba does not know right before a title word, at a clause boundary or after a function
    # word: surname + typical given-name characters (李振成局长, 李铁|辰校长) or a transliteration (素林外长,
    # 拉特纳|亚克议长)
    for m in title_matches:
        if not (t.is_boundary(m.start()) and t.is_boundary(m.end())) or m.start() < 2:
            continue
        found = _name_before_title(t, m.start())
        if found is not None and free(found, m.start()):
            add(Mention(found, m.start(), text[found:m.start()], "name_title", 0.75))

    # 7. a dictionary name right before a title word (特朗普总统, 普京总统)
    for k in titled_at:
        s, e, w = words[k]
        # a transliteration of three characters or more the dictionary holds as a name needs no more than
        # some of the typical sound before a title (基里延科总理): its tag already says it is a name
        m = _title_re().match(text, e)
        if m is None or not t.is_boundary(m.end()) or not free(s, e):
            continue  # the title first: most name-tagged words have none after them
        foreign = _tagged_translit(w) and not er.surname_of(w)
        # a transliteration before 市长, 州长… is the place it heads (波士顿市长)
        if w not in _non_person_words() and w not in _world_places() and \
                len(w) - len(er.surname_of(w)) >= 1 and (foreign or name_like(w, dictionary=True)) and \
                not _inside_translit(t, k) and _freq_table().get(w, 0) < 5000 and w[-1] not in _NOT_IN_NAME and \
                not (m.group()[0] in _PLACE_ENDINGS and not er.surname_of(w)):
            add(Mention(s, e, w, "name_title", 0.8))

    # 5c. a surname jieba cut from a given name it knows as a word (袁|步兵, 朱|力行, 江|宏伟), with a
    # clause boundary or a function word before and a name's end after
    for k in split_at:
        s, e, w = words[k]
        if k + 1 >= len(words) or w in weak_surnames or not er.surname_of(w) or in_work[s]:
            continue
        _s2, e2, given = words[k + 1]
        if len(given) != 2 or not free(s, e2):
            continue
        if _split_name(t, k):
            add(Mention(s, e2, text[s:e2], "split_name", 0.6))

    # 5d. a Chinese name with a function character jieba's HMM glued before it (当许|传音, 以朴普熙|为)
    for k in foreign_at:
        s, e, w = words[k]
        if (w[0] not in _GLUED_BEFORE and w[0] != "以") or in_work[s] or er.tag(w) != "x":
            continue
        end = _glued_name_end(t, s + 1)
        # 以 opens idioms (以武养武, 以史鉴今) but also 以X为团长: only before 为
        if end is not None and free(s + 1, end) and (w[0] != "以" or text[end:end + 1] == "为"):
            add(Mention(s + 1, end, text[s + 1:end], "glued_name", 0.6))

    # 8. a transliterated name jieba knows as a name (克林顿, 基里延科) or made of typical transliteration
    # characters, standing where a person does: not a known place, nothing of a place or an organization
    # after it, and a verb, a post-name cue or word, a title or a clause end after it
    for k in foreign_at:
        s, e, w = words[k]
        if in_work[s] or not free(s, e):
            continue
        if _foreign_bare(t, k):
            add(Mention(s, e, w, "foreign_word_name", 0.7))

    # 8b. a Japanese family name, alone or with a given name, where a person stands (桥本首相, 小泉纯一郎说)
    for m in _japanese_surname_re().finditer(text):
        s = m.start()
        if in_work[s] or not t.is_boundary(s) or not free(s, m.end()):
            continue
        end = _japanese_name_end(t, s, m.end())
        if end is not None and free(s, end):
            add(Mention(s, end, text[s:end], "japanese_name", 0.7))

    # 6. names listed with a found one (王沪宁、丁薛祥、杨晓渡)
    found_names = {m.name for m in mentions}
    for m in _NAME_LIST.finditer(text):
        items = [(x.start() + m.start(), x.end() + m.start()) for x in re.finditer(f"[{CJK}·]+", m.group())]
        # the list's closing 等/等人 is not part of its last name (阳安江等)
        a, b = items[-1]
        for closing in ("等人", "等"):
            if text[a:b].endswith(closing) and b - a - len(closing) >= 2:
                items[-1] = (a, b - len(closing))
                break
        known = sum(text[a:b] in found_names for a, b in items)
        if not known:
            continue
        # two names known make the list one of people: a rarer given-name character is taken (高严)
        floor = GIVEN_MIN_CUE if known >= 2 else GIVEN_MIN
        for a, b in items:
            name = text[a:b]
            if free(a, b) and er.surname_of(name) and _plausible_name(name) and name_like(name, floor):
                add(Mention(a, b, name, "name_list", 0.8))

    # 9. names joined by 、, 和, 与 or 及 to a found one (宋双、周森古沙和方炳祯; 奥登西亚和保拉)
    _coordinated_names(t, mentions, free, add)

    return _link(t, mentions)


_JOINERS = "、和与及"


def _list_item_name(t: Text, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, an item of a list of people, reads as a name on its characters."""
    name = t.text[start:end]
    if not (t.is_boundary(start) and t.is_boundary(end)) or _ALL_HAN.fullmatch(name) is None:
        return False
    if name in _non_person_words() or name in _world_places() or name in _place_forms():
        return False
    if any(c in _NOT_IN_NAME for c in name) or name[-1] in _PLACE_ENDINGS or name in er.titles() or \
            name[-1] in _GROUP_ENDINGS:
        return False
    # an item of several words holds no place (伦敦|希斯罗)
    k = t.token_at(start)
    while k < len(t.tokens) and t.tokens[k][0] < end:
        piece = t.tokens[k][2]
        if t.tokens[k][1] - t.tokens[k][0] < end - start and (er.tag(piece) == "ns" or piece in _place_forms()):
            return False
        k += 1
    surname = er.surname_of(name)
    if surname and len(name) - len(surname) in (1, 2) and _plausible_name(name) and \
            name_like(name, GIVEN_MIN_CUE):
        return True
    return 2 <= len(name) <= _MAX_FOREIGN and er.tag(name) in ("x", "nr", "nrt", "nrfg") and \
        translit_score(name) >= _TRANSLIT_MEAN


def _item_end_ok(t: Text, end: int) -> bool:
    """A list's item may end here: at a joiner, where a name may end, or before a function word, a verb, a
    number or an idiom (曾秀君|以, 赫里斯坚科|两名, 布拉特|势均力敌) that is no place's or organization's end."""
    text = t.text
    if end >= len(text) or text[end] in _JOINERS or _name_end_ok(t, end):
        return True
    if not t.is_boundary(end):
        return False
    k = t.token_at(end)
    return er.tag(t.tokens[k][2])[:1] in ("p", "c", "d", "v", "m", "u", "f", "i") and _may_follow_name(t, k)


def _coordinated_names(t: Text, mentions: list[Mention], free: Callable[[int, int], bool],
                       add: Callable[[Mention], None]) -> None:
    """Items of a list one of whose items is a found name: the item after it (up to the next joiner or a
    name's end) and the item before it (from a token boundary after the joiner before it), read as names
    on their characters."""
    text = t.text
    queue = sorted(((m.start, m.end) for m in mentions if m.rule != "name_works"), reverse=True)
    seen: set[tuple[int, int]] = set()
    while queue:
        a, b = queue.pop()
        if (a, b) in seen:
            continue
        seen.add((a, b))
        # the item after: 2-6 characters from b + 1 to a token boundary where a name may end
        if b < len(text) - 1 and text[b] in _JOINERS:
            start = b + 1
            for end in range(start + 2, min(len(text), start + _MAX_FOREIGN) + 1):
                if free(start, end) and _item_end_ok(t, end) and _list_item_name(t, start, end):
                    add(Mention(start, end, text[start:end], "name_coordinated", 0.7))
                    queue.append((start, end))
                    break
        # the item before: ending at a - 1, starting after a joiner, a break or a token boundary
        if a > 2 and text[a - 1] in _JOINERS:
            end = a - 1
            for start in range(end - 2, max(0, end - _MAX_FOREIGN) - 1, -1):
                before = text[start - 1] if start > 0 else "\n"
                opens = before in _JOINERS or before in er.BREAK_CHARS or not er.HAN.match(before) or \
                    er.stops_phrase(t.tokens[t.token_at(start - 1)][2])
                if free(start, end) and opens and _list_item_name(t, start, end):
                    add(Mention(start, end, text[start:end], "name_coordinated", 0.7))
                    queue.append((start, end))
                    break


#: a player's shirt number before the name (7号穆勒); not a date's day (5月12号)
_SHIRT_NUMBER = re.compile(r"(?<![0-9０-９月])[0-9０-９]{1,2}号")
_WORK_TITLE = re.compile(r"《[^《》\n]{1,40}》")
_DOT_NAME = re.compile(rf"[{CJK}](?P<first_end>)·(?:(?:(?![和与及])[{CJK}]){{1,10}}·)*(?P<last>)[{CJK}]")
_PHOTO_CREDIT = re.compile(rf"(?:^|(?<=[。\s）)]))(?P<name>[{CJK}]{{2,3}})\s?摄(?=\s*$|\s*[）)]|\s)", re.M)
_NAME_LIST = re.compile(rf"(?:[{CJK}·]{{2,12}}、){{1,20}}[{CJK}·]{{2,12}}")


@cache
def _role_credit_re() -> re.Pattern[str]:
    roles = "|".join(re.escape(r) for r in lexicons.longest_first(lexicons.words("byline_roles")
                                                                  | lexicons.words("staff_roles")) if len(r) > 1)
    # a list of names holds no role word: 记者孟梅实习生夏冬梅 is two credits, read as titles before names;
    # a dateline's reporters before 报道 (本报巴黎5月25日电记者刘正学、果永毅报道：): a credit inside the line
    name = rf"(?:(?!{roles})[{CJK}]){{2,8}}"
    return re.compile(rf"(?:^|(?<=[\s：:（(电讯]))(?P<credit>本版|本报|本刊)?(?P<role>{roles})\s*[：:]?\s*"
                      rf"(?P<names>{name}(?:[、，\s]{name})*)(?=\s*$|\s*[）)。]|报道[：:])", re.M)


@cache
def _bracket_credit_part_re() -> re.Pattern[str]:
    roles = "|".join(re.escape(r) for r in lexicons.longest_first(lexicons.words("byline_roles")))
    # the media before a role opens no role itself (（实习生李泽玲记者金融） is not one credit)
    media = rf"(?:(?!{roles})[{CJK}]){{0,12}}?"
    return re.compile(rf"(?<=[（(、，\s])\s*(?P<credit>{media}(?:{roles}))\s*(?P<name>[{CJK}]{{2,3}}?)"
                      rf"\s*(?:整理|摄)?\s*(?=[、，）)\s])")


@cache
def _bracket_credits_re() -> re.Pattern[str]:
    """A bracketed group made only of credits: media + role + name, joined by 、."""
    part = _bracket_credit_part_re().pattern.replace("(?P<credit>", "(?:").replace("(?P<name>", "(?:")
    return re.compile(rf"[（(](?:{part}[、，\s]?)+[）)]")


@cache
def _credit_roles() -> frozenset[str]:
    return lexicons.words("byline_roles") | lexicons.words("staff_roles")


def _role_is_title(role: str) -> bool:
    """Credits that name a job (记者, 本版编辑) are titles; tasks (制图, 统筹) are not."""
    return role in lexicons.words("byline_roles") or role.endswith(("编辑", "编"))


def _name_list(t: Text, start: int, end: int) -> list[tuple[int, int]]:
    """Names in a credit's list; glued Chinese names (沈亦伶李姿阅) are split on surnames."""
    out = []
    for m in re.finditer(f"[{CJK}]+", t.text[start:end]):
        a, b = start + m.start(), start + m.end()
        while a < b:
            if b - a in (2, 3) or (b - a == 4 and er.surname_of(t.text[a:a + 2]) in er.compound_surnames()):
                cut = b
            elif b - a >= 5 and er.surname_of(t.text[a + 3:a + 4]):
                cut = a + 3
            elif b - a >= 4 and er.surname_of(t.text[a + 2:a + 3]):
                cut = a + 2
            else:
                break
            name = t.text[a:cut]
            # a surname the lexicon lacks (郅振璞, 果永毅) where jieba's dictionary knows the whole name
            if not ((er.surname_of(name) or (cut == b and er.is_name_tag(name))) and _plausible_name(name)):
                break
            out.append((a, cut))
            a = cut
    return out


def _dot_name_start(t: Text, left: int, dot: int) -> int:
    """Start of the part before the first · of a foreign name: after a break, a title or a stop word."""
    text = t.text
    start = dot - 1
    while start > 0 and dot - start < 8 and er.HAN.match(text[start - 1]):
        if t.is_boundary(start):
            prev = t.tokens[t.token_at(start - 1)]
            if prev[1] == start and (er.stops_phrase(prev[2]) or prev[2] in er.titles() or _ordinary(prev[2])
                                     or _title_re().fullmatch(prev[2]) or _nationality(prev[2])):
                break
            m = _title_before(t, start)
            if m is not None:
                break
        start -= 1
    return start


@cache
def _place_forms() -> frozenset[str]:
    from .places import _lexicon

    return frozenset(_lexicon()[1])


_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_FOREIGN_TAGS = frozenset({"nrt", "nr", "x"})


@cache
def _place_feature_endings() -> frozenset[str]:
    """One-character endings the places stage reads as a natural feature or a locality (熊壁|岩, 三清|湖):
    a name on weak evidence does not end with one."""
    from .places import _SUFFIX_TUPLE

    return frozenset(x for x in _SUFFIX_TUPLE if len(x) == 1)


@cache
def _units() -> frozenset[str]:
    return frozenset(r["unit"] for r in lexicons.table("units"))


#: verbs and prepositions that put a place after them (在|科索沃, 抵达|帕塔亚), not a person
_PLACE_BEFORE = frozenset({"在", "到", "赴", "于", "至", "从", "往", "抵", "抵达", "访问", "前往", "来到", "进入"})


def _foreign_bare(t: Text, k: int) -> bool:
    """Whether token ``k`` is a transliterated name standing alone: jieba tags it as a name or it is an
    unknown run of typical transliteration characters, it is no known place, unit or non-person word, it
    is not a piece of a longer transliteration, and a post-name cue, a follower (和, 在, 的…), a title or
    a verb comes after it."""
    s, e, w = t.tokens[k]
    tag = er.tag(w)
    if tag not in ("nrt", "nr", "x") or not er.HAN.match(w) or (tag == "x" and len(w) < 3):
        return False
    ts = translit_score(w)
    # two characters are as often an ordinary word (奥秘, 科普): they need the typical sound throughout
    if ts < (_TRANSLIT_TWO if len(w) == 2 else _TRANSLIT_MEAN) and not (len(w) > 2 and _tagged_translit(w)):
        return False
    surname = er.surname_of(w)
    if surname and tag != "nrt" and given_score(w[len(surname):]) > ts:
        return False  # reads as a Chinese name: the rules above judge it
    if er.tag(w[0]) in ("c", "p", "d") and tag == "x":
        return False  # a conjunction glued to a name (但|葛菲)
    if w in _non_person_words() or w in _world_places() or w in _place_forms() or w in _units() or \
            any(c in _NOT_IN_NAME for c in w) or w[-1] in _GROUP_ENDINGS or not _may_follow_name(t, k + 1):
        return False
    text = t.text
    if s > 0:
        prev = text[s - 1]
        if prev.isdigit() or prev in "—-·．." or er.tag(prev) == "m":
            return False  # a currency after a number (1卢比), a part of a joined name (道—琼斯)
        if er.HAN.match(prev):
            before = t.tokens[k - 1][2]
            if before in _person_governors() and tag in ("nr", "nrt") and not text.startswith(_PLACES_AFTER, e):
                return True  # 提名|基里延科, 会见|克林顿|时: the object of a verb that takes a person
            if len(before) == 1 and not (er.stops_phrase(before) or er.tag(before) in ("v", "p", "c", "d")):
                return False  # a lone character before is the start of the word
            if before in _PLACE_BEFORE:
                return False
            if er.tag(before) in ("x", "nrt", "nr", "ns") and translit_score(before) >= _TRANSLIT_MEAN:
                return False  # the end of a longer transliteration (尤尔|科夫, 松德|斯特伦)
    if e >= len(text) or not er.HAN.match(text[e]):
        return False  # a clause end alone names places and things as often
    if er.starts_with_cue(text, e):
        return True
    if text.startswith(_PLACES_AFTER, e):
        return False  # 曼彻斯特等地
    # 的 and a plain verb follow a drug, a brand or a region as well (芬太尼的制造, 芬太尼具有); so does a
    # one-character follower after a verb or a modifier (指定|芬太尼|为, 非法|芬太尼|及)
    if text[e] == "的" and tag in ("nr", "nrt") and _person_word_at(t, e + 1) and not _inside_translit(t, k):
        return True  # a name jieba's dictionary holds, before 的 and a post or a relative (基里延科的总理提名)
    if text[e] in er.name_followers() and text[e] != "的":
        before = t.tokens[k - 1][2] if k > 0 and t.tokens[k - 1][1] == s else ""
        return not before or not er.HAN.match(before) or er.tag(before)[:1] not in ("v", "a", "d", "b")
    m = _title_re().match(text, e)
    if m and t.is_boundary(m.end()):
        return True
    # a name jieba's dictionary holds as a person's, opening a clause before a verb, an adverb or a time
    # (布拉特|当选, 罗纳尔多|今天): a drug or a region there is a word of another tag
    if tag in ("nr", "nrt") and (s == 0 or text[s - 1] in er.BREAK_CHARS) and k + 1 < len(t.tokens):
        nxt = t.tokens[k + 1][2]
        # … or a count of times (费尔南德斯|多次)
        return (er.tag(nxt)[:1] in _SUBJECT_NEXT_TAGS and (len(nxt) > 1 or er.tag(nxt)[:1] == "d") and
                nxt not in _thing_verbs()) or (er.tag(nxt) == "m" and len(nxt) > 1 and er.HAN.match(nxt[0]) is not None)
    return False


def _tagged_translit(w: str) -> bool:
    """A word jieba's dictionary tags as a name that sounds transliterated, if less throughout than an unknown
    one must (基里延科), and ends with a typical character (not 高尔夫|球)."""
    return er.tag(w) in ("nr", "nrt") and len(w) >= 3 and translit_score(w) >= _TRANSLIT_TAGGED and \
        is_translit_char(w[-1])


def _inside_translit(t: Text, k: int) -> bool:
    """Whether token ``k`` goes on a transliteration the token before it starts (马奈|海姆, 扎|琳娜)."""
    s = t.tokens[k][0]
    if k == 0 or t.tokens[k - 1][1] != s or not er.HAN.match(t.text[s - 1]):
        return False
    before = t.tokens[k - 1][2]
    if len(before) == 1:
        return is_translit_char(before) and not er.stops_phrase(before)
    return er.tag(before) in ("x", "nrt", "nr", "ns") and translit_score(before) >= _TRANSLIT_MEAN


def _person_word_at(t: Text, pos: int) -> bool:
    """Whether a title, a person noun or a form of address starts at ``pos`` and ends a word of jieba's."""
    text = t.text
    for pattern in (_title_re(), _person_noun_re(), _address_re()):
        m = pattern.match(text, pos)
        if m and t.is_boundary(m.end()) and m.end() > pos:
            return True
    return False


@cache
def _person_governors() -> frozenset[str]:
    return lexicons.words("person_governors")


@cache
def _thing_verbs() -> frozenset[str]:
    return lexicons.words("thing_verbs")


#: tags of the word after a transliterated name opening a clause: a verb, an adverb, a time word
_SUBJECT_NEXT_TAGS = ("v", "d", "t")


@cache
def _japanese_surname_re() -> re.Pattern[str]:
    forms = lexicons.longest_first(lexicons.words("surnames_japanese"))
    # a lookahead of the first characters lets the engine skip the other positions at once
    firsts = "".join(sorted({f[0] for f in forms}))
    return re.compile(f"(?=[{re.escape(firsts)}])(?:" + "|".join(re.escape(f) for f in forms) + ")")


def _japanese_name_end(t: Text, start: int, surname_end: int) -> int | None:
    """End of a Japanese name from a family name at ``start``: the family name and up to three characters
    of a given name, ending where a name may end (a title, a cue, a follower, a clause end) and nothing of
    a place or an organization after it; with a clause boundary, a function word, a verb or a title before."""
    text = t.text
    if start > 0 and er.HAN.match(text[start - 1]):
        before = t.tokens[t.token_at(start - 1)][2]
        if not (er.stops_phrase(before) or er.tag(before) in ("v", "p", "c", "d", "uj", "ul") or
                _title_before(t, start) is not None or before in er.countries()):
            return None
    for end in range(min(len(text), surname_end + 3), surname_end - 1, -1):
        given = text[surname_end:end]
        if given and _freq_table().get(text[surname_end - 1:surname_end + 1], 0) >= _COMPOUND_FREQ:
            continue  # a word runs across the family name's end (大|平台)
        if given and (er.org_suffix_pattern().match(given) or given[0] in _PLACE_ENDINGS):
            return None  # the family name is a place's or an organization's name (中山大学, 中山市)
        if not given and er.tag(text[start:end]) not in ("n", "nr", "nrt", "nrfg", "nz", "x"):
            return None  # the family name alone is a word of another kind here (山下 = below the hill)
        if given and (_ALL_HAN.fullmatch(given) is None or
                      any(c in _NOT_IN_NAME or c in er.name_followers() for c in given) or
                      _title_re().search(given) or any(er.starts_with_cue(text, i) for i in range(surname_end, end))):
            continue
        if not (t.is_boundary(end) and _name_end_ok(t, end)):
            continue
        name = text[start:end]
        if name in _place_forms() or name in _non_person_words() or name[-1] in _PLACE_ENDINGS:
            return None
        if end < len(text) and not _may_follow_name(t, t.token_at(end)):
            return None
        return end
    return None


#: last characters of a people, a language or a team, not of a person (巴勒斯坦人, 荷兰籍)
_GROUP_ENDINGS = frozenset("人族语籍队军党")
#: what closes a list of places (伦敦及曼彻斯特等地)
_PLACES_AFTER = ("等地", "等国", "等城市", "等省", "等市")

#: the mean transliteration score a two-character word needs to stand alone as a foreign name
_TRANSLIT_TWO = -0.2


def _nationality(word: str) -> bool:
    """A country + 人 (荷兰人): a person's nationality before the name, no part of it."""
    return len(word) > 2 and word.endswith("人") and word[:-1] in er.countries()


#: … and buildings and towns (黄鹤楼, 张飞庙, 卢浮宫, 罗滕堡)
_PLACE_ENDINGS = frozenset("村镇乡县市区省州山河湖江路街岛港庄寨屯沟湾桥楼庙阁殿塔堡宫")


def _bare_name(w: str, common: frozenset[str]) -> bool:
    """Whether a whole jieba word is a name with no other evidence than its characters."""
    surname = er.surname_of(w)
    if not surname or len(w) == len(surname) or not _plausible_name(w):
        return False
    if w[-1] in _PLACE_ENDINGS or w[-1] in _NOT_NAME_END:
        return False  # 乔庄村, 凤岗岭, 杜氏, 胡老
    tag = er.tag(w)
    given = w[len(surname):]
    if surname in er.weak_surnames() and er.tag(given) not in ("x", "nr", "nrfg", "nrt") and not (
            tag == "x" and len(w) == 2 and surname in common and er.tag(surname) in ("r", "v") and
            given_score(given) >= _GIVEN_TYPICAL):
        # a conjunction or adverb before a word (和|勇毅, 常|有人): no name on its characters alone; but a
        # surname that is also a pronoun or a verb (何, 顾) before a most typical given-name character
        # (何|伟, 顾|俊) in one word of the HMM's is a name
        return False
    if len(w) == 4 and len(surname) == 1 and tag != "nrfg":
        return False  # four characters with a single surname are an idiom (年富力强)
    freq = _freq_table()
    head = w[:2]
    if len(w) >= 3 and ((freq.get(head, 0) >= _COMPOUND_FREQ and not er.is_name_tag(head))
                        or freq.get(given, 0) >= _COMPOUND_FREQ):
        return False  # a word made on a frequent one (纪念|章, 宣传|周) or surname + a noun (吴|先生, 王|太守)
    if w in _world_places():
        return False  # 莫斯科 in a dateline
    given_chars = [_name_chars().get(c, _UNLISTED) for c in given]
    if sum(g[1] for g in given_chars) > sum(g[0] for g in given_chars) + len(given):
        return False  # sounds transliterated (莫斯科, 贝鲁特): a place as often as a person, so not bare
    if tag in ("nr", "nrfg"):
        # a frequent word the dictionary tags as a name but made of a surname character and a common noun
        # is a compound noun (雷|阵雨, 红|树林); a name is rare as a whole (许银川) or its given name is rare
        # as a noun (胡|锦涛, 温|家宝)
        if er.tag(given) == "n" and freq.get(w, 0) >= _COMPOUND_NOUN_FREQ and \
                freq.get(given, 0) >= _COMPOUND_NOUN_FREQ // 2:
            return False
        return len(w) >= 3 and name_like(w, dictionary=True)  # jieba's two-character names are words (文明)
    if tag != "x":
        return False
    if len(w) == 2:  # two characters jieba's HMM joined are a name only with a common surname and a typical
        return surname in common and given_score(w[1:]) >= _GIVEN_TWO  # given character (叶光, not 马协)
    # three characters the HMM joined on a common surname are the commonest shape of a Chinese name: a rarer
    # given-name character is taken (梅方权, 宋心莲), not a numeral (贝恩四), nor a surname character doubled
    # into a word (周周开), nor a rare surname that is mostly a noun (为|国存史)
    if len(w) == 3 and surname in common and surname not in er.weak_surnames() and given[0] != surname and \
            not any(er.tag(c) == "m" for c in given) and w[-1] not in _place_feature_endings():
        return name_like(w, GIVEN_MIN_CUE)
    return name_like(w)


#: last characters of a surname-initial word that make it a place, a clan or a form of address
_NOT_NAME_END = frozenset("岭寺营坞氏老某人石鱼")
#: how often a surname + noun word tagged as a name must be in jieba's dictionary to be a compound noun
_COMPOUND_NOUN_FREQ = 100
#: how often a word must be in jieba's dictionary to make a longer word rather than a name
_COMPOUND_FREQ = 300
#: a given-name character this typical makes a name even on a surname that is also a pronoun or a verb
_GIVEN_TYPICAL = 1.0
#: the given-name character of a two-character name jieba did not know
_GIVEN_TWO = -1.2


def _name_before_title(t: Text, end: int) -> int | None:
    """Start of a name of one or two words of jieba's that ends at ``end`` (where a title starts), with a
    clause boundary or a function word before it."""
    text = t.text
    k = t.token_at(end - 1)
    for first in (k, k - 1):
        if first < 0:
            break
        start = t.tokens[first][0]
        name = text[start:end]
        if not 2 <= len(name) <= _MAX_FOREIGN or _ALL_HAN.fullmatch(name) is None:
            continue
        pieces = [w for _s, _e, w in t.tokens[first:k + 1]]
        # a word the dictionary knows as no name is no part of one (国务院|总理, 北京|市长, 法国|前|总理); but
        # jieba's dictionary tags a few three-character names as time words (周恩来/t)
        timed = len(pieces) == 1 and len(name) == 3 and er.tag(name) == "t" and er.surname_of(name) in _common()
        if not timed and any((er.tag(w) not in ("x", "nr", "nrt", "nrfg", "ns") and
                              (len(w) > 1 or er.tag(w) in _NOT_GIVEN_TAGS)) or w in _place_forms() for w in pieces):
            continue
        if name in _non_person_words() or name in _world_places() or name in _place_forms() or \
                any(c in _NOT_IN_NAME for c in name) or name[-1] in _PLACE_ENDINGS or name[-1] in _GROUP_ENDINGS:
            continue
        surname = er.surname_of(name)
        if start > 0 and er.HAN.match(text[start - 1]):
            before = t.tokens[first - 1][2]
            # an organization or a place may stand before a Chinese name and its title (中学|李铁辰校长)
            if not (er.stops_phrase(before) or er.tag(before) in ("v", "p", "c", "d", "uj", "ul") or (
                    len(name) == 3 and len(surname) == 1 and len(before) > 1 and er.tag(before) in ("n", "nt", "ns"))):
                continue
        if surname and len(name) - len(surname) in (1, 2):
            if surname not in er.weak_surnames() and _plausible_name(name) and name_like(name, GIVEN_MIN_CUE):
                return start
        elif (not surname or er.tag(name) == "nrt" or translit_score(name) > given_score(name[len(surname):])) \
                and translit_score(name) >= (_TRANSLIT_MEAN if len(name) > 2 else _TRANSLIT_TWO):
            return start
    return None


def _glued_name_end(t: Text, start: int) -> int | None:
    """End of a Chinese name of two or three characters at ``start`` (right after a glued function character),
    ending where jieba ends a word, before a name's end, a clause end or a verb; typical given-name characters."""
    text = t.text
    for length in (3, 2):
        end = start + length
        name = text[start:end]
        surname = er.surname_of(name)
        if end > len(text) or len(surname) != 1 or not t.is_boundary(end) or not _plausible_name(name):
            continue
        # not a surname character repeated in a phrase (以武养武)
        if (length == 2 and surname in er.weak_surnames()) or not name_like(name, GIVEN_MIN_CUE) or \
                er.tag(name[-1])[:1] in ("u", "p", "c", "d") or \
                name[-1] in _PLACE_ENDINGS or name[-1] in _NOT_NAME_END or surname in name[1:]:
            continue
        nxt = t.tokens[t.token_at(end)][2] if end < len(text) else ""
        if end < len(text) and not (_name_end_ok(t, end) or text[end] in er.BREAK_CHARS or _verb_at(t, end) or
                                    (len(nxt) > 1 and er.tag(nxt) == "d")):
            continue
        if end < len(text) and not _may_follow_name(t, t.token_at(end)):
            continue
        return end
    return None


@cache
def _common() -> frozenset[str]:
    return lexicons.words("surnames_common")


def _split_name(t: Text, k: int) -> bool:
    """Whether token ``k`` (one surname character jieba reads as a name's piece) and the two-character word
    after it are one name: typical given-name characters, no title, form of address or place after the
    surname, a clause boundary or a function word before, and a cue, a follower or a title after."""
    text = t.text
    s, _e, w = t.tokens[k]
    _s2, e2, given = t.tokens[k + 1]
    name = w + given
    # the surname must be a word of its own that jieba reads as a name's piece (蒋/nr), not an adjective,
    # a classifier or a country's short form (高|国债, 张|门票, 罗|政府)
    if er.tag(w) not in ("nr", "nrfg") or not _plausible_name(name) or not er.HAN.match(given):
        return False
    if given in er.titles() or given in _address_forms() or given in er.person_cues():
        return False  # 温|先生 is a form of address
    if given[-1] in _PLACE_ENDINGS or given[-1] in _NOT_NAME_END:
        return False
    if given_score(given) < _GIVEN_SUBJECT or er.tag(given)[:1] in ("c", "p", "d", "r", "u", "m", "q", "f"):
        return False
    if s > 0 and er.HAN.match(text[s - 1]):
        before = t.tokens[k - 1][2]
        if len(before) == 1 and not (er.stops_phrase(before) or er.tag(before) in ("v", "p", "c", "d")):
            return False
        if er.tag(before) in ("x", "nrt", "nr", "ns") and translit_score(before) >= _TRANSLIT_MEAN:
            return False  # inside a transliteration (雷西斯|滕|西亚)
    # a clause end after the two words is no evidence (清渭如带|陈|军容|”): a cue, a follower or a title is
    if e2 >= len(text) or not er.HAN.match(text[e2]):
        return False
    if given_score(given) >= GIVEN_MIN_CUE and (er.starts_with_cue(text, e2) or text[e2] in er.name_followers()):
        return True
    m = _title_re().match(text, e2)
    if given_score(given) >= GIVEN_MIN_CUE and m and t.is_boundary(m.end()):
        return True
    # at a clause's start, a verb or an adverb after the two words makes them its subject (袁|步兵|本人,
    # ，朱|力行|已经, 由吴|天明|执导): rarer given-name characters are taken there, as for an unknown word
    opens = s == 0 or text[s - 1] in er.BREAK_CHARS or t.tokens[k - 1][2] in _BEFORE_NAME
    if opens and k + 2 < len(t.tokens):
        nxt = t.tokens[k + 2][2]
        return len(nxt) > 1 and (er.tag(nxt)[:1] in ("v", "d") or nxt in _SELF_WORDS)
    return False


#: words that stand right after a person's name to stress it is that person (袁步兵本人)
_SELF_WORDS = frozenset({"本人", "自己"})


def _subject_name(t: Text, k: int, common: frozenset[str]) -> bool:
    """Whether token ``k``, three characters jieba's HMM made on a common surname, is a name with rarer
    given-name characters (黄小目, 张作玺) where it stands as a clause's subject: at the clause's start, with a
    post-name cue, a follower other than 的, or a verb after it."""
    text = t.text
    s, e, w = t.tokens[k]
    surname = er.surname_of(w)
    if er.tag(w) != "x" or len(surname) != 1 or surname not in common or w[1] == surname:
        return False
    if s > 0 and er.HAN.match(text[s - 1]):
        return False
    if any(er.tag(c) == "m" for c in w[1:]) or w[-1] in _PLACE_ENDINGS or w[-1] in _NOT_NAME_END or \
            w[-1] in _place_feature_endings() or not _plausible_name(w) or given_score(w[1:]) < _GIVEN_SUBJECT:
        return False
    if e >= len(text) or not er.HAN.match(text[e]) or not _may_follow_name(t, k + 1):
        return False
    if er.starts_with_cue(text, e) or (text[e] in er.name_followers() and text[e] != "的"):
        return True
    nxt = t.tokens[k + 1][2] if k + 1 < len(t.tokens) else ""
    return len(nxt) > 1 and er.tag(nxt) in ("v", "vn")


#: the weakest given-name character a name standing as a clause's subject may have (小目, 作玺)
_GIVEN_SUBJECT = -4.0


#: tags of a character that is rather the next word than the last of a given name (再, 对, 连忙…)
_NOT_GIVEN_TAGS = ("v", "d", "p", "c", "r", "u", "m", "f", "y", "q")


def _third_given_char(t: Text, k: int) -> int | None:
    """End of a three-character name whose last character jieba's HMM cut from a two-character word
    (高允|连|独立, 张少|农等|领导): the character is no function word or verb, it scores as a given-name
    character with the other, and a name may end after it. None when the two characters stand alone."""
    text = t.text
    _s, e, w = t.tokens[k]
    if e >= len(text) or k + 1 >= len(t.tokens) or _name_end_ok(t, e):
        return None
    c = text[e]
    nxt = t.tokens[k + 1][2]
    # 之 ends given names (李培之, 侯御之) where a name's end or a verb follows, not a noun (王明之子)
    zhi = c == "之"
    if not er.HAN.match(c) or (not zhi and (c in _NOT_IN_NAME or er.tag(c).startswith(_NOT_GIVEN_TAGS))):
        return None
    if _freq_table().get(text[e:e + 2], 0) >= _COMPOUND_FREQ:
        return None  # the character opens a word with the next one (刘谦|参|与)
    if not (len(nxt) == 1 or (len(nxt) == 2 and nxt[1] in er.name_followers())):
        return None
    if given_score(w[1:] + c) < GIVEN_MIN_CUE or not _plausible_name(w if zhi else w + c):
        return None
    end = e + 1
    after = t.tokens[k + 2] if len(nxt) == 1 and k + 2 < len(t.tokens) else None
    if _name_end_ok(t, end) or (after is not None and len(after[2]) > 1 and er.tag(after[2]) in ("v", "p")):
        return end
    return None


def _may_follow_name(t: Text, k: int) -> bool:
    """Whether token ``k`` may follow a name: anything but what makes the name part of a place or an
    organization's name (乔庄|村, 龙翔|集团) or the start of a longer name."""
    if k >= len(t.tokens):
        return True
    w = t.tokens[k][2]
    if not er.HAN.match(w[0]):
        return w[0] != "·"
    if w[0] in _PLACE_ENDINGS or w in er.org_suffix_kinds() or er.org_suffix_pattern().match(w):
        return False
    # jieba's other proper nouns (nz) are as often words it tags oddly (闻讯, 深明): the suffix tests decide
    return er.tag(w) not in ("ns", "nt") and not (len(w) == 1 and er.tag(w) == "x")


def _clause_word(t: Text, k: int, after: bool = False) -> bool:
    """Whether token ``k`` may stand next to a name: punctuation, a function word, a verb (叫, 是), a title;
    after a name not the end of a place (乔庄|村)."""
    if k < 0 or k >= len(t.tokens):
        return True
    w = t.tokens[k][2]
    if not er.HAN.match(w[0]) or w[0] in er.BREAK_CHARS:
        return True
    if after and w[0] in _PLACE_ENDINGS:
        return False
    if w in er.titles() or er.stops_phrase(w) or w in er.name_followers():
        return True
    tag = er.tag(w)
    if after:
        return tag in ("v", "p", "d", "c", "uj", "ul", "ud", "uz", "r", "f") or w in ("先生", "女士", "同志", "夫妇")
    return tag in ("v", "p", "d", "c", "uj", "ul", "r", "m", "q", "f")


def _freq_table() -> dict[str, int]:
    return segmenter().FREQ


def _cue_name_ends(text: str, cue_start: int) -> list[int]:
    ends = [cue_start]
    for adverb in er._ADVERBS:
        if text.startswith(adverb, cue_start - len(adverb)):
            ends.append(cue_start - len(adverb))
    return ends


def _name_before(t: Text, end: int) -> int | None:
    """Start of a surname-initial name ending at ``end`` with a clause boundary before it."""
    text = t.text
    for length in (3, 2, 4):
        start = end - length
        if start < 0:
            continue
        name = text[start:end]
        surname = er.surname_of(name)
        if not surname or len(name) - len(surname) not in (1, 2):
            continue
        before = text[start - 1] if start > 0 else "\n"
        if not (before in er.BREAK_CHARS or before in "和与及"):
            continue
        # a name on a surname that is mostly a function word (向|大家, 常|有人) must be one word of jieba's
        token = t.tokens[t.token_at(start)]
        if surname in er.weak_surnames() and not (er.is_name_tag(name) or
                                                  (token[0] == start and token[1] == end and er.tag(name) == "x")):
            continue
        # the cue must not be the end of a dictionary word (法律顾|问)
        last = t.tokens[t.token_at(end - 1)]
        if last[1] > end and er.tag(last[2]) != "x":
            continue
        if _plausible_name(name):
            return start
    return None


#: a run of Chinese characters with no break among them
_BREAK_FREE = re.compile(f"[{CJK}]*")
#: words written right after a person's name that name no one themselves (彭真同志, 布拉特先生)
_POST_NAME_WORDS = frozenset({"同志", "先生", "女士", "一行", "等人"})


#: function words a name may follow directly (是|彭真|同志, 对|项英|同志)
_BEFORE_NAME = frozenset("是对向给由同跟请让找据当和与")
#: function characters jieba's HMM glues to the name after them (当许|传音, 胜王磊); 以 too, but it opens
#: idioms (以史鉴今): see rule 5d
_GLUED_BEFORE = _BEFORE_NAME | frozenset("可但令托胜致把被将从")


def _word_name_after_function_word(t: Text, end: int) -> int | None:
    """Start of a name that is one word of jieba's ending at ``end`` (before 同志, 先生…) with a function
    word or a verb before it (是|彭真|同志, 对|项英|同志); not on a surname that is mostly a function word."""
    k = t.token_at(end - 1)
    start, e, w = t.tokens[k]
    if e != end or k == 0 or not 2 <= len(w) <= 3:
        return None
    surname = er.surname_of(w)
    if not surname or surname in er.weak_surnames() or len(w) == len(surname) or not _plausible_name(w):
        return None
    before = t.tokens[k - 1][2]
    # a function word jieba glued to the word before it counts too (这是|彭真|同志)
    if before in _BEFORE_NAME or (len(before) > 1 and er.tag(before) in ("v", "p", "c")) or (
            er.tag(before) == "x" and before[-1] in _BEFORE_NAME):
        return start
    return None


def _link_found(t: Text, mentions: list[Mention], free: Callable[[int, int], bool],
                add: Callable[[Mention], None]) -> None:
    """Every free occurrence of a name found so far, where a name may end, as a mention of it."""
    text = t.text
    for name in sorted({m.name for m in mentions}, key=len, reverse=True):
        a = text.find(name)
        while a >= 0:
            b = a + len(name)
            if free(a, b) and (_name_end_ok(t, b) or t.is_boundary(b)):
                add(Mention(a, b, name, "same_name", 0.9))
            a = text.find(name, b)


def _link(t: Text, mentions: list[Mention]) -> list[Match]:
    """Every occurrence of a found name, the last part of a foreign name and surname + title become
    mentions of the full name; titles are kept per mention."""
    text = t.text
    full_names = sorted({m.name for m in mentions}, key=len, reverse=True)
    short_of: dict[str, str] = {}
    for name in full_names:
        if "·" in name:
            last = name.rsplit("·", 1)[1]
            if len(last) >= 2:
                short_of.setdefault(last, name)
    for m in mentions:  # 特朗普 found on its own is 唐纳德·特朗普 where the article writes that
        if "·" not in m.name and m.name in short_of:
            m.name = short_of[m.name]
    by_span = {(m.start, m.end): m for m in mentions}
    spans = sorted(by_span)

    def covered(a: int, b: int) -> bool:
        i = bisect_right(spans, (a, len(text) + 1)) - 1
        for k in range(max(0, i - 3), min(len(spans), i + 4)):
            x, y = spans[k]
            if a < y and x < b:
                return True
        return False

    extra: list[Mention] = []
    # names are few per article: plain searches beat compiling a pattern per article
    forms = sorted([(n, n) for n in full_names] + list(short_of.items()), key=lambda kv: -len(kv[0]))
    seen: list[tuple[int, int]] = []
    for form, full in forms:
        a = text.find(form)
        while a >= 0:
            b = a + len(form)
            if not covered(a, b) and not any(a < y and x < b for x, y in seen) and \
                    (_name_end_ok(t, b) or t.is_boundary(b)):
                extra.append(Mention(a, b, full, "same_name", 0.9))
                seen.append((a, b))
            a = text.find(form, b)
    # surname + title (罗经理): one known person with that surname
    by_surname: dict[str, set[str]] = {}
    for name in full_names:
        if "·" not in name and er.surname_of(name):
            by_surname.setdefault(er.surname_of(name), set()).add(name)
    for surname, people in by_surname.items():
        if len(people) != 1:
            continue
        a = text.find(surname)
        while a >= 0:
            # 罗经理, and 丁阿姨 (a form of address, not a household: 郭家 is no mention of one person)
            m = _title_re().match(text, a + len(surname)) or _address_re().match(text, a + len(surname))
            if m:
                b = m.end()
                if not covered(a, b) and t.is_boundary(a) and t.is_boundary(b) and \
                        not (a > 0 and er.HAN.match(text[a - 1]) and text[a - 1] not in er.name_followers()):
                    extra.append(Mention(a, b, next(iter(people)), "surname_title", 0.8))
            a = text.find(surname, a + 1)
    all_mentions = sorted([*mentions, *extra], key=lambda m: m.start)
    # a credit's role after a name opens the next credit when a name follows it (记者杨莉通讯员王媛);
    # other titles after a name are that person's (江泽民主席叶利钦总统)
    credit_roles = _credit_roles()
    titled_starts = {m.start for m in mentions if m.rule == "title_name" and m.titles}
    # titles written right after a name (习近平总书记)
    for m in all_mentions:
        if m.rule == "surname_title":
            continue
        after = _title_re().match(text, m.end)
        # the title ends where jieba ends a word (特朗普总统|援引, not 总统府), and is not the title of the
        # next person (记者杨莉通讯员王媛: 通讯员 is 王媛's)
        if after and t.is_boundary(after.end()) and not (after.end() in titled_starts
                                                         and after.group() in credit_roles):
            m.titles.append(after.group())
        elif text[m.end:m.end + 1] == "，":
            m.titles.extend(_apposed_title(t, m.end + 1))
        elif (copula := _COPULA.match(text, m.end)) is not None:
            # 张三担任公司总经理，/ 张三是记者。: a clause that is only a title phrase after 是 or a verb of office
            m.titles.extend(_apposed_title(t, copula.end()))
    # a name found once as a full name is the name of the shorter mentions (罗经理 → 罗华民)
    # a doctrine's owner (邓小平理论) is a name written, not a person the article is about: the summary lists
    # the person only when some other mention names them
    return [Match(m.start, m.end, "PERSON", m.rule, m.score,
                  {"name": m.name, "titles": m.titles, **({"reference": True} if m.rule in _REFERENCE_RULES else {})})
            for m in all_mentions]


#: rules whose mentions name a person without making them one of the article's people
_REFERENCE_RULES = frozenset({"name_works"})


@Language.component("zhnews_people")
def people_component(doc: Doc) -> Doc:
    """People as ``doc.spans["people"]``: one span per mention [name, titles]."""
    credits = [(s.start_char, s.end_char, s._.info.get("name", s.text), s._.info.get("credit", ""))
               for s in doc.spans.get("credits", [])]
    text = doc_text(doc)
    set_spans(doc, "people", find_people(text, token_spans(doc), credits))
    return doc
