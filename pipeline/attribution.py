"""Speakers: who stands behind a speech verb or a quotation, read from what earlier stages found.

Pure helpers over a ``Context`` built once per ``Doc``: the people stage's mentions (``doc.spans["people"]``,
info ``name`` and ``titles``), the organizations stage's (``doc.spans["organizations"]``), the layout's
headings (an interview section's heading names its interviewee) and the jieba tokens (a cue must be a word,
not the first half of 说明书).

A speaker phrase ends right before the verb, once the words that may stand between are taken off
(lexicon ``speech_fillers``: 还, 也, 进一步, 普遍…; ``在…时``, ``对记者``, ``…地``). It is, in this order: a
person (or several joined by 和/与/、), with a title written after the name (王大燕研究员); a pronoun
(他/她 → the nearest person before; 他们 → the people named together before); an organization; a document
in 《》; a phrase ending in a speaker noun (lexicon ``speaker_heads``: 多位专家, 国家疾控局新闻发言人,
党的十九大报告), kept as written. A verb with no subject of its own (``…，表示``) takes the subject that
opens its sentence. Nothing else is a speaker: 据介绍, 研究表明 give no quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

from spacy.tokens import Doc

from . import lexicons
from .layout import Layout
from .segment import is_word
from .spans import doc_text, info_of, token_spans, token_starts

_CLAUSE_BREAK = "，,。！？!?；;：:“”「」『』（）()\n"
_SENTENCE_END = "。！？!?"
#: a clause that opens with a preposition has no subject of its own (对中共十八大胜利召开表示祝贺)
_PREPOSITION = re.compile(r"(?:对于|对|向|在|就|针对|关于|为|据|把)")
#: a speaker noun after these names several people
_PLURAL = re.compile(r"(?:多|几|数|诸|众|许多|不少|部分|一些|一批|各)")
#: an organization after these is where the speaker is, not who speaks (特朗普当天在白宫对记者表示)
_PLACE_PREPOSITIONS = frozenset("在于从到赴")
#: a person after these (and a short descriptor) is the one spoken to
_ADDRESSEE = re.compile(r"(?:对|向|跟|给)[^，,。；：]{0,6}$")
#: a date or time that opens a sentence before its subject (１９９４年江泽民总书记视察…时题词)
_TIME_PREFIX = re.compile(r"(?:[\d一二三四五六七八九〇零十]{2,4}年)?(?:[\d一二三四五六七八九十]{1,2}月)?"
                          r"(?:[\d一二三四五六七八九十]{1,3}日)?(?:[上中下]午|晚上?|凌晨|当天|当地时间)?")
#: the number of an item in a list before its subject (一、双方认为 / （二）双方同意 / 3.双方)
_ENUMERATOR = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])")
#: a news dateline before the first sentence (本报北京12月1日电（记者…）, 新华社北京12月1日电)
_DATELINE = re.compile(r"(?:本报|新华社|中新社)[^，。（(]{0,20}[电讯](?:[（(][^）)]{0,40}[）)])?"
                       r"(?:[ *]*(?:本报|新华社|中新社)?记者[^，,。：:“”]{1,24}?报道[：:])?")
#: a clause of time or occasion before the subject (众人大笑之后，黑老接着… / 会见前，习近平… / 十九大上，…)
_LEAD_CLAUSE = re.compile(r"[^，,。！？；：“”]{1,16}(?:之后|以后|之前|以前|后|前|时|之际|期间|上|中)[，,]")
#: 据披露的BBC内部备忘录 : how the document came to be known is not part of its name
_REPORTED = re.compile(r"据[\u4e00-\u9fff]{1,3}的")
#: the window searched back for the person a pronoun stands for
PRONOUN_WINDOW = 600


@dataclass(frozen=True)
class Speaker:
    name: str
    type: str  # person | organization | document | group | unnamed
    title: str | None
    start: int  # clean offsets of the words that name the speaker
    end: int


@dataclass
class Mention:
    start: int
    end: int
    name: str
    titles: tuple[str, ...] = ()


@dataclass
class Context:
    text: str
    people: list[Mention]
    orgs: list[Mention]
    token_starts: set[int]
    token_ends: set[int]
    headings: list[tuple[int, int]] = field(default_factory=list)  # heading blocks
    breaks: list[int] = field(default_factory=list)  # starts of bylines and other section ends
    speech_spans: list[tuple[int, int]] = field(default_factory=list)  # sorted; see add_speech
    _people_by_end: dict[int, list[Mention]] = field(default_factory=dict)
    _orgs_by_end: dict[int, Mention] = field(default_factory=dict)
    _people_starts: list[int] = field(default_factory=list)
    _token_start_list: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self._token_start_list:  # context_for gives the Doc's, sorted already
            self._token_start_list = sorted(self.token_starts)
        _link_names(self.people)
        self.people.extend(_short_references(self.text, self.people))
        self.people.sort(key=lambda m: (m.start, m.end))
        # a mention without titles takes those the article gives the same person elsewhere
        titles: dict[str, tuple[str, ...]] = {}
        for m in self.people:
            if m.titles:
                titles.setdefault(m.name, m.titles)
        for m in self.people:
            if not m.titles and m.name in titles:
                m.titles = titles[m.name]
            self._people_by_end.setdefault(m.end, []).append(m)
        for m in self.orgs:
            self._orgs_by_end.setdefault(m.end, m)
        self._people_starts = [m.start for m in self.people]

    def is_cue(self, start: int, end: int) -> bool:
        """A speech verb that is a word of its own: it ends where a token ends and starts where one starts
        (or where a token that ends with it starts: jieba writes 董贵|蛟表示)."""
        if end not in self.token_ends and end != len(self.text):
            return False
        if start in self.token_starts or start in self._people_by_end:
            return True  # a name that ends where the verb starts (任建|新说: jieba's 新说 is a word)
        # the token holding the verb's start begins earlier: accept when that token ends with the verb and
        # is a name glued to it (董贵|蛟表示), not a word of the dictionary that ends with it (演讲, 顾问)
        j = start + 1
        while j < end and j not in self.token_ends:
            j += 1
        if j != end:
            return False
        i = bisect_right(self._token_start_list, start) - 1
        if i < 0:
            return True
        head = self.text[self._token_start_list[i]:start]
        # 普遍认为, 纷纷表示 are words too, made of a filler and the verb
        return head in _fillers() or not is_word(head + self.text[start:end])

    def verb_ending_at(self, end: int) -> tuple[int, int] | None:
        """A speech verb that ends at ``end``, after the fillers that may follow it (说道, 表示称)."""
        verbs = _verbs()
        for length in range(min(_max_verb_len(), end), 0, -1):
            if self.text[end - length:end] in verbs and self.is_cue(end - length, end):
                return end - length, end
        return None

    def people_ending(self, end: int) -> list[Mention]:
        return self._people_by_end.get(end, [])

    def org_ending(self, end: int) -> Mention | None:
        return self._orgs_by_end.get(end)

    def person_starting_in(self, start: int, end: int) -> Mention | None:
        i = bisect_left(self._people_starts, start)
        if i < len(self.people) and self.people[i].start < end:
            return self.people[i]
        return None

    def people_named_in(self, start: int, end: int) -> dict[str, Mention]:
        """The people whose mention starts in [start, end) outside reported speech, by name, first mention kept."""
        named: dict[str, Mention] = {}
        person = self.person_starting_in(start, end)
        while person is not None:
            if not self.in_speech(person.start):
                named.setdefault(person.name, person)
            person = self.person_starting_in(person.start + 1, end)
        return named

    def add_speech(self, start: int, end: int) -> None:
        """Mark reported speech as found: names inside it are not candidates for a later pronoun."""
        insort(self.speech_spans, (start, end))

    def in_speech(self, pos: int) -> bool:
        i = bisect_right(self.speech_spans, (pos, len(self.text) + 1)) - 1
        # spans rarely nest (a direct quote inside reported speech): a few steps back are enough
        return any(a <= pos < b for a, b in self.speech_spans[max(0, i - 3):i + 1])

    def person_before(self, pos: int) -> Mention | None:
        """The nearest person mentioned before ``pos`` (outside quoted speech), within a window."""
        i = bisect_right(self._people_starts, pos) - 1
        while i >= 0 and self.people[i].start >= pos - PRONOUN_WINDOW:
            m = self.people[i]
            if m.end <= pos and not self.in_speech(m.start):
                return m
            i -= 1
        return None

    def interviewee(self, pos: int) -> Speaker | None:
        """The person a heading above ``pos`` names (``北京服务外包企业协会理事长钟明博`` above an
        interview), while no byline or newer heading closed that section."""
        best: Mention | None = None
        best_at = -1
        for hs, he in self.headings:
            if hs >= pos:
                break
            inside = [m for m in self.people if hs <= m.start and m.end <= he]
            # the heading is the person: a title and the name it ends with (not 数据来源：…制图：李姿阅)
            if (len({m.name for m in inside}) == 1 and not self.text[inside[-1].end:he].strip(" *\u3000")
                    and not any(c in self.text[hs:inside[-1].start] for c in "：:，,。")):
                best, best_at = inside[0], hs  # a heading with a subtitle below it still names the person
        if best is None or any(best_at < b < pos for b in self.breaks):
            return None
        return _person(best)


def _link_names(people: list[Mention]) -> None:
    """A short form of a foreign name that is one part of exactly one fuller name in the article
    (哈瓦莱 → 本伊莎·哈瓦莱) is that person."""
    full = {m.name for m in people if "·" in m.name}
    if not full:
        return
    parts: dict[str, set[str]] = {}
    for name in full:
        for part in name.split("·"):
            if len(part) >= 2:
                parts.setdefault(part, set()).add(name)
    for m in people:
        owners = parts.get(m.name)
        if owners is not None and len(owners) == 1 and m.name not in full:
            m.name = next(iter(owners))


#: 老罗, 小王 : a surname after 老/小 names a person the article names in full
_OLD_YOUNG = re.compile(r"[老小]([\u4e00-\u9fff])")


@cache
def _title_word_re() -> re.Pattern[str]:
    """Any title word (罗|经理, 单|支书, 习|主席 after a surname)."""
    return re.compile(f"(?:{lexicons.alternation('titles')})")


def _short_references(text: str, people: list[Mention]) -> list[Mention]:
    """Mentions by surname and title (罗经理, 习主席) or 老/小 and surname (老罗) of a person the article
    names in full, when exactly one person there has that surname. They let pronouns and speakers reach the
    person (GUIDE: resolve 罗经理 to the full name)."""
    by_surname: dict[str, set[str]] = {}
    for m in people:
        if 2 <= len(m.name) <= 4 and "·" not in m.name and "\u4e00" <= m.name[0] <= "\u9fff":
            by_surname.setdefault(m.name[0], set()).add(m.name)
    if not by_surname:
        return []
    taken = sorted((m.start, m.end) for m in people)
    starts = [a for a, _ in taken]

    def free(a: int, b: int) -> bool:
        i = bisect_right(starts, b) - 1
        return i < 0 or not any(x < b and a < y for x, y in taken[max(0, i - 2):i + 1])

    out: list[Mention] = []
    for m in _OLD_YOUNG.finditer(text):
        names = by_surname.get(m.group(1))
        if names is not None and len(names) == 1 and free(m.start(), m.end()):
            out.append(Mention(m.start(), m.end(), next(iter(names))))
    # a surname right before a title word: only the few surnames of the article's people are looked for
    # and the titles tried after them (a pattern of any character before a title lookahead tried all the
    # titles at every character)
    titles = _title_word_re()
    at = sorted(i for surname, names in by_surname.items() if len(names) == 1 for i in _find_all(text, surname))
    for start in at:
        if titles.match(text, start + 1) is None:
            continue
        # a surname and title is written as one word: the character before must not join it (总罗经理)
        if start > 0 and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] not in "，、和与及的是":
            continue
        if free(start, start + 1):
            out.append(Mention(start, start + 1, next(iter(by_surname[text[start]]))))
    return out


def _find_all(text: str, sub: str) -> list[int]:
    """Every offset where ``sub`` (one character) stands in ``text``."""
    out = []
    i = text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def split_names(name: str) -> list[str]:
    """Two foreign names the people stage read as one (多萝西·奈斯比特和约翰·奈斯比特): each."""
    for joiner in ("和", "与", "及", "、"):
        if joiner in name:
            parts = name.split(joiner)
            if len(parts) == 2 and all("·" in p and len(p) >= 4 for p in parts):
                return parts
    return [name]


@cache
def _verbs() -> frozenset[str]:
    return lexicons.words("speech_verbs")


@cache
def _max_verb_len() -> int:
    return max((len(v) for v in _verbs()), default=1)


@cache
def _fillers() -> frozenset[str]:
    return lexicons.words("speech_fillers")


@cache
def _filler_re() -> re.Pattern[str]:
    fillers = lexicons.alternation("speech_fillers")
    cjk = "\u4e00-\u9fff"
    cjk_no_de = "\u4e00-\u7683\u7685-\u9fff"  # CJK but 的 (U+7684)
    return re.compile(
        rf"(?:{fillers}"
        rf"|在[^{_CLAUSE_BREAK}]{{1,30}}?(?:时|中|上|后|期间|之际|前|里)"
        rf"|接受[^{_CLAUSE_BREAK}]{{0,20}}采访时?"
        rf"|(?:对|向|跟|给)(?:本报|本台|新华社)?(?:记者|笔者|我们|我|他们|她们|他|她|大家|媒体)"
        rf"|(?:对|向|跟|给)(?:他|她|我|你)[{cjk}]{{1,2}}"
        rf"|[{cjk}]着"
        rf"|[（(][^（）()，,。]{{1,10}}[）)]"  # 王一（化名）说 / 王一（右）说
        # 美国政府24日表示, 澳联邦政府5月1日宣布, 安瓦尔20日晚在…时强调, 主席在1996年指出 : when it was said
        rf"|在?(?:[\d０-９]{{4}}年|(?:[\d０-９一二三四五六七八九十]{{1,2}}月)?[\d０-９一二三四五六七八九十]{{1,3}}日"
        rf"(?:[上中下]午|晚上?|凌晨)?)"
        rf"|通过[^{_CLAUSE_BREAK}]{{1,8}}"  # 政府通过电台宣布 : the channel
        rf"|[{cjk_no_de}]{{1,4}}地)$"  # not over 的 (握住记者们的手关切地说 : 手关切地 is the manner)
    )


@cache
def _heads() -> tuple[tuple[str, str], ...]:
    rows = [(r["head"], r["type"]) for r in lexicons.table("speaker_heads")]
    return tuple(sorted(rows, key=lambda r: len(r[0]), reverse=True))


@cache
def _pronouns() -> dict[str, str]:
    return {r["pronoun"]: r["number"] for r in lexicons.table("speaker_pronouns")}


@cache
def _openers_re() -> re.Pattern[str]:
    # no ``^``: ``Pattern.match(text, pos)`` anchors at ``pos`` already, and ``^`` would never match there
    return re.compile(f"(?:{lexicons.alternation('clause_openers')})+")


@cache
def _titles() -> tuple[str, ...]:
    return lexicons.ordered("titles")


@cache
def _title_set() -> frozenset[str]:
    return frozenset(_titles())


@cache
def _title_lengths() -> tuple[int, ...]:
    """The lengths of the titles, longest first (the order of ``_titles()``)."""
    return tuple(sorted({len(t) for t in _titles()}, reverse=True))


def context_for(doc: Doc) -> Context:
    def mentions(key: str) -> list[Mention]:
        out = []
        for span in doc.spans.get(key, []):
            info = info_of(span)
            if info.get("reference"):
                continue  # a doctrine's owner (邓小平理论) is no speaker
            out.append(Mention(span.start_char, span.end_char, info.get("name") or span.text,
                               tuple(info.get("titles") or ())))
        return out

    layout: Layout | None = (doc._.meta or {}).get("layout")
    headings = [(b.start, b.end) for b in layout.blocks if b.kind == "heading"] if layout else []
    breaks = [b.start for b in layout.blocks if b.kind in ("byline", "title")] if layout else []
    tokens, starts = token_spans(doc), token_starts(doc)
    return Context(doc_text(doc), mentions("people"), mentions("organizations"), set(starts),
                   set(map(itemgetter(1), tokens)), headings, breaks, _token_start_list=list(starts))


def _person(m: Mention, start: int | None = None, end: int | None = None) -> Speaker:
    title = "、".join(m.titles) if m.titles else None
    return Speaker(m.name, "person", title, m.start if start is None else start, m.end if end is None else end)


def clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in _CLAUSE_BREAK:
        i -= 1
    while i < pos and text[i] in " *":
        i += 1
    return i


def strip_fillers(text: str, start: int, end: int, protect: int | None = None) -> int:
    """Move ``end`` back over the words that may stand between a speaker and a speech verb; never into
    ``protect`` (the end of a name the clause opens with: 少安惊慌地问 keeps 少安 out of ``…地``)."""
    pattern = _filler_re()
    floor = max(start, protect or start)
    for _ in range(6):
        m = pattern.search(text, floor, end)
        if m is None or m.end() != end or m.start() == end:
            break
        end = m.start()
    return end


def speaker_before(ctx: Context, verb_start: int, floor: int) -> list[Speaker]:
    """The speaker(s) of a speech verb at ``verb_start``; ``floor`` bounds the search (paragraph start or
    the closing mark of the quotation the verb follows)."""
    text = ctx.text
    cs = clause_start(text, verb_start, floor)
    # 特朗普在社交媒体“真实社交”上发文称 : a short name in marks inside the clause does not end it (one that is
    # the whole subject, “非洲晴雨表”预计, is looked at below)
    while cs > floor and text[cs - 1] in "”」" and strip_fillers(text, cs, verb_start) > cs:
        open_at = text.rfind("“" if text[cs - 1] == "”" else "「", floor, cs - 1)
        if open_at < 0 or not _MARKED_NAME.fullmatch(text, open_at + 1, cs - 1):
            break
        cs = clause_start(text, open_at, floor)
    if cs > floor and text[cs - 1] in "）)":
        # 王一（化名）说 : a short note in brackets after the speaker's name is no clause break
        open_at = max(text.rfind("（", floor, cs - 1), text.rfind("(", floor, cs - 1))
        if open_at >= 0 and cs - 1 - open_at <= 11 and not any(c in text[open_at + 1:cs - 1] for c in "，,。") \
                and (ctx.people_ending(open_at)
                     or (ctx.org_ending(open_at) and strip_fillers(text, cs, verb_start) == cs)):
            # …石油输出国组织（欧佩克）4月14日宣布 : a body's short name, when nothing but fillers follows it (not
            # 阿拉伯国家联盟（阿盟）代表萨比赫…, whose subject comes after)
            cs = clause_start(text, open_at, floor)
    named = ctx.person_starting_in(cs, verb_start)
    end = verb_start
    while end > cs and text[end - 1] in " *\u3000":
        end -= 1  # **国际货币基金组织** 预计 : emphasis marks of a Markdown export (spaces once cleaned)
    end = strip_fillers(text, cs, end, named.end if named is not None and named.end < verb_start else None)
    words_of = _WORDS_OF.match(text, cs, verb_start)
    if words_of is not None:
        # 用王一的话说，“…” : whose words they are
        return _speaker_ending(ctx, words_of.start(1), words_of.end(1))
    heard = _HEARD.search(text, cs, end) if ctx.text[verb_start:verb_start + 1] in ("说", "讲") else None
    if heard is not None:
        # 我听老人的亲属们说，… : who was heard speaks, not who heard
        return _speaker_ending(ctx, heard.start(1), end)
    found = _speaker_ending(ctx, cs, end)
    # 专家警告说 / 朱邦造回答说 / 空客公司预测认为 : a verb after a speech verb of its own, whose speaker is the
    # phrase before both
    verb = ctx.verb_ending_at(end) if not found else None
    if verb is not None and verb[0] > cs:
        end = strip_fillers(text, cs, verb[0], named.end if named is not None and named.end < verb[0] else None)
        found = _speaker_ending(ctx, cs, end)
    if found:
        return found
    if end == cs and cs > floor and text[cs - 1] in "”」":
        marked = _name_in_marks(text, cs - 1, floor)
        if marked is not None:
            return [marked]
    # 徐义昭一板一眼地操着中文说 / 我连忙说 : the person the clause opens with
    found = [sp for sp in _subject_at(ctx, cs, end, sentence=False) if sp.type in ("person", "unnamed")]
    if found:
        return found
    if cs > floor and text[cs - 1] in "，," and no_subject(text, cs, end):
        # a verb with no subject of its own (…主张，表示… / …，就对马来花说) speaks for the subject its
        # sentence opens with
        s0 = floor
        for i in range(cs - 1, floor - 1, -1):
            if text[i] in _SENTENCE_END:
                s0 = i + 1
                break
        # …，他的老师卡尔·施泰勒有一次从美国回来，告诉学生，… : a person who opens the clause right before is the
        # subject the verb goes on with, nearer than the one the sentence opens with
        pcs = clause_start(text, cs - 1, s0) if cs - 1 > s0 else s0
        if pcs > s0 and text[pcs - 1] in "，,":
            near = [sp for sp in _subject_at(ctx, pcs, cs - 1, sentence=False)
                    if sp.type == "person" and sp.start >= pcs]
            if near:
                return near
        found = _subject_at(ctx, s0, cs)
        if not found and cs - 1 > s0:
            # 毋庸讳言，…，有些人对地方志工作并不看好，认为… : the subject of the clause right before
            pcs = clause_start(text, cs - 1, s0)
            if pcs > s0:
                found = [sp for sp in _subject_at(ctx, pcs, cs - 1) if sp.name != "我"]
        return found
    return []


#: 用X的话说 : X's words
_WORDS_OF = re.compile(r"(?:用|按|按照|照|借用)([^，,。；;：:“”]{1,20}?)的话来?$")
#: 听(到|见)X说 : the one heard, who says it
_HEARD = re.compile(r"(?<![打探])听(?:到|见)?([^，,。；;：:“”听]{1,14})$")


#: a name in quotation marks that stands as a subject (“非洲晴雨表”预计): short, no punctuation
_MARKED_NAME = re.compile(r"[^，,。！？!?；;：:、“”「」\n]{2,15}")


def _name_in_marks(text: str, close: int, floor: int) -> Speaker | None:
    """The name in quotation marks that closes at ``close`` and opens its clause (“非洲晴雨表”预计，…): a
    survey, programme or body named in marks speaks under that name."""
    open_at = text.rfind("“" if text[close] == "”" else "「", floor, close)
    if open_at < 0 or not _MARKED_NAME.fullmatch(text, open_at + 1, close):
        return None
    if open_at > floor and text[open_at - 1] not in _CLAUSE_BREAK and text[open_at - 1] not in " *":
        return None  # 支持率“持续下滑”预计… : a term inside the clause, not its subject
    return Speaker(text[open_at + 1:close], "organization", None, open_at, close + 1)


def no_subject(text: str, start: int, end: int) -> bool:
    """Whether a clause has no subject of its own: empty once openers and fillers are taken off, or
    opening with a preposition (对中共十八大胜利召开表示祝贺)."""
    m = _openers_re().match(text, start, end)
    if m is not None:
        start = m.end()
    return start >= end or _PREPOSITION.match(text, start, end) is not None


def _speaker_ending(ctx: Context, cs: int, end: int) -> list[Speaker]:
    text = ctx.text
    if end <= cs:
        return []
    # a person, or a person with a title written after the name (王大燕研究员, 基奎特总统)
    person = _person_ending(ctx, end)
    if person is not None and _ADDRESSEE.search(text, max(cs, person.start - 8), person.start):
        person = None  # 对辣女人马来花说: the person spoken to
    if person is not None:
        found = [person]
        at = person.start
        while True:  # A和B都认为 / A、B表示: one quote per person
            joiner = next((j for j in ("以及", "和", "与", "及", "、") if text[at - len(j):at] == j), None)
            if joiner is None:
                break
            other = _person_ending(ctx, at - len(joiner))
            if other is None:
                break
            found.insert(0, other)
            at = other.start
        return found
    etc = _ETC.search(text, cs, end)
    if etc is not None and etc.start() > cs:
        # 王一、李二等专家认为 : the people named before 等 speak, one quote each (GUIDE: A和B都认为)
        named = [sp for sp in _speaker_ending(ctx, cs, etc.start()) if sp.type == "person"]
        if named:
            return named
    for pronoun, number in sorted(_pronouns().items(), key=lambda kv: -len(kv[0])):
        if text[end - len(pronoun):end] == pronoun and text[end - len(pronoun) - 1:end - len(pronoun)] != "其":
            return resolve_pronoun(ctx, end - len(pronoun), end, number)
    org = ctx.org_ending(end)
    if org is not None and org.start >= cs and text[org.start - 1:org.start] not in _PLACE_PREPOSITIONS:
        return [Speaker(org.name, "organization", None, org.start, org.end)]
    if text[end - 1] == "》":
        open_at = text.rfind("《", cs, end)
        if open_at >= 0:
            return [Speaker(text[open_at + 1:end - 1], "document", None, open_at, end)]
    titled = _titled_person(ctx, cs, end)
    if titled is not None:
        return [titled]
    latin = _latin_speaker(ctx, cs, end)
    if latin is not None:
        return [latin]
    addressed = _surname_and_title(ctx, cs, end)
    if addressed is not None:
        return [addressed]
    for head, kind in _heads():
        if text[end - len(head):end] != head:
            continue
        start = cs
        # 新华社北京5月6日电外经贸部新闻发言人 : the dateline is no part of the speaker
        for pattern in (_DATELINE, _ENUMERATOR, _openers_re(), _REPORTED, _TIME_PREFIX):
            m = pattern.match(text, start, end)
            if m is not None and m.end() < end - len(head) + 1:
                start = m.end()
                if pattern is _TIME_PREFIX and text[start] == "的" and end - start > len(head) + 1:
                    start += 1  # 5月20日的巴黎国际援塔会议 : the day the meeting was held
        if text[start] == "据" and end - start > len(head):
            start += 1  # 据学者介绍 : the source is the scholar
        if text[start] == "有" and kind in ("role", "unnamed", "group") and (
                text.startswith(head, start + 1) or _PLURAL.match(text, start + 1)):
            start += 1  # 有分析师指出, 有不少专家认为 : 有 only says there are some (有的学者, 有位农民 stay)
        phrase = text[start:end]
        if kind == "document":
            publisher = _publisher(ctx, start, end - len(head))
            if publisher is not None:
                return [publisher]  # 王一发表声明称 : who published the statement speaks
        if kind == "document" and phrase.startswith("有"):
            return []  # 有评论说 : some commentary, no one named
        if kind == "document" and (titled := _TITLED_AS.search(phrase)) is not None:
            return [Speaker(titled.group(1), kind, None, start, end)]  # 这篇题为《危险的企图》的评论 → 危险的企图
        if kind == "document" and _TITLE_DETERMINER.sub("", phrase, count=1) == head:
            named = _named_document(text, head, start)  # 该命令 → 指定芬太尼为… of 名为“指定芬太尼为…”的行政命令
            if named is not None:
                return [Speaker(named, kind, None, start, end)]
        if kind == "data":
            # 财政部数据显示 / 国家统计局2017年6月的调查显示 : the named body whose data speaks; unnamed data
            # (数据显示, 研究表明) is nobody
            org = next((o for o in ctx.orgs if o.start == start and o.end < end), None)
            paper = re.search(r"《([^》]{1,20})》[^《》]{0,8}$", text[start:end - len(head)])
            if paper is not None and head == "报道":
                # 新华网…电（记者…）智利《信使报》5日报道称 : the paper named before 报道 reports, not the agency
                at = start + paper.start(1)
                return [Speaker(paper.group(1), "organization", None, at - 1, at + len(paper.group(1)) + 1)]
            if org is None:
                # POLITICO的分析指出 : a medium or body named in Latin script, which the organizations stage
                # may not know
                latin = _LATIN_NAME.match(text, start, end - len(head))
                if latin is not None and text[latin.end():end - len(head)] in ("", "的"):
                    return [Speaker(latin.group(), "organization", None, latin.start(), latin.end())]
            return [Speaker(org.name, "organization", None, org.start, org.end)] if org is not None else []
        if len(phrase) > 20 or (head == "我" and phrase != "我"):
            return []
        if phrase.startswith("的"):
            return []  # 发表“…”的告诫性文章，说… : a modifier cut off its noun phrase by the marks
        far = next((p for p in range(start + 1, end - len(head) - 8) if text[p] in "对向跟给"
                    and p in ctx.token_starts and text[p:p + 2] != "对外"), None)
        if far is not None and kind in ("unnamed", "group", "role"):
            # 胡锦涛对兵库县知事贝原俊民等负责人说 : the person before 对 speaks to them
            return [sp for sp in _speaker_ending(ctx, start, strip_fillers(text, start, far)) if sp.type == "person"]
        if kind == "subject":
            # 大家 speaks only as the whole subject (座谈会上，大家认为); 招呼大家说 / 告诉大家 make it the object
            if phrase != head:
                return []
            return [Speaker(phrase, "group", None, start, end)]
        if kind in ("unnamed", "group", "document", "organization"):
            told = _ADDRESSEE.search(text, max(start, end - len(head) - 8), end - len(head))
            if told is not None and told.start() in ctx.token_starts and text[told.start():told.start() + 2] != "对外":
                if kind in ("document", "organization") and told.start() > start:
                    # 社民党对内阁决定表示反对 : the decision is what the party speaks about; the party speaks
                    return _speaker_ending(ctx, start, strip_fillers(text, start, told.start()))
                return []  # 再一次向中国人民表示… / 他就对三机部负责人讲 : the people spoken to
        if kind == "role":
            if _ADDRESSEE.search(text, max(start, end - len(head) - 8), end - len(head)):
                return []  # 孙玉厚咄咄地对儿子说 : the son is spoken to
            # 顾客, 父亲, 记者: one person named by what they are, as written; an earlier 接受记者 or 假设父亲
            # is not a fuller name of the same person
            return [Speaker(phrase, "group" if _PLURAL.match(phrase) else "unnamed", None, start, end)]
        if phrase == head and len(head) >= 2 and kind != "group":
            fuller = _fuller_phrase(ctx, head, start)  # 会议 → 中央经济工作会议 named before
            if fuller is not None:
                return [Speaker(fuller, kind, None, start, end)]
        if kind == "unnamed" and _PLURAL.match(phrase):
            kind = "group"  # 多位专家, 部分代表: several people named as a group
        return [Speaker(phrase.replace("《", "").replace("》", ""), kind, None, start, end)]
    return _counted_person(ctx, cs, end) or _occupation(ctx, cs, end)


@cache
def _suffixes() -> tuple[frozenset[str], frozenset[str]]:
    rows = lexicons.table("speaker_suffixes")
    return (frozenset(r["entry"] for r in rows if r["kind"] == "suffix"),
            frozenset(r["entry"] for r in rows if r["kind"] == "not"))


def _occupation(ctx: Context, cs: int, end: int) -> list[Speaker]:
    """A short phrase ending in a word for a person by occupation (化妆师说, 策划者认为, 轮船设计者…对乘客说):
    the phrase as written, like a speaker noun of the lexicon (GUIDE: the phrase that names the speaker)."""
    text = ctx.text
    start = cs
    for pattern in (_DATELINE, _openers_re(), _TIME_PREFIX):
        m = pattern.match(text, start, end)
        if m is not None and m.end() < end:
            start = m.end()
    if not 2 <= end - start <= 12 or not all("\u4e00" <= c <= "\u9fff" for c in text[start:end]):
        return []
    i = bisect_right(ctx._token_start_list, end - 1) - 1
    word_start = ctx._token_start_list[i] if i >= 0 else start
    word = text[max(word_start, start):end]
    suffixes, stops = _suffixes()
    if len(word) < 2 or word[-1] not in suffixes or word in stops or any(word.endswith(s) for s in stops):
        return []
    if _PREPOSITION.match(text, start, end) or _ADDRESSEE.search(text, start, end) or ctx.in_speech(start) \
            or ctx.verb_ending_at(end) is not None or ctx.people_named_in(start, end):
        return []
    return [Speaker(text[start:end], "group" if _PLURAL.match(text, start, end) else "unnamed", None, start, end)]


#: one or a few people counted with a classifier for people (一位业务经理, 那位女士, 一名审判员, 两位老人), after
#: at most a modifier with 的 (中信公司的一位业务经理): whatever the noun, 位/名 count people
_COUNTED_PERSON = re.compile(r"(?:[^，,。；;：:“”]{1,14}的)?(一|这|那|该|另一|两|几|多|数)(?:位|名)"
                             r"[^，,。；;：:“”\d０-９着了却在把被对向给跟]{1,10}")


def _counted_person(ctx: Context, cs: int, end: int) -> list[Speaker]:
    """A person named by a classifier for people and a noun the speaker lexicon may not have (一位业务经理
    说, 一名审判员称): the phrase as written (GUIDE: 一位老人)."""
    text = ctx.text
    start = cs
    for pattern in (_openers_re(), _TIME_PREFIX):
        m = pattern.match(text, start, end)
        if m is not None and m.end() < end:
            start = m.end()
    m = _COUNTED_PERSON.fullmatch(text, start, end)
    # the phrase ends where a word ends (这位老|太太幽默地 is a filler cut into the noun)
    if m is None or _PREPOSITION.match(text, start, end) or _ADDRESSEE.search(text, start, end) \
            or ctx.in_speech(start) or (end not in ctx.token_ends and end != len(text)) \
            or ctx.verb_ending_at(end) is not None:  # 一位摊主抱怨说 : the phrase before both verbs speaks
        return []
    kind = "group" if m.group(1) in ("两", "几", "多", "数") else "unnamed"
    return [Speaker(text[start:end], kind, None, start, end)]


#: 等 after a list of names, with the noun for them (王一、李二等专家, 王一等人)
_ETC = re.compile(r"等(?:人|[\u4e00-\u9fff]{1,5})?$")


#: a name in Latin script (POLITICO, BBC, The Lancet): a medium, body or agency written as such
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9&.'\-]*(?: [A-Za-z0-9&.'\-]+){0,3}")


def _latin_speaker(ctx: Context, cs: int, end: int) -> Speaker | None:
    """A clause whose whole subject is a name in Latin script (POLITICO指出, 据BBC报道): that name, as an
    organization (people are named in Chinese script by the people stage)."""
    text = ctx.text
    start = cs
    m = _openers_re().match(text, start, end)
    if m is not None and m.end() < end:
        start = m.end()
    if text[start] == "据":
        start += 1
    latin = _LATIN_NAME.fullmatch(text, start, end)
    # a capital opens a name (BBC, Politico); lower-case Latin is a word (app显示, 用户app里)
    if latin is None or not text[start].isupper() or sum(c.isalpha() for c in latin.group()) < 2:
        return None
    return Speaker(latin.group(), "organization", None, start, end)


@cache
def _address_forms() -> tuple[str, ...]:
    return tuple(lexicons.longest_first(f for f in lexicons.words("address_forms") if len(f) >= 2))


def _surname_and_title(ctx: Context, cs: int, end: int) -> Speaker | None:
    """A surname with a title or a form of address right before the verb (法院办公室王主任向记者透露, 村里的
    李大爷说) of someone the article does not name in full: that person, as written (GUIDE: 罗经理 is resolved
    to the full name where the article gives it, which the people stage's short references do)."""
    text = ctx.text
    titles = _title_set()
    for n in (*_title_lengths(), *{len(f) for f in _address_forms()}):
        at = end - n - 1
        if n < 2 or at < cs or (text[at + 1:end] not in titles and text[at + 1:end] not in _address_forms()):
            continue
        # the surname starts a word (健康专家 is no 康专家)
        if text[at] in _common_surnames() and not ctx.in_speech(at) and (at in ctx.token_starts or at == cs):
            return Speaker(text[at:end], "unnamed", None, at, end)
    return None


@cache
def _common_surnames() -> frozenset[str]:
    return frozenset(s for s in lexicons.words("surnames_common") if len(s) == 1)


#: a determiner before a title that points back to the person who holds it (该总裁, 这位负责人)
_TITLE_DETERMINER = re.compile(r"(?:该|这位|那位|此)")


def _title_suffix(title: str) -> int:
    """The length of the longest title word a title ends with (BBC总裁 → 2, 副总裁 → 3), 0 for none."""
    titles = _title_set()
    return next((n for n in _title_lengths() if n <= len(title) and title[-n:] in titles), 0)


def _titled_person(ctx: Context, cs: int, end: int) -> Speaker | None:
    """A title without a name (BBC总裁在邮件中指出, 该总裁表示) that exactly one person of the article holds:
    that person (GUIDE: resolve 罗经理 to the full name). A title that is itself a speaker noun (记者, 发言人)
    stays as written, and a title two people hold (总统 of two countries) names nobody."""
    text = ctx.text
    start = cs
    pointed = False  # 该负责人 points back to one named before, even where 负责人 alone is a speaker noun
    for pattern in (_openers_re(), _TIME_PREFIX, _TITLE_DETERMINER):
        m = pattern.match(text, start, end)
        if m is not None and m.end() < end:
            start = m.end()
            pointed = pattern is _TITLE_DETERMINER
    phrase = text[start:end]
    suffix = _title_suffix(phrase)
    if suffix < 2 or len(phrase) > 16 or (phrase in _head_words() and not pointed) or not all(
            "\u4e00" <= c <= "\u9fff" or c.isalnum() for c in phrase):
        return None
    # the title a person holds ends with the phrase, and its own title word is no longer (副总裁 is not 总裁)
    holders = {m.name: m for m in ctx.people
               if any(t.endswith(phrase) and _title_suffix(t) <= len(phrase) for t in m.titles)}
    if len(holders) != 1:
        return None
    return _person(next(iter(holders.values())), start, end)


@cache
def _head_words() -> frozenset[str]:
    return frozenset(head for head, _ in _heads())


#: a document introduced by its title (这篇题为《X》的评论, 名为《X》的报告)
_TITLED_AS = re.compile(r"(?:题为|名为)[《“]([^》”]{1,40})[》”]的[\u4e00-\u9fff]{0,4}$")


#: a person or body publishing the document that then speaks (王一发表声明称, 外交部发布公报指出)
_PUBLISHES = re.compile(r"(?:[\d０-９一二三四五六七八九十]{1,3}日(?:[上下]午|晚上?)?)?"  # 外交部23日发表声明 : when
                        r"(?:发表|发布|发出|公布|签署|撰写)了?(?:[一两]?[份篇封项则])?[^，,。；;：:“”]{0,6}")


#: a place name written before an organization's (土耳其 of 土耳其外交部): CJK, no particle
_PLACE_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,6}(?<![的和与及在对向])")


