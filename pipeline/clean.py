"""Stage 2, clean: repair the scars of PDFs, CMS exports and web pages without losing the way back.

The cleaned text differs from the raw decoded text in two ways only:
- *substitutions* of one character by one character (full-width digits to ASCII, ASCII punctuation
  inside Chinese text to its full-width form, straight quotation marks to curly ones, Markdown and HTML
  marks and front-matter keys masked by spaces), so offsets stay put;
- *deletions* (carriage returns, the line break inside a word that a page break split), recorded in
  ``to_raw`` so that every clean offset maps back to the raw text.

Item text is always read back from the raw text (see ``CleanText.raw_text``), so masked marks inside a
quotation are kept as the article wrote them.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress, pairwise

import yaml

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
SENTENCE_END = "。！？!?…"
#: punctuation that closes a paragraph; a line ending otherwise was cut by a page or column break
_PARAGRAPH_END = SENTENCE_END + "”’」』）)》〉】;；:：.…—"

# Full-width ASCII letters and digits (the 1998 archive writes １９９７) become ASCII.
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH |= {c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)}
_FULLWIDTH |= {c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)}
_FULLWIDTH |= {ord("％"): "%", ord("．"): ".", ord("\u00a0"): " ", ord("\u3000"): " ", ord("\t"): " "}
_FULLWIDTH |= {ord("\u2028"): "\n", ord("\u2029"): "\n", ord("\x0b"): "\n", ord("\x0c"): "\n"}
#: any character ``_FULLWIDTH`` maps: ``str.translate`` looks every character up in the dict (most texts
#: have none of them, and the engine finds that three times faster)
_FULLWIDTH_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FULLWIDTH)) + "]")

# ASCII punctuation written inside Chinese text (the seed: 表示,海淀 / 电话:6410…) reads as its
# full-width twin; the stages then need to know one form only.
_ASCII_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_IN_CJK = re.compile(
    rf"(?<=[{CJK}”’》）\d%])[,:;?!)](?=\s*[{CJK}“‘《（])|(?<=[{CJK}”’》）])[,:;?!)]|[(](?=[{CJK}])"
)

_MD_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_MD_ANCHOR = re.compile(r"\s*\{#[^{}\n]{0,200}\}[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*(?:[-=_]{3,}|(?:\*[ \t]*){3,})[ \t]*$", re.MULTILINE)
_MD_LINE_PREFIX = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[*+\-][ \t]+(?=\S)|\d{1,3}\.[ \t]+(?=\D))", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^()\n]{0,500}\)")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.{0,20000}?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w-]{0,40}):[ \t]*(.*)$", re.MULTILINE)
#: front-matter keys whose values are article text (GUIDE: title and summary are annotated)
TEXT_KEYS = ("title", "summary", "description", "subtitle")

_HTML_HINT = re.compile(r"<(?:html|body|p|div|br|span|article|h[1-6]|!DOCTYPE)\b", re.IGNORECASE)
_HTML_HIDDEN = re.compile(r"<(script|style|head)\b[^>]{0,2000}>.{0,200000}?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_BLOCK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|article|section|blockquote)\b[^<>]{0,2000}>", re.I)
_HTML_TAG = re.compile(r"<[!/]?[A-Za-z][^<>]{0,2000}>|<!--.{0,20000}?-->", re.DOTALL)
_HTML_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " ", "ldquo": "“",
                   "rdquo": "”", "lsquo": "‘", "rsquo": "’", "middot": "·", "hellip": "…", "mdash": "—"}


@dataclass(frozen=True)
class Join:
    """A line break removed because a page or column break had split a word."""

    start: int  # clean offset of the first character after the break
    raw_start: int
    raw_end: int
    rule: str
    before: int = 1  # characters of the rejoined word before the break
    after: int = 1  # and after it


@dataclass
class CleanText:
    raw: str
    text: str
    to_raw: array  # to_raw[i] is the raw offset of clean character i; to_raw[len(text)] == len(raw)
    format: str = "text"  # text | markdown | html
    front_matter: dict[str, str] = field(default_factory=dict)
    joins: list[Join] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw [start, end) that covers clean [start, end), page breaks inside included."""
        if end <= start:
            at = self.to_raw[start]
            return at, at
        return self.to_raw[start], self.to_raw[end - 1] + 1

    def raw_text(self, start: int, end: int) -> str:
        """The evidence as the raw text writes it, less the whitespace of page breaks inside it."""
        rs, re_ = self.raw_span(start, end)
        return "".join(self.raw[self.to_raw[i]] for i in range(start, end)) if self._joined(rs, re_) \
            else self.raw[rs:re_].replace("\r", "")

    def _joined(self, raw_start: int, raw_end: int) -> bool:
        return any(raw_start < j.raw_start < raw_end for j in self.joins)


