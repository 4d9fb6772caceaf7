"""Stage 4g, quotes: who said what, in quotation marks (direct) or after a speech verb (indirect).

Finding works on the paragraphs of the layout (``doc._.meta["layout"]``) in clean offsets:

1. ``find_segments``: the stretches in quotation marks (“…” 「…」 『…』, and ‘…’ at the top level), a
   quotation that runs over several paragraphs (each opens with “, only the last closes) as one segment per
   paragraph, and broken marks recovered where the evidence is clear: ``《`` standing for the opening mark,
   an opening mark that is missing after ``X表示：``; every repair and every mark that cannot be repaired
   leaves a warning.
2. ``classify``: a segment is speech when an attribution leans on it (``X表示：“…”``, ``“…”X说``), or when it
   stands as a sentence of its own; a short term in marks inside running text is a scare quote, not speech.
3. ``find_indirect``: reported speech after a speech verb (lexicon ``speech_verbs``) whose speaker can be
   found, from after the verb to the end of the sentence (GUIDE: excluding the closing 。).
4. Speakers come from ``pipeline.attribution``; speech whose speaker cannot be found becomes a warning
   (``unattributed_quote``), never a guess.

The span is the speech itself (without the outer marks); its info carries ``kind``, ``cue``, ``speaker``,
``speaker_type``, ``speaker_title``, ``speaker_start``, ``speaker_end`` (see ``pipeline.summary``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from . import lexicons
from .attribution import (
    VIEW_RE,
    Context,
    Mention,
    Speaker,
    clause_start,
    context_for,
    no_subject,
    sentence_subject,
    speaker_before,
    speaker_of_clause,
    speaker_of_view,
    split_names,
    strip_fillers,
    subject_after,
)
from .clean import CleanText
from .layout import Layout
from .spans import Match, doc_text, ensure_context, set_spans

#: layout kinds whose lines are running text that may hold speech
TEXT_KINDS = frozenset({"paragraph", "editor_note", "meta"})
#: layout kinds that never hold speech
QUIET_KINDS = frozenset({"staff", "byline", "noise"})
PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
CLOSERS = {v: k for k, v in PAIRS.items()}
_QUOTE_MARKS = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
SENTENCE_END = "。！？!?"
#: what may close a sentence right after a closing mark
_AFTER_CLOSE_END = set("。！？!?；;")
#: marks of emphasis that stand around speech in Markdown exports (masked to spaces by the cleaner)
_SKIP = " \t*"
#: a quotation whose content has these reads as a sentence, not as a term
_SENTENCE_PUNCT = re.compile(r"[，,。！？!?；;：:…—]")
#: a speech verb right after these is a noun (的要求, 原则和主张, 各项要求, 几条建议)
_NOUN_MARKS = frozenset("的和与及项条些")
#: after an ellipsis these go on with its sentence (……，) or close it (……。)
_AFTER_ELLIPSIS = frozenset("…，,、；;：:。！？!?”’」』）)")
#: whom 告诉 addresses, before the comma that opens what was said (告诉本报记者，/ 告诉学生，)
_TOLD = re.compile(r"(?:本报|本台|新华社|中新社)?(?:记者|笔者|我们|他们|她们|大家|媒体|[\u4e00-\u9fff]{1,6}?)"
                   r"[ *]*[，,：:]")
_ENDS_SENTENCE = re.compile(r"(?:[。！？!?…]|——)[’」』”]?$")
#: a dateline's byline before 报道 (本报平壤5月12日电记者赵嘉鸣报道：, 本报讯记者王一报道：): the article's own report,
#: not anyone's speech
_BYLINE = re.compile(r"(?:[电讯](?:[（(][^）)]{0,40}[）)])?|^)[ *]*(?:本报|新华社|中新社)?(?:特派|驻[^，,。]{1,8})?记者"
                     r"[^，,。：:]{1,24}$", re.MULTILINE)  # …电记者X报道： or 本报记者X报道： opening the paragraph
#: a sentence opener made of a speech verb that is the writer's (通俗地讲, 简单地说, 换句话说, 总的来说)
_DISCOURSE = re.compile(r"[\u4e00-\u9fff]{1,4}地|[\u4e00-\u9fff]{0,3}来|换句话|换个角度")
#: what 称 names rather than says (称它为“欧洲之花”, 称他“于大爷”): an object then 为/叫/作 or the name in marks
#: (称其是“无根据的” states something, and stays speech)
_NAMING = re.compile(r"(?:它|他|她|其|之|自己|我们|他们|她们|它们)(?:为|叫|作|做|“)")
#: an object that only points back at what was said (是在…上说这番话的, 透露上述计划的): no report of its own
_POINTING = re.compile(r"(?:这|那|此|上述|该)[^，,。；;：:“”]{0,5}的")
#: how much is said, not what (我想多说一点，… / 说几句), or 说什么也/都 (no matter what): no report follows
_AMOUNT = re.compile(r"(?:一点|几点|一句|两句|几句|一些|些|一下|两遍|几遍|什么也|什么都)")


@dataclass
class Segment:
    """A stretch in quotation marks within one paragraph; offsets are clean offsets of the content."""

    start: int
    end: int
    open_mark: int | None  # offset of the opening mark (None when recovered without one)
    close_mark: int | None  # offset of the closing mark (None when the quote goes on or was not closed)
    block: tuple[int, int]
    repair: str | None = None  # book_title_mark | missing_open | unclosed
    continues: bool = False  # goes on in the next paragraph
    continued: bool = False  # goes on from the previous paragraph
    speech: bool = False
    lead: str = ""  # colon | verb | comma | target | ""
    lead_cue: tuple[int, int] | None = None  # the verb of a ``target`` lead (指控BBC“…”)
    trail_cue: tuple[int, int] | None = None  # speech verb after the closing mark
    trail_clause: tuple[int, int] | None = None  # clause after the closing mark ending in a colon
    prev_block: tuple[int, int] | None = None
    next_block: tuple[int, int] | None = None
    subject_after: list[Speaker] = field(default_factory=list)  # a person opening the clause after the mark
    whole_block: bool = False  # the quotation is the whole paragraph (a heading or a pull quote)
    echo: bool = False  # not speech by itself, but may repeat speech attributed elsewhere (a heading)


@dataclass
class Found:
    start: int
    end: int
    kind: str
    rule: str
    cue: str | None
    speakers: list[Speaker] = field(default_factory=list)
    score: float = 1.0


@cache
def _cue_re() -> re.Pattern[str]:
    return re.compile(f"(?:{lexicons.alternation('speech_verbs')})")


@cache
def _bare_verbs() -> frozenset[str]:
    return lexicons.words("speech_verbs_bare")


@cache
def _cue_colon_re() -> re.Pattern[str]:
    """``X表示：`` right before speech whose opening mark is missing."""
    return re.compile(f"(?:{lexicons.alternation('speech_verbs')})[ *]*[：:][ *]*")


def paragraphs(doc: Doc) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Every line that may hold quotation marks (not the staff box, bylines or page furniture), and the
    subset of running text where indirect speech is looked for (short lines such as ``田福军一愣，问：``
    may be read as headings by the layout, and still introduce the next line's speech)."""
    layout: Layout | None = (doc._.meta or {}).get("layout")
    if layout is None or not layout.blocks:
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc_text(doc))]
        return lines, set(lines)
    blocks = [b for b in layout.blocks if b.kind not in QUIET_KINDS]
    return [(b.start, b.end) for b in blocks], {(b.start, b.end) for b in blocks if b.kind in TEXT_KINDS}


