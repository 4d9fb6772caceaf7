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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from . import entity_rules as er
from . import lexicons
from .clean import CJK
from .lexicons import trie_pattern
from .spans import Match, doc_text, info_of, set_spans, token_spans

Token = tuple[int, int, str]
#: start, end, entity key, kind, rule, the division a local body belongs to (its seat) or None
Found = tuple[int, int, str, str, str, "tuple[int, int] | None"]

#: stems that make a suffix word generic (该公司, 有关部门, 全国政协 is in the lexicon)
_GENERIC_HEADS = ("该", "本", "各", "有关", "相关", "外国", "外资", "这", "那", "其", "我", "贵", "原", "此", "每",
                  "上市", "国有", "民营", "私营", "合资", "独资", "跨国", "大型", "中小", "骨干", "龙头",
                  "上述", "多家", "一家", "一些", "国内", "国外", "地方", "基层", "当地", "全市", "全区", "全省",
                  "全县", "乡镇", "村办", "乡办", "镇办", "县办", "校办", "街办")
#: stems that only name a level of administration, not one division (县纪委, 镇党委, 乡镇纪委)
_LEVEL_WORDS = frozenset({"省", "市", "县", "区", "镇", "乡", "村", "州", "乡镇", "街道", "社区", "村级", "县级",
                          "市级", "省级", "全国", "中央", "地方", "国家"})
#: one-character prepositions jieba glues to the next character of a name it does not know (由县纪委, 经镇纪委)
_LEVELS = ("乡镇", "街道", "社区", "省", "市", "县", "区", "镇", "乡", "村")
_GLUED_PREPOSITIONS = frozenset("由经对令被向从把将给在让据")
#: a counted group is no name (建设三大国际科技创新中心, 4个主要反对党)
_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十两几多]+[大个家所项类支]")
#: time words that do occur inside names (中国电子信息产业发展研究院未来产业研究中心, 现代党)
_NAME_TIME_WORDS = frozenset({"未来", "现代", "当代", "近代", "古代", "今日", "明日"})
#: suffix kinds of the bodies of a division (淳安县纪委, 沙土镇党委): of a chain of divisions before one
#: (浙江省淳安县左口乡纪委) only the last names the body, the others are places
_SEATED_KINDS = frozenset({"party", "government", "court"})
#: suffixes after which a country, written right before, starts the name (摩洛哥真实性与现代党, 中国使馆)
_COUNTRY_BODY_KINDS = frozenset({"party", "government", "military", "association", "international"})
_TOWN = re.compile(rf"[{CJK}]{{2,3}}?(?:镇|乡|街道)")
#: stems of national scope that make a generic-looking name specific (中国电子信息产业发展研究院)
_NATIONAL = ("中国", "中华", "中央", "国家", "全国", "国务院", "首都", "联邦")
_INTERNAL_UNITS = ("党委", "党组", "董事会", "党支部", "监事会", "理事会", "党总支", "研究室")
#: title heads that a company or institution gives (X首席执行官Y → X is an organization)
_CORPORATE_TITLES = frozenset({"首席执行官", "总裁", "副总裁", "董事长", "副董事长", "总经理", "副总经理", "创始人",
                               "联合创始人", "首席技术官", "首席财务官", "首席运营官", "首席科学家", "CEO", "书记",
                               "党委书记", "主席", "院长", "所长", "理事长", "会长", "教授", "研究员", "主任", "社长"})
_LIST_KINDS = "企业|公司|机构|集团|银行|高校|院校|单位|媒体|厂商"
_LIST_FRAME = re.compile(rf"((?:[{CJK}A-Za-z“”]{{2,10}}、)+[{CJK}A-Za-z“”]{{2,10}})等(?:[{CJK}]{{0,10}}?)"
                         rf"({_LIST_KINDS})")
#: what every list frame holds: without 、, 等 and a kind word the frame is not looked for (the pattern
#: tries its items at every character)
_LIST_KIND = re.compile(_LIST_KINDS)
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
    j = bisect_left(tokens, end, key=_token_start)  # the word starting at ``end``, if one does
    after = tokens[j:j + 1] if j < len(tokens) and tokens[j][0] == end else []
    return not after or len(after[0][2]) == 1 or er.stops_phrase(after[0][2]) or \
        er.tag(after[0][2]) in ("v", "vn", "p", "c", "d", "uj", "ul") or after[0][2] in er.titles() or \
        after[0][2] in _INTERNAL_UNITS
_LATIN = re.compile(r"[A-Za-z]")
_APPOSITIVE = re.compile(rf"(智库|研究机构|机构|组织|协会|基金会)“([{CJK}A-Za-z0-9]{{2,12}})”")
_SENTENCE_END = re.compile(r"[。！？；，：][”’」』\"]*")
#: a dateline (新华社北京5月7日电) ends the phrase before the news: 国务院 starts after it
_DATELINE = re.compile(r"[0-9０-９一二三四五六七八九十]+日(?:电|讯)")
_PROPER_TAGS = frozenset({"ns", "nz", "nr", "nrt", "nrfg", "j"})
#: a numbered unit of a group after its name (中国电科55所, 航天科工二院): part of the name, not a count
_NUMBERED_UNIT = re.compile(r"[0-9０-９]{1,3}(?:所|院|厂)|[一二三四五六七八九十]{1,2}(?:院|所)(?![长有以])")
#: verbs that stop a phrase read leftwards but stand inside names right before their suffix (北京联合大学)
_NAME_VERBS = frozenset({"联合", "合作"})
#: one-character suffixes that end words naming a kind of office or works (教育局, 热电厂, 审计署): such a word
#: ends a name when a specific stem stands before it (上海市教育局); 格局, 东北部, 部署 are no such words
_OFFICE_CHARS = frozenset("局厂署委办")
_DIRECTIONS = frozenset("东南西北中上下内外前后")
#: two-character words ending such a word that are offices themselves (a 格局, 常委, 部署 is none)
_OFFICE_ENDINGS = frozenset({"总局", "分局", "邮局", "总署", "公署", "侨办", "台办"})


