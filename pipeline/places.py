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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from . import entity_rules as er
from . import lexicons
from .clean import CJK
from .spans import Match, doc_text, info_of, set_spans, token_spans

Token = tuple[int, int, str]
_LOCAL_SUFFIXES = ("街道", "镇", "乡", "村")
#: natural features and structures after a proper stem (三清湖, 一都溪, 魁星岩, 东关桥, 尼雷尔大桥, 色拉寺, 布达拉宫)
_FEATURE_SUFFIXES = ("林场", "水库", "大桥", "海峡", "半岛", "群岛", "瀑布", "温泉", "山", "湖", "江", "河", "溪", "岛",
                     "港", "湾", "岩", "桥", "峰", "岭", "峡", "洞", "寺", "宫")
_SUFFIX_TUPLE = (*_LOCAL_SUFFIXES, *_FEATURE_SUFFIXES)
_SUFFIXES_LONGEST = sorted(_SUFFIX_TUPLE, key=len, reverse=True)
#: a village suffix that ends common words too (山庄, 农庄, 饭庄): a village only right after a division (柳林县前元庄)
_VILLAGE_AFTER_PLACE = ("庄",)
_LOCAL_RE = re.compile("|".join(sorted((*_SUFFIX_TUPLE, *_VILLAGE_AFTER_PLACE), key=len, reverse=True)))
_SUFFIX_LAST = re.compile("[" + "".join(sorted({s[-1] for s in _SUFFIX_TUPLE})) + "]")
#: characters that do not start a stem: function words jieba glued to it (委对乡, 而本乡, 叫凤叶村) and the
#: suffix of a place before it (一都镇三岭村)
_STEM_HEADS = frozenset("对与而本各叫由在从向把被和及或是为将让给该这那每其镇乡村溪河江湖山受至到往")
#: last characters of a word jieba glued a preposition or conjunction into (子到|耿镇, 堰及|斗山)
_GLUED_LINKS = frozenset("从在向到由往经至及和与或")
#: words jieba tags as places that name no one place
_GENERIC_PLACES = frozenset({"江山", "河山", "山河", "江湖", "港湾", "海湾", "青山", "高山", "深山", "大山", "山村",
                             "渔港", "小岛", "海岛", "大桥", "乡村", "城乡", "农村", "城镇", "乡镇", "新村"})
_CALLED = re.compile(rf"(?:叫|名叫|叫做|名为)([{CJK}]{{2,6}}?)的(?:地方|自然村|村子|村落|小村|山村|村庄|小镇)")
_LIST_KINDS = "村落|自然村|村庄|行政村|乡镇|景点|景区|城市"
_PLACE_LIST = re.compile(rf"((?:[{CJK}]{{2,6}}、)+[{CJK}]{{2,6}})等[0-9０-９一二三四五六七八九十几多]*个?"
                         rf"(?:{_LIST_KINDS})")
#: what every list frame holds: without 、, 等 and a kind word the frame is not looked for (the pattern
#: tries its items at every Chinese character)
_LIST_KIND = re.compile(_LIST_KINDS)
_PROPER_TAGS = frozenset({"x", "ns", "nz", "nr", "nrt", "nrfg", "j"})
_LATIN_NEXT = re.compile(r"[A-Za-z]")
_NATURAL_KINDS = frozenset({"river", "lake", "mountain", "gorge"})
#: 中 + a country's first character names the pair (中美, 中非) before these words
_BILATERAL = re.compile(r"中[美非欧日俄英法德印韩朝巴澳加埃南意西葡荷瑞希土越老柬泰缅新马菲蒙哈乌]")
_BILATERAL_NEXT = re.compile(r"两国|双方|关系|政党|论坛|峰会|对话|合作|友好|友谊|经贸|贸易|战略|交流|研讨会|人文|建交|"
                             r"联合|共同|企业家|领导人|元首|外长|、中")
_NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十")


@cache
def _forms_by_key() -> dict[str, tuple[str, ...]]:
    forms: dict[str, list[str]] = {}
    for form, (key, _kind, _short) in _lexicon()[1].items():
        forms.setdefault(key, []).append(form)
    return {k: tuple(v) for k, v in forms.items()}


def _forms_of(key: str) -> tuple[str, ...]:
    return _forms_by_key().get(key, ())


