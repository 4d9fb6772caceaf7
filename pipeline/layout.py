"""Stage 2b, layout: the blocks of a page that are not running text, read as data.

Every non-empty line of the cleaned text gets a kind:

- ``meta``: a title or summary value kept from a CMS export's front matter;
- ``staff``: the page's staff header (``编辑 吕银玲 美编 贾丛丛 责校 李爽 电话:… email``);
- ``editor_note``: ``【编者按】…``;
- ``byline``: a line that credits reporters (``北京商报记者 姚倩 濮振宇``);
- ``title`` / ``heading``: short unpunctuated lines that stand above running text;
- ``sidebar``: infographic and box fragments (``1 空间范围``, ``○2万余家…``, short lines that lead to
  no paragraph);
- ``noise``: page furniture (``扫码阅读全文``);
- ``paragraph``: running text.

Bylines inside running text (``（记者李伟红、杨迅）``, ``新华社记者姚大伟摄``) are read here too.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicons
from .clean import CJK, CleanText
from .spans import Match, ensure_context, set_spans

NAME = rf"[{CJK}]{{2,4}}|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}"
#: a credited name, which never ends with the 摄 (photo by) or 整理 (edited by) that may follow it
CREDITED_NAME = rf"[{CJK}]{{2,4}}(?<!摄)(?<!整理)|[{CJK}]{{1,6}}·[{CJK}]{{1,8}}(?<!摄)"
_LINE = re.compile(r"[^\n]+")
_SIDEBAR_BULLET = re.compile(r"^[○●◆◇■□▲△▶►•◎★☆※]|^[（(][\d.,，]+[^）)]{0,8}[）)]$")
_NUMBERED = re.compile(r"^\d{1,2}\s+\S")
_HARD_END = set("。！？!?；;…")
_EDITOR_NOTE = re.compile(r"^[【\[]?编者按[】\]]?")


@dataclass
class Block:
    kind: str
    start: int  # clean offsets of the stripped line
    end: int


@dataclass
class Credit:
    """A person credited by the page: a reporter, an editor, a photographer."""

    name: str
    role: str  # the role word as written: 记者, 编辑, 美编…
    credit: str  # the whole credit as written before the name: 北京商报记者, 本报记者, 编辑
    start: int
    end: int  # clean offsets of the name


@dataclass
class Layout:
    blocks: list[Block] = field(default_factory=list)
    title: tuple[int, int] | None = None
    sections: list[tuple[int, int]] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    publication: str | None = None
    _starts: list[int] | None = None

    def block_starts(self) -> list[int]:
        if self._starts is None or len(self._starts) != len(self.blocks):
            self._starts = [b.start for b in self.blocks]
        return self._starts


def _role_alternation(name: str) -> str:
    return lexicons.alternation(name)


def analyse(clean: CleanText) -> Layout:
    text = clean.text
    staff_role = _role_alternation("staff_roles")
    byline_role = _role_alternation("byline_roles")
    staff_re = re.compile(rf"(?:^|\s)({staff_role})\s*[：:]?\s*({NAME})(?=\s|$)")
    byline_line_re = re.compile(
        rf"^(?P<credit>{_credit_media(byline_role, 12)}(?P<role>{byline_role}))\s*[：:]?\s*"
        rf"(?P<names>(?:{NAME})(?:[\s、，]+(?:{NAME}))*)$")
    noise = lexicons.words("noise_lines")

    layout = Layout()
    lines: list[tuple[int, int, str]] = []
    for m in _LINE.finditer(text):
        stripped = m.group().strip()
        if not stripped:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        lines.append((start, start + len(stripped), stripped))

    kinds: list[str] = []
    front_end = _front_matter_end(clean)
    for start, _end, line in lines:
        compact = "".join(line.split())
        if start < front_end:
            kind = "meta"
        elif compact in noise or (len(compact) < 30 and any(compact.startswith(n) for n in noise)):
            kind = "noise"
        elif len(staff_re.findall(line)) >= 2:
            kind = "staff"
        elif _EDITOR_NOTE.match(line):
            kind = "editor_note"
        elif byline_line_re.match(line):
            kind = "byline"
        elif (mark := _markdown_mark(clean, start)) is not None:
            kind = mark
        elif _is_short(line):
            kind = "short"
        else:
            kind = "paragraph"
        kinds.append(kind)

    _resolve_short_lines(text, lines, kinds)
    for (start, end, _line), kind in zip(lines, kinds, strict=True):
        layout.blocks.append(Block(kind, start, end))
    if clean.front_matter.get("title"):
        meta_lines = [b for b in layout.blocks if b.kind == "meta"]
        if meta_lines:
            layout.title = (meta_lines[0].start, meta_lines[0].end)
    first_content = next((b for b in layout.blocks if b.kind not in ("meta", "noise")), None)
    for block in layout.blocks:
        if block.kind == "title" and layout.title is None:
            layout.title = (block.start, block.end)
            if block is first_content:
                continue  # the article's own title line, not a section of it
        if block.kind in ("title", "heading"):
            layout.sections.append((block.start, block.end))

    for (start, _end, line), kind in zip(lines, kinds, strict=True):
        if kind == "staff":
            for m in staff_re.finditer(line):
                layout.credits.append(Credit(m.group(2), m.group(1), m.group(1),
                                             start + m.start(2), start + m.end(2)))
        elif kind == "byline":
            m = byline_line_re.match(line)
            assert m is not None
            for n in re.finditer(NAME, m.group("names")):
                offset = start + m.start("names") + n.start()
                layout.credits.append(Credit(n.group(), m.group("role"), m.group("credit"),
                                             offset, offset + len(n.group())))
    layout.credits.extend(_inline_credits(text, byline_role))
    # （新华社记者李学仁摄） is read by both credit patterns: keep one credit per name span
    layout.credits = list({(c.start, c.end): c for c in sorted(layout.credits, key=lambda c: c.start)}.values())
    layout.publication = _publication(layout.credits)
    return layout


def _front_matter_end(clean: CleanText) -> int:
    if not clean.front_matter:
        return 0
    raw_end = clean.raw.find("\n---", 3)
    if raw_end < 0:
        return 0
    return bisect_left(clean.to_raw, raw_end)


def _is_short(line: str) -> bool:
    # a line ending in a colon introduces what follows (a list, a quotation): running text
    return len(line) <= 40 and line[-1] not in _HARD_END and line[-1] not in "：:" \
        and not any(c in "。！？" for c in line)


_MD_HEADING_LINE = re.compile(r"[ \t]*#{1,6}[ \t]")
_MD_UNDERLINE = re.compile(r"[ \t]*(?:-{3,}|={3,})[ \t]*\r?$")
_MD_ITEM_LINE = re.compile(r"[ \t]*(?:[*+\-]|\d{1,3}\.)[ \t]+\S")


def _markdown_mark(clean: CleanText, start: int) -> str | None:
    """What a Markdown export's marks (masked in the clean text) say of the line at clean ``start``:
    ``heading`` for ``## …`` or an underlined line, ``paragraph`` for a list item."""
    if clean.format != "markdown":
        return None
    raw = clean.raw
    at = clean.to_raw[start]
    line_start = raw.rfind("\n", 0, at) + 1
    line_end = raw.find("\n", at)
    line_end = len(raw) if line_end < 0 else line_end
    if _MD_HEADING_LINE.match(raw, line_start):
        return "heading"
    if _MD_ITEM_LINE.match(raw, line_start):
        return "paragraph"
    next_end = raw.find("\n", line_end + 1)
    if line_end < len(raw) and _MD_UNDERLINE.fullmatch(raw, line_end + 1, len(raw) if next_end < 0 else next_end):
        return "heading"
    return None


