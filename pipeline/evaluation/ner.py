"""NER corpora: the entity stages scored entity by entity (``zhnews evaluate ner`` / ``cluener``).

- BIO corpora (People's Daily 1998, MSRA): one ``char tag`` per line (space or tab), a blank line between
  sentences; types PER, LOC, ORG; a predicted entity counts when its type, start and end are exact.
- CLUENER2020: JSON lines ``{"text", "label": {type: {surface: [[start, end_inclusive], …]}}}``; the stages'
  people are scored against ``name`` and the titles they attach against ``position``, with the recall of
  the positions that stand right before a name (the titles a news people stage is meant to attach).
  CLUENER labels the bare post (``副区长``) and the organization apart; the stage keeps the organization
  qualifier written with the title (``昌平区副区长``, as the article gold asks), so a position right before a
  name counts as found when the person whose mention starts at that name carries a title written right
  before it that ends where the position ends; how many of those also cover the whole position (not
  only its last word) and how many are exact is reported apart. Titles the stage attaches are also
  checked the other way: how many end where some gold position ends.

Each sentence runs through the tokenizer and the entity stages only (layout, people, organizations,
places): the other stages do not change entities.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import Score

ENTITY_COMPONENTS: tuple[str, ...] = ("zhnews_layout", "zhnews_people", "zhnews_organizations", "zhnews_places")
GROUP_TYPE = {"people": "PER", "organizations": "ORG", "places": "LOC"}
Entity = tuple[str, int, int]  # type, start, end (exclusive)


def read_bio(path: Path) -> Iterator[tuple[str, set[Entity]]]:
    """Sentences of a BIO file with their gold entities."""
    chars: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            parts = line.split()
            if not parts:
                if chars:
                    yield "".join(chars), bio_entities(tags)
                chars, tags = [], []
                continue
            if len(parts) == 1:  # a space character carrying a tag
                chars.append(" ")
                tags.append(parts[0])
                continue
            chars.append(parts[0][0])
            tags.append(parts[-1])
    if chars:
        yield "".join(chars), bio_entities(tags)


def bio_entities(tags: list[str]) -> set[Entity]:
    out: set[Entity] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if prefix in ("B", "S", "O") or (prefix in ("I", "M", "E") and label != kind):
            if kind is not None and start is not None:
                out.add((kind, start, i))
            start, kind = (i, label) if prefix in ("B", "S", "I", "M", "E") else (None, None)
        if prefix in ("S", "E") and kind is not None and start is not None:
            out.add((kind, start, i + 1))
            start, kind = None, None
    return out


def predict(texts: Iterable[str], batch_size: int = 256) -> Iterator[tuple[set[Entity], dict[str, list]]]:
    """Entities the stages find in each text, and the people's (start, end, titles) for title scoring."""
    from ..language import get_nlp

    nlp = get_nlp(ENTITY_COMPONENTS)
    for doc in nlp.pipe(texts, batch_size=batch_size):
        found: set[Entity] = set()
        for group, label in GROUP_TYPE.items():
            for span in doc.spans.get(group, []):
                found.add((label, span.start_char, span.end_char))
        people = [(s.start_char, s.end_char, list(s._.info.get("titles", []))) for s in doc.spans.get("people", [])]
        yield found, {"people": people}


@dataclass
class NerReport:
    by_type: dict[str, Score] = field(default_factory=dict)
    sentences: int = 0

    def total(self) -> Score:
        out = Score()
        for s in self.by_type.values():
            out.add(s)
        return out


def evaluate_bio(path: Path, limit: int | None = None, types: tuple[str, ...] = ("PER", "LOC", "ORG")) -> NerReport:
    sentences = list(read_bio(path))[:limit]
    report = NerReport({t: Score() for t in types}, len(sentences))
    for (_text, gold), (pred, _extra) in zip(sentences, predict(t for t, _ in sentences), strict=True):
        for t in types:
            g = {e for e in gold if e[0] == t}
            p = {e for e in pred if e[0] == t}
            report.by_type[t].add(Score(len(g & p), len(p), len(g)))
    return report


@dataclass
class ClueReport:
    name: Score = field(default_factory=Score)
    position: Score = field(default_factory=Score)
    before_name_total: int = 0
    before_name_found: int = 0  # the person at that name carries a title written right before it, ending there
    before_name_covering: int = 0  # … that starts at or before the position's start (not only its last word)
    before_name_exact: int = 0  # … and starts where it starts
    titles_attached: int = 0  # titles the stage attaches, where they are written before their person
    titles_at_position_end: int = 0  # … that end where a gold position ends
    sentences: int = 0

    @property
    def before_name_recall(self) -> float:
        return self.before_name_found / self.before_name_total if self.before_name_total else 1.0

    @property
    def title_end_precision(self) -> float:
        return self.titles_at_position_end / self.titles_attached if self.titles_attached else 1.0


def read_cluener(path: Path) -> Iterator[tuple[str, dict[str, set[tuple[int, int]]]]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            labels: dict[str, set[tuple[int, int]]] = {}
            for kind, surfaces in item.get("label", {}).items():
                for spans in surfaces.values():
                    for a, b in spans:
                        labels.setdefault(kind, set()).add((a, b + 1))
            yield item["text"], labels


def _title_spans(text: str, people: list) -> set[tuple[int, int]]:
    """Where each attached title is written: the closest occurrence before its person's mention."""
    out = set()
    for start, _end, titles in people:
        for title in titles:
            a = text.rfind(title, max(0, start - len(title) - 60), start + 0)
            if a >= 0:
                out.add((a, a + len(title)))
    return out


def _titles_ending_at(text: str, people: list, name_start: int) -> list[int]:
    """Starts of the titles attached to the person mentioned at ``name_start`` that are written right
    before that mention (ending at it)."""
    return [name_start - len(title) for start, _end, titles in people if start == name_start
            for title in titles if text.endswith(title, 0, name_start)]


def evaluate_cluener(path: Path, limit: int | None = None) -> ClueReport:
    items = list(read_cluener(path))[:limit]
    report = ClueReport(sentences=len(items))
    for (text, gold), (pred, extra) in zip(items, predict(t for t, _ in items), strict=True):
        names = gold.get("name", set())
        positions = gold.get("position", set())
        pred_names = {(a, b) for kind, a, b in pred if kind == "PER"}
        pred_titles = _title_spans(text, extra["people"])
        report.name.add(Score(len(names & pred_names), len(pred_names), len(names)))
        report.position.add(Score(len(positions & pred_titles), len(pred_titles), len(positions)))
        position_ends = {b for _a, b in positions}
        report.titles_attached += len(pred_titles)
        report.titles_at_position_end += sum(b in position_ends for _a, b in pred_titles)
        name_starts = {a for a, _b in names}
        for a, b in positions:
            if b in name_starts:
                report.before_name_total += 1
                starts = _titles_ending_at(text, extra["people"], b)
                # the qualifier may be read longer (the organization, as the article gold keeps it) or
                # shorter than the annotators': counted apart from exact spans
                report.before_name_found += bool(starts)
                report.before_name_covering += any(pa <= a for pa in starts)
                report.before_name_exact += a in starts
    return report


def format_scores(rows: dict[str, Score]) -> str:
    return "".join(f"{k:8s} P={s.p:.3f} R={s.r:.3f} F1={s.f1:.3f}  tp={s.tp} pred={s.pred} gold={s.gold}\n"
                   for k, s in rows.items())
