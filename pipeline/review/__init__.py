"""Review pages: one static HTML page per article summary, and an index page for a batch.

A reviewer reads the article itself with every item the pipeline found highlighted in place (spaCy
displaCy's entity look), quotes drawn as spans tied to their speaker, and tables of people, quotes,
figures, dates, warnings and metadata beside it. Pages are self-contained (CSS and a few lines of JS
inlined, no network), so they open from disk, from a CI artifact or from an e-mail.

The renderer reads summaries as plain JSON (not the pydantic models), so that a page can be made from
an older or newer run than the installed code, and from a run where some stages are switched off.
Offsets index the raw decoded text (``pipeline.ingest.read(path).text``), exactly what the summary
stage wrote.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import chain, islice
from pathlib import Path
from typing import Any

from .. import __version__
from ..ingest import IngestError, read

#: which highlight is drawn outside which when two cover the same text (lower rank = outer)
KIND_RANK: dict[str, int] = {
    "quote": 0, "heading": 1, "warning": 2, "byline": 3, "speaker": 4,
    "organization": 5, "place": 6, "person": 7, "figure": 8, "date": 9,
}
#: the short label drawn after a highlight, displaCy style
LABELS: dict[str, str] = {
    "person": "PER", "organization": "ORG", "place": "LOC", "figure": "NUM", "date": "DATE",
}
LEGEND: tuple[tuple[str, str], ...] = (
    ("person", "person 人物"), ("organization", "organization 机构"), ("place", "place 地点"),
    ("figure", "figure 数字"), ("date", "date 日期"), ("quote", "quote 引语"), ("speaker", "speaker 说话人"),
    ("byline", "byline 署名"), ("warning", "warning 警告"),
)

_WS = re.compile(r"\s+")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


@dataclass
class Mark:
    """One highlight: ``[start, end)`` in the raw text, its kind, and the HTML attributes it carries."""

    start: int
    end: int
    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    ident: str | None = None
    order: int = 0


@dataclass
class Page:
    """A written article page: what the index lists and what the reviewer should know about it."""

    article_id: str
    file_name: str
    title: str
    publication: str
    date: str
    counts: dict[str, int]
    problems: list[str]


COUNTED: tuple[str, ...] = ("people", "organizations", "places", "figures", "dates", "quotes", "warnings")


# --------------------------------------------------------------------------------------------------
# Highlighting: spans that may overlap, drawn as correctly nested elements


def highlight(text: str, marks: Iterable[Mark]) -> str:
    """``text`` as escaped HTML with each mark as a ``<mark>`` element.

    Marks that only partly overlap cannot nest, so the inner one is cut where the outer one ends and
    reopened after it: its pieces share the mark's attributes, the first piece carries the ``id`` and
    the pieces' ``split-prev``/``split-next`` classes let CSS draw them as one.
    """
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    starts: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
    points = sorted({0, n, *starts, *(m.end for m in valid)})
    out: list[str] = []
    stack: list[tuple[Mark, int, bool]] = []  # (mark, index of its opening tag in out, is first piece)

    def nesting(m: Mark) -> tuple[int, int, int]:
        return (-m.end, KIND_RANK.get(m.kind, 99), m.order)

    for i, point in enumerate(points):
        reopen: list[Mark] = []
        while any(m.end == point for m, _, _ in stack):
            m, idx, first = stack.pop()
            out.append("</mark>")
            if m.end != point:  # cut by an outer mark that ends here; the rest reopens below
                out[idx] = _open_tag(m, first=first, split_prev=not first, split_next=True)
                reopen.append(m)
        opening = [(m, False) for m in reopen] + [(m, True) for m in starts.get(point, [])]
        opening.sort(key=lambda pair: nesting(pair[0]))
        for m, first in opening:
            stack.append((m, len(out), first))
            out.append(_open_tag(m, first=first, split_prev=not first, split_next=False))
        if i + 1 < len(points):
            out.append(html.escape(text[point:points[i + 1]], quote=False))
    return "".join(out)


def _open_tag(m: Mark, *, first: bool, split_prev: bool, split_next: bool) -> str:
    classes = ["m", f"m-{m.kind}"]
    if split_prev:
        classes.append("split-prev")
    if split_next:
        classes.append("split-next")
    parts = [f'class="{" ".join(classes)}"']
    if first and m.ident:
        parts.append(f'id="{_attr(m.ident)}"')
    parts.append(f'data-span="{m.start},{m.end}"')
    parts.extend(f'{key}="{_attr(value)}"' for key, value in m.attrs.items())
    return f"<mark {' '.join(parts)}>"


# --------------------------------------------------------------------------------------------------
# From a summary to highlights and tables


def marks_for(summary: dict[str, Any]) -> list[Mark]:
    """Every highlight a summary asks for, whatever groups it has (missing groups are empty)."""
    article = summary.get("article") or {}
    marks: list[Mark] = []

    def add(span: Any, kind: str, attrs: dict[str, str], ident: str | None = None) -> None:
        start, end = _span(span)
        if start is not None:
            marks.append(Mark(start, end, kind, attrs, ident, len(marks)))

    headings = {tuple(s["span"]) for s in article.get("sections") or [] if s.get("span")}
    if article.get("title_span"):
        headings.add(tuple(article["title_span"]))
    for start, end in sorted(headings):
        add([start, end], "heading", {}, f"H{start}-{end}")
    for b in article.get("bylines") or []:
        start, end = _span(b.get("span"))
        tip = f"{b.get('credit', '')} {b.get('name', '')}"
        add(b.get("span"), "byline", {"data-label": b.get("role", ""), "title": tip}, f"byline-{start}-{end}")
    for key, prefix in (("people", "P"), ("organizations", "O"), ("places", "L")):
        kind = {"people": "person", "organizations": "organization", "places": "place"}[key]
        for i, ent in enumerate(summary.get(key) or [], 1):
            eid = str(ent.get("id") or f"{prefix}{i}")
            tip = " · ".join(x for x in (eid, ent.get("name", ""), "、".join(ent.get("titles") or []),
                                         ent.get("kind", "") if kind != "person" else "", _rule(ent)) if x)
            for j, span in enumerate(_unique(ent.get("mentions") or []), 1):
                add(span, kind, {"data-entity": eid, "data-label": LABELS[kind], "title": tip}, f"{eid}-{j}")
    for i, fig in enumerate(summary.get("figures") or [], 1):
        add(fig.get("span"), "figure", {"data-label": LABELS["figure"], "title": _figure_tip(fig)}, f"F{i}")
    for i, date in enumerate(summary.get("dates") or [], 1):
        parts = (str(date.get("value")), "relative" if date.get("relative") else "", _rule(date))
        tip = " · ".join(x for x in parts if x)
        add(date.get("span"), "date", {"data-label": LABELS["date"], "title": tip}, f"D{i}")
    speakers: dict[tuple[int, int], list[str]] = {}
    for i, quote in enumerate(summary.get("quotes") or [], 1):
        qid = str(quote.get("id") or f"Q{i}")
        speaker = quote.get("speaker") or {}
        attrs = {"data-quote": qid, "data-label": f"{qid} {speaker.get('name', '')}".strip(),
                 "title": _quote_tip(qid, quote)}
        s_start, s_end = _span(quote.get("speaker_span"))
        if s_start is not None:
            attrs["data-speaker-ref"] = f"S{s_start}-{s_end}"
            speakers.setdefault((s_start, s_end), []).append(qid)
        add(quote.get("span"), "quote", attrs, qid)
    for (start, end), qids in speakers.items():
        add([start, end], "speaker", {"data-speaker-of": " ".join(qids), "title": "speaker of " + ", ".join(qids)},
            f"S{start}-{end}")
    for i, warning in enumerate(summary.get("warnings") or [], 1):
        if warning.get("span"):
            add(warning["span"], "warning", {"title": f"{warning.get('code', '')}: {warning.get('message', '')}"},
                f"W{i}")
    return marks


def check(summary: dict[str, Any], text: str) -> list[str]:
    """What in the summary does not fit the raw text: spans outside it, item text the span does not hold
    (compared without whitespace, as the contract allows a span to cover a page break)."""
    problems: list[str] = []
    n = len(text)

    def fits(where: str, span: Any, expected: str | None = None) -> None:
        start, end = _span(span)
        if start is None:
            problems.append(f"{where}: malformed span {span!r}")
        elif not 0 <= start < end <= n:
            problems.append(f"{where}: span [{start}, {end}) outside the text (length {n})")
        elif expected is not None and _WS.sub("", text[start:end]) != _WS.sub("", expected):
            problems.append(f"{where}: span [{start}, {end}) holds {text[start:end]!r}, not {expected!r}")

    article = summary.get("article") or {}
    if article.get("title_span"):
        fits("article.title", article["title_span"], article.get("title"))
    for i, b in enumerate(article.get("bylines") or []):
        fits(f"article.bylines[{i}]", b.get("span"), b.get("name"))
    for i, s in enumerate(article.get("sections") or []):
        fits(f"article.sections[{i}]", s.get("span"), s.get("heading"))
    for key in ("people", "organizations", "places"):
        for i, ent in enumerate(summary.get(key) or []):
            for span in ent.get("mentions") or []:
                fits(f"{key}[{i}] {ent.get('name', '')}", span)
    for key in ("figures", "dates", "quotes"):
        for i, item in enumerate(summary.get(key) or []):
            fits(f"{key}[{i}]", item.get("span"), item.get("text"))
    for i, quote in enumerate(summary.get("quotes") or []):
        if quote.get("speaker_span"):
            fits(f"quotes[{i}].speaker_span", quote["speaker_span"])
    for i, warning in enumerate(summary.get("warnings") or []):
        if warning.get("span"):
            fits(f"warnings[{i}]", warning["span"])
    return problems


def render_page(summary: dict[str, Any], text: str | None, *, notes: Iterable[str] = (),
                index_link: str | None = None) -> tuple[str, list[str]]:
    """The page's HTML and the problems found (``text`` None: the raw article could not be read)."""
    article = summary.get("article") or {}
    aid = str(article.get("id", ""))
    problems = list(notes)
    if text is not None:
        problems.extend(check(summary, text))
    e = _esc
    body: list[str] = []
    if index_link:
        body.append(f'<nav class="top"><a href="{_attr(index_link)}">← all articles</a></nav>')
    body.append(f"<h1>{e(article.get('title') or aid)}</h1>")
    body.append(f'<p class="muted">{e(aid)} · {e(article.get("publication") or "no publication")} · '
                f'{e(article.get("date") or "no date")} · <code>{e(article.get("pipeline_version", ""))}</code></p>')
    counts = {key: len(summary.get(key) or []) for key in COUNTED}
    toc = ['<a href="#text">text</a>', '<a href="#meta">metadata</a>']
    toc += [f'<a href="#{key}">{key} ({n})</a>' for key, n in counts.items()]
    if problems:
        toc.append(f'<a href="#problems">problems ({len(problems)})</a>')
    body.append(f'<nav class="toc">{"".join(toc)}</nav>')
    for note in notes:
        body.append(f'<div class="banner">{e(note)}</div>')
    body.append('<div class="legend">' + "".join(
        f'<span class="m m-{kind}">{e(label)}</span>' for kind, label in LEGEND) + "</div>")
    body.append('<h2 id="text">Text</h2>')
    if text is None:
        body.append('<p class="empty">The raw article could not be read, so the text is not shown.</p>')
    else:
        body.append(f'<div class="text" lang="zh">{highlight(text, marks_for(summary))}</div>')
    body.append(_meta_section(article))
    body.append(_people_section(summary))
    body.append(_entity_section(summary, "organizations", "Organizations", "O"))
    body.append(_entity_section(summary, "places", "Places", "L"))
    body.append(_quotes_section(summary))
    body.append(_figures_section(summary))
    body.append(_dates_section(summary))
    body.append(_warnings_section(summary))
    if problems:
        body.append('<h2 id="problems">Problems found while rendering</h2><ul>'
                    + "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    return _page(f"{article.get('title') or aid} — zhnews review", "\n".join(body)), problems


def _meta_section(article: dict[str, Any]) -> str:
    e = _esc
    rows = [("id", e(article.get("id", ""))), ("source", e(article.get("source", ""))),
            ("sha256", f"<code>{e(article.get('sha256', ''))}</code>"),
            ("encoding / format", e(f"{article.get('encoding', '')} / {article.get('format', '')}")),
            ("title", _link_or_text(article.get("title"), article.get("title_span"), "H")),
            ("publication", e(article.get("publication") or "—")),
            ("date", e(f"{article.get('date') or '—'}" + (f" ({article['date_source']})"
                                                          if article.get("date_source") else ""))),
            ("pipeline", f"<code>{e(article.get('pipeline_version', ''))}</code>")]
    contacts = article.get("contacts") or {}
    for key in ("phones", "emails", "urls"):
        rows.append((key, e(", ".join(contacts.get(key) or [])) or "—"))
    out = ['<h2 id="meta">Metadata</h2><dl class="meta">']
    out += [f"<dt>{e(k)}</dt><dd>{v}</dd>" for k, v in rows]
    out.append("</dl>")
    bylines = article.get("bylines") or []
    out.append(f"<h2 id=\"bylines\">Bylines ({len(bylines)})</h2>")
    out.append(_table(["name", "role", "credit"], [
        [_link_or_text(b.get("name"), b.get("span"), "byline-"), e(b.get("role", "")), e(b.get("credit", ""))]
        for b in bylines]))
    sections = article.get("sections") or []
    out.append(f"<h2 id=\"sections\">Sections ({len(sections)})</h2>")
    out.append(_table(["heading"], [[_link_or_text(s.get("heading"), s.get("span"), "H")] for s in sections]))
    return "\n".join(out)


def _people_section(summary: dict[str, Any]) -> str:
    e = _esc
    people = summary.get("people") or []
    rows = []
    for i, p in enumerate(people, 1):
        pid = str(p.get("id") or f"P{i}")
        mentions = _unique(p.get("mentions") or [])
        name = e(p.get("name", ""))
        rows.append([f'<span id="row-{_attr(pid)}">{e(pid)}</span>',
                     f'<a href="#{_attr(pid)}-1">{name}</a>' if mentions else name,
                     e("、".join(p.get("titles") or [])) or '<span class="empty">—</span>',
                     _num_cell(len(mentions)), _mention_links(pid, mentions), e(p.get("rule", ""))])
    return (f'<h2 id="people">People ({len(people)})</h2>'
            + _table(["id", "name", "titles", "mentions", "where", "rule"], rows))


def _entity_section(summary: dict[str, Any], key: str, heading: str, prefix: str) -> str:
    e = _esc
    items = summary.get(key) or []
    rows = []
    for i, ent in enumerate(items, 1):
        eid = str(ent.get("id") or f"{prefix}{i}")
        mentions = _unique(ent.get("mentions") or [])
        rows.append([e(eid), e(ent.get("name", "")), e(ent.get("kind", "")), _num_cell(len(mentions)),
                     _mention_links(eid, mentions), e(ent.get("rule", ""))])
    return (f'<h2 id="{key}">{heading} ({len(items)})</h2>'
            + _table(["id", "name", "kind", "mentions", "where", "rule"], rows))


def _quotes_section(summary: dict[str, Any]) -> str:
    e = _esc
    quotes = summary.get("quotes") or []
    rows = []
    for i, q in enumerate(quotes, 1):
        qid = str(q.get("id") or f"Q{i}")
        sp = q.get("speaker") or {}
        name = e(sp.get("name", ""))
        start, end = _span(q.get("speaker_span"))
        if start is not None:
            name = f'<a href="#S{start}-{end}">{name}</a>'
        if sp.get("person"):
            name += f' <a class="muted" href="#row-{_attr(sp["person"])}">{e(sp["person"])}</a>'
        rows.append([f'<a href="#{_attr(qid)}">{e(qid)}</a>', name, e(sp.get("title") or ""),
                     e(sp.get("type", "")), e(q.get("kind", "")), e(q.get("cue") or ""),
                     e(q.get("text", "")), e(q.get("rule", ""))])
    return (f'<h2 id="quotes">Quotes ({len(quotes)})</h2>'
            + _table(["id", "speaker", "title", "type", "kind", "cue", "text", "rule"], rows, wide_col=6))


def _figures_section(summary: dict[str, Any]) -> str:
    e = _esc
    figures = summary.get("figures") or []
    rows = []
    for i, f in enumerate(figures, 1):
        value = _fmt(f.get("value"))
        if f.get("value") is None and (f.get("low") is not None or f.get("high") is not None):
            value = f"{_fmt(f.get('low'))}–{_fmt(f.get('high'))}"
        rows.append([f'<a href="#F{i}">{e(f.get("text", ""))}</a>', _num_cell(value), e(f.get("unit", "")),
                     e(f.get("currency") or ""), e(f.get("approx") or ""), e(f.get("kind", "")),
                     e(f.get("subject") or ""), e(f.get("rule", ""))])
    return (f'<h2 id="figures">Figures ({len(figures)})</h2>'
            + _table(["text", "value", "unit", "currency", "approx", "kind", "subject", "rule"], rows))


def _dates_section(summary: dict[str, Any]) -> str:
    e = _esc
    dates = summary.get("dates") or []
    rows = [[f'<a href="#D{i}">{e(d.get("text", ""))}</a>', e(str(d.get("value"))),
             "relative" if d.get("relative") else "", e(d.get("rule", ""))] for i, d in enumerate(dates, 1)]
    return f'<h2 id="dates">Dates ({len(dates)})</h2>' + _table(["text", "value", "relative", "rule"], rows)


def _warnings_section(summary: dict[str, Any]) -> str:
    e = _esc
    warnings = summary.get("warnings") or []
    rows = [[e(w.get("code", "")), e(w.get("message", "")),
             f'<a href="#W{i}">{_span_text(w.get("span"))}</a>' if w.get("span") else ""]
            for i, w in enumerate(warnings, 1)]
    return f'<h2 id="warnings">Warnings ({len(warnings)})</h2>' + _table(["code", "message", "where"], rows)


def render_index(pages: list[Page]) -> str:
    e = _esc
    rows = []
    for page in pages:
        rows.append([f'<a href="{_attr(page.file_name)}">{e(page.article_id)}</a>', e(page.title),
                     e(page.publication), e(page.date), *(_num_cell(page.counts[k]) for k in COUNTED),
                     _num_cell(len(page.problems))])
    body = (f"<h1>zhnews review: {len(pages)} articles</h1>"
            + _table(["article", "title", "publication", "date", *COUNTED, "problems"], rows, wide_col=1))
    return _page("zhnews review", body)


# --------------------------------------------------------------------------------------------------
# Batch: summaries in, pages out


def load_summaries(paths: Iterable[str | Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, summary) for JSON files, ``*.json`` below folders, and each line of ``.jsonl`` files.
    Unreadable input raises ``ValueError`` naming the file."""
    for path in map(Path, paths):
        if path.is_dir():
            files_ = sorted(p for p in path.rglob("*.json") if p.is_file())
        elif path.exists():
            files_ = [path]
        else:
            raise ValueError(f"{path}: no such file or folder")
        for file in files_:
            try:
                if file.suffix == ".jsonl":
                    with file.open(encoding="utf-8") as fh:
                        for n, line in enumerate(fh, 1):
                            if line.strip():
                                yield f"{file}:{n}", _as_summary(json.loads(line), f"{file}:{n}")
                else:
                    yield str(file), _as_summary(json.loads(file.read_text(encoding="utf-8")), str(file))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ValueError(f"{file}: not a JSON summary: {exc}") from exc


def _as_summary(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
        raise ValueError(f"{where}: not a zhnews summary (no \"article\" object)")
    return data


def find_raw(summary: dict[str, Any], raw_dir: Path | None = None) -> Path | None:
    """The article's raw file: ``article.source`` (relative to the working directory), or with
    ``raw_dir`` the file of the same name (or ``<id>.txt``) in that folder."""
    article = summary.get("article") or {}
    source = str(article.get("source") or "")
    candidates: list[Path] = []
    if raw_dir is not None:
        if source:
            candidates.append(raw_dir / Path(source).name)
        candidates.append(raw_dir / f"{article.get('id', '')}.txt")
    elif source:
        candidates.append(Path(source))
    return next((p for p in candidates if p.is_file()), None)


def review(paths: Iterable[str | Path], out_dir: Path, *, raw_dir: Path | None = None) -> list[Page]:
    """Write one page per summary and, for more than one, ``index.html``; return the pages.
    Summaries are read one at a time, so a large batch does not sit in memory."""
    summaries = load_summaries(paths)
    # a second summary decides whether pages link to an index; look ahead by one, not more
    head = list(islice(summaries, 2))
    batch = len(head) > 1
    out_dir.mkdir(parents=True, exist_ok=True)
    pages: list[Page] = []
    used: set[str] = {"index.html"}
    for _where, summary in chain(head, summaries):
        article = summary["article"]
        aid = str(article.get("id") or "article")
        notes: list[str] = []
        text: str | None = None
        raw_path = find_raw(summary, raw_dir)
        if raw_path is None:
            notes.append(f"raw article not found (source {article.get('source')!r}"
                         + (f", folder {raw_dir}" if raw_dir else "") + "); use --raw DIR")
        else:
            try:
                raw = read(raw_path)
            except IngestError as exc:
                notes.append(f"{raw_path}: {exc}")
            else:
                text = raw.text
                if article.get("sha256") and hashlib.sha256(raw_path.read_bytes()).hexdigest() != article["sha256"]:
                    notes.append(f"{raw_path} changed since this summary was made (sha256 differs): "
                                 "highlights may be misplaced; extract it again")
        name = _file_name(aid, used)
        html_text, problems = render_page(summary, text, notes=notes, index_link="index.html" if batch else None)
        (out_dir / name).write_text(html_text, encoding="utf-8")
        pages.append(Page(aid, name, str(article.get("title") or ""), str(article.get("publication") or ""),
                          str(article.get("date") or ""), {k: len(summary.get(k) or []) for k in COUNTED}, problems))
    if batch:
        (out_dir / "index.html").write_text(render_index(pages), encoding="utf-8")
    return pages


def _file_name(article_id: str, used: set[str]) -> str:
    stem = _UNSAFE_NAME.sub("_", article_id).strip("._") or "article"
    name, n = f"{stem}.html", 1
    while name in used:
        n += 1
        name = f"{stem}-{n}.html"
    used.add(name)
    return name


# --------------------------------------------------------------------------------------------------
# Small helpers


@cache
def _asset(name: str) -> str:
    return (files(__package__) / name).read_text(encoding="utf-8")


def _page(title: str, body: str) -> str:
    values = {"title": _esc(title), "css": _asset("review.css"), "body": body,
              "generator": _attr(f"zhnews {__version__}")}
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m[1]], _asset("page.html"))


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=False)


def _attr(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _span(span: Any) -> tuple[int, int] | tuple[None, None]:
    if (isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(x, int) for x in span)
            and span[0] < span[1]):
        return span[0], span[1]
    return None, None


def _unique(spans: Iterable[Any]) -> list[Any]:
    seen: dict[tuple[Any, ...], Any] = {}
    for span in spans:
        seen.setdefault(tuple(span) if isinstance(span, list | tuple) else (span,), span)
    return list(seen.values())


def _rule(item: dict[str, Any]) -> str:
    return f"rule {item['rule']}" if item.get("rule") else ""


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


class _Num(str):
    """A table cell drawn right-aligned (counts, values)."""


def _num_cell(value: Any) -> str:
    return _Num(_esc(value))


def _span_text(span: Any) -> str:
    start, end = _span(span)
    return f"[{start}, {end})" if start is not None else ""


def _mention_links(eid: str, mentions: list[Any]) -> str:
    return "".join(f'<a href="#{_attr(eid)}-{j}">{j}</a>' for j in range(1, len(mentions) + 1))


def _link_or_text(text: Any, span: Any, prefix: str) -> str:
    """Item text, linked to its highlight (whose id is ``<prefix><start>-<end>``) where it has one."""
    if not text:
        return '<span class="empty">—</span>'
    start, end = _span(span)
    if start is None:
        return _esc(text)
    return f'<a href="#{prefix}{start}-{end}">{_esc(text)}</a>'


def _figure_tip(fig: dict[str, Any]) -> str:
    value = _fmt(fig.get("value"))
    if fig.get("value") is None and (fig.get("low") is not None or fig.get("high") is not None):
        value = f"{_fmt(fig.get('low'))}–{_fmt(fig.get('high'))}"
    parts = [f"{value} {fig.get('unit', '')}".strip(), fig.get("currency") or "", fig.get("approx") or "",
             fig.get("kind", ""), f"subject {fig['subject']}" if fig.get("subject") else "", _rule(fig)]
    return " · ".join(p for p in parts if p)


def _quote_tip(qid: str, quote: dict[str, Any]) -> str:
    sp = quote.get("speaker") or {}
    who = sp.get("name", "") + (f" ({sp['title']})" if sp.get("title") else "")
    parts = [qid, quote.get("kind", ""), who, f"cue {quote['cue']}" if quote.get("cue") else "", _rule(quote)]
    return " · ".join(p for p in parts if p)


def _table(headers: list[str], rows: list[list[str]], *, wide_col: int | None = None) -> str:
    if not rows:
        return '<p class="empty">none</p>'
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if isinstance(cell, _Num):
                cells.append(f'<td class="num">{cell}</td>')
            else:
                cls = ' class="wide"' if i == wide_col else ""
                cells.append(f"<td{cls}>{cell}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