def _publisher(ctx: Context, start: int, head_start: int) -> Speaker | None:
    """The person or organization that opens a document phrase and publishes the document (王一发表声明)."""
    person = ctx.person_starting_in(start, start + 1)
    named: Speaker | None = _person(person) if person is not None else None
    if named is None:
        org = next((o for o in ctx.orgs if o.start == start and o.end <= head_start), None)
        named = Speaker(org.name, "organization", None, org.start, org.end) if org is not None else None
        if org is None:
            # 土耳其外交部23日发表声明 : a country written before the body is part of its name (GUIDE)
            org = next((o for o in ctx.orgs if start < o.start <= start + 6 and o.end <= head_start
                        and _PLACE_PREFIX.fullmatch(ctx.text, start, o.start)), None)
            if org is not None:
                named = Speaker(ctx.text[start:org.end], "organization", None, start, org.end)
    if named is None or not _PUBLISHES.fullmatch(ctx.text, named.end, head_start):
        return None
    return named


#: how far back a bare document noun looks for the document's title
_NAMED_LOOKBACK = 2000


@cache
def _named_document_re(head: str) -> re.Pattern[str]:
    return re.compile(rf"(?:名为|题为|名叫|叫做)[“《「]([^”》」\n]{{2,40}})[”》」]"
                      rf"的[^，。；;\n]{{0,8}}?{re.escape(head)}")


