"""Microsoft Recognizers-Text's Chinese specification cases, run against the figure and date stages.

``zhnews evaluate recognizers DIR`` reads DIR/{Number,NumberWithUnit,DateTime}/Chinese/*.json (the
folder ``../shared/eval/figures`` of the project's evaluation data; MIT-licensed cases, never copied
into the project) and reports, per file, how many cases within the contract's scope pass.

In scope (CONTRACT.md): cardinals, percentages, currency, dimensions, ages, temperatures, closed ranges
and absolute dates. A case passes when every expected result is found at an overlapping place with the
same value, and nothing of the same kind is found where the peer expects nothing.

Cases left out, each for a stated reason (``OUT_OF_SCOPE``), are the places where news usage
deliberately differs from the peer or lies outside the contract:
- numbers inside dates and clock times (the 1991 of 1991年1月16日): they are dates, never figures;
- scientific and engineering notation (2^5, 2e5, 40k) and digits spaced out (一百 五 十 二): not written
  in Chinese news;
- 打 (a dozen) read as 12: in news 打 is a verb far more often than the dozen;
- a full-width comma as a thousands separator (４，５６５): in Chinese text ， separates clauses;
- 点 after a unit character (两百点两): the peer reads two numbers, news writes 200.2 as 二百点二;
- discounts (七五折, 打对折): shop prices, not news figures;
- currency names with no amount (人民币 美元) and compound amounts (五元三毛): no single value;
- data and frequency units (比特, 字节, 赫兹), 两 as a weight and 位 as a bit: the same characters are
  numerals and classifiers in news;
- comparison phrases (大于二十, 位于20和30之间): the contract keeps approx words on one number;
- relative, lunar, weekday and holiday dates: the contract resolves only absolute dates (relative ones
  against the article's date, which the cases do not have).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clean import _FULLWIDTH
from ..dates import find_dates
from ..figures import find_figures
from ..numbers import find_numerals
from ..spans import Match

#: file (relative to the data folder) → the kind of check it gets
FILES: dict[str, str] = {
    "Number/Chinese/NumberModel.json": "number",
    "Number/Chinese/PercentModel.json": "percent",
    "Number/Chinese/NumberRangeModel.json": "range",
    "NumberWithUnit/Chinese/CurrencyModel.json": "unit",
    "NumberWithUnit/Chinese/DimensionModel.json": "unit",
    "NumberWithUnit/Chinese/AgeModel.json": "unit",
    "NumberWithUnit/Chinese/TemperatureModel.json": "unit",
    "DateTime/Chinese/DateParser.json": "date",
    "DateTime/Chinese/DateTimeModel.json": "date",
}

_CN_NUM = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩"
_TRADITIONAL = re.compile("[個點幾負萬億兩貳參陸倆週號歲億圓後陽請麼雙對塊]")
_OTHER_UNITS = re.compile(r"比特|字节|赫兹|千卡|兆瓦|[\d一二三四五六七八九十百千万]两|位")
_OTHER_DATES = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)|^\d{1,2}/\d{1,2}$|月[一二三四五六七八九十]+$"
                          r"|(?<![月\d])\d+号|(?<![\d零〇一二三四五六七八九])[\d零〇一二三四五六七八九]{1,3}年|[十百千]\S*年")
OUT_OF_SCOPE: tuple[tuple[str, Callable[[dict[str, Any], str], bool]], ...] = (
    ("number inside a date or clock time",
     lambda case, kind: kind in ("number", "percent") and any(
         re.match(r"\s*[年月日号点时分秒]", case["Input"][r["End"] + 1:]) for r in case["Results"])),
    ("traditional characters", lambda case, kind: bool(_TRADITIONAL.search(case["Input"]))),
    ("scientific or engineering notation",
     lambda case, kind: bool(re.search(r"\d\^|\d[eE][+\-－]?\d|\d\s*[kKM]\b|[kK]个|(?<!\d)\.\d", case["Input"]))),
    ("digits spaced out", lambda case, kind: any(re.search(r"\S\s+\S", r["Text"]) for r in case["Results"])),
    ("mixed fraction with 又", lambda case, kind: "又" in case["Input"] and "分之" in case["Input"]),
    ("numbers the peer leaves to its currency model",
     lambda case, kind: kind == "number" and not case["Results"] and bool(re.search("美元|美刀|元", case["Input"]))),
    ("打 as a dozen", lambda case, kind: any("打" in r["Text"] for r in case["Results"])),
    ("full-width comma as thousands separator", lambda case, kind: bool(re.search(r"\d，\d", case["Input"]))),
    ("点 after a unit character", lambda case, kind: bool(re.search(r"[十百千万亿]点", case["Input"]))
     and kind == "number"),
    ("半 as a number", lambda case, kind: kind in ("number", "percent") and "半" in case["Input"]),
    ("discount", lambda case, kind: "折" in case["Input"]),
    ("currency without amount or compound amount",
     lambda case, kind: kind == "unit" and any(r["Resolution"].get("value") in (None, "")
                                                or re.search(r"[元币]\S*[角毛分銭]|又", r["Text"])
                                                for r in case["Results"])),
    ("data, frequency or traditional weight unit",
     lambda case, kind: kind == "unit" and bool(_OTHER_UNITS.search(case["Input"]))),
    ("two-digit year, day without 日, 号 alone, slash month/day or a year of fewer than four digits",
     lambda case, kind: kind == "date" and any(_OTHER_DATES.search(r.get("Text", "")) for r in case["Results"])),
    ("comparison phrase", lambda case, kind: kind == "range" and not all(
        re.fullmatch(rf"[\d{_CN_NUM}.]+\s*(?:到|至|-|~|～)\s*[\d{_CN_NUM}.]+", r["Text"]) for r in case["Results"])),
    ("relative, lunar, weekday or holiday date",
     lambda case, kind: kind == "date" and not all(_absolute_timex(r) for r in case["Results"])),
)


def _timex(result: dict[str, Any]) -> str | None:
    if "Value" in result:  # DateParser
        return result["Value"].get("Timex")
    values = (result.get("Resolution") or {}).get("values") or []
    return values[0].get("timex") if values else None


def _absolute_timex(result: dict[str, Any]) -> bool:
    text = result.get("Text", "")
    if result.get("TypeName", "datetimeV2.date") != "datetimeV2.date" and "Value" not in result:
        return False
    if re.search(r"农历|初|正月|大年|星期|礼拜|周|去年|今年|明年|本月|上|下|这|最|前|后|今|明|昨", text):
        return False
    timex = _timex(result) or ""
    return bool(re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d{2}|XX)-\d{2}|\d{4}-\d{2}|\d{4}", timex))


def expected_iso(timex: str) -> str:
    """Recognizers' TIMEX to the contract's ISO value: XXXX-01-19 → --01-19, XXXX-XX-29 → ---29."""
    if timex.startswith("XXXX-XX-"):
        return "---" + timex[8:]
    if timex.startswith("XXXX-"):
        return "--" + timex[5:]
    return timex


@dataclass
class FileResult:
    name: str
    total: int = 0
    in_scope: int = 0
    passed: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _value(result: dict[str, Any]) -> float | None:
    raw = (result.get("Resolution") or {}).get("value")
    if raw is None:
        return None
    try:
        return float(str(raw).rstrip("%"))
    except ValueError:
        return None


def _span(result: dict[str, Any]) -> tuple[int, int]:
    return result["Start"], result["End"] + 1


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def check_case(case: dict[str, Any], kind: str) -> bool:
    """Whether the pipeline's recognizers agree with one case."""
    text = case["Input"].translate(_FULLWIDTH)
    expected = case["Results"]
    if kind == "number":
        from ..figures import _Tokens, units

        tokens = _Tokens(text)
        unit_chars = {u[0] for u in units()}

        def in_word(n: Any) -> bool:
            """A Chinese numeral inside a longer word that is no numeral + unit (一看, 两两, 拾到)."""
            if text[n.start].isdigit():
                return False
            tok_start, word = tokens.at(n.start)
            tok_end = tok_start + len(word)
            if tok_start < n.start:
                return True
            return tok_end > n.end and text[n.end] not in unit_chars and text[n.end] not in "多余几来"

        found = [n for n in find_numerals(text) if n.value is not None and not in_word(n)]
        if len(found) != len(expected):
            return False
        return all(any(_overlaps((n.start, n.end), _span(r)) and _close(n.value, _value(r)) for n in found)
                   for r in expected)
    if kind in ("percent", "unit", "range"):
        from ..contacts import find_contacts

        figures = find_figures(text, exclude=[(c.start, c.end) for c in find_contacts(text)])
        if kind == "percent":  # a fraction (千分之一) is compared as a percentage
            figures = [Match(f.start, f.end, f.label, f.rule, attrs={**f.attrs, "value": f.attrs["value"] * 100})
                       if f.rule == "figure_frac" and f.attrs["value"] is not None else f
                       for f in figures if f.attrs["kind"] == "percent" or f.rule == "figure_frac"]
        if kind == "range":
            for r in expected:
                m = re.fullmatch(r"[\[(]([\d.]+),([\d.]+)[\])]", r["Resolution"]["value"])
                if not m or not any(_overlaps((f.start, f.end), _span(r)) and _close(f.attrs["low"], float(m[1]))
                                    and _close(f.attrs["high"], float(m[2])) for f in figures):
                    return False
            return True
        if not expected:
            return not figures
        return all(any(_overlaps((f.start, f.end), _span(r)) and _close(f.attrs["value"], _value(r))
                       for f in figures) for r in expected)
    if kind == "date":
        dates = find_dates(text)
        for r in expected:
            start = r["Start"]
            end = start + r["Length"] if "Length" in r else r["End"] + 1
            want = expected_iso(_timex(r) or "")
            if not any(_overlaps((d.start, d.end), (start, end)) and d.attrs["value"] == want for d in dates):
                return False
        return True
    raise ValueError(kind)


