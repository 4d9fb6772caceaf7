"""What changed between two runs: per article, per field, the items added, removed and changed.

Items are matched by what they are, not by where they sit in a list (a new person early in an article
shifts every later list position and every ``P<n>`` id): span items (figures, dates, quotes, warnings,
bylines, sections) by span and text, then by overlapping span, then by text; entities (people,
organizations, places) by name, then by shared mentions. Ids that only number items (``P3``, ``Q7``) are
not compared; a quote's ``speaker.person`` is compared as the name of the person it points to.

Summaries are read as plain JSON, so runs of different versions can be compared.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: fields that say which build made a file rather than what it found; compared only when asked
DEFAULT_IGNORE: frozenset[str] = frozenset({"article.pipeline_version"})
ENTITY_FIELDS: tuple[str, ...] = ("people", "organizations", "places")
SPAN_FIELDS: tuple[str, ...] = ("figures", "dates", "quotes", "warnings")
ARTICLE_SPAN_FIELDS: tuple[str, ...] = ("bylines", "sections")
#: keys that only number an item within its list
POSITIONAL_KEYS: frozenset[str] = frozenset({"id"})

Item = dict[str, Any]


@dataclass
class FieldDiff:
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    #: (old item, new item, {key: (old value, new value)})
    changed: list[tuple[Any, Any, dict[str, tuple[Any, Any]]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class ArticleDiff:
    id: str
    status: str  # equal | changed | added (only in NEW) | removed (only in OLD)
    old: str | None = None
    new: str | None = None
    fields: dict[str, FieldDiff] = field(default_factory=dict)

    def counts(self) -> tuple[int, int, int]:
        return (sum(len(f.added) for f in self.fields.values()), sum(len(f.removed) for f in self.fields.values()),
                sum(len(f.changed) for f in self.fields.values()))


# --------------------------------------------------------------------------------------------------
# Comparing two summaries


def diff_summaries(old: dict[str, Any], new: dict[str, Any], *,
                   ignore: Iterable[str] = DEFAULT_IGNORE) -> dict[str, FieldDiff]:
    """The fields that differ, by dotted name (``people``, ``article.title``, ``article.contacts.phones``)."""
    ignored = set(ignore)
    out: dict[str, FieldDiff] = {}

    def put(name: str, result: FieldDiff) -> None:
        if result and name not in ignored:
            out[name] = result

    old_article, new_article = old.get("article") or {}, new.get("article") or {}
    for key in _keys(old_article, new_article):
        name = f"article.{key}"
        a, b = old_article.get(key), new_article.get(key)
        if key in ARTICLE_SPAN_FIELDS:
            put(name, _match_span_items(a or [], b or [], lambda item: item))
        elif key == "contacts":
            a, b = a or {}, b or {}
            for sub in _keys(a, b):
                put(f"{name}.{sub}", _diff_values(a.get(sub), b.get(sub)))
        else:
            put(name, _diff_values(a, b))
    old_names, new_names = _person_names(old), _person_names(new)
    for key in _keys(old, new):
        if key == "article":
            continue
        a, b = old.get(key), new.get(key)
        if key in ENTITY_FIELDS:
            put(key, _match_entities(a or [], b or []))
        elif key in SPAN_FIELDS or (_is_item_list(a) and _is_item_list(b) and _has_spans(a, b)):
            if key == "quotes":
                put(key, _match_span_items(a or [], b or [], lambda q: _resolve_speaker(q, old_names),
                                           lambda q: _resolve_speaker(q, new_names)))
            else:
                put(key, _match_span_items(a or [], b or [], lambda item: item))
        else:
            put(key, _diff_values(a, b))
    return out


def _keys(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys([*a, *b]))


def _is_item_list(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(x, dict) for x in value))


def _has_spans(a: list[Item] | None, b: list[Item] | None) -> bool:
    return any("span" in x for x in (a or []) + (b or []))


def _diff_values(a: Any, b: Any) -> FieldDiff:
    """A scalar changed, or a list of plain values gained and lost members."""
    if a == b:
        return FieldDiff()
    if isinstance(a, list | type(None)) and isinstance(b, list | type(None)) and not _any_dict(a, b):
        a, b = a or [], b or []
        return FieldDiff(added=[x for x in b if x not in a], removed=[x for x in a if x not in b])
    return FieldDiff(changed=[(a, b, {})])


def _any_dict(a: list[Any] | None, b: list[Any] | None) -> bool:
    return any(isinstance(x, dict | list) for x in (a or []) + (b or []))


def _person_names(summary: dict[str, Any]) -> dict[str, str]:
    return {str(p.get("id")): p.get("name", "") for p in summary.get("people") or [] if isinstance(p, dict)}


def _resolve_speaker(quote: Item, names: dict[str, str]) -> Item:
    speaker = quote.get("speaker")
    if not isinstance(speaker, dict) or not speaker.get("person"):
        return quote
    return {**quote, "speaker": {**speaker, "person": names.get(speaker["person"], speaker["person"])}}


def _item_changes(a: Item, b: Item, prefix: str = "") -> dict[str, tuple[Any, Any]]:
    """Changed keys, nested objects as dotted keys (``speaker.title``)."""
    out: dict[str, tuple[Any, Any]] = {}
    for key in _keys(a, b):
        if (key in POSITIONAL_KEYS and not prefix) or a.get(key) == b.get(key):
            continue
        if isinstance(a.get(key), dict) and isinstance(b.get(key), dict):
            out.update(_item_changes(a[key], b[key], f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = (a.get(key), b.get(key))
    return out


def _span(item: Item) -> tuple[int, int] | None:
    span = item.get("span")
    if isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return span[0], span[1]
    return None


def _text(item: Item) -> Any:
    for key in ("text", "heading", "name", "code"):
        if key in item:
            return item[key]
    return None


def _match_span_items(old: list[Item], new: list[Item], view_old: Callable[[Item], Item],
                      view_new: Callable[[Item], Item] | None = None) -> FieldDiff:
    """Pairs by (span, text), then by the largest overlap of spans, then by text alone; the rest are
    added or removed. ``view_*`` give the form in which items are compared (ids resolved to names)."""
    view_new = view_new or view_old
    a = [view_old(x) for x in old]
    b = [view_new(x) for x in new]
    pairs: list[tuple[int, int]] = []
    free_a, free_b = set(range(len(a))), set(range(len(b)))

    def pair_by(key: Callable[[Item], Any]) -> None:
        index: dict[Any, list[int]] = {}
        for j in sorted(free_b):
            k = key(b[j])
            if k is not None:
                index.setdefault(k, []).append(j)
        for i in sorted(free_a):
            k = key(a[i])
            if k is not None and index.get(k):
                j = index[k].pop(0)
                pairs.append((i, j))
                free_a.discard(i)
                free_b.discard(j)

    pair_by(lambda x: (_span(x), _freeze(_text(x)), _freeze(x.get("message"))) if _span(x) is None
            else (_span(x), _freeze(_text(x))))
    _pair_by_overlap(a, b, free_a, free_b, pairs)
    pair_by(lambda x: _freeze(_text(x)) if _text(x) is not None else None)
    result = FieldDiff(added=[new[j] for j in sorted(free_b)], removed=[old[i] for i in sorted(free_a)])
    for i, j in sorted(pairs):
        changes = _item_changes(a[i], b[j])
        if changes:
            result.changed.append((old[i], new[j], changes))
    return result


def _pair_by_overlap(a: list[Item], b: list[Item], free_a: set[int], free_b: set[int],
                     pairs: list[tuple[int, int]]) -> None:
    """Greedy pairing of the largest overlaps first; new spans sorted by start so each old span looks
    only at the new spans that can reach it."""
    cands = sorted((s[0], s[1], j) for j in free_b if (s := _span(b[j])) is not None)
    if not cands:
        return
    starts = [c[0] for c in cands]
    longest = max(e - s for s, e, _ in cands)
    scored: list[tuple[int, int, int]] = []
    for i in free_a:
        span = _span(a[i])
        if span is None:
            continue
        lo = bisect_left(starts, span[0] - longest)
        hi = bisect_left(starts, span[1])
        for s, e, j in cands[lo:hi]:
            overlap = min(e, span[1]) - max(s, span[0])
            if overlap > 0:
                scored.append((-overlap, i, j))
    for _neg, i, j in sorted(scored):
        if i in free_a and j in free_b:
            pairs.append((i, j))
            free_a.discard(i)
            free_b.discard(j)


def _match_entities(old: list[Item], new: list[Item]) -> FieldDiff:
    """Pairs by name, then by the most shared mentions (a renamed entity: 罗经理 became 罗华民)."""
    pairs: list[tuple[int, int]] = []
    free_a, free_b = set(range(len(old))), set(range(len(new)))
    by_name: dict[Any, list[int]] = {}
    for j, item in enumerate(new):
        by_name.setdefault(_freeze(item.get("name")), []).append(j)
    for i, item in enumerate(old):
        js = by_name.get(_freeze(item.get("name")))
        if js:
            j = js.pop(0)
            pairs.append((i, j))
            free_a.discard(i)
            free_b.discard(j)
    owner: dict[tuple[Any, ...], list[int]] = {}
    for j in free_b:
        for m in new[j].get("mentions") or []:
            owner.setdefault(_freeze(m), []).append(j)
    scored: list[tuple[int, int, int]] = []
    for i in free_a:
        shared: dict[int, int] = {}
        for m in old[i].get("mentions") or []:
            for j in owner.get(_freeze(m), []):
                shared[j] = shared.get(j, 0) + 1
        scored.extend((-n, i, j) for j, n in shared.items())
    for _neg, i, j in sorted(scored):
        if i in free_a and j in free_b:
            pairs.append((i, j))
            free_a.discard(i)
            free_b.discard(j)
    result = FieldDiff(added=[new[j] for j in sorted(free_b)], removed=[old[i] for i in sorted(free_a)])
    for i, j in sorted(pairs):
        changes = _item_changes(old[i], new[j])
        if changes:
            result.changed.append((old[i], new[j], changes))
    return result


def _freeze(value: Any) -> Any:
    """A hashable form of a JSON value."""
    if isinstance(value, list | tuple):
        return tuple(_freeze(x) for x in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return value


# --------------------------------------------------------------------------------------------------
# Comparing two runs


def load(path: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """Summaries by article id: a ``.json`` file (one), a ``.jsonl`` file or a folder of ``*.json``.
    Raises ``ValueError`` naming the file that cannot be read."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise ValueError(f"{path}: no such file or folder")
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for file in files:
        try:
            if file.suffix == ".jsonl":
                with file.open(encoding="utf-8") as fh:
                    records = [(f"{file}:{n}", json.loads(line)) for n, line in enumerate(fh, 1) if line.strip()]
            else:
                records = [(str(file), json.loads(file.read_text(encoding="utf-8")))]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{file}: cannot read JSON: {exc}") from exc
        for where, data in records:
            if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
                raise ValueError(f"{where}: not a zhnews summary (no \"article\" object)")
            aid = str(data["article"].get("id") or Path(where.split(":")[0]).stem)
            if aid in out:
                raise ValueError(f"{where}: article {aid!r} appears twice (also in {out[aid][0]})")
            out[aid] = (where, data)
    return out


