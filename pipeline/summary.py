"""Stage 5, summary: the ``Doc``'s span groups to the pydantic ``Summary``.

The one place where clean offsets become raw offsets, and where item text is read back from the raw
text, so that every span in the output is evidence a reviewer can find in the file.

What each stage leaves on the ``Doc`` (``span._.info`` keys in brackets, read with ``spans.info_of``):
- ``people``: one span per mention [name: the person's full name, titles: titles given at this mention,
  reference: a name written as a doctrine's owner (邓小平理论), no person of the article unless named elsewhere];
- ``organizations`` / ``places``: one span per mention [name: the fullest form, kind];
- ``figures``: [value, low, high, unit, currency, approx, kind, subject, context_start, context_end];
- ``dates``: [value, relative]; a range gives two spans over the same text, the second labelled
  ``DATE_END``; ``relative_dates`` (今年, 去年, 第二年, resolved only against the article date or a year the
  sentence states) are kept apart in ``relative_dates``, since the annotation guide does not count
  them as dates;
- ``quotes``: the speech itself [kind, cue, speaker: name, speaker_type, speaker_title,
  speaker_start, speaker_end];
- ``contacts``: labels PHONE, EMAIL, URL; ``credits``: [name, role, credit];
- ``doc._.meta["warnings"]``: (code, message, clean start, clean end) tuples.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span

from . import __version__, lexicons
from .clean import CleanText
from .ingest import RawText
from .layout import Layout
from .models import (
    Article,
    Byline,
    Contacts,
    DateItem,
    ExtractionWarning,
    Figure,
    Organization,
    Person,
    Place,
    Quote,
    Repair,
    Section,
    Speaker,
    Summary,
)
from .spans import info_of

SpanOf = Callable[[int, int], tuple[int, int]]
TextOf = Callable[[int, int], str]

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_STEM_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


@cache
def pipeline_version() -> str:
    """Package version plus a fingerprint of the code and lexicons in use: an output made by another
    build of the rules is never mistaken for up to date."""
    code = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        code.update(path.read_bytes())
    return f"{__version__}+{code.hexdigest()[:8]}.{lexicons.digest()[:8]}"


def article_date(clean: CleanText, article_id: str) -> tuple[str | None, str | None]:
    """The article's own date: its front matter's, else one its file name carries (20171201 in
    ``pd2017_renmrb_20171201_1-01``). Stages read it as ``doc._.meta["article_date"]`` to resolve
    relative dates; without it they leave them unresolved."""
    if clean.front_matter.get("date"):
        m = _ISO_DATE.search(clean.front_matter["date"])
        if m:
            return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}", "front_matter"
    m = _STEM_DATE.search(article_id)
    if m:
        return f"{m[1]}-{m[2]}-{m[3]}", "file_name"
    return None, None


def build(doc: Doc, raw: RawText, *, article_id: str, source: str) -> Summary:
    clean: CleanText = doc._.clean
    meta: dict[str, Any] = doc._.meta or {}
    layout: Layout = meta.get("layout") or Layout()

    def span_of(start: int, end: int) -> tuple[int, int]:
        return clean.raw_span(start, end)

    def text_of(start: int, end: int) -> str:
        return clean.raw_text(start, end)

    groups = doc.spans
    text = clean.text
    people = _people(groups.get("people", []), span_of)
    person_ids = {p.name: p.id for p in people}
    person_titles = {p.name: p.titles for p in people}
    article = _article(doc, raw, layout, clean, article_id, source, span_of, text_of)
    summary = Summary(
        article=article,
        people=people,
        organizations=[Organization(id=f"O{i}", name=name, kind=info.get("kind", "other"), mentions=mentions,
                                    rule=info.get("rule", ""))
                       for i, (name, info, mentions) in enumerate(_clusters(groups.get("organizations", []),
                                                                            span_of), 1)],
        places=[Place(id=f"L{i}", name=name, kind=info.get("kind", "other"), mentions=mentions,
                      rule=info.get("rule", ""))
                for i, (name, info, mentions) in enumerate(_clusters(groups.get("places", []), span_of), 1)],
        figures=[_figure(s, text, span_of, text_of) for s in groups.get("figures", [])],
        dates=[_date(s, span_of, text_of) for s in groups.get("dates", [])],
        relative_dates=[_date(s, span_of, text_of) for s in groups.get("relative_dates", [])],
        quotes=[_quote(i, s, person_ids, person_titles, span_of, text_of)
                for i, s in enumerate(groups.get("quotes", []), 1)],
        warnings=[ExtractionWarning(code=code, message=message,
                                    span=span_of(start, end) if start is not None else None)
                  for code, message, start, end in meta.get("warnings", [])],
    )
    return summary


def _article(doc: Doc, raw: RawText, layout: Layout, clean: CleanText, article_id: str, source: str,
             span_of: SpanOf, text_of: TextOf) -> Article:
    front = clean.front_matter
    title_span = span_of(*layout.title) if layout.title else None
    title = text_of(*layout.title) if layout.title else None
    date, date_source = article_date(clean, article_id)
    contacts = Contacts()
    for span in doc.spans.get("contacts", []):
        value = text_of(span.start_char, span.end_char).strip()
        bucket = {"PHONE": contacts.phones, "EMAIL": contacts.emails, "URL": contacts.urls}[span.label_]
        if value not in bucket:
            bucket.append(value)
    bylines = [Byline(name=i["name"], role=i["role"], credit=i["credit"], span=span_of(c.start_char, c.end_char))
               for c in doc.spans.get("credits", []) for i in (info_of(c),)]
    repairs = [Repair(text=text_of(j.start - j.before, j.start + j.after), rule=j.rule,
                      span=span_of(j.start - j.before, j.start + j.after)) for j in clean.joins]
    sections = [Section(heading=text_of(a, b).strip(), span=span_of(a, b)) for a, b in layout.sections]
    return Article(id=article_id, source=source, sha256=raw.sha256, encoding=raw.encoding, format=clean.format,
                   pipeline_version=pipeline_version(), title=title, title_span=title_span,
                   publication=layout.publication or front.get("publication") or None,
                   date=date, date_source=date_source, bylines=bylines, sections=sections, contacts=contacts,
                   repairs=repairs)


def _clusters(spans: Iterable[Span], span_of: SpanOf) -> list[tuple[str, dict, list[tuple[int, int]]]]:
    """Mentions grouped by the entity's name, in order of first mention."""
    order: dict[str, tuple[dict, list[tuple[int, int]]]] = {}
    for span in spans:
        info = info_of(span)
        name = info.get("name") or span.text
        entry = order.setdefault(name, (info, []))
        entry[1].append(span_of(span.start_char, span.end_char))
    return [(name, info, sorted(set(mentions))) for name, (info, mentions) in order.items()]