def _office_word(token: Token, end: int) -> bool:
    _s, e, w = token
    if e != end or len(w) < 3 or w[-1] not in _OFFICE_CHARS or w in er.titles() or w.endswith("部署"):
        return False
    if w[-1] == "厂" and er.tag(w) == "v" and w[-2:] not in er.word_tags():
        return True  # 蝶阀厂, which jieba tags as a verb: a works all the same
        return False
    if all(c in _DIRECTIONS for c in w[:-1]) or (len(w) == 4 and w[0] == w[2]):
        return False  # 西南部, 中北部; 大操大办 is an idiom
    if w[-1] != "厂" and w[-2:] in er.word_tags() and w[-2:] not in _OFFICE_ENDINGS:
        return False  # 新格局, 市委常委: the last two characters are a word of their own
    return er.tag(w) in ("n", "nt", "nz", "j")


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
    # a trie of the forms finds the longest at a position as the flat alternation did (longest first),
    # three times faster: the engine no longer tries each form in turn at every character
    return re.compile(trie_pattern(index)), index


def _boundary_ok(text: str, start: int, end: int, bounds: set[int], form: str) -> bool:
    if _LATIN.match(form):
        return not (start > 0 and text[start - 1].isascii() and text[start - 1].isalnum()) and \
            not (end < len(text) and text[end].isascii() and text[end].isalnum())
    if len(form) <= 3:
        # 上升|华为|一件: jieba's cut can still read a short name across a word (升华) it straddles
        straddled = text[start - 1:start + 1] if start > 0 else ""
        if straddled[:1] and not er.stops_phrase(straddled[:1]) and _freq(straddled) >= 50:
            return False
        return start in bounds and (end in bounds or _glued_word_after(text, start, end, bounds))
    return True


def _glued_word_after(text: str, start: int, end: int, bounds: set[int]) -> bool:
    """武警|官兵, jieba's 武警官兵: a short name glued to a common word that ends a jieba word (官兵, 干部)."""
    for n in (2, 3):
        rest = text[end:end + n]
        if len(rest) == n and end + n in bounds and er.tag(rest) in ("n", "nr") and _freq(rest) >= 500 \
                and rest not in er.org_suffix_kinds():  # 华为|公司 is read by the suffix rule
            return True
    return False