def diff_paths(old: Path, new: Path, *, ignore: Iterable[str] = DEFAULT_IGNORE) -> list[ArticleDiff]:
    """Two files, two folders (articles matched by id), or a file and a folder (its article in it)."""
    a, b = load(old), load(new)
    single_a, single_b = old.is_file() and old.suffix == ".json", new.is_file() and new.suffix == ".json"
    if single_a and single_b:
        (id_a, (where_a, sum_a)), (_id_b, (where_b, sum_b)) = next(iter(a.items())), next(iter(b.items()))
        a, b = {id_a: (where_a, sum_a)}, {id_a: (where_b, sum_b)}
    elif single_a:
        b = {k: v for k, v in b.items() if k in a}
    elif single_b:
        a = {k: v for k, v in a.items() if k in b}
    ignore = list(ignore)
    out: list[ArticleDiff] = []
    for aid in sorted(set(a) | set(b)):
        if aid not in b:
            out.append(ArticleDiff(aid, "removed", old=a[aid][0]))
        elif aid not in a:
            out.append(ArticleDiff(aid, "added", new=b[aid][0]))
        else:
            fields = diff_summaries(a[aid][1], b[aid][1], ignore=ignore)
            out.append(ArticleDiff(aid, "changed" if fields else "equal", a[aid][0], b[aid][0], fields))
    return out