def _resolve_short_lines(text: str, lines: list[tuple[int, int, str]], kinds: list[str]) -> None:
    """Short lines in a run that ends at running text: the last ones (no wide gap between them, at most
    three) are headings; the others are sidebar fragments. A run that leads to no paragraph is sidebar."""
    seen_paragraph = False
    i = 0
    while i < len(lines):
        if kinds[i] != "short":
            seen_paragraph = seen_paragraph or kinds[i] == "paragraph"
            i += 1
            continue
        j = i
        while j < len(lines) and kinds[j] == "short":
            j += 1
        run = range(i, j)
        leads_to_text = j < len(lines) and kinds[j] == "paragraph"
        heading_from = j
        if leads_to_text:
            k = j - 1
            while k >= i and j - k <= 3 and not _SIDEBAR_BULLET.match(lines[k][2]):
                heading_from = k
                if k == i or _blank_lines_between(text, lines[k - 1][1], lines[k][0]) > 1:
                    break
                k -= 1
        for k in run:
            if k >= heading_from:
                kinds[k] = "heading" if seen_paragraph or k > heading_from else "title"
            else:
                kinds[k] = "sidebar"
        if _NUMBERED.match(lines[i][2]) and heading_from > i:
            kinds[i] = "sidebar"
        i = j


def _blank_lines_between(text: str, end: int, start: int) -> int:
    return max(0, text.count("\n", end, start) - 1)