def _named_document(text: str, head: str, before: int) -> str | None:
    """The title of the last document introduced as 名为/题为“X”的…<head> (or with 《X》) before a bare
    (该)<head>: the document speaks under its title (GUIDE: a document that speaks is named without its
    marks)."""
    last = None
    for m in _named_document_re(head).finditer(text, max(0, before - _NAMED_LOOKBACK), before):
        last = m
    return last.group(1) if last is not None else None


#: how many earlier occurrences of a bare speaker noun are looked at for its fuller phrase
_FULLER_LOOKBACK = 20


def _fuller_phrase(ctx: Context, head: str, before: int) -> str | None:
    """The nearest earlier phrase that opens a clause and ends with ``head`` and says more than it
    (国家疾控局新闻发言人 before a bare 发言人, 中央经济工作会议 before a bare 会议)."""
    text = ctx.text
    at = before
    for _ in range(_FULLER_LOOKBACK):
        at = text.rfind(head, 0, at)
        if at <= 0:
            return None
        cs = clause_start(text, at, max(0, at - 24))
        for pattern in (_openers_re(), _REPORTED, _TIME_PREFIX):
            m = pattern.match(text, cs, at)
            if m is not None:
                cs = m.end()
        phrase = text[cs:at + len(head)]
        if len(phrase) > len(head) and (cs == 0 or text[cs - 1] in _CLAUSE_BREAK or text[cs - 1] in " *"
                                        or cs != clause_start(text, at, max(0, at - 24))) \
                and all("\u4e00" <= c <= "\u9fff" or c.isalnum() for c in phrase):
            return phrase
    return None