def find_segments(text: str, blocks: list[tuple[int, int]]) -> tuple[list[Segment], list[tuple[str, str, int, int]]]:
    """Top-level quotations of each paragraph, with repairs of broken marks and their warnings."""
    segments: list[Segment] = []
    warnings: list[tuple[str, str, int, int]] = []
    for bi, (ps, pe) in enumerate(blocks):
        stack: list[str] = []
        open_at = -1
        floor = ps  # where the text after the last segment starts
        # only quotation marks act: the engine finds them (a Python step per character read every
        # character of the article)
        for mark in _QUOTE_MARKS.finditer(text, ps, pe):
            i = mark.start()
            ch = text[i]
            if ch in PAIRS:
                if ch == "‘" and not stack and PAIRS[ch] not in text[i + 1:pe]:
                    continue  # a lone ‘ at the top level is an apostrophe or a stray mark
                if not stack:
                    open_at = i
                stack.append(ch)
            elif ch in CLOSERS:
                opener = CLOSERS[ch]
                if stack and opener in stack:
                    while stack and stack[-1] != opener:
                        stack.pop()  # an inner mark left open: the outer close wins
                    stack.pop()
                    if not stack:
                        seg = Segment(open_at + 1, i, open_at, i, (ps, pe))
                        seg.continued = bool(segments) and segments[-1].continues and open_at == ps
                        segments.append(seg)
                        floor = i + 1
                elif not stack and ch != "’":
                    seg = _recover(text, floor, i, (ps, pe), warnings, _last_close(text, segments, ps, pe))
                    if seg is not None:
                        # terms in marks inside the recovered speech are part of it
                        while segments and segments[-1].block == (ps, pe) and segments[-1].start >= seg.start:
                            segments.pop()
                        segments.append(seg)
                        floor = i + 1
        if stack:
            nxt = blocks[bi + 1][0] if bi + 1 < len(blocks) else None
            if nxt is not None and text[nxt] == stack[0]:
                # a quotation over several paragraphs: each opens with the mark, only the last closes
                seg = Segment(open_at + 1, pe, open_at, None, (ps, pe), continues=True)
                seg.continued = bool(segments) and segments[-1].continues and open_at == ps
                segments.append(seg)
            else:
                end = pe
                warnings.append(("unbalanced_quote", f"opening {text[open_at]} never closed in its paragraph",
                                 open_at, pe))
                if end - open_at - 1 >= 10:
                    segments.append(Segment(open_at + 1, end, open_at, None, (ps, pe), repair="unclosed"))
    return segments, warnings


def _last_close(text: str, segments: list[Segment], ps: int, pe: int) -> int:
    """Where the text after the paragraph's last closed sentence-like quotation starts (terms in marks
    such as “互联网+医疗” may stand inside speech whose opening mark is missing)."""
    for seg in reversed(segments):
        if seg.block != (ps, pe):
            break
        if seg.close_mark is not None and _SENTENCE_PUNCT.search(text[seg.start:seg.end]):
            return seg.close_mark + 1
    return ps


def _recover(text: str, floor: int, close: int, block: tuple[int, int],
             warnings: list[tuple[str, str, int, int]], speech_floor: int) -> Segment | None:
    """A closing mark with no opening one: the speech starts after a ``《`` standing for the opening mark,
    or after ``X表示：`` whose opening mark is missing (terms in marks may stand in between); otherwise
    only a warning."""
    region = text[floor:close]
    book = region.rfind("《")
    if book >= 0 and "》" not in region[book:]:
        start = floor + book + 1
        warnings.append(("recovered_quote", "《 used as an opening quotation mark", floor + book, close + 1))
        return Segment(start, close, floor + book, close, block, repair="book_title_mark", lead="")
    cue = None
    for m in _cue_colon_re().finditer(text, speech_floor, close):
        rest = text[m.end():close]
        if rest.count("“") == rest.count("”") and "：" not in rest:
            cue = m
            break
    if cue is not None:
        start = cue.end()
        warnings.append(("recovered_quote", "opening quotation mark missing", start, close + 1))
        return Segment(start, close, None, close, block, repair="missing_open", lead="colon")
    warnings.append(("unbalanced_quote", f"closing {text[close]} with no opening mark", close, close + 1))
    return None


def _skip(text: str, i: int, end: int, step: int = 1) -> int:
    """Move over spaces and Markdown emphasis from ``i`` (forwards, or backwards with ``step=-1``)."""
    if step > 0:
        while i < end and text[i] in _SKIP:
            i += 1
        return i
    while i > end and text[i - 1] in _SKIP:
        i -= 1
    return i