def _inline_credits(text: str, byline_role: str) -> list[Credit]:
    credits = []
    # （记者李伟红、杨迅） / （本报记者 张三） / （中央人民广播电台记者刘振英、新华社记者张宿堂）: each
    # element of the list is a name, led by its own credit or sharing the one before it
    element = re.compile(rf"\s*(?:(?P<credit>{_credit_media(byline_role, 10)}(?P<role>{byline_role}))\s*)?"
                         rf"(?P<name>{CREDITED_NAME})"
                         rf"\s*(?:摄|整理)?\s*")
    for m in re.finditer(r"[（(](?P<body>[^（）()\n]{2,80})[）)]", text):
        body = m.group("body")
        if not re.search(byline_role, body):
            continue
        found: list[Credit] = []
        credit = role = None
        pos = 0
        for part in re.split(r"[、，,]", body):
            e = element.fullmatch(part)
            if e is None or (e.group("credit") is None and credit is None):
                found = []
                break
            if e.group("credit") is not None:
                credit, role = e.group("credit"), e.group("role")
            start = m.start("body") + pos + e.start("name")
            found.append(Credit(e.group("name"), role or "", credit or "", start, start + len(e.group("name"))))
            pos += len(part) + 1
        credits.extend(found)
    # 新华社记者姚大伟摄 / 本报记者 王某 摄
    for m in re.finditer(rf"(?P<role>{byline_role})\s*(?P<name>[{CJK}]{{2,4}}?)\s*摄(?![影像制])", text):
        credit = _credit_prefix(text, m.start("role")) + m.group("role")
        credits.append(Credit(m.group("name"), m.group("role"), credit, m.start("name"), m.end("name")))
    return credits


def _credit_media(roles: str, longest: int) -> str:
    """The media written before a role word (新华社|记者): up to ``longest`` characters, none of them
    opening a role word, so that 早报记者朱楠实习生王昭 is two credits, not one credit 早报记者朱楠实习生."""
    return f"(?:(?!{roles})[{CJK}]){{0,{longest}}}?"


def _credit_prefix(text: str, role_start: int) -> str:
    """The media name written right before a role word (新华社 in 新华社记者), read with the segmenter's
    words so that the text before it (…集体合影。新华社记者) is not taken along."""
    from .segment import segmenter

    window = text[max(0, role_start - 12):role_start]
    words = segmenter().lcut(window, HMM=False)
    if not words:
        return ""
    suffixes = lexicons.words("media_suffixes")
    last = words[-1]
    if last == "本报":
        return last
    if not any(last.endswith(s) for s in suffixes) or not re.fullmatch(f"[{CJK}]+", last):
        return ""
    if last in suffixes and len(words) >= 2 and re.fullmatch(f"[{CJK}]{{2,4}}", words[-2]):
        return words[-2] + last  # 北京|商报
    return last


def _publication(credits: list[Credit]) -> str | None:
    suffixes = lexicons.ordered("media_suffixes")
    for credit in credits:
        prefix = credit.credit[: -len(credit.role)] if credit.credit.endswith(credit.role) else ""
        if len(prefix) >= 3 and not prefix.startswith("本") and any(prefix.endswith(s) for s in suffixes):
            return prefix
    return None


@Language.component("zhnews_layout")
def layout_component(doc: Doc) -> Doc:
    """Blocks as ``doc.spans["layout"]`` (label = kind), credited people as ``doc.spans["credits"]``."""
    ensure_context(doc)
    layout = analyse(doc._.clean)
    doc._.meta["layout"] = layout
    set_spans(doc, "layout", [Match(b.start, b.end, b.kind, "layout_" + b.kind) for b in layout.blocks])
    set_spans(doc, "credits", [Match(c.start, c.end, "CREDIT", "credit_" + c.role,
                                     attrs={"name": c.name, "role": c.role, "credit": c.credit})
                               for c in layout.credits])
    return doc


def block_at(doc: Doc, offset: int) -> Block | None:
    """The layout block (line) holding a clean offset, if any."""
    layout: Layout | None = (doc._.meta or {}).get("layout")
    if layout is None or not layout.blocks:
        return None
    starts = layout.block_starts()
    i = bisect_right(starts, offset) - 1
    if i >= 0 and layout.blocks[i].start <= offset < layout.blocks[i].end:
        return layout.blocks[i]
    return None


def block_kind_at(doc: Doc, offset: int) -> str:
    """The layout kind of the line holding a clean offset (``paragraph`` when none is recorded)."""
    block = block_at(doc, offset)
    return block.kind if block else "paragraph"