def _person_ending(ctx: Context, end: int) -> Speaker | None:
    for m in ctx.people_ending(end):
        return _person(m)
    text = ctx.text
    # the titles ending at ``end``, longest first as in ``_titles()``: a lookup per length, not a
    # comparison per title
    titles = _title_set()
    for n in _title_lengths():
        if n >= 2 and text[end - n:end] in titles:
            for m in ctx.people_ending(end - n):
                return _person(m)
    return None


def _subject_at(ctx: Context, start: int, limit: int, sentence: bool = True) -> list[Speaker]:
    """The subject a sentence opens with: a pronoun, a person (titles before the name allowed, within the
    first clause; several listed one after the other are all the subject), an organization or a speaker
    noun. A clause that reads as a lead of time (…后，/…前，) is passed over, unless nothing after it is a
    subject: 王一来到跟前，说：“…” opens with its subject after all."""
    found = _subject_from(ctx, start, limit, sentence, lead=True)
    if not found and _LEAD_CLAUSE.search(ctx.text, start, limit):
        found = _subject_from(ctx, start, limit, sentence, lead=False)
    return found


def _subject_from(ctx: Context, start: int, limit: int, sentence: bool, lead: bool) -> list[Speaker]:
    text = ctx.text
    while start < limit and text[start] in " *":
        start += 1
    for pattern in (_DATELINE, _openers_re(), _TIME_PREFIX, _LEAD_CLAUSE):
        if pattern is _LEAD_CLAUSE and not lead:
            break
        m = pattern.match(text, start, limit)
        if m is not None and m.end() > start and pattern is _LEAD_CLAUSE and _person_then_at(ctx, start, m.end()):
            break  # 基奎特总统在当天的演讲中，… : the clause opens with its subject, it is no lead clause
        if m is not None and m.end() > start:
            start = m.end()
            while start < limit and text[start] in " *，,":
                start += 1
    titled = _titled_work_re().match(text, start, limit)
    if titled is not None and sentence:
        # 美英联合制作的纪录片《中国：X时代》，…指出 : the work speaks by its title
        return [Speaker(titled.group(1), "document", None, titled.start(1) - 1, titled.end(1) + 1)]
    first_clause_end = start
    while first_clause_end < limit and text[first_clause_end] not in _CLAUSE_BREAK:
        first_clause_end += 1
    for pronoun, number in sorted(_pronouns().items(), key=lambda kv: -len(kv[0])):
        if text.startswith(pronoun, start) and not text.startswith("的", start + len(pronoun)):
            # 他的老师卡尔·施泰勒 : a possessive is no subject, the person after it is
            return resolve_pronoun(ctx, start, start + len(pronoun), number)
    if text.startswith("我", start) and not text.startswith("我们", start) and not text.startswith("我国", start):
        return [Speaker("我", "unnamed", None, start, start + 1)]
    person = ctx.person_starting_in(start, min(first_clause_end, start + 30))
    if person is not None:
        head = _head_person(ctx, person, first_clause_end)
        between = text[start:person.start]
        if head is not person and not between:
            return [_person(head)]
        if not between or _is_title_prefix(between):
            return _person_chain(ctx, person, limit)
    if not sentence:
        return []
    for org in ctx.orgs:
        if org.start == start:
            # 中国长城工业总公司发言人已发表谈话，指出… : the body's spokesman or official, as written
            head = next(((h, kind) for h, kind in _heads() if kind in ("unnamed", "role", "group")
                         and text.startswith(h, org.end) and h != "我"), None)
            if head is not None:
                end = org.end + len(head[0])
                return [Speaker(text[start:end], "group" if head[1] == "group" else "unnamed", None, start, end)]
            return [Speaker(org.name, "organization", None, org.start, org.end)]
    for head, kind in _heads():
        if kind in ("organization", "group") and text.startswith(head, start) and head != "我":
            # 会议明确了…，强调… : a bare 会议 is the fuller 中央经济工作会议 named before, as after a verb
            fuller = _fuller_phrase(ctx, head, start) if kind == "organization" and len(head) >= 2 else None
            return [Speaker(fuller or head, kind, None, start, start + len(head))]
    # 全省经济工作会议对全年工作进行总结，指出… : a meeting or document named at the sentence start
    window = min(first_clause_end, start + 18)
    for head, kind in _heads():
        if kind in ("organization", "document") and len(head) >= 2:
            k = text.find(head, start + 1, window)
            # 重申坚持党的十一届三中全会以来的路线 : a clause that opens with a speech verb names no meeting as subject
            if k > start and all("\u4e00" <= c <= "\u9fff" for c in text[start:k]) and text[start] != "的" \
                    and not any(text.startswith(v, start) for v in _verbs() if len(v) >= 2):
                return [Speaker(text[start:k + len(head)], kind, None, start, k + len(head))]
    return []


