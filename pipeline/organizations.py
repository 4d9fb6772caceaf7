"""Stage 4b, organizations: named institutions, each mention carrying the fullest form the article gives.

Rules, strongest first:
- the lexicons of national bodies, international organizations, media and widely known companies with
  their short forms (``national_bodies.tsv``, ``companies.tsv``): 工信部 is a mention of 工业和信息化部;
- an organization suffix (``org_suffixes.tsv``: 公司, 研究中心, 区委, 协会…) with a sound left boundary
  and a specific stem (a place, a word jieba does not know, a proper noun): 北京服务外包企业协会;
- title frames: the qualifier of a title at a person (旷视科技党委书记 → 旷视科技, 博雅辑因首席执行官);
- list frames: 华为、用友网络、北斗星通等科技创新企业.
Generic references (该公司, 管委会, 商务部门) and 本报 are not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from . import entity_rules as er
from . import lexicons
from .clean import CJK
from .spans import Match, doc_text, set_spans, token_spans

Token = tuple[int, int, str]

#: stems that make a suffix word generic (该公司, 有关部门, 全国政协 is in the lexicon)
_GENERIC_HEADS = ("该", "本", "各", "有关", "相关", "这", "那", "其", "我", "贵", "原", "此", "每", "上述", "多家",
                  "一家", "一些", "国内", "国外", "地方", "基层", "当地", "全市", "全区", "全省", "全县")
#: stems of national scope that make a generic-looking name specific (中国电子信息产业发展研究院)
_NATIONAL = ("中国", "中华", "中央", "国家", "全国", "国务院")
_INTERNAL_UNITS = ("党委", "党组", "董事会", "党支部", "监事会", "理事会", "党总支")
#: title heads that a company or institution gives (X首席执行官Y → X is an organization)
_CORPORATE_TITLES = frozenset({"首席执行官", "总裁", "副总裁", "董事长", "副董事长", "总经理", "副总经理", "创始人",
                               "联合创始人", "首席技术官", "首席财务官", "首席运营官", "首席科学家", "CEO", "书记",
                               "党委书记", "主席", "院长", "所长", "理事长", "会长", "教授", "研究员", "主任", "社长"})
_LIST_FRAME = re.compile(rf"((?:[{CJK}A-Za-z“”]{{2,10}}、)+[{CJK}A-Za-z“”]{{2,10}})等(?:[{CJK}]{{0,10}}?)"
                         rf"(企业|公司|机构|集团|银行|高校|院校|单位|媒体|厂商)")
#: suffixes that are ordinary words too (北京高端科技创新): only after a brand name jieba does not know
_BRAND_SUFFIXES = frozenset({"科技", "网络", "电子", "生物", "医药", "资本", "能源", "航空", "汽车", "证券", "保险",
                             "基金",
                             "控股", "实业", "电器", "制药"})


def _freq(word: str) -> int:
    from .segment import segmenter

    return segmenter().FREQ.get(word, 0)


def _brand_ok(text: str, tokens: Sequence[Token], k: int, start: int, end: int, bounds: set[int]) -> bool:
    """旷视科技, 高领资本: the word before is unknown to jieba, and the name is not the start of a longer
    compound (科技创新, 资本市场)."""
    before = [(i, t) for i, t in enumerate(tokens[max(0, k - 3):k + 1], max(0, k - 3)) if t[1] == start]
    if not before:
        return False
    i, (_s, _e, word) = before[0]
    tag = er.tag(word)
    alone = i == 0 or er.stops_phrase(tokens[i - 1][2])
    rare = _freq(word) < 50  # 高领 yes, 全球 no
    if tag not in ("x", "nz", "nr", "nrt") and not (tag == "n" and alone and rare and len(word) >= 2):
        return False
    after = [t for t in tokens if t[0] == end]
    return not after or len(after[0][2]) == 1 or er.stops_phrase(after[0][2]) or \
        er.tag(after[0][2]) in ("v", "vn", "p", "c", "d", "uj", "ul") or after[0][2] in er.titles() or \
        after[0][2] in _INTERNAL_UNITS
_LATIN = re.compile(r"[A-Za-z]")


@cache
def lexicon_entries() -> tuple[er.Entry, ...]:
    rows = [*lexicons.table("national_bodies"), *lexicons.table("companies")]
    return tuple(er.Entry(r["name"], r.get("kind") or "other",
                          tuple(dict.fromkeys(f for f in [r["name"], *r.get("forms", "").split("|")] if f)))
                 for r in rows)


@cache
def _lexicon_index() -> tuple[re.Pattern[str], dict[str, list[int]]]:
    index: dict[str, list[int]] = {}
    for i, entry in enumerate(lexicon_entries()):
        for form in entry.forms:
            index.setdefault(form, []).append(i)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(index, key=len, reverse=True)))
    return pattern, index


def _boundary_ok(text: str, start: int, end: int, bounds: set[int], form: str) -> bool:
    if _LATIN.match(form):
        return not (start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()) and \
            not (end < len(text) and text[end].isascii() and text[end].isalnum())
    if len(form) <= 3:
        return start in bounds and end in bounds
    return True


def _specific(text: str, tokens: Sequence[Token], stem_start: int, stem_end: int) -> bool:
    """Whether the stem of a suffix name names something (a place, an unknown or proper word, Latin
    letters, a quoted part, national scope) rather than a kind of thing (该, 有关, 科技服务)."""
    stem = text[stem_start:stem_end]
    if not stem or stem.startswith(_GENERIC_HEADS):
        return False
    if "“" in stem or _LATIN.search(stem) or stem.startswith(_NATIONAL):
        return True
    places = er.place_forms()
    for s, e, w in tokens:
        if e <= stem_start or s >= stem_end:
            continue
        if w in places or er.tag(w) in ("x", "ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "eng"):
            return True
    return False


def find_organizations(text: str, tokens: Sequence[Token], titles: Iterable[tuple[int, int]] = (),
                       avoid: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """Organizations in ``text``. ``titles`` are (start, end) of title phrases at people (for title frames),
    ``avoid`` are spans of people's names."""
    bounds = {t[0] for t in tokens} | {t[1] for t in tokens}
    starts = [t[0] for t in tokens]
    found: list[tuple[int, int, str, str, str]] = []  # start, end, entity key, kind, rule
    avoid = list(avoid)

    # 1. lexicon
    pattern, index = _lexicon_index()
    entries = lexicon_entries()
    for m in pattern.finditer(text):
        if not _boundary_ok(text, m.start(), m.end(), bounds, m.group()):
            continue
        entry = entries[index[m.group()][0]]
        found.append((m.start(), m.end(), "lex:" + entry.name, entry.kind, "org_lexicon"))

    # 2. suffixes
    kinds = er.org_suffix_kinds()
    from bisect import bisect_right
    for m in er.org_suffix_pattern().finditer(text):
        end = m.end()
        title_after = er.title_pattern().match(text, end)
        if end not in bounds and end < len(text) and not (title_after and title_after.end() in bounds):
            continue
        suffix = m.group()
        k = max(0, bisect_right(starts, m.start()) - 1)
        if len(suffix) == 1 and not (tokens[k][2] == suffix or er.tag(tokens[k][2]) == "x"):
            continue  # 总部, 常委, 干部: the suffix character belongs to an ordinary word
        if suffix in _BRAND_SUFFIXES and not _brand_ok(text, tokens, k, m.start(), end, bounds):
            continue
        i = max(0, bisect_right(starts, m.start()) - 1)
        j = er.walk_left(tokens, i, limit=20, joiners=("与",))
        start = tokens[j][0] if j < i else tokens[i][0]
        start = _trim(text, tokens, start, m.start())
        if start >= m.start() or (len(suffix) == 1 and m.start() - start < 2):
            continue
        name = text[start:end]
        if name in kinds or "等" in name or \
                (suffix not in _BRAND_SUFFIXES and not _specific(text, tokens, start, m.start())):
            continue
        if suffix in _INTERNAL_UNITS and text[start:m.start()] not in er.place_forms() and \
                not text[start:m.start()].endswith(("镇", "乡", "村", "街道")):
            continue  # 旷视科技党委 is a unit of the company, 沙土镇党委 an organization of its own
        if len(suffix) == 1 and er.tag(name) not in ("x", "nt", "nz", "j"):
            continue
        found.append((start, end, "name:" + name, kinds[suffix], "org_suffix"))

    # 3. title frames
    for a, b in titles:
        phrase = text[a:b]
        head = er.title_pattern().search(phrase)
        heads = [h for h in er.titles() if phrase.endswith(h)]
        head_word = max(heads, key=len) if heads else (head.group() if head else "")
        qualifier = phrase[: len(phrase) - len(head_word)] if head_word else ""
        for unit in _INTERNAL_UNITS:
            if qualifier.endswith(unit):
                qualifier = qualifier[: -len(unit)]
        corporate = head_word in _CORPORATE_TITLES or head_word.endswith(tuple(_CORPORATE_TITLES))
        if len(qualifier) < 2 or not corporate:
            continue
        q_end = a + len(qualifier)
        if qualifier in er.place_forms() or not _specific(text, tokens, a, q_end):
            continue
        suffix_kind = next((kind for suf, kind in sorted(kinds.items(), key=lambda kv: -len(kv[0]))
                            if qualifier.endswith(suf)), "company")
        found.append((a, q_end, "name:" + qualifier, suffix_kind, "org_title_frame"))

    # 4. list frames
    for m in _LIST_FRAME.finditer(text):
        kind = "school" if m.group(2) in ("高校", "院校") else "media" if m.group(2) == "媒体" else "company"
        offset = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            a, b = offset, offset + len(item)
            offset = b + 1
            if k == 0:  # the first item's left edge: where the phrase before it stops (聚集了华为)
                i = max(0, bisect_right(starts, b - 1) - 1)
                a = max(a, tokens[er.walk_left(tokens, i + 1, limit=10)][0])
            item = text[a:b].strip("“”")
            if len(item) < 2 or item in er.place_forms() or er.tag(item) in ("n", "v", "vn", "a"):
                continue
            found.append((a, b, "name:" + text[a:b], kind, "org_list_frame"))

    return _resolve(text, found, avoid)


