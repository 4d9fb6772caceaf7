"""The lexicons: plain UTF-8 text files, one entry per line, read once per process.

Format: ``#`` starts a comment, blank lines are ignored, and a ``.tsv`` file holds tab-separated
columns (its first non-comment line names them). A newsroom extends a lexicon without touching code:
put a file with the same name in a folder and point ``ZHNEWS_LEXICONS`` at it (several folders are
separated by ``:``); its entries are added to the package's. A line ``-entry`` in such a file removes
an entry of the package's list.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).parent


def _dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("ZHNEWS_LEXICONS", "").split(os.pathsep) if p]
    return [PACKAGE_DIR, *extra]


def _lines(name: str) -> list[str]:
    out: list[str] = []
    removed: set[str] = set()
    for directory in _dirs():
        path = directory / name
        if not path.is_file():
            continue
        extension = directory != PACKAGE_DIR  # compared once per file: a Path comparison is slow per line
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            if " #" in line:
                line = line.split(" #", 1)[0]
            line = line.rstrip()
            if not line.strip():
                continue
            if extension and line.startswith("-"):
                removed.add(line[1:])
                continue
            out.append(line)
    return [line for line in out if line not in removed]


@cache
def words(name: str) -> frozenset[str]:
    """A one-column lexicon (``name`` without ``.txt``) as a set."""
    return frozenset(line.strip() for line in _lines(f"{name}.txt"))


@cache
def ordered(name: str) -> tuple[str, ...]:
    """A one-column lexicon in file order, longest entries first where order matters to a regex."""
    seen: dict[str, None] = {}
    for line in _lines(f"{name}.txt"):
        seen.setdefault(line.strip(), None)
    return tuple(sorted(seen, key=len, reverse=True))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """A ``.tsv`` lexicon as rows keyed by its header line."""
    lines = _lines(f"{name}.tsv")
    if not lines:
        return ()
    header = lines[0].split("\t")
    width = len(header)
    missing = [""] * width
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) < width:  # short rows: the missing cells are empty
            cells += missing[: width - len(cells)]
        rows.append(dict(zip(header, cells)))  # noqa: B905 (cells beyond the header are ignored)
    return tuple(rows)


@cache
def digest() -> str:
    """A short fingerprint of every lexicon in use: part of the pipeline version of each output."""
    h = hashlib.sha256()
    for directory in _dirs():
        for path in sorted(directory.glob("*.t[xs][tv]")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:10]


def longest_first(words: Iterable[str]) -> list[str]:
    """Longest first, as an alternation of literals needs them; words of one length in code-point order, so
    a pattern built from a set is the same string in every process (a set's order follows string hashing,
    which changes between processes) and the compiled-pattern cache finds it."""
    return sorted(words, key=lambda w: (-len(w), w))


def alternation(name: str) -> str:
    """A regex alternation of a lexicon's entries, longest first, for patterns built from data."""
    return "|".join(re.escape(w) for w in ordered(name))


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the longest of ``words`` at a position, prefix-factored (北京(?:市|)…): Python's
    engine tries a flat alternation of thousands of names one by one at every character, a trie once."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)