def identity(text: str) -> CleanText:
    """A text that needs no cleaning (tests, ``nlp(text)`` calls): every offset maps to itself."""
    return CleanText(raw=text, text=text, to_raw=array("l", range(len(text) + 1)))


def clean(raw: str, *, is_word: Callable[[str], bool] | None = None, markdown: bool = False) -> CleanText:
    """Build the cleaned text. ``is_word`` (the segmenter's dictionary) helps decide page-break joins."""
    chars = list(raw.translate(_FULLWIDTH) if _FULLWIDTH_RE.search(raw) else raw)
    fmt = "text"
    front: dict[str, str] = {}

    def mask(start: int, end: int, keep_newlines: bool = True) -> None:
        for i in range(start, end):
            if not (keep_newlines and chars[i] == "\n"):
                chars[i] = " "

    fm = _FRONT_MATTER.match(raw)
    if fm:
        fmt = "markdown"
        front = _read_front_matter(fm.group(1))
        body_start = fm.start(1)
        mask(0, fm.start(1))
        for line in _FRONT_MATTER_LINE.finditer(fm.group(1)):
            key = line.group(1).lower()
            v_start, v_end = body_start + line.start(2), body_start + line.end(2)
            if key in TEXT_KEYS and v_end > v_start:
                value = raw[v_start:v_end]
                # keep the value's text, mask its YAML quoting
                inner_start = v_start + (1 if value[:1] in "\"'" else 0)
                inner_end = v_end - (1 if value[-1:] in "\"'" and v_end - 1 > inner_start else 0)
                mask(body_start + line.start(), inner_start)
                mask(inner_end, v_end)
            else:
                mask(body_start + line.start(), body_start + line.end())
        mask(fm.end(1), fm.end())
    if markdown or fmt == "markdown" or _looks_like_markdown(raw):
        fmt = "markdown"
        text_now = "".join(chars)
        for pattern in (_MD_ANCHOR, _MD_RULE, _MD_LINE_PREFIX, _MD_BOLD):
            for m in pattern.finditer(text_now):
                mask(m.start(), m.end())
        for m in _MD_LINK.finditer(text_now):
            mask(m.start(), m.start(1))
            mask(m.end(1), m.end())
    if "<" in raw and _HTML_TAG.search(raw):
        # CMS exports carry stray tags (<br />) too; a page with document tags is HTML as a whole
        if fmt == "text" and len(_HTML_HINT.findall(raw[:20000])) >= 2:
            fmt = "html"
        _mask_html(raw, chars, mask)
    text_now = "".join(chars)
    for m in _ASCII_IN_CJK.finditer(text_now):
        chars[m.start()] = _ASCII_TO_FULL[m.group()]
    _curl_straight_quotes(chars)

    deleted = bytearray(len(chars))
    # a scan in C first: most texts hold no carriage return, and a Python step per character costs
    if "\r" in chars:
        for i, c in enumerate(chars):
            if c == "\r":
                if i + 1 < len(chars) and chars[i + 1] == "\n":
                    deleted[i] = 1
                else:
                    chars[i] = "\n"
    text_now = "".join(chars)
    # a break that masked markup made (<p>, a heading mark) is the page's own paragraph end, never a PDF scar
    joins = [j for j in _page_break_joins(text_now, deleted, is_word) if raw[j.raw_start:j.raw_end].isspace()]
    for j in joins:
        for i in range(j.raw_start, j.raw_end):
            deleted[i] = 1

    if deleted.find(1) < 0:  # nothing deleted (most texts): every offset maps to itself
        out = chars
        to_raw = array("l", range(len(chars)))
    else:  # the characters kept and their raw offsets, selected in C by the inverted mask
        kept = deleted.translate(_INVERT)
        to_raw = array("l", compress(range(len(chars)), kept))
        out = list(compress(chars, kept))
    to_raw.append(len(raw))
    clean_joins = [Join(start=bisect_left(to_raw, j.raw_end), raw_start=j.raw_start, raw_end=j.raw_end,
                        rule=j.rule, before=j.before, after=j.after) for j in joins]
    return CleanText(raw=raw, text="".join(out), to_raw=to_raw, format=fmt, front_matter=front,
                     joins=clean_joins)