def _cases(path: Path) -> Iterator[dict[str, Any]]:
    yield from json.loads(path.read_text(encoding="utf-8-sig"))


def evaluate(root: Path) -> list[FileResult]:
    results = []
    for name, kind in FILES.items():
        path = root / name
        if not path.is_file():
            continue
        res = FileResult(name)
        for case in _cases(path):
            res.total += 1
            reason = next((why for why, rule in OUT_OF_SCOPE if rule(case, kind)), None)
            if reason is None and kind == "date" and not case["Results"]:
                reason = "relative, lunar, weekday or holiday date"
            if reason is not None:
                res.excluded[reason] = res.excluded.get(reason, 0) + 1
                continue
            res.in_scope += 1
            if check_case(case, kind):
                res.passed += 1
            else:
                res.failures.append(case["Input"])
        results.append(res)
    return results


def report(results: list[FileResult], *, show_failures: bool = False) -> str:
    lines = [f"{'file':48s} {'cases':>5s} {'scope':>5s} {'pass':>5s}  rate"]
    total_scope = total_pass = 0
    for r in results:
        rate = r.passed / r.in_scope if r.in_scope else 1.0
        lines.append(f"{r.name:48s} {r.total:5d} {r.in_scope:5d} {r.passed:5d}  {rate:.1%}")
        total_scope += r.in_scope
        total_pass += r.passed
        if show_failures:
            lines.extend(f"    fail: {text[:70]}" for text in r.failures)
    rate = total_pass / total_scope if total_scope else 1.0
    lines.append(f"{'in-scope total':48s} {'':5s} {total_scope:5d} {total_pass:5d}  {rate:.1%}")
    excluded: dict[str, int] = {}
    for r in results:
        for why, n in r.excluded.items():
            excluded[why] = excluded.get(why, 0) + n
    lines.append("left out (news usage differs or outside the contract):")
    lines.extend(f"  {n:4d}  {why}" for why, n in sorted(excluded.items(), key=lambda x: -x[1]))
    return "\n".join(lines)