def classify(ctx: Context, seg: Segment) -> None:
    """Decide whether a segment is speech, and which cue leans on it."""
    text = ctx.text
    ps, pe = seg.block
    content = text[seg.start:seg.end].strip(_SKIP)
    # what stands before the opening mark
    before_end = _skip(text, seg.open_mark if seg.open_mark is not None else seg.start, ps, -1)
    prev = text[before_end - 1] if before_end > ps else ""
    if seg.lead != "colon" and prev:
        if prev in "：:":
            seg.lead = "colon"
        elif prev in "，,":
            j = _skip(text, before_end - 1, ps, -1)
            seg.lead = "verb" if ctx.verb_ending_at(j) else "comma"
        elif prev and ctx.verb_ending_at(before_end):
            seg.lead = "verb"
        elif (target := _target_verb(ctx, before_end, ps)) is not None:
            # 指控BBC“让我说出了…” : what the speaker said of the one named between the verb and the mark
            seg.lead, seg.lead_cue = "target", target
    if not prev and seg.prev_block is not None:
        # 他说：⏎“…” : the previous paragraph ends with the colon that introduces this one
        pb_end = _skip(text, seg.prev_block[1], seg.prev_block[0], -1)
        if pb_end > seg.prev_block[0] and text[pb_end - 1] in "：:":
            seg.lead = "prev_colon"
    # what follows the closing mark
    after = _skip(text, seg.close_mark + 1, pe) if seg.close_mark is not None else pe
    # a quotation whose content ends its own sentence (“…。”汪应辰是…) closes it even when a new
    # sentence follows the mark without punctuation of its own
    closes = (after >= pe or text[after] in _AFTER_CLOSE_END or text[after] in PAIRS
              or bool(_ENDS_SENTENCE.search(content)))
    trail = _trail(ctx, after, pe)
    if trail is None and after >= pe and seg.next_block is not None and starts_paragraph(text, seg):
        # “…”⏎少安说。 : a short next paragraph that only names the speaker
        ns, ne = seg.next_block
        candidate = _trail(ctx, ns, ne)
        if candidate is None and ne - ns <= 30:
            # 明明一边哭，一边嚷着对他妈说。 : the verb that ends the short line
            cues = [m for m in _cue_re().finditer(text, ns, ne) if ctx.is_cue(m.start(), m.end())]
            if cues:
                candidate = "cue", (cues[-1].start(), cues[-1].end())
        # the verb may be followed by whom it addresses (田福军焦虑地问他们。)
        if candidate is not None and candidate[0] == "cue" and ne - candidate[1][1] <= 4 and ne - ns <= 30:
            trail = candidate
    seg.whole_block = after >= pe and starts_paragraph(text, seg)
    if trail is None and seg.whole_block and seg.next_block is not None:
        # “…。”⏎林荣福说，… : the next paragraph opens with the attribution
        ns, ne = seg.next_block
        candidate = _trail(ctx, ns, ne)
        if candidate is not None and candidate[0] == "cue" and speaker_before(ctx, candidate[1][0], ns):
            trail = candidate
    if trail is None and seg.whole_block and seg.next_block is not None:
        # “…。”⏎12月1日，…的陈竺接受记者采访时说。 : a paragraph with no speech of its own that ends in the verb
        cue = _closing_cue(ctx, *seg.next_block)
        if cue is not None:
            trail = "cue", cue
    if trail is not None:
        closes = True
        if trail[0] == "cue":
            seg.trail_cue = trail[1]
        else:
            seg.trail_clause = trail[1]
    elif after < pe and text[after] in "，,":
        nxt = _skip(text, after + 1, pe)
        # 强调“坚决认为…”，并拒绝… / 题词：“…”，充分肯定了… : the quotation is the whole object of the
        # verb or colon before it
        closes = nxt >= pe or text[nxt] in PAIRS or seg.lead in ("verb", "colon", "target")
    sentence_like = bool(_ENDS_SENTENCE.search(content)) or len(_SENTENCE_PUNCT.findall(content)) >= 1
    starts_sentence = not prev or prev in SENTENCE_END or prev in CLOSERS or prev in "）)"
    if trail is None and not seg.lead and starts_sentence and seg.close_mark is not None:
        at = after
        if at < pe and text[at] in "，,":
            at = _skip(text, at + 1, pe)
        if at < pe:
            seg.subject_after = subject_after(ctx, at, pe)
        elif seg.whole_block and seg.next_block is not None and VIEW_RE.match(text, *seg.next_block):
            # “…。”⏎在基地政委梅文眼里，… : the next paragraph opens with whose view it is
            seg.subject_after = subject_after(ctx, *seg.next_block)
    if seg.continued or seg.continues or seg.repair or seg.lead == "prev_colon":
        seg.speech = True
    elif seg.trail_cue is not None and seg.lead not in ("colon", "verb", "target"):
        # “拐点”，但发言人表示… : a term before an attribution is not its speech, nor is a name in marks
        # inside a clause (对话会的主题“构建…：政党的责任”，提醒…)
        seg.speech = ((sentence_like and (starts_sentence or prev in "，,；;"))
                      or bool(_ENDS_SENTENCE.search(content)) or (starts_sentence and len(content) >= 4))
    elif seg.lead in ("colon", "verb", "target"):
        seg.speech = closes and (sentence_like or len(content) >= 4)
    elif seg.lead == "comma":
        seg.speech = closes and ((sentence_like and len(content) >= 8) or _comma_tail(ctx, seg, content, after))
    elif seg.subject_after:
        seg.speech = len(content) >= 6
    elif seg.trail_clause is not None and starts_sentence and sentence_like:
        # “不过——”单支书话锋一转：“…” : a short opening before the speaker goes on after a colon
        seg.speech = True
    else:
        seg.speech = starts_sentence and closes and sentence_like and len(content) >= 6
    # a heading in marks (“坦新政府奉行的执政理念源于中国的成功经验”) may repeat speech quoted below
    seg.echo = not seg.speech and seg.whole_block and len(content) >= 8


#: the object between a target verb and the quotation: a name, a pronoun or a short phrase (该媒体)
_TARGET_OBJECT = re.compile(r"[^，,。！？!?；;：:、“”‘’「」『』（）()的\n]{1,6}")


@cache
def _target_verbs() -> frozenset[str]:
    return lexicons.words("speech_verbs_targets")


def _target_verb(ctx: Context, before_end: int, ps: int) -> tuple[int, int] | None:
    """A verb of the ``speech_verbs_targets`` lexicon before the object that stands right before a quotation
    (指控BBC“…”, 猜测该媒体“…”)."""
    text = ctx.text
    for verb in _target_verbs():
        for obj_len in range(1, 7):
            end = before_end - obj_len
            if end - len(verb) < ps or text[end - len(verb):end] != verb:
                continue
            if _TARGET_OBJECT.fullmatch(text, end, before_end) and ctx.is_cue(end - len(verb), end) \
                    and not nominal(text, end - len(verb)):
                return end - len(verb), end
    return None