def _read_front_matter(block: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}
    return {str(k).lower(): (v.isoformat() if hasattr(v, "isoformat") else str(v))
            for k, v in data.items() if v is not None and not isinstance(v, (list, dict))}


def _looks_like_markdown(raw: str) -> bool:
    head = raw[:20000]
    return bool(_MD_ANCHOR.search(head) or re.search(r"^#{1,6} \S", head, re.MULTILINE)
                or len(_MD_BOLD.findall(head)) >= 4)


def _mask_html(raw: str, chars: list[str], mask: Callable[..., None]) -> None:
    for m in _HTML_HIDDEN.finditer(raw):
        mask(m.start(), m.end(), keep_newlines=True)
    for m in _HTML_TAG.finditer(raw):
        mask(m.start(), m.end(), keep_newlines=True)
        if _HTML_BLOCK_TAG.fullmatch(m.group()):
            chars[m.start()] = "\n"  # a block tag ends a paragraph
    for m in _HTML_ENTITY.finditer(raw):
        name = m.group(1)
        if name.startswith("#x"):
            char = chr(int(name[2:], 16))
        elif name.startswith("#"):
            char = chr(int(name[1:]))
        else:
            char = _NAMED_ENTITIES.get(name.lower(), "")
        if char and char.isprintable() and len(char) == 1:
            mask(m.start(), m.end())
            chars[m.start()] = char


#: 0 <-> 1, for a mask of deleted characters to select the kept ones
_INVERT = bytes([1, 0]) + bytes(254)
#: the characters that matter to pairing straight quotation marks
_STRAIGHT_QUOTE_OR_BREAK = re.compile("[\"'\n]")


def _curl_straight_quotes(chars: list[str]) -> None:
    """Straight quotation marks from web feeds pair up within a paragraph: “ opens, ” closes."""
    if '"' not in chars and "'" not in chars:
        return  # nothing to curl (most texts): two scans in C, not a Python step per character
    open_double = False
    open_single = False
    # only the marks and line breaks act; curling changes no offset, so they are found once
    for m in _STRAIGHT_QUOTE_OR_BREAK.finditer("".join(chars)):
        i = m.start()
        c = chars[i]
        if c == "\n":
            open_double = open_single = False
        elif c == '"':
            chars[i] = "”" if open_double else "“"
            open_double = not open_double
        elif c == "'":
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha() and not open_single):
                continue  # an English apostrophe or a Latin-script quotation
            chars[i] = "’" if open_single else "‘"
            open_single = not open_single


_LINE = re.compile(r"[^\n]+")


def _page_break_joins(text: str, deleted: bytearray, is_word: Callable[[str], bool] | None) -> Iterable[Join]:
    """Find line breaks inside a sentence: a prose line cut without closing punctuation, continued on
    the next non-empty line. The segmenter's dictionary says where a word spans the break."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    for (a_start, a_end), (b_start, b_end) in pairwise(lines):
        first = text[a_start:a_end].rstrip()
        second = text[b_start:b_end].lstrip()
        if not first or not second or first[-1] in _PARAGRAPH_END:
            continue
        if not (_CJK_RE.match(first[-1]) and _CJK_RE.match(second[0])):
            continue
        if text.count("\n", a_end, b_start) > 3:
            continue
        prose = len(first) >= 20 and any(p in first for p in "，、；：")
        if not prose or not any(p in second for p in "，。、；：！？"):
            continue
        left, right = _word_across(first, second, is_word)
        if left or len(first) >= 30:
            gap_start = a_start + len(text[a_start:a_end].rstrip())
            gap_end = b_start + (len(text[b_start:b_end]) - len(second))
            yield Join(start=0, raw_start=gap_start, raw_end=gap_end,
                       rule="page_break_word" if left else "page_break_prose", before=left or 1, after=right or 1)


def _word_across(first: str, second: str, is_word: Callable[[str], bool] | None) -> tuple[int, int]:
    """How many characters before and after the break form a dictionary word ((0, 0) when none does)."""
    if is_word is None:
        return 0, 0
    for left in (3, 2, 1):
        for right in (3, 2, 1):
            candidate = first[-left:] + second[:right]
            if len(first) >= left and len(second) >= right and is_word(candidate):
                return left, right
    return 0, 0
