"""Stage 4c, places: named geographic places, each mention carrying the fullest form the article gives.

Rules:
- lexicons: countries and world regions (``countries.tsv``) and China's administrative divisions
  (``divisions.tsv``, generated from the Ministry of Civil Affairs codes); a short form (海淀 for 海淀区)
  counts only where it stands as a word of its own, and is a mention of the full form where both occur;
- towns, townships and villages: a proper stem before 镇/乡/村/街道 (下三交镇, 坪上村);
- named zones, parks and landmarks (``zone_suffixes.txt``): a stem with a place or proper word before
  自贸区, 科学城, 生命科学园, 片区, 大会堂… (北京自贸区科技创新片区, 中关村科学城).
A place that is only part of an organization's or a person's name is not a place (北京大学 adds no 北京).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import entity_rules as er
from . import lexicons
from .spans import Match, doc_text, set_spans, token_spans

Token = tuple[int, int, str]
_LOCAL_SUFFIXES = ("街道", "镇", "乡", "村")
_LOCAL_RE = re.compile("|".join(_LOCAL_SUFFIXES))
_PROPER_TAGS = frozenset({"x", "ns", "nz", "nr", "nrt", "nrfg", "j"})


@cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    """Every form → (entity key, kind, is a short form)."""
    index: dict[str, tuple[str, str, bool]] = {}
    for entry in er.country_entries():
        for form in entry.forms:
            index.setdefault(form, ("c:" + entry.name, entry.kind, form != entry.name and len(form) <= 2))
    order = {"province": 0, "city": 1, "district": 2}
    for row in sorted(er.division_rows(), key=lambda r: order.get(r["kind"], 3)):
        key = "d:" + row["name"]
        index.setdefault(row["name"], (key, row["kind"], False))
        if row.get("short"):
            index.setdefault(row["short"], (key, row["kind"], True))
    pattern = re.compile("|".join(re.escape(f) for f in sorted(index, key=len, reverse=True)))
    return pattern, index


@cache
def _zone_pattern() -> re.Pattern[str]:
    return re.compile(lexicons.alternation("zone_suffixes"))


def find_places(text: str, tokens: Sequence[Token], avoid: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """Places in ``text``; ``avoid`` are spans of organizations and people (a place inside one is no place)."""
    bounds = {t[0] for t in tokens} | {t[1] for t in tokens}
    starts = [t[0] for t in tokens]
    found: list[tuple[int, int, str, str, str]] = []
    pattern, index = _lexicon()
    for m in pattern.finditer(text):
        key, kind, short = index[m.group()]
        if short and not (m.start() in bounds and m.end() in bounds):
            continue
        found.append((m.start(), m.end(), key, kind, "place_lexicon"))
    lexicon_spans = [(s, e) for s, e, *_ in found]

    def stem_start(suffix_start: int, limit: int) -> int:
        i = max(0, bisect_right(starts, suffix_start) - 1)
        j = er.walk_left(tokens, i, limit=limit)
        return tokens[j][0] if j < i else tokens[i][0]

    # towns and villages
    for m in _LOCAL_RE.finditer(text):
        if m.end() not in bounds and m.end() < len(text):
            continue
        i = max(0, bisect_right(starts, m.start() - 1) - 1)
        s, e, w = tokens[i]
        if e != m.start() and not (s < m.start() < e):
            continue
        start = s
        stem = text[start:m.start()]
        if not (2 <= len(stem) <= 4) or er.stops_phrase(w):
            continue
        after_place = any(b == start for _a, b in lexicon_spans)
        if not (after_place or er.tag(stem) in _PROPER_TAGS or er.tag(w) in _PROPER_TAGS):
            continue
        found.append((start, m.end(), "n:" + text[start:m.end()], "town", "place_local_suffix"))

    # named zones, parks, landmarks
    for m in _zone_pattern().finditer(text):
        if m.end() not in bounds and m.end() < len(text):
            continue
        start = stem_start(m.start(), 16)
        if start >= m.start():
            continue
        stem_tokens = [(s, w) for s, e, w in tokens if s >= start and e <= m.start()]
        if stem_tokens and er.tag(stem_tokens[-1][1]) in ("m", "mq"):
            continue  # 三大片区: counted, not named
        proper = [s for s, w in stem_tokens if w in er.place_forms() or er.tag(w) in _PROPER_TAGS]
        if not proper:
            continue
        start = proper[0]  # verbs the walk took along (持续发挥, 希望) are not part of the name
        found.append((start, m.end(), "n:" + text[start:m.end()], "zone", "place_zone_suffix"))
    return _resolve(text, found, list(avoid))


def _resolve(text: str, found: list[tuple[int, int, str, str, str]], avoid: list[tuple[int, int]]) -> list[Match]:
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken = list(avoid)
    kept = []
    for f in found:
        if any(f[0] < y and x < f[1] for x, y in taken):
            continue
        taken.append((f[0], f[1]))
        kept.append(f)
    fullest: dict[str, str] = {}
    for s, e, key, _kind, _rule in kept:
        if len(text[s:e]) > len(fullest.get(key, "")):
            fullest[key] = text[s:e]
    return [Match(s, e, "PLACE", rule, 0.9, {"name": fullest[key], "kind": kind})
            for s, e, key, kind, rule in sorted(kept)]


@Language.component("zhnews_places")
def places_component(doc: Doc) -> Doc:
    """Places as ``doc.spans["places"]`` [name: the fullest form, kind]."""
    tokens = token_spans(doc)
    avoid = [(s.start_char, s.end_char) for key in ("organizations", "people") for s in doc.spans.get(key, [])]
    text = doc_text(doc)
    set_spans(doc, "places", find_places(text, tokens, avoid))
    return doc