def _comma_tail(ctx: Context, seg: Segment, content: str, after: int) -> bool:
    """A quotation after a comma that ends its sentence (王成履职…，“90%以上的违纪案件都是…”。) is the
    subject's speech, unless the clause before it cites someone (像习近平总书记在讲话中提到的那样，“…”)."""
    text = ctx.text
    ps, pe = seg.block
    if len(content) < 10 or not (after >= pe or text[after] in SENTENCE_END):
        return False
    mark = seg.open_mark if seg.open_mark is not None else seg.start
    cs = mark - 1
    while cs > ps and text[cs - 1] not in "，,。！？；;：:“”":
        cs -= 1
    return not any(ctx.is_cue(m.start(), m.end()) for m in _cue_re().finditer(text, cs, mark))


def starts_paragraph(text: str, seg: Segment) -> bool:
    return seg.open_mark is not None and _skip(text, seg.block[0], seg.open_mark) == seg.open_mark


def _trail(ctx: Context, at: int, pe: int) -> tuple[str, tuple[int, int]] | None:
    """An attribution right after a closing mark: ``”海淀区委书记于军表示，`` / ``”她说。`` (a speech verb
    within the clause), or ``”单支书话锋一转：“`` (a clause ending in a colon before more speech)."""
    text = ctx.text
    if at < pe and text[at] in "，,":
        at = _skip(text, at + 1, pe)
    end = at
    limit = min(pe, at + 40)
    while end < limit and text[end] not in "，,。！？!?；;：:“”「」\n":
        end += 1
    if end == at:
        return None
    for m in _cue_re().finditer(text, at, end):
        if ctx.is_cue(m.start(), m.end()) and (m.end() >= end or text[m.end()] not in "了过着的"):
            return "cue", (m.start(), m.end())
    if end < pe and text[end] in "：:" and _skip(text, end + 1, pe) < pe and text[_skip(text, end + 1, pe)] in PAIRS:
        return "clause", (at, end)
    return None


def _closing_cue(ctx: Context, ns: int, ne: int) -> tuple[int, int] | None:
    """The speech verb that ends a paragraph without quotation marks (…接受记者采访时说。), when it has a
    speaker."""
    text = ctx.text
    end = _skip(text, ne, ns, -1)
    if end - ns < 3 or text[end - 1] != "。" or any(c in text[ns:end] for c in PAIRS):
        return None
    last = None
    for m in _cue_re().finditer(text, max(ns, end - 1 - _max_cue_len()), end - 1):
        if m.end() == end - 1 and ctx.is_cue(m.start(), m.end()):
            last = m
            break
    if last is None or not speaker_before(ctx, last.start(), ns):
        return None
    return last.start(), last.end()


@cache
def _max_cue_len() -> int:
    return max((len(v) for v in lexicons.words("speech_verbs")), default=1)


def sentence_bounds(text: str, pos: int, ps: int, pe: int) -> tuple[int, int]:
    """The sentence around ``pos`` inside its paragraph (quotation marks are not looked into)."""
    start = ps
    for i in range(pos - 1, ps - 1, -1):
        if text[i] in SENTENCE_END and (i + 1 >= pe or text[i + 1] not in CLOSERS):
            start = i + 1
            break
    return start, _sentence_end(text, pos, pe)


def _sentence_end(text: str, pos: int, pe: int, stops: str = SENTENCE_END) -> int:
    """Where the sentence from ``pos`` ends: a mark of ``stops`` outside quotation marks, or an ellipsis
    (……) that a new sentence follows without punctuation of its own."""
    depth = 0
    for i in range(pos, pe):
        ch = text[i]
        if ch in PAIRS:
            depth += 1
        elif ch in CLOSERS and depth:
            depth -= 1
        elif (depth == 0 and ch in stops) or (depth == 0 and ch == "…" and text.startswith("……", i) and i + 2 < pe \
                and text[i + 2] not in _AFTER_ELLIPSIS):
            return i
    return pe


