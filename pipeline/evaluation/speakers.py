"""Speaker identification: who says the quotation in the middle of a passage (``zhnews evaluate speakers``).

The data is the World of Plainness speaker-identification set (Apache-2.0): each instance is 21 lines of a
novel whose 11th is a quotation, with its gold speaker. Novels name their characters by given name alone
(少安 for 孙少安), which a news people stage is not built to find; the set ships a character list
(``name_list.txt``: gender, full name, other names), used here as the people stage's mentions so that the
measure is of the attribution rules, not of name recognition. The quotes stage then runs unchanged and the
speaker of the quote on the 11th line is compared, by full name, with the gold one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

QUOTE_LINE = 10  # 0-based: the 11th of 21 lines


@dataclass
class Instance:
    index: str
    lines: list[str]
    speaker: str
    category: str


@dataclass
class Result:
    total: int
    correct: int
    unanswered: int
    by_category: dict[str, tuple[int, int]]
    errors: list[tuple[str, str, str]]  # index, gold, predicted

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def read_instances(path: Path) -> Iterator[Instance]:
    """Blocks of ``Instance index:``, the passage lines, ``Speaker:``, ``Speaker index:``, ``Category:``."""
    index, lines, speaker, category = "", [], "", ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("Instance index:"):
            index, lines, speaker, category = line.split(":", 1)[1].strip(), [], "", ""
        elif line.startswith("Speaker index:"):
            continue
        elif line.startswith("Speaker:"):
            speaker = line.split(":", 1)[1].strip()
        elif line.startswith("Category:"):
            category = line.split(":", 1)[1].strip()
            yield Instance(index, lines, speaker, category)
        elif line:
            lines.append(line)


def read_names(path: Path) -> dict[str, str]:
    """Every form of a character's name (two characters or more) to the full name."""
    forms: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split()
        if len(cells) < 2:
            continue
        full = cells[1]
        for form in cells[1:]:
            if len(form) >= 2:
                forms.setdefault(form, full)
    return forms


def add_people(doc: Doc, forms: dict[str, str]) -> None:
    """The character list as the people stage's mentions (they replace its mentions where they overlap)."""
    from ..spans import Match, set_spans

    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    matches = [Match(m.start(), m.end(), "PERSON", "name_list", attrs={"name": forms[m.group()], "titles": []})
               for m in pattern.finditer(doc.text)]
    taken = [(m.start, m.end) for m in matches]
    for span in doc.spans.get("people", []):
        if not any(a < span.end_char and span.start_char < b for a, b in taken):
            info = span._.info
            matches.append(Match(span.start_char, span.end_char, "PERSON", info.get("rule", ""),
                                 attrs={"name": info.get("name") or span.text, "titles": info.get("titles", [])}))
    set_spans(doc, "people", sorted(matches, key=lambda m: m.start))


def predict(instance: Instance, forms: dict[str, str]) -> str | None:
    """The full name of the speaker the pipeline gives the quotation on the 11th line (None: no speaker)."""
    from ..clean import identity
    from ..language import get_nlp
    from ..quotes import quotes_component

    nlp = get_nlp()
    text = "\n".join(instance.lines)
    doc = nlp.make_doc(text)
    doc._.clean = identity(text)
    doc._.meta = {"warnings": []}
    for name, component in nlp.pipeline:
        if name != "zhnews_quotes":
            doc = component(doc)
    add_people(doc, forms)
    doc = quotes_component(doc)
    line_start = sum(len(line) + 1 for line in instance.lines[:QUOTE_LINE])
    line_end = line_start + len(instance.lines[QUOTE_LINE])
    for span in doc.spans.get("quotes", []):
        if span.start_char < line_end and line_start < span.end_char:
            name = span._.info.get("speaker", "")
            return forms.get(name, name)
    return None


def evaluate(path: Path, names: Path, limit: int | None = None) -> Result:
    forms = read_names(names)
    total = correct = unanswered = 0
    per: Counter[str] = Counter()
    per_ok: Counter[str] = Counter()
    errors: list[tuple[str, str, str]] = []
    for instance in read_instances(path):
        if limit is not None and total >= limit:
            break
        if len(instance.lines) <= QUOTE_LINE:
            continue
        predicted = predict(instance, forms)
        gold = forms.get(instance.speaker, instance.speaker)
        total += 1
        per[instance.category] += 1
        if predicted is None:
            unanswered += 1
        if predicted == gold:
            correct += 1
            per_ok[instance.category] += 1
        else:
            errors.append((instance.index, gold, predicted or "-"))
    return Result(total, correct, unanswered, {c: (per_ok[c], n) for c, n in per.items()}, errors)