def _specific(text: str, tokens: Sequence[Token], stem_start: int, stem_end: int) -> bool:
    """Whether the stem of a suffix name names something (a place, an unknown or proper word, Latin
    letters, a quoted part, national scope) rather than a kind of thing (该, 有关, 科技服务)."""
    stem = text[stem_start:stem_end]
    if not stem or (stem.startswith(_GENERIC_HEADS) and not any(stem.startswith(stem[:n]) and stem[:n] in
                                                                 er.place_forms() for n in range(2, 6))):
        return False  # 贵公司 is generic, 贵州省 is not
    if stem.startswith("驻"):
        return False  # 驻京办, 驻村工作队: stationed somewhere, named by no one
    if "“" in stem or _LATIN.search(stem) or stem.startswith(_NATIONAL) or stem in _lexicon_index()[1]:
        return True  # 微软|公司: a company or body of the lexicons
    places = er.place_forms()
    if stem in places:
        return True
    # only the tokens that meet the stem: from the one holding its start (bisection) to its end
    for k in range(max(0, bisect_right(tokens, stem_start, key=_token_start) - 1), len(tokens)):
        s, e, w = tokens[k]
        if s >= stem_end:
            break
        if e <= stem_start:
            continue
        if e > stem_end:  # a word that runs into the suffix (党支部, 加工厂) says nothing of the stem
            whole = er.tag(w) == "nt" and s >= stem_start
            w = text[max(s, stem_start):stem_end]
            if w in places or (len(w) > 1 and er.tag(w) in ("ns", "nz", "nr", "nrt", "nrfg") and
                               not (er.tag(w).startswith("nr") and _freq(w) >= 300)):
                return True  # 师范 is tagged as a name, but a frequent word says what kind of school
            # a name jieba knows whole (西安美术学院, 东华大学): its stem starts with a place or is no common word
            if whole and w not in er.org_suffix_kinds() and (_starts_with_place(w) or (
                    len(w) > 1 and er.tag(w) in _PROPER_TAGS)):
                return True
            continue
        if w in places or er.tag(w) in ("x", "ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "eng"):
            return True
    return False


#: words between a country or division and 政府 (香港特区政府, 德国联邦政府, 伊拉克临时政府)
_GOVERNMENT_QUALIFIERS = re.compile("(?:人民|联邦|临时|过渡|特区|自治|民族团结|中央|地方|新|军)$")


def _governed(text: str, start: int, limit: int, avoid: Sequence[tuple[int, int]]) -> bool:
    """Whether the stem of a 政府 names whose government it is: it ends with a place (美国政府, 香港特区政府), a
    person's name (特朗普政府) or a known body (国民党政府), or is of national scope (中央政府)."""
    stem = text[start:limit]
    bare = _GOVERNMENT_QUALIFIERS.sub("", stem) or stem
    if stem in _NATIONAL or any(y == limit and x >= start for x, y in avoid) or \
            (len(stem) >= 3 and er.tag(stem) in ("nr", "nrt")):
        return True  # 特朗普政府, 克林顿政府: an administration named for its head
    places, forms = er.place_forms(), _lexicon_index()[1]
    return any(bare[-n:] in places or bare[-n:] in er.countries() or bare[-n:] in forms
               for n in range(2, len(bare) + 1)) or (len(bare) == 1 and bare in forms)


_LEVEL_RANK = {"province": 0, "city": 1, "district": 2}


@cache
def _division_ranks() -> dict[str, int]:
    """Every division's name and short form → its level (0 province, 1 prefecture, 2 county)."""
    ranks: dict[str, int] = {}
    for row in er.division_rows():
        rank = _LEVEL_RANK.get(row["kind"], 2)
        for form in (row["name"], row.get("short")):
            if form:
                ranks[form] = min(rank, ranks.get(form, rank))
    return ranks


@cache
def _division_names() -> frozenset[str]:
    return frozenset(row["name"] for row in er.division_rows())


def _last_division(text: str, start: int, limit: int) -> int:
    """江西省玉山县电影公司 → 玉山县电影公司: of a chain of divisions that opens a local body's name, only the last
    is part of the name (the annotation guide's 玉山县电影公司; the province is a place of its own)."""
    ranks, full = _division_ranks(), _division_names()
    parts: list[int] = []
    p = start
    while p < limit:
        # after the first, only full names (玉山县, not 鼓楼 of 南京鼓楼医院 or 裕华 of 贵州裕华实业公司)
        n = next((n for n in range(min(9, limit - p), 1, -1) if text[p:p + n] in (full if parts else ranks)), 0)
        town = _TOWN.match(text, p, limit) if not n else None
        if town and er.tag(town.group()) in ("x", "ns"):
            n = town.end() - p  # 平度市|崔马镇|供销社: a town in the chain
        if not n:
            break
        parts.append(p)
        p += n
    return parts[-1] if len(parts) >= 2 else start


def _after_lower_division(text: str, start: int, limit: int) -> int:
    """在睢县|河南中医药大学…: a county written before a province's name is where the body stands, not part of
    its name (a name's divisions go from the higher level down): the name starts at the higher one."""
    ranks = _division_ranks()
    first = next((n for n in range(min(9, limit - start), 1, -1) if text[start:start + n] in ranks), 0)
    if not first:
        return start
    after = start + first
    second = next((n for n in range(min(9, limit - after), 1, -1) if text[after:after + n] in ranks), 0)
    if second and ranks[text[after:after + second]] < ranks[text[start:after]]:
        return after
    return start


def _starts_with_place(stem: str) -> bool:
    places = er.place_forms()
    return any(stem[:n] in places for n in range(2, min(len(stem), 7) + 1))


def find_organizations(text: str, tokens: Sequence[Token], titles: Iterable[tuple[int, int]] = (),
                       avoid: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """Organizations in ``text``. ``titles`` are (start, end) of title phrases at people (for title frames),
    ``avoid`` are spans of people's names."""
    starts = list(map(_token_start, tokens))
    bounds = {*starts, *map(_token_end, tokens)}
    found: list[Found] = []
    avoid = list(avoid)

    # 1. lexicon
    pattern, index = _lexicon_index()
    entries = lexicon_entries()
    for m in pattern.finditer(text):
        if not _boundary_ok(text, m.start(), m.end(), bounds, m.group()):
            continue
        entry = entries[index[m.group()][0]]
        if len(m.group()) <= 3 and _BUILDING.match(text, m.end()):
            continue  # 国会大厦: a building named after the body, a landmark
        if m.group() in er.place_forms() and not any(f != m.group() and f in text for f in entry.forms):
            continue  # 阿里 is a prefecture of Tibet unless the article names 阿里巴巴 too
        found.append((m.start(), m.end(), "lex:" + entry.name, entry.kind, "org_lexicon", None))

    # 2. suffixes
    kinds = er.org_suffix_kinds()
    for m in er.org_suffix_pattern().finditer(text):
        end = m.end()
        title_after = er.title_pattern().match(text, end)
        if end not in bounds and end < len(text) and not (title_after and title_after.end() in bounds):
            continue
        suffix = m.group()
        k = max(0, bisect_right(starts, m.start()) - 1)
        # 自由党, 社民党: a party jieba's dictionary knows by name (tag nt) names one, its stem a common word or not
        party_word = suffix == "党" and tokens[k][1] == end and len(tokens[k][2]) >= 3 and \
            er.tag(tokens[k][2]) == "nt" and tokens[k][2] not in name_stops() and \
            (tokens[k][0] == 0 or _freq(text[tokens[k][0] - 1:tokens[k][0] + 1]) < 50)  # 大国|大党, not 大|国大党
        if len(suffix) == 1 and not (tokens[k][2] == suffix or (suffix in "党军" and er.tag(tokens[k][2]) == "x")
                                     or _office_word(tokens[k], end) or party_word):
            continue  # 总部, 常委, 先办, 格局: the suffix character belongs to another word
        if suffix in _BRAND_SUFFIXES and not _brand_ok(text, tokens, k, m.start(), end, bounds):
            continue
        i = max(0, bisect_right(starts, m.start()) - 1)
        if i > 0 and tokens[i][0] == m.start() and tokens[i - 1][2] in _NAME_VERBS:
            i -= 1  # 浙江出版联合集团: 联合 stops a phrase, but not one it ends inside a name
        j = er.walk_left(tokens, i, limit=20, joiners=("与",))
        while 0 < j <= i and len(tokens[j - 1][2]) > 1 and tokens[j - 1][2] in er.place_forms() and \
                er.stops_phrase(tokens[j - 1][2]):
            # 大连|化工集团公司, 郑州市|二七|司法培训学校: a place jieba tags as an adverb or a numeral stopped the walk
            j = er.walk_left(tokens, j - 1, limit=20, joiners=("与",))
        start = tokens[j][0] if j < i else tokens[i][0]
        start = _trim(text, tokens, start, m.start())
        start = _cut_stem(text, tokens, start, m.start())
        if suffix in _BRAND_SUFFIXES:  # 旷视科技, 北京旷视科技; not 老人当河长科技
            brand = next((t for t in reversed(tokens[:k + 1]) if t[1] <= m.start()), None)
            if brand is not None:
                place = next((t for t in reversed(tokens[:k + 1]) if t[1] == brand[0]), None)
                start = max(start, place[0] if place and place[2] in er.place_forms() else brand[0])
        else:
            start = _country_start(text, tokens, start, m.start())
        start = _after_lower_division(text, start, m.start())
        whole = tokens[k]
        if whole[0] < m.start() and whole[1] == end and er.tag(whole[2]) in ("nt", "ns") and start < whole[0] and \
                _specific(text, tokens, whole[0], m.start()) and \
                not any(w in er.place_forms() or er.tag(w) in {*_PROPER_TAGS, "nt"}
                        for _s, _e, w in _from(tokens, start) if _s < whole[0]):
            start = whole[0]  # 作品藏于|中国美术馆: a name jieba knows whole starts where it does
        seat: tuple[int, int] | None = None
        if kinds[suffix] in _SEATED_KINDS:
            start, seat = _seat(text, start, m.start())
        else:
            start = _last_division(text, start, m.start())
        if start >= m.start() or (len(suffix) == 1 and m.start() - start < 2):
            continue
        if suffix in _PLACE_ONLY and text[start:m.start()] not in er.place_forms():
            continue  # 济南交警, not 保定“四快一无”交警改革: a city's police named by the city alone
        if suffix == "政府" and seat is None and not _governed(text, start, m.start(), avoid):
            continue  # 1998年度政府, 两国政府, 小城镇政府: no country, division or leader names this government
        name = text[start:end]
        stem = text[start:m.start()]
        last = next((w for s, e, w in reversed(tokens[:k + 1]) if e <= m.start()), "")
        if seat is None and ((len(last) > 1 and last in _LEVEL_WORDS and stem.endswith(last)) or (
                kinds[suffix] in _SEATED_KINDS and stem not in er.place_forms() and stem.endswith(_LEVELS))):
            continue  # 监察委对乡镇纪委, 乡镇党委: a level, not a division, before the suffix
        if stem.isdigit() or (len(er.HAN.findall(stem)) < 2 and not _LATIN.search(stem)):
            continue  # 703861部队: a code; 前4局: a game's sets
        if suffix in _PLURAL_KINDS and (stem in er.countries() or (suffix != "公司" and stem in er.place_forms())):
            continue  # 美国公司“消肿”时, 在陕西工厂、农村放映: the companies of a country, no one company
        if _inside_book_title(text, start, end):
            continue  # 《中国大学学术演讲录》: part of a work's title
        if stem[0] in "省市县区镇乡村" and stem[:2] not in er.word_tags() and not _starts_with_place(stem):
            continue  # 县纪委监察局, 市教育局: a body of some county, not a named one
        if name in kinds or "等" in name or stem in _LEVEL_WORDS or \
                (suffix not in _BRAND_SUFFIXES and seat is None and not party_word and
                 not _specific(text, tokens, start, m.start()) and
                 not (suffix in _NOUN_NAMED and _noun_stem(tokens, start, m.start()))):
            continue
        if kinds[suffix] == "military" and len(suffix) == 1 and stem not in er.place_forms():
            continue  # 全军爱军: a one-character army needs a country before it
        if suffix in _INTERNAL_UNITS and text[start:m.start()] not in er.place_forms() and \
                not text[start:m.start()].endswith(("镇", "乡", "村", "街道")):
            continue  # 旷视科技党委 is a unit of the company, 沙土镇党委 an organization of its own
        if len(suffix) == 1 and er.tag(name) not in ("x", "nt", "nz", "j"):
            continue
        found.append((start, end, "name:" + name, kinds[suffix], "org_suffix", seat))

    # 2a. a numbered unit right after a name: 中国电科55所
    for f in list(found):
        unit = _NUMBERED_UNIT.match(text, f[1])
        if unit and (unit.end() in bounds or er.title_pattern().match(text, unit.end())):
            found.append((f[0], unit.end(), "name:" + text[f[0]:unit.end()], "institution", "org_numbered_unit", None))

    # 2b. a country written right before a body's name starts it (摩洛哥真实性与现代党, 中国驻南非大使馆)
    found.extend(_country_bodies(text, tokens, bounds, starts))

    # 2b'. a country's or a city's sports team: 中国女队, 巴西足球队, 青岛海牛队
    found.extend(_teams(text, tokens, starts, bounds))

    # 2b''. a medium named in Latin letters by what it publishes: STAT新闻的报道, POLITICO的分析
    found.extend((m.start(1), m.end(1), "name:" + m.group(1), "media", "org_latin_media", None)
                 for m in _LATIN_MEDIA.finditer(text) if "新闻" in m.group(1) or (m.group(2) and len(m.group(1)) >= 4))

    # 2c. a quoted name after the kind of body it is: 智库“欧洲之友”
    appositives = [(m.start(2), m.end(2)) for m in _APPOSITIVE.finditer(text)]
    found.extend((x, y, "name:" + text[x:y], "institution", "org_appositive", None) for x, y in appositives)

    # 3. title frames
    for a, b in titles:
        phrase = text[a:b]
        if any(a <= x and y <= b for x, y in appositives):
            continue  # the title's body is the quoted name in it, the words around are its department
        head = er.title_pattern().search(phrase)
        # the longest title the phrase ends with: its endings looked up, not every title tried
        head_word = next((phrase[-n:] for n in _title_lengths() if n <= len(phrase) and phrase[-n:] in er.titles()),
                         head.group() if head else "")
        qualifier = phrase[: len(phrase) - len(head_word)] if head_word else ""
        qualifier = _strip_rank(qualifier)  # 欧盟委员会前主席, 民革中央常务副主席: the holder's rank, not the name
        for unit in _INTERNAL_UNITS:
            if qualifier.endswith(unit):
                qualifier = qualifier[: -len(unit)]
        corporate = head_word in _CORPORATE_TITLES or head_word.endswith(tuple(_CORPORATE_TITLES))
        if len(qualifier) < 2 or not corporate:
            continue
        q_end = a + len(qualifier)
        a = _cut_stem(text, tokens, _trim(text, tokens, a, q_end), q_end)  # 面对BBC总裁, 还有|联想集团副总裁
        inner = [m for m in er.org_suffix_pattern().finditer(text, a, q_end) if m.end() - a > len(m.group())]
        rest = _tokens_within(tokens, starts, inner[-1].end(), q_end) if inner else []
        if inner and len(inner[-1].group()) > 1 and rest and rest[-1][1] == q_end and len(rest) <= 2 and \
                all(er.tag(t[2]) != "x" and not er.org_suffix_pattern().search(t[2]) for t in rest):
            q_end = inner[-1].end()  # 印度德里大学国际关系教授: a department after the name
        qualifier = text[a:q_end]
        if len(qualifier) < 2 or qualifier in er.place_forms() or qualifier in name_stops() or \
                not _specific(text, tokens, a, q_end):
            continue
        suffix = next((suf for suf in sorted(kinds, key=len, reverse=True) if qualifier.endswith(suf)), "")
        suffix_kind = kinds.get(suffix, "company")
        seat = None
        if suffix_kind in _SEATED_KINDS:
            a, seat = _seat(text, a, q_end - len(suffix))
            qualifier = text[a:q_end]
        elif suffix:
            a = _last_division(text, a, q_end - len(suffix))
            qualifier = text[a:q_end]
        found.append((a, q_end, "name:" + qualifier, suffix_kind, "org_title_frame", seat))

    # 3a. a quoted name that ends in a suffix: “少生快富甜蜜公司” (its words say nothing specific, the marks do)
    for m in _QUOTED_NAME.finditer(text):
        name = m.group(1)
        suffix = next((x for x in _suffixes_longest() if name.endswith(x) and len(x) > 1), "")
        stem = name[:len(name) - len(suffix)]
        if name.endswith(_INTERNAL_UNITS) or suffix in _BRAND_SUFFIXES or \
                (er.tag(stem) in ("a", "ad", "n", "vn", "v", "m") and _freq(stem) >= 100):
            continue  # “优秀党支部”, “先进企业”: an honour given to a kind of body, not a name
        if suffix and len(stem) >= 2 and er.HAN.search(stem) and not stem.isdigit() and \
                not name.startswith(_GENERIC_HEADS) and "等" not in name:
            found.append((m.start(1), m.end(1), "name:" + name, kinds[suffix], "org_quoted_name", None))

    # 3b. a publication's title in book-title marks: 《费加罗报》, 《每日新闻》
    endings = _masthead_endings()
    for m in _BOOK_TITLE.finditer(text):
        name = m.group(1)
        ending = next((x for x in endings if name.endswith(x)), "")
        if not ending or len(name) - len(ending) < 2 or "的" in name or \
                (name[-2:] in er.word_tags() and name[-2:] not in endings):
            continue  # 《关于…的通报》: a document
        found.append((m.start(1), m.end(1), "name:" + name, "media", "org_masthead", None))

    # 4. list frames
    for m in _LIST_FRAME.finditer(text) if "等" in text and "、" in text and _LIST_KIND.search(text) else ():
        kind = "school" if m.group(2) in ("高校", "院校") else "media" if m.group(2) == "媒体" else "company"
        offset = m.start(1)
        if any(er.tag(item.strip("“”")) in ("n", "v", "vn", "a") for item in m.group(1).split("、")[1:]):
            continue  # 钱庄、票号等金融机构: a list of kinds of body, not of names
        for k, item in enumerate(m.group(1).split("、")):
            a, b = offset, offset + len(item)
            offset = b + 1
            if k == 0:  # the first item's left edge: where the phrase before it stops (聚集了华为)
                i = max(0, bisect_right(starts, b - 1) - 1)
                a = max(a, tokens[er.walk_left(tokens, i + 1, limit=10)][0])
            if text[a] in "原前" and b - a > 3:
                a += 1  # 原国内贸易部: a body under its former name, the name without 原
            item = text[a:b].strip("“”")
            if len(item) < 2 or item in er.place_forms() or er.tag(item) in ("n", "v", "vn", "a"):
                continue
            found.append((a, b, "name:" + text[a:b], kind, "org_list_frame", None))

    return _resolve(text, found, avoid)


#: what stands between a place (and its club's sponsor) and 队 in a sports team's name
_TEAM = re.compile(r"(?:国家)?(?:青年|少年)?(?:(?:男子|女子|男|女)?(?:足球|篮球|排球|乒乓球|羽毛球|网球|游泳|田径|体操|"
                   r"跳水|举重|射击|击剑|围棋|象棋|冰球|手球|水球|棒球|垒球|曲棍球|沙滩排球|代表)?队|[男女][篮足排])$")
#: national squads written without 队 (中国女篮, 国家男足): their last character ends the team's name
_SQUADS = frozenset({"女篮", "男篮", "女足", "男足", "女排", "男排"})
_SQUAD = re.compile("队|女篮|男篮|女足|男足|女排|男排")


def _next_squad(text: str, pos: int) -> int:
    m = _SQUAD.search(text, pos)
    return m.end() - 1 if m else -1


#: characters no club sponsor's word has: numerals, modals, ranks (中国能派队, 北京一总队)
_NOT_SPONSOR = frozenset("一二三四五六七八九十两几多能会要可总支分")
#: characters after 队 that make another word (队员, 队长, 队伍)
_TEAM_WORDS = frozenset("员长伍列友部医旗服")


def _teams(text: str, tokens: Sequence[Token], starts: Sequence[int], bounds: set[int]) -> list[Found]:
    """Sports teams named by a country or city, with a club's sponsor word in between where there is one:
    中国队, 印尼女队, 巴西足球队, 德国男子网球队, 青岛海牛队 (not 中国医疗队, nor a team's 队员)."""
    out: list[Found] = []
    places = er.place_forms()
    pos = _SQUAD.search(text)
    pos = pos.end() - 1 if pos else -1
    while pos >= 0:
        end = pos + 1
        glued = end < len(text) and text[end] in er.STOP_CHARS and text[pos:end + 1] not in er.word_tags()  # 队以
        if end < len(text) and (text[end] in _TEAM_WORDS or (end not in bounds and not glued)) and \
                text[pos - 1:end] not in _SQUADS:
            pos = _next_squad(text, end)
            continue
        start = None
        for q in range(max(0, end - 9), end):  # the longest qualifier with a place before it
            if not _TEAM.fullmatch(text, q, end):
                continue
            start = _place_ending_at(text, q, places, bounds)
            k = bisect_left(starts, q) - 1
            if start is None and 0 <= k < len(tokens) and tokens[k][1] == q and 2 <= len(tokens[k][2]) <= 3 and \
                    er.tag(tokens[k][2]) in ("x", "nz", "nr", "nrt", "n") and tokens[k][2] not in places:
                start = _place_ending_at(text, tokens[k][0], places, bounds)  # a club's sponsor: 青岛|海牛|队
            for n in (2, 3):  # a sponsor jieba glued to the city or the team: 四川全兴|队, 延边|敖东队
                sponsor = text[q - n:q]
                if start is None and q - n > 0 and len(er.HAN.findall(sponsor)) == n and sponsor not in places and \
                        er.tag(sponsor) in ("x", "nz", "nr", "nrt", "ns", "j", "b") and \
                        not any(c in er.STOP_CHARS or c in _NOT_SPONSOR for c in sponsor):
                    start = _place_ending_at(text, q - n, places, bounds)
            if start is not None:
                break
        if start is not None:
            out.append((start, end, "name:" + text[start:end], "other", "org_team", None))
        pos = _next_squad(text, end)
    return out


def _place_ending_at(text: str, end: int, places: frozenset[str], bounds: set[int]) -> int | None:
    """The start of the longest country or division name that ends at ``end`` and starts a word."""
    for n in range(min(9, end), 1, -1):
        if text[end - n:end] in places and end - n in bounds:
            return end - n
    return None


def _inside_book_title(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies inside 《…》 without being the whole title (a masthead is read by its own rule)."""
    left = text.rfind("《", max(0, start - 30), start + 1)
    if left < 0 or text.find("》", left, start) >= 0:
        return False
    right = text.find("》", end - 1, end + 30)
    return right >= 0 and (left + 1, right) != (start, end)


_BOOK_TITLE = re.compile(rf"《([{CJK}A-Za-z0-9]{{3,12}})》")


@cache
def _masthead_endings() -> tuple[str, ...]:
    return lexicons.ordered("masthead_endings")


_BUILDING = re.compile(r"大厦|大楼|山庄|广场|乐园|度假区")
_QUOTED_NAME = re.compile(rf"“([{CJK}A-Za-z0-9]{{4,16}})”")


@cache
def _suffixes_longest() -> tuple[str, ...]:
    return tuple(sorted(er.org_suffix_kinds(), key=len, reverse=True))


def _from(tokens: Sequence[Token], start: int) -> Sequence[Token]:
    """The tokens from the one that contains ``start`` on (bisection, not a scan per name)."""
    return tokens[max(0, bisect_right(tokens, start, key=_token_start) - 1):]


_token_start = itemgetter(0)
_token_end = itemgetter(1)


def _tokens_within(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> list[Token]:
    """The tokens that start at or after ``start`` and end by ``end``, in order (a bisection to the
    first, where a scan of every token answered before)."""
    out = []
    for k in range(bisect_left(starts, start), len(tokens)):
        if tokens[k][1] > end:
            break
        out.append(tokens[k])
    return out


#: words of a title's rank written between the body and the title word (前主席, 常务副主席, 名誉会长)
_RANKS = ("常务", "执行", "名誉", "代理", "前", "原", "副")


def _strip_rank(qualifier: str) -> str:
    while qualifier.endswith(_RANKS):
        qualifier = qualifier[:-next(len(r) for r in _RANKS if qualifier.endswith(r))]
    return qualifier


@cache
def _title_lengths() -> tuple[int, ...]:
    """The lengths title words have, longest first."""
    return tuple(sorted({len(t) for t in er.titles()}, reverse=True))


def _trim(text: str, tokens: Sequence[Token], start: int, limit: int) -> int:
    """Drop leading verbs and function words the walk took along (依托, 与)."""
    for s, e, w in _from(tokens, start):
        if s < start:
            continue
        if s >= limit:
            break
        generic = er.tag(w) in ("v", "vq", "vd", "p", "c", "d", "uj", "ul", "r") or \
            (len(w) == 1 and er.tag(w) == "a")  # 新党支部
        generic = generic or w in _LEADING_FUNCTION_WORDS or \
            all(c in er.STOP_CHARS for c in w)  # 经|海口市中级人民法院 (经 tagged a noun), 又讯|广东, 这是|国务院
        if s == start and generic and w not in er.org_suffix_kinds() and w not in er.place_forms():
            start = e
            continue
        break
    return start


#: one-character words that open a phrase but never a name: prepositions jieba tags as nouns, a news flash
_LEADING_FUNCTION_WORDS = frozenset({"经", "讯", "由", "据", "向", "从", "对", "给", "让", "将", "记"})


def _country_start(text: str, tokens: Sequence[Token], start: int, limit: int) -> int:
    """A country after a verb in the phrase starts the name (人们赶到中国大使馆 → 中国大使馆)."""
    verb = False
    for s, _e, w in _from(tokens, start):
        if s < start:
            continue
        if s >= limit:
            break
        if verb and any(w.startswith(c) for c in (w[:2], w[:3], w[:4]) if c in er.countries()):
            return s
        verb = verb or er.tag(w) == "v"
    return start


@cache
def _country_pattern() -> re.Pattern[str]:
    forms = {f for e in er.country_entries() if e.kind == "country" for f in e.forms if len(f) >= 2}
    return re.compile(trie_pattern(forms))  # the longest form at a position, as a trie (see _lexicon_index)


@cache
def name_stops() -> frozenset[str]:
    """Words a name's stem cannot contain (``name_stops.txt``): the name starts after the last of them."""
    return lexicons.words("name_stops")


def _cut_stem(text: str, tokens: Sequence[Token], start: int, limit: int) -> int:
    """Where the name really starts within the phrase the walk took: after the last predicate or modifier
    (欧盟知名智库, 被誉为中国海军), after a counted group (三大), after a preposition jieba glued to an
    unknown character (由县纪委)."""
    for s, e, w in _from(tokens, start):
        if e <= start:
            continue
        if s >= limit:
            break
        if w in name_stops() or w in _OTHER_COUNTRIES or (len(w) > 1 and w[0] == "被" and er.tag(w) != "x"):
            start = max(start, e)
        elif s > start and len(w) > 1 and w[0] in _GLUED_PREPOSITIONS and er.tag(w) == "x":
            start = s + 1  # 监督组组长由县纪委
        elif len(w) == 2 and w[0] in _GLUED_ADVERBS and er.tag(w) == "x":
            start = max(start, e)  # 正由|中国检察日报社, 需向|国家环保总局, 刚出|医院: an adverb jieba glued on
        elif _predicate_before_name(tokens, w, e, limit):
            start = max(start, e)  # 得到|宾士域保安有限公司, 买下|纽新公司: a verb and its object
        elif w in _JOINERS and s > start and (_ends_with_suffix(text[start:s]) or (
                _starts_with_place(text[start:s]) and _starts_with_place(text[e:limit]))):
            start = max(start, e)  # 贵州裕华实业公司与|北京国伦文化艺术公司, 上海邮电与|深圳华为公司: two names
    for counted in _COUNTED.finditer(text, start, limit):
        start = max(start, counted.end())
    for stop in _SENTENCE_END.finditer(text, start, limit):
        start = max(start, stop.end())
    for stop in _DATELINE.finditer(text, start, limit):
        start = max(start, stop.end())  # 名字‘青城驿站’。”|呼和浩特…执法局: a quoted name never spans a sentence's end
    # a joiner or the kind a count is of left at the start: 代表团|与|瑞士…, 第四大|银行|美洲银行
    k = bisect_right(tokens, start, key=_token_end)
    while k + 1 < len(tokens) and tokens[k][0] == start and tokens[k + 1][0] < limit and \
            (tokens[k][2] in _JOINERS or (len(tokens[k][2]) > 1 and tokens[k][2] in er.org_suffix_kinds() and
                                          tokens[k][2] not in _lexicon_index()[1])):  # 国务院 is a body, 银行 a kind
        start = tokens[k][1]
        k += 1
    # the first token ending after ``start``: ends rise with the tokens, so a bisection finds it
    k = bisect_right(tokens, start, key=_token_end)
    first = tokens[k] if k < len(tokens) else None
    if first and first[0] == start and len(first[2]) > 1 and first[2][0] in _GLUED_PREPOSITIONS \
            and er.tag(first[2]) == "x" and start + 1 < limit:
        start += 1
    return start


#: kinds of body named by common nouns as well (语文出版社, 百花文艺出版社, 人民文学出版社)
_NOUN_NAMED = frozenset({"出版社"})


def _noun_stem(tokens: Sequence[Token], start: int, limit: int) -> bool:
    """A stem of two to six characters made of whole nouns or adjectives (语文, 百花|文艺), none generic."""
    first = _from(tokens, start)[:1]
    if first and first[0][0] == start and first[0][1] > limit and er.tag(first[0][2]) == "nt":
        return 2 <= limit - start <= 6  # 百花文艺出版社: a name jieba's dictionary knows whole
    words = [w for s, e, w in _from(tokens, start) if s >= start and e <= limit]
    return 2 <= limit - start <= 6 and sum(map(len, words)) == limit - start and \
        all(er.tag(w) in ("n", "nz", "a", "an", "j", "b") for w in words) and not words[0].startswith(_GENERIC_HEADS)


#: a Latin name (three letters or more) with 新闻, or of four or more before a report or analysis it published
#: (GDP的分析 is no medium's)
_LATIN_MEDIA = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z]{2,}(?:新闻网|新闻)?)(?![A-Za-z0-9])"
                          r"(的?(?:报道|分析|评论|社论|调查报道)(?!员))?")


