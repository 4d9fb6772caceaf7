"""Figures: cardinal quantities with their unit, normalized for a spreadsheet.

A figure is a numeral (``pipeline.numbers``) with what makes it a quantity: a unit or classifier from
the lexicons (``units.tsv``, ``classifiers.txt``), a magnitude (13亿), a percent or fraction, a range
(400-600个, 四五百人) or a counted group (三大中心). The value folds 万/亿 in; the unit is as written after
the number (GUIDE); approximation words (``approx_words.tsv``) set ``approx``.

What a numeral must not be, and the general rule that says so:
- part of a date, a phone number or a URL: the dates and contacts stages claim the text first;
- an ordinal, a weekday or a code: a word of ``not_figure_contexts.tsv`` next to it, or Latin letters
  touching it (g20, 5G);
- part of an ordinary word or idiom (一直, 进一步, 之一, 统一, 十分, 三番五次): the segmenter's word
  around the numeral is a dictionary word that is not a numeral-classifier word;
- the determiner 一 (一个关键环节, 一批, 一系列): Chinese 一 with a classifier counts only where the
  sentence restricts or measures it (只有一个, 至少一册, 每一元, 一年后);
- a congress or event name (十九大): a counted group N大 counts only from two to ten and not after
  党的/中共.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicons
from .dates import find_dates
from .numbers import _CN_BODY as CN_NUMERAL_CHARS
from .numbers import APPROX_PAIR, NUMERAL, NumberError, parse_approx_pair, parse_fraction, parse_number, to_int_if_whole
from .segment import segmenter, word_tags
from .spans import Claimed, Match, doc_text, set_spans, token_starts

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CLAUSE_MARKS = "，。；！？：\n,;!?、"
_RANGE_SEP = r"(?:-|—|–|－|~|～|至|到)"
_MAGNITUDE = re.compile(r"[万亿萬億兆]")
BARE_MAGNITUDE = {"万": 1e4, "亿": 1e8}
#: the determiner 一 counts where one of these words stands right before it (two characters may come
#: between: 只生了一个, 各放一册)
_RESTRICTIVE = re.compile(r"(?:只|仅|至少|最少|最多|各|每|唯一|不到|不足|近|约|超过|历时|为期)[^，。；！？、\s]{0,2}$")
#: ... or where the unit is a time span that these words follow (一年后)
_DURATION_AFTER = ("后", "来", "以来", "多", "内", "之内", "半", "以后", "以前", "之后", "时间")
_TIME_UNITS = {"年", "个月", "周", "天", "个星期", "星期", "小时", "个小时", "分钟", "秒", "旬"}
#: jieba part-of-speech tags of dictionary words that are numerals or measure words
_NUMERAL_TAGS = {"m", "mq", "q"}
#: what may stand between 大 of a counted group and its noun, and what ends the noun
_GROUP_STOP = set("的了是在和及与等也都将已为把被对从向于就才而并或")


@dataclass(frozen=True)
class UnitInfo:
    kind: str
    factor: float
    currency: str | None


@cache
def units() -> dict[str, UnitInfo]:
    """Every unit and classifier, with its kind; classifiers are counts."""
    table: dict[str, UnitInfo] = {}
    for word in lexicons.words("classifiers"):
        table[word] = UnitInfo("count", 1.0, None)
    for row in lexicons.table("units"):
        try:
            factor = float(row.get("factor") or 1)
        except ValueError:
            factor = 1.0
        table[row["unit"]] = UnitInfo(row.get("kind") or "other", factor, row.get("currency") or None)
    return table


@cache
def approx_words() -> tuple[dict[str, str], dict[str, str]]:
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for row in lexicons.table("approx_words"):
        (prefix if row["position"] == "prefix" else suffix)[row["word"]] = row["approx"]
    return prefix, suffix


@cache
def not_figure_contexts() -> tuple[dict[str, str], dict[str, str]]:
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    for row in lexicons.table("not_figure_contexts"):
        (prefix if row["position"] == "prefix" else suffix)[row["word"]] = row["reason"]
    return prefix, suffix


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in lexicons.longest_first(words))  # type: ignore[arg-type]


@cache
def figure_re() -> re.Pattern[str]:
    """Every figure candidate. The lookahead in front names every character a match can start with:
    the engine then skips the other positions at once instead of trying the whole pattern at each
    (nine times faster on the dev articles, same matches)."""
    prefix, _suffix = approx_words()
    starts = re.escape("".join(sorted({w[0] for w in prefix}))) + r"$￥¥€£\d\-－负" + CN_NUMERAL_CHARS
    return re.compile(f"(?=[{starts}])" + figure_pattern())


@cache
def figure_pattern() -> str:
    """The figure pattern without its first-character lookahead."""
    unit_alt = _alternation(units())
    prefix, suffix = approx_words()
    return (
        rf"(?P<pre>{_alternation(prefix)})?"
        rf"(?P<cur>[$￥¥€£])?"
        rf"(?:(?P<pct>(?<![{CN_NUMERAL_CHARS}\d])百分之{NUMERAL})|(?P<pair>{APPROX_PAIR})"
        rf"|(?P<frac>(?:{NUMERAL}|[万亿])分之{NUMERAL}|(?<![\d/／])\d{{1,4}}[/／]\d{{1,4}}(?![\d/／]))|(?P<num>{NUMERAL}|(?<=上)[万亿])(?:{_RANGE_SEP}(?P<num2>{NUMERAL}))?)"
        rf"(?P<fz>[余多几来])?"
        rf"(?P<unit>个(?P<fz2>[多余])?(?:月|小时|星期|钟头|工作日|百分点)|{unit_alt}|成(?![为立功本果员绩就长熟交型品]))?"
        rf"(?P<half>半(?![{CJK}]))?"
        rf"(?P<suf>{_alternation(suffix)})?"
    )


#: 半个小时, 半个月: half of a time unit, with no numeral (上半个月 is a part of the month, not a span)
#: 余/多/几 inside the number (1万余, 十几): more than the number says
_VAGUE_DIGIT = re.compile("[余多几]")
#: a bare 百/千/万/亿, a figure only after 上 or a quantity word (上百, 近千)
_BARE_HUNDREDS = frozenset("百千万亿")
_HALF_RE = re.compile(r"(?<![上下前后多大])半个(?P<unit>小时|月|钟头|星期|世纪)")
_GROUP_RE = re.compile(rf"(?P<num>[二两三四五六七八九十])大(?=[{CJK}])")


def _word_tag(word: str) -> str | None:
    return word_tags().get(word)


#: 约占/约为 … N: the approximation word leads a verb a few characters before the number
_ABOUT_SHARE = re.compile(r"(?:约|大约|大概)(?:占|为|是|合|达|有)[^，。；！？、：\d\n]{0,12}$")
#: what may follow a Chinese numeral with 里 when it is a distance (十里路, 五里远, 三里外)
_LI_DISTANCE = frozenset("路远外地多左上之的")
_MEASURE_KINDS = frozenset({"length", "area", "weight", "volume"})
#: 第一、二轮, 一、二期: 二 after a listed numeral (a count writes 两)
_ORDINAL_LIST = re.compile(r"[第一三四五六七八九十][、，]$")


def _names_place(text: str, after: int) -> bool:
    nxt = text[after:after + 1]
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in _LI_DISTANCE


def _kind_of(unit: str | None) -> str | None:
    info = units().get(unit or "")
    return info.kind if info else None


_CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")


class _Clauses:
    """The clause around a stretch of the text: from after the clause mark before it to the next one.
    The marks' offsets are found once per text and looked up by bisection (a search for each of the
    thirteen marks either way from every figure read most of the text again per figure)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self.marks, start)
        j = bisect_left(self.marks, end)
        return (self.marks[i - 1] + 1 if i else 0), (self.marks[j] if j < len(self.marks) else self.length)