def is_equal(diffs: Iterable[ArticleDiff]) -> bool:
    return all(d.status == "equal" for d in diffs)


# --------------------------------------------------------------------------------------------------
# Output


def to_json(diffs: list[ArticleDiff]) -> dict[str, Any]:
    return {
        "equal": is_equal(diffs),
        "articles": [
            {"id": d.id, "status": d.status, "old": d.old, "new": d.new,
             "fields": {name: {"added": f.added, "removed": f.removed,
                               "changed": [{"old": o, "new": n, "changes": {k: list(v) for k, v in c.items()}}
                                           for o, n, c in f.changed]}
                        for name, f in d.fields.items()}}
            for d in diffs],
    }


def format_text(diffs: list[ArticleDiff], *, show_equal: bool = False) -> str:
    lines: list[str] = []
    for d in diffs:
        if d.status == "equal":
            if show_equal:
                lines.append(f"{d.id}: equal")
            continue
        if d.status in ("added", "removed"):
            where = "NEW" if d.status == "added" else "OLD"
            lines.append(f"{d.id}: only in {where} ({d.new or d.old})")
            continue
        added, removed, changed = d.counts()
        lines.append(f"{d.id}: {added} added, {removed} removed, {changed} changed")
        for name, f in d.fields.items():
            lines.append(f"  {name}")
            lines.extend(f"    + {describe(name, x)}" for x in f.added)
            lines.extend(f"    - {describe(name, x)}" for x in f.removed)
            for old, new, changes in f.changed:
                if not changes:  # a whole value replaced
                    lines.append(f"    ~ {_short(old)} → {_short(new)}")
                    continue
                lines.append(f"    ~ {describe(name, old)}")
                lines.extend(f"        {key}: {_change(key, a, b)}" for key, (a, b) in changes.items())
    n = len(diffs)
    differ = sum(d.status != "equal" for d in diffs)
    lines.append(f"{n} article{'s' if n != 1 else ''} compared: {differ} differ, {n - differ} equal")
    return "\n".join(lines) + "\n"