#: compass regions that are often only a direction (由西北流向东南)
_COMPASS = frozenset({"东北", "西北", "东南", "西南"})
_TOWARDS = re.compile(r"[流向到至往方角端侧部边风]|走向|方向")


_token_start = itemgetter(0)
_token_end = itemgetter(1)


#: words jieba glues to a short form that leave it the place (台湾同胞, 华北地区, 台湾当局)
_GLUED_AFTER = ("地区", "当局", "同胞", "人民", "民众", "居民")


def _country_glued(form: str, kind: str) -> bool:
    """法国|人, 中国|国情, 中国|航天 as one of jieba's words: a country's short form in 国 that starts the word
    is the country (no common word starts with 法国, 德国 or 中国)."""
    return kind == "country" and len(form) == 2 and form[1] == "国"


#: what stands before a place inside one of jieba's words without making it another word (新中国, 大上海)
_PLACE_PREFIXES = frozenset({"新", "全", "大", "老", "旧", "小", "东", "西", "南", "北", "中"})


def _inside_word(text: str, tokens: Sequence[Token], starts: Sequence[int], m_start: int, m_end: int,
                 kind: str = "") -> bool:
    """Whether a full lexicon name is only a piece of a dictionary word jieba read across its start
    (示范县 holds 范县, 沿海地区 holds 海地), or a county's name ends where a title word starts (五任|县长: 任县)."""
    if m_end - m_start == 2 and er.tag(text[m_end - 1:m_end + 1]) != "x" and text[m_end - 1:m_end + 1] in er.titles():
        return True  # 代县长, 五任县长: a one-character stem before a title word, not 代县 or 任县
    k = bisect_right(starts, m_start) - 1
    if k >= 0 and tokens[k][0] < m_start < tokens[k][1]:
        s, _e, w = tokens[k]
        head = w[:m_start - s]
        if er.tag(w) in ("x", "nr", "nrt"):
            return False
        return _e > m_end or (head not in _PLACE_PREFIXES and head not in er.place_forms())  # 大江南北 holds 江南
    j = bisect_right(starts, m_end - 1) - 1
    if j >= 0 and tokens[j][0] < m_end < tokens[j][1]:
        if kind == "region" and tokens[j][0] > m_start and er.tag(tokens[j][2]) in ("i", "l"):
            return True  # 中|原形毕露: a region's name whose end starts an idiom
        return tokens[j][2] in er.titles() and tokens[j][0] == m_end - 1  # 任|县长, not 北京市|民
    return False


@cache
def _lexicon() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[str, str, bool]]]:
    """The lengths of the forms by their first two characters (one for a one-character form), and every
    form → (entity key, kind, is a short form)."""
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
    for row in world_rows():
        index.setdefault(row["name"], ("w:" + row["name"], row["kind"], len(row["name"]) <= 2))
    for row in natural_rows():  # 渭河, 大别山, 陕北: only where it stands as a word (老人河|长 is none)
        index.setdefault(row["name"], ("w:" + row["name"], row["kind"], True))
    for row in lexicons.table("landmarks"):
        for form in [row["name"], *row.get("forms", "").split("|")]:
            if form:
                index.setdefault(form, ("m:" + row["name"], row.get("kind") or "landmark", False))
    lengths: dict[str, set[int]] = {}
    for form in index:
        lengths.setdefault(form[:2], set()).add(len(form))
    return {start: tuple(sorted(ns, reverse=True)) for start, ns in lengths.items()}, index


def lexicon_hits(text: str) -> list[tuple[int, int, str]]:
    """Every lexicon place in ``text`` as (start, end, form), longest at a position, left to right without
    overlaps. A dict of first two characters gives the few lengths a name starting there can have (one
    regex of all names tries each of them at every character; a trie of them, its ~1,100 first
    characters one by one)."""
    index = _lexicon()[1]
    by_two, by_one = _lengths_by_start()
    get2, get1 = by_two.get, by_one.get
    hits = []
    i = 0
    # only a character some form starts with can start a hit: the engine finds them in C (six characters
    # in ten are none), where a Python step per character would look them up in vain
    for found in _lexicon_first_chars().finditer(text):
        j = found.start()
        if j < i:
            continue  # inside the hit before
        # the lengths of the forms starting with these two characters (or this one), longest first: one
        # dict lookup, which finds nothing at nine candidates in ten
        # (a compiled pattern per first character cost 0.2-0.4 s of every cold start to compile)
        for k in get2(text[j:j + 2]) or get1(text[j], ()):
            form = text[j:j + k]
            if form in index:
                hits.append((j, j + len(form), form))
                i = j + k
                break
    return hits