class _Tokens:
    """jieba words of the text with their offsets, to ask which word a numeral sits in. A word runs to
    the next one's start, so it keeps its trailing space like ``text_with_ws``; words are cut from the
    text when asked for (a few per figure), not for every token."""

    def __init__(self, text: str, doc: Doc | None = None) -> None:
        self.text = text
        self.starts: list[int]
        if doc is not None:  # the Doc's words are jieba's already: no second segmentation
            self.starts = token_starts(doc)
            return
        self.starts = []
        pos = 0
        for word in segmenter().cut(text, HMM=True):
            self.starts.append(pos)
            pos += len(word)

    def word(self, i: int) -> str:
        starts = self.starts
        return self.text[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(self.text)]

    def at(self, offset: int) -> tuple[int, str]:
        i = bisect_right(self.starts, offset) - 1
        return self.starts[i], self.word(i)

    def index(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


def _lexicalized(tokens: _Tokens, start: int, end: int, text: str) -> bool:
    """Whether the numeral at [start, end) is part of an ordinary word or idiom (一直, 进一步, 十分)."""
    tok_start, word = tokens.at(start)
    tok_end = tok_start + len(word)
    if tok_start == start and tok_end <= end:
        tag = _word_tag(word)
        # a whole word that is the figure: fine unless the dictionary knows it as something else (十分)
        return tag is not None and tag not in _NUMERAL_TAGS and tag[0] not in "nqt" and len(word) > 1
    tag = _word_tag(word)
    if tag is None or tag in _NUMERAL_TAGS:
        return False
    if tok_start < start:
        prefix = text[tok_start:start]
        prefixes, _ = approx_words()
        if prefix in prefixes or prefix in ("这", "那", "每", "各", "共", "计", "近", "约"):
            return False
    return True


def _unit_runs_on(tokens: _Tokens, start: int, end: int) -> bool:
    """Whether the segmenter reads the unit as the start of a longer noun (部 in 部队)."""
    tok_start, word = tokens.at(start)
    tag = _word_tag(word.strip()) or ""
    return tok_start == start and tok_start + len(word.rstrip()) > end and tag.startswith("n")


def _subject(tokens: _Tokens, clause_start: int, start: int) -> str | None:
    """The noun phrase right before the figure in its clause (科技创新企业 for 2万余家)."""
    i = tokens.index(start - 1) if start > 0 else -1
    words: list[str] = []
    while i >= 0 and tokens.starts[i] >= clause_start and len(words) < 4:
        word = tokens.word(i)
        tag = _word_tag(word) or ""
        if not re.fullmatch(f"[{CJK}]+", word) or not (tag.startswith("n") or tag in ("vn", "j")):
            break
        words.insert(0, word)
        i -= 1
    return "".join(words) or None


def _group_unit(text: str, after: int) -> str | None:
    """The noun a counted group counts: up to the first head noun of ``group_heads.txt``, else the
    first word after 大."""
    end = after
    while end < len(text) and end - after < 10 and re.match(f"[{CJK}]", text[end]) and text[end] not in _GROUP_STOP:
        end += 1
    stretch = text[after:end]
    if not stretch:
        return None
    heads = lexicons.ordered("group_heads")
    best = None
    for head in heads:
        i = stretch.find(head)
        if i >= 0 and (best is None or i + len(head) < best):
            best = i + len(head)
    if best is not None:
        return stretch[:best]
    words = list(segmenter().cut(stretch, HMM=True))
    return words[0] if words else None


def _determiner_one(text: str, start: int, num_text: str, unit: str, after: int) -> bool:
    """Whether a Chinese 一 is the determiner (一个关键环节) rather than a count."""
    if num_text != "一":
        return False
    if _RESTRICTIVE.search(text[max(0, start - 6):start]):
        return False
    if unit == "倍" or _kind_of(unit) in _MEASURE_KINDS or _kind_of(unit) == "money":
        return False  # 一倍, 一米, 一吨: a measure, never the article-like 一 (一度 stays an adverb)
    return not (unit in _TIME_UNITS and text.startswith(_DURATION_AFTER, after))


def _value(m: re.Match[str]) -> tuple[float | None, float | None, float | None, str]:
    """(value, low, high, kind hint) of the number part of a figure match."""
    if m["pair"]:
        low, high = parse_approx_pair(m["pair"])
        return None, low, high, ""
    if m["frac"]:
        return parse_fraction(m["frac"]), None, None, ""
    if m["pct"]:
        return parse_number(m["pct"][3:]), None, None, "percent"
    value = BARE_MAGNITUDE[m["num"]] if m["num"] in BARE_MAGNITUDE else parse_number(m["num"])
    if m["num2"]:
        high = parse_number(m["num2"])
        low = value
        # 1.5-2万: the first end takes the magnitude the second writes
        mag2 = _MAGNITUDE.search(m["num2"])
        if mag2 and not _MAGNITUDE.search(m["num"]) and low < high / 10:
            scale = 1.0
            for ch in m["num2"][mag2.start():]:
                scale *= {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}.get(ch, 1.0)
            low *= scale
        if low >= high:
            return None, None, None, "bad"
        return None, low, high, ""
    return value, None, None, ""


def find_figures(text: str, *, exclude: list[tuple[int, int]] | None = None, doc: Doc | None = None) -> list[Match]:
    """Figures in ``text`` (clean offsets). ``exclude``: spans other stages claimed (contacts);
    ``doc``: the text's Doc, whose words are reused."""
    claimed = Claimed(len(text), [*(exclude or []), *((m.start, m.end) for m in find_dates(text))])
    tokens = _Tokens(text, doc)
    clauses = _Clauses(text)
    prefixes, suffixes = approx_words()
    not_pre, not_suf = not_figure_contexts()
    # the context words as tuples: one str.endswith / startswith call tests them all
    not_before = tuple(w for w, why in not_pre.items() if why != "weekday")
    weekday_before = tuple(w for w, why in not_pre.items() if why == "weekday")
    not_after = tuple(not_suf)
    table = units()
    found: list[Match] = []

    overlaps = claimed.overlaps

    for m in figure_re().finditer(text):
        pair, frac, pct, num = m.group("pair", "frac", "pct", "num")
        core = "pair" if pair else "frac" if frac else "pct" if pct else "num"
        n_start, n_end = m.start(core), m.end("num2") if m["num2"] else m.end(core)
        if m["pre"] == "上" and num not in _BARE_HUNDREDS:
            continue  # 上 means "more than" only in 上百/上千/上万
        if num in _BARE_HUNDREDS and not m["pre"] and \
                not (m["num"] == "百" and _kind_of(m["unit"]) in _MEASURE_KINDS):
            continue  # a bare 百/千 is a word (百年大计, 千家万户) unless a quantity word leads it or a
            # measure follows it (百米长卷)
        if n_start > 0 and text[n_start - 1] in "几数" and not m["pre"] and not text[n_start].isdigit():
            continue  # 几十年, 数十名: a vague quantity, not a figure
        unit = m["unit"] or ""
        start = m.start("pre") if m["pre"] else (m.start("cur") if m["cur"] else n_start)
        end = m.end()
        if not unit and m["fz"] and not m["suf"]:
            end = m.end("fz")
        # 5年来, 100多年来: 来 after a duration says "over the past …", no approximation
        since = m["suf"] == "来" and unit in _TIME_UNITS
        if since:
            end = m.start("suf")
        if overlaps(n_start, m.end(core) if not m["num2"] else n_end) or overlaps(n_start, n_end):
            continue
        before = text[max(0, n_start - 4):n_start]
        prev_char = text[start - 1] if start > 0 else ""
        if (n_start > 0 and text[n_start - 1].isascii() and text[n_start - 1].isalpha()) or \
                (not unit and text[n_end:n_end + 1].isascii() and text[n_end:n_end + 1].isalpha()):
            continue  # g20, 5G: codes and names
        if prev_char.isdigit() or prev_char == ".":
            continue
        if before.endswith(not_before):
            continue
        if before.endswith(weekday_before) and (m["num"] or "") in tuple("一二三四五六日天"):
            continue
        if text.startswith(not_after, n_end) or (unit and text.startswith(not_after, m.end("unit"))):
            continue
        if found and found[-1].end == start:
            continue  # 两个|一百年, 上万元|一斤: what the figure before counts or is priced by
        if unit == "里" and not text[n_start].isdigit() and _names_place(text, m.end("unit")):
            continue  # 五里营, 十里长街, 三里屯: a Chinese numeral with 里 before a name's next character
        if unit and m["num"] == "二" and _ORDINAL_LIST.search(text, max(0, n_start - 3), n_start):
            continue  # 第一、二轮: the second of a list of ordinals
        if core not in ("pct", "frac") and _lexicalized(tokens, n_start, m.end("unit") if unit else n_end, text):
            continue
        if unit == "年" and re.fullmatch(r"\d{4}", m["num"] or "") and not (m["fz"] or m["suf"] or m["pre"]):
            continue  # a year the date stage did not take (1994年代表…) is still no duration
        if unit and unit not in _TIME_UNITS and unit != "个" and _unit_runs_on(tokens, m.start("unit"), m.end("unit")):
            continue  # 703861部队: the unit is the start of a longer noun
        try:
            value, low, high, hint = _value(m)
        except NumberError:
            continue
        if hint == "bad":
            continue
        has_magnitude = bool(_MAGNITUDE.search(m.group(core)))
        if m["half"] and unit and value is not None:
            value += 0.5  # 一吨半, 两年半
        if unit == "成":
            if value is None:
                continue
            value, unit, hint = value * 10, "%", "percent"
        if m["pct"]:
            unit = "%"
        if not unit and m["cur"]:
            unit = m["cur"]
        if not unit and not (has_magnitude or m["frac"] or m["pct"] or m["cur"]):
            continue  # a bare number is not a figure (1 空间范围, 七十六)
        if not unit and has_magnitude:
            # 十二亿人口, 8900多万党员: a noun right after a magnitude is what it counts
            tok_start, word = tokens.at(end) if end < len(text) else (end, "")
            tag = _word_tag(word) or ""
            if tok_start == end and len(word) >= 2 and tag.startswith("n") and not tag.startswith("nr"):
                unit = word
                end += len(word)
        if not m["num2"] and not m["half"] and _determiner_one(text, n_start, m["num"] or "", unit, m.end()):
            continue
        approx = None
        if m["pre"]:
            approx = prefixes.get(m["pre"])
        if m["fz"] or m["fz2"] or _VAGUE_DIGIT.search(m.group(core)):
            approx = approx or ("about" if m["fz"] == "来" else "more_than")
        if m["suf"] and not since:
            approx = suffixes.get(m["suf"], approx)
        if approx is None and _ABOUT_SHARE.search(text, max(0, start - 16), start):
            approx = "about"  # 约占全世界的75%: 约 leads the verb, the number comes later
        unit_key = unit
        if unit.startswith("个") and len(unit) > 1 and m["fz2"]:
            unit_key = unit = "个" + unit[2:]  # 3个多小时 → 个小时
        info = table.get(unit_key)
        kind = hint or (info.kind if info else ("count" if unit else "other"))
        clause_start, clause_end = clauses.around(start, end)
        found.append(Match(start, end, "FIGURE", f"figure_{core}", attrs={
            "value": to_int_if_whole(value) if value is not None else None,
            "low": to_int_if_whole(low) if low is not None else None,
            "high": to_int_if_whole(high) if high is not None else None,
            "unit": unit, "currency": info.currency if info else None, "approx": approx, "kind": kind,
            "subject": _subject(tokens, clause_start, start),
            "context_start": clause_start, "context_end": clause_end,
        }))
    taken = [(f.start, f.end) for f in found]
    for m in _GROUP_RE.finditer(text):
        start, end = m.start(), m.end()
        if overlaps(start, end) or any(start < y and x < end for x, y in taken):
            continue
        if text[max(0, start - 2):start] in ("党的", "中共") or text[max(0, start - 1):start] in ("第", "十") \
                or (start > 0 and text[start - 1] in "一二两三四五六七八九十百千"):
            continue
        unit = _group_unit(text, end)
        if not unit:
            continue
        value = parse_number(m["num"])
        clause_start, clause_end = clauses.around(start, end)
        found.append(Match(start, end + len(unit), "FIGURE", "figure_group", attrs={
            "value": to_int_if_whole(value), "low": None, "high": None, "unit": unit, "currency": None,
            "approx": None, "kind": "count", "subject": None,
            "context_start": clause_start, "context_end": clause_end,
        }))
    for m in _HALF_RE.finditer(text):
        start, end = m.start(), m.end()
        if overlaps(start, end) or any(start < y and x < end for x, y in taken):
            continue
        clause_start, clause_end = clauses.around(start, end)
        unit = "个" + m["unit"]
        found.append(Match(start, end, "FIGURE", "figure_half", attrs={
            "value": 0.5, "low": None, "high": None, "unit": unit, "currency": None, "approx": None,
            "kind": _kind_of(unit) or "duration", "subject": None,
            "context_start": clause_start, "context_end": clause_end,
        }))
    return _drop_recurring_terms(text, sorted(found, key=lambda f: f.start))


def _drop_recurring_terms(text: str, found: list[Match]) -> list[Match]:
    """A Chinese count with the same noun after it four times or more is a fixed term of the article
    (八项规定, 三个代表), a name rather than a count."""
    def key(f: Match) -> str:
        return text[f.start:f.end] + text[f.end:f.end + 2]

    counts: dict[str, int] = {}
    for f in found:
        if f.attrs.get("kind") == "count" and not re.search(r"\d", text[f.start:f.end]) \
                and re.fullmatch(f"[{CJK}]{{2}}", text[f.end:f.end + 2]):
            counts[key(f)] = counts.get(key(f), 0) + 1
    return [f for f in found if counts.get(key(f), 0) < 4]


@Language.component("zhnews_figures")
def figures_component(doc: Doc) -> Doc:
    # a number inside an organization's or a place's name (中国电科55所, 五里营) is part of the name
    claimed = [(s.start_char, s.end_char) for key in ("contacts", "organizations", "places")
               for s in doc.spans.get(key, [])]
    set_spans(doc, "figures", find_figures(doc_text(doc), exclude=claimed, doc=doc))
    return doc