#: suffixes named by a place alone (济南交警)
_PLACE_ONLY = frozenset({"交警"})
#: kinds of body that a bare country before them names in the plural (美国公司, 日本工厂)
_PLURAL_KINDS = frozenset({"公司", "工厂", "企业"})
#: adverbs jieba glues to the next character where it does not know the pair (正由, 需向, 刚出, 已在)
_GLUED_ADVERBS = frozenset("正需刚已曾将才就还都也又均再并仍")
#: tags of a word that names something: a predicate right before one is no part of the name
_OBJECT_TAGS = frozenset({"ns", "nt", "nz", "nr", "nrt", "j"})


_JOINERS = ("与", "和", "同", "及")


def _ends_with_suffix(phrase: str) -> bool:
    """Whether a phrase ends with an organization suffix of two characters or more (…实业公司)."""
    return any(phrase.endswith(x) and len(phrase) > len(x) for x in _suffixes_longest() if len(x) > 1)


def _predicate_before_name(tokens: Sequence[Token], w: str, end: int, limit: int) -> bool:
    """A verb right before a place or a proper word inside a name's phrase is the sentence's predicate and
    its object (得到|宾士域, 买下|纽新, 加强|协和, 归还给|菲律宾): the name starts after it. Verbs that do
    stand inside names (促进, 开发) are followed by common words there (国际贸易促进委员会)."""
    if len(w) < 2 or w in _NAME_VERBS or er.tag(w) not in ("v", "i", "l"):
        return False
    k = bisect_left(tokens, end, key=_token_start)
    if k >= len(tokens) or tokens[k][0] != end or tokens[k][0] >= limit:
        return False
    nxt = tokens[k][2]
    return nxt in er.place_forms() or er.tag(nxt) in _OBJECT_TAGS