def find_indirect(ctx: Context, blocks: list[tuple[int, int]], segments: list[Segment],
                  running: set[tuple[int, int]] | None = None) -> list[Found]:
    """Reported speech after a speech verb with a speaker, to the end of the sentence, in running text."""
    text = ctx.text
    speech = [s for s in segments if s.speech]
    inside = [(s.open_mark if s.open_mark is not None else s.start, s.end) for s in segments]
    # 指控BBC“…” : the verb's speech is the direct quote after its object, not reported speech
    targeted = {s.lead_cue[0] for s in speech if s.lead_cue is not None}
    found: list[Found] = []
    for ps, pe in blocks:
        if running is not None and (ps, pe) not in running:
            continue
        taken_until = ps
        lead: list[Speaker] = []  # who the paragraph opens by reporting (习近平指出，…): its 我 and subject-less verbs
        candidates = sorted([*VIEW_RE.finditer(text, ps, pe), *_cue_re().finditer(text, ps, pe)],
                            key=lambda m: m.start())
        for m in candidates:
            vs, ve = m.start(), m.end()
            view = m.re is VIEW_RE
            if vs < taken_until or any(a <= vs < b for a, b in inside) or vs in targeted:
                continue
            # 任建新说 : a name that ends with 新 or 的 is no noun marker
            if not view and (not ctx.is_cue(vs, ve) or (nominal(text, vs) and not ctx.people_ending(vs))):
                continue
            j = _skip(text, ve, pe)
            if not view and m.group() == "告诉" and (told := _TOLD.match(text, j, pe)) is not None:
                j = told.end() - 1  # 告诉本报记者，… : the one told is no part of what was said
            punct = view or (j < pe and text[j] in "，,：:")
            if punct and not view:
                j = _skip(text, j + 1, pe)
            # 显示出…, 说出了… : a complement after the verb makes it no report
            elif not view and (m.group() not in _bare_verbs() or j >= pe or text[j] in "了过着的出得，。！？"):
                if j >= pe or text[j] in "。！？":
                    report = _report_before(ctx, m, ps, pe, speech)
                    if report is not None:
                        found.append(report)
                        ctx.add_speech(report.start, report.end)
                continue
            if j >= pe or text[j] in "。！？；\n":
                continue
            if not punct and not view and (nxt := _cue_re().match(text, j)) is not None \
                    and ctx.is_cue(nxt.start(), nxt.end()):
                continue  # 他告诉我说，… : the verb right after takes the speech
            if not punct and _gesture(text, j, pe):
                continue  # 表示节日的祝贺 / 表示肯定: an attitude shown, nothing said
            if not punct and not view and m.group() == "称" and _NAMING.match(text, j, pe):
                continue  # 文人们称它为“欧洲之花” : a name given, nothing said
            if not punct and not view and (pointing := _POINTING.match(text, j, pe)) is not None \
                    and text[_skip(text, pointing.end(), pe):_skip(text, pointing.end(), pe) + 1] in ("", "。", "！"):
                continue  # 叶利钦是在…上说这番话的。 : what was said is reported elsewhere
            if not punct and not view and _AMOUNT.match(text, j, pe):
                continue  # 我想多说一点，… : an amount of talk, nothing reported
            if not view and m.group() == "报道" and _BYLINE.search(text, ps, _skip(text, vs, ps, -1)):
                continue  # 本报平壤5月12日电记者赵嘉鸣报道：… : the byline of the article itself
            # speech in marks that opens here and closes the sentence is a direct quote, not this
            if any((s.open_mark is not None and _skip(text, s.open_mark, pe, -1) <= j <= s.open_mark)
                   or s.start == j for s in speech):
                continue
            # speech after a colon without marks (常有人说：…很清闲吧？一年到头…吧。) runs to the full stop: a
            # question inside it does not end what was said
            colon = not view and text[_skip(text, ve, pe)] in "：:"
            end = _sentence_end(text, j, pe, "。" if colon else SENTENCE_END)
            # a direct quote later in the sentence ends the reported part before it
            for s in speech:
                if s.open_mark is not None and j < s.open_mark < end:
                    end = s.open_mark
                    break
            end = _trim_end(text, j, end)
            if end - j < 2:
                continue
            if _inner_report(ctx, j, end):
                continue  # 新华网报道，特朗普表示… : the report inside is the quote
            cut = _before_next_attribution(ctx, j, end)
            if cut < end and cut - j < 6:
                continue  # 昨天，长沙市人民法院宣布，… : only a lead before the report inside, which is the quote
            end = cut
            if view:
                speakers, rule, cue = speaker_of_view(ctx, m), "indirect_view", None
            else:
                speakers, rule, cue = speaker_before(ctx, vs, ps), "indirect_after_verb", m.group()
            cs = clause_start(text, vs, ps)
            opens_sentence = cs == _skip(text, ps, pe) or text[cs - 1] in SENTENCE_END
            if not view and opens_sentence and not speakers and m.group() in ("说", "讲") \
                    and _DISCOURSE.fullmatch(text, cs, vs):
                continue  # 通俗地讲，… / 换句话说，… : the writer's way of putting it, no one's speech
            if lead and opens_sentence and (
                    (len(speakers) == 1 and speakers[0].name == "我")
                    or (not speakers and no_subject(text, cs, strip_fillers(text, cs, vs)))):
                speakers, rule = lead, rule + "_lead"
            if not view and m.group() in _evidence_verbs() and any(sp.start < cs for sp in speakers):
                continue  # …重新发布了细则，表明… : the writer's conclusion from the sentence, no one's speech
            if not speakers:
                continue
            if (not view and len(speakers) == 1 and speakers[0].name == "我" and speakers[0].type == "unnamed"
                    and m.group() in _thought_verbs()):
                continue  # 我相信，… : the writer's own thought, not reported speech
            if not found or found[-1].start < ps:
                lead = speakers if cs == _skip(text, ps, pe) and rule == "indirect_after_verb" else []
            found.append(Found(j, end, "indirect", rule, cue, speakers))
            ctx.add_speech(j, end)
            taken_until = end
    return found


@cache
def _evidence_verbs() -> frozenset[str]:
    return lexicons.words("speech_verbs_evidence")


@cache
def _thought_verbs() -> frozenset[str]:
    return lexicons.words("speech_verbs_thought")


@cache
def _gesture_objects() -> tuple[str, ...]:
    return tuple(lexicons.longest_first(lexicons.words("speech_verbs_objects")))


#: an attitude noun ends the object of a gesture within this many characters (表示对大家节日的祝贺)
_GESTURE_SPAN = 14


def _gesture(text: str, start: int, pe: int) -> bool:
    """Whether what follows a speech verb with no comma is only a noun of attitude (表示祝贺, 表示节日的
    祝贺): the verb shows the attitude and reports nothing."""
    end = start
    limit = min(pe, start + _GESTURE_SPAN + 1)
    while end < limit and text[end] not in "，,。；;！？!?：:“\n":
        end += 1
    if end - start > _GESTURE_SPAN or (end < pe and end == limit and text[end] not in "，,。；;！？!?：:\n"):
        return False
    obj = text[start:end]
    # 表示热烈祝贺，同时感谢… goes on to say something: only an object that ends the sentence or carries a
    # modifier (节日的祝贺) is the whole of it
    return obj.endswith(_gesture_objects()) and ("的" in obj or end >= pe or text[end] in "。；;！!\n")


def _inner_report(ctx: Context, start: int, end: int) -> bool:
    """Whether reported speech opens with its own attribution (特朗普表示可能…)."""
    text = ctx.text
    clause_end = start
    while clause_end < end and text[clause_end] not in "，,。；;：:":
        clause_end += 1
    for m in _cue_re().finditer(text, start, clause_end):
        if ctx.is_cue(m.start(), m.end()) and not nominal(text, m.start()) and m.start() > start:
            after = m.end()
            if (after < end and (text[after] in "，,：:" or m.group() in _bare_verbs())
                    and text[after] not in "了过着的" and speaker_before(ctx, m.start(), start)):
                return True
    return False


def _before_next_attribution(ctx: Context, start: int, end: int) -> int:
    """Where reported speech stops before a later clause of its sentence that names its own speaker
    (…数据显示全国阳性率开始下降，专家指出已达“拐点”…): that clause is the next quote. A pronoun there
    (他认为) may be the same speaker going on, and does not cut."""
    text = ctx.text
    for m in _cue_re().finditer(text, start, end):
        vs, ve = m.start(), m.end()
        if not ctx.is_cue(vs, ve) or nominal(text, vs) or ve >= len(text):
            continue
        if ve == end and text[ve] not in "，,：:":
            continue  # a verb right at the end introduces only the direct quote after it (妇女们则表示，“…”)
        if not (text[ve] in "，,：:" or (m.group() in _bare_verbs() and text[ve] not in "了过着的出")):
            continue
        cs = clause_start(text, vs, start)
        if cs <= start or text[cs - 1] not in "，,；;":
            continue
        speakers = speaker_before(ctx, vs, cs)  # the clause's own subject only: the floor is its start
        # named in the clause itself (a resolved 他 points back before it), and not a pronoun as written
        if speakers and all(sp.start >= cs and text[sp.start:sp.end] not in _pronoun_words() for sp in speakers):
            return _trim_end(text, start, cs - 1)
    return end