def _person_then_at(ctx: Context, start: int, end: int) -> bool:
    """Whether a person named at ``start`` is followed, within ``end``, by 在 (王一总统在演讲中，)."""
    person = ctx.person_starting_in(start, start + 1)
    return person is not None and "在" in ctx.text[person.end:end]


#: a person followed by these acts on the later person, not modifies it
_NOT_MODIFIER = frozenset("对向跟给和与及把被同为让叫请朝替")


def _head_person(ctx: Context, first: Mention, limit: int) -> Mention:
    """In ``A…的B`` the subject is B (孔繁森逝世前就已经入党的孔玲接过照片 → 孔玲): a later person in the
    clause right after 的 is the head the first one only modifies."""
    text = ctx.text
    if first.end < limit and text[first.end] in _NOT_MODIFIER:
        return first  # 少安对抱负非凡的永合笑了笑 : a preposition makes the later person an object
    nxt = ctx.person_starting_in(first.end, limit)
    while nxt is not None:
        if nxt.start > 0 and text[nxt.start - 1] == "的" and not ctx.in_speech(nxt.start):
            return nxt
        nxt = ctx.person_starting_in(nxt.start + 1, limit)
    return first


@cache
def _titled_work_re() -> re.Pattern[str]:
    """A sentence that opens with a work named in 《》 after its kind (纪录片《…》, 白皮书《…》)."""
    kinds = sorted((h for h, kind in _heads() if kind == "document"), key=len, reverse=True)
    return re.compile(rf"[^{_CLAUSE_BREAK}《]{{0,16}}?(?:{'|'.join(map(re.escape, kinds))})《([^》\n]{{1,30}})》")