def _seat(text: str, start: int, limit: int) -> tuple[int, tuple[int, int] | None]:
    """A local body's name starts at the last of the divisions written before its suffix (浙江省淳安县左口乡纪委 →
    左口乡纪委; 贵州毕节市委 → 毕节市委); returns that start and the division's span (the body's seat)."""
    forms = er.place_forms()
    parts: list[tuple[int, int]] = []
    p = start
    while p < limit:
        for n in range(min(9, limit - p), 1, -1):
            if text[p:p + n] in forms:
                parts.append((p, p + n))
                p += n
                break
        else:
            town = _TOWN.match(text, p, limit)
            if not town or (town.end() != limit and not text.startswith(tuple(forms), town.end())) or \
                    er.tag(town.group()) not in ("x", "ns"):
                return start, None  # 小城镇政府: a word of jieba's dictionary (小城镇) is no town's name
            parts.append((town.start(), town.end()))
            p = town.end()
    if not parts:
        return start, None
    if text[parts[-1][0]:parts[-1][1]] in er.countries():
        return parts[-1][0], None  # 捷克众议院: a country's body names the country, no seat of its own
    return parts[-1][0], parts[-1]


#: words after a country that name more countries than it (印度两国政府, 中美两国有关公司)
_OTHER_COUNTRIES = ("两国", "三国", "各国", "双方")