def describe(name: str, item: Any) -> str:
    """One line a reviewer recognizes the item by."""
    if not isinstance(item, dict):
        return _short(item)
    where = _where(item)
    if name == "people":
        titles = f" [{'、'.join(item.get('titles') or [])}]" if item.get("titles") else ""
        return f"{item.get('name')}{titles} ×{len(item.get('mentions') or [])}"
    if name in ("organizations", "places"):
        return f"{item.get('name')} ({item.get('kind', '')}) ×{len(item.get('mentions') or [])}"
    if name == "figures":
        value = item.get("value")
        if value is None and (item.get("low") is not None or item.get("high") is not None):
            value = f"{item.get('low')}–{item.get('high')}"
        extra = f" {item['approx']}" if item.get("approx") else ""
        return f"「{item.get('text')}」{where} = {_num(value)} {item.get('unit', '')}{extra}".rstrip()
    if name == "dates":
        return f"「{item.get('text')}」{where} = {item.get('value')}"
    if name == "quotes":
        speaker = (item.get("speaker") or {}).get("name", "?")
        return f"{item.get('kind', '')} {speaker}{where}: 「{_clip(item.get('text', ''))}」"
    if name == "warnings":
        return f"{item.get('code')}{where}: {_clip(item.get('message', ''))}"
    if name == "article.bylines":
        return f"{item.get('credit') or item.get('role')} {item.get('name')}{where}"
    if name == "article.sections":
        return f"{item.get('heading')}{where}"
    return _short(item)


def _where(item: dict[str, Any]) -> str:
    span = _span(item)
    return f" [{span[0]}, {span[1]})" if span else ""


def _change(key: str, a: Any, b: Any) -> str:
    if key == "mentions" and isinstance(a, list) and isinstance(b, list):
        fa, fb = [_freeze(x) for x in a], [_freeze(x) for x in b]
        gained = [list(x) for x in fb if x not in fa]
        lost = [list(x) for x in fa if x not in fb]
        return " ".join(p for p in (f"+{gained}" if gained else "", f"-{lost}" if lost else "") if p) or "reordered"
    if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > 40:
        a, b = _trim_common(a, b)
    return f"{_short(a)} → {_short(b)}"


def _trim_common(a: str, b: str, keep: int = 8) -> tuple[str, str]:
    """Two long strings cut to where they differ, with a little context, so a one-character change shows."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    start = max(0, p - keep)
    lead = "…" if start else ""

    def cut(x: str) -> str:
        end = len(x) - max(0, s - keep)
        return lead + x[start:end] + ("…" if end < len(x) else "")

    return cut(a), cut(b)


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short(value: Any, limit: int = 100) -> str:
    return _clip(json.dumps(value, ensure_ascii=False), limit)