def _person_chain(ctx: Context, first: Mention, limit: int) -> list[Speaker]:
    """People listed one after the other as the subject (洪森，缅甸国务资政昂山素季，…德梅克在会上分别致辞):
    each next one follows a 、，和与及 and at most a title phrase."""
    text = ctx.text
    chain = [first]
    while True:
        at = chain[-1].end
        if at >= limit or text[at] not in "、，,和与及":
            break
        nxt = ctx.person_starting_in(at + 1, min(limit, at + 32))
        if nxt is None or any(c in text[at + 1:nxt.start] for c in "，,。；;：:“”"):
            break
        chain.append(nxt)
    seen: dict[str, Mention] = {}
    for m in chain:
        seen.setdefault(m.name, m)
    return [_person(m) for m in seen.values()]


def _is_title_prefix(text: str) -> bool:
    """Whether the words before a name are a title phrase (旷视科技党委书记、副总裁): they end in a title."""
    # 在会见…党员专家邓小平理论研究班… : a phrase of place or occasion is no title, whatever it ends with (对外友协
    # 会长 and a dateline 据新华社…电 before a title are)
    return any(text.endswith(t) for t in _titles() if len(t) >= 1) and not any(c in text for c in "，。；：") \
        and not text.startswith(("在", "陪同", "随同", "跟随", "会见", "接见", "看望"))  # 陪同…主席李瑞环 : an object