def _people(spans: Iterable[Span], span_of: SpanOf) -> list[Person]:
    people: dict[str, Person] = {}
    spans = list(spans)
    # names written only as a doctrine's owner (邓小平理论) are no people of the article
    named = {info_of(s).get("name") or s.text for s in spans if not info_of(s).get("reference")}
    for span in spans:
        info = info_of(span)
        name = info.get("name") or span.text
        if name not in named:
            continue
        person = people.get(name)
        if person is None:
            person = people[name] = Person(id=f"P{len(people) + 1}", name=name, rule=info.get("rule", ""))
        for title in info.get("titles", []):
            if title not in person.titles:
                person.titles.append(title)
        mention = span_of(span.start_char, span.end_char)
        if mention not in person.mentions:
            person.mentions.append(mention)
    for person in people.values():
        person.mentions.sort()
        person.titles = distinct_titles(person.titles)
    return list(people.values())


def distinct_titles(titles: list[str]) -> list[str]:
    """A title written again in short (研究员 after 中国疾控中心病毒病所研究员, 总书记 after 中共中央总书记) is
    the same title; a deputy's is not the chief's (副总裁 keeps 总裁)."""
    return [t for t in titles
            if not any(u != t and u.endswith(t) and not u.endswith("副" + t) for u in titles)]


def _date(span: Span, span_of: SpanOf, text_of: TextOf) -> DateItem:
    info = info_of(span)
    return DateItem(text=text_of(span.start_char, span.end_char), value=info.get("value"),
                    relative=bool(info.get("relative")), span=span_of(span.start_char, span.end_char),
                    rule=info.get("rule", ""))


_SPACE_BY_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def readable(clean_text: str) -> str:
    """A stretch of cleaned text for reading (a figure's clause): Markdown and YAML marks, which the
    cleaner masked with spaces, and line breaks gone."""
    return _SPACE_BY_CJK.sub("", " ".join(clean_text.split()))


