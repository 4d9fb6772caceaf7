"""Do faster builds of jieba segment exactly as the pipeline's jieba does? (See bench/README.md.)

    .venv/bin/pip install jieba-next jieba-fast-dat        # not dependencies: for this comparison only
    .venv/bin/python bench/jieba_builds.py --articles raw ../shared/eval/articles --cws ../shared/eval/cws

Each build gets the pipeline's dictionary (jieba's own ``dict.txt``) and the package's words with the
pipeline's count (``pipeline.segment.user_words``), and cuts every text with HMM on (the tokenizer and the
figures stage) and off (the layout stage). The texts: each article's decoded and cleaned text, and each
line of the CWS test files (gold files with their spaces removed). Printed: the stretches where the words
differ, the most frequent first, and the seconds each build took.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import segment  # noqa: E402
from pipeline.clean import clean  # noqa: E402
from pipeline.ingest import IngestError, decode  # noqa: E402

BUILDS = ("jieba_next", "jieba_fast_dat")


def texts(article_dirs: Iterable[Path], cws_dir: Path | None) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for folder in article_dirs:
        for path in sorted(folder.glob("*.txt")):
            try:
                raw = decode(path.read_bytes()).text
            except IngestError:
                continue
            found.append((path.name, raw))
            found.append((f"{path.name} (cleaned)", clean(raw, is_word=segment.is_word).text))
    if cws_dir is not None:
        for path in sorted(cws_dir.glob("*.utf8")):
            for line in path.read_text(encoding="utf-8").splitlines():
                found.append((path.name, line.replace(" ", "") if "gold" in path.name else line))
    return found


def build(name: str) -> object:
    module = importlib.import_module(name)
    dictionary = os.path.join(os.path.dirname(segment.jieba.__file__), segment.jieba.DEFAULT_DICT_NAME)
    tok = module.Tokenizer(dictionary) if name == "jieba_fast_dat" else module.Tokenizer()
    tok.initialize()
    for word in segment.user_words(segment.USER_DICT_LEXICONS):
        tok.add_word(word, freq=segment._USER_WORD_FREQ)
    return tok


def compare(cut_a: Callable[[str], list[str]], cut_b: Callable[[str], list[str]],
            corpus: list[tuple[str, str]]) -> tuple[int, int, Counter, Counter, float, float]:
    words = stretches = 0
    examples: Counter = Counter()
    sources: Counter = Counter()
    seconds_a = seconds_b = 0.0
    for source, text in corpus:
        t0 = time.perf_counter()
        a = cut_a(text)
        t1 = time.perf_counter()
        b = cut_b(text)
        seconds_a += t1 - t0
        seconds_b += time.perf_counter() - t1
        words += len(a)
        if a == b:
            continue
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op != "equal":
                stretches += 1
                sources[source] += 1
                examples[(" ".join(a[i1:i2]), " ".join(b[j1:j2]))] += 1
    return words, stretches, examples, sources, seconds_a, seconds_b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=Path, nargs="*", default=[ROOT / "raw"], help="folders of *.txt articles")
    ap.add_argument("--cws", type=Path, help="folder of the CWS test files (*.utf8)")
    ap.add_argument("--builds", default=",".join(BUILDS), help=f"builds to compare (default {','.join(BUILDS)})")
    ap.add_argument("--examples", type=int, default=15, help="differences shown per build and mode")
    args = ap.parse_args()

    corpus = texts(args.articles, args.cws)
    print(f"{len(corpus)} texts, {sum(len(t) for _, t in corpus):,} characters")
    reference = segment.segmenter()
    reference.require_all()
    for name in (b.strip() for b in args.builds.split(",") if b.strip()):
        try:
            tok = build(name)
        except ImportError:
            print(f"\n== {name}: not installed (pip install {name.replace('_', '-')})")
            continue
        print(f"\n== {name} {getattr(sys.modules[name], '__version__', '')}: total count {tok.total} "
              f"(the pipeline's jieba: {reference.total})")
        for hmm in (True, False):
            words, stretches, examples, sources, sa, sb = compare(
                lambda t, hmm=hmm: list(reference.cut(t, HMM=hmm)),
                lambda t, hmm=hmm, tok=tok: list(tok.cut(t, HMM=hmm)), corpus)
            print(f"HMM={hmm}: {words:,} words, {stretches} differing stretches; jieba {sa:.2f} s, {name} {sb:.2f} s")
            for (a, b), n in examples.most_common(args.examples):
                print(f"  {n:5d}  jieba [{a}]  {name} [{b}]")
            if sources:
                print("  most in:", ", ".join(f"{s} ({n})" for s, n in sources.most_common(5)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