@cache
def _lengths_by_start() -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """The lengths of the forms by their first two characters, longest first, followed by 1 where the
    first character is a form of its own; and those of one-character forms (for two characters that
    start no longer form)."""
    lengths, _ = _lexicon()
    by_one = {k: ns for k, ns in lengths.items() if len(k) == 1}
    by_two = {k: ns + by_one.get(k[0], ()) for k, ns in lengths.items() if len(k) == 2}
    return by_two, by_one


@cache
def _lexicon_first_chars() -> re.Pattern[str]:
    """One character class of every first character of a lexicon form (about 1,100)."""
    lengths, _ = _lexicon()
    return re.compile("[" + "".join(re.escape(c) for c in sorted({k[0] for k in lengths})) + "]")


@cache
def world_rows() -> tuple[dict[str, str], ...]:
    """World cities and regions (``world_places.tsv``, generated by tools/build_world_places.py)."""
    return lexicons.table("world_places")


@cache
def natural_rows() -> tuple[dict[str, str], ...]:
    """Rivers, lakes, mountains and regional names (``natural_places.tsv``, tools/build_natural_places.py)."""
    return lexicons.table("natural_places")


@cache
def _divisions() -> tuple[dict[str, str], dict[str, str]]:
    """Division name and short form → adcode; adcode → the forms of the division (for the support test)."""
    code: dict[str, str] = {}
    for row in er.division_rows():
        code.setdefault(row["name"], row["adcode"])
        if row.get("short"):
            code.setdefault(row["short"], row["adcode"])
    return code, {}


def _supported(short: str, kind: str, present: set[str]) -> bool:
    """A short form of a county (安宁, 同心, 石棉) or of a city jieba does not know as a place (安康) is
    often a common word: it counts only where the article also names its province or prefecture, or its
    full form. 海淀 counts in an article that names 北京; 青山 alone (绿水青山) does not."""
    if kind not in ("district", "city"):
        return True
    if kind == "city" and (er.tag(short) in ("ns", "nsf") or len(short) >= 3):
        return True  # 石家庄 (tagged a name), 呼和浩特: a city's three-character name is no common word
    codes, _ = _divisions()
    adcode = codes.get(short, "")
    if not adcode:
        return True
    if kind == "city" and adcode.endswith("0100") and not er.is_name_tag(short):
        return True  # 合肥, 银川: a province's capital (its first prefecture code) is the city in news; 拉萨 is
        # tagged as a person's name and still needs its province
    parents = {adcode[:2] + "0000", adcode[:4] + "00"} - {adcode}
    return any(codes.get(name) in parents or (codes.get(name) == adcode and name != short) for name in present)


@cache
def _abbreviations() -> tuple[re.Pattern[str], dict[str, str]]:
    """One-character country short forms (``country_abbreviations.tsv``) → entity key, and a pattern of two
    or more of them joined by 、 (美、俄、法、日)."""
    keys = {r["abbreviation"]: ("c:" + r["country"] if r.get("country") else "a:" + r["abbreviation"])
            for r in lexicons.table("country_abbreviations") if len(r["abbreviation"]) == 1}
    chars = "[" + "".join(re.escape(c) for c in keys) + "]"
    return re.compile(f"{chars}(?:、{chars})+"), keys


#: a list of one-character words that goes on into a word (中、英文, 中、日语) names languages, not countries
_ABBREVIATION_NEXT = re.compile(r"[文语字医药餐式部方剧菜籍资]")
_NUMERAL_BEFORE = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几]")


def _abbreviation_lists(text: str, bounds: set[int]) -> list[tuple[int, int, str, str, str]]:
    """美、俄、法、日等大国: each one-character short form of a country in a list of them is that country, where
    each stands as a word of its own (never 1日、2日, never 中、英文)."""
    pattern, keys = _abbreviations()
    out = []
    for m in pattern.finditer(text):
        items = range(m.start(), m.end(), 2)
        if any(i not in bounds or i + 1 not in bounds for i in items):
            continue
        if (m.start() and _NUMERAL_BEFORE.match(text, m.start() - 1)) or _ABBREVIATION_NEXT.match(text, m.end()):
            continue
        out.extend((i, i + 1, keys[text[i]], "country", "place_abbreviation_list") for i in items)
    return out