#: 在阿披实眼中， / 在他看来， : a view introduced by whose it is
VIEW_RE = re.compile(r"在([^，,。！？；：“”]{1,30}?)的?(?:眼中|眼里|看来|心中|心目中)[，,]")


def speaker_of_view(ctx: Context, m: re.Match[str]) -> list[Speaker]:
    """The speaker named in a ``VIEW_RE`` match: a person (title after the name allowed), a pronoun, an
    organization or a speaker noun."""
    return _speaker_ending(ctx, m.start(1), m.end(1))


def subject_after(ctx: Context, at: int, limit: int) -> list[Speaker]:
    """A named person who opens the clause at ``at`` (right after a quotation: ``”开罗大学教授塔利克由衷的话语``,
    ``”，习近平主席的报告引起…``, ``”在阿披实眼中，``); pronouns are not taken, since no speech verb
    confirms them."""
    text = ctx.text
    m = VIEW_RE.match(text, at, limit)
    if m is not None:
        return [sp for sp in speaker_of_view(ctx, m) if sp.type == "person"]
    end = at
    while end < limit and text[end] not in _CLAUSE_BREAK:
        end += 1
    return [sp for sp in _subject_at(ctx, at, end, sentence=False) if sp.type == "person" and sp.start >= at]


def sentence_subject(ctx: Context, pos: int, floor: int) -> list[Speaker]:
    """The person a sentence that ``pos`` stands in opens with (王成履职…，“90%…”)."""
    text = ctx.text
    s0 = floor
    for i in range(pos - 1, floor - 1, -1):
        if text[i] in _SENTENCE_END:
            s0 = i + 1
            break
    return [sp for sp in _subject_at(ctx, s0, pos, sentence=False) if sp.type == "person" and sp.start >= s0]


