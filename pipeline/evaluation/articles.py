"""Article gold files in the CONTRACT format (``zhnews evaluate articles GOLD_DIR``).

Each gold file ``<stem>.json`` is scored against the pipeline's summary of ``<stem>.txt`` (read from the
articles folder, by default the gold folder's parent), field by field, with the matching rules of the
reference scorer the gold files come with: names compared without punctuation and spaces; a place also
without a final 区/市/省/县; a title counts when it equals, contains or is contained in the gold title of
the same person; an organization also when the names differ by a leading place either side lists; a
figure by value and unit (or unit suffix); a year-less gold date also by a resolved prediction; a quote
when the texts overlap (at least half of the gold text, 30% of the predicted) and then by speaker name.
Scores are per article and micro-averaged (true positives, predictions and gold items summed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

FIELDS = ("people", "titles", "organizations", "places", "figures", "dates", "quotes", "quotes_direct",
          "quotes_indirect")
_PUNCT = re.compile(r"[\s*“”‘’\"'《》〈〉「」『』,，。.;；:：!！?？、()（）\[\]【】—…·\-]+")


def norm(s: str | None) -> str:
    return _PUNCT.sub("", s or "")


def place_key(s: str) -> str:
    s = norm(s)
    return re.sub(r"(区|市|省|县)$", "", s) if len(s) > 2 else s


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold


def _names(items: Iterable[Any] | None) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            out.append(item.get("name") or item.get("text") or "")
    return out


def set_score(gold: list[str], pred: list[str], key: Callable[[str], str] = norm) -> Score:
    g = {key(x) for x in gold if key(x)}
    p = {key(x) for x in pred if key(x)}
    return Score(len(g & p), len(p), len(g), sorted(g - p), sorted(p - g))


def title_score(gold: list[dict], pred: list[dict] | None) -> Score:
    gt = {(norm(p["name"]), norm(t)) for p in gold for t in p.get("titles", [])}
    pt = set()
    for p in pred or []:
        for t in p.get("titles", []) or []:
            t = t.get("title") if isinstance(t, dict) else t
            pt.add((norm(p.get("name")), norm(t)))

    def hit(n: str, t: str) -> bool:
        return any(n == pn and ptl and (t == ptl or t in ptl or ptl in t) for pn, ptl in pt)

    missed = sorted(f"{n}:{t}" for n, t in gt if not hit(n, t))
    return Score(len(gt) - len(missed), len(pt), len(gt), missed)


def org_place_score(gold: dict, pred: dict) -> tuple[Score, Score]:
    """A place written before an organization's name may be read as part of it or as a place: both count."""
    gp = {place_key(x) for x in gold.get("places", []) if place_key(x)}
    pp = {place_key(x) for x in _names(pred.get("places")) if place_key(x)}
    go = {norm(x) for x in gold.get("organizations", []) if norm(x)}
    po = {norm(x) for x in _names(pred.get("organizations")) if norm(x)}
    gplaces = {norm(x) for x in gold.get("places", [])} | {norm(x) for x in _names(pred.get("places"))}

    def same_org(g: str, p: str) -> bool:
        return g == p or any(p == pl + g or g == pl + p for pl in gplaces if pl)

    org_hits = {g for g in go if any(same_org(g, p) for p in po)}
    org_used = {p for p in po if any(same_org(g, p) for g in go)}
    orgs = Score(len(org_hits), len(po), len(go), sorted(go - org_hits), sorted(po - org_used))
    prefixed = {pl for pl in gplaces for p in po for g in go if pl and p == pl + g}
    place_hits = {g for g in gp if g in pp or g in {place_key(x) for x in prefixed}}
    places = Score(len(place_hits), len(pp | place_hits), len(gp), sorted(gp - place_hits), sorted(pp - gp))
    return orgs, places