@cache
def _pronoun_words() -> frozenset[str]:
    return frozenset({r["pronoun"] for r in lexicons.table("speaker_pronouns")} | {"我", "我们"})


def _report_before(ctx: Context, m: re.Match[str], ps: int, pe: int, speech: list[Segment]) -> Found | None:
    """``…全覆盖。永春县河长办主任潘宇灿告诉记者。`` : a sentence that only names the speaker reports the
    sentence before it."""
    text = ctx.text
    vs = m.start()
    cs = clause_start(text, vs, ps)
    if cs <= ps or text[cs - 1] not in SENTENCE_END:
        return None
    speakers = speaker_before(ctx, vs, ps)
    if not speakers or any(sp.start < cs for sp in speakers):
        return None
    end = cs - 1
    start = end
    while start > ps and text[start - 1] not in SENTENCE_END:
        start -= 1
    start = _skip(text, start, end)
    if end - start < 4 or any(s.open_mark is not None and start <= s.open_mark < end for s in speech) \
            or ctx.in_speech(start):
        return None
    return Found(start, _trim_end(text, start, end), "indirect", "indirect_before_report", m.group(), speakers)


def nominal(text: str, verb_start: int) -> bool:
    """Whether a speech verb is used as a noun: after 的, a coordinating 和/与/及 or a measure word
    (新的要求, 原则和主张, 三条建议, 提出新要求)."""
    if verb_start <= 0:
        return False
    before = text[verb_start - 1]
    if before in _NOUN_MARKS or _LIGHT_VERB.search(text, max(0, verb_start - 6), verb_start):
        return True
    return before == "新" and (verb_start < 2 or text[verb_start - 2] not in "重最创更")


#: a verb that takes a speech verb as its noun object (做重点介绍, 作了详细说明, 进行分析)
_LIGHT_VERB = re.compile(r"(?:做|作|进行|加以|给予|提出|提起)了?(?:重点|详细|简要|简单|具体|专门|深入)?$")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in _SKIP or text[end - 1] in "，,：:；;"):
        end -= 1
    return end


def attribute_direct(ctx: Context, segments: list[Segment], indirect: list[Found],
                     warnings: list[tuple[str, str, int, int]]) -> list[Found]:
    text = ctx.text
    found: list[Found] = []
    chain: list[Speaker] = []  # the speaker of a quotation that runs over several paragraphs
    by_end = sorted(indirect, key=lambda q: q.end)
    ends = [q.end for q in by_end]
    echoes: list[tuple[Segment, bool]] = []  # and whether it is speech (warned about when unmatched)
    last: tuple[Segment, Found] | None = None  # the last quotation found, for one that follows it
    for seg in segments:
        if seg.echo:
            echoes.append((seg, False))
        if not seg.speech and last is not None and _follows(text, last[0], seg):
            # 他们说：“中国市场确实太重要”，“中国伙伴很负责任”。 : the next quotation after a comma is theirs too
            found.append(Found(seg.start, seg.end, "direct", "direct_chained", last[1].cue, last[1].speakers))
            last = seg, found[-1]
            continue
        if not seg.speech:
            continue
        ps, pe = seg.block
        speakers: list[Speaker] = []
        rule = ""
        cue: str | None = None
        if seg.continued and chain:
            speakers, rule = chain, "direct_continued"
        if not speakers and seg.lead == "target" and seg.lead_cue is not None:
            speakers = speaker_before(ctx, seg.lead_cue[0], ps)
            cue, rule = text[seg.lead_cue[0]:seg.lead_cue[1]], "direct_after_target"
        if (not speakers and seg.lead in ("colon", "verb", "comma") and seg.open_mark is not None) or (
                not speakers and seg.repair == "missing_open"):
            mark = seg.open_mark if seg.open_mark is not None else seg.start
            j = _skip(text, mark, ps, -1)
            if j > ps and text[j - 1] in "：:，,":
                j = _skip(text, j - 1, ps, -1)
            verb = ctx.verb_ending_at(j)
            if verb is not None:
                speakers = speaker_before(ctx, verb[0], ps)
                cue, rule = text[verb[0]:verb[1]], "direct_after_cue"
            elif seg.lead == "colon":
                speakers = speaker_of_clause(ctx, j, ps)
                rule = "direct_after_colon"
            elif seg.lead == "comma":
                speakers, rule = sentence_subject(ctx, mark, ps), "direct_sentence_subject"
                if not speakers:
                    # 尽管…，但李顺玉清楚地记得，“…” : the person who opens the clause before the comma
                    person = ctx.person_starting_in(clause_start(text, j, ps), j)
                    if person is not None and not ctx.in_speech(person.start):
                        speakers, rule = [_person_speaker(person)], "direct_clause_person"
        if not speakers and seg.lead == "prev_colon" and seg.prev_block is not None:
            pbs, pbe = seg.prev_block
            j = _skip(text, _skip(text, pbe, pbs, -1) - 1, pbs, -1)
            verb = ctx.verb_ending_at(j)
            if verb is not None:
                speakers = speaker_before(ctx, verb[0], pbs)
                cue, rule = text[verb[0]:verb[1]], "direct_after_cue_line"
            else:
                speakers, rule = speaker_of_clause(ctx, j, pbs), "direct_after_colon_line"
        if not speakers and seg.trail_cue is not None:
            vs, ve = seg.trail_cue
            floor = seg.close_mark + 1 if seg.close_mark is not None and vs < pe else (seg.next_block or seg.block)[0]
            speakers = speaker_before(ctx, vs, floor)
            cue, rule = text[vs:ve], "direct_before_cue"
        if not speakers and seg.trail_clause is not None:
            speakers = speaker_of_clause(ctx, seg.trail_clause[1], seg.trail_clause[0])
            rule = "direct_before_colon"
        if not speakers and seg.subject_after:
            speakers, rule = seg.subject_after, "direct_before_subject"
        if not speakers:
            # the rest of a sentence whose first part is someone's reported speech (…成就，“所有…”)
            s0, _s1 = sentence_bounds(text, seg.open_mark or seg.start, ps, pe)
            for q in indirect:
                if s0 <= q.start < (seg.open_mark or seg.start):
                    speakers, rule, cue = q.speakers, "direct_same_sentence", q.cue
        if not speakers and not seg.lead and seg.open_mark is not None:
            # a quotation on its own after someone's speech in the same paragraph goes on with it
            # (阿披实表示，…。“在这方面，…。”), unless someone else is named in between
            prior = _last_quote_before(found, by_end, ends, ps, seg.open_mark)
            if prior is not None and not _named_between(ctx, prior.end, seg.open_mark):
                speakers, rule, cue = prior.speakers, "direct_same_paragraph", prior.cue
        if not speakers and not seg.lead and seg.open_mark is not None and seg.close_mark is not None \
                and _last_quote_before(found, by_end, ends, ps, seg.open_mark) is None:
            # 温纳貌伦与记者分享了他的高铁体验。“高铁是…” : the one person the sentence before names (after
            # someone else's speech in the paragraph a newly named person is no safe guess)
            speakers = _person_of_previous_sentence(ctx, seg.open_mark, ps)
            rule = "direct_after_person_sentence"
        if not speakers and last is not None and _follows(text, last[0], seg):
            speakers, rule, cue = last[1].speakers, "direct_chained", last[1].cue
        if not speakers:
            interviewee = ctx.interviewee(seg.start)
            if interviewee is not None and seg.lead == "":
                speakers, rule = [interviewee], "direct_interviewee"
        if seg.continues:
            chain = speakers
        elif not seg.continued:
            chain = []
        if not speakers and seg.whole_block:
            echoes.append((seg, True))
            continue
        if not speakers:
            warnings.append(("unattributed_quote", "speech in quotation marks with no speaker found",
                             seg.start, seg.end))
            continue
        start, end = seg.start, seg.end
        while start < end and text[start] in _SKIP:
            start += 1
        while end > start and text[end - 1] in _SKIP:
            end -= 1
        found.append(Found(start, end, "direct", rule + (f"+{seg.repair}" if seg.repair else ""), cue, speakers))
        last = seg, found[-1]
    found.extend(_echoes(text, echoes, found + indirect, warnings))
    return found