def _figure(span: Span, text: str, span_of: SpanOf, text_of: TextOf) -> Figure:
    info = info_of(span)
    context = ""
    if info.get("context_start") is not None:
        context = readable(text[info["context_start"]:info["context_end"]])
    return Figure(text=text_of(span.start_char, span.end_char), value=info.get("value"), low=info.get("low"),
                  high=info.get("high"), unit=info.get("unit", ""), currency=info.get("currency"),
                  approx=info.get("approx"), kind=info.get("kind", "other"), subject=info.get("subject"),
                  context=context, span=span_of(span.start_char, span.end_char), rule=info.get("rule", ""))


def _quote(i: int, span: Span, person_ids: dict[str, str], person_titles: dict[str, list[str]],
           span_of: SpanOf, text_of: TextOf) -> Quote:
    info = info_of(span)
    name = info.get("speaker", "")
    title = info.get("speaker_title")
    if title and title not in person_titles.get(name, [title]):
        # written again in short at this mention (王大燕研究员): the person's full title
        title = next((t for t in person_titles[name] if t.endswith(title)), title)
    speaker_span = None
    if info.get("speaker_start") is not None:
        speaker_span = span_of(info["speaker_start"], info["speaker_end"])
    speaker_type = info.get("speaker_type", "person")
    return Quote(id=f"Q{i}", text=text_of(span.start_char, span.end_char), kind=info.get("kind", "direct"),
                 speaker=Speaker(person=person_ids.get(name) if speaker_type == "person" else None, name=name,
                                 title=title, type=speaker_type),
                 cue=info.get("cue"), span=span_of(span.start_char, span.end_char), speaker_span=speaker_span,
                 rule=info.get("rule", ""))


def _shifted(item: Any, delta: int) -> Any:
    """A summary item (as JSON data) with every offset moved by ``delta``."""
    if isinstance(item, dict):
        out = {}
        for key, value in item.items():
            if key in ("span", "speaker_span", "title_span") and value is not None:
                out[key] = [value[0] + delta, value[1] + delta]
            elif key == "mentions":
                out[key] = [[a + delta, b + delta] for a, b in value]
            else:
                out[key] = _shifted(value, delta) if isinstance(value, (dict, list)) else value
        return out
    if isinstance(item, list):
        return [_shifted(x, delta) for x in item]
    return item


def merge_parts(parts: list[tuple[int, Summary]], note: str) -> Summary:
    """One summary from the summaries of consecutive parts of a text (``(raw offset, summary)``): offsets
    moved into the whole text, entities merged by name, ids numbered anew."""
    first = parts[0][1].model_dump(mode="json")
    article = first["article"]
    for key in ("bylines", "sections", "repairs"):
        article[key] = []
    contacts: dict[str, list[str]] = {"phones": [], "emails": [], "urls": []}
    entities: dict[str, dict[str, dict]] = {"people": {}, "organizations": {}, "places": {}}
    lists: dict[str, list] = {"figures": [], "dates": [], "relative_dates": [], "quotes": [], "warnings": []}
    for offset, part in parts:
        data = _shifted(part.model_dump(mode="json"), offset)
        for key in ("bylines", "sections", "repairs"):
            article[key].extend(data["article"][key])
        for kind, values in data["article"]["contacts"].items():
            contacts[kind].extend(v for v in values if v not in contacts[kind])
        for kind, merged in entities.items():
            for entity in data[kind]:
                known = merged.get(entity["name"])
                if known is None:
                    merged[entity["name"]] = entity
                    continue
                known["mentions"] = sorted(known["mentions"] + entity["mentions"])
                if kind == "people":
                    known["titles"] += [t for t in entity["titles"] if t not in known["titles"]]
        for kind, items in lists.items():
            items.extend(data.get(kind, []))
    article["contacts"] = contacts
    out: dict[str, Any] = {"schema_version": first["schema_version"], "article": article}
    for kind, prefix in (("people", "P"), ("organizations", "O"), ("places", "L")):
        out[kind] = [{**entity, "id": f"{prefix}{i}"} for i, entity in enumerate(entities[kind].values(), 1)]
    person_ids = {p["name"]: p["id"] for p in out["people"]}
    for i, quote in enumerate(lists["quotes"], 1):
        quote["id"] = f"Q{i}"
        if quote["speaker"].get("person") is not None:
            quote["speaker"]["person"] = person_ids.get(quote["speaker"]["name"])
    lists["warnings"].append({"code": "long_text", "message": note, "span": None})
    out.update(lists)
    return Summary.model_validate(out)
