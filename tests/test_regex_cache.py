"""The compiled-pattern cache: a pattern read back from it is the one ``re`` compiles, and nothing else."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline import regex_cache

# shapes the stages use: wide CJK classes, named groups, lookarounds, alternations built from lexicons,
# inline and passed flags, a backreference, a possessive-free lazy repeat
PATTERNS: list[tuple[str, int]] = [
    (r"[㐀-䶿一-鿿豈-\ufaff]{2,4}", 0),
    (r"(?P<num>\d+(?:\.\d+)?)(?P<unit>万|亿)?(?=[元人])", 0),
    (r"(?<![\d第.])(?P<y>\d{4})年(?P<m>\d{1,2})月", 0),
    (r"(?:^|(?<=[\s：:（(电]))(?P<role>记者|通讯员|编辑)\s*(?P<name>[一-鿿]{2,3})", re.MULTILINE),
    (r"<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>", re.IGNORECASE | re.DOTALL),
    (r"(?i)https?://[a-z0-9.\-]+(?:/[^\s]*)?", 0),
    ("|".join(["国务院", "全国人民代表大会常务委员会", "中国人民银行", "国家统计局"]), 0),
    (r"""
        (?P<open>[“「])   # an opening mark
        (?P<body>[^”」]{1,500})
        (?P<close>[”」])
     """, re.VERBOSE),
]
SAMPLE = ("2024年3月，国家统计局记者 王小明报道：“增长5.2%，达到1200万元”。"
          "见 https://Example.com/a?b=1 <SCRIPT src=x>alert(1)</script > 全国人民代表大会常务委员会")


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty cache in its own temp dir, as a new process with no file yet would see it."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_table", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(regex_cache, "_used", set())
    monkeypatch.setattr(regex_cache, "_MIN_SECONDS", 0.0)  # store every pattern of the test
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_table", None)
    monkeypatch.setattr(regex_cache, "_new", {})
    monkeypatch.setattr(regex_cache, "_used", set())


def _matches(pattern: re.Pattern[str]) -> list[tuple[int, int, dict[str, str | None], tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groupdict(), m.groups()) for m in pattern.finditer(SAMPLE)]


def test_patterns_read_back_are_the_ones_re_compiles(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [regex_cache._compile(p, f) for p, f in PATTERNS]
    regex_cache.save()
    assert Path(regex_cache.cache_file()).is_file()
    _new_process(monkeypatch)
    again = [regex_cache._compile(p, f) for p, f in PATTERNS]
    assert regex_cache._used == {(p, f) for p, f in PATTERNS}  # every one came from the file
    for (p, f), a, b in zip(PATTERNS, first, again, strict=True):
        original = regex_cache._original_compile(p, f)
        assert b == original and b.pattern == p and b.flags == original.flags
        assert b.groups == original.groups and b.groupindex == original.groupindex
        assert _matches(b) == _matches(original) == _matches(a)


def test_a_pattern_is_looked_up_by_its_flags_too(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regex_cache._compile("abc[一-鿿]", 0)
    regex_cache.save()
    _new_process(monkeypatch)
    folded = regex_cache._compile("abc[一-鿿]", re.IGNORECASE)
    assert ("abc[一-鿿]", int(re.IGNORECASE)) not in regex_cache._used
    assert folded.match("ABC中") and not regex_cache._compile("abc[一-鿿]", 0).match("ABC中")


def test_a_broken_or_foreign_file_is_ignored(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Path(regex_cache.cache_file()).write_bytes(b"\x00not marshal")
    assert regex_cache._compile(r"[一-鿿]+", 0).pattern == r"[一-鿿]+"
    import marshal

    _new_process(monkeypatch)
    entry = regex_cache._entry(r"x(y)", 0)
    Path(regex_cache.cache_file()).write_bytes(marshal.dumps(("zhnews-re-1", "another Python", {(r"a", 0): entry})))
    assert regex_cache._compile(r"a", 0).match("xy") is None  # the foreign entry (for "x(y)") was not used
    assert not regex_cache._used


def test_an_entry_that_does_not_fit_is_compiled_as_usual(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _new_process(monkeypatch)
    table = regex_cache._load()
    flags, code, groups, groupindex, indexgroup = regex_cache._entry(r"(a)(b)", 0)
    table[(r"(a)(b)", 0)] = (flags, code[:-4], groups, groupindex, indexgroup)  # truncated opcodes
    assert regex_cache._compile(r"(a)(b)", 0).match("ab").groups() == ("a", "b")


def test_the_package_uses_the_cache_and_its_output_does_not_change(tmp_path: Path) -> None:
    article = Path(__file__).resolve().parent.parent / "raw" / "000_e860e59f66b08cf4.txt"
    code = ("import sys; from pipeline import regex_cache; from pipeline.api import extract_path; "
            f"print(extract_path({str(article)!r}).to_json()); "
            "print('used', len(regex_cache._used), file=sys.stderr)")
    runs = []
    for _ in range(2):  # the first run writes the file, the second reads it
        env = {**os.environ, "TMPDIR": str(tmp_path)}
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        runs.append(done)
    assert runs[0].stdout == runs[1].stdout
    assert "used 0" in runs[0].stderr
    assert int(runs[1].stderr.split("used ")[1].split()[0]) > 50
    off = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "TMPDIR": str(tmp_path), "ZHNEWS_REGEX_CACHE": "0"})
    assert off.stdout == runs[0].stdout and "used 0" in off.stderr


def test_re_is_left_as_it_was_when_a_pattern_is_refused(fresh_cache: Path) -> None:
    import _sre
    from re import _compiler

    with pytest.raises(re.error):
        regex_cache._compile("(unclosed", 0)
    assert _compiler._sre is _sre and not regex_cache._new
    assert regex_cache._compile("(closed)", 0).match("closed")


def test_longest_first_is_one_order_whatever_the_set_order() -> None:
    from pipeline import lexicons

    words = {"记者", "通讯员", "编辑", "实习记者", "摄影", "首席记者"}
    expected = [*sorted(["实习记者", "首席记者"]), "通讯员", *sorted(["记者", "编辑", "摄影"])]
    assert lexicons.longest_first(words) == expected
    assert lexicons.longest_first(sorted(words)) == lexicons.longest_first(sorted(words, reverse=True))