def _ministry_word(w: str) -> bool:
    """能源部, 文化厅, 内政部: a word of three or more characters ending in 部/局/厅/署 whose last two are no
    word of their own (not 东北部, 新格局)."""
    return len(w) >= 3 and w[-1] in "部局厅署" and w[-2:] not in er.word_tags() and \
        not all(c in _DIRECTIONS for c in w[:-1])


def _country_bodies(text: str, tokens: Sequence[Token], bounds: set[int], starts: Sequence[int]) -> list[Found]:
    """Bodies whose name starts with a country (摩洛哥真实性与现代党, 南非共产党, 中华人民共和国驻南非共和国大使馆):
    a country at a word start, then up to twelve characters of words that may stand inside a name, then a
    party, state, army or association suffix ending a word."""
    out: list[Found] = []
    kinds = er.org_suffix_kinds()
    suffixes = er.org_suffix_pattern()
    for m in _country_pattern().finditer(text):
        if m.start() not in bounds:
            continue
        i = bisect_left(starts, m.start())
        best = None
        while i < len(tokens) and tokens[i][1] - m.end() <= 12:
            s, e, w = tokens[i]
            if e <= m.end():
                i += 1
                continue
            w = text[max(s, m.end()):e]  # the rest of a word that starts with the country (南非共产党)
            stop = w != "驻" and w not in _NAME_TIME_WORDS and w != "与" and (er.stops_phrase(w) or w in name_stops()
                                                                            or w in er.titles() or not er.HAN.match(w))
            if w.startswith(_OTHER_COUNTRIES):
                break  # 印度|两国政府: the government of two countries, not of the one before
            if w == "与" and text[s - 1] in "党府军会院部局委":
                break  # 中国共产党与世界政党: 与 joins two names here, it is not inside one
            for n in range(len(w), 0, -1):  # a suffix ending this word: 共产党, 社民党, 使馆
                if n == 1 and len(w) > 1 and w[-1] != "党" and not _ministry_word(w):
                    continue  # 格局 does not end in 局
                if w[-n:] in kinds and kinds[w[-n:]] in _COUNTRY_BODY_KINDS and e - m.end() > n \
                        and w not in name_stops():
                    best = (e, kinds[w[-n:]])
                    break
            if stop or _COUNTED.match(w):
                break
            i += 1
        if best and suffixes:
            end, kind = best
            out.append((m.start(), end, "name:" + text[m.start():end], kind, "org_country_body", None))
    return out