def speaker_of_clause(ctx: Context, pos: int, floor: int) -> list[Speaker]:
    """The speaker of a colon that introduces speech without a speech verb (他笑笑：“…”): the subject the
    sentence opens with, else a pronoun or person in the clause right before the colon."""
    text = ctx.text
    s0 = floor
    for i in range(pos - 1, floor - 1, -1):
        if text[i] in _SENTENCE_END or text[i] in "”」":
            s0 = i + 1
            break
    found = _subject_at(ctx, s0, pos)
    if found:
        return found
    cs = clause_start(text, pos, floor)
    if text.startswith("我", cs) and not text.startswith(("我们", "我国"), cs):
        # 因为这个插曲，我对…充满了敬意：“…” : the narrator opens the clause before the colon
        return [Speaker("我", "unnamed", None, cs, cs + 1)]
    for i in range(cs, pos):
        for pronoun, number in _pronouns().items():
            if number == "one" and text.startswith(pronoun, i) and not text.startswith(pronoun + "们", i):
                return resolve_pronoun(ctx, i, i + len(pronoun), number)
    person = ctx.person_starting_in(cs, pos)
    if person is not None:
        return [_person(person)]
    # 同样是在秋天，晚唐诗人许浑，傍晚登上清渭楼，…即兴作诗：“…” : the one person the sentence names, as a
    # subject (opening a clause or set off by a comma; not 鲁村蔡塘自然村, not in brackets)
    named = ctx.people_named_in(s0, pos)
    if len(named) != 1:
        return []
    person = next(iter(named.values()))
    opens = clause_start(text, person.start, s0)
    if text[person.end:person.end + 1] not in "，," and not (
            opens == person.start or _is_title_prefix(text[opens:person.start])):
        return []
    if text.count("（", floor, person.start) > text.count("）", floor, person.start):
        return []
    return [_person(person)]


#: characters before 先生/女士 that are no surname (的先生, 位女士)
_NOT_SURNAME = "的是了和与及在对向给位名这那各"


def _previous_paragraph_start(text: str, pos: int) -> int:
    """Where the last non-empty line before the line of ``pos`` starts (blank lines between are skipped)."""
    i = text.rfind("\n", 0, pos)
    if i < 0:
        return 0
    while i > 0 and text[i - 1] in " \t\u3000\n*":
        i -= 1
    return text.rfind("\n", 0, i) + 1


@cache
def _unnamed_np_re() -> re.Pattern[str]:
    """A person without a name: 一位/一名/这位…+ a person noun (一位印度记者, 这位老人), or surname + 先生/女士
    (崇先生)."""
    heads = [h for h, kind in _heads() if kind in ("role", "unnamed") and h != "我"]
    alternation = "|".join(re.escape(h) for h in lexicons.longest_first(heads))
    return re.compile(rf"(?:[一这那](?:位|名))[^{_CLAUSE_BREAK}]{{0,16}}?(?:{alternation})"
                      rf"|[\u4e00-\u9fff](?<![{_NOT_SURNAME}])(?:先生|女士)")


def unnamed_before(ctx: Context, floor: int, pos: int) -> Speaker | None:
    """The last unnamed person phrase between ``floor`` and ``pos``, outside quoted speech."""
    if pos - floor < 2:
        return None
    best: re.Match[str] | None = None
    for m in _unnamed_np_re().finditer(ctx.text, floor, pos):
        if not ctx.in_speech(m.start()):
            best = m
    if best is None:
        return None
    return Speaker(best.group(), "unnamed", None, best.start(), best.end())


#: a verb or preposition whose object is the person after it (同克林顿会谈, 会见了王一, 对他们说)
_OBJECT_OF = re.compile(r"(?:同|跟|向|对|给|会见|会晤|接见|看望|拜会|拜访|致电|宴请|陪同|邀请)了?"
                        r"[^，,。！？；;：:“”]{0,12}$")


def _subject_over_object(ctx: Context, m: Mention, floor: int) -> Speaker | None:
    """The person a sentence opens with, when the nearest person before a 他/她 is the object of that
    sentence's verb (桥本在今天晚上同美国总统克林顿进行电话会谈，他在…谈话中说 → 桥本): the pronoun goes on
    with the subject."""
    text = ctx.text
    s0 = floor
    for i in range(m.start - 1, floor - 1, -1):
        if text[i] in _SENTENCE_END:
            s0 = i + 1
            break
    subject = [sp for sp in _subject_at(ctx, s0, m.start, sentence=False) if sp.type == "person"]
    if len(subject) != 1 or subject[0].name == m.name or subject[0].end > m.start:
        return None
    if not _OBJECT_OF.search(text, subject[0].end, m.start):
        return None
    return subject[0]


def resolve_pronoun(ctx: Context, start: int, end: int, number: str) -> list[Speaker]:
    """他/她: the nearest person before. 他们: the people named together in the nearest sentence before
    that names several; otherwise the group as written."""
    text = ctx.text
    if number == "one":
        # 他/她 reaches no further back than the paragraph before (a person two paragraphs up is a new topic)
        floor = _previous_paragraph_start(text, start)
        m = ctx.person_before(start)
        if m is not None and m.start < floor:
            m = None
        if m is not None:
            subject = _subject_over_object(ctx, m, floor)
            if subject is not None:
                return [subject]
        # the window bounds the scan on a long paragraph with many pronouns (linear, not quadratic)
        unnamed = unnamed_before(ctx, max(m.end if m is not None else floor, start - PRONOUN_WINDOW), start)
        if unnamed is not None:
            return [unnamed]  # 读者崇先生…赶来。他说 / 一位印度记者…促使他反思: the nearer person has no name
        return [_person(m)] if m is not None else []
    # go back sentence by sentence within the paragraph
    para_start = text.rfind("\n", 0, start) + 1
    s_end = start
    while s_end > para_start:
        s_start = s_end - 1
        while s_start > para_start and text[s_start - 1] not in _SENTENCE_END:
            s_start -= 1
        names: dict[str, Mention] = {}
        for m in ctx.people:
            if s_start <= m.start and m.end <= s_end and not ctx.in_speech(m.start):
                names.setdefault(m.name, m)
        if len(names) >= 2:
            return [_person(m) for m in names.values()]
        if names:
            break
        s_end = s_start
    return [Speaker(text[start:end], "group", None, start, end)]
