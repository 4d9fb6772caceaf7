"""Dates: calendar dates written absolutely, as ISO values as precise as the text.

``2020年3月`` → ``2020-03``, ``2017年11月30日`` → ``2017-11-30``, ``11月30日`` → ``--11-30``, ``12月`` →
``--12``, ``30日`` → ``---30``, ``二〇一七年`` → ``2017``, ``2017-11-30`` → ``2017-11-30``. A range gives one
date per end, the second end taking the year or month the first states (``2017年1至10月`` → ``2017-01``
and ``2017-10``; ``11月28日至30日`` → ``--11-28`` and ``--11-30``).

Relative expressions (今年, 去年, 第二年, 近日) are not dates in the annotation guide's sense; they go to
``doc.spans["relative_dates"]`` with ``relative: True`` and a value only where an anchor fixes it: the
article's own date (``doc._.meta["article_date"]``) or a year the same sentence states
(``2016年，也就是公司成立的第二年`` → 2016). The machine clock is never read.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicons
from .numbers import DIGITS, NumberError, parse_number
from .spans import Claimed, Match, doc_text, set_spans

_CN_DIGIT = "零〇○一二三四五六七八九"
_SEP = r"(?:至|到|-|—|–|~|～)"


def _year(p: str) -> str:
    # a year of the common era may write fewer digits (公元756年)
    return (rf"(?<![\d.])(?P<{p}y>\d{{4}}|[{_CN_DIGIT}]{{4}}|(?<=公元)\d{{1,3}})年"
            r"(?!代(?!表)|级|多|余|来|左右|以上|以下|之久|时间|历史)")


def _month(p: str) -> str:
    return rf"(?P<{p}m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"


def _day(p: str) -> str:
    return (rf"(?P<{p}d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
            r"|[一二三四五六七八九])")


# A range whose first end leaves out the unit the second writes (2017年1至10月, 11月28—30日), else
# one date. Each form is its own pattern; overlapping candidates keep the longest.
_FORMS: tuple[tuple[str, str], ...] = (
    ("date_range", rf"(?:{_year('a')})?{_month('a')}月?{_SEP}{_month('b')}月(?!份?[多余])"),
    ("date_range", rf"(?:{_year('a')})?{_month('a')}月{_day('a')}[日号]?{_SEP}(?:{_month('b')}月)?{_day('b')}[日号]"),
    ("date", rf"{_year('a')}(?:{_month('a')}月(?:{_day('a')}[日号])?)?"),
    ("date", rf"{_month('a')}月(?:{_day('a')}[日号])?"),
    ("date", r"(?P<ad>3[01]|[12]\d|0?[1-9])日"),
)
#: the characters a date can start with: a lookahead of them lets the engine skip every other position
#: at once rather than try each form there (four to five times faster, same matches)
DATE_START = rf"(?=[\d{_CN_DIGIT}十])"
DATE_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(rf"{DATE_START}(?<![\d第.])(?:{pattern})")) for rule, pattern in _FORMS)
# 2017-11-30, 2017/11/30, 2017.11.30 (a year that writes four digits keeps decimals and codes out)
ISO_PATTERN = (r"(?<![\d.\-/])(?P<y>(?:1[5-9]|20)\d{2})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)"
               r"(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.\-/])")
# 13.5.2015, 3-7-2017 (day first, as the Recognizers cases write them; rare in Chinese news)
DMY_PATTERN = (r"(?<![\d.\-/])(?P<d>3[01]|[12]\d|0?[1-9])(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)"
               r"(?P<y>(?:1[5-9]|20)\d{2})(?![\d.\-/])")
# led by a lookahead of the characters they start with, like the forms above (half the time)
ISO_RE = re.compile(r"(?=[12])" + ISO_PATTERN)
DMY_RE = re.compile(r"(?=\d)" + DMY_PATTERN)

RELATIVE = {
    "今年": ("year", 0), "本年": ("year", 0), "去年": ("year", -1), "前年": ("year", -2), "明年": ("year", 1),
    "后年": ("year", 2), "本月": ("month", 0), "上月": ("month", -1), "下月": ("month", 1),
    "今天": ("day", 0), "今日": ("day", 0), "当天": ("day", 0), "当日": ("day", 0), "昨天": ("day", -1),
    "昨日": ("day", -1), "前天": ("day", -2), "明天": ("day", 1), "明日": ("day", 1), "次日": ("day", 1),
    "近日": ("vague", 0), "日前": ("vague", 0), "近期": ("vague", 0),
    "第二年": ("next_year", 1), "次年": ("next_year", 1), "翌年": ("next_year", 1), "当年": ("next_year", 0),
}
RELATIVE_RE = re.compile("|".join(lexicons.longest_first(RELATIVE)))
_SAME_AS = re.compile(r"(?:也就是|即|亦即|正是)[^，。；！？]{0,12}$")


def _num(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    try:
        return int(parse_number(text))
    except NumberError:
        if all(ch in DIGITS for ch in text):
            return int("".join(str(DIGITS[ch]) for ch in text))
        return None


def iso(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO value as precise as the parts: 2016, 2020-03, 2020-03-05, --11-30, --12, ---30."""
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    if year is not None:
        out = f"{year:04d}"
        if month is not None:
            out += f"-{month:02d}"
            if day is not None:
                out += f"-{day:02d}"
        return out if month is not None or day is None else None
    if month is not None:
        return f"--{month:02d}" + (f"-{day:02d}" if day is not None else "")
    if day is not None:
        return f"---{day:02d}"
    return None