@cache
def _zone_pattern() -> re.Pattern[str]:
    return re.compile(lexicons.alternation("zone_suffixes"))


def find_places(text: str, tokens: Sequence[Token], avoid: Iterable[tuple[int, int]] = (),
                people: Iterable[tuple[int, int]] = (), seats: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """Places in ``text``; ``avoid`` are spans of organizations (a place inside one is no place), ``people``
    spans of people's names (a place may be named after one: 尼雷尔大桥), ``seats`` the divisions local
    bodies belong to (左口乡 of 左口乡纪委), places of their own."""
    starts = list(map(_token_start, tokens))
    bounds = {*starts, *map(_token_end, tokens)}
    found: list[tuple[int, int, str, str, str]] = []
    index = _lexicon()[1]
    hits = lexicon_hits(text)
    present = {form for _a, _b, form in hits}
    lexicon_ends_so_far: set[int] = set()
    avoid = list(avoid)
    org_ends = {y for _x, y in avoid}
    for m_start, m_end, form in hits:
        key, kind, short = index[form]
        if short and not (m_start in bounds and (m_end in bounds or text.startswith(_GLUED_AFTER, m_end) or
                                                 _country_glued(form, kind))):
            continue
        if not short and _inside_word(text, tokens, starts, m_start, m_end, kind):
            continue  # 示范|县, 沿海|地区 (not 海地), 以东|山区, 五任|县长: the name is a piece of another word
        if _LATIN_NEXT.match(text, m_end) or (m_start and _LATIN_NEXT.match(text, m_start - 1)):
            continue  # 天元MegEngine: a product name, not a district
        if short and key.startswith("d:") and not _supported(form, kind, present):
            continue
        if m_start in org_ends and (text.startswith("中心", m_end) or er.org_suffix_pattern().match(text, m_end)):
            continue  # 莱顿大学亚洲中心: a department of the body before it, named after a region
        if _parallel(text, m_start, m_end):
            continue  # 金山银山: a parallel idiom, not the district
        if text.startswith("族", m_end):
            continue  # 朝鲜族: a nationality, not the country
        if _BILATERAL.fullmatch(form) and (_BILATERAL_NEXT.match(text, m_end) or
                                           (short and not any(f != form and f in present for f in _forms_of(key)))):
            continue  # 中非政党理论研讨会, 中非在各领域的合作: China and Africa, unless 中非共和国 is named
        if form[0] in "日月年" and m_start and text[m_start - 1] in _NUMERALS:
            continue  # 11日本报: a date's day and 本报, not Japan
        after_towards = m_start > 0 and text[m_start - 1] in "由从向往朝自"
        if form in _COMPASS and (_TOWARDS.match(text, m_end) or after_towards or m_start in lexicon_ends_so_far):
            continue  # 由西北流向东南, 三清湖东北端: a direction, not the region
        end = m_end
        if key.startswith("d:") and kind == "city" and text.startswith("地区", end):
            end += 2  # 吕梁地区: a prefecture by its former name
        elif key.startswith("w:") and kind == "city" and end < len(text) and text[end] in "市省州县" and \
                (end + 1 in bounds or text.startswith(("市长", "市政", "省长", "州长", "县长"), end + 1)):
            end += 1  # 维也纳市, 布宜诺斯艾利斯省, 康斯坦察县: the world city's division written in full
        found.append((m_start, end, key, kind, "place_lexicon"))
        lexicon_ends_so_far.add(end)
    lexicon_ends = {e for _s, e, *_ in found}
    found.extend(_abbreviation_lists(text, bounds))

    def between(a: int, b: int) -> Sequence[Token]:
        """The tokens inside [a, b), found by bisection (never a scan of the whole article per match)."""
        return tokens[bisect_left(starts, a):bisect_left(starts, b)]

    def stem_start(suffix_start: int, limit: int) -> int:
        i = max(0, bisect_right(starts, suffix_start) - 1)
        j = er.walk_left(tokens, i, limit=limit)
        return tokens[j][0] if j < i else tokens[i][0]

    # towns, villages and natural features: a proper stem right before 镇/乡/村, 山/湖/溪/岛/桥…
    town_ends: set[int] = set()
    for m in _LOCAL_RE.finditer(text):
        # 龙潭|村往|下: jieba glued the next character on (the token holding the suffix's start: a slice of
        # one, not a copy of every token after it)
        k = max(0, bisect_right(starts, m.start()) - 1)
        glued = next((t for t in tokens[k:k + 1] if t[0] == m.start() and er.tag(t[2]) == "x"), None)
        if m.end() not in bounds and m.end() < len(text) and glued is None:
            continue
        local = m.group() in _LOCAL_SUFFIXES or m.group() in _VILLAGE_AFTER_PLACE
        if text.startswith("长", m.end()) and m.group() in ("河", "湖", "江"):
            continue  # 河长, 湖长: the official in charge of a river, not a river
        span = _local_stem(text, tokens, starts, m.start(), m.end(), local)
        if span is None:
            continue
        start = span
        after_place = start in lexicon_ends or (m.group() == "村" and start in town_ends)  # 长乐镇|水竹村
        stem = text[start:m.start()]
        stem_words = [w for _a, b, w in between(start, m.start()) if b <= m.start()]
        proper = er.tag(stem) in _PROPER_TAGS or any(er.tag(w) in _PROPER_TAGS or w in er.place_forms()
                                                    for w in stem_words)
        if not (after_place or proper) or (m.group() in _VILLAGE_AFTER_PLACE and not after_place):
            continue
        if not local and not after_place and not all((len(w) > 1 or len(stem_words) == 1) and
                                                     (er.tag(w) in _PROPER_TAGS or w in er.place_forms())
                                                     for w in stem_words):
            continue  # 流行达峰, 守护一湾: a feature needs a stem of proper words only
        if m.end() - start == 4 and text[start + 1] == text[start + 3]:
            continue  # 爱河护河, 绿水青山: a parallel phrase
        found.append((start, m.end(), "n:" + text[start:m.end()], "town" if local else "feature",
                      "place_local_suffix"))
        if m.group() in ("镇", "乡", "街道"):
            town_ends.add(m.end())
    # a word jieba knows as a place that ends like one (三清山, 曼哈顿岛, 伊丽莎白港)
    # only the words ending where a suffix's last character stands (found by the engine, the word by
    # bisection) can end in a suffix: no Python step for each of the article's words
    for m in _SUFFIX_LAST.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or tokens[k][1] != m.end():
            continue
        a, b, w = tokens[k]
        if len(w) >= 2 and (er.tag(w) in ("ns", "nsf") or _named_like_a_person(w)) and w.endswith(_SUFFIX_TUPLE) \
                and w not in _GENERIC_PLACES \
                and w[0] not in _STEM_HEADS and \
                (segmenter_freq(w) < 30 or (w.endswith(("寺", "宫")) and len(w) >= 3)) and \
                not (len(w) == 2 and er.tag(w[0]) in ("v", "vg", "a")):  # 山岭, 港人治港 are frequent; 治山 a verb
            found.append((a, b, "n:" + w, "feature", "place_known_word"))
    # frames: 一个叫大叶林场的地方; 凤岗岭脚、栗木坑、瓦窑等八个村落
    for m in _CALLED.finditer(text):
        found.append((m.start(1), m.end(1), "n:" + m.group(1), "town", "place_called_frame"))
    for m in _PLACE_LIST.finditer(text) if "等" in text and "、" in text and _LIST_KIND.search(text) else ():
        offset = m.start(1)
        for item in m.group(1).split("、"):
            a, b = offset, offset + len(item)
            offset = b + 1
            if a == m.start(1):  # the first item's left edge: where the phrase before it stops
                i = max(0, bisect_right(starts, b - 1) - 1)
                a = max(a, tokens[er.walk_left(tokens, i + 1, limit=6)][0])
            if 2 <= b - a <= 6:
                found.append((a, b, "n:" + text[a:b], "town", "place_list_frame"))

    # named zones, parks, landmarks
    for m in _zone_pattern().finditer(text):
        if m.end() not in bounds and m.end() < len(text):
            continue
        start = stem_start(m.start(), 16)
        if start >= m.start():
            continue
        stem_tokens = [(s, w) for s, e, w in between(start, m.start()) if e <= m.start()]
        if stem_tokens and er.tag(stem_tokens[-1][1]) in ("m", "mq"):
            continue  # 三大片区: counted, not named
        proper = [s for s, w in stem_tokens if w in er.place_forms() or er.tag(w) in _PROPER_TAGS]
        if not proper:
            continue
        start = proper[0]  # verbs the walk took along (持续发挥, 希望) are not part of the name
        verbs = [e for _s, e, w in between(start, m.start())
                 if e <= m.start() and (er.tag(w) == "p" or (len(w) == 1 and er.tag(w) == "v"))]
        if verbs:  # 长春到|吉林延吉西站: a preposition or one-character verb ends a phrase (科技创新片区 goes on)
            start = next((s for s in proper if s >= verbs[-1]), m.start())
            if start >= m.start():
                continue
        cut = [e for s, e, w in between(start, m.start()) if e <= m.start() and
               (w in _name_stops() or er.tag(w) in ("m", "mq") or any(c.isdigit() for c in w))]
        if cut:  # 东非最大斜拉式跨海大桥, 1个国家4a级旅游区: a description, not a name
            continue
        # a country or a town before a named zone is a place of its own (坦桑尼亚|尼雷尔国际会议中心)
        head = next(((a, b) for a, b, key, _k, _r in found if a == start and b < m.start() and
                     (key.startswith("c:") or (key.startswith("n:") and text[b - 1] in "镇乡"))), None)
        if head and any(er.tag(w) in ("x", "nr", "nrt", "nz") for _s, _e, w in between(head[1], m.start())):
            start = head[1]
        found.append((start, m.end(), "n:" + text[start:m.end()], "zone", "place_zone_suffix"))
    found.extend(_list_items(text, tokens, starts, found))
    found.extend(_foreign_divisions(text))
    for a, b in seats:  # 海淀区 of 海淀区委 is the 海淀 the article names elsewhere
        key, kind, _short = index.get(text[a:b], ("n:" + text[a:b], "town", False))
        found.append((a, b, key, kind, "place_seat"))
    people = list(people)
    person_ends = {y for _x, y in people}
    person_starts = {x for x, _y in people}
    found = [f for f in found if (f[4] not in ("place_local_suffix", "place_known_word") and
                                  f[3] not in _NATURAL_KINDS) or not (
        (f[0] > 0 and text[f[0] - 1] == "、" and f[0] - 1 in person_ends) or
        (text[f[1]:f[1] + 1] == "、" and f[1] + 1 in person_starts))]  # 石秀诗、阳安江等: a list of people
    return _resolve(text, found, list(avoid), people, set(seats))


_LIST_RUN = re.compile(rf"[{CJK}]{{2,8}}(?:、[{CJK}]{{2,8}})+")
#: tags of words that end a list item read outwards from the list (以|岵山古镇, 大羽村|为)
_ITEM_STOP_TAGS = frozenset({"p", "v", "vn", "uj", "ul", "c", "d", "r", "f", "m"})
_LIST_SUFFIXES = (*_SUFFIX_TUPLE, "古镇", "温泉")


def _list_items(text: str, tokens: Sequence[Token], starts: list[int],
                found: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """A list item beside places that ends like a place is one (桃溪水利风景区、东关桥、魁星岩: 魁星岩, which jieba cuts
    魁星|岩): three to six characters ending in a town or feature suffix, in a 、 list where another item is a
    place found by the other rules."""
    spans = {(f[0], f[1]) for f in found}
    ends = {f[1]: f[0] for f in found}
    out = []
    for m in _LIST_RUN.finditer(text):
        items: list[tuple[int, int]] = []
        offset = m.start()
        parts = m.group().split("、")
        for k, part in enumerate(parts):
            a, b = offset, offset + len(part)
            offset = b + 1
            inner = [t for t in tokens[bisect_left(starts, a):bisect_left(starts, b)] if t[1] <= b]
            if k == 0:  # read leftwards from the 、 to the first function word or verb
                for t in reversed(inner):
                    if er.tag(t[2]) in _ITEM_STOP_TAGS:
                        break
                    a = t[0]
                else:
                    a = a if not inner else inner[0][0]
                if inner and er.tag(inner[-1][2]) in _ITEM_STOP_TAGS:
                    a = b
            if k == len(parts) - 1:  # read rightwards to the first function word
                stop = next((t[0] for t in inner if er.tag(t[2]) in _ITEM_STOP_TAGS and t[0] > a), b)
                b = stop
            items.append((a, b))
        placed = [any(e == b and ends[e] >= a for e in [b] if e in ends) for a, b in items]
        if not any(placed):
            continue
        for (a, b), is_place in zip(items, placed, strict=True):
            word = text[a:b]
            if is_place or not (3 <= b - a <= 6) or not word.endswith(_LIST_SUFFIXES) or (a, b) in spans \
                    or word in _GENERIC_PLACES or word[0] in _STEM_HEADS or _parallel(text, a, b) or \
                    (er.tag(word) not in ("", "x", "ns", "nsf", "nr", "nz") and segmenter_freq(word) >= 5) or \
                    segmenter_freq(word) >= 30 or _common_stem(word):
                continue  # 上山下乡: an idiom jieba knows; 小山村: a kind of village
            out.append((a, b, "n:" + word, "feature", "place_list_item"))
    return out


_FOREIGN_DIVISION = re.compile(r"(?:省|州|县|郡|邦|大区)(?=[长府议政境的，、。 等和与也发]|省长|州长|县长|区长|首府)")


def _foreign_divisions(text: str) -> list[tuple[int, int, str, str, str]]:
    """A province, state or county of another country: three to six transliteration characters before 省/州/县/郡/邦,
    the division followed by its head, seat, body or a stop (姆旺扎省省长, 贾拉拉巴德州的)."""
    from .people import _name_chars, is_translit_char

    scores = _name_chars()

    def score(c: str) -> float:
        return scores[c][1] if c in scores else -9.0

    index = _lexicon()[1]
    out = []
    for m in _FOREIGN_DIVISION.finditer(text):
        a = m.start()
        while a > 0 and m.start() - a < 6 and score(text[a - 1]) >= -4.0:
            a -= 1
        run = text[a:m.start()]
        if len(run) < 3 or (a > 0 and score(text[a - 1]) >= -4.0) or sum(map(is_translit_char, run)) < 2 \
                or sum(map(score, run)) / len(run) < -1.0:
            continue  # a longer run is some other phrase; 康斯坦察 needs the translit score of most characters
        if run in index or text[a:m.end()] in index:
            continue  # a place of China's or one the lexicon knows
        out.append((a, m.end(), "n:" + text[a:m.end()], "division", "place_foreign_division"))
    return out


def _named_like_a_person(word: str) -> bool:
    """jieba tags some place words as names (西营镇, 天子山, 怀玉山 nr): three characters, not starting with a
    common surname (王青山 is a person), ending in a town or feature suffix (tested by the caller), the stem no
    common adjective, verb or very frequent noun."""
    if len(word) != 3 or er.tag(word) not in ("nr", "nrt", "nrfg") or word[0] in lexicons.words("surnames_common") \
            or word[0] in _STEM_HEADS or word[0] == "于":
        return False  # 于松山: at 松山; four characters are mostly idioms (铁证如山)
    return not _common_stem(word)


def _common_stem(word: str) -> bool:
    """The stem before a feature or town suffix is a common adjective, verb or very frequent noun (小瀑布, 美食村)."""
    stem = next((word[:-len(x)] for x in _SUFFIXES_LONGEST if word.endswith(x)), word[:-1])
    tag, freq = er.tag(stem), segmenter_freq(stem)
    return (tag in ("a", "v", "vn", "ad", "d") and freq >= 200) or (tag == "n" and freq >= 2000)


def _parallel(text: str, start: int, end: int) -> bool:
    """A two-character word in a parallel four-character phrase (金山银山, 绿水青山, 爱河护河): its last character
    comes again two characters on, or came two characters before."""
    if end - start != 2:
        return False
    after = text[end:end + 2]
    before = text[start - 2:start] if start >= 2 else ""
    return (len(after) == 2 and after[1] == text[end - 1] and not er.stops_phrase(after[0])) or \
        (len(before) == 2 and before[1] == text[end - 1] and not er.stops_phrase(before[0]))  # 中国的国际 is none


def _local_stem(text: str, tokens: Sequence[Token], starts: list[int], suffix_start: int, suffix_end: int,
                local: bool) -> int | None:
    """Start of the proper stem before a town or feature suffix, or None: the word before the suffix (and
    the one before that where jieba glued the suffix's neighbour to it: 水江|头村, 船|山岩), two to four
    characters, none of them a function word, a predicate or a common word that swallows the suffix
    (新农村, 绿水青山)."""
    k = max(0, bisect_right(starts, suffix_start) - 1)
    s, e, w = tokens[k]
    if s < suffix_start:  # the suffix is inside a word: only an unknown or place word may end in it (头村, 西营镇)
        if er.tag(w) not in ("x", "ns") or e > suffix_end or w in _GENERIC_PLACES or \
                (not local and er.tag(w) == "ns" and segmenter_freq(w) >= 30):
            return None  # 港人治港: a frequent word jieba tags as a place is a slogan, not a port
        start = s
    else:
        if k == 0:
            return None
        start = tokens[k - 1][0]
        k -= 1
    stem_words = [t for t in tokens[k:k + 3] if t[0] >= start and t[1] <= suffix_start] or [tokens[k]]
    if suffix_start - start < 2 and k > 0:
        prev = tokens[k - 1]
        if not (er.stops_phrase(prev[2]) or prev[2] in er.place_forms() or prev[2][-1] in _GLUED_LINKS) and \
                (len(prev[2]) == 1 or er.tag(prev[2]) in _PROPER_TAGS):
            # 水江|头村; not 子到|耿镇, 堰及|斗山 (a preposition or conjunction glued on), 带队|走村 (a common word)
            start = prev[0]
            stem_words = [prev, *stem_words]
    while suffix_start - start > 2 and text[start] in _STEM_HEADS:
        start += 1
    stem = text[start:suffix_start]
    if not local and stem[-1] in "上下里中内外边旁畔前后":
        return None  # 渭河上|桥: a bridge on the river, no name
    if len(stem) >= 3 and stem[-1] in "从在向到由往经" and er.tag(stem[:-1]) != "x":
        return None  # 身影从|镇文化站: a preposition jieba glued to the suffix
    if not (2 <= len(stem) <= 4) or not all(er.HAN.match(c) for c in stem) or stem[0] in _STEM_HEADS:
        return None
    if any(er.stops_phrase(t[2]) or t[2] in _name_stops() for t in stem_words if t[0] >= start):
        return None
    if any(t[0] < start < t[1] and er.tag(t[2]) != "x" for t in stem_words):
        return None  # the stem would start inside a dictionary word
    if (er.tag(stem) in ("n", "v", "vn", "a", "l", "i", "d", "m", "t", "r") and segmenter_freq(stem) >= 50) or \
            (len(stem) > 2 and er.tag(stem) not in ("ns", "nsf") and segmenter_freq(stem) >= 100):
        return None  # 老大难村 (tagged nr), 新农村: a common word before the suffix
    return start


def segmenter_freq(word: str) -> int:
    from .segment import segmenter

    return segmenter().FREQ.get(word, 0)


@cache
def _name_stops() -> frozenset[str]:
    return lexicons.words("name_stops")


def _resolve(text: str, found: list[tuple[int, int, str, str, str]], avoid: list[tuple[int, int]],
             people: list[tuple[int, int]], seats: set[tuple[int, int]]) -> list[Match]:
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    kept = []
    for f in found:
        if any(f[0] < y and x < f[1] for x, y in taken):
            continue
        if (f[0], f[1]) not in seats and any(f[0] < y and x < f[1] for x, y in avoid):
            continue
        # a person's name may begin a place's (尼雷尔大桥); a lexicon place is no person (莫斯科)
        if any(f[0] < y and x < f[1] and not ((f[0] <= x and y < f[1]) or
                                              (f[4] == "place_lexicon" and (x, y) == (f[0], f[1]) and
                                               not f[2].startswith("d:")))
               for x, y in people):
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
    orgs = doc.spans.get("organizations", [])
    avoid = [(s.start_char, s.end_char) for s in orgs]
    people = [(s.start_char, s.end_char) for s in doc.spans.get("people", [])]
    seats = [tuple(i["seat"]) for i in map(info_of, orgs) if i.get("seat")]
    text = doc_text(doc)
    set_spans(doc, "places", find_places(text, tokens, avoid, people, seats))
    return doc
