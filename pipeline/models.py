"""The output: pydantic models of one article's summary, the source of truth for the JSON schema.

They meet ``CONTRACT.md`` (the floor) and add what a reviewer needs: every item's ``rule`` (which rule
found it) and ``score``. All offsets are ``[start, end)`` into the raw decoded text.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Span = tuple[int, int]
Approx = Literal["about", "more_than", "less_than", "at_least", "at_most"]
FigureKind = Literal["count", "area", "money", "percent", "length", "weight", "volume", "duration", "age",
                     "temperature", "speed", "other"]
OrgKind = Literal["government", "party", "company", "institution", "association", "media", "international",
                  "military", "school", "court", "other"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Byline(Model):
    name: str
    role: str = Field(description="the role word: 记者, 编辑, 美编, 责校…")
    credit: str = Field(description="the credit as written before the name: 北京商报记者, 本报记者, 编辑")
    span: Span


class Section(Model):
    heading: str
    span: Span


class Repair(Model):
    """A place where cleaning changed the text's shape: a word rejoined across a page break."""

    text: str = Field(description="the rejoined word (or the characters either side of the break)")
    rule: str
    span: Span


class Contacts(Model):
    phones: list[str] = []
    emails: list[str] = []
    urls: list[str] = []


class Article(Model):
    id: str = Field(description="the file stem")
    source: str
    sha256: str = Field(description="of the raw bytes")
    encoding: str = Field(description="the encoding the raw bytes were decoded with")
    format: Literal["text", "markdown", "html"] = "text"
    pipeline_version: str = Field(description="package version and lexicon fingerprint that made this summary")
    title: str | None = None
    title_span: Span | None = None
    publication: str | None = None
    date: str | None = Field(default=None, description="ISO date the article states (or its file name)")
    date_source: Literal["front_matter", "text", "file_name"] | None = None
    bylines: list[Byline] = []
    sections: list[Section] = []
    contacts: Contacts = Contacts()
    repairs: list[Repair] = []


class Person(Model):
    id: str
    name: str
    titles: list[str] = []
    mentions: list[Span] = []
    rule: str = ""


class Organization(Model):
    id: str
    name: str
    kind: OrgKind = "other"
    mentions: list[Span] = []
    rule: str = ""


class Place(Model):
    id: str
    name: str
    kind: str = Field(default="other", description="country, province, city, district, region, zone, …")
    mentions: list[Span] = []
    rule: str = ""


class Figure(Model):
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    currency: str | None = None
    approx: Approx | None = None
    kind: FigureKind = "other"
    subject: str | None = None
    context: str = ""
    span: Span
    rule: str = ""


class DateItem(Model):
    text: str
    value: str | None = Field(description="ISO: 2016, 2020-03, 2020-03-05, --11-30, --12, ---30; null when relative "
                                          "and no anchor fixes it")
    relative: bool = False
    span: Span
    rule: str = ""


class Speaker(Model):
    person: str | None = Field(default=None, description="id of the person in `people`, null for others")
    name: str
    title: str | None = None
    type: Literal["person", "organization", "document", "group", "unnamed"] = "person"


class Quote(Model):
    id: str
    text: str
    kind: Literal["direct", "indirect"]
    speaker: Speaker
    cue: str | None = None
    span: Span
    speaker_span: Span | None = None
    rule: str = ""


class ExtractionWarning(Model):
    code: str
    message: str
    span: Span | None = None


class Summary(Model):
    schema_version: str = SCHEMA_VERSION
    article: Article
    people: list[Person] = []
    organizations: list[Organization] = []
    places: list[Place] = []
    figures: list[Figure] = []
    dates: list[DateItem] = []
    relative_dates: list[DateItem] = Field(default=[], description="今年, 去年, 第二年…: value set only where "
                                           "the article's date or a year the sentence states fixes it")
    quotes: list[Quote] = []
    warnings: list[ExtractionWarning] = []

    def to_json(self) -> str:
        """Canonical JSON: characters unescaped, keys in model order, 2-space indent, a final newline.

        The bytes are those of ``json.dumps(..., ensure_ascii=False, indent=2)``; pydantic's own encoder
        writes them five times faster (the standard library's indented encoder is pure Python) and the
        same wherever Python would not write a float with an exponent (1e-05, which pydantic writes
        0.00001): a summary with such a float goes through ``json.dumps``."""
        if self._plain_floats():
            try:
                return self.model_dump_json(indent=2) + "\n"
            except ValueError:  # a string pydantic cannot encode (a lone surrogate): the standard library's way
                pass
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def to_json_line(self) -> str:
        """The same content on one line, for JSON-lines archives."""
        if self._plain_floats():
            try:
                return self.model_dump_json() + "\n"
            except ValueError:
                pass
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":")) + "\n"

    def _plain_floats(self) -> bool:
        """Whether every float of the summary (``FLOAT_FIELDS``: a figure's value, low and high) is one
        Python writes without an exponent, and finite."""
        return all(x is None or _plain_float(x) for f in self.figures for x in (f.value, f.low, f.high))


#: the model fields typed float: what ``Summary._plain_floats`` checks (a test keeps this list complete)
FLOAT_FIELDS = (("Figure", "value"), ("Figure", "low"), ("Figure", "high"))


def _plain_float(x: float) -> bool:
    return (1e-4 <= abs(x) < 1e16 or x == 0) and x == x


def json_schema() -> dict:
    schema = Summary.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://zhnews.invalid/schema/summary-v{SCHEMA_VERSION}.json"
    return schema
