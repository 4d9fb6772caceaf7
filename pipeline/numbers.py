"""Numerals: Arabic, Chinese and mixed numbers as written in news, parsed to floats.

Covers what the figure and date stages meet: Arabic with thousands separators and decimals (the cleaner
has already made full-width digits ASCII), Chinese numerals with 零/〇/两/廿/卅 and the financial forms
(壹贰叁…), mixed forms (2万, 3.5亿, 5万4千6百), the spoken abbreviations (一万三 = 13000, 四百五 = 450),
fractions (五分之一, 1/3), percentages (百分之三十, 三成) and the adjacent-digit approximations
(四五百 = 400 to 500, 三五天 = 3 to 5).

``cn2an`` is deliberately not used for finding numbers: its text mode rewrites every 一 it meets
(一直 → 1直). Parsing a span that is already known to be a numeral is simple enough to do here, with
no surprise for 两, 廿 or 万万.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: one digit each; 〇/○/零 are zero
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "洞": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
#: numerals that are a whole tens number on their own
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

#: characters that only ever write a number (zero forms may not start one: ○ is also a bullet)
_CN_START = "".join(k for k, v in DIGITS.items() if v and k != "幺") + "".join(TENS) + "十拾百佰千仟"
_CN_BODY = "".join(k for k in DIGITS if k not in "洞幺") + "".join(TENS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
#: 余/多/几 between a number and its 万/亿 (500余万, 二十几万) make it approximate
APPROX_INFIX = "余多几"

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?"
# 千 that starts a unit (一百千瓦) ends a Chinese numeral; 三千米 stays 3000 m, as news means it
_CN_BODY_RUN = rf"(?:[{''.join(c for c in _CN_BODY if c not in '千')}]|千(?![瓦卡焦帕伏]))"
CHINESE = rf"[{_CN_START}]{_CN_BODY_RUN}*(?:点{_CN_BODY_RUN}+)?|零点{_CN_BODY_RUN}+"
# a unit character after Arabic digits, unless it starts a metric unit (12千米 is 12 km, not 12000 m)
_UNIT_AFTER_ARABIC = r"(?:[十百千](?![米克瓦卡焦帕伏])|[万亿萬億兆])"
#: one number as written: Arabic or Chinese atoms, optionally interleaved (5万4千6百, 1.5亿, 500余万, 3万4000)
NUMERAL = (rf"(?:负|(?<![\d\w.])[-－])?(?:{ARABIC}|{CHINESE})"
           rf"(?:[{APPROX_INFIX}]?{_UNIT_AFTER_ARABIC}+(?:零?(?:{ARABIC}){_UNIT_AFTER_ARABIC}*|"
           rf"[{_CN_START}][{_CN_BODY}]*)*)?")
NUMERAL_RE = re.compile(NUMERAL)

_ATOM = re.compile(rf"\d+(?:\.\d+)?|[{''.join(DIGITS)}]+点[{''.join(DIGITS)}]+|.", re.DOTALL)


class NumberError(ValueError):
    """The text is not a numeral this module can read."""


def _digit_string(text: str) -> str | None:
    """``一九九八`` → ``1998`` (digit by digit, as years and codes are read)."""
    if text and all(ch in DIGITS for ch in text):
        return "".join(str(DIGITS[ch]) for ch in text)
    return None


def _atom_value(atom: str) -> float | None:
    if atom[0].isdigit():
        return float(atom)
    if "点" in atom:
        whole, frac = atom.split("点", 1)
        w, f = _digit_string(whole), _digit_string(frac)
        if w is None or f is None:
            return None
        return float(f"{w}.{f}")
    if atom in DIGITS:
        return float(DIGITS[atom])
    if atom in TENS:
        return float(TENS[atom])
    return None


@cache
def parse_number(text: str) -> float:
    """The value of one numeral (``NUMERAL`` match or anything of the same shape).

    Raises ``NumberError`` when ``text`` is not a numeral. 余/多/几 inside (500余万) are ignored here;
    the figure stage reads them as approximation."""
    s = re.sub(r"[\s,]", "", text)
    s = "".join(ch for ch in s if ch not in APPROX_INFIX)
    if s[:1] in ("负", "負", "-", "－"):
        return -parse_number(s[1:])
    if "点" in s and not s.startswith("点"):
        # 一百二十点五, 三点五亿: the whole part, the decimals digit by digit, then any 万/亿 after them
        whole, frac = s.split("点", 1)
        big = re.search(f"[{''.join(BIG_UNITS)}]+$", frac)
        scale = 1.0
        if big:
            for ch in big.group():
                scale *= BIG_UNITS[ch]
            frac = frac[:big.start()]
        digits = _digit_string(frac) if not frac.isdigit() else frac
        if digits is None or not frac:
            raise NumberError(text)
        return (parse_number(whole) + float("0." + digits)) * scale
    if not s:
        raise NumberError(text)
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    # a run of bare digits longer than one (一九九八, 二〇一七) is read digit by digit
    digits = _digit_string(s)
    if digits is not None and len(s) > 1:
        return float(digits)
    atoms = [m.group() for m in _ATOM.finditer(s)]
    total = 0.0  # everything closed by a big unit
    section = 0.0  # the part below the current big unit
    number: float | None = None  # the last digit not yet given a unit
    last_unit = 0  # the unit written just before ``number`` (for 一万三 = 13000, 四百五 = 450)
    last_atom = ""
    zero_seen = False
    prev_big = False
    for atom in atoms:
        last_atom = atom
        if atom in TENS:
            section += TENS[atom]
            number, last_unit, prev_big = None, 10, False
            continue
        value = _atom_value(atom)
        if value is not None:
            if atom in DIGITS and DIGITS[atom] == 0:
                zero_seen = True
                continue
            if number is not None:
                raise NumberError(text)  # two digits in a row (三五) are not one number
            number = value
            prev_big = False
            continue
        if atom in SMALL_UNITS:
            unit = SMALL_UNITS[atom]
            if number is None and not (unit == 10 and zero_seen) and (section or total or zero_seen):
                raise NumberError(text)  # 千百: a unit with no digit before it only leads (十五, 百三, 零十二)
            section += (1.0 if number is None else number) * unit
            number = None
            last_unit, zero_seen, prev_big = unit, False, False
        elif atom in BIG_UNITS:
            unit = BIG_UNITS[atom]
            if number is None and section == 0 and prev_big:
                total *= unit  # 万万, 万亿
            elif number is None and section == 0 and total == 0:
                raise NumberError(text)  # a bare 万
            else:
                part = section + (number or 0.0)
                if total and total < unit:
                    total = (total + part) * unit  # 4.78万亿: the smaller big unit is nested
                else:
                    total += part * unit
            section, number = 0.0, None
            last_unit, zero_seen, prev_big = unit, False, True
        else:
            raise NumberError(text)
    if number is not None:
        if last_unit >= 100 and not zero_seen and last_atom in DIGITS:
            number *= last_unit / 10  # 一万三, 四百五, 一千陆: the digit counts the next unit down
        section += number
    return total + section


def to_int_if_whole(value: float) -> float | int:
    return int(value) if value == int(value) and abs(value) < 1e18 else value


# --- fractions, percentages, approximations -----------------------------------------------------

_FRACTION = re.compile(rf"(?P<den>{NUMERAL}|[万亿])分之(?P<num>{NUMERAL})")
_SLASH_FRACTION = re.compile(r"(?<![\d/／.])(?P<num>\d{1,4})[/／](?P<den>\d{1,4})(?![\d/／])")
_PERCENT_WORD = re.compile(rf"(?<![{_CN_BODY}\d])百分之(?P<num>{NUMERAL})")


def parse_fraction(text: str) -> float:
    """``五分之一`` → 0.2, ``1/3`` → 0.333…; raises ``NumberError`` otherwise."""
    m = _FRACTION.fullmatch(text) or _SLASH_FRACTION.fullmatch(text)
    if not m:
        raise NumberError(text)
    den = BIG_UNITS[m["den"]] if m["den"] in BIG_UNITS else parse_number(m["den"])
    if den == 0:
        raise NumberError(text)
    return parse_number(m["num"]) / den


def parse_percent(text: str) -> float:
    """The percentage written by ``百分之三十`` (30), ``12.5%`` (12.5), ``三成`` (30)."""
    s = text.strip()
    m = _PERCENT_WORD.fullmatch(s)
    if m:
        return parse_number(m["num"])
    if s.endswith(("%", "％")):
        return parse_number(s[:-1])
    if s.endswith("‰"):
        return parse_number(s[:-1]) / 10
    if s.endswith("成"):
        return parse_number(s[:-1]) * 10
    raise NumberError(text)


#: two neighbouring digits that write a loose range: 三四 (3-4), 四五百 (400-500), 三五天 (3-5)
_PAIRS = {(a, a + 1) for a in range(1, 9)} | {(3, 5)}
_DIGIT_CHARS = "一二两三四五六七八九"
APPROX_PAIR = rf"[{_DIGIT_CHARS}][{_DIGIT_CHARS}][十百千]?[万亿]?"
APPROX_PAIR_RE = re.compile(APPROX_PAIR)


def parse_approx_pair(text: str) -> tuple[float, float]:
    """``四五百`` → (400, 500); ``二三十万`` → (200000, 300000). Raises ``NumberError`` otherwise."""
    if not APPROX_PAIR_RE.fullmatch(text):
        raise NumberError(text)
    a, b = DIGITS[text[0]], DIGITS[text[1]]
    if (a, b) not in _PAIRS:
        raise NumberError(text)
    scale = 1
    for ch in text[2:]:
        scale *= SMALL_UNITS.get(ch, 1) * BIG_UNITS.get(ch, 1)
    return float(a * scale), float(b * scale)


@dataclass(frozen=True)
class Numeral:
    """A number found in text: ``value`` or, for a loose range, ``low`` and ``high``."""

    start: int
    end: int
    text: str
    value: float | None
    low: float | None = None
    high: float | None = None


def find_numerals(text: str) -> list[Numeral]:
    """Every numeral in ``text`` by shape alone (no context rules): the scanner the figure stage and the
    recognizer evaluation share. Fractions and 百分之 forms come as one numeral each."""
    out: list[Numeral] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    for pattern, reader in ((_PERCENT_WORD, parse_percent), (_FRACTION, parse_fraction),
                            (_SLASH_FRACTION, parse_fraction)):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            try:
                value = reader(m.group())
            except NumberError:
                continue
            out.append(Numeral(m.start(), m.end(), m.group(), value))
            taken.append((m.start(), m.end()))
    for m in APPROX_PAIR_RE.finditer(text):
        if not free(m.start(), m.end()) or (m.end() < len(text) and text[m.end()] in _CN_BODY):
            continue
        try:
            low, high = parse_approx_pair(m.group())
        except NumberError:
            continue
        out.append(Numeral(m.start(), m.end(), m.group(), None, low, high))
        taken.append((m.start(), m.end()))
    for m in NUMERAL_RE.finditer(text):
        if not free(m.start(), m.end()) or (m.group() in SMALL_UNITS and text.startswith("分", m.end())):
            continue  # 百 of 百分点 is no number
        try:
            value = parse_number(m.group())
        except NumberError:
            continue
        out.append(Numeral(m.start(), m.end(), m.group(), value))
    return sorted(out, key=lambda n: n.start)