def _follows(text: str, prev: Segment, seg: Segment) -> bool:
    """Whether a quotation follows a quoted speech right after its closing mark and a comma, and closes
    its clause (“A”，“B”。), so that it goes on with the same speech."""
    if prev.block != seg.block or prev.close_mark is None or seg.open_mark is None or seg.close_mark is None:
        return False
    if text[prev.close_mark + 1:seg.open_mark].strip(_SKIP) not in ("，", ",", "、"):
        return False
    after = _skip(text, seg.close_mark + 1, seg.block[1])
    return len(text[seg.start:seg.end].strip(_SKIP)) >= 4 and (
        after >= seg.block[1] or text[after] in "，,。；;！？!?、")


def _person_speaker(m: Mention) -> Speaker:
    title = "、".join(m.titles) if m.titles else None
    return Speaker(m.name, "person", title, m.start, m.end)


def _person_of_previous_sentence(ctx: Context, mark: int, ps: int) -> list[Speaker]:
    """The one person named (outside speech) in the sentence that ends right before ``mark``."""
    text = ctx.text
    end = _skip(text, mark, ps, -1)
    if end <= ps or text[end - 1] not in SENTENCE_END:
        return []
    start = end - 1
    while start > ps and text[start - 1] not in SENTENCE_END and text[start - 1] not in CLOSERS:
        start -= 1
    names = ctx.people_named_in(start, end)
    return [_person_speaker(next(iter(names.values())))] if len(names) == 1 else []


def _last_quote_before(found: list[Found], by_end: list[Found], ends: list[int], floor: int,
                       pos: int) -> Found | None:
    """The quote (direct or indirect) that ends last between ``floor`` and ``pos``."""
    best = found[-1] if found and floor <= found[-1].start and found[-1].end <= pos else None
    i = bisect_right(ends, pos) - 1
    if i >= 0 and by_end[i].start >= floor and (best is None or by_end[i].end > best.end):
        best = by_end[i]
    return best


def _named_between(ctx: Context, start: int, end: int) -> bool:
    person = ctx.person_starting_in(start, end)
    while person is not None and ctx.in_speech(person.start):
        person = ctx.person_starting_in(person.end, end)
    return person is not None


#: a heading is compared with at most this many quotes (a guard for hostile input, not a tuning knob)
_ECHO_LIMIT = 2000


def _echoes(text: str, echoes: list[tuple[Segment, bool]], quotes: list[Found],
            warnings: list[tuple[str, str, int, int]]) -> list[Found]:
    """Headings in marks that repeat speech attributed in the body (“为什么要等休假结束以后？明天上午就谈！”
    above 基奎特总统激动地反问我：“为什么…”) take its speaker; a heading's speech found nowhere else stays
    unattributed. Repeats are compared on the characters, ignoring punctuation: most of the heading's
    characters must appear, in order, in the quote."""
    out: list[Found] = []
    bodies = [(q, _letters(text[q.start:q.end])) for q in quotes] if len(quotes) <= _ECHO_LIMIT else []
    for seg, speech in echoes:
        head = _letters(text[seg.start:seg.end])
        match = None
        for q, body in bodies:
            if head and (head in body or (len(head) >= 8 and _covered(head, body) >= 0.8)):
                match = q
                break
        if match is not None:
            out.append(Found(seg.start, seg.end, "direct", "direct_repeated", match.cue, match.speakers))
        elif speech:
            warnings.append(("unattributed_quote", "speech in quotation marks with no speaker found",
                             seg.start, seg.end))
    return out


_NOT_LETTER = re.compile(r"[\s\W_]+")


def _letters(s: str) -> str:
    return _NOT_LETTER.sub("", s)


def _covered(short: str, long: str) -> float:
    from difflib import SequenceMatcher

    blocks = SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(short) if short else 0.0