_DOUBLED_LEVEL = re.compile(r"(区|市|县|省|镇|乡)\1(委|政府)")


def _resolve(text: str, found: list[Found], avoid: list[tuple[int, int]]) -> list[Match]:
    """Longest non-overlapping spans win; every mention of an entity carries its fullest form."""
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    kept: list[tuple[int, int, str, str, str]] = []
    seats: dict[tuple[int, int], tuple[int, int]] = {}
    for f in found:
        if any(f[0] < y and x < f[1] for x, y in taken):
            continue
        # a name may begin with a person's (习近平经济思想研究中心), never cut one or lie inside one
        if any(f[0] < y and x < f[1] and not (f[4] == "org_suffix" and f[0] == x and
                                              (f[1] - y >= 4 or text[y:f[1]] == "政府"))
               for x, y in avoid):  # 特朗普政府: an administration named for its head
            continue
        taken.append((f[0], f[1]))
        kept.append(f[:5])
        if f[5] is not None:
            seats[f[0], f[1]] = f[5]
    # fullest written form per entity; names met as a suffix form of a lexicon entry join it
    fullest: dict[str, str] = {}
    kinds: dict[str, str] = {}
    # 海淀区区委 and 海淀区委 are one body
    kept = [(s, e, _DOUBLED_LEVEL.sub(r"\1\2", key), kind, rule) for s, e, key, kind, rule in kept]
    kept = _join_missions(kept)
    kept = _join_place_prefixed(kept)
    kept = _join_central_committees(kept)
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
                                           else fullest[key], "kind": kinds[key],
                                           **({"seat": seats[s, e]} if (s, e) in seats else {})})
            for s, e, key, _kind, rule in sorted(kept)]


