"""The lexicon files a newsroom extends: documented, described, and loaded with its additions."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import lexicons

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p.name for p in lexicons.PACKAGE_DIR.iterdir() if p.suffix in (".txt", ".tsv"))


def test_readme_names_every_lexicon_file() -> None:
    named = set(re.findall(r"`([a-z_]+\.(?:txt|tsv))`", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert set(FILES) - named == set()
    assert named - set(FILES) == set()  # no file the README names is gone


def test_every_lexicon_file_opens_with_a_comment_saying_what_it_holds() -> None:
    for name in FILES:
        first = (lexicons.PACKAGE_DIR / name).read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#") and len(first) > 20, name