def find_quotes(doc: Doc) -> tuple[list[Found], list[tuple[str, str, int, int]]]:
    ctx = context_for(doc)
    blocks, running = paragraphs(doc)
    segments, warnings = find_segments(doc_text(doc), blocks)
    starts = {b: i for i, b in enumerate(blocks)}
    for seg in segments:
        i = starts[seg.block]
        seg.prev_block = blocks[i - 1] if i > 0 else None
        seg.next_block = blocks[i + 1] if i + 1 < len(blocks) else None
        classify(ctx, seg)
    ctx.speech_spans = sorted((s.start, s.end) for s in segments if s.speech)
    indirect = find_indirect(ctx, blocks, segments, running)
    direct = attribute_direct(ctx, segments, indirect, warnings)
    epigraphs = find_epigraphs(ctx.text, blocks, segments)
    listed = find_listed(ctx, doc._.clean, blocks, segments)
    quotes = sorted(direct + indirect + epigraphs + listed, key=lambda f: (f.start, f.end))
    return quotes, warnings


#: ``——摘自党的十九大报告`` on the line below a passage quoted from a document
_EXCERPT_RE = re.compile(r"[ *]*(?:——|－－|--)[ *]*摘自[ *]*(《?)([^\n]{2,40}?)》?[ *。]*$")


def find_epigraphs(text: str, blocks: list[tuple[int, int]], segments: list[Segment]) -> list[Found]:
    """A passage set above ``——摘自X`` is a quotation of the document X, marks or not."""
    found: list[Found] = []
    marked = {s.block for s in segments}
    for (ps, pe), (qs, qe) in pairwise(blocks):
        m = _EXCERPT_RE.match(text, qs, qe)
        if m is None or (ps, pe) in marked:
            continue
        start, end = _skip(text, ps, pe), _skip(text, pe, ps, -1)
        if end - start < 4:
            continue
        found.append(Found(start, end, "direct", "direct_epigraph", None,
                           [Speaker(m.group(2), "document", None, m.start(2) - len(m.group(1)), m.end(2))]))
    return found


#: marks that open an item of a list in the raw text (Markdown bullets, typographic bullets)
_BULLETS = frozenset("*-+•·●▪◆")


def _is_item(clean: CleanText, ps: int, pe: int) -> bool:
    """Whether a line is an item of a bulleted list: its raw line opens with a bullet mark."""
    if ps >= pe:
        return False
    raw_at = clean.to_raw[ps]
    line_start = clean.raw.rfind("\n", 0, raw_at) + 1
    head = clean.raw[line_start:raw_at + 1].lstrip(" \t\u3000")
    return bool(head) and head[0] in _BULLETS and (len(head) == 1 or head[1] in " \t" or head[0] not in "*-+")


def find_listed(ctx: Context, clean: CleanText | None, blocks: list[tuple[int, int]],
                segments: list[Segment]) -> list[Found]:
    """A bulleted list right after a line that ends in a colon (国家疾控局给出了具体的防护建议：) reports
    what the line's subject says, one indirect quote per item (GUIDE: the advice is the body's)."""
    if clean is None:
        return []
    text = ctx.text
    marked = {s.block for s in segments if s.speech}
    found: list[Found] = []
    for i, (ps, pe) in enumerate(blocks):
        end = _skip(text, pe, ps, -1)
        if end <= ps or text[end - 1] not in "：:" or i + 1 >= len(blocks):
            continue
        if not _is_item(clean, *blocks[i + 1]):
            below = _speech_below(ctx, ps, end, blocks[i + 1], marked)
            if below is not None:
                found.append(below)
            continue
        colon = _skip(text, end - 1, ps, -1)
        verb = ctx.verb_ending_at(colon)
        speakers = speaker_before(ctx, verb[0], ps) if verb is not None else []
        if not speakers:
            verb = None  # 给出了具体的防护建议： : a noun, the clause's subject speaks
            speakers = speaker_of_clause(ctx, colon, ps)
        if not speakers:
            continue
        for bs, be in blocks[i + 1:]:
            if not _is_item(clean, bs, be):
                break
            start = _skip(text, bs, be)
            stop = _trim_end(text, start, _skip(text, be, bs, -1))
            if stop > start and text[stop - 1] in "。":
                stop = _trim_end(text, start, stop - 1)
            if (bs, be) in marked or stop - start < 4:
                continue
            found.append(Found(start, stop, "indirect", "indirect_listed", text[verb[0]:verb[1]] if verb else None,
                               speakers))
    return found


def _speech_below(ctx: Context, ps: int, end: int, below: tuple[int, int],
                  marked: set[tuple[int, int]]) -> Found | None:
    """王一表示：⏎村里今年修了路。 : speech without marks after a speech verb and colon that end the line above
    is the next paragraph's first sentence (speech in marks there is a direct quote, found elsewhere)."""
    text = ctx.text
    verb = ctx.verb_ending_at(_skip(text, end - 1, ps, -1))
    bs, be = below
    start = _skip(text, bs, be)
    if verb is None or nominal(text, verb[0]) or below in marked or start >= be or text[start] in PAIRS:
        return None
    speakers = speaker_before(ctx, verb[0], ps)
    stop = _trim_end(text, start, _sentence_end(text, start, be, "。"))
    if not speakers or stop - start < 4:
        return None
    return Found(start, stop, "indirect", "indirect_after_cue_line", text[verb[0]:verb[1]], speakers)


def to_matches(found: list[Found]) -> list[Match]:
    out = []
    for f in found:
        speakers = [Speaker(name, sp.type, sp.title, sp.start, sp.end)
                    for sp in f.speakers for name in split_names(sp.name)]
        for n, sp in enumerate(speakers):
            # one quote per speaker (A和B都认为): same span, so the label keeps their info records apart
            label = "QUOTE" if n == 0 else f"QUOTE_{n + 1}"
            out.append(Match(f.start, f.end, label, f.rule, f.score, attrs={
                "kind": f.kind, "cue": f.cue, "speaker": sp.name, "speaker_type": sp.type,
                "speaker_title": sp.title, "speaker_start": sp.start, "speaker_end": sp.end}))
    return out


@Language.component("zhnews_quotes")
def quotes_component(doc: Doc) -> Doc:
    """Quotes as ``doc.spans["quotes"]``; broken marks and unattributed speech as warnings."""
    ensure_context(doc)
    found, warnings = find_quotes(doc)
    doc._.meta.setdefault("warnings", []).extend(warnings)
    set_spans(doc, "quotes", to_matches(found))
    return doc