def find_dates(text: str) -> list[Match]:
    """Absolute dates in ``text`` (clean offsets), one ``Match`` per date value; a range gives two."""
    return list(_find_dates(text))


@lru_cache(maxsize=8)
def _find_dates(text: str) -> tuple[Match, ...]:
    found: list[Match] = []
    taken = Claimed(len(text))
    for pattern, rule in ((ISO_RE, "date_iso"), (DMY_RE, "date_dmy")):
        for m in pattern.finditer(text):
            value = iso(int(m["y"]), int(m["m"]), int(m["d"]))
            if value:
                found.append(Match(m.start(), m.end(), "DATE", rule, attrs={"value": value, "relative": False}))
                taken.add(m.start(), m.end())
    candidates = [(m, rule) for rule, pattern in DATE_RES for m in pattern.finditer(text)]
    candidates.sort(key=lambda c: (c[0].start(), -(c[0].end() - c[0].start())))
    for m, rule in candidates:
        if not m.group() or taken.overlaps(m.start(), m.end()):
            continue
        g = m.groupdict()
        if g.get("ad") and not g.get("am") and not g.get("ay") and not g["ad"].isdigit():
            continue  # 一日三餐: a Chinese day alone is too ambiguous
        y, ma, da = _num(g.get("ay")), _num(g.get("am")), _num(g.get("ad"))
        mb, db = _num(g.get("bm")), _num(g.get("bd"))
        first = iso(y, ma, da)
        if first is None:
            continue
        taken.add(m.start(), m.end())
        if g.get("bm") is None and g.get("bd") is None:
            found.append(Match(m.start(), m.end(), "DATE", rule, attrs={"value": first, "relative": False}))
            continue
        second = iso(y, mb if mb is not None else ma, db)
        # both ends carry the whole written range: it is the evidence for each
        found.append(Match(m.start(), m.end(), "DATE", rule, attrs={"value": first, "relative": False}))
        if second is not None and second != first:
            # its own label: span info is keyed by label and offsets, and both ends share the offsets
            found.append(Match(m.start(), m.end(), "DATE_END", rule, attrs={"value": second, "relative": False}))
    return tuple(sorted(found, key=lambda x: (x.start, x.end)))


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve_relative(word: str, anchor: str | None, sentence_before: str = "") -> str | None:
    """The value of a relative expression against the article date ``anchor`` (ISO) or a year the
    sentence states before it; ``None`` when nothing fixes it (never the machine clock)."""
    kind, delta = RELATIVE[word]
    if kind == "vague":
        return None
    if kind == "next_year":
        years = re.findall(r"((?:1[5-9]|20)\d{2})年", sentence_before)
        if not years:
            return None
        year = int(years[-1])
        return str(year if _SAME_AS.search(sentence_before) else year + delta)
    if not anchor or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", anchor):
        return None
    a = date.fromisoformat(anchor)
    if kind == "year":
        return str(a.year + delta)
    if kind == "month":
        y, mo = _shift_month(a.year, a.month, delta)
        return f"{y:04d}-{mo:02d}"
    return (a + timedelta(days=delta)).isoformat()


def find_relative_dates(text: str, anchor: str | None) -> list[Match]:
    out: list[Match] = []
    for m in RELATIVE_RE.finditer(text):
        start = max(text.rfind(ch, 0, m.start()) for ch in "。！？\n") + 1
        value = resolve_relative(m.group(), anchor, text[start:m.start()])
        out.append(Match(m.start(), m.end(), "DATE", "relative_date", attrs={"value": value, "relative": True}))
    return out


@Language.component("zhnews_dates")
def dates_component(doc: Doc) -> Doc:
    contacts = [(s.start_char, s.end_char) for s in doc.spans.get("contacts", [])]
    matches = [m for m in find_dates(doc_text(doc)) if not any(m.start < b and a < m.end for a, b in contacts)]
    set_spans(doc, "dates", matches)
    anchor = (doc._.meta or {}).get("article_date")
    set_spans(doc, "relative_dates", find_relative_dates(doc_text(doc), anchor))
    return doc