def _trim(text: str, tokens: Sequence[Token], start: int, limit: int) -> int:
    """Drop leading verbs and function words the walk took along (依托, 与)."""
    for s, e, w in tokens:
        if s < start:
            continue
        if s >= limit:
            break
        if s == start and (er.tag(w) in ("v", "p", "c", "d", "uj", "ul", "r") and w not in er.org_suffix_kinds()
                           and not er.place_forms().__contains__(w)):
            start = e
            continue
        break
    return start


def _resolve(text: str, found: list[tuple[int, int, str, str, str]], avoid: list[tuple[int, int]]) -> list[Match]:
    """Longest non-overlapping spans win; every mention of an entity carries its fullest form."""
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = list(avoid)
    kept: list[tuple[int, int, str, str, str]] = []
    for f in found:
        if any(f[0] < y and x < f[1] for x, y in taken):
            continue
        taken.append((f[0], f[1]))
        kept.append(f)
    # fullest written form per entity; names met as a suffix form of a lexicon entry join it
    fullest: dict[str, str] = {}
    kinds: dict[str, str] = {}
    # 海淀区区委 and 海淀区委 are one body
    kept = [(s, e, re.sub(r"(区|市|县|省|镇|乡)\1(委|政府)", r"\1\2", key), kind, rule)
            for s, e, key, kind, rule in kept]
    counts: dict[tuple[str, str], int] = {}
    for start, end, key, kind, _rule in kept:
        counts[key, text[start:end]] = counts.get((key, text[start:end]), 0) + 1
        kinds.setdefault(key, kind)
    for (key, form), n in counts.items():
        best = fullest.get(key)
        # the fullest form; between two spellings of one name (海淀区区委 / 海淀区委) the more frequent
        if best is None or (len(form) > len(best) and (form.startswith("lex") or not _respelling(best, form))) \
                or (_respelling(best, form) and (n, -len(form)) > (counts[key, best], -len(best))):
            fullest[key] = form
    # an unlisted name that another mention abbreviates by a leading place (新华社 / 中国新华社) is one entity
    return [Match(s, e, "ORG", rule, 0.9, {"name": fullest[key].strip("“”") if fullest[key].count("“") == 0
                                           else fullest[key], "kind": kinds[key]})
            for s, e, key, _kind, rule in sorted(kept)]


def _respelling(a: str, b: str) -> bool:
    return re.sub(r"(区|市|县|省|镇|乡)\1", r"\1", a) == re.sub(r"(区|市|县|省|镇|乡)\1", r"\1", b)


@Language.component("zhnews_organizations")
def organizations_component(doc: Doc) -> Doc:
    """Organizations as ``doc.spans["organizations"]`` [name: the fullest form, kind]."""
    tokens = token_spans(doc)
    people = doc.spans.get("people", [])
    text = doc_text(doc)
    titles = []
    for span in people:
        for title in span._.info.get("titles", []):
            a = text.rfind(title, max(0, span.start_char - len(title) - 40), span.start_char)
            if a >= 0:
                titles.append((a, a + len(title)))
    avoid = [(s.start_char, s.end_char) for s in people]
    set_spans(doc, "organizations", find_organizations(text, tokens, titles, avoid))
    return doc