_MISSION = re.compile(r"(.+?)(?:驻(.+))?(大使馆|总领事馆|领事馆|使馆)")


@cache
def _country_of() -> dict[str, str]:
    """Every form of a country → its name (made once, not per article)."""
    return {f: e.name for e in er.country_entries() for f in e.forms}


def _join_missions(kept: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """中国大使馆 and 中华人民共和国大使馆 are mentions of the one mission the article names in full
    (中华人民共和国驻南非共和国大使馆) when it names only one of that country."""
    country_of = _country_of()
    full: dict[str, set[str]] = {}
    for _s, _e, key, _k, _r in kept:
        m = _MISSION.fullmatch(key[5:]) if key.startswith("name:") else None
        if m and m.group(2) and m.group(1) in country_of:
            full.setdefault(country_of[m.group(1)], set()).add(key)
    out = []
    for s, e, key, kind, rule in kept:
        m = _MISSION.fullmatch(key[5:]) if key.startswith("name:") else None
        if m and not m.group(2) and len(full.get(country_of.get(m.group(1), ""), ())) == 1:
            key = next(iter(full[country_of[m.group(1)]]))
        out.append((s, e, key, kind, rule))
    return out


def _join_place_prefixed(kept: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """石景山发电总厂 is a mention of the 北京石景山发电总厂 the article names in full: a found name that another
    one repeats after a leading place is that one."""
    # lexicon names too (国会 / 美国国会): the key without its prefix (name:, lex:) is the name
    names = {key.split(":", 1)[1]: key for _s, _e, key, _k, _r in kept if key.startswith(("name:", "lex:"))}
    longer: dict[str, str] = {}
    for name, key in names.items():
        for n in range(2, min(len(name) - 2, 9) + 1):
            if name[:n] in er.place_forms() and name[n:] in names:
                longer.setdefault(names[name[n:]], key)
    return [(s, e, longer.get(key, key), kind, rule) for s, e, key, kind, rule in kept]


def _join_central_committees(kept: list[tuple[int, int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """中国农工民主党中央 and 农工党: a party of the lexicon and its central committee are one organization in an
    article (the fullest form written names it)."""
    index = _lexicon_index()[1]
    entries = lexicon_entries()
    out = []
    for s, e, key, kind, rule in kept:
        name = key.split(":", 1)[1]
        if key.startswith("name:") and name.endswith("中央") and index.get(name[:-2]):
            key = "lex:" + entries[index[name[:-2]][0]].name
        out.append((s, e, key, kind, rule))
    return out


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
        for title in info_of(span).get("titles", []):
            a = text.rfind(title, max(0, span.start_char - len(title) - 40), span.start_char)
            if a >= 0:
                titles.append((a, a + len(title)))
    avoid = [(s.start_char, s.end_char) for s in people]
    set_spans(doc, "organizations", find_organizations(text, tokens, titles, avoid))
    return doc
