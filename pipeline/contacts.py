"""Contacts: phone numbers, emails and web addresses, for ``article.contacts`` (never figures or dates)."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .spans import Match, doc_text, set_spans

# each pattern opens with a lookahead of the characters a match can start with: the engine then skips
# the other positions at once instead of trying the lookbehind and the optional parts at each (see
# bench/README.md; same matches)
EMAIL = re.compile(r"(?=[A-Za-z0-9])(?<![A-Za-z0-9_.+-])[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}"
                   r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
# ASCII only (\\w would take Chinese characters): a Chinese character right after an address ends
# it (见www.people.com.cn上的报道), and one right before a phone number or email does not hide it
_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]"
URL = re.compile(
    r"(?=[A-Za-z0-9\-])"
    rf"(?:(?:https?://|www\.){_URL_CHARS}{{2,500}}"
    # a bare domain with a common top-level domain (people.com.cn, gov.cn/zhengce/…)
    rf"|(?<![@A-Za-z0-9.\-])(?:[A-Za-z0-9-]{{1,63}}\.)+(?:com|cn|net|org|gov|edu|int|info|io)(?![A-Za-z0-9-])"
    rf"(?:/{_URL_CHARS}{{0,500}})?)",
    re.IGNORECASE,
)
# 010-64101949, (010)64101949, +86 10 6410 1949, +86-138-0013-8000, 13800138000, 64101949, 400-810-8888
_SEP = r"[\s\-—]?"
PHONE = re.compile(
    r"(?=[+0-9（(])(?<![A-Za-z0-9_.\-])(?:(?:\+|00)86[\s\-]?(?:[（(]0?\d{2,3}[）)]\s?|0?[1-9]\d{1,2}[\s\-—](?=[2-9]))?"
    r"|(?:[（(]0\d{2,3}[）)]\s?|0\d{2,3}[\s\-—]))?"
    rf"(?:1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}|[2-9]\d{{2,3}}{_SEP}\d{{4}}|[48]00{_SEP}\d{{3}}{_SEP}\d{{4}})(?![\d.%])"
)
#: words right before a number that make it a phone number even without an area code
PHONE_CUES = ("电话", "热线", "手机", "联系方式", "传真", "Tel", "TEL", "tel", "咨询")


def find_contacts(text: str) -> list[Match]:
    found: list[Match] = []
    taken: list[tuple[int, int]] = []
    # emails first: their domain (163.com) is no web address of its own
    for m in EMAIL.finditer(text):
        found.append(Match(m.start(), m.end(), "EMAIL", "email"))
        taken.append((m.start(), m.end()))
    for m in URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)'":
            end -= 1
        if any(a < end and m.start() < b for a, b in taken):
            continue
        found.append(Match(m.start(), end, "URL", "url"))
        taken.append((m.start(), end))
    for m in PHONE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits = re.sub(r"\D", "", m.group())
        cue = text[max(0, m.start() - 8):m.start()]
        # an area code or country code marks a phone; a bare 7-8 digit number (or 300-5000, a range) is
        # one only where the text says so
        prefixed = bool(re.match(r"(?:\+|00|[（(]|0\d)", m.group())) or m.group().startswith(("400", "800"))
        mobile = len(digits) == 11 and digits.startswith("1")
        if prefixed or mobile or any(c in cue for c in PHONE_CUES):
            found.append(Match(m.start(), m.end(), "PHONE", "phone"))
    return sorted(found, key=lambda m: m.start)


@Language.component("zhnews_contacts")
def contacts_component(doc: Doc) -> Doc:
    set_spans(doc, "contacts", find_contacts(doc_text(doc)))
    return doc