def _num(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return tuple(_num(x) for x in v)
    if isinstance(v, dict):
        lo, hi = v.get("low", v.get("min")), v.get("high", v.get("max"))
        if lo is not None and hi is not None:
            return (_num(lo), _num(hi))
        v = v.get("value")
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return None


def _figure_key(f: dict) -> tuple[Any, str]:
    val = f.get("value")
    if f.get("low") is not None and f.get("high") is not None:
        val = [f["low"], f["high"]]
    return (_num(val), norm(f.get("unit", "")))


def figure_score(gold: list[dict], pred: list[dict] | None) -> Score:
    gk = {_figure_key(f) for f in gold}
    pk = {_figure_key(f) for f in pred or [] if isinstance(f, dict)}
    missed = [f"{v}{u}" for v, u in gk
              if not any(pv == v and (not u or pu == u or pu.endswith(u) or (pu and u.endswith(pu))) for pv, pu in pk)]
    return Score(len(gk) - len(missed), len(pk), len(gk), sorted(missed))


def date_score(gold: list[str], pred: list[str]) -> Score:
    g, p = set(gold), set(pred)

    def hit(gv: str, pv: str) -> bool:
        return gv == pv or (gv.startswith("--") and len(pv) == len(gv) + 3 and pv.endswith(gv[1:])
                            and pv[:4].isdigit())

    matched = {gv for gv in g if any(hit(gv, pv) for pv in p)}
    used = {pv for pv in p if any(hit(gv, pv) for gv in g)}
    return Score(len(matched), len(p), len(g), sorted(g - matched), sorted(p - used))


def _overlap(a: str, b: str) -> tuple[float, float]:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0, 0.0
    m = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return m / len(a), m / len(b)


def _speaker_name(q: dict) -> str:
    sp = q.get("speaker")
    if isinstance(sp, dict):
        return sp.get("name") or ""
    return sp or ""


def quote_score(gold: list[dict], pred: list[dict] | None, kind: str | None = None) -> Score:
    gold = [g for g in gold if kind is None or g["kind"] == kind]
    preds = [p for p in pred or [] if isinstance(p, dict)]
    if kind is not None:
        preds = [p for p in preds if p.get("kind", kind) == kind]
    used: set[int] = set()
    attributed = 0
    missed = []
    for g in gold:
        best, best_i = 0.0, None
        for i, p in enumerate(preds):
            if i in used:
                continue
            rg, rp = _overlap(g["text"], p.get("text", ""))
            if rg >= 0.5 and rp >= 0.3 and rg + rp > best:
                best, best_i = rg + rp, i
        if best_i is None:
            missed.append(f"{g['speaker']}: {g['text'][:24]}")
            continue
        used.add(best_i)
        if norm(_speaker_name(preds[best_i])) == norm(g["speaker"]):
            attributed += 1
        else:
            missed.append(f"{g['speaker']}≠{_speaker_name(preds[best_i])}: {g['text'][:24]}")
    return Score(attributed, len(preds), len(gold), missed)


def score(gold: dict, pred: dict) -> dict[str, Score]:
    """Every CONTRACT field of one summary (as JSON data) against one gold annotation."""
    orgs, places = org_place_score(gold, pred)
    return {
        "people": set_score(_names(gold.get("people")), _names(pred.get("people"))),
        "titles": title_score(gold.get("people", []), pred.get("people")),
        "organizations": orgs,
        "places": places,
        "figures": figure_score(gold.get("figures", []), pred.get("figures")),
        "dates": date_score([str(d["value"]) for d in gold.get("dates", [])],
                            [str(d.get("value", "")) for d in pred.get("dates", []) or [] if isinstance(d, dict)]),
        "quotes": quote_score(gold.get("quotes", []), pred.get("quotes")),
        "quotes_direct": quote_score(gold.get("quotes", []), pred.get("quotes"), "direct"),
        "quotes_indirect": quote_score(gold.get("quotes", []), pred.get("quotes"), "indirect"),
    }


@dataclass
class Report:
    per_article: dict[str, dict[str, Score]]
    total: dict[str, Score]


def evaluate(gold_dir: Path, articles_dir: Path | None = None,
             extract: Callable[[Path], dict] | None = None) -> Report:
    """Run the pipeline on the article of each gold file and score it; a missing article scores empty."""
    articles_dir = articles_dir or gold_dir.parent
    if extract is None:
        from ..api import extract_path

        def extract(path: Path) -> dict:
            return extract_path(path).model_dump(mode="json")

    per_article: dict[str, dict[str, Score]] = {}
    total = {f: Score() for f in FIELDS}
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = articles_dir / f"{gold_path.stem}.txt"
        pred = extract(article) if article.is_file() else {}
        scores = score(gold, pred)
        per_article[gold_path.stem] = scores
        for f, s in scores.items():
            total[f].add(s)
    return Report(per_article, total)


def format_report(report: Report, fields: Iterable[str] = FIELDS, details: bool = False) -> str:
    fields = list(fields)
    lines = []
    if details:
        for stem, scores in report.per_article.items():
            lines.append(f"## {stem}")
            for f in fields:
                s = scores[f]
                lines.append(f"  {f:16s} P={s.p:.2f} R={s.r:.2f} F1={s.f1:.2f}  tp={s.tp} pred={s.pred} gold={s.gold}")
                if s.missed:
                    lines.append("      missed: " + "; ".join(s.missed[:12]))
                if s.extra:
                    lines.append("      extra:  " + "; ".join(s.extra[:12]))
    else:
        header = f"{'article':40s} " + " ".join(f"{f[:8]:>8s}" for f in fields)
        lines.append(header)
        for stem, scores in report.per_article.items():
            lines.append(f"{stem[:40]:40s} " + " ".join(f"{scores[f].f1:8.2f}" for f in fields))
    lines.append(f"micro-averaged over {len(report.per_article)} articles:")
    for f in fields:
        s = report.total[f]
        lines.append(f"{f:16s} P={s.p:.2f} R={s.r:.2f} F1={s.f1:.2f}  tp={s.tp} pred={s.pred} gold={s.gold}")
    return "\n".join(lines) + "\n"
